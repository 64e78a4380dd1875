"""Screening on Spark gives what the local engine gives, row by row: the same table screened by
`screen_frame` here and by `screen_spark` in Spark's tasks (nested cases of §3 and person lists of §3b,
invalid rows among them, partitions of any size)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield.batch.frames import screen_frame
from extrashield.batch.rows import records_to_arrow
from extrashield.batch.spark import screen_spark

from ..batch_cases import valid_ish_case

EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
# each example is a Spark job (a second or two): few examples, each a list of many rows
SMALL = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))


def rows_of(df: Any) -> list[dict[str, Any]]:
    return [r.asDict(recursive=True) for r in df.collect()]


@SMALL
@given(cases=st.lists(valid_ish_case, min_size=1, max_size=40), partitions=st.integers(1, 3))
def test_nested_cases_screen_on_spark_as_here_row_by_row(
    spark: Any, cases: list[Any], partitions: int
) -> None:
    data, _invalid = records_to_arrow(cases, None)  # the case type of §3; a row that is not a case is null
    table = pa.Table.from_struct_array(data)
    here = screen_frame(table).to_pylist()
    there = rows_of(screen_spark(spark.createDataFrame(table).repartition(partitions)))
    assert sorted(there, key=str) == sorted(here, key=str)
    there = rows_of(screen_spark(spark.createDataFrame(table)))
    assert there == here  # in order when Spark keeps the rows' order


def test_a_decision_date_and_a_reading_are_those_of_screen(spark: Any) -> None:
    cases = [json.loads(line) for line in (EXAMPLES / "cases.jsonl").read_text("utf-8").splitlines() if line]
    data, invalid = records_to_arrow(cases, None)
    table = pa.Table.from_struct_array(data.filter(pa.array(~invalid)))
    options: dict[str, Any] = {"decision_date": "2026-05-01", "readings": {"point7.limbs": "combat_required"}}
    here = screen_frame(table, **options).to_pylist()
    assert len(here) > 5 and {r["outcome"] for r in here} != {"invalid"}
    assert rows_of(screen_spark(spark.createDataFrame(table), **options)) == here


PERSON_LIST_COLUMNS = {
    "id": st.sampled_from(["", "", "w-1", "w-2", "x 9"]),
    "name": st.sampled_from(["Рам Тапа", "Yoel Pérez", "", "Kim Jong Un"]),
    "birth_date": st.sampled_from(["1990-06-02", "1990", "02.06.1990", "", "someday"]),
    "nationality": st.sampled_from(["NP", "Cuba", "Куба", "none", "", "Atlantis", "KZ;RU"]),
    "stateless": st.sampled_from(["", "yes", "no", "maybe"]),
    "formation": st.sampled_from(["", "armed forces", "private_military_company", "band"]),
    "contract_from": st.sampled_from(["2024-01-10", "2024", "2025-06", "", "later"]),
    "contract_until": st.sampled_from(["2024-06-01", "ongoing", "2023", ""]),
    "combat": st.sampled_from(["", "yes", "no", "?"]),
    "requesting_state": st.sampled_from(["NP", "CU", "RU", ""]),
    "purpose": st.sampled_from(["prosecution", "sentence", "", "tourism"]),
    "decision_date": st.sampled_from(["2026-04-01", "2026-03-01", "", "2026"]),
    "region": st.sampled_from(["", "Tver", "Омск"]),  # the list's own column
}


@SMALL
@given(
    rows=st.lists(st.fixed_dictionaries(PERSON_LIST_COLUMNS), min_size=1, max_size=40),
    partitions=st.integers(1, 3),
)
def test_a_person_list_screens_on_spark_as_here_row_by_row_ids_and_notes_too(
    spark: Any, rows: list[dict[str, str]], partitions: int
) -> None:
    table = pa.Table.from_pylist(rows)
    here = screen_frame(table).to_pylist()
    # split into partitions in order (coalesce keeps it): rows without an id are numbered across them
    df = spark.createDataFrame(table.append_column("o", pa.array(range(len(rows)))))
    df = df.repartitionByRange(partitions, "o").sortWithinPartitions("o").drop("o")
    assert rows_of(screen_spark(df)) == here
