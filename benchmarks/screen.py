"""Benchmark of `extrashield screen` on Parquet, against a Python loop of `extrashield.assess`.

    .venv/bin/python benchmarks/screen.py --rows 1000000 [--memory-rows 10000000] [--sample 2000]

1. Generates ROWS random cases (the nested format of docs/contract.md §3; unknowns, lists, dates on both sides
   of 2026-03-19) to a Parquet file, directly as Arrow columns.
2. I/O floor: the same start-up, reading and writing in a subprocess with no evaluation (a fixed result per
   row): the bound no engine can pass on this machine with this file.
3. End to end: runs `extrashield screen IN.parquet OUT.parquet` in a subprocess (read, validate, evaluate,
   depends_on, write) with 1 worker and with one worker per core, and records wall time and peak RSS.
4. Evaluate only: converts and evaluates the whole table in memory (no I/O), timed.
5. Baseline, in the same run: `extrashield.assess` in a Python loop over SAMPLE rows of the same file,
   after 500 other rows (the single-case path compiles code the first time it meets a set of readings
   and a stretch of the law).
6. With --memory-rows, screens a file of that many rows end to end and records the peak RSS of the
   command and of its largest worker, then again sampling the memory (PSS) of the whole process tree.

Prints the figures as a Markdown table row for benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/screen.py --lists 100000,1000000 [--rounds 2] [--kinds flat,nested]

Instead (issue 16 item 7): for each size, a person list generated like a real one (benchmarks/real_list.py,
written to disk in chunks) as a flat CSV and the same persons as nested Parquet, each screened end to end by
`extrashield screen` with its defaults (results to Parquet), alternately in the same run: wall time, and the
peak memory of the whole process tree (the command and its worker processes, sampled every 50 ms from /proc)
as RSS summed (shared pages counted in every process) and PSS summed (shared pages counted once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATES = [f"{y}-{m:02d}-{d:02d}" for y in range(2015, 2028) for m in (1, 3, 6, 9) for d in (1, 18, 19, 20)]
# start dates before end dates, so that (almost) every generated case is valid, as in a cleaned list
EARLY = [d for d in DATES if d < "2024-01-01"]
LATE = [d for d in DATES if d >= "2024-01-01"]
DECISION = ["2026-01-15", "2026-03-18", "2026-03-19", "2026-04-01", "2026-09-01", "2027-02-01"]


def _pick(
    rng: np.random.Generator,
    pool: list,
    n: int,
    p_null: float,
    type_: pa.DataType = pa.string(),  # noqa: B008 - an immutable type
) -> pa.Array:
    idx = rng.integers(0, len(pool), n)
    mask = rng.random(n) < p_null
    return pa.array(pool, type_).take(pa.array(idx, mask=mask))


def _bools(rng: np.random.Generator, n: int, p_true: float, p_null: float) -> pa.Array:
    return pa.array(rng.random(n) < p_true, mask=rng.random(n) < p_null)


def generate(n: int, seed: int = 5) -> pa.RecordBatch:
    rng = np.random.default_rng(seed)

    def lst(make_items, max_len: int, p_null: float, min_len: int = 0) -> pa.Array:
        lens = rng.integers(min_len, max_len + 1, n)
        offsets = np.zeros(n + 1, np.int32)
        np.cumsum(lens, out=offsets[1:])
        items = make_items(int(offsets[-1]))
        return pa.ListArray.from_arrays(pa.array(offsets), items, mask=pa.array(rng.random(n) < p_null))

    def citizenships(m: int) -> pa.StructArray:
        return pa.StructArray.from_arrays(
            [
                _pick(rng, ["NP", "IN", "CU", "KG", "UZ", "RU", "LK"], m, 0.0),
                _pick(rng, EARLY, m, 0.8),
                _pick(rng, LATE, m, 0.9),
            ],
            ["country", "from", "until"],
        )

    def services(m: int) -> pa.StructArray:
        return pa.StructArray.from_arrays(
            [
                _pick(
                    rng,
                    [
                        "armed_forces",
                        "other_military_formation",
                        "volunteer_formation",
                        "private_military_company",
                    ],
                    m,
                    0.05,
                ),
                _pick(rng, EARLY, m, 0.1),
                _pick(rng, LATE + ["ongoing"] * 20, m, 0.1),
                _bools(rng, m, 0.5, 0.2),
            ],
            ["formation", "contract_from", "contract_until", "combat"],
        )

    person = pa.StructArray.from_arrays(
        # 1-2 citizenships: no citizenship at all with "not stateless" is a contradiction (refused)
        [
            lst(citizenships, 2, 0.05, min_len=1),
            _bools(rng, n, 0.0, 0.1),
            pa.StructArray.from_arrays([_bools(rng, n, 0.02, 0.05)], ["granted"]),
            lst(services, 2, 0.05),
            _pick(rng, DATES, n, 0.3),
        ],
        ["citizenships", "stateless", "asylum_in_russia", "military_service", "birth_date"],
    )
    offense = pa.StructArray.from_arrays(
        [
            _pick(rng, DATES, n, 0.05),
            _bools(rng, n, 0.05, 0.05),
            _bools(rng, n, 0.05, 0.05),
            _bools(rng, n, 0.95, 0.03),
            _bools(rng, n, 0.95, 0.03),
            _pick(rng, [0.5, 1.0, 2.0, 5.0, 10.0, 15.0], n, 0.05, pa.float64()),
            _bools(rng, n, 0.02, 0.05),
            _bools(rng, n, 0.95, 0.05),
            _bools(rng, n, 0.02, 0.05),
            _bools(rng, n, 0.02, 0.05),
        ],
        [
            "committed_on",
            "committed_in_russia",
            "against_russian_interests",
            "crime_under_russian_law",
            "crime_under_requesting_law",
            "max_penalty_years",
            "intentional",
            "no_limitation",
            "private_prosecution",
            "political_persecution",
        ],
    )
    request = pa.StructArray.from_arrays(
        [
            _pick(rng, ["NP", "IN", "CU", "KG", "UZ", "LK"], n, 0.0),
            _pick(rng, ["prosecution"] * 9 + ["sentence"], n, 0.03),
            _pick(rng, ["treaty", "reciprocity", "none"], n, 0.03),
            offense,
            pa.StructArray.from_arrays(
                [_bools(rng, n, 0.95, 0.05), _bools(rng, n, 0.95, 0.05)],
                ["specialty", "no_onward_extradition"],
            ),
        ],
        ["requesting_state", "purpose", "legal_basis", "offense", "guarantees"],
    )
    proceedings = pa.StructArray.from_arrays(
        [
            _pick(rng, ["none"] * 17 + ["ongoing", "final_judgment", "terminated"], n, 0.05),
            _bools(rng, n, 0.03, 0.1),
            _bools(rng, n, 0.02, 0.1),
            _bools(rng, n, 0.02, 0.05),
        ],
        ["same_act", "limitation_expired", "other_lawful_ground", "court_found_obstacles"],
    )
    ids = (
        pa.array([f"row-{i}" for i in range(n)])
        if n <= 2_000_000
        else pa.array(np.char.add("row-", np.arange(n).astype(str)))
    )
    return pa.RecordBatch.from_arrays(
        [ids, _pick(rng, DECISION, n, 0.0), person, request, proceedings],
        ["id", "decision_date", "person", "request", "russian_proceedings"],
    )


def write_cases(path: Path, n: int, chunk: int = 1_000_000) -> None:
    writer = None
    for start in range(0, n, chunk):
        batch = generate(min(chunk, n - start), seed=start + 5)
        if writer is None:
            writer = pq.ParquetWriter(path, batch.schema, compression="zstd")
        writer.write_batch(batch, row_group_size=131072)
    assert writer is not None
    writer.close()


# The command's own peak: VmHWM of its address space. (ru_maxrss would not do: Linux carries the peak of the
# process that spawned it across exec, i.e. this benchmark's own memory with its generated table.)
_RSS = (
    "import resource\nfrom pathlib import Path\nst = Path('/proc/self/status')\n"
    "own = next((int(l.split()[1]) for l in st.read_text().splitlines() if l.startswith('VmHWM:')), None) "
    "if st.exists() else None\n"
    "print(own or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


def _timed(code: str) -> tuple[float, float, float]:
    """Wall seconds, peak RSS of the process and of its largest child (MB) of `code` in a new Python."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code + "\n" + _RSS], capture_output=True, text=True, cwd=ROOT
    )
    wall = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(proc.stderr)
    own, child = proc.stderr.strip().splitlines()[-1].split()
    return wall, int(own) / 1024, int(child) / 1024


def _tree(root: int) -> set[int]:
    """A process and all its descendants (from /proc)."""
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(c for c, p in parent.items() if p == pid and c not in tree)
    return tree


def _tree_memory_mb(root: int) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over a process and all its descendants. RSS counts a page shared by a forked
    worker and its parent in each (an upper bound); PSS counts it once in all (what the tree really takes)."""
    rss = pss = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def _tree_pss_mb(root: int) -> float:
    """Proportional set size (MB) of a process and all its descendants: shared pages (a forked worker's
    copy of its parent) counted once in all, unlike RSS."""
    return _tree_memory_mb(root)[1]


def run_sampled(code: str, every: float = 0.05) -> tuple[float, float, float]:
    """`code` in a new Python: wall seconds and the peaks of the whole process tree's memory, RSS and PSS
    summed over the command and its workers (MB; sampled every `every` seconds; Linux only, 0 elsewhere)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    rss = pss = 0.0
    linux = Path("/proc/self/smaps_rollup").exists()
    while proc.poll() is None:
        if linux:
            r, p = _tree_memory_mb(proc.pid)
            rss, pss = max(rss, r), max(pss, p)
        time.sleep(every)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(err or "screen failed")
    return wall, rss, pss


def run_screen_sampled(inp: Path, out: Path, workers: int) -> tuple[float, float]:
    """`extrashield screen` in a child process: wall seconds and the peak of the whole process tree's
    memory (PSS, sampled every 50 ms; Linux only, 0 elsewhere)."""
    wall, _rss, pss = run_sampled(_screen_code(inp, out, workers, "--batch-rows", CASE_BATCH_ROWS))
    return wall, pss


# The generated cases are mostly determined, and screened in batches of this many rows, as `screen` did by
# default until 16,384 (for memory): so that the figures stay comparable across sessions and checkouts.
CASE_BATCH_ROWS = "131072"


def run_screen(inp: Path, out: Path, workers: int) -> tuple[float, float, float]:
    """`extrashield screen` in a child process: wall seconds, peak RSS (MB) of it and of its largest worker."""
    return _timed(_screen_code(inp, out, workers, "--batch-rows", CASE_BATCH_ROWS))


def _screen_code(inp: Path, out: Path, workers: int | None, *more: str) -> str:
    """A Python program that runs `extrashield screen INP OUT --workers N` as the command line does (without
    --workers when N is None: the command's default)."""
    args = [str(inp), str(out), *(["--workers", str(workers)] if workers else []), *more]
    return (
        "import sys; from extrashield.adapters.cli.main import main; "
        f"sys.argv=['extrashield','screen',*{args!r}]\ntry:\n main()\nexcept SystemExit:\n pass"
    )


def lists(
    sizes: list[int],
    workers: int | None,
    rounds: int,
    more: list[str],
    kinds: tuple[str, ...] = ("flat", "nested"),
) -> None:
    """Issue 16 item 7: a person list generated like a real one (benchmarks/real_list.py) as a flat CSV, and the
    same persons as nested Parquet, each screened end to end by `extrashield screen` (results to Parquet),
    alternately in the same run; wall time and the peak memory of the whole process tree (RSS and PSS
    summed over the command and its workers)."""
    from benchmarks import real_list

    tmp = Path(tempfile.mkdtemp(prefix="extrashield-lists-"))
    rows_out = []
    for n in sizes:
        flat, nested = tmp / f"list-{n}.csv", tmp / f"cases-{n}.parquet"
        t = time.perf_counter()
        real_list.write_list(flat, n)
        if "nested" in kinds:
            real_list.write_cases(flat, nested)
        print(
            f"generated {n:,} persons in {time.perf_counter() - t:.0f} s: flat CSV "
            f"{flat.stat().st_size / 1e6:.0f} MB"
            + (f", nested Parquet {nested.stat().st_size / 1e6:.0f} MB" if nested.exists() else ""),
            flush=True,
        )
        got: dict[str, list[tuple[float, float, float]]] = {"flat": [], "nested": []}
        for _ in range(rounds):
            for kind, path in (("flat", flat), ("nested", nested)):
                if kind not in kinds:
                    continue
                out = tmp / f"out-{kind}.parquet"
                got[kind].append(run_sampled(_screen_code(path, out, workers, *more)))
                wall, rss, pss = got[kind][-1]
                print(f"  {kind}: {wall:.1f} s, peak tree RSS {rss:.0f} MB, PSS {pss:.0f} MB", flush=True)
                out.unlink()
        best = {k: min(v) if v else (0.0, 0.0, 0.0) for k, v in got.items()}
        peaks = {
            k: f"{max(r for _, r, _ in v):.0f} / {max(p for _, _, p in v):.0f} MB" if v else "–"
            for k, v in got.items()
        }
        ratio = f"{best['flat'][0] / best['nested'][0]:.2f}" if got["flat"] and got["nested"] else "–"
        rows_out.append(
            f"| {dt.date.today()} | {n:,} | {best['flat'][0]:.1f} s | {best['nested'][0]:.1f} s | {ratio} | "
            f"{peaks['flat']} | {peaks['nested']} |"
        )
        flat.unlink()
        nested.unlink(missing_ok=True)
    print(
        "\n| date | persons | flat CSV (best) | nested Parquet (best) | flat / nested | flat: peak tree RSS / PSS "
        "| nested: peak tree RSS / PSS |"
    )
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows_out))


def run_io_floor(inp: Path, out: Path) -> float:
    """The same start-up, reading and writing as `screen`, with no evaluation: every row gets a fixed result
    of the same shape. What no engine can beat on this machine with this file."""
    code = f"""import sys
import numpy as np, pyarrow as pa
import extrashield.adapters.cli.main
from extrashield.batch.formats import open_writer, read_batches
from extrashield.batch.results import RESULT_SCHEMA, plain_schema
schema = plain_schema(RESULT_SCHEMA)
with open_writer({str(out)!r}, "parquet") as w:
    for b in read_batches({str(inp)!r}, "parquet", 131072):
        n = b.data.num_rows
        lists = pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, np.int32)), pa.array([], pa.string()))
        fixed = {{"id": b.data.column(0), "outcome": pa.array(["barred"] * n), "applies": lists,
                 "depends_on": lists, "questions": lists}}
        # every other column (error, notes, one status per ground) a constant of its type
        cols = [fixed[f.name] if f.name in fixed else
                pa.nulls(n, f.type) if f.name in ("error", "notes") else
                pa.array(["does_not_apply"] * n, f.type)
                for f in schema]
        w.write(pa.RecordBatch.from_arrays(cols, schema=schema))
"""
    return _timed(code)[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--memory-rows", type=int, default=0)
    ap.add_argument(
        "--lists",
        metavar="N,N,...",
        help="instead: person lists of these sizes, flat CSV against the same persons as nested Parquet",
    )
    ap.add_argument(
        "--workers", type=int, default=None, help="with --lists: screen's --workers (default: its own)"
    )
    ap.add_argument("--rounds", type=int, default=1, help="with --lists: runs of each file, alternating")
    ap.add_argument("--screen-args", default="", help="with --lists: more arguments for screen")
    ap.add_argument("--kinds", default="flat,nested", help="with --lists: flat, nested or both (default)")
    args = ap.parse_args()
    if args.lists:
        sizes = [int(x.replace("_", "")) for x in args.lists.split(",")]
        lists(sizes, args.workers, args.rounds, args.screen_args.split(), tuple(args.kinds.split(",")))
        return

    import extrashield
    from extrashield.batch.screening import Screener

    tmp = Path(tempfile.mkdtemp(prefix="extrashield-bench-"))
    inp, out = tmp / "cases.parquet", tmp / "results.parquet"
    t = time.perf_counter()
    write_cases(inp, args.rows)
    print(
        f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f} s ({inp.stat().st_size / 1e6:.0f} MB)"
    )

    floor = run_io_floor(inp, out)
    print(f"I/O floor (start-up, read, write; no evaluation): {floor:.2f} s, {args.rows / floor:,.0f} rows/s")
    one = run_screen(inp, out, 1)
    print(f"end to end, 1 worker: {one[0]:.2f} s, {args.rows / one[0]:,.0f} rows/s, peak RSS {one[1]:.0f} MB")
    workers = os.cpu_count() or 1
    wall, rss, child = run_screen(inp, out, workers)
    print(
        f"end to end, {workers} workers: {wall:.2f} s, {args.rows / wall:,.0f} rows/s, "
        f"peak RSS {rss:.0f} MB + at most {child:.0f} MB per worker process"
    )

    table = pq.read_table(inp)
    batches = table.to_batches(max_chunksize=131072)
    s = Screener()
    t = time.perf_counter()
    for b in batches:
        s.screen(b, lambda idx, b=b: b.take(pa.array(idx, pa.int64())).to_pylist())
    evaluate = time.perf_counter() - t
    print(
        f"evaluate only (convert, validate, evaluate, depends_on; no I/O): {evaluate:.2f} s, {args.rows / evaluate:,.0f} rows/s"
    )

    sample = table.slice(0, args.sample).to_pylist()
    # steady state, as the batch engine is measured: the single-case path compiles code for each set of
    # readings and stretch of the law the first time it meets one, so 500 other rows are run first
    for row in table.slice(args.sample, 500).to_pylist():
        try:
            extrashield.assess(row)
        except extrashield.CaseError:
            pass
    t = time.perf_counter()
    for row in sample:
        try:
            extrashield.assess(row)
        except extrashield.CaseError:
            pass
    loop = (time.perf_counter() - t) / len(sample)
    print(f"loop of assess: {loop * 1e6:.0f} µs/row ({1 / loop:,.0f} rows/s)")
    print(
        f"per row: end to end {loop / (wall / args.rows):.0f}x the loop, evaluate only {loop / (evaluate / args.rows):.0f}x"
    )

    mem = ""
    if args.memory_rows:
        big = tmp / "big.parquet"
        write_cases(big, args.memory_rows)
        wall10, rss10, child10 = run_screen(big, tmp / "big-results.parquet", workers)
        wall_s, pss10 = run_screen_sampled(big, tmp / "big-results.parquet", workers)
        mem = (
            f"{args.memory_rows:,} rows, {workers} workers: {wall10:.1f} s end to end, peak RSS {rss10:.0f} MB "
            f"+ at most {child10:.0f} MB per worker (sum at most {rss10 + workers * child10:.0f} MB); "
            f"second run {wall_s:.1f} s, peak of the whole process tree {pss10:.0f} MB PSS (sampled every 50 ms; "
            "shared pages counted once)"
        )
        print(mem)
    cpu = platform.processor() or platform.machine()
    print(
        "\n| date | machine | rows | I/O floor rows/s | end to end rows/s (1 worker) | end to end rows/s "
        f"({workers} workers) | evaluate-only rows/s (1 core) | loop µs/row | ratio e2e | peak RSS |"
    )
    print(
        f"| {dt.date.today()} | {cpu}, {os.cpu_count()} cores | {args.rows:,} | {args.rows / floor:,.0f} | "
        f"{args.rows / one[0]:,.0f} | {args.rows / wall:,.0f} | {args.rows / evaluate:,.0f} | {loop * 1e6:.0f} | "
        f"{loop / (wall / args.rows):.0f}x | {rss:.0f} + {workers} x {child:.0f} MB |"
    )


if __name__ == "__main__":
    main()
