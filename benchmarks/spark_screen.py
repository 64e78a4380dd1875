"""Benchmark: `extrashield screen` on Spark local[2] against the local engine (2 workers), in the same run.

    .venv/bin/python benchmarks/spark_screen.py --rows 1000000,10000000 [--small 20000]

For each size, generated nested cases (benchmarks/screen.py `write_cases`, the file of the screen benchmark)
are screened end to end, alternately:

1. by the local engine: `extrashield screen IN.parquet OUT.parquet --workers 2`;
2. on Spark: `extrashield screen --engine spark --master local[2] IN.parquet OUT/` (Spark reads the file,
   each task screens its Arrow batches with the same engine, Spark writes Parquet parts).

Each is timed by the wall clock and by the CPU time of its whole process tree (the command, its workers;
for Spark the JVM and its Python workers), sampled from /proc every half second: on a shared machine the CPU
time is the steadier figure. A run on `--small` rows first gives Spark's fixed cost (starting the JVM and the
session, planning the job), taken off before the cost per row is worked out. Prints Markdown table rows
for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from screen import _tree, write_cases

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """User and system CPU seconds of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def run(args: list[str]) -> tuple[float, float]:
    """`extrashield ARGS` in a child process: wall seconds and CPU seconds of its whole tree (each process's
    last sample, every half second, plus what the waited children reported)."""
    code = "import sys; from extrashield.adapters.cli.main import main; sys.argv=['extrashield', *sys.argv[1:]]; main()"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    seen: dict[int, float] = {}
    while proc.poll() is None:
        for pid in _tree(proc.pid):
            cpu = _cpu_of(pid)
            if cpu >= 0:
                seen[pid] = max(seen.get(pid, 0.0), cpu)
        time.sleep(0.5)
    wall = time.perf_counter() - start
    _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(err)
    return wall, sum(seen.values())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="1000000,10000000", help="sizes, comma-separated")
    ap.add_argument(
        "--small", type=int, default=20000, help="rows of the run that measures Spark's fixed cost"
    )
    a = ap.parse_args()
    sizes = [int(s) for s in a.rows.split(",")]
    print(
        f"# {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        small = d / "small.parquet"
        write_cases(small, a.small)
        fixed_wall, fixed_cpu = run(
            ["screen", "--engine", "spark", "--master", "local[2]", str(small), str(d / "s-out.parquet")]
        )
        print(
            f"Spark fixed cost ({a.small:,} rows): {fixed_wall:.1f} s wall, {fixed_cpu:.1f} s CPU", flush=True
        )
        print("| rows | local, 2 workers | Spark local[2] | Spark's extra per row (fixed cost taken off) |")
        print("|---|---|---|---|")
        for n in sizes:
            cases = d / f"{n}.parquet"
            write_cases(cases, n)
            lw, lc = run(["screen", str(cases), str(d / "l-out.parquet"), "--workers", "2"])
            out = d / "sp-out.parquet"
            shutil.rmtree(out, ignore_errors=True)
            sw, sc = run(["screen", "--engine", "spark", "--master", "local[2]", str(cases), str(out)])
            extra_wall = (sw - fixed_wall - lw) / n * 1e6
            extra_cpu = (sc - fixed_cpu - lc) / n * 1e6
            print(
                f"| {n:,} | {lw:.1f} s wall ({n / lw:,.0f} rows/s), {lc:.1f} s CPU ({lc / n * 1e6:.1f} µs/row) "
                f"| {sw:.1f} s wall ({n / sw:,.0f} rows/s), {sc:.1f} s CPU ({sc / n * 1e6:.1f} µs/row) "
                f"| {extra_wall:+.1f} µs wall, {extra_cpu:+.1f} µs CPU |",
                flush=True,
            )
            cases.unlink()


if __name__ == "__main__":
    main()
