"""`screen` on person lists (docs/contract.md §3b, docs/person-lists.md): the same persons give the same
answers as a flat list and as cases, values written as people write them read as they mean, and the output
says what a person can read: each ground's status, the questions, the notes, the list's own columns."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield.batch.screening import Screener, screen_records
from extrashield.facts.case import FORMATIONS
from extrashield.rules import GROUNDS

from .person_lists import (
    answered_within,
    csv_text,
    flat_row,
    jsonl_text,
    nested_case,
    partial_dates,
    screened,
)

PROVISIONS = [g.provision for g in GROUNDS]
POINT_7 = "ru.upk.464.1.7"
DAYS = ("2023-05-01", "2024-06-01", "2025-12-31", "2026-03-18", "2026-03-19", "2026-04-01", "2026-09-01")
COMPARED = ("outcome", "applies", "depends_on", "questions", *PROVISIONS)
SCREENER = Screener()

person_strategy = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Ramesh Thapa", "Рамеш Тапа", "", "O'Brien, Jr."]),
        "birth_date": st.none() | st.sampled_from(["1995-02-11", "1990"]),
        "nationality": st.none()
        | st.just([])
        | st.lists(
            st.sampled_from(["NP", "IN", "LK", "CU", "KG", "RU"]), min_size=1, max_size=2, unique=True
        ),
        "stateless": st.none() | st.booleans(),
        "formation": st.none() | st.sampled_from(FORMATIONS),
        # contracts begin before they end, as in a cleaned list (a reversed contract is invalid in both layouts,
        # but with a partial date only the flat row can tell)
        "contract_from": st.none() | st.sampled_from(["2023-05-01", "2024-06-01", "2023", "2024-06"]),
        "contract_until": st.none()
        | st.sampled_from(["2025-12-31", "2026-03-18", "2026-09-01", "ongoing", "2025-01"]),
        "combat": st.none() | st.booleans(),
        "requesting_state": st.none() | st.sampled_from(["NP", "IN", "US", "RU"]),
        "purpose": st.none() | st.sampled_from(["prosecution", "sentence"]),
        "offence": st.sampled_from(["", "mercenarism"]),
        "decision_date": st.sampled_from(DAYS),
    }
)


def _compared(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in COMPARED}


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(persons=st.lists(person_strategy, min_size=1, max_size=25), seed=st.integers(0, 2**32 - 1))
def test_flat_and_nested_layouts_agree_row_by_row(
    tmp_path_factory: pytest.TempPathFactory, persons: list[dict[str, Any]], seed: int
) -> None:
    rng = random.Random(seed)
    for i, p in enumerate(persons):
        p["id"] = f"p{i}"
    tmp = tmp_path_factory.mktemp("layouts")
    flat, nested = tmp / "people.csv", tmp / "cases.jsonl"
    flat.write_text(csv_text([flat_row(p, rng) for p in persons]), encoding="utf-8", newline="")
    nested.write_text(jsonl_text([nested_case(p) for p in persons]), encoding="utf-8")
    got_flat, told_flat = screened(flat, SCREENER)
    got_nested, told_nested = screened(nested, SCREENER)
    assert told_flat.is_list and not told_nested.is_list
    assert [r["id"] for r in got_flat] == [r["id"] for r in got_nested] == [p["id"] for p in persons]
    for person, a, b in zip(persons, got_flat, got_nested):
        if b["outcome"] == "invalid":  # the same contradiction, named by its column in a list
            assert a["outcome"] == "invalid", (person, a["error"], b["error"])
            continue
        if partial_dates(person):  # the row knows more than its case: the interval of each partial date
            assert _compared(a) == _compared(answered_within(person)), person
            continue
        assert _compared(a) == _compared(b), person


# --- values as people write them -------------------------------------------------------------------------

BASE = {
    "name": "Ramesh Thapa",
    "nationality": "NP",
    "stateless": "false",
    "formation": "armed_forces",
    "contract_from": "2024-06-01",
    "contract_until": "ongoing",
    "combat": "true",
    "requesting_state": "NP",
    "purpose": "prosecution",
    "decision_date": "2026-04-01",
}
WRITTEN = [
    ("stateless", ["no", "N", "0", "нет", "FALSE"]),
    ("combat", ["yes", "y", "1", "да", "Да", "TRUE"]),
    ("nationality", ["Nepal", "Непал", "np", "NPL", " NP "]),
    ("requesting_state", ["Nepal", "непал"]),
    ("formation", ["Armed Forces", "army", "ВС РФ"]),
    ("contract_from", ["01.06.2024", "1.6.2024", "2024/06/01", "2024-06-01 00:00:00"]),
    ("contract_until", ["Ongoing", "по настоящее время"]),
    ("decision_date", ["01.04.2026", "2026-04-01 00:00:00"]),
    ("purpose", ["Prosecution", "уголовное преследование"]),
]


@pytest.mark.parametrize("column, forms", WRITTEN)
def test_values_written_as_people_write_them_give_the_answer_of_the_canonical_value(
    tmp_path: Path, column: str, forms: list[str]
) -> None:
    rows = [{"id": "canonical", **BASE}] + [
        {"id": f"form{i}", **BASE, column: form} for i, form in enumerate(forms)
    ]
    src = tmp_path / "people.csv"
    src.write_text(csv_text(rows), encoding="utf-8", newline="")
    got, _ = screened(src)
    want = _compared(got[0])
    assert want["outcome"] == "barred"
    for form, row in zip(forms, got[1:]):
        assert _compared(row) == want, form
        assert row[column] == form  # passed through as it was written
        if form.strip() != BASE[column]:
            assert row["notes"] and row["notes"].startswith(f"{column}: "), (form, row["notes"])


def test_a_value_that_cannot_be_read_with_certainty_is_unknown_and_named_in_the_notes(tmp_path: Path) -> None:
    rows = [{"id": "a", **BASE, "contract_from": "05/06/2024", "combat": "maybe", "nationality": "Congo"}]
    src = tmp_path / "people.csv"
    src.write_text(csv_text(rows), encoding="utf-8", newline="")
    (row,), _ = screened(src)
    notes = row["notes"]
    assert "contract_from: '05/06/2024' may be 2024-06-05 or 2024-05-06" in notes
    assert "combat: 'maybe'" in notes and "nationality: 'Congo'" in notes
    assert row["outcome"] == "undetermined" and row[POINT_7] == "unknown"
    assert "person.citizenships" in row["depends_on"]


def test_a_partial_date_has_a_note_and_its_interval_on_the_batch(tmp_path: Path) -> None:
    from extrashield.batch.formats import input_for, reader_of
    from extrashield.batch.person_lists import list_reader, tell_layout
    from extrashield.facts.person_columns import CONTRACT_FROM

    src = tmp_path / "people.csv"
    src.write_text(csv_text([{"id": "a", **BASE, "contract_from": "2024"}]), encoding="utf-8", newline="")
    (row,), _ = screened(src)
    assert (
        "contract_from: '2024' is known only to the year: a day from 2024-01-01 to 2024-12-31" in row["notes"]
    )
    # every day of 2024 is before the decision date: he serves on it
    assert row["outcome"] == "barred" and row[POINT_7] == "applies"
    # The batches carry the interval of each partial date, where the engine reads it.
    fmt = input_for(src)
    assert fmt is not None
    reader = reader_of(fmt)
    told = tell_layout(reader, src, None, SCREENER.schema.names)
    (batch,) = list(list_reader(reader, told).read(src, 10))
    assert batch.listed is not None
    assert (
        batch.listed.partial_dates.column(CONTRACT_FROM).to_pylist()[0]["earliest"].isoformat()
        == "2024-01-01"
    )


# --- what the output says --------------------------------------------------------------------------------


def _fifty() -> list[dict[str, str]]:
    """A mixed list of fifty persons, each row a kind of person a journalist's list holds."""
    base = {
        "nationality": "NP",
        "requesting_state": "NP",
        "purpose": "prosecution",
        "decision_date": "2026-04-01",
    }
    kinds: list[tuple[str, dict[str, str], str | None]] = [
        # (kind, cells, what point 7 says: None where the person is barred or invalid anyway)
        (
            "serving",
            {"formation": "armed_forces", "contract_from": "2024-05-01", "contract_until": "ongoing"},
            "applies",
        ),
        (
            "served in combat",
            {
                "formation": "armed_forces",
                "contract_from": "2023-01-01",
                "contract_until": "2024-01-01",
                "combat": "yes",
            },
            "applies",
        ),
        (
            "private military company",
            {"formation": "ЧВК", "contract_from": "2024-01-01", "combat": "да"},
            "does_not_apply",
        ),
        (
            "volunteer formation",
            {
                "formation": "volunteer_formation",
                "contract_from": "2024-01-01",
                "contract_until": "ongoing",
                "combat": "yes",
            },
            "does_not_apply",
        ),
        (
            "served without combat",
            {
                "formation": "armed_forces",
                "contract_from": "2023-01-01",
                "contract_until": "2024-01-01",
                "combat": "no",
            },
            "does_not_apply",
        ),
        (
            "Russian citizen",
            {
                "nationality": "RU",
                "formation": "armed_forces",
                "contract_from": "2024-01-01",
                "contract_until": "ongoing",
            },
            "does_not_apply",
        ),
        ("nothing known of service", {}, "unknown"),
        (
            "served, combat unknown",
            {"formation": "armed_forces", "contract_from": "2023-01-01", "contract_until": "2024-01-01"},
            "unknown",
        ),
        (
            "formation unknown",
            {"contract_from": "2024-01-01", "contract_until": "ongoing", "combat": "yes"},
            "unknown",
        ),
        (
            "contract end unknown",
            {"formation": "other_military_formation", "contract_from": "2024-01-01", "combat": "no"},
            "unknown",
        ),
    ]
    rows = []
    for i in range(50):
        kind, cells, point7 = kinds[i % len(kinds)]
        rows.append(
            {"id": f"p{i:02d}", "name": f"Person {i}", "kind": kind, "point7": point7 or "", **base, **cells}
        )
    return rows


def test_a_mixed_list_tells_who_point_7_certainly_does_not_protect_from_who_is_unknown(
    tmp_path: Path,
) -> None:
    rows = _fifty()
    src = tmp_path / "fifty.csv"
    fields = list(dict.fromkeys(k for r in rows for k in r))
    src.write_text(csv_text([{k: r.get(k, "") for k in fields} for r in rows]), encoding="utf-8", newline="")
    got, told = screened(src)
    assert told.is_list and len(got) == 50
    undetermined = [r for r in got if r["outcome"] == "undetermined"]
    certainly_not = [r for r in undetermined if r[POINT_7] == "does_not_apply"]
    unknown = [r for r in undetermined if r[POINT_7] == "unknown"]
    assert certainly_not and unknown and len(certainly_not) + len(unknown) == len(undetermined)
    for r in got:  # the list's own columns are passed through: the test reads what each person is
        assert r[POINT_7] == r["point7"], (r["kind"], r[POINT_7])
        assert r["name"].startswith("Person ")
    for r in unknown:  # and the rows that turn on point 7 say what to find out, in words
        assert any("serv" in q or "combat" in q or "formation" in q for q in r["questions"]), r["kind"]
    assert {r["kind"] for r in certainly_not} >= {
        "private military company",
        "volunteer formation",
        "served without combat",
    }
    assert all(
        r["outcome"] == "barred" and r["applies"] == [POINT_7]
        for r in got
        if r["kind"] in ("serving", "served in combat")
    )


def test_questions_are_worded_as_assess_words_them(tmp_path: Path) -> None:
    import extrashield

    src = tmp_path / "people.csv"
    src.write_text(
        csv_text([{"id": "a", **BASE, "combat": "", "contract_until": "2024-12-31"}]),
        encoding="utf-8",
        newline="",
    )
    (row,), _ = screened(src)
    case = nested_case(
        {
            "id": "a",
            **{k: v for k, v in BASE.items() if k not in ("combat", "contract_until")},
            "nationality": ["NP"],
            "stateless": False,
            "contract_until": "2024-12-31",
        }
    )
    answer = extrashield.assess(case)
    assert [q for _, q in answer.depends_on] == row["questions"] and row["questions"]


def test_screen_records_tells_person_list_rows_from_cases_by_their_keys() -> None:
    person = {"id": "a", **BASE, "source": "interview"}
    flat = screen_records([person])
    case = nested_case({"id": "a", **BASE, "nationality": ["NP"], "stateless": False, "combat": True})
    nested = screen_records([case])
    assert _compared(flat[0]) == _compared(nested[0])
    assert flat[0]["source"] == "interview" and flat[0]["notes"] is None and nested[0]["notes"] is None
    mapped = screen_records(
        [{"Their name": "A", "Land": "Nepal", "decision_date": "2026-04-01"}],
        mapping={"Land": "nationality", "Their name": "name"},
    )
    assert mapped[0]["notes"] == "nationality: 'Nepal' read as NP (Nepal)" and mapped[0]["Land"] == "Nepal"


def test_a_list_column_named_like_a_result_column_is_kept_under_another_name(tmp_path: Path) -> None:
    src = tmp_path / "people.csv"
    src.write_text(
        csv_text([{"id": "a", **BASE, "outcome": "their own", "notes": "x"}]), encoding="utf-8", newline=""
    )
    (row,), told = screened(src)
    assert (
        row["outcome"] == "barred" and row["outcome (input)"] == "their own" and row["notes (input)"] == "x"
    )
    assert any("'outcome' as 'outcome (input)'" in m for m in told.messages())


def test_nested_results_have_every_column_with_empty_notes() -> None:
    case = json.loads(
        (
            Path(__file__).resolve().parent.parent / "extrashield" / "examples" / "nepali-serving.json"
        ).read_text(encoding="utf-8")
    )
    (row,) = screen_records([case])
    assert list(row) == list(SCREENER.schema.names)
    assert row["notes"] is None and row[POINT_7] == "applies" and row["questions"] == []


def test_a_partial_date_is_never_taken_as_a_guessed_day(tmp_path: Path) -> None:
    # a contract from some day of 2026, serving, no combat: serving on 2026-04-01 turns on the day it began
    rows = [
        {"id": "day", **BASE, "combat": "no", "contract_from": "2026-01-01"},
        {"id": "year", **BASE, "combat": "no", "contract_from": "2026"},
    ]
    src = tmp_path / "people.csv"
    src.write_text(csv_text(rows), encoding="utf-8", newline="")
    day, year = screened(src)[0]
    assert day[POINT_7] == "applies"
    assert year[POINT_7] == "unknown" and "person.military_service[0].contract_from" in year["depends_on"]
