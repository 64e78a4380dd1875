"""Contradictory facts: refused alike by the single-case check and the column check, and never tried by
either engine's depends_on search; long lists refused; dates at the calendar's end handled."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings

import extrashield
from extrashield.batch.formats import read_batches
from extrashield.batch.screening import Screener
from extrashield.engine.vector.arrow_cases import CASE_TYPE, to_table
from extrashield.engine.vector.interpreter import BatchEvaluator
from extrashield.errors import CaseError
from extrashield.facts.case import MAX_CONTRACTS, _case_plan, _walk, check_consistency

from ..batch_cases import case_strategy
from ..conftest import load_example


def _fields_valid(case: Any) -> dict[str, Any] | None:
    """The flat facts of a case whose fields are valid one by one (contradictions aside), else None."""
    facts: dict[str, Any] = {}
    try:
        _walk(_case_plan(), case, "", facts)
    except CaseError:
        return None
    return facts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_strategy)
def test_the_column_check_finds_exactly_the_contradictions_the_single_case_check_refuses(case: Any) -> None:
    facts = _fields_valid(case)
    if facts is None or facts.get("decision_date") is None:
        return
    try:
        check_consistency(facts)
        refused = False
    except CaseError:
        refused = True
    needed = BatchEvaluator(extrashield.default_evaluator()).needed_facts()
    converted = to_table(pa.array([case], CASE_TYPE), needed=needed)
    assert bool(converted.suspect[0]) is refused, json.dumps(case)


def _case(**offense: Any) -> dict[str, Any]:
    c = load_example("nepali-serving")
    c["request"]["offense"].update(offense)
    return c


@pytest.mark.parametrize(
    "offense, word",
    [
        ({"life_imprisonment": True, "max_penalty_years": 1}, "max_penalty_years is 1"),
        ({"life_imprisonment": True, "max_penalty_years": 10}, "max_penalty_years is 10"),
        ({"life_imprisonment": True, "max_penalty_years": 20, "intentional": False}, "intentional is false"),
    ],
)
def test_life_imprisonment_with_a_term_of_ten_years_or_less_or_a_negligent_act_is_refused(
    offense: dict, word: str
) -> None:
    with pytest.raises(CaseError) as err:
        extrashield.assess(_case(**offense))
    assert err.value.path == "request.offense.life_imprisonment" and word in str(err.value)


def test_life_imprisonment_with_a_term_above_ten_years_is_accepted() -> None:
    assert extrashield.assess(_case(life_imprisonment=True, max_penalty_years=20)).outcome == "barred"


def test_no_citizenship_and_not_stateless_is_refused() -> None:
    c = load_example("nepali-serving")
    c["person"].update(citizenships=[], stateless=False)
    with pytest.raises(CaseError) as err:
        extrashield.assess(c)
    assert err.value.path == "person.stateless"


def test_russia_cannot_be_the_requesting_state() -> None:
    c = load_example("nepali-serving")
    c["request"]["requesting_state"] = "RU"
    with pytest.raises(CaseError) as err:
        extrashield.assess(c)
    assert err.value.path == "request.requesting_state"


def test_more_contracts_than_accepted_are_refused_naming_the_list() -> None:
    c = load_example("nepali-serving")
    c["person"]["military_service"] = c["person"]["military_service"] * (MAX_CONTRACTS + 1)
    with pytest.raises(CaseError) as err:
        extrashield.assess(c)
    assert err.value.path == "person.military_service" and f"at most {MAX_CONTRACTS}" in str(err.value)


def _screen(cases: list[dict[str, Any]], tmp: Path) -> list[dict[str, Any]]:
    path = tmp / "cases.parquet"
    pq.write_table(
        pa.Table.from_batches([pa.RecordBatch.from_struct_array(pa.array(cases, CASE_TYPE))]), path
    )
    screener = Screener()
    out: list[dict[str, Any]] = []
    for b in read_batches(path, "parquet", batch_size=100, decision_date=screener.day):
        out.extend(screener.screen(b.data, b.raw, b.invalid).batch.to_pylist())
    return out


def _stateless_serving_with_combat_unknown() -> dict[str, Any]:
    c = load_example("nepali-serving")
    c["decision_date"] = "2026-03-19"
    c["person"].update(
        stateless=True,
        citizenships=None,
        military_service=[
            {
                "formation": "armed_forces",
                "contract_from": "2023-05-01",
                "contract_until": "2025-05-01",
                "combat": None,
            }
        ],
    )
    return c


def _life_unknown_with_a_short_maximum() -> dict[str, Any]:
    c = load_example("nepali-serving")
    c["person"]["military_service"] = []
    c["request"]["offense"].update(max_penalty_years=3, committed_on="2020-01-01", life_imprisonment=None)
    c["russian_proceedings"].update(limitation_expired=None, limitation_suspended=None)
    return c


@pytest.mark.parametrize(
    "make, left_out",
    [
        # a citizenship would contradict "stateless": no possible value of it changes anything
        (_stateless_serving_with_combat_unknown, "person.citizenships"),
        # life imprisonment would contradict a maximum of three years
        (_life_unknown_with_a_short_maximum, "request.offense.life_imprisonment"),
    ],
)
def test_depends_on_leaves_out_values_that_contradict_the_case_in_both_engines(
    make: Any, left_out: str, tmp_path: Path
) -> None:
    case = make()
    a = extrashield.assess(case)
    single = [p for p, _ in a.depends_on]
    assert left_out not in single and single
    [row] = _screen([case], tmp_path)
    assert (row["outcome"], row["depends_on"]) == (a.outcome, single)


def test_a_negligent_act_rules_out_life_imprisonment_for_the_limitation_period() -> None:
    # Art. 15(3): a negligent act above three years is of medium gravity, six years (Art. 78(1)(b)); life
    # imprisonment (Art. 78(4)) is not asked about, as only intentional acts are especially grave
    c = load_example("nepali-serving")
    c["person"]["military_service"] = []
    c["request"]["offense"].update(
        max_penalty_years=12, intentional=False, committed_on="2019-01-01", life_imprisonment=None
    )
    c["russian_proceedings"].update(limitation_expired=None)
    a = extrashield.assess(c)
    assert a.outcome == "barred" and "ru.upk.464.1.4" in a.applies


@pytest.mark.parametrize(
    "change",
    [
        {"request.offense.committed_on": "9990-01-01"},
        {"decision_date": "9999-12-31", "request.offense.committed_on": None},
        {"decision_date": "9999-12-31", "person.military_service": None, "person.citizenships": None},
    ],
)
def test_dates_near_the_end_of_the_calendar_are_answered_alike_by_both_engines(
    change: dict[str, Any], tmp_path: Path
) -> None:
    case = copy.deepcopy(load_example("nepali-serving"))
    case["russian_proceedings"]["limitation_expired"] = None
    for path, value in change.items():
        *parents, last = path.split(".")
        node = case
        for p in parents:
            node = node[p]
        node[last] = value
    a = extrashield.assess(case)
    a.to_dict()
    [row] = _screen([case], tmp_path)
    assert (row["outcome"], row["applies"], row["depends_on"]) == (
        a.outcome,
        a.applies,
        [p for p, _ in a.depends_on],
    )
