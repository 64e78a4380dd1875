"""Two versions of the code measured in the same run: did a change make anything slower?

    uv run python benchmarks/versus.py REF [--rounds 3] [--rows 200000]

Checks REF (a commit, branch or tag) out in a temporary git worktree with its own environment (from its own
lock file), then runs `benchmarks/assess.py --json` and `benchmarks/screen.py` of each checkout in turn,
alternating, `--rounds` times, so that both sides meet the same machine load. Each side is measured by its
own copy of the benchmark, with the baselines it measures in the same run (a JSON round trip, Python's
start-up, the I/O floor of a screen); the table gives the medians over the rounds and the ratio this
checkout / REF (below 1: faster now). The temporary worktree is removed at the end.

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
            sides: dict[str, list[dict[str, float]]] = {"now": [], "ref": []}
            for _ in range(ns.rounds):
                for name, checkout in (("ref", other), ("now", ROOT)):
                    sides[name].append({**_assess(checkout), **_screen(checkout, ns.rows)})
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    print(f"| measure (median of {ns.rounds}, smaller is better) | {ns.ref} | now | now / {ns.ref} |")
    print("|---|---|---|---|")
    for label in sides["now"][0]:
        ref = statistics.median(r[label] for r in sides["ref"])
        now = statistics.median(r[label] for r in sides["now"])
        print(f"| {label} | {ref:.3g} | {now:.3g} | {now / ref:.2f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
