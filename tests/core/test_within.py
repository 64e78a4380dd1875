"""Partial dates decide the comparisons they settle (docs/contract.md §3b; engine/within.py and
engine/vector/within.py).

- A contract "from 2024" began before every decision of 2026: a serving Nepali is barred; one from the
  month of the decision stays unknown, and `depends_on` asks for the day.
- The single-case path and the batch path (a person list screened) agree row by row.
- With a partial date, a decided answer is the answer on every day of the interval, and an answer two days of
  the interval disagree on is never decided (checked against full dates, by sampling days).
- The days tried cut an interval wherever a comparison changes, also for a rule with two thresholds in one
  date (an age between 18 and 65), which the ends of the interval alone would get wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extrashield
from extrashield.batch.screening import screen_records
from extrashield.engine.answer import ANSWER_SCHEMA
from extrashield.engine.expr import DECISION_DATE, AddYears, And, Cmp, Const, Field
from extrashield.engine.within import DateEdges, assess_within
from extrashield.facts.case import Case, validate_case
from extrashield.facts.dates import ONE_DAY
from extrashield.facts.partial_dates import PartialDate, read_date

POINT_7 = "ru.upk.464.1.7"
FROM = "person.military_service[0].contract_from"
UNTIL = "person.military_service[0].contract_until"
EV = extrashield.default_evaluator()


def _row(**cells: Any) -> dict[str, Any]:
    """A Nepali recruit of the Armed Forces, wanted by the United States, as a person list writes him."""
    return {"id": "r", "nationality": "Nepal", "formation": "army", "requesting_state": "US", **cells}


def _case(row: dict[str, Any]) -> tuple[Case, dict[str, PartialDate]]:
    """The case a row stands for, and the intervals of its partial dates."""
    service: dict[str, Any] = {"formation": "armed_forces"}
    spans = {}
    for column, path in (("contract_from", FROM), ("contract_until", UNTIL)):
        value = row.get(column)
        if value is None:
            continue
        read = read_date(value).value if value != "ongoing" else None
        if read is not None and read.exact is None:
            spans[path] = read
        else:
            service[column] = value
    if row.get("combat") is not None:
        service["combat"] = row["combat"] == "yes"
    case = {
        "id": "r",
        "decision_date": row["decision_date"],
        "person": {"citizenships": [{"country": "NP"}], "military_service": [service]},
        "request": {"requesting_state": "US"},
    }
    return validate_case(case), spans


def _both(row: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The row screened (the batch path) and its case assessed knowing the intervals (the single-case path)."""
    (screened,) = screen_records([row])
    case, spans = _case(row)
    return screened, assess_within(EV, case, spans)


def _agree(screened: dict[str, Any], within: Any) -> None:
    assert screened["outcome"] == str(within.outcome)
    assert screened["applies"] == within.applies
    assert screened["depends_on"] == [p for p, _ in within.depends_on]
    assert {g.provision.id: screened[g.provision.id] for g in within.grounds} == {
        g.provision.id: g.status.value for g in within.grounds
    }


def test_a_contract_from_2024_bars_the_extradition_of_a_serving_nepali_on_every_decision_of_2026() -> None:
    for day in ("2026-03-19", "2026-04-01", "2026-12-31"):
        screened, within = _both(_row(contract_from="2024", contract_until="ongoing", decision_date=day))
        assert screened["outcome"] == "barred" and screened[POINT_7] == "applies", day
        assert screened["depends_on"] == []
        assert "contract_from: '2024' is known only to the year" in screened["notes"]
        _agree(screened, within)


def test_the_because_of_a_settled_ground_says_the_date_lies_in_its_year_and_that_this_settles_it() -> None:
    _, within = _both(_row(contract_from="2024", contract_until="ongoing", decision_date="2026-04-01"))
    assert within.settled
    answer = within.to_dict()
    jsonschema.validate(answer, ANSWER_SCHEMA)
    point_7 = next(g for g in answer["grounds"] if g["provision"] == POINT_7)
    began = next(line for line in point_7["because"] if line.startswith("the contract began"))
    assert f"{FROM} = 2024;" in began
    assert began.endswith(f"{FROM} is known only to lie in 2024, which settles this")
    began_facts = next(c for c in point_7["conditions"] if c["condition"] == "contract_began")["facts"]
    assert began_facts[FROM] == "2024" and began_facts["decision_date"] == "2026-04-01"


def test_a_contract_from_the_month_of_the_decision_stays_unknown_and_its_day_is_asked() -> None:
    screened, within = _both(
        _row(contract_from="2026-04", contract_until="ongoing", decision_date="2026-04-10")
    )
    assert screened["outcome"] == "undetermined" and screened[POINT_7] == "unknown"
    assert FROM in screened["depends_on"]
    assert "contract_from: '2026-04' is known only to the month" in screened["notes"]
    _agree(screened, within)
    assert not within.settled
    point_7 = next(g for g in within.to_dict()["grounds"] if g["provision"] == POINT_7)
    assert any(
        line.endswith(f"{FROM} is known only to lie in 2026-04, which does not settle the answer")
        for line in point_7["because"]
    )


def test_before_point_7_is_in_force_a_contract_from_the_month_of_the_decision_changes_nothing() -> None:
    # 10 March 2026 is before point 7 entered into force (19 March): the day in March is not asked for
    screened, within = _both(
        _row(contract_from="2026-03", contract_until="ongoing", decision_date="2026-03-10")
    )
    assert screened[POINT_7] == "not_in_force" and FROM not in screened["depends_on"]
    _agree(screened, within)


def test_a_contract_that_ended_in_2025_bars_with_combat_and_not_without() -> None:
    screened, within = _both(
        _row(contract_from="2023-05-01", contract_until="2025", combat="yes", decision_date="2026-04-01")
    )
    assert screened["outcome"] == "barred" and screened[POINT_7] == "applies"
    _agree(screened, within)
    screened, within = _both(
        _row(contract_from="2023-05-01", contract_until="2025", combat="no", decision_date="2026-04-01")
    )
    assert screened[POINT_7] == "does_not_apply" and UNTIL not in screened["depends_on"]
    _agree(screened, within)
    # ending in the year of the decision, the day decides whether he still served on it
    screened, within = _both(
        _row(contract_from="2023-05-01", contract_until="2026", combat="no", decision_date="2026-04-01")
    )
    assert screened[POINT_7] == "unknown" and UNTIL in screened["depends_on"]
    _agree(screened, within)


# --- against full dates ----------------------------------------------------------------------------------

spans_st = st.one_of(
    st.builds(PartialDate.year, st.integers(2024, 2027)),
    st.builds(PartialDate.month, st.integers(2025, 2027), st.integers(1, 12)),
)
decisions = st.dates(dt.date(2026, 3, 15), dt.date(2027, 12, 31))


def _full(row_case: Case, days: dict[str, dt.date]) -> Any:
    facts = dict(row_case.facts)
    (item,) = facts["person.military_service"]
    item = dict(item)
    for path, day in days.items():
        item[path.rsplit(".", 1)[1]] = day
    facts["person.military_service"] = (item,)
    return EV.assess(Case(facts, row_case.decision_date, row_case.raw))


def _key(a: Any) -> tuple[Any, ...]:
    return (a.outcome, tuple(g.status for g in a.grounds))


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.none() | spans_st,
    end=st.none() | spans_st,
    until_ongoing=st.booleans(),
    combat=st.sampled_from([None, "yes", "no"]),
    decision=decisions,
    picks=st.lists(st.integers(0, 10_000), min_size=6, max_size=6),
)
def test_a_settled_answer_is_the_answer_on_every_day_and_an_unsettled_one_has_days_that_disagree(
    start: PartialDate | None,
    end: PartialDate | None,
    until_ongoing: bool,
    combat: str | None,
    decision: dt.date,
    picks: list[int],
) -> None:
    if start is None and end is None:
        start = PartialDate.year(2026)
    assert start is not None or end is not None
    if start is not None and end is not None and end.latest <= start.earliest:
        return  # a contract that ends before it begins: an invalid row
    row = _row(
        contract_from=None if start is None else str(start),
        contract_until="ongoing" if end is None and until_ongoing else (None if end is None else str(end)),
        combat=combat,
        decision_date=decision.isoformat(),
    )
    row = {k: v for k, v in row.items() if v is not None}
    screened, within = _both(row)
    _agree(screened, within)

    case, spans = _case(row)

    def sample(span: PartialDate) -> list[dt.date]:
        length = (span.latest - span.earliest).days
        around = [decision - ONE_DAY, decision, decision + ONE_DAY]
        chosen = [span.earliest, span.latest, *(span.earliest + p % (length + 1) * ONE_DAY for p in picks)]
        return chosen + [d for d in around if span.earliest <= d <= span.latest]

    keys = set()
    for a in sample(spans[FROM]) if FROM in spans else [None]:
        for b in sample(spans[UNTIL]) if UNTIL in spans else [None]:
            if a is not None and b is not None and b <= a:
                continue  # not a possible contract
            days = {p: d for p, d in ((FROM, a), (UNTIL, b)) if d is not None}
            keys.add(_key(_full(case, days)))
    if within.settled:
        assert keys == {_key(within.assessment)}
    if len(keys) > 1:
        assert not within.settled


# --- the days tried ---------------------------------------------------------------------------------------

BIRTH = "person.birth_date"
ADULT = Cmp("<=", AddYears(Field(BIRTH), Const(18)), DECISION_DATE)
UNDER_65 = Cmp(">", AddYears(Field(BIRTH), Const(65)), DECISION_DATE)


@settings(max_examples=80, deadline=None, database=None)
@given(
    year=st.integers(1955, 2012),
    month=st.none() | st.integers(1, 12),
    decision=st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
)
def test_the_days_tried_meet_every_value_of_the_comparisons_of_a_rule_with_two_thresholds(
    year: int, month: int | None, decision: dt.date
) -> None:
    edges = DateEdges([And(ADULT, UNDER_65)])
    span = PartialDate.year(year) if month is None else PartialDate.month(year, month)
    adult, under_65 = ADULT.fn({}), UNDER_65.fn({})

    def values(day: dt.date) -> tuple[Any, Any]:
        facts = {BIRTH: day, "decision_date": decision}
        return adult(facts, None, None), under_65(facts, None, None)

    every_day = {values(span.earliest + k * ONE_DAY) for k in range((span.latest - span.earliest).days + 1)}
    tried = edges.days(BIRTH, span.earliest, span.latest, decision)
    assert {values(d) for d in tried} == every_day
    assert tried[0] == span.earliest and tried[-1] == span.latest


def test_a_date_compared_with_another_fact_is_not_settled() -> None:
    # contract terms compare a contract's end with its start plus a year: the stretches of one date would
    # depend on the other's day, so such a date stays unknown
    edges = DateEdges([Cmp("<=", AddYears(Field("a.from"), Const(1)), Field("a.until"))])
    assert not edges.decides("a.from") and not edges.decides("a.until")
    assert DateEdges([Cmp("<=", Field("a.from"), DECISION_DATE)]).decides("a.from")
    assert not DateEdges([Cmp("<=", Field("a.from"), DECISION_DATE)]).decides("a.other")
