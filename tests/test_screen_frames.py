"""`screen_frame`: a pandas or polars DataFrame, or an Arrow table, of cases (nested or flattened) or of a
person list, screened into the same kind of table; and `screen_records` refusing a table it would read as
its column names."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from extrashield.batch.frames import screen_frame
from extrashield.batch.screening import screen_records

EXAMPLES = Path(__file__).resolve().parent.parent / "extrashield" / "examples"
ALL_CASES = [json.loads(line) for line in (EXAMPLES / "cases.jsonl").read_text("utf-8").splitlines() if line]
# A table has one set of columns for every row: a field only an invalid example has (a misspelt key) would
# make every row invalid, so the tables hold the examples that are cases.
CASES = [c for c, r in zip(ALL_CASES, screen_records(ALL_CASES)) if r["outcome"] != "invalid"]
EXPECTED = screen_records(CASES)
ANSWER = ("id", "outcome", "applies", "depends_on", "questions")


def answers(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        tuple(list(r[k]) if k in ("applies", "depends_on", "questions") else r[k] for k in ANSWER)
        for r in rows
    ]


def pandas_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {
            k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v)
            for k, v in r.items()
        }
        for r in frame.to_dict("records")
    ]


def test_nested_cases_in_pandas_come_back_as_pandas_with_the_answers_of_screen_records() -> None:
    out = screen_frame(pd.DataFrame(CASES))
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == list(EXPECTED[0])
    assert answers(pandas_rows(out)) == answers(EXPECTED)


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(lambda: pd.json_normalize(CASES), id="json_normalize"),
        pytest.param(lambda: pd.read_csv(EXAMPLES / "cases.csv"), id="read_csv"),
    ],
)
def test_flattened_cases_mean_what_the_csv_file_of_them_means(frame: Any) -> None:
    table = frame()
    ids = {c["id"] for c in CASES}
    out = pandas_rows(screen_frame(table))
    assert answers([r for r in out if r["id"] in ids]) == answers(EXPECTED)


def test_polars_in_polars_out_and_arrow_in_arrow_out() -> None:
    polars_out = screen_frame(pl.DataFrame(CASES, infer_schema_length=None))
    assert isinstance(polars_out, pl.DataFrame)
    assert answers(polars_out.to_dicts()) == answers(EXPECTED)
    table = pa.Table.from_pylist(CASES)
    for given in (table, table.to_batches()[0]):
        out = screen_frame(given)
        assert isinstance(out, pa.Table)
        assert out.to_pylist() == EXPECTED


PEOPLE = {
    "id": ["p1", "p2", "p3"],
    "name": ["Ram Bahadur Thapa", "Иван Петров", "Ali Example"],
    "nationality": ["Nepal", "RU", None],
    "formation": ["armed_forces", None, "volunteer_formation"],
    "contract_from": [dt.datetime(2024, 5, 1), None, dt.datetime(2025, 1, 10)],
    "contract_until": ["ongoing", None, "2025-07-10"],
    "combat": [True, None, False],
    "requesting_state": ["NP", "US", "Cuba"],
    "decision_date": [dt.date(2026, 4, 1)] * 3,
    "source": ["interview", "registry", "court file"],
}


def test_a_person_list_with_typed_columns_reads_as_the_same_list_written_as_text() -> None:
    as_text = [
        {k: (v.date().isoformat() if isinstance(v, dt.datetime) else v) for k, v in zip(PEOPLE, row)}
        for row in zip(*PEOPLE.values())
    ]
    want = screen_records(as_text)
    for frame in (pd.DataFrame(PEOPLE), pl.DataFrame(PEOPLE), pa.table(PEOPLE)):
        out = screen_frame(frame)
        rows = (
            pandas_rows(out)
            if isinstance(out, pd.DataFrame)
            else (out.to_dicts() if isinstance(out, pl.DataFrame) else out.to_pylist())
        )
        assert answers(rows) == answers(want)
        assert [r["notes"] for r in rows] == [r["notes"] for r in want]
        assert [r["name"] for r in rows] == PEOPLE["name"] and [r["source"] for r in rows] == PEOPLE["source"]
    assert all(r["outcome"] != "invalid" for r in want)  # the typed cells were read, not refused


def test_a_pandas_column_of_numbers_and_texts_is_read_as_the_text_of_its_cells() -> None:
    frame = pd.DataFrame({"id": [7, "b"], "name": ["A", "B"], "nationality": ["Nepal", 643]})
    rows = pandas_rows(screen_frame(frame, decision_date="2026-04-01"))
    assert [r["id"] for r in rows] == ["7", "b"]
    assert [r["nationality"] for r in rows] == ["Nepal", "643"]
    assert rows[0]["outcome"] != "invalid"


def test_a_mapping_makes_a_frame_a_person_list() -> None:
    frame = pd.DataFrame({"Their name": ["A"], "Land": ["Nepal"], "decision_date": ["2026-04-01"]})
    (row,) = pandas_rows(screen_frame(frame, mapping={"Land": "nationality", "Their name": "name"}))
    assert row["notes"] == "nationality: 'Nepal' read as NP (Nepal)" and row["Land"] == "Nepal"


def test_an_empty_frame_gives_an_empty_frame_with_the_result_columns() -> None:
    out = screen_frame(pd.DataFrame(CASES).iloc[0:0])
    assert len(out) == 0 and list(out.columns) == list(EXPECTED[0])


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(lambda: pd.DataFrame(CASES), id="pandas"),
        pytest.param(lambda: pl.DataFrame(CASES, infer_schema_length=None), id="polars"),
        pytest.param(lambda: pa.Table.from_pylist(CASES), id="arrow"),
    ],
)
def test_screen_records_refuses_a_table_instead_of_screening_its_column_names(table: Any) -> None:
    with pytest.raises(TypeError, match="screen_frame"):
        screen_records(table())


def test_screen_frame_refuses_what_is_not_a_table() -> None:
    with pytest.raises(TypeError, match="screen_records"):
        screen_frame(CASES)
