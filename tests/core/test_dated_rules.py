"""Dated rule tests (engine/dated.py): a rule keys a changed test by the version's id in the law data, every
engine applies the test of the version in force on the decision date, and a rule naming a version the law
data does not have is refused when its evaluator is built.

The law with such a version is tests/fixtures/amended_law, an INVENTED amendment of point 7 from
2027-07-01 (test data, not law), bound to tests/fixtures/amended_rules.py; tests/scenarios/
dated_amendment.yaml shows it for people. Here the engines are held to one meaning on random cases on
both sides of that date.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extrashield import Case, CaseError, RuleError, default_lawbook, evaluator_for, validate_case
from extrashield.batch.screening import Screener, screen_records
from extrashield.engine.answer import reference_grounds
from extrashield.engine.codegen import compile_expr
from extrashield.engine.evaluator import Assessment, Evaluator
from extrashield.engine.expr import DECISION_DATE, And, Cmp, Const
from extrashield.engine.grounds import Ground
from extrashield.engine.timeline import build_timeline
from extrashield.rules import GROUNDS
from extrashield.rules.contract_eligibility import CONTRACT, FITNESS_MET
from extrashield.rules.status import FOREIGN_OR_STATELESS
from extrashield.rules.upk_464 import CONTRACT_SERVICEMAN
from extrashield.services.eligibility import EligibilityEvaluator
from extrashield.sources.lawbook import load_lawbook
from extrashield.testing.scenarios import law_under_test

from ..conftest import ROOT, load_example
from .test_properties import cases

FIXTURES = ROOT / "tests" / "fixtures"
AMENDMENT = dt.date(2027, 7, 1)  # the invented version's valid_from in the fixture law
POINT_7 = "ru.upk.464.1.7"
READINGS = st.fixed_dictionaries(
    {
        "point7.limbs": st.sampled_from(["two_limbs", "combat_required"]),
        "point7.volunteer_formations": st.sampled_from(["excluded", "included"]),
    }
)
SOME_DAYS = [AMENDMENT + dt.timedelta(days=d) for d in (-400, -1, 0, 1, 300)]


def amended() -> Evaluator:
    return law_under_test((FIXTURES / "amended_law").resolve(), (FIXTURES / "amended_rules.py").resolve())


def _shift(value: Any, delta: dt.timedelta) -> Any:
    """Every date of a case moved by `delta`, so that the case keeps its shape around another day."""
    if isinstance(value, dict):
        return {k: _shift(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, delta) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return (dt.date.fromisoformat(value) + delta).isoformat()
    return value


@st.composite
def cases_around_the_amendment(draw: st.DrawFn) -> dict[str, Any]:
    """The random cases of the property tests, moved to a decision date near the invented amendment."""
    case = draw(cases())
    day = draw(st.sampled_from(SOME_DAYS))
    return _shift(case, day - dt.date.fromisoformat(case["decision_date"]))


def _valid(case: dict[str, Any]) -> Case | None:
    try:
        return validate_case(case)
    except CaseError:
        return None  # the random cases are now and then contradictory, and refused


# --- which test a version has --------------------------------------------------------------------------

A, B, C = Const(True), Const(False), Const(None)


def test_a_named_test_holds_from_its_version_until_the_next_one_named() -> None:
    p = default_lawbook()["ru.uk.15"]  # three versions: uk-1996, 420-fz, 146-fz
    assert [v.id for v in p.versions] == ["uk-1996", "420-fz", "146-fz"]
    one = Ground(p.id, "none", A, "", from_version=(("420-fz", B),))
    assert [one.test_for(p, v) for v in p.versions] == [A, B, B]
    two = Ground(p.id, "none", A, "", from_version=(("420-fz", B), ("146-fz", C)))
    assert [two.test_for(p, v) for v in p.versions] == [A, B, C]
    assert two.test_for(p, None) is A and two.tests == (A, B, C)


@pytest.mark.parametrize(
    "from_version, problem",
    [
        ((("146-FZ", B),), "names version '146-FZ', which the law data does not have"),
        ((("uk-1996", B),), "names the first version, 'uk-1996'"),
        ((("420-fz", B), ("420-fz", C)), "names a version twice"),
        ((("146-fz", B), ("420-fz", C)), "out of their order"),
    ],
)
def test_a_rule_naming_a_version_wrongly_is_refused_when_its_evaluator_is_built(
    from_version: tuple[tuple[str, Any], ...],
    problem: str,
) -> None:
    with pytest.raises(RuleError) as err:
        Evaluator(default_lawbook(), [Ground("ru.uk.15", "none", A, "", from_version=from_version)])
    assert err.value.provision == "ru.uk.15" and problem in str(err.value)


def test_the_bundled_rules_refuse_the_amended_version_on_the_bundled_law() -> None:
    # the invented version exists only in the fixture law: naming it against the bundled law is an error
    rules = [
        replace(CONTRACT_SERVICEMAN, from_version=(("invented-2027", A),)) if g is CONTRACT_SERVICEMAN else g
        for g in GROUNDS
    ]
    with pytest.raises(RuleError, match="invented-2027"):
        evaluator_for(default_lawbook(), rules)
    bound = evaluator_for(load_lawbook(FIXTURES / "amended_law"), rules)
    assert next(g for g in bound.grounds if g.provision == POINT_7).tests[1] is A


def test_an_eligibility_criterion_naming_a_version_the_law_lacks_is_refused() -> None:
    typo = replace(FITNESS_MET, from_version=(("269-fz-typo", A),))
    rules = replace(CONTRACT, criteria=tuple(typo if c is FITNESS_MET else c for c in CONTRACT.criteria))
    with pytest.raises(RuleError, match="269-fz-typo"):
        EligibilityEvaluator(default_lawbook(), rules)


# --- the single case on both sides of the date ------------------------------------------------------------


@pytest.mark.parametrize(
    "day, version, outcome",
    [
        (AMENDMENT - dt.timedelta(days=1), "50-fz", "barred"),
        (AMENDMENT, "invented-2027", "permitted"),
    ],
)
def test_the_answer_applies_and_names_the_version_in_force(day: dt.date, version: str, outcome: str) -> None:
    case = load_example("nepali-serving")
    case["person"]["military_service"][0]["combat"] = False
    answer = amended().assess(validate_case(case, decision_date=day)).to_dict()
    point7 = next(g for g in answer["grounds"] if g["provision"] == POINT_7)
    assert (answer["outcome"], point7["version"]["id"]) == (outcome, version)


def _same_as_reference(a: Assessment) -> None:
    plan = a.evaluator.answer_plan()
    plan.grounds_fn(a.plan.key, a.law)  # the first answer of a kind is explained from the traces
    generated = plan.grounds_fn(a.plan.key, a.law)
    assert generated is not None
    assert json.dumps(generated(a.case.facts, {})) == json.dumps(reference_grounds(a))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases_around_the_amendment(), READINGS)
def test_generated_code_agrees_with_the_closures_under_every_version(
    case: dict[str, Any], readings: dict[str, str]
) -> None:
    ev = amended()
    valid = _valid(case)
    assume(valid is not None)
    assert valid is not None
    a = ev.assess(valid, readings)
    _same_as_reference(a)
    facts, rd = a.case.facts, a.readings
    for ground in ev.grounds:
        for test in ground.tests:
            want = test.fn(rd)(facts, None, None)
            assert compile_expr(test, rd, traced=False)(facts, None) is want, ground.provision


# --- the batch and the timeline agree with the single case ----------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cases_around_the_amendment(), min_size=40, max_size=40), READINGS)
def test_a_batch_straddling_the_amendment_agrees_with_the_single_case_row_by_row(
    batch: list[dict[str, Any]],
    readings: dict[str, str],
) -> None:
    ev = amended()
    rows = screen_records(batch, screener=Screener(readings=readings, evaluator=ev))
    for case, row in zip(batch, rows):
        valid = _valid(case)
        if valid is None:
            assert row["outcome"] == "invalid"
            continue
        a = ev.assess(valid, readings)
        want = {"outcome": a.outcome.value, "applies": a.applies, "depends_on": [p for p, _ in a.depends_on]}
        assert {k: row[k] for k in want} == want, json.dumps(case)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases_around_the_amendment(), st.sampled_from(["two_limbs", "combat_required"]))
def test_the_timeline_across_the_amendment_agrees_with_the_single_case_on_every_edge(
    case: dict[str, Any], limbs: str
) -> None:
    ev = amended()
    valid = _valid(case)
    assume(valid is not None)
    assert valid is not None
    readings = {"point7.limbs": limbs}
    try:
        t = build_timeline(
            ev, valid, AMENDMENT - dt.timedelta(days=200), AMENDMENT + dt.timedelta(days=200), readings
        )
    except CaseError:  # a stateless person holding a citizenship on some day of the range: refused
        assume(False)
        raise
    for iv in t.intervals:
        for edge in (iv.start, iv.until - dt.timedelta(days=1)):
            a = ev.assess(valid.with_decision_date(edge), readings)
            assert (iv.outcome, list(iv.applies)) == (a.outcome, a.applies), edge


def test_the_timeline_says_which_version_changes_the_test_on_its_first_day() -> None:
    t = build_timeline(
        amended(), validate_case(load_example("nepali-serving")), dt.date(2027, 1, 1), dt.date(2028, 1, 1)
    )
    events = [e for e in t.events if e.day == AMENDMENT and e.ref == POINT_7]
    assert any("version invented-2027 changes the ground's test" in e.what for e in events), events


def test_the_timeline_splits_on_the_dates_that_only_a_later_version_compares() -> None:
    # a made-up test of the invented version that compares the decision date with 1 September 2027
    later = And(FOREIGN_OR_STATELESS, Cmp(">=", DECISION_DATE, Const(dt.date(2027, 9, 1))))
    rules = [
        replace(g, from_version=(("invented-2027", later),)) if g is CONTRACT_SERVICEMAN else g
        for g in GROUNDS
    ]
    ev = evaluator_for(load_lawbook(FIXTURES / "amended_law"), rules)
    t = build_timeline(
        ev, validate_case(load_example("nepali-serving")), dt.date(2027, 1, 1), dt.date(2028, 1, 1)
    )
    assert [(iv.start.isoformat(), iv.outcome.value) for iv in t.intervals] == [
        ("2027-01-01", "barred"),
        ("2027-07-01", "permitted"),
        ("2027-09-01", "barred"),
    ]
