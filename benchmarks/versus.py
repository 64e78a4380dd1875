"""Two versions of the code measured in the same run: did a change make anything slower?

    uv run python benchmarks/versus.py REF [--rounds 3] [--rows 200000]

Checks REF (a commit, branch or tag) out in a temporary git worktree with its own environment (from its own
lock file), then runs `benchmarks/assess.py --json` and `benchmarks/screen.py` of each checkout in turn,
alternating, `--rounds` times, so that both sides meet the same machine load. Each side is measured by its
own copy of the benchmark, with the baselines it measures in the same run (a JSON round trip, Python's
start-up, the I/O floor of a screen); the table gives the medians over the rounds and the ratio this
checkout / REF (below 1: faster now). The temporary worktree is removed at the end.

A second table gives CPU seconds (user + system, of the process and everything it started) of the same work
on one file of cases both sides read: the `screen` command with one worker, the I/O floor (each side's own, as
its `benchmarks/screen.py` writes it), evaluate-only, and the `assess` command. On a machine others share, the
CPU a run takes moves far less with their load than its wall time does.

Before the first round, each checkout's Python files (the package and its environment's site-packages) are
compiled to bytecode: a fresh worktree, or a shell with PYTHONDONTWRITEBYTECODE set, would otherwise
compile every module it imports at every start-up, and the side with more modules would pay more for it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (label, key in assess.py's JSON); smaller is better for every one
ASSESS = (
    ("assess: median µs per call", "assess_to_dict_us.median"),
    ("assess: per call / JSON round trip", "assess_over_baseline"),
    ("assess: command ms", "command_ms"),
    ("assess: command / Python start-up", "command_over_startup"),
)
# the last table row of screen.py: | date | machine | rows | floor | e2e 1w | e2e 2w | eval-only | loop | ...
SCREEN = (
    ("screen: µs per row end to end, 1 worker", 4),
    ("screen: µs per row end to end, 2 workers", 5),
    ("screen: µs per row evaluate only", 6),
    ("screen: I/O floor µs per row", 3),
)


def _run(checkout: Path, *args: str) -> str:
    done = subprocess.run(
        ["uv", "run", "--frozen", "--project", str(checkout), "python", *args],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


# compiles the package and the environment's libraries to bytecode (errors ignored: a library may ship files
# for other Python versions)
_COMPILE = (
    "import compileall, sysconfig\n"
    "for d in sorted({sysconfig.get_paths()['purelib'], sysconfig.get_paths()['platlib'], 'extrashield'}):\n"
    "    compileall.compile_dir(d, quiet=2, workers=0)"
)


def _assess(checkout: Path) -> dict[str, float]:
    data = json.loads(_run(checkout, "benchmarks/assess.py", "--json"))
    out: dict[str, float] = {}
    for label, key in ASSESS:
        value: object = data
        for part in key.split("."):
            value = value[part]  # type: ignore[index]
        out[label] = float(value)  # type: ignore[arg-type]
    return out


def _screen(checkout: Path, rows: int) -> dict[str, float]:
    text = _run(
        checkout, "benchmarks/screen.py", "--rows", str(rows), "--sample", "300", "--memory-rows", "0"
    )
    row = [line for line in text.splitlines() if re.match(r"^\| \d{4}-\d{2}-\d{2} \|", line)][-1]
    cells = [c.strip() for c in row.strip("|").split("|")]
    return {label: 1e6 / float(cells[i].replace(",", "")) for label, i in SCREEN}


# Run in a checkout's environment (cwd: the checkout): CPU seconds of its screen command (1 worker), of its
# I/O floor, of evaluate-only and of its assess command, on the file argv[1], as JSON. Each side's own
# benchmarks/screen.py writes the programs (`run_screen`, `run_io_floor`), timed here by CPU.
_EVALUATE = """
import sys, time
import pyarrow as pa, pyarrow.parquet as pq
try:
    from extrashield.batch.screening import Screener
except ImportError:  # before the layout's moves
    from extrashield.screening import Screener
batches = pq.read_table(sys.argv[1]).to_batches(max_chunksize=131072)
s = Screener()
t = time.process_time()
for b in batches:
    s.screen(b, lambda idx, b=b: b.take(pa.array(idx, pa.int64())).to_pylist())
print(time.process_time() - t)
"""
_CPU = f"""
import json, resource, subprocess, sys
from pathlib import Path
sys.path.insert(0, "benchmarks")
import screen

def cpu(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done.stdout

inp = Path(sys.argv[1])
out = inp.with_suffix(".out.parquet")
screen._timed = lambda code: (cpu([sys.executable, "-c", code])[0], 0.0, 0.0)
example = sorted(Path("extrashield/examples").glob("*.json"))[0]
print(json.dumps({{
    "screen": screen.run_screen(inp, out, 1)[0],
    "floor": screen.run_io_floor(inp, out),
    "evaluate": float(cpu([sys.executable, "-c", {_EVALUATE!r}, str(inp)])[1].split()[-1]),
    "assess": cpu([sys.executable, "-m", "extrashield", "assess", str(example), "--format", "json"])[0],
}}))
"""
CPU = (
    ("CPU s: screen command, 1 worker", "screen"),
    ("CPU s: I/O floor", "floor"),
    ("CPU s: evaluate only", "evaluate"),
    ("CPU s: assess command", "assess"),
)


def _cpu(checkout: Path, cases: Path) -> dict[str, float]:
    data = json.loads(_run(checkout, "-c", _CPU, str(cases)))
    return {label: float(data[key]) for label, key in CPU}


def _cases(path: Path, rows: int) -> None:
    """The file of cases both sides' CPU is measured on (this checkout's generator)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import screen

    screen.write_cases(path, rows)


def _table(title: str, ref: str, rounds: int, sides: dict[str, list[dict[str, float]]]) -> None:
    print(f"| {title} (median of {rounds}, smaller is better) | {ref} | now | now / {ref} |")
    print("|---|---|---|---|")
    for label in sides["now"][0]:
        before = statistics.median(r[label] for r in sides["ref"])
        now = statistics.median(r[label] for r in sides["now"])
        print(f"| {label} | {before:.3g} | {now:.3g} | {now / before:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("ref", help="the version to compare with (commit, branch, tag)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the screen benchmark")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="extrashield-versus-") as tmp:
        other = Path(tmp) / "ref"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(other), ns.ref], check=True
        )
        try:
            subprocess.run(["uv", "sync", "--frozen", "--quiet", "--project", str(other)], check=True)
            for checkout in (other, ROOT):
                _run(checkout, "-c", _COMPILE)
            cases = Path(tmp) / "cases.parquet"
            _cases(cases, ns.rows)
            sides: dict[str, list[dict[str, float]]] = {"now": [], "ref": []}
            cpu: dict[str, list[dict[str, float]]] = {"now": [], "ref": []}
            for _ in range(ns.rounds):
                for name, checkout in (("ref", other), ("now", ROOT)):
                    sides[name].append({**_assess(checkout), **_screen(checkout, ns.rows)})
                    cpu[name].append(_cpu(checkout, cases))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    _table("measure", ns.ref, ns.rounds, sides)
    print()
    _table(f"CPU seconds, {ns.rows:,} rows", ns.ref, ns.rounds, cpu)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
