"""Matching at list scale, end to end (issue 17 item 7): time, CPU time and memory of each phase.

    .venv/bin/python benchmarks/match_scale.py [--wanted 20000] [--recruits 100000] [--workers 2]
        [--seed 23] [--keep DIR] [--sample N] [--through link|cli] [--candidates-only]
        [--planted N] [--hard N] [--missing-dates SHARE] [--east-asian-given measured|syllables]

Makes two person lists with planted matches in a temporary directory (make_match_lists.py: written in
chunks, seeded), then, in this process, measures each phase of linking them:

* read: the two CSV files read in batches (pyarrow) into rows;
* persons: rows to `matching.Person` (`person_from_row`);
* analyse: each person's names taken apart and blocking keys made, once (`matching.prepare`), including
  the first load of rigour's name tables;
* index: the recruits' blocking index;
* candidates: the compared pairs blocking gives (counted, not kept: `link` makes them again), a diagnostic
  outside the total;
* link: `matching.link` over the lists (candidates, the cheap bounds, the full scores, the threshold,
  best first), in `--workers` processes;
* write: one CSV row per linked pair with its explanation in words.

For each phase: wall time, CPU time (this process and its finished workers), and the peak memory of the
process tree so far (proportional set size, sampled every 0.2 s from /proc). Then recall of the planted
pairs and precision of the pairs at the default threshold against them, with the false positives told apart: made
as namesakes or relatives of a recruit, or chance collisions, and whether both birth dates were known.

`--sample N` links only every k-th wanted person, N of them, against the whole recruit list: for lists
whose full run would take hours (100,000 x 1,000,000); the analysis and linking of the wanted list grow
linearly in its length, so the full run's figures are the sample's times the ratio.

`--candidates-only` stops after counting the compared pairs (read, analyse, index, candidates).
`--east-asian-given syllables` makes the lists of before session 25 (make_match_lists.py, `MEASURED_ZIPF`).
`--planted`, `--hard` (the wanted made as namesakes or relatives of a recruit, default a tenth) and
`--missing-dates SHARE` (the share of each list's rows with no birth date, default 0.1; the other date
forms scaled to the rest, the persons unchanged) are make_match_lists.py's. `--keep DIR` reuses the lists
already in DIR whatever options made them: give each set of options its own DIR.

`--through cli` instead runs `extrashield match WANTED RECRUITS OUTPUT` (docs/contract.md §6: read, block,
score, the extradition answer per pair, write) as one child process and measures it whole (with
`--decision-date 2026-06-01` unless `--match-options` gives one, so that every pair is answered); its last
line, `RESULT ...`, holds the figures of issue 17 item 7: CPU, wall, peak PSS, recall, precision, load.
The line before it counts the pairs whose `verdict` column says "likely match" and their precision.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_match_lists

from extrashield.matching import DEFAULT_THRESHOLD, Index, Person, explain, link, person_from_row, prepare

T = TypeVar("T")


def _pss_kb(pid: int) -> int:
    """Proportional set size: the process's resident pages, each page shared with forked workers counted
    once over them all (a sum of RSS would count the inherited heap once per worker)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def tree_memory_kb(pid: int) -> int:
    """Memory of a process and all its descendants (proportional set size)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _pss_kb(p)
        todo += _children(p)
    return total


@dataclass
class Sampler:
    """Peak memory of the process tree, sampled in a thread."""

    pid: int = field(default_factory=os.getpid)
    peak_kb: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> Sampler:
        threading.Thread(target=self._run, daemon=True).start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak_kb = max(self.peak_kb, tree_memory_kb(self.pid))

    def __exit__(self, *exc: object) -> None:
        self._stop.set()


def _cpu() -> float:
    self_, children = os.times()[:2], os.times()[2:4]
    return sum(self_) + sum(children)


@dataclass
class Phase:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    note: str = ""


class Phases:
    def __init__(self, sampler: Sampler) -> None:
        self.sampler = sampler
        self.done: list[Phase] = []

    def run(self, name: str, fn: Callable[[], T], note: Callable[[T], str] = lambda _: "") -> T:
        wall, cpu = time.perf_counter(), _cpu()
        result = fn()
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        self.sampler.peak_kb = max(self.sampler.peak_kb, tree_memory_kb(self.sampler.pid))
        self.done.append(Phase(name, wall, cpu, self.sampler.peak_kb / 1024, note(result)))
        print(f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak {self.sampler.peak_kb / 1024:.0f} MB "
              f"{self.done[-1].note}", flush=True)  # fmt: skip
        return result


def read_rows(path: Path) -> list[dict[str, Any]]:
    """A person list read in batches, every column as text."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    columns = make_match_lists.COLUMNS
    convert = pcsv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string()), strings_can_be_null=True)
    rows: list[dict[str, Any]] = []
    with pcsv.open_csv(
        path, convert_options=convert, read_options=pcsv.ReadOptions(block_size=1 << 22)
    ) as rd:
        for batch in rd:
            rows += batch.to_pylist()
    return rows


def write_links(path: Path, wanted: list[Person], recruits: list[Person], links: list[Any]) -> int:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["wanted_id", "recruit_id", "score", "explanation"])
        for lk in links:
            writer.writerow(
                [wanted[lk.left].id, recruits[lk.right].id, f"{lk.score.score:.4f}", explain(lk.score)]
            )
    return len(links)


def read_truth(path: Path) -> set[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return {(r["wanted_id"], r["recruit_id"]) for r in csv.DictReader(fh)}


def quality(
    found: list[tuple[str, str]], truth: set[tuple[str, str]], planted: int, hard: int, dated: dict[str, bool]
) -> tuple[int, float, float]:
    """Print recall, precision and the false positives by kind; return (pairs, recall, precision)."""
    hits = set(found)
    tp = len(hits & truth)
    fp = sorted(hits - truth)
    recall, precision = tp / max(1, len(truth)), tp / max(1, len(hits))
    print(
        f"quality at {DEFAULT_THRESHOLD}: {len(hits):,} pairs, planted recall {tp}/{len(truth)} = "
        f"{recall:.3f}, precision {precision:.3f}"
    )

    def kind(w: str) -> str:
        i = int(w[1:])
        return "planted person, another recruit" if i < planted else "made as namesake or relative" if i < planted + hard else "chance collision"  # fmt: skip

    counts: dict[str, int] = {}
    for w, r in fp:
        key = f"{kind(w)}, {'both birth dates known' if dated[w] and dated[r] else 'a birth date unknown'}"
        counts[key] = counts.get(key, 0) + 1
    for key, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  false positives: {n:,} {key}")
    return len(hits), recall, precision


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def through_link(
    paths: dict[str, Path],
    out: Path,
    workers: int,
    planted: int,
    hard: int,
    sample: int | None,
    candidates_only: bool = False,
) -> None:
    sampler = Sampler().__enter__()
    phases = Phases(sampler)
    rows = phases.run(
        "read",
        lambda: (read_rows(paths["wanted"]), read_rows(paths["recruits"])),
        lambda r: f"({len(r[1]):,} recruits)",
    )
    wanted, recruits = phases.run("persons", lambda: ([person_from_row(r) for r in rows[0]], [person_from_row(r) for r in rows[1]]))  # fmt: skip
    if sample and sample < len(wanted):
        # every k-th wanted person: planted, made and chance ones in their shares; link is linear in them
        step = len(wanted) // sample
        wanted = wanted[::step][:sample]
        print(f"  linking a sample: every {step}th wanted person, {len(wanted):,} of them")
    dated = {r["id"]: bool(r["birth_date"]) for r in (*rows[0], *rows[1])}
    rows = ([], [])  # the rows are not needed any more
    phases.run("analyse", lambda: (prepare(wanted), prepare(recruits)))
    index = phases.run("index", lambda: Index.build(recruits))
    compared = phases.run(
        "candidates",
        lambda: sum(len(index.candidates(p)) for p in wanted),
        lambda n: f"({n:,} compared pairs)",
    )
    n, m = len(wanted), len(recruits)
    if candidates_only:
        print(f"{n:,} x {m:,}: {compared:,} compared pairs = {compared / (n * m):.4%} of N x M")
        return
    links = phases.run(
        "link", lambda: list(link(wanted, recruits, workers=workers)), lambda lk: f"({len(lk):,} pairs)"
    )
    phases.run("write", lambda: write_links(out, wanted, recruits, links))
    sampler.__exit__()
    total = [p for p in phases.done if p.name != "candidates"]
    wall, cpu = sum(p.wall for p in total), sum(p.cpu for p in total)
    print(
        f"end to end (without 'candidates'): {wall:.1f} s wall, {cpu:.1f} s CPU, peak {sampler.peak_kb / 1024:.0f} MB; "
        f"{n:,} x {m:,}: {compared:,} compared pairs = {compared / (n * m):.4%} of N x M"
    )
    found = [
        (wanted[lk.left].id, recruits[lk.right].id) for lk in links if lk.score.score >= DEFAULT_THRESHOLD
    ]
    ids = {p.id for p in wanted}
    truth = {pair for pair in read_truth(paths["truth"]) if pair[0] in ids}
    quality(found, truth, planted, hard, dated)


def through_cli(
    paths: dict[str, Path], out: Path, planted: int, hard: int, extra: list[str], size: str
) -> None:
    """`extrashield match` as a child process, measured whole (its CPU time is known when it ends)."""
    command = [
        sys.executable,
        "-m",
        "extrashield",
        "match",
        *map(str, (paths["wanted"], paths["recruits"], out)),
        # every pair answered (without a decision date each is `invalid`, and nothing is asked of the law)
        *(["--decision-date", "2026-06-01"] if "--decision-date" not in extra else []),
    ]
    wall = time.perf_counter()
    before = os.times()
    load = _load()
    with Sampler() as sampler:
        proc = subprocess.Popen([*command, *extra])
        sampler.pid = proc.pid
        proc.wait()
    after = os.times()
    wall = time.perf_counter() - wall
    cpu = (after[2] - before[2]) + (after[3] - before[3])
    print(
        f"`extrashield match`: exit {proc.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak {sampler.peak_kb / 1024:.0f} MB"
    )
    if proc.returncode != 0:
        return
    with out.open(encoding="utf-8") as fh:
        scored = [(r["wanted_id"], r["recruit_id"], float(r["score"]), r["verdict"]) for r in csv.DictReader(fh)]  # fmt: skip
    found = [(w, r) for w, r, score, _ in scored if score >= DEFAULT_THRESHOLD]
    dated = {r["id"]: bool(r["birth_date"]) for p in ("wanted", "recruits") for r in read_rows(paths[p])}
    truth = read_truth(paths["truth"])
    pairs, recall, precision = quality(found, truth, planted, hard, dated)
    likely = {(w, r) for w, r, _, said in scored if said == "likely match"}
    right = len(likely & truth)
    print(
        f'verdict "likely match": {len(likely):,} pairs, {right:,} planted: precision '
        f"{right / max(1, len(likely)):.3f}, planted recall {right / max(1, len(truth)):.3f}"
    )
    # the figures of issue 17 item 7 in one line, for a run on a quiet machine
    print(
        f"RESULT {size}: {cpu:.1f} s CPU, {wall:.1f} s wall, peak {sampler.peak_kb / 1024:,.0f} MiB PSS, "
        f"{pairs:,} pairs at {DEFAULT_THRESHOLD}, recall {recall:.3f}, precision {precision:.3f}, "
        f"load average {load} before, {_load()} after"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wanted", type=int, default=20_000)
    parser.add_argument("--recruits", type=int, default=100_000)
    parser.add_argument("--planted", type=int, help="default: a tenth of the wanted")
    parser.add_argument(
        "--hard", type=int, help="namesakes and relatives made from recruits; default a tenth"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument(
        "--keep", type=Path, help="generate the lists here (or reuse them) instead of a temp dir"
    )
    parser.add_argument("--through", choices=["link", "cli"], default="link")
    parser.add_argument(
        "--match-options", nargs="*", default=[], help="with --through cli: more options for `match`"
    )
    parser.add_argument("--sample", type=int, help="link only this many wanted persons (every k-th)")
    parser.add_argument(
        "--candidates-only", action="store_true", help="stop after counting the compared pairs (no link)"
    )
    make_match_lists.add_given_option(parser)
    make_match_lists.add_dates_option(parser)
    args = parser.parse_args()
    planted = args.planted if args.planted is not None else args.wanted // 10
    hard = args.hard if args.hard is not None else args.wanted // 10
    with tempfile.TemporaryDirectory(prefix="match-scale-") as tmp:
        where = args.keep or Path(tmp)
        paths = {
            "wanted": where / "wanted.csv",
            "recruits": where / "recruits.csv",
            "truth": where / "truth.csv",
        }
        if not all(p.exists() for p in paths.values()):
            start = time.perf_counter()
            measured = args.east_asian_given == "measured"
            make_match_lists.write_lists(
                where, args.wanted, args.recruits, planted, hard, args.seed, measured, args.missing_dates
            )
            print(f"lists made in {time.perf_counter() - start:.1f} s (not measured below) in {where}")
        print(f"{args.wanted:,} wanted x {args.recruits:,} recruits, {planted:,} planted, {hard:,} namesakes "
              f"and relatives, a share {args.missing_dates:g} of each list's birth dates missing (if made "
              f"here); {args.workers} workers; load average {Path('/proc/loadavg').read_text().split()[0]}")  # fmt: skip
        if args.through == "cli":
            through_cli(
                paths,
                where / "pairs.csv",
                planted,
                hard,
                args.match_options,
                f"{args.wanted:,} x {args.recruits:,}",
            )
        else:
            through_link(
                paths, where / "pairs.csv", args.workers, planted, hard, args.sample, args.candidates_only
            )


if __name__ == "__main__":
    main()
