"""The values `depends_on` tries come from the rules' own constants: a rule with a new threshold brings its
values with it, in the single-case search and in the batch engine alike."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield import evaluator_for
from extrashield.engine.candidates import Candidates, thresholds
from extrashield.engine.evaluator import Evaluator
from extrashield.engine.expr import (
    DECISION_DATE,
    UNKNOWN,
    AddYears,
    And,
    Cmp,
    Cond,
    Const,
    Expr,
    Field,
    IfNull,
    Or,
)
from extrashield.engine.grounds import BARS, Ground
from extrashield.engine.vector.arrow_cases import CASE_TYPE, to_table
from extrashield.engine.vector.interpreter import BatchEvaluator
from extrashield.errors import CaseError
from extrashield.facts.case import validate_case
from extrashield.facts.dates import add_years
from extrashield.rules import GROUNDS
from extrashield.sources.lawbook import default_lawbook
from tests.core.test_properties import cases, derived_limitations

DAY = "2026-01-15"
# a provision that bars extradition and is in force on DAY; the tests below give it made-up rules
BAR = "ru.upk.462.3.1"


def _evaluator(test: Expr) -> Evaluator:
    ground = Ground(BAR, BARS, Cond("made_up", "a made-up rule", test), "made up")
    return Evaluator(default_lawbook(), [ground])


def _depends_on(ev: Evaluator, case: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """depends_on from the single-case search and from the batch engine."""
    single = [p for p, _ in ev.assess(validate_case(case)).depends_on]
    engine = BatchEvaluator(ev)
    table = to_table(pa.array([case], CASE_TYPE), needed=engine.needed_facts()).table
    return single, engine.evaluate(table).depends_lists()


@pytest.mark.parametrize(
    "test, fact",
    [
        # a number above every threshold of the law's rules (their highest is ten years)
        (
            Cmp(">", Field("request.offense.max_penalty_years"), Const(25)),
            "request.offense.max_penalty_years",
        ),
        # an anniversary further back than every limitation period (fifteen years at most)
        (
            Cmp("<=", AddYears(Field("request.offense.committed_on"), Const(40)), DECISION_DATE),
            "request.offense.committed_on",
        ),
        # fixed dates, which no extradition rule compares with, a month and a half apart
        (
            And(
                Cmp(">", Field("request.received_on"), Const(dt.date(2025, 10, 15))),
                Cmp("<", Field("request.received_on"), Const(dt.date(2025, 12, 1))),
            ),
            "request.received_on",
        ),
    ],
)
def test_a_new_threshold_brings_its_fact_into_depends_on(test: Expr, fact: str) -> None:
    # The fact is unknown; only a value on the far side of the new threshold bars extradition, any other
    # leaves the rule (and the outcome) unknown. Values from the law's own thresholds would all be of the
    # other kind: the fact would be left out of depends_on.
    single, batch = _depends_on(_evaluator(Or(test, UNKNOWN)), {"decision_date": DAY})
    assert single == [fact]
    assert batch == [[fact]]


def test_every_threshold_of_the_law_has_a_value_below_at_and_above_it() -> None:
    found = thresholds(g.test for g in GROUNDS)
    numbers = Candidates(g.test for g in GROUNDS).numbers
    assert found.numbers, "the law's rules compare numbers"
    for t in found.numbers:
        assert min(numbers) < t < max(numbers) and t in numbers
    case = validate_case({"decision_date": DAY})
    # (a date the consistency check reads: the values that are equivalent for the rules' comparisons alone
    # are all tried; for committed_on, compared with the anniversaries only, one of each set is)
    dates = Candidates(g.test for g in GROUNDS).values("person.asylum_in_russia.granted_on", case)
    day = case.decision_date
    for years in found.years:
        edge = add_years(day, -years)
        assert {edge - dt.timedelta(days=1), edge, edge + dt.timedelta(days=1)} <= set(dates)


def test_a_fact_compared_with_another_is_tried_around_the_others_known_value() -> None:
    # the request received at least two years after asylum was granted: received_on is tried around that day
    granted_on, received_on = Field("person.asylum_in_russia.granted_on"), Field("request.received_on")
    made_up = Cmp("<=", AddYears(granted_on, Const(2)), received_on)
    asylum = {"granted": True, "granted_on": "2020-05-04"}
    case = validate_case({"decision_date": DAY, "person": {"asylum_in_russia": asylum}})
    tried = Candidates([made_up]).values("request.received_on", case)
    assert {dt.date(2022, 5, 3), dt.date(2022, 5, 4), dt.date(2022, 5, 5)} <= set(tried)
    # the batch engine tries the same values in every row of a decision date: it refuses such rules
    with pytest.raises(TypeError, match="compare two facts"):
        BatchEvaluator(_evaluator(made_up))


def test_a_comparison_the_search_cannot_read_is_refused_when_the_evaluator_is_built() -> None:
    # a number of years taken from a fact: no constant to derive the values from
    years = Field("request.offense.max_penalty_years")
    unreadable = Cmp("<=", AddYears(Field("person.birth_date"), years), DECISION_DATE)
    with pytest.raises(ValueError, match="cannot read the comparison"):
        _evaluator(unreadable)
    # the same for an operand the walk does not know
    with pytest.raises(ValueError, match="cannot read the comparison"):
        _evaluator(Cmp(">", IfNull(Field("request.offense.sentence_years"), Const(1), Const(2)), Const(0)))


# --- equivalent values are tried once ----------------------------------------------------------------------


def _every_value_evaluator() -> tuple[Evaluator, Evaluator]:
    """The bundled evaluator, and a copy of it that tries every value (no two values taken as equivalent)."""
    ev = evaluator_for(default_lawbook())
    every = copy.copy(ev)
    every.candidates = copy.copy(ev.candidates)
    every.candidates.observed = {}
    return ev, every


EVALUATORS = _every_value_evaluator()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(cases(), derived_limitations()))
def test_trying_one_of_each_set_of_equivalent_values_gives_the_answer_every_value_gives(
    case: dict[str, Any],
) -> None:
    # dates and numbers that every comparison of the rules takes the same way are tried once
    # (`Candidates._distinct`); the answer (outcome, depends_on, also_unknown, the case split) must be the
    # one trying every value gives
    try:
        valid = validate_case(case)
    except CaseError:
        return
    fewer, every = EVALUATORS
    assert fewer.assess(valid).to_dict() == every.assess(valid).to_dict()


def test_equivalent_values_are_those_every_comparison_takes_the_same_way() -> None:
    ev = evaluator_for(default_lawbook())
    case = validate_case({"decision_date": DAY})
    # the sentence is compared with six months only (Art. 462(3)): one value below, one at or above
    assert ev.candidates.values("request.offense.sentence_years", case) == [0.25, 0.5]
    # the day a sentence became final is compared with the decision date through the limitation periods:
    # one value between each two anniversaries and one beyond each end, not three at every anniversary
    tried = ev.candidates.values("request.offense.sentence_final_on", case)
    anniversaries = [y for y in thresholds(g.test for g in GROUNDS).years if y]
    assert len(tried) == len(set(tried)) == len(anniversaries) + 1
    # the maximum penalty is read by the consistency check too (life imprisonment needs more than ten
    # years): every value is tried
    assert ev.candidates.values("request.offense.max_penalty_years", case) == list(ev.candidates.numbers)


def test_a_date_shifted_twice_keeps_every_value() -> None:
    # years added in two steps are not their sum added once (29 February), so the walk does not read such a
    # comparison: every value of the fact is tried
    committed = Field("request.offense.committed_on")
    twice = Cmp("<=", AddYears(AddYears(committed, Const(1)), Const(3)), DECISION_DATE)
    once = Cmp("<=", AddYears(committed, Const(4)), DECISION_DATE)
    case = validate_case({"decision_date": DAY})
    assert "request.offense.committed_on" not in Candidates([twice]).observed
    assert len(Candidates([twice]).values("request.offense.committed_on", case)) > len(
        Candidates([once]).values("request.offense.committed_on", case)
    )
