"""Load benchmark of `POST /v1/assess` over loopback: latency at a fixed request rate, and the highest
rate held with p99 under 20 ms.

    uv run python benchmarks/api_load.py                    # fixed rate 200/s, then a ramp
    uv run python benchmarks/api_load.py --rate 100 --seconds 10 --ramp 100,200,400,600,800

The server is `extrashield serve` in its own process (one worker, SQLite registry in a temporary
directory); this script is the second process and sends requests open-loop: each request has a
scheduled send time (rate r: one every 1/r s) and is issued then whether or not earlier ones have been
answered; its latency runs from the moment it is issued to the end of its response, including any wait
for a free connection (32 keep-alive connections), so a server that falls behind is charged for the
queueing. (It is not measured from the ideal schedule, because the event loop's timers wake up to a
millisecond late, which would charge the client's timer granularity to the server; a client that cannot
keep the rate shows as an achieved rate below the target, which fails that step of the ramp.) The client
is a minimal HTTP/1.1 client over asyncio streams, to keep client overhead small on a 2-core box.

Baseline, measured in the same run: `extrashield.assess(case).to_dict()` plus `json.dumps` in this
process, per call; the report gives each HTTP figure as a ratio to it.

    uv run python benchmarks/api_load.py --scenario costly    # /v1/health while 4 clients post costly cases

The "costly" scenario: `GET /v1/health` once every 20 ms for `--seconds`, first alone (the same-run
baseline), then while `--clients` clients (default 4) each post the costliest valid case back to back
(every fact unknown, 50 contracts: the case format's limit; about 6 KB), each waiting for its answer
before sending the next. It reports health's p50/p99/max in both runs, and the costly answers' count,
statuses and median time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "extrashield" / "examples" / "nepali-serving.json"
P99_TARGET_MS = 20.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def baseline_ms(case: dict[str, Any], n: int = 3000) -> float:
    import extrashield

    for _ in range(200):
        json.dumps(extrashield.assess(case).to_dict(), ensure_ascii=False)
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n // 5):
            json.dumps(extrashield.assess(case).to_dict(), ensure_ascii=False)
        runs.append((time.perf_counter() - t) / (n // 5) * 1e3)
    return statistics.median(runs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def request(self, raw: bytes) -> int:
        self.writer.write(raw)
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return int(status_line.split()[1])


async def run_rate(port: int, raw: bytes, rate: float, seconds: float, connections: int) -> dict[str, Any]:
    conns = [Conn(*await asyncio.open_connection("127.0.0.1", port)) for _ in range(connections)]
    idle: asyncio.Queue[Conn] = asyncio.Queue()
    for c in conns:
        idle.put_nowait(c)
    latencies: list[float] = []
    errors = 0
    total = int(rate * seconds)

    async def one(issued: float) -> None:
        nonlocal errors
        conn = await idle.get()  # all connections busy: the wait counts in the latency
        try:
            status = await conn.request(raw)
        finally:
            idle.put_nowait(conn)
        if status != 200:
            errors += 1
        latencies.append((time.perf_counter() - issued) * 1e3)

    tasks = set()
    start = time.perf_counter() + 0.05
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.ensure_future(one(time.perf_counter()))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    while tasks:
        await asyncio.gather(*list(tasks))
    elapsed = time.perf_counter() - start
    for c in conns:
        c.writer.close()
    return {
        "rate": rate,
        "requests": total,
        "errors": errors,
        "achieved_rate": round(total / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 3),
        "p90_ms": round(percentile(latencies, 90), 3),
        "p99_ms": round(percentile(latencies, 99), 3),
        "max_ms": round(max(latencies), 3),
    }


def start_server(port: int, home: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EXTRASHIELD_HOME": home}
    env.pop("EXTRASHIELD_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "extrashield", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; load average before the run {load}"


def costly_case() -> dict[str, Any]:
    """The costliest valid case: every fact unknown, as many contracts as the case format allows."""
    from extrashield.facts.case import MAX_CONTRACTS

    contract = {
        "formation": None,
        "contract_from": None,
        "contract_until": None,
        "combat": None,
        "contract_term_years": None,
        "discharge_ground": None,
    }
    return {
        "id": "costly",
        "decision_date": "2026-04-01",
        "person": {
            "names": None,
            "birth_date": None,
            "citizenships": None,
            "stateless": None,
            "military_service": [dict(contract) for _ in range(MAX_CONTRACTS)],
        },
        "request": {"requesting_state": None, "received_on": None, "purpose": None, "legal_basis": None},
    }


async def health_probe(port: int, seconds: float, every: float = 0.02) -> list[float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    conn = Conn(reader, writer)
    raw = b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    latencies = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t = time.perf_counter()
        status = await conn.request(raw)
        latencies.append((time.perf_counter() - t) * 1e3)
        assert status == 200, status
        await asyncio.sleep(max(0.0, every - (time.perf_counter() - t)))
    writer.close()
    return latencies


async def costly_clients(port: int, raw: bytes, clients: int, stop: asyncio.Event) -> list[tuple[int, float]]:
    done: list[tuple[int, float]] = []

    async def client() -> None:
        conn = Conn(*await asyncio.open_connection("127.0.0.1", port))
        while not stop.is_set():
            t = time.perf_counter()
            status = await conn.request(raw)
            done.append((status, (time.perf_counter() - t) * 1e3))
        conn.writer.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    return done


async def run_costly(port: int, raw: bytes, clients: int, seconds: float) -> dict[str, Any]:
    alone = await health_probe(port, seconds)
    stop = asyncio.Event()
    load = asyncio.ensure_future(costly_clients(port, raw, clients, stop))
    await asyncio.sleep(1.0)  # the clients are all busy before the probe starts
    loaded = await health_probe(port, seconds)
    stop.set()
    answers = await load
    statuses: dict[str, int] = {}
    for status, _ms in answers:
        statuses[str(status)] = statuses.get(str(status), 0) + 1

    def figures(lat: list[float]) -> dict[str, float]:
        return {
            "probes": len(lat),
            "p50_ms": round(percentile(lat, 50), 2),
            "p99_ms": round(percentile(lat, 99), 2),
            "max_ms": round(max(lat), 2),
        }

    return {
        "clients": clients,
        "health_alone": figures(alone),
        "health_under_load": figures(loaded),
        "costly_answers": len(answers),
        "costly_statuses": statuses,
        "costly_median_ms": round(statistics.median(ms for _s, ms in answers), 1) if answers else None,
    }


def main_costly(args: argparse.Namespace) -> None:
    case = costly_case()
    body = json.dumps(case).encode()
    raw = (
        b"POST /v1/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        proc = start_server(port, home)
        try:
            asyncio.run(costly_clients_warm_up(port, raw))
            res = asyncio.run(run_costly(port, raw, args.clients, args.seconds))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    res.update({"date": when, "machine": where, "case_bytes": len(body)})
    a, b = res["health_alone"], res["health_under_load"]
    print(
        f"GET /v1/health while {args.clients} clients post the costliest valid case ({len(body)} bytes), {when}; {where}"
    )
    print("| run | probes | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| health alone (baseline) | {a['probes']} | {a['p50_ms']:.2f} | {a['p99_ms']:.2f} | {a['max_ms']:.2f} |"
    )
    print(
        f"| health under load | {b['probes']} | {b['p50_ms']:.2f} | {b['p99_ms']:.2f} | {b['max_ms']:.2f} |"
    )
    print(
        f"under load / alone: p50 {b['p50_ms'] / a['p50_ms']:.1f}x, p99 {b['p99_ms'] / a['p99_ms']:.1f}x; "
        f"costly answers: {res['costly_answers']} {res['costly_statuses']}, median {res['costly_median_ms']} ms"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2))


async def costly_clients_warm_up(port: int, raw: bytes) -> None:
    """One costly case first: the server starts its worker processes on the first one."""
    conn = Conn(*await asyncio.open_connection("127.0.0.1", port))
    await conn.request(raw)
    conn.writer.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=200, help="the fixed request rate (requests per second)")
    ap.add_argument("--seconds", type=float, default=10, help="duration of the fixed-rate run")
    ap.add_argument(
        "--ramp",
        default="100,200,400,600,800,1000,1200,1500,2000",
        help="rates tried for the highest one held",
    )
    ap.add_argument("--ramp-seconds", type=float, default=5)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--attempts", type=int, default=2, help="tries per ramp step before it counts as failed")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument(
        "--scenario",
        choices=("rate", "costly"),
        default="rate",
        help="rate: /v1/assess at fixed rates (default); costly: /v1/health under costly cases",
    )
    ap.add_argument("--clients", type=int, default=4, help="costly scenario: clients posting the costly case")
    args = ap.parse_args()
    if args.scenario == "costly":
        main_costly(args)
        return

    case = json.loads(CASE.read_text(encoding="utf-8"))
    body = json.dumps(case).encode()
    raw = (
        b"POST /v1/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    base = baseline_ms(case)

    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        proc = start_server(port, home)
        try:
            asyncio.run(run_rate(port, raw, 50, 2, args.connections))  # warm-up
            fixed = asyncio.run(run_rate(port, raw, args.rate, args.seconds, args.connections))
            ramp = []
            held = None
            for rate in (float(r) for r in args.ramp.split(",")):
                # On a shared machine one burst of someone else's work can spoil a step: a failed step is
                # tried again (up to --attempts); every attempt is reported.
                ok = False
                for attempt in range(1, args.attempts + 1):
                    res = asyncio.run(run_rate(port, raw, rate, args.ramp_seconds, args.connections))
                    res["attempt"] = attempt
                    ramp.append(res)
                    ok = (
                        res["p99_ms"] < P99_TARGET_MS
                        and res["errors"] == 0
                        and res["achieved_rate"] >= 0.95 * rate
                    )
                    if ok:
                        break
                if not ok:
                    break
                held = rate
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    out = {
        "date": when,
        "machine": where,
        "baseline_ms": round(base, 3),
        "fixed": fixed,
        "ramp": ramp,
        "highest_rate_with_p99_under_20ms": held,
    }
    print(f"POST /v1/assess load benchmark, {when}; {where}")
    print(f"baseline (in-process assess + JSON, same run): {base:.3f} ms per call")
    print(
        f"fixed rate {fixed['rate']:.0f}/s for {args.seconds:.0f} s ({fixed['requests']} requests, {fixed['errors']} errors): "
        f"p50 {fixed['p50_ms']:.2f} ms ({fixed['p50_ms'] / base:.1f}x baseline), p90 {fixed['p90_ms']:.2f} ms, "
        f"p99 {fixed['p99_ms']:.2f} ms ({fixed['p99_ms'] / base:.1f}x baseline)"
    )
    print("| rate/s | attempt | achieved/s | p50 ms | p99 ms | p99 / baseline | errors |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in ramp:
        print(
            f"| {r['rate']:.0f} | {r['attempt']} | {r['achieved_rate']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
            f"{r['p99_ms'] / base:.1f} | {r['errors']} |"
        )
    print(
        f"highest rate held with p99 < {P99_TARGET_MS:.0f} ms: {held if held is not None else 'none of those tried'}/s"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
