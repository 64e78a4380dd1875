"""Reads of personal data while others write: latency of one logged read on the registry, with 8 writer and
8 reader processes at once.

    uv run python benchmarks/registry_load.py                       # SQLite file in a temporary folder
    uv run python benchmarks/registry_load.py --database postgresql://...   # an empty PostgreSQL database

A read is what `GET /v1/persons/{id}` does with the registry: append its access-log entry (committed
before the data may leave the process), then read the record. A write is `POST /v1/persons`: insert the
record and its audit entry in one transaction. Every process opens the registry, then all run their loops
together for `--seconds`, as fast as they can; the latency of every read is recorded.

Baseline, measured in the same run: the same readers with no writer. The report gives p50, p99 and the
maximum of a read under load, and each as a ratio to the baseline's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_load import machine, percentile

PERSON = {"names": ["Ramesh Bahadur Thapa"], "citizenships": [{"country": "NP"}]}


def _ready(ready: Any, start: Any, seconds: float) -> float:
    """Say this process is ready, wait for the others; the time to stop at."""
    ready.put(1)
    start.wait()
    return time.time() + seconds


def _writer(url: str, ready: Any, start: Any, seconds: float, out: Any) -> None:
    from extrashield.adapters.registry import Registry
    from extrashield.adapters.registry.records import KINDS

    reg = Registry(url)
    stop_at = _ready(ready, start, seconds)
    n = 0
    while time.time() < stop_at:
        reg.create(KINDS["person"], PERSON, "bench-writer")
        n += 1
    out.put(("writes", n))


def _reader(url: str, record_id: str, ready: Any, start: Any, seconds: float, out: Any) -> None:
    from extrashield.adapters.registry import Registry

    reg = Registry(url)
    reg.get("person", record_id)  # connect before the clock starts
    stop_at = _ready(ready, start, seconds)
    latencies = []
    while time.time() < stop_at:
        t = time.perf_counter()
        reg.log_access(
            "bench-reader", "GET /v1/persons/{record_id}", "person", record_id=record_id, returned=1
        )
        reg.get("person", record_id)
        latencies.append((time.perf_counter() - t) * 1e3)
    out.put(("reads", latencies))


def run(url: str, record_id: str, writers: int, readers: int, seconds: float) -> dict[str, Any]:
    # forked (the parent has imported what they need, and holds no open connection), started together
    ctx = multiprocessing.get_context("fork")
    out, ready, start = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_writer, args=(url, ready, start, seconds, out)) for _ in range(writers)]
    procs += [
        ctx.Process(target=_reader, args=(url, record_id, ready, start, seconds, out)) for _ in range(readers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get()
    start.set()
    latencies: list[float] = []
    writes = 0
    for _ in procs:
        kind, value = out.get()
        if kind == "reads":
            latencies.extend(value)
        else:
            writes += value
    for p in procs:
        p.join()
    return {
        "writers": writers,
        "readers": readers,
        "reads": len(latencies),
        "writes": writes,
        "reads_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(max(latencies), 2),
        "mean_ms": round(statistics.fmean(latencies), 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database", help="a SQLAlchemy URL (default: a new SQLite file in a temporary folder)")
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args()

    import extrashield.adapters.registry.store  # noqa: F401 - imported once, before the processes fork
    from extrashield.adapters.registry import Registry
    from extrashield.adapters.registry.records import KINDS

    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    with tempfile.TemporaryDirectory() as home:
        url = args.database or f"sqlite:///{home}/registry.sqlite3"
        reg = Registry(url)
        record_id = reg.create(KINDS["person"], PERSON, "bench")["id"]
        reg.close()
        base = run(url, record_id, 0, args.readers, args.seconds)
        load = run(url, record_id, args.writers, args.readers, args.seconds)
    out = {"date": when, "machine": where, "database": url.split(":", 1)[0], "baseline": base, "load": load}
    print(f"registry reads under writes, {when}; {where}; {out['database']}")
    print("| run | writers | readers | reads | writes | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in (("baseline: readers alone", base), ("load", load)):
        print(
            f"| {name} | {r['writers']} | {r['readers']} | {r['reads']} | {r['writes']} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['max_ms']:.2f} |"
        )
    print(
        f"under load / baseline: p50 {load['p50_ms'] / base['p50_ms']:.1f}x, p99 {load['p99_ms'] / base['p99_ms']:.1f}x, "
        f"max {load['max_ms'] / base['max_ms']:.1f}x"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
