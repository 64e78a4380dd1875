"""`extrashield db export`: peak memory and time for N and 4N persons (keyset pages: memory should not grow).

Usage: .venv/bin/python benchmarks/export.py [--persons 20000] [--format jsonl]

Makes a SQLite registry in a temporary directory with N generated persons (rows written straight into the
tables: an export reads records, not the audit log), exports it, then does the same with 4N. Each export
runs in a fresh interpreter that reports its own peak resident memory (VmHWM) when it exits. The baseline
in the same run is the same interpreter running `db export --kind source` on the same database: start-up,
opening and migrating the registry, the access-log entry, and no records.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import atexit, sys\n"
    "def hwm():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM'): sys.stderr.write('VmHWM ' + line.split()[1] + '\\n')\n"
    "atexit.register(hwm)\n"
    "sys.argv = ['extrashield', *sys.argv[1:]]\n"
    "from extrashield.adapters.cli.main import main\n"
    "main()\n"
)


def make(url: str, n: int) -> None:
    import sqlalchemy as sa

    from extrashield.adapters.registry import open_registry
    from extrashield.adapters.registry.names import name_keys
    from extrashield.adapters.registry.records import now

    reg = open_registry(url)
    stamp = now()
    with reg.engine.begin() as conn:
        for start in range(0, n, 5000):
            persons, keys = [], []
            for i in range(start, min(n, start + 5000)):
                pid = str(uuid.uuid4())
                names = [f"Person{i} Thapa", f"Тапа {i}"]
                persons.append(
                    {
                        "id": pid,
                        "names": names,
                        "birth_date": "1995-02-11",
                        "citizenships": [{"country": "NP"}],
                        "notes": "x" * 200,
                        "created_at": stamp,
                        "created_by": "bench",
                        "updated_at": stamp,
                        "updated_by": "bench",
                        "version": 1,
                    }
                )
                keys += [{"person_id": pid, "token": t, "phonetic": p} for t, p in name_keys(names)]
            conn.execute(
                sa.insert(sa.table("persons", *[sa.column(c) for c in persons[0]])),
                [
                    {**p, "names": json.dumps(p["names"]), "citizenships": json.dumps(p["citizenships"])}
                    for p in persons
                ],
            )
            conn.execute(
                sa.insert(
                    sa.table(
                        "person_names", sa.column("person_id"), sa.column("token"), sa.column("phonetic")
                    )
                ),
                keys,
            )
    reg.close()


def run(url: str, *args: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-c", PROBE, "db", "export", "--database", url, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    elapsed = time.perf_counter() - t0
    kb = int(next(line.split()[1] for line in r.stderr.splitlines() if line.startswith("VmHWM")))
    return elapsed, kb // 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=20000)
    ap.add_argument("--format", default="jsonl", choices=("jsonl", "csv", "ftm"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.persons, 4 * args.persons):
            url = f"sqlite:///{tmp}/r{n}.sqlite3"
            make(url, n)
            base_s, base_mb = run(url, "--kind", "source", f"{tmp}/base.jsonl")
            s, mb = run(url, "--kind", "person", "--format", args.format, f"{tmp}/out-{n}")
            print(
                f"{n} persons, {args.format}: {s:.2f} s ({n / (s - base_s):,.0f} records/s beyond the baseline's "
                f"{base_s:.2f} s), peak {mb} MB (baseline {base_mb} MB, +{mb - base_mb} MB)"
            )


if __name__ == "__main__":
    main()
