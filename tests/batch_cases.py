"""Hypothesis strategies for random cases of docs/contract.md §3: unknowns everywhere, lists, dates on both sides
of 2026-03-19 (point 7) and of the other dates the rules compare, and now and then an invalid value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from extrashield.facts.case import FORMATIONS

# Dates near the ones the rules compare: point 7's entry into force, typical decision dates and contract dates,
# and fifteen years before 19.03.2026 (the period of an especially grave crime, Criminal Code Art. 78(1)(d))
DAYS = [
    dt.date(2009, 12, 31),
    dt.date(2011, 3, 19),
    dt.date(2016, 3, 19),
    dt.date(2020, 2, 29),
    dt.date(2023, 5, 1),
    dt.date(2025, 6, 1),
    dt.date(2026, 3, 18),
    dt.date(2026, 3, 19),
    dt.date(2026, 3, 20),
    dt.date(2026, 4, 1),
    dt.date(2027, 1, 1),
]
DECISION_DAYS = [d for d in DAYS if d >= dt.date(2016, 1, 1)] + [dt.date(2009, 12, 31)]
COUNTRIES = ["RU", "NP", "IN", "CU", "KG", "US"]

date = st.sampled_from(DAYS).map(dt.date.isoformat)


def maybe(s: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), s)


def obj(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """An object whose optional fields may be missing or null (both mean unknown)."""
    return st.fixed_dictionaries(required, optional={k: maybe(v) for k, v in optional.items()})


bool_ = st.booleans()
citizenship = obj({"country": st.sampled_from(COUNTRIES)}, {"from": date, "until": date})
service = obj(
    {},
    {
        "formation": st.sampled_from(FORMATIONS),
        "contract_from": date,
        "contract_until": st.one_of(date, st.just("ongoing")),
        "combat": bool_,
    },
)
asylum = st.one_of(
    st.just({"granted": False}),
    obj({"granted": st.just(True)}, {"granted_on": date, "ended_on": date}),
    st.just({"granted": None}),
)
person = obj(
    {},
    {
        "citizenships": st.lists(citizenship, max_size=3),
        "stateless": bool_,
        "asylum_in_russia": asylum,
        "military_service": st.lists(service, max_size=3),
        "birth_date": date,
    },
)
offense = obj(
    {},
    {
        "committed_on": date,
        "committed_in_russia": bool_,
        "against_russian_interests": bool_,
        "crime_under_russian_law": bool_,
        "crime_under_requesting_law": bool_,
        # around each threshold of Art. 462(3)(1) and Art. 15 (one, three, five, ten years)
        "max_penalty_years": st.sampled_from([0.5, 1, 1.5, 3, 7, 10, 12, 20]),
        "life_imprisonment": bool_,
        "intentional": bool_,
        "no_limitation": bool_,
        "sentence_years": st.sampled_from([0.25, 0.5, 1, 4]),
        "sentence_final_on": date,
        "private_prosecution": bool_,
        "political_persecution": bool_,
    },
)
request = obj(
    {},
    {
        "requesting_state": st.sampled_from(COUNTRIES),
        "purpose": st.sampled_from(["prosecution", "sentence"]),
        "legal_basis": st.sampled_from(["treaty", "reciprocity", "none"]),
        "offense": offense,
        "guarantees": obj({}, {"specialty": bool_, "no_onward_extradition": bool_}),
    },
)
proceedings = obj(
    {},
    {
        "same_act": st.sampled_from(["none", "ongoing", "final_judgment", "terminated"]),
        "limitation_expired": bool_,
        "limitation_suspended": bool_,
        "other_lawful_ground": bool_,
        "court_found_obstacles": bool_,
    },
)

valid_ish_case = st.fixed_dictionaries(
    {"decision_date": st.sampled_from(DECISION_DAYS).map(dt.date.isoformat)},
    optional={
        "id": st.text(max_size=5),
        "person": maybe(person),
        "request": maybe(request),
        "russian_proceedings": maybe(proceedings),
    },
)

# Ways to break a case (each gives a specific error in validate_case)
BREAKS: list[tuple[tuple[str, ...], Any]] = [
    (("decision_date",), "2026-02-30"),
    (("decision_date",), "2026-4-1"),
    (("decision_date",), None),
    (("person", "stateless"), "yes"),
    (("request", "offense", "max_penalty_years"), -3),
    (("request", "purpose"), "extradition"),
    (("request", "requesting_state"), "XX"),
    (("person", "nickname"), "x"),
    (("person", "military_service"), [{"formation": "navy"}]),
    (("person", "military_service"), [None]),
    (("person", "citizenships"), [{"from": "2020-01-01"}]),
    (("person", "citizenships"), [{"country": "RU", "from": "2026-01-01", "until": "2025-01-01"}]),
    (("person", "asylum_in_russia"), {"granted": False, "granted_on": "2020-01-01"}),
    (("russian_proceedings", "limitation_expired"), 1),
    # beyond the bounds of docs/case-format.md, and text PostgreSQL cannot hold
    (("request", "offense", "max_penalty_years"), 1e308),
    (("request", "offense", "max_penalty_years"), 101),
    (("request", "offense", "sentence_years"), 1000.5),
    (("id",), "a\x00b"),
    (("person", "names"), ["ok", "a\x00"]),
    (("request", "offense", "description"), "\x00"),
]


def _broken(case: dict[str, Any], which: int) -> dict[str, Any]:
    path, value = BREAKS[which]
    out = dict(case)
    node = out
    for part in path[:-1]:
        child = node.get(part)
        node[part] = dict(child) if isinstance(child, dict) else {}
        node = node[part]
    node[path[-1]] = value
    return out


case_strategy = st.one_of(
    valid_ish_case,
    valid_ish_case,
    valid_ish_case,
    valid_ish_case,
    valid_ish_case,
    valid_ish_case,
    valid_ish_case,
    st.builds(_broken, valid_ish_case, st.integers(0, len(BREAKS) - 1)),
)
