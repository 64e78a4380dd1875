"""Person lists (docs/contract.md §3b, docs/person-lists.md): the layout told by the header, the mapping of a
list's own headers, and each flat row read as the case of §3 it stands for, with its notes, its partial
dates beside it, and `invalid` naming the column when its values contradict each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield.engine.vector.arrow_cases import to_table
from extrashield.errors import CaseError
from extrashield.facts.case import validate_case
from extrashield.facts.partial_dates import PartialDate
from extrashield.facts.person_columns import CONTRACT_FROM, CONTRACT_UNTIL, Summary, map_columns, read_row
from extrashield.facts.person_list import (
    PERSON_LIST_COLUMNS,
    HeaderError,
    Layout,
    detect_layout,
    parse_map_pair,
    parse_mapping,
    plan_headers,
)

ALL = list(PERSON_LIST_COLUMNS)


def _row(**cells: object) -> Any:
    return read_row(cells, plan_headers(list(cells)))


# --- layout ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "layout"),
    [
        (["id", "name", "nationality", "contract_from"], Layout.PERSON_LIST),
        (["Name", "Birth Date"], Layout.PERSON_LIST),
        (["id", "decision_date", "person.birth_date", "request.requesting_state"], Layout.CASES),
        (["id", "decision_date", "person", "request"], Layout.CASES),
        (["id", "decision_date"], Layout.CASES),
        (["whatever", "else"], Layout.CASES),
    ],
)
def test_the_layout_is_told_by_the_header_and_the_reason_given(headers: list[str], layout: Layout) -> None:
    guess = detect_layout(headers)
    assert guess.layout is layout
    assert guess.reason.startswith(
        "read as " + ("a person list" if layout is Layout.PERSON_LIST else "cases")
    )


def test_a_mapping_makes_a_person_list_and_a_mixed_header_is_an_error() -> None:
    assert detect_layout(["contract start"], {"contract start": "contract_from"}).layout is Layout.PERSON_LIST
    with pytest.raises(HeaderError, match="nationality"):
        detect_layout(["person.birth_date", "nationality"])


# --- headers and mappings ---------------------------------------------------------------------------------


def test_headers_are_mapped_and_unknown_ones_said_once_and_passed_through() -> None:
    plan = plan_headers(
        ["Name", "Birth-Date", "offense", "source", "contract start", "notes of ours"],
        {"contract start": "contract_from"},
    )
    assert dict(plan.columns) == {
        "Name": "name",
        "Birth-Date": "birth_date",
        "offense": "offence",
        "contract start": "contract_from",
    }
    assert plan.passthrough == ("source", "notes of ours")
    assert sum("'source'" in n for n in plan.notes) == 1
    assert "column 'Birth-Date' read as birth_date" in plan.notes


@pytest.mark.parametrize(
    ("headers", "mapping", "named"),
    [
        (["start"], {"start": "contract_begin"}, "start"),
        (["start"], {"begin": "contract_from"}, "begin"),
        (["start", "contract_from"], {"start": "contract_from"}, "contract_from"),
        (["name", "name"], {}, "name"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_an_error_naming_the_header(
    headers: list[str], mapping: dict[str, str], named: str
) -> None:
    with pytest.raises(HeaderError) as raised:
        plan_headers(headers, mapping)
    assert raised.value.path == named


def test_map_pairs_and_mapping_files_in_yaml_and_csv() -> None:
    assert parse_map_pair("contract start=contract_from") == ("contract start", "contract_from")
    assert parse_map_pair("a=b=Birth Date") == ("a=b", "birth_date")
    with pytest.raises(HeaderError):
        parse_map_pair("contract start")
    with pytest.raises(HeaderError, match="not a person-list column"):
        parse_map_pair("x=contract_begin")
    expected = {"Дата контракта": "contract_from", "Гражданство": "nationality"}
    assert parse_mapping("Дата контракта: contract_from\nГражданство: nationality\n", "yaml") == expected
    assert (
        parse_mapping(
            "their header,our column\nДата контракта,contract_from\nГражданство,nationality\n", "csv"
        )
        == expected
    )
    with pytest.raises(HeaderError, match="mapping row 1"):
        parse_mapping("only one cell\n", "csv")


# --- rows ---------------------------------------------------------------------------------------------


def test_a_flat_row_is_the_case_of_section_3_it_stands_for() -> None:
    row = _row(
        id="r1",
        name="Рамеш Тапа",
        aliases="Ramesh Thapa; R. Thapa",
        latin_name="RAMESH THAPA",
        birth_date="11.02.1995",
        nationality="Непал",
        stateless="нет",
        formation="ВС РФ",
        contract_from="2023-05-01",
        contract_until="по н.в.",
        combat="да",
        requesting_state="np",
        purpose="prosecution",
        offence="mercenarism",
        decision_date="2026-04-01",
        source="list A",
    )
    assert row.error is None
    assert row.case == {
        "id": "r1",
        "decision_date": "2026-04-01",
        "person": {
            "names": ["Рамеш Тапа", "Ramesh Thapa", "R. Thapa", "RAMESH THAPA"],
            "birth_date": "1995-02-11",
            "citizenships": [{"country": "NP"}],
            "stateless": False,
            "military_service": [
                {
                    "formation": "armed_forces",
                    "contract_from": "2023-05-01",
                    "contract_until": "ongoing",
                    "combat": True,
                }
            ],
        },
        "request": {
            "requesting_state": "NP",
            "purpose": "prosecution",
            "offense": {"description": "mercenarism"},
        },
    }
    assert row.passthrough == {"source": "list A"}
    assert "stateless: 'нет' read as false" in row.notes
    assert "birth_date: '11.02.1995' read as 1995-02-11" in row.notes
    validate_case(row.case)


def test_a_row_without_an_id_is_named_by_its_row_number() -> None:
    plan = plan_headers(["name"])
    assert read_row({"name": "A"}, plan, 7).case["id"] == "7"
    table = pa.table({"name": ["A", "B", "C"]})
    assert map_columns(table, plan, first_row_number=11).cases.column("id").to_pylist() == ["11", "12", "13"]


def test_no_citizenship_is_an_empty_list_and_an_empty_cell_is_unknown() -> None:
    assert _row(nationality="none").case["person"]["citizenships"] == []
    assert "citizenships" not in _row(nationality="").case.get("person", {})


def test_the_service_record_is_unknown_when_no_contract_cell_can_be_read() -> None:
    assert "military_service" not in _row(formation="", combat="").case.get("person", {})
    unread = _row(formation="navy", combat="maybe")
    assert "military_service" not in unread.case.get("person", {})
    assert any(n.startswith("formation: 'navy'") for n in unread.notes)
    assert _row(combat="no").case["person"]["military_service"] == [{"combat": False}]


def test_a_partial_date_is_unknown_in_the_case_and_kept_beside_it_as_an_interval() -> None:
    row = _row(birth_date="1995", contract_from="2024-03", contract_until="ongoing")
    assert "birth_date" not in row.case["person"]
    assert row.case["person"]["military_service"] == [{"contract_until": "ongoing"}]
    assert row.partial_dates == {
        "person.birth_date": PartialDate.year(1995),
        CONTRACT_FROM: PartialDate.month(2024, 3),
    }
    assert (
        "contract_from: '2024-03' is known only to the month: a day from 2024-03-01 to 2024-03-31"
        in row.notes
    )
    assert "birth_date: '1995' is known only to the year: a day from 1995-01-01 to 1995-12-31" in row.notes


def test_a_decision_date_must_be_a_whole_day() -> None:
    row = _row(decision_date="2026")
    assert "decision_date" not in row.case
    assert any(n.startswith("decision_date: '2026'") for n in row.notes)


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"contract_from": "2024-05-01", "contract_until": "2024-04-30"}, "contract_until"),
        ({"contract_from": "01.05.2024", "contract_until": "2024-05-01"}, "contract_until"),
        ({"contract_from": "2024-05", "contract_until": "2024-04"}, "contract_until"),
        ({"contract_from": "2025", "contract_until": "2024-12-31"}, "contract_until"),
        ({"stateless": "yes", "nationality": "Nepal"}, "stateless"),
        ({"stateless": "нет", "nationality": "none"}, "stateless"),
        ({"requesting_state": "Россия"}, "requesting_state"),
    ],
)
def test_an_impossible_combination_makes_the_row_invalid_naming_the_column(
    cells: dict[str, str], column: str
) -> None:
    row = _row(**cells)
    assert row.error is not None and row.error.path == column


@pytest.mark.parametrize(
    "cells",
    [
        {"contract_from": "2024", "contract_until": "2024-06"},  # may have begun in January and ended in June
        {"contract_from": "2024-05-01", "contract_until": "2024-05"},
        {"stateless": "yes", "nationality": "none"},
        {"stateless": "yes", "nationality": "Congo"},  # the nationality is unknown
    ],
)
def test_a_combination_that_may_be_true_is_not_invalid(cells: dict[str, str]) -> None:
    assert _row(**cells).error is None


def test_most_rows_failing_for_one_reason_is_said_once_with_the_fix() -> None:
    table = pa.table({"birth_date": ["05/06/1990"] * 8 + ["1990-06-05"] * 2, "nationality": ["NP"] * 10})
    summary = Summary()
    summary.add(map_columns(table, plan_headers(table.column_names)))
    advice = summary.advice()
    assert len(advice) == 1
    assert advice[0].startswith("8 of 10 rows: birth_date could not be read (day and month order)")
    assert "YYYY-MM-DD" in advice[0]
    few = Summary()
    few.add(map_columns(table.slice(6), plan_headers(table.column_names)))
    assert few.advice() == []


def test_the_cases_go_to_the_batch_engine_as_a_file_of_cases_would() -> None:
    table = pa.table(
        {
            "nationality": ["Непал", "RU; NP", "none"],
            "stateless": ["нет", "yes", None],
            "contract_from": ["01.05.2023", None, None],
            "requesting_state": ["np", "NP", "RU"],
            "decision_date": ["2026-04-01"] * 3,
        }
    )
    mapped = map_columns(table, plan_headers(table.column_names))
    converted = to_table(
        mapped.cases.to_batches()[0],
        needed=frozenset({"person.citizenships", "person.stateless", "person.military_service"}),
    )
    assert converted.suspect.tolist() == [False, True, True]
    assert mapped.error_columns.to_pylist() == [None, "stateless", "requesting_state"]


# --- one meaning: the batch, the row and the case format agree ------------------------------------------------

CELLS: dict[str, list[object]] = {
    "id": [None, "a", " b "],
    "name": [None, "Ramesh", "Рамеш"],
    "aliases": [None, "R; T", ";"],
    "latin_name": [None, "RAMESH"],
    "birth_date": [None, "1995-02-11", "11.02.1995", "1995", "05/06/1995", "1995-13"],
    "nationality": [None, "NP", "np", "Непал", "RU; NP", "none", "Congo", "нет"],
    "stateless": [None, "true", "false", "да", "нет", "0", "maybe"],
    "formation": [None, "armed_forces", "ЧВК", "navy"],
    "contract_from": [None, "2024-05-01", "2024", "2024-05", "05.05.2024"],
    "contract_until": [None, "ongoing", "2024-04-30", "2024-05", "2025-01-01", "по н.в.", "31.02.2024"],
    "combat": [None, "yes", "no"],
    "requesting_state": [None, "NP", "RU", "Nepal", "NP;IN"],
    "purpose": [None, "prosecution", "sentence", "исполнение приговора", "other"],
    "offence": [None, "mercenarism"],
    "decision_date": [None, "2026-04-01", "01.04.2026", "2026"],
}
rows = st.lists(
    st.fixed_dictionaries({k: st.sampled_from(v) for k, v in CELLS.items()}), min_size=1, max_size=12
)
THREE = {
    "stateless": "person.stateless",
    "requesting_state": "request.requesting_state",
    "contract_until": "person.military_service[0].contract_until",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows)
def test_a_batch_reads_each_row_as_the_row_alone_does_and_as_the_case_format_judges_it(
    batch: list[dict[str, object]],
) -> None:
    plan = plan_headers(ALL)
    mapped = map_columns(pa.Table.from_pylist(batch, schema=pa.schema([(c, pa.string()) for c in ALL])), plan)
    for i, cells in enumerate(batch):
        alone = read_row(cells, plan, i + 1)
        together = mapped.row(i)
        assert (together.case, together.notes, together.partial_dates) == (
            alone.case,
            alone.notes,
            alone.partial_dates,
        )
        assert (None if together.error is None else str(together.error)) == (
            None if alone.error is None else str(alone.error)
        )
        partial_contract = CONTRACT_FROM in alone.partial_dates or CONTRACT_UNTIL in alone.partial_dates
        try:
            validate_case(alone.case, decision_date=dt.date(2026, 4, 1))
            accepted: CaseError | None = None
        except CaseError as exc:
            accepted = exc
        if alone.error is None:
            assert accepted is None, (cells, accepted)
        elif alone.error.path != "contract_until" or not partial_contract:
            assert accepted is not None and accepted.path == THREE[alone.error.path], (cells, accepted)
