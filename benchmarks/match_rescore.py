"""Precision and recall of `match` on kept scale lists, re-scored without a full run (issue 17 item 7).

    .venv/bin/python benchmarks/match_rescore.py DIR --dump [--floor 0.45] [--workers 2]
    .venv/bin/python benchmarks/match_rescore.py DIR [--threshold 0.75] [--show 20]

DIR holds lists kept by `benchmarks/match_scale.py --keep DIR` (wanted.csv, recruits.csv, truth.csv).
`--dump` links them once at a low threshold (`--floor`) with the current matcher and keeps every pair at or
above it in DIR/candidates.csv: the costly part (blocking, scoring millions of candidate pairs). Without
`--dump`, the kept pairs, and the planted pairs, are scored again with the current matcher against the
name frequencies of the whole lists (counted as `link` counts them), which takes the analysis of the lists
and a few seconds of scoring: so a change to scoring, dates or the frequency discount that only lowers
scores, or raises them by less than (threshold - floor), is measured as a full run would measure it. A
planted pair below the floor (or never a candidate) is scored too, and counted missed unless blocking
would give it (it counts as found only when it was among the candidates).

Prints recall of the planted pairs and precision at the threshold, the false positives by kind (as
match_scale.py tells them apart) and, with `--show`, the highest false positives and lowest planted pairs.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_scale import read_rows, read_truth

from extrashield.matching import DEFAULT_THRESHOLD, Person, explain, link, person_from_row, prepare
from extrashield.matching.frequency import NameFrequencies
from extrashield.matching.scoring import PairScore, score_pair


def _load(where: Path) -> tuple[list[Person], list[Person], dict[str, bool]]:
    rows = read_rows(where / "wanted.csv"), read_rows(where / "recruits.csv")
    dated = {r["id"]: bool(r["birth_date"]) for r in (*rows[0], *rows[1])}
    return [person_from_row(r) for r in rows[0]], [person_from_row(r) for r in rows[1]], dated


def dump(where: Path, floor: float, workers: int) -> None:
    wanted, recruits, _ = _load(where)
    prepare(wanted)
    with (where / "candidates.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["wanted_id", "recruit_id", "score"])
        n = 0
        for lk in link(wanted, recruits, threshold=floor, workers=workers):
            writer.writerow([wanted[lk.left].id, recruits[lk.right].id, f"{lk.score.score:.4f}"])
            n += 1
    print(f"{n:,} pairs at or above {floor} kept in {where / 'candidates.csv'}")


def kind(wanted_id: str, planted: int, hard: int) -> str:
    i = int(wanted_id[1:])
    return "planted person, another recruit" if i < planted else "made namesake or relative" if i < planted + hard else "chance namesake"  # fmt: skip


def rescore(where: Path, threshold: float, show: int, features: Path | None = None) -> None:
    wanted, recruits, dated = _load(where)
    prepare(wanted)
    prepare(recruits)
    frequencies = NameFrequencies.of_lists(wanted, recruits)
    by_id = {p.id: p for p in (*wanted, *recruits)}
    truth = read_truth(where / "truth.csv")
    with (where / "candidates.csv").open(encoding="utf-8") as fh:
        kept = [(r["wanted_id"], r["recruit_id"]) for r in csv.DictReader(fh)]
    planted = hard = len(wanted) // 10
    scored: dict[tuple[str, str], PairScore] = {
        pair: score_pair(by_id[pair[0]], by_id[pair[1]], frequencies) for pair in {*kept, *truth}
    }
    if features is not None:
        _features(features, scored, {*kept}, truth, dated, planted, hard)
    found = {pair for pair in kept if scored[pair].score >= threshold}
    tp, fp = found & truth, sorted(found - truth)
    recall, precision = len(tp) / len(truth), len(tp) / max(1, len(found))
    print(
        f"at {threshold}: {len(found):,} pairs, planted recall {len(tp)}/{len(truth)} = {recall:.3f}, "
        f"precision {precision:.3f}; {len(kept):,} kept pairs re-scored"
    )
    counts = Counter(
        f"{kind(w, planted, hard)}, {'both birth dates known' if dated[w] and dated[r] else 'a birth date unknown'}"
        for w, r in fp
    )
    for key, n in counts.most_common():
        print(f"  false positives: {n:,} {key}")
    missed = sorted(truth - found, key=lambda p: -scored[p].score)
    print(f"  missed planted: {len(missed)} ({sum(1 for p in missed if p not in set(kept))} below the floor)")
    for title, pairs in (
        ("false positives", sorted(fp, key=lambda p: -scored[p].score)[:show]),
        ("missed planted", missed[:show]),
    ):
        for w, r in pairs if show else ():
            s = scored[(w, r)]
            print(f"{title}: {w} {r} {s.score:.3f} | {by_id[w].names} | {by_id[r].names} | {explain(s)}")


def _features(
    path: Path,
    scored: dict[tuple[str, str], PairScore],
    kept: set[tuple[str, str]],
    truth: set[tuple[str, str]],
    dated: dict[str, bool],
    planted: int,
    hard: int,
) -> None:
    """Each pair's features, to try weights on without scoring again."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["wanted_id", "recruit_id", "planted", "kept", "kind", "dated_w", "dated_r", "score", "name",
             "date", "nationality", "namesakes", "discount", "words", "group"]
        )  # fmt: skip
        for (w, r), s in scored.items():
            f = s.frequency
            writer.writerow(
                [w, r, int((w, r) in truth), int((w, r) in kept), kind(w, planted, hard), int(dated[w]),
                 int(dated[r]), s.score, round(s.name.score, 4), "" if s.birth_date is None else s.birth_date.score,
                 "" if s.nationality is None else s.nationality, "" if f is None else f"{f.namesakes:.5g}",
                 "" if f is None else f.discount, "" if f is None else len(f.words), "" if f is None else f.group]
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("where", type=Path)
    parser.add_argument("--dump", action="store_true")
    parser.add_argument("--floor", type=float, default=0.45)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--features", type=Path, help="write each re-scored pair's features to this CSV")
    args = parser.parse_args()
    if args.dump:
        dump(args.where, args.floor, args.workers)
    else:
        rescore(args.where, args.threshold, args.show, args.features)


if __name__ == "__main__":
    main()
