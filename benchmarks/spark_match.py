"""Benchmark: linking two lists on Spark local[2] (matching/spark.py) against `matching.link` (2 workers).

    .venv/bin/python benchmarks/spark_match.py --wanted 2000 --recruits 10000

Generated lists with planted pairs (benchmarks/make_match_lists.py, as match_scale.py uses them), read into
persons once; then, in this process, `link` with 2 workers and `link_frames` on a local[2] session, each timed
by the wall clock and by the CPU time of this process's whole tree (for Spark the JVM and its Python
workers), sampled from /proc every half second. Also counts the candidate pairs on Spark, to give a cost per
compared pair for docs/spark.md's estimate. Checks that both found the same pairs with the same scores.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

import make_match_lists
from match_scale import read_rows
from screen import _tree
from spark_screen import _cpu_of

from extrashield.matching import link, person_from_row, prepare


class TreeCpu:
    """CPU seconds of this process and its descendants, sampled every half second while running."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for pid in _tree(os.getpid()):
            cpu = _cpu_of(pid)
            if cpu >= 0:
                self.seen[pid] = max(self.seen.get(pid, 0.0), cpu)

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            self._sample()

    def total(self) -> float:
        self._sample()
        return sum(self.seen.values())

    def __enter__(self) -> TreeCpu:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wanted", type=int, default=2000)
    ap.add_argument("--recruits", type=int, default=10000)
    a = ap.parse_args()
    from extrashield.batch.spark import spark_session
    from extrashield.matching.spark import candidates, link_frames, persons_frame

    with tempfile.TemporaryDirectory() as tmp, TreeCpu() as cpu:
        paths = make_match_lists.write_lists(
            Path(tmp), a.wanted, a.recruits, a.wanted // 10, a.wanted // 10, 23
        )
        left = [person_from_row(r) for r in read_rows(paths["wanted"])]
        right = [person_from_row(r) for r in read_rows(paths["recruits"])]
        c0, t0 = cpu.total(), time.perf_counter()
        prepare(left)
        prepare(right)
        here = sorted((x.left, x.right, x.score.score) for x in link(left, right, workers=2))
        c1, t1 = cpu.total(), time.perf_counter()
        print(
            f"local link, 2 workers: {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU, {len(here):,} pairs",
            flush=True,
        )
        spark = spark_session("local[2]")
        c2, t2 = cpu.total(), time.perf_counter()
        print(f"Spark session: {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU", flush=True)
        lf, rf = persons_frame(spark, left), persons_frame(spark, right)
        n_candidates = candidates(lf, rf).count()
        c3, t3 = cpu.total(), time.perf_counter()
        print(f"Spark candidates: {n_candidates:,} in {t3 - t2:.1f} s wall, {c3 - c2:.1f} s CPU", flush=True)
        there = sorted(
            (int(r[0]), int(r[1]), float(r[2]))
            for r in link_frames(lf, rf).select("left", "right", "score").collect()
        )
        c4, t4 = cpu.total(), time.perf_counter()
        print(
            f"Spark link (candidates again, then scored): {t4 - t3:.1f} s wall, {c4 - c3:.1f} s CPU, "
            f"{len(there):,} pairs; {(c4 - c3) / n_candidates * 1e6:.0f} µs CPU per candidate pair "
            f"(local: {(c1 - c0) / n_candidates * 1e6:.0f}); same pairs and scores: {there == here}",
            flush=True,
        )


if __name__ == "__main__":
    main()
