"""Splink (DuckDB) doing the candidate generation of benchmarks/match_blocking.py, for comparison.

Splink is not a dependency of the project (see benchmarks/RESULTS.md, "Splink, measured"); to repeat:

    uv venv /tmp/splink && VIRTUAL_ENV=/tmp/splink uv pip install splink==5.0.0
    .venv/bin/python benchmarks/match_blocking.py --keys-out /tmp/mkeys
    /tmp/splink/bin/python benchmarks/match_splink.py /tmp/mkeys

The keys are the matcher's own (extrashield.matching.blocking_keys), one array per person; Splink explodes
the arrays and joins on them (`block_on("keys", arrays_to_explode=["keys"])`), so both sides produce the
same candidate pairs and only the engine differs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def main() -> None:
    base = Path(sys.argv[1])
    wanted = pq.read_table(base.with_suffix(".wanted.parquet"))
    recruits = pq.read_table(base.with_suffix(".recruits.parquet"))
    start = time.perf_counter()
    con = duckdb.connect()
    con.register("wanted_arrow", wanted)
    con.register("recruits_arrow", recruits)
    con.execute("create table wanted as select * from wanted_arrow")
    con.execute("create table recruits as select * from recruits_arrow")
    db = DuckDBAPI(connection=con)
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[cl.ExactMatch("unique_id")],
        blocking_rules_to_generate_predictions=[block_on("keys", arrays_to_explode=["keys"])],
    )
    linker = Linker([db.register("wanted"), db.register("recruits")], settings)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    blocked_table = linker.inference.compute_blocked_pairs_for_predict()
    count = con.execute(f"select count(*) from {blocked_table.physical_name}").fetchone()
    blocked = time.perf_counter() - start
    print(
        f"Splink {wanted.num_rows:,} x {recruits.num_rows:,}: set-up {setup:.2f} s, blocking {blocked:.2f} s, "
        f"{count[0] if count else 0:,} candidate pairs"
    )
    start = time.perf_counter()
    k = {}
    for side, frame in (("w", wanted), ("r", recruits)):
        for uid, keys in zip(frame.column("unique_id").to_pylist(), frame.column("keys").to_pylist()):
            for key in keys:
                k.setdefault(key, {"w": [], "r": []})[side].append(uid)
    plain = {(a, b) for v in k.values() for a in v["w"] for b in v["r"]}
    print(f"the same join in plain Python dicts: {time.perf_counter() - start:.2f} s, {len(plain):,} pairs")


if __name__ == "__main__":
    main()
