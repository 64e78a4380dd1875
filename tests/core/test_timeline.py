"""The timeline (docs/contract.md §6): half-open intervals covering the range, neighbours differing in outcome or
applying grounds, split exactly on the days the facts and the law change; and at every day it agrees with
`assess` on that day."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extrashield
from extrashield.engine.timeline import Timeline, build_timeline, timeline_text
from extrashield.errors import CaseError
from extrashield.facts.case import validate_case

D = dt.date
ONE = dt.timedelta(days=1)


def timeline(case: dict[str, Any], start: D, until: D, readings: dict[str, str] | None = None) -> Timeline:
    return build_timeline(extrashield.default_evaluator(), validate_case(case), start, until, readings)


def eventful(nepali: dict[str, Any]) -> dict[str, Any]:
    """A soldier whose contract (no combat) ends, who later becomes Russian, and whose old offence
    becomes time-barred: every kind of event in one case."""
    c = copy.deepcopy(nepali)
    c["person"]["military_service"][0].update({"contract_until": "2026-09-01", "combat": False})
    c["person"]["citizenships"] = [{"country": "NP"}, {"country": "RU", "from": "2028-02-01"}]
    c["russian_proceedings"]["limitation_expired"] = None
    c["request"]["offense"].update({"committed_on": "2017-05-05", "life_imprisonment": False})
    return c


def boundaries(t: Timeline) -> list[D]:
    return [iv.start for iv in t.intervals[1:]]


def test_intervals_cover_the_range_half_open_without_gaps(nepali: dict[str, Any]) -> None:
    t = timeline(eventful(nepali), D(2025, 1, 1), D(2029, 1, 1))
    assert t.intervals[0].start == D(2025, 1, 1)
    assert t.intervals[-1].until == D(2029, 1, 1)
    for a, b in zip(t.intervals, t.intervals[1:]):
        assert a.until == b.start
        assert a.start < a.until
        assert (a.outcome, a.applies) != (b.outcome, b.applies)


def test_splits_fall_on_entry_into_force_contract_end_limitation_and_citizenship(
    nepali: dict[str, Any],
) -> None:
    t = timeline(eventful(nepali), D(2025, 1, 1), D(2029, 1, 1))
    # point 7 in force; the contract's first day no longer served; the day after the tenth anniversary
    # of the crime; the day of the grant of Russian citizenship
    assert boundaries(t) == [D(2026, 3, 19), D(2026, 9, 1), D(2027, 5, 6), D(2028, 2, 1)]
    by_start = {iv.start: iv for iv in t.intervals}
    assert by_start[D(2026, 3, 19)].applies == ("ru.upk.464.1.7",)
    assert by_start[D(2026, 9, 1)].outcome == "permitted"
    assert by_start[D(2027, 5, 6)].applies == ("ru.upk.464.1.4",)
    assert "ru.const.61.1" in by_start[D(2028, 2, 1)].applies


def test_each_interval_names_the_events_on_its_first_day(nepali: dict[str, Any]) -> None:
    t = timeline(eventful(nepali), D(2025, 1, 1), D(2029, 1, 1))
    refs = {iv.start: {e.ref for e in iv.events} for iv in t.intervals}
    assert refs[D(2026, 3, 19)] == {"ru.upk.464.1.7"}
    assert "person.military_service[0].contract_until" in refs[D(2026, 9, 1)]
    assert "request.offense.committed_on" in refs[D(2027, 5, 6)]
    assert "person.citizenships[1].from" in refs[D(2028, 2, 1)]


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 3, 18),
        D(2026, 3, 19),
        D(2026, 8, 31),
        D(2026, 9, 1),
        D(2027, 5, 5),
        D(2027, 5, 6),
        D(2028, 1, 31),
        D(2028, 2, 1),
    ],
)
def test_both_sides_of_every_boundary_agree_with_assess(nepali: dict[str, Any], day: D) -> None:
    case = eventful(nepali)
    t = timeline(case, D(2025, 1, 1), D(2029, 1, 1))
    iv = next(i for i in t.intervals if i.start <= day < i.until)
    a = extrashield.assess(case, decision_date=day.isoformat())
    assert (iv.outcome, list(iv.applies)) == (a.outcome, a.applies)


def test_a_range_with_no_change_is_one_interval(nepali: dict[str, Any]) -> None:
    t = timeline(nepali, D(2026, 4, 1), D(2026, 12, 1))
    assert [(iv.start, iv.until, iv.outcome) for iv in t.intervals] == [
        (D(2026, 4, 1), D(2026, 12, 1), "barred")
    ]


def test_a_reading_changes_the_timeline(nepali: dict[str, Any]) -> None:
    c = copy.deepcopy(nepali)
    c["person"]["military_service"][0]["combat"] = None
    default = timeline(c, D(2026, 4, 1), D(2026, 5, 1))
    strict = timeline(c, D(2026, 4, 1), D(2026, 5, 1), {"point7.limbs": "combat_required"})
    assert default.intervals[0].outcome == "barred"
    assert strict.intervals[0].outcome == "undetermined"
    assert "person.military_service[0].combat" in strict.intervals[0].depends_on


def test_the_uncertain_entry_into_force_is_shown_as_an_event(nepali: dict[str, Any]) -> None:
    t = timeline(nepali, D(2026, 3, 1), D(2026, 4, 1))
    uncertain = [e for e in t.events if e.kind == "law_uncertain"]
    assert [(e.day, e.ref) for e in uncertain] == [(D(2026, 3, 8), "ru.upk.464.1.7")]
    assert "point7.entry_into_force" in t.intervals[0].open_questions


def test_json_has_the_contract_keys(nepali: dict[str, Any]) -> None:
    d = timeline(nepali, D(2026, 1, 1), D(2027, 1, 1)).to_dict()
    assert [(i["from"], i["until"], i["outcome"], i["applies"]) for i in d["intervals"]] == [
        ("2026-01-01", "2026-03-19", "permitted", []),
        ("2026-03-19", "2027-01-01", "barred", ["ru.upk.464.1.7"]),
    ]


def test_text_shows_first_and_last_day_of_each_interval(nepali: dict[str, Any]) -> None:
    text = timeline_text(timeline(nepali, D(2026, 1, 1), D(2027, 1, 1)))
    assert "2026-01-01 … 2026-03-18   PERMITTED" in text
    assert "2026-03-19 … 2026-12-31   BARRED" in text


@pytest.mark.parametrize(
    "start,until,field",
    [
        (D(2026, 5, 1), D(2026, 5, 1), "--to"),
        (D(2026, 5, 1), D(2026, 4, 1), "--to"),
        (D(2009, 1, 1), D(2026, 4, 1), "--from"),
    ],
)
def test_an_empty_or_reversed_range_or_one_before_the_law_data_is_refused(
    nepali: dict[str, Any], start: D, until: D, field: str
) -> None:
    with pytest.raises(CaseError) as err:
        timeline(nepali, start, until)
    assert err.value.path == field


def test_a_range_with_days_on_which_a_stateless_person_held_a_citizenship_is_refused_as_assess_refuses_them(
    nepali: dict[str, Any],
) -> None:
    c = copy.deepcopy(nepali)
    c["person"]["stateless"] = True
    c["person"]["citizenships"] = [{"country": "NP", "until": "2025-06-01"}]
    assert timeline(c, D(2025, 6, 1), D(2027, 1, 1)).intervals  # no citizenship held in this range
    with pytest.raises(CaseError) as err:
        timeline(c, D(2025, 1, 1), D(2027, 1, 1))
    assert (
        err.value.path == "person.stateless"
        and "2025-01-01" in err.value.problem
        and "2025-05-31" in err.value.problem
    )
    with pytest.raises(CaseError):  # as assess does on such a day
        extrashield.assess(c, decision_date="2025-05-31")


# --- property: the timeline at any day D agrees with `assess` at D -----------------------------------

LOW, HIGH = D(2012, 1, 1), D(2031, 1, 1)
days = st.integers(min_value=0, max_value=(HIGH - LOW).days - 1).map(lambda n: LOW + dt.timedelta(days=n))
maybe_bool = st.sampled_from([True, False, None])


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    def day() -> str:
        return draw(days).isoformat()

    services = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(days)
        end = draw(st.sampled_from(["ongoing", None, "date"]))
        services.append(
            {
                "formation": draw(
                    st.sampled_from(["armed_forces", "other_military_formation", "volunteer_formation"])
                ),
                "contract_from": draw(st.sampled_from([start.isoformat(), None])),
                "contract_until": (start + dt.timedelta(days=draw(st.integers(1, 2000)))).isoformat()
                if end == "date"
                else end,
                "combat": draw(maybe_bool),
            }
        )
    citizenships: list[dict[str, Any]] = [{"country": "NP"}]
    if draw(st.booleans()):
        citizenships.append({"country": "RU", "from": day()})
    asylum: dict[str, Any] = {"granted": False}
    if draw(st.booleans()):
        g = draw(days)
        asylum = {
            "granted": True,
            "granted_on": g.isoformat(),
            "ended_on": draw(st.sampled_from([None, (g + dt.timedelta(days=400)).isoformat()])),
        }
    purpose = draw(st.sampled_from(["prosecution", "sentence"]))
    most, intentional = draw(st.sampled_from([2, 3, 4, 5, 7, 10, 12, 20, None])), draw(maybe_bool)
    # life imprisonment only with an intentional act above ten years (a case saying otherwise is refused)
    life = draw(
        maybe_bool
        if (most is None or most > 10) and intentional is not False
        else st.sampled_from([False, None])
    )
    return {
        "decision_date": "2026-04-01",
        "person": {
            "citizenships": citizenships,
            "stateless": False,
            "asylum_in_russia": asylum,
            "military_service": services,
        },
        "request": {
            "requesting_state": "NP",
            "purpose": purpose,
            "legal_basis": "treaty",
            "offense": {
                "committed_on": day(),
                "crime_under_russian_law": True,
                "crime_under_requesting_law": True,
                "committed_in_russia": False,
                "against_russian_interests": False,
                "max_penalty_years": most,
                "intentional": intentional,
                "life_imprisonment": life,
                "no_limitation": draw(maybe_bool),
                "sentence_years": 3 if purpose == "sentence" else None,
                "sentence_final_on": day() if purpose == "sentence" else None,
                "private_prosecution": False,
                "political_persecution": False,
            },
            "guarantees": {"specialty": True, "no_onward_extradition": True},
        },
        "russian_proceedings": {
            "same_act": "none",
            "limitation_expired": draw(st.sampled_from([None, None, False, True])),
            "limitation_suspended": draw(maybe_bool),
            "other_lawful_ground": False,
            "court_found_obstacles": False,
        },
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=cases(),
    start=days,
    length=st.integers(1, 4000),
    probe=st.floats(0, 1, exclude_max=True),
    limbs=st.sampled_from(["two_limbs", "combat_required"]),
)
def test_timeline_at_any_day_agrees_with_assess(
    case: dict[str, Any], start: D, length: int, probe: float, limbs: str
) -> None:
    until = start + dt.timedelta(days=length)
    readings = {"point7.limbs": limbs}
    t = timeline(case, start, until, readings)
    day = start + dt.timedelta(days=int(probe * length))
    iv = next(i for i in t.intervals if i.start <= day < i.until)
    a = extrashield.assess(case, decision_date=day.isoformat(), readings=readings)
    assert (iv.outcome, list(iv.applies)) == (a.outcome, a.applies)
    assert t.intervals[0].start == start and t.intervals[-1].until == until
    # and on the first and the last day of every interval (both sides of each boundary)
    for iv in t.intervals:
        for edge in (iv.start, iv.until - dt.timedelta(days=1)):
            a = extrashield.assess(case, decision_date=edge.isoformat(), readings=readings)
            assert (iv.outcome, list(iv.applies)) == (a.outcome, a.applies), edge
