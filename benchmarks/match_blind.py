"""The matcher on the blind pair set: pairs its developers have not seen (issue 17 item 6).

    .venv/bin/python benchmarks/match_blind.py [--errors 15] [--cli] [--json OUT]

Data: benchmarks/data/match_blind/pairs.jsonl (504 labelled cross-script pairs, written before the matcher
was read; see data/match_blind/README.md). Nationalities are read as the person-list reader reads them
(`read_countries`: codes, English or Russian names), then each pair is scored by
`extrashield.matching.score_pair`.

Printed: precision, recall and F1 at DEFAULT_THRESHOLD, at LIKELY_MATCH and at the threshold that gives
the best F1 on this set; the same per country and per kind of pair at the default threshold; the share of
true pairs that blocking would put together (they share a key); and the worst false positives and false
negatives with their notes, so a failure can be traced to a transcription rule.

`--cli` also runs `extrashield match WANTED RECRUITS OUTPUT` on two list files made from the pairs (each
wanted row against the whole recruit list), when that command exists, and scores the pairs it writes.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from extrashield.facts.country_names import read_countries
from extrashield.matching import (
    DEFAULT_THRESHOLD,
    LIKELY_MATCH,
    Person,
    blocking_keys,
    person_from_row,
    score_pair,
)

DATA = Path(__file__).resolve().parent / "data" / "match_blind" / "pairs.jsonl"


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def as_matcher_row(row: dict[str, str], unread: list[str]) -> dict[str, str]:
    """The row as `match` would hand it to the matcher: nationality names read into ISO codes."""
    out = dict(row)
    if row.get("nationality"):
        got = read_countries(row["nationality"])
        if got.value is None:
            unread.append(row["nationality"])
            out.pop("nationality")
        else:
            out["nationality"] = ";".join(got.value) or "none"
    return out


def persons(pair: dict[str, Any], unread: list[str]) -> tuple[Person, Person]:
    wanted = person_from_row(as_matcher_row(pair["wanted"], unread), "w")
    recruit = person_from_row(as_matcher_row(pair["recruit"], unread), "r")
    return wanted, recruit


def prf(scores: Sequence[float], labels: Sequence[int], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    candidates = sorted(set(scores))
    best = max(candidates, key=lambda t: (prf(scores, labels, t)[2], -t))
    return best, prf(scores, labels, best)[2]


def table(title: str, groups: dict[str, list[int]], scores: Sequence[float], labels: Sequence[int]) -> None:
    print(f"\n{title} (at the default threshold {DEFAULT_THRESHOLD})")
    print(f"  {'':<16} {'pairs':>5} {'true':>5} {'P':>6} {'R':>6} {'F1':>6} {'FP':>4} {'FN':>4}")
    for key in sorted(groups):
        idx = groups[key]
        s = [scores[i] for i in idx]
        y = [labels[i] for i in idx]
        p, r, f = prf(s, y, DEFAULT_THRESHOLD)
        fp = sum(1 for a, b in zip(s, y) if a >= DEFAULT_THRESHOLD and not b)
        fn = sum(1 for a, b in zip(s, y) if a < DEFAULT_THRESHOLD and b)
        print(f"  {key:<16} {len(idx):>5} {sum(y):>5} {p:>6.3f} {r:>6.3f} {f:>6.3f} {fp:>4} {fn:>4}")


def show(row: dict[str, str]) -> str:
    name = " / ".join(v for k, v in row.items() if k in ("name", "latin_name"))
    return f"{name} [{row.get('birth_date', '-')}, {row.get('nationality', '-')}]"


def errors(pairs: Sequence[dict[str, Any]], scores: Sequence[float], limit: int) -> None:
    fps = sorted(
        (i for i, p in enumerate(pairs) if not p["label"] and scores[i] >= DEFAULT_THRESHOLD),
        key=lambda i: -scores[i],
    )
    fns = sorted(
        (i for i, p in enumerate(pairs) if p["label"] and scores[i] < DEFAULT_THRESHOLD),
        key=lambda i: scores[i],
    )
    for title, idx in (("False positives", fps), ("False negatives", fns)):
        print(f"\n{title}: {len(idx)} (worst {min(limit, len(idx))})")
        for i in idx[:limit]:
            p = pairs[i]
            print(
                f"  {scores[i]:.3f} {p['id']} {p['country']} {p['kind']}: {show(p['wanted'])}"
                f"  <->  {show(p['recruit'])}\n        {p['notes']}"
            )


def write_list(path: Path, rows: Iterable[dict[str, str]]) -> None:
    rows = list(rows)
    fields = ["id", "name", "latin_name", "birth_date", "nationality"]
    with path.open("w", encoding="utf-8", newline="") as out:
        w = csv.DictWriter(out, fieldnames=fields)
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in fields})


def through_cli(pairs: Sequence[dict[str, Any]]) -> None:
    """`extrashield match` on a wanted list and a recruit list: every wanted row meets every recruit, so
    blocking and the threshold both count; a labelled pair counts as found when its rows are written."""
    exe = shutil.which("extrashield") or str(Path(sys.executable).with_name("extrashield"))
    probe = subprocess.run([exe, "match", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        print("\nCLI: `extrashield match` does not exist here; skipped.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        wanted, recruits, out = Path(tmp, "wanted.csv"), Path(tmp, "recruits.csv"), Path(tmp, "out.csv")
        write_list(wanted, (p["wanted"] for p in pairs))
        write_list(recruits, (p["recruit"] for p in pairs))
        run = subprocess.run(
            [exe, "match", str(wanted), str(recruits), str(out)], capture_output=True, text=True
        )
        if run.returncode != 0:
            print(f"\nCLI: exit {run.returncode}\n{run.stderr[-2000:]}")
            return
        with out.open(encoding="utf-8") as f:
            written = list(csv.DictReader(f))
    if not written:
        print("\nCLI: no pairs written")
        return
    cols = list(written[0])
    left = next((c for c in cols if c.endswith("id") and ("wanted" in c or c.startswith("left"))), cols[0])
    right = next((c for c in cols if c.endswith("id") and ("recruit" in c or c.startswith("right"))), cols[1])
    found = {(r[left], r[right]) for r in written}
    labelled = {(p["wanted"]["id"], p["recruit"]["id"]): p["label"] for p in pairs}
    tp = sum(1 for k, y in labelled.items() if y and k in found)
    fp_labelled = sum(1 for k, y in labelled.items() if not y and k in found)
    fn = sum(1 for k, y in labelled.items() if y and k not in found)
    p = tp / (tp + fp_labelled) if tp + fp_labelled else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"\nCLI `extrashield match` ({left} x {right}): {len(written)} rows written for {len(pairs)} x "
        f"{len(pairs)} rows; on the labelled pairs P {p:.3f} R {r:.3f} F1 {f:.3f}"
        f" ({len(found) - tp - fp_labelled} further pairs between rows of different labelled pairs)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", type=int, default=15, help="false positives and negatives to show")
    ap.add_argument("--cli", action="store_true", help="also run `extrashield match` on two list files")
    ap.add_argument("--json", type=Path, help="write every pair's score here (JSON lines)")
    args = ap.parse_args()

    pairs = load()
    unread: list[str] = []
    scored = [score_pair(*persons(p, unread)) for p in pairs]
    scores = [s.score for s in scored]
    labels = [int(p["label"]) for p in pairs]
    print(f"{len(pairs)} pairs: {sum(labels)} matches, {len(labels) - sum(labels)} non-matches")
    if unread:
        print(f"nationalities the list reader could not read (left unknown): {sorted(set(unread))}")
    for name, t in (("default", DEFAULT_THRESHOLD), ("likely match", LIKELY_MATCH)):
        p, r, f = prf(scores, labels, t)
        print(f"at the {name} threshold {t}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    t, f = best_threshold(scores, labels)
    p, r, _ = prf(scores, labels, t)
    print(f"at the best threshold {t:.3f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")

    unread_keys: list[str] = []
    true_pairs = [persons(p, unread_keys) for p, y in zip(pairs, labels) if y]
    blocked = sum(1 for a, b in true_pairs if blocking_keys(a) & blocking_keys(b))
    print(f"true pairs sharing a blocking key: {blocked}/{len(true_pairs)} ({blocked / len(true_pairs):.3f})")

    by_country: dict[str, list[int]] = defaultdict(list)
    by_script: dict[str, list[int]] = defaultdict(list)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        by_country[pair["country"]].append(i)
        by_script[pair["script"]].append(i)
        by_kind[pair["kind"]].append(i)
    table("Per country", by_country, scores, labels)
    table("Per script of the wanted list's country", by_script, scores, labels)
    table("Per kind of pair", by_kind, scores, labels)
    errors(pairs, scores, args.errors)
    if args.json:
        with args.json.open("w", encoding="utf-8") as out:
            for pair, s in zip(pairs, scored):
                out.write(
                    json.dumps(
                        {
                            "id": pair["id"],
                            "label": pair["label"],
                            "score": s.score,
                            **{f"f_{k}": v for k, v in s.features.items()},
                        }
                    )
                    + "\n"
                )
    if args.cli:
        through_cli(pairs)


if __name__ == "__main__":
    main()
