"""How many pairs blocking keeps and how fast pairs are scored, on two generated lists with planted matches.

    .venv/bin/python benchmarks/match_blocking.py [--wanted 2000] [--recruits 10000] [--planted 500]
        [--keys-out keys.parquet]

Recruits are persons drawn from the name bank of benchmarks/data/match/names.yaml, written as Russian
records (make_match_pairs.py); `--planted` of the wanted persons are recruits written as a notice would
write them (Latin or native script), the others are new persons from the same bank, so that namesakes
and shared family names collide as they do in real lists. Reported: each phase's time, the candidate
pairs against N x M, the share of planted pairs that blocking finds, and precision and recall at the
default threshold. `--keys-out` writes each person's blocking keys for benchmarks/match_splink.py.

A quick measurement for issue 17 item 6, not the end-to-end run of item 7 (reading, answering, writing).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_match_pairs as gen

from extrashield.matching import DEFAULT_THRESHOLD, Index, blocking_keys, person_from_row, score_pair


def lists(
    n_wanted: int, n_recruits: int, planted: int, seed: int
) -> tuple[list[dict[str, str]], list[dict[str, str]], set[tuple[int, int]]]:
    rng = random.Random(seed)
    bank = gen.load_bank()
    countries = sorted(bank)
    people = [
        gen.make_person(rng, bank, rng.choice(countries), rng.random() < 0.3) for _ in range(n_recruits)
    ]
    recruits = []
    for i, p in enumerate(people):
        name = gen.russian_name(rng, p, rng.random() < 0.4, rng.random() < 0.4, rng.random() < 0.15)
        recruits.append(
            {
                "id": f"R{i}",
                "name": name,
                "birth_date": gen.date_text(rng, p.born, 0.6, 0.1, 0.1),
                "nationality": p.country if rng.random() < 0.65 else "",
            }
        )
    wanted = []
    truth: set[tuple[int, int]] = set()
    chosen = rng.sample(range(n_recruits), planted)
    for i in range(n_wanted):
        if i < planted:
            p = people[chosen[i]]
            truth.add((i, chosen[i]))
        else:
            p = gen.make_person(rng, bank, rng.choice(countries), rng.random() < 0.3)
        name, _ = gen.latin_name(rng, p, native_ok=True)
        wanted.append(
            {
                "id": f"W{i}",
                "name": name,
                "birth_date": gen.date_text(rng, p.born, 0.75, 0.0, 0.1),
                "nationality": p.country,
            }
        )
    return wanted, recruits, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wanted", type=int, default=2000)
    parser.add_argument("--recruits", type=int, default=10000)
    parser.add_argument("--planted", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keys-out", type=Path)
    parser.add_argument("--no-score", action="store_true", help="blocking only")
    args = parser.parse_args()
    wanted_rows, recruit_rows, truth = lists(args.wanted, args.recruits, args.planted, args.seed)
    t0 = time.perf_counter()
    wanted = [person_from_row(r) for r in wanted_rows]
    recruits = [person_from_row(r) for r in recruit_rows]
    index = Index.build(recruits)
    t1 = time.perf_counter()
    pairs = [(i, j) for i, w in enumerate(wanted) for j in sorted(index.candidates(w))]
    t2 = time.perf_counter()
    scores = [] if args.no_score else [score_pair(wanted[i], recruits[j]).score for i, j in pairs]
    t3 = time.perf_counter()
    found = truth & set(pairs)
    hits = {pair for pair, s in zip(pairs, scores) if s >= DEFAULT_THRESHOLD}
    tp = len(hits & truth)
    total = args.wanted * args.recruits
    print(
        f"lists: {args.wanted:,} wanted x {args.recruits:,} recruits = {total:,} possible pairs; "
        f"{args.planted} planted matches"
    )
    print(f"keys and index (names analysed): {t1 - t0:.2f} s")
    print(
        f"candidate pairs: {len(pairs):,} ({len(pairs) / total:.4%} of N x M) in {t2 - t1:.2f} s; "
        f"planted pairs found by blocking: {len(found)}/{len(truth)} ({len(found) / len(truth):.3f})"
    )
    if not args.no_score:
        print(f"scoring: {len(pairs):,} pairs in {t3 - t2:.2f} s = {len(pairs) / (t3 - t2):,.0f} pairs/s")
        print(
            f"at the default threshold {DEFAULT_THRESHOLD}: {len(hits):,} pairs; planted recall {tp / len(truth):.3f}; "
            f"precision against planted pairs {tp / max(1, len(hits)):.3f} (pairs other than the planted ones "
            f"may be true namesakes the generator drew twice)"
        )
    if args.keys_out is not None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        def table(persons: list, side: str) -> pa.Table:
            return pa.table(
                {
                    "unique_id": [f"{side}{n}" for n in range(len(persons))],
                    "keys": [sorted(blocking_keys(p)) for p in persons],
                }
            )

        pq.write_table(table(wanted, "W"), args.keys_out.with_suffix(".wanted.parquet"))
        pq.write_table(table(recruits, "R"), args.keys_out.with_suffix(".recruits.parquet"))
        print(f"keys written to {args.keys_out.with_suffix('.wanted.parquet')} and .recruits.parquet")


if __name__ == "__main__":
    main()
