"""Benchmark of one-case assessment (issue 2).

    uv run python benchmarks/assess.py            # prints a table; --json for machine-readable output

Measures, in one run:
- in-process `extrashield.assess(case).to_dict()` (validation, evaluation, depends_on, open questions
  and the full explained answer) over every bundled example: median and p99 per call;
- the wall time of the `extrashield assess EXAMPLE --format json` command (median of several runs);
- baselines measured in the same run, so the figures travel between machines as ratios:
  `json.loads(json.dumps(case))` for the in-process call, and `python -c pass` for the command;
- two floors, also in the same run: the case's validation alone (`validate_case`), and the cost of the
  answer's objects alone: a function whose body is nothing but the finished answer of the example written
  as a Python literal (no validation, no rule, no formatting), which no implementation that hands out
  fresh dicts and lists can beat.
Targets (issue 2): median <= 50 us for the call, <= 300 ms for the command.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "extrashield" / "examples").glob("*.json"))


def per_call(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        t = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - t) / 1000)
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def literal_builder(answer: object):  # type: ignore[no-untyped-def]
    """A function returning a fresh copy of `answer`, written out as one Python literal."""

    def lit(o: object) -> str:
        if isinstance(o, dict):
            return "{" + ", ".join(f"{k!r}: {lit(v)}" for k, v in o.items()) + "}"
        if isinstance(o, list):
            return "[" + ", ".join(lit(v) for v in o) + "]"
        return repr(o)

    namespace: dict[str, object] = {}
    exec(f"def answer():\n    return {lit(answer)}\n", namespace)
    return namespace["answer"]


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import extrashield

    cases = [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    for c in cases:  # warm up: law data loaded, rules compiled
        extrashield.assess(c).to_dict()
    from extrashield.facts.case import validate_case

    calls, base, validation, objects = [], [], [], []
    n = args.rounds // len(cases)
    for c in cases:
        calls += per_call(lambda c=c: extrashield.assess(c).to_dict(), n)
        base += per_call(lambda c=c: json.loads(json.dumps(c)), n)
        validation += per_call(lambda c=c: validate_case(c), n)
        objects += per_call(literal_builder(extrashield.assess(c).to_dict()), n)
    # The command is measured as a user runs it after the first time: with bytecode compiled (uv compiles
    # the installed packages; this compiles the project itself, which an editable install leaves as source).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "extrashield")], check=True, capture_output=True
    )
    exe = str(Path(sys.executable).parent / "extrashield")
    command = wall([exe, "assess", str(EXAMPLES[0]), "--format", "json"], args.runs)
    python = wall([sys.executable, "-c", "pass"], args.runs)
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}",
        "examples": len(cases),
        "assess_to_dict_us": {"median": statistics.median(calls), "p99": pct(calls, 0.99)},
        "baseline_json_roundtrip_us": {"median": statistics.median(base), "p99": pct(base, 0.99)},
        "floor_validation_us": statistics.median(validation),
        "floor_answer_objects_us": statistics.median(objects),
        "assess_over_baseline": statistics.median(calls) / statistics.median(base),
        "command_ms": command,
        "python_startup_ms": python,
        "command_over_startup": command / python,
        "targets": {"assess_median_us": 50, "command_ms": 300},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['date']} on {result['machine']}")
    print(
        f"assess(...).to_dict(): median {result['assess_to_dict_us']['median']:.1f} us, p99 {result['assess_to_dict_us']['p99']:.1f} us "
        f"= {result['assess_over_baseline']:.1f}x a JSON round trip of the case ({result['baseline_json_roundtrip_us']['median']:.1f} us); target 50 us"
    )
    print(
        f"floors: validation alone {result['floor_validation_us']:.1f} us; the answer's objects alone (a literal) "
        f"{result['floor_answer_objects_us']:.1f} us"
    )
    print(
        f"extrashield assess (command): {command:.0f} ms = {result['command_over_startup']:.1f}x bare Python start-up ({python:.0f} ms); target 300 ms"
    )


if __name__ == "__main__":
    main()
