"""Each treaty condition is its own test, compared with the Code's ground (issue 15 item 4).

Every `covers` of the treaty data has its test in `rules/treaty_grounds.py`; the collision question is raised
exactly where the treaty's test and the Code's ground give different outcomes, on a grid of values at and
around each threshold; and the three engines (closures, generated code, the batch interpreter) give every
treaty test the same value.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extrashield
from extrashield.engine.codegen import compile_expr
from extrashield.engine.grounds import ALLOWS_REFUSAL
from extrashield.engine.vector.arrow_cases import CASE_TYPE, to_table
from extrashield.engine.vector.columns import FALSE, TRUE, UNKNOWN
from extrashield.engine.vector.interpreter import Interpreter
from extrashield.errors import CaseError, LawDataError
from extrashield.facts.case import validate_case
from extrashield.rules.treaty_grounds import TESTS, TreatyTest
from extrashield.rules.uk_limitation import LIMITATION_EXPIRED_DERIVED
from extrashield.services.treaty_collision import treaty_collisions
from extrashield.sources.treaties import load_treaties
from extrashield.testing.scenarios import build_case

from ..core.test_properties import cases

# a requesting state for which each treaty's binding is true or not established (never shown false)
STATE = {
    "ece-1957": "AZ",
    "minsk-1993": "UZ",
    "chisinau-2002": "KZ",
    "ru-br-extradition": "BR",
    "ru-cn-extradition-1995": "CN",
}
BOOL = [True, False, None]
# the values tried for each fact a treaty test or its Code ground reads: at and around every threshold
GRID: dict[str, list[Any]] = {
    "request.purpose": ["prosecution", "sentence", None],
    "request.offense.max_penalty_years": [None, 0.5, 0.99, 1, 1.01, 2],
    "request.offense.life_imprisonment": BOOL,
    "request.offense.sentence_years": [None, 0.25, 4 / 12, 0.34, 0.49, 0.5, 1],
    "request.offense.crime_under_russian_law": BOOL,
    "request.offense.crime_under_requesting_law": BOOL,
    "request.offense.committed_in_russia": BOOL,
    "request.offense.against_russian_interests": BOOL,
    "request.offense.private_prosecution": BOOL,
    "request.offense.political_persecution": BOOL,
    "russian_proceedings.same_act": ["none", "ongoing", "final_judgment", "terminated", None],
    "russian_proceedings.limitation_expired": BOOL,
    "russian_proceedings.other_lawful_ground": BOOL,
    "person.asylum_in_russia.granted": BOOL,
    "person.citizenships": ["foreign", "dual", None],
}


def covers_entries() -> Iterator[tuple[str, str, str, bool]]:
    for treaty in load_treaties().values():
        for g in treaty.refusal_grounds:
            if g.covers is not None:
                yield treaty.id, g.id, g.covers, g.mandatory


def test_every_covers_of_the_treaty_data_has_its_own_test_and_every_test_a_covers() -> None:
    data = {(t, g): covers for t, g, covers, _ in covers_entries()}
    tests = {(t.treaty, t.ground): t.covers for t in TESTS}
    assert len(tests) == len(TESTS), "a treaty ground has two tests"
    assert data == tests


def test_every_treaty_test_reads_facts_of_the_case_format_and_no_reading() -> None:
    from extrashield.facts.case import spec_at

    for t in TESTS:
        assert t.test.readings() == frozenset(), t.ground
        for path in t.test.refs():
            if not path.startswith("[*]."):
                spec_at(path)  # raises for a path the case format does not have


def _grid_facts(test: TreatyTest) -> list[str]:
    ground = next(g for g in extrashield.default_evaluator().grounds if g.provision == test.covers)
    read = {p for p in test.test.refs() | ground.test.refs()}
    read |= {"person.citizenships" for p in read if p.startswith("[*].country")}
    read |= {"person.asylum_in_russia.granted" for p in read if p.startswith("person.asylum_in_russia")}
    if (
        "russian_proceedings.limitation_expired" in read
    ):  # the derivation behind a null is the Criminal Code's,
        read -= (
            LIMITATION_EXPIRED_DERIVED.refs()
        )  # not the treaty's: its facts stay as the base case has them
    return sorted(p for p in read if p in GRID)


def _case(treaty: str, combo: dict[str, Any]) -> dict[str, Any]:
    state = STATE[treaty]
    facts = {
        "request.requesting_state": state,
        "person.citizenships": [{"country": state}],
        "request.legal_basis": "treaty",
        "request.treaty": treaty,
        "person.military_service": [],
    }
    for path, value in combo.items():
        if path == "person.citizenships":
            value = {
                "foreign": [{"country": state}],
                "dual": [{"country": state}, {"country": "RU", "from": "2020-01-01"}],
                None: None,
            }[value]
        if path == "person.asylum_in_russia.granted":
            facts["person.asylum_in_russia"] = (
                {"granted": value, "granted_on": "2024-01-05"} if value else {"granted": value}
            )
            continue
        facts[path] = value
    return build_case({"set": facts}, "nepali-serving")


def _kleene_or(values: list[bool | None]) -> bool | None:
    return True if True in values else (None if None in values else False)


@pytest.mark.parametrize(
    "test",
    [t for t in TESTS if t.treaty in STATE and not t.covers.startswith("ru.const.")],
    ids=lambda t: t.ground,
)
def test_the_collision_is_raised_exactly_where_the_treaty_and_the_code_part(test: TreatyTest) -> None:
    siblings = [t for t in TESTS if t.treaty == test.treaty and t.covers == test.covers]
    mandatory = {g.id: g.mandatory for g in load_treaties()[test.treaty].refusal_grounds}
    facts = _grid_facts(test)
    seen = set()
    for values in itertools.product(*(GRID[f] for f in facts)):
        try:
            a = extrashield.assess(_case(test.treaty, dict(zip(facts, values))))
        except CaseError:
            continue  # a contradiction the case format refuses (life imprisonment beside a short maximum)
        applies = set(a.applies)
        constitution = any(p.startswith("ru.const.") for p in applies)
        if a.outcome == "undetermined" or (applies - {test.covers} and not constitution):
            continue  # no other ground applies (but the Constitution's), and the outcome is settled
        treaty_says = [(t, t.test.fn(a.readings)(a.case.facts, None, None)) for t in siblings]
        lets_refuse = _kleene_or([v for _, v in treaty_says])
        effect = next(g.effect for g in a.evaluator.grounds if g.provision == test.covers)
        code_applies = test.covers in applies
        expected = (
            code_applies
            and not constitution
            and (
                lets_refuse is not True
                or (
                    effect == ALLOWS_REFUSAL
                    and any(v is True and mandatory[t.ground] for t, v in treaty_says)
                )
            )
        )
        questions = [q for q in treaty_collisions(a) if q.id == f"treaty_collision.{test.treaty}"]
        assert bool(questions) is expected, (test.ground, dict(zip(facts, values)), a.outcome, applies)
        seen.add(code_applies)
    assert seen == {True, False}  # the grid reached the ground both applying and not


def test_a_covers_entry_without_its_test_is_refused_naming_the_file_and_the_ground() -> None:
    from extrashield.services import treaty_collision

    ece = load_treaties()["ece-1957"]
    ground = next(g for g in ece.refusal_grounds if g.id == "ece.art2.penalty_threshold")
    stray = dataclasses.replace(ece, refusal_grounds=(dataclasses.replace(ground, id="ece.art2.unmodelled"),))
    a = extrashield.assess(_case("ece-1957", {"request.offense.max_penalty_years": 1}))
    with pytest.raises(LawDataError) as exc:
        treaty_collision._conditions(a, stray, "ru.upk.462.3.1")
    assert "treaties/ece-1957.yaml" in str(exc.value) and "ece.art2.unmodelled" in str(exc.value)


@st.composite
def threshold_cases(draw: st.DrawFn) -> dict[str, Any]:
    """The random cases of the property tests, with penalties and sentences at and around the treaties' thresholds."""
    case = draw(cases())
    offense = case["request"]["offense"]
    offense["max_penalty_years"] = draw(st.sampled_from(GRID["request.offense.max_penalty_years"] + [7, 12]))
    if (offense["max_penalty_years"] or 0) <= 10:
        offense.pop("life_imprisonment", None)
    if case["request"]["purpose"] == "sentence":
        offense["sentence_years"] = draw(st.sampled_from(GRID["request.offense.sentence_years"]))
    return case


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(threshold_cases(), min_size=10, max_size=10))
def test_the_batch_engine_closures_and_generated_code_agree_on_every_treaty_test(
    batch: list[dict[str, Any]],
) -> None:
    valid = []
    for case in batch:
        try:
            valid.append((case, validate_case(case).facts))
        except CaseError:
            continue
    if not valid:
        return
    tests = [t.test for t in TESTS]
    needed = frozenset().union(*(e.refs() for e in tests)) | {"decision_date"}
    needed |= {p.split("[*]")[0].rstrip(".") for p in needed if "[*]" in p} | {
        "person.citizenships",
        "person.stateless",
    }
    converted = to_table(pa.array([c for c, _ in valid], CASE_TYPE), needed=frozenset(needed))
    interp = Interpreter({})
    frame = interp.top(converted.table)
    code = {TRUE: True, FALSE: False, UNKNOWN: None}
    for e in tests:
        column = interp.condition(e, frame)
        reference, generated = e.fn({}), compile_expr(e, {}, traced=False)
        for row, (case, facts) in enumerate(valid):
            want = reference(facts, None, None)
            assert generated(facts, None) is want
            if not converted.suspect[row]:
                assert code[np.int8(column[row])] is want, case
