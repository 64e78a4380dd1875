"""Quality of the matcher (extrashield.matching) on the project's labelled pairs, with two baselines in the
same run.

    uv sync --group bench      # nomenklatura (logic-v2), rapidfuzz, unidecode: the baselines only
    .venv/bin/python benchmarks/match_quality.py [--errors 20]

Data: benchmarks/data/match/pairs.jsonl (generated, `train` and `holdout` parts: the held-out pairs are
made from names the training part never uses) and core.yaml (hand-written). See data/match/README.md.

Reported for each part: precision, recall and F1 of
* extrashield at its default threshold (DEFAULT_THRESHOLD), and its precision and recall at the
  "likely match" threshold (LIKELY_MATCH);
* rapidfuzz's token-sort ratio on names transliterated by unidecode (names only), and nomenklatura's
  logic-v2 alone (names, birth dates, nationalities as FtM Person entities): each at the threshold that
  gives it the best F1 on the training part, that same threshold then applied to the other parts.
Also: the share of true pairs that blocking finds (they share a key), and pairs scored per second.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from extrashield.matching import (
    DEFAULT_THRESHOLD,
    LIKELY_MATCH,
    Person,
    blocking_keys,
    explain,
    person_from_row,
    score_pair,
)

DATA = Path(__file__).resolve().parent / "data" / "match"


def load() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    for n, item in enumerate(yaml.safe_load((DATA / "core.yaml").read_text(encoding="utf-8")), start=1):
        rows.append({"pair": f"core-{n}", "split": "core", **item})
    return rows


def persons(row: dict[str, Any]) -> tuple[Person, Person]:
    return person_from_row(row["wanted"], "w"), person_from_row(row["recruit"], "r")


def prf(scores: Sequence[float], labels: Sequence[int], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    candidates = sorted(set(round(s, 3) for s in scores))
    return max(candidates, key=lambda t: (prf(scores, labels, t)[2], -t))


def rapidfuzz_scorer() -> Callable[[dict[str, Any]], float]:
    from rapidfuzz import fuzz
    from unidecode import unidecode

    def names(record: dict[str, Any]) -> list[str]:
        return [unidecode(record.get(k) or "").lower() for k in ("name", "latin_name") if record.get(k)]

    def score(row: dict[str, Any]) -> float:
        return max(
            (fuzz.token_sort_ratio(a, b) / 100 for a in names(row["wanted"]) for b in names(row["recruit"])),
            default=0.0,
        )

    return score


def logic_v2_scorer() -> Callable[[dict[str, Any]], float]:
    from followthemoney import model
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algorithm = get_algorithm("logic-v2")
    assert algorithm is not None
    config = ScoringConfig.defaults()

    def entity(ident: str, record: dict[str, Any]) -> Any:
        proxy = model.make_entity("Person")
        proxy.id = ident
        for key in ("name", "latin_name"):
            if record.get(key):
                proxy.add("name", record[key])
        if record.get("birth_date"):
            text = str(record["birth_date"])
            if "." in text:
                d, m, y = text.split(".")
                text = f"{y}-{m}-{d}"
            proxy.add("birthDate", text)
        if record.get("nationality"):
            proxy.add("nationality", record["nationality"])
        return proxy

    def score(row: dict[str, Any]) -> float:
        pair = row["pair"]
        result = algorithm.compare(
            entity(f"w-{pair}", row["wanted"]), entity(f"r-{pair}", row["recruit"]), config
        )
        return float(result.score)

    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified pairs")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    rows = load()
    pairs = [persons(r) for r in rows]
    labels = [int(r["label"]) for r in rows]
    start = time.perf_counter()
    ours = [score_pair(a, b) for a, b in pairs]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for a, b in pairs:
        score_pair(a, b)
    warm = time.perf_counter() - start
    scores: dict[str, list[float]] = {"extrashield": [s.score for s in ours]}
    if not args.no_baselines:
        for name, make in (("rapidfuzz+unidecode", rapidfuzz_scorer), ("logic-v2", logic_v2_scorer)):
            fn = make()
            scores[name] = [fn(r) for r in rows]
    parts: dict[str, list[int]] = {"train": [], "holdout": [], "holdout-noisy": [], "core": [], "all": []}
    for i, r in enumerate(rows):
        parts[r["split"]].append(i)
        parts["all"].append(i)
    train = parts["train"]
    thresholds = {"extrashield": DEFAULT_THRESHOLD}
    for name in scores:
        if name != "extrashield":
            thresholds[name] = best_threshold([scores[name][i] for i in train], [labels[i] for i in train])
    print(
        f"pairs: {len(rows)} ({sum(labels)} matches); " + ", ".join(f"{k} {len(v)}" for k, v in parts.items())
    )
    print()
    print("| part | pairs | matcher | threshold | precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|")
    for part, idx in parts.items():
        ys = [labels[i] for i in idx]
        for name, values in scores.items():
            xs = [values[i] for i in idx]
            p, r, f = prf(xs, ys, thresholds[name])
            print(f"| {part} | {len(idx)} | {name} | {thresholds[name]:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
        xs = [scores["extrashield"][i] for i in idx]
        p, r, f = prf(xs, ys, LIKELY_MATCH)
        print(
            f"| {part} | {len(idx)} | extrashield, likely match | {LIKELY_MATCH:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |"
        )
    found = sum(1 for (a, b), y in zip(pairs, labels) if y and blocking_keys(a) & blocking_keys(b))
    print()
    print(f"blocking: {found}/{sum(labels)} true pairs share a key ({found / sum(labels):.3f})")
    print(
        f"scoring: {len(pairs) / cold:,.0f} pairs/s cold (names analysed), {len(pairs) / warm:,.0f} pairs/s warm"
    )
    if args.errors:
        shown = 0
        for i, r in enumerate(rows):
            s = scores["extrashield"][i]
            if (s >= DEFAULT_THRESHOLD) != bool(labels[i]) and shown < args.errors:
                shown += 1
                print(f"\n[{r['split']} {r['kind']} label={labels[i]}] {r['wanted']} | {r['recruit']}")
                print("   ", explain(ours[i]))


if __name__ == "__main__":
    main()
