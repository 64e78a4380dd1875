"""`screen` settles partial dates in every format a person list comes in (docs/contract.md §3b): the same
rows give the same answers from CSV, JSON Lines, XLSX (a year typed as a number, as spreadsheets keep it)
and Parquet, and the single-case path answers each row as the batch does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from .person_lists import answered_within, csv_text, screened

POINT_7 = "ru.upk.464.1.7"
PERSON = {"nationality": "NP", "formation": "armed_forces", "requesting_state": "US"}
ROWS: list[dict[str, Any]] = [
    # what point 7 says on each decision date: POINT_7_SAYS
    {
        "id": "from-2024",
        **PERSON,
        "contract_from": "2024",
        "contract_until": "ongoing",
        "decision_date": "2026-04-01",
    },
    {
        "id": "from-april",
        **PERSON,
        "contract_from": "2026-04",
        "contract_until": "ongoing",
        "decision_date": "2026-04-10",
    },
    {
        "id": "until-2025-combat",
        **PERSON,
        "contract_from": "2023-05-01",
        "contract_until": "2025",
        "combat": "true",
        "decision_date": "2026-04-01",
    },
    {
        "id": "until-2025",
        **PERSON,
        "contract_from": "2023-05-01",
        "contract_until": "2025",
        "combat": "false",
        "decision_date": "2026-04-01",
    },
    {
        "id": "until-2026",
        **PERSON,
        "contract_from": "2023-05-01",
        "contract_until": "2026",
        "combat": "false",
        "decision_date": "2026-04-01",
    },
]
POINT_7_SAYS = ["applies", "unknown", "applies", "does_not_apply", "unknown"]
HEADER = list(dict.fromkeys(k for r in ROWS for k in r))


def _inputs(tmp_path: Path) -> list[Path]:
    rows = [{k: r.get(k, "") for k in HEADER} for r in ROWS]
    src_csv = tmp_path / "people.csv"
    src_csv.write_text(csv_text(rows), encoding="utf-8", newline="")
    src_jsonl = tmp_path / "people.jsonl"
    src_jsonl.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for r in rows:  # a year alone, as a spreadsheet keeps it: a number
        sheet.append([int(v) if v.isdigit() and len(v) == 4 else v for v in (r[k] for k in HEADER)])
    src_xlsx = tmp_path / "people.xlsx"
    book.save(src_xlsx)
    src_parquet = tmp_path / "people.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src_parquet)
    return [src_csv, src_jsonl, src_xlsx, src_parquet]


def test_every_format_settles_the_same_partial_dates_as_the_single_case_path(tmp_path: Path) -> None:
    compared = ("outcome", "applies", "depends_on", POINT_7)
    expected = [{k: v for k, v in answered_within(_person(r)).items() if k in compared} for r in ROWS]
    assert [e[POINT_7] for e in expected] == POINT_7_SAYS
    for src in _inputs(tmp_path):
        got, told = screened(src)
        assert told.is_list, src
        assert [{k: r[k] for k in compared} for r in got] == expected, src.suffix


def _person(row: dict[str, Any]) -> dict[str, Any]:
    """A row as `person_lists.nested_case` takes a person: canonical values."""
    out = {k: v for k, v in row.items() if k not in ("nationality", "combat")}
    out["nationality"] = [row["nationality"]]
    if "combat" in row:
        out["combat"] = row["combat"] == "true"
    return out
