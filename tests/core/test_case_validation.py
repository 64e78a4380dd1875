"""The case format is validated at the boundary: every refusal names the field path and the problem."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from extrashield import CaseError, validate_case


def _with(case: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(case)
    node = out
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return out


@pytest.mark.parametrize(
    ("path", "value", "field", "words"),
    [
        (["person", "nickname"], "x", "person.nickname", "unknown field"),
        (["request", "offense", "max_penalty_years"], -1, "request.offense.max_penalty_years", "negative"),
        (
            ["request", "offense", "max_penalty_years"],
            "seven",
            "request.offense.max_penalty_years",
            "expected a number",
        ),
        (
            ["request", "offense", "max_penalty_years"],
            True,
            "request.offense.max_penalty_years",
            "expected a number",
        ),
        (["decision_date"], "2026-02-30", "decision_date", "not a real calendar date"),
        (["decision_date"], "01.04.2026", "decision_date", "YYYY-MM-DD"),
        (["person", "citizenships", 0, "country"], "XY", "person.citizenships[0].country", "ISO 3166-1"),
        (["person", "citizenships", 0, "country"], "np", "person.citizenships[0].country", "ISO 3166-1"),
        (
            ["person", "military_service", 0, "formation"],
            "navy",
            "person.military_service[0].formation",
            "expected one of",
        ),
        (
            ["person", "military_service", 0, "combat"],
            "yes",
            "person.military_service[0].combat",
            "true, false or null",
        ),
        (
            ["person", "military_service", 0, "contract_until"],
            "2020-01-01",
            "person.military_service[0].contract_until",
            "after contract_from",
        ),
        (["request", "purpose"], "deportation", "request.purpose", "prosecution, sentence"),
        (["russian_proceedings", "same_act"], "closed", "russian_proceedings.same_act", "expected one of"),
        (["person", "citizenships"], {"country": "NP"}, "person.citizenships", "expected a list"),
        (["person", "military_service", 0], None, "person.military_service[0]", "got null"),
        (
            ["person", "asylum_in_russia"],
            {"granted": False, "granted_on": "2024-01-01"},
            "person.asylum_in_russia.granted",
            "false but",
        ),
        (["person", "stateless"], True, "person.stateless", "contradicts person.citizenships[0]"),
    ],
)
def test_invalid_case_is_refused_naming_the_field(
    nepali: dict[str, Any], path: list[Any], value: Any, field: str, words: str
) -> None:
    with pytest.raises(CaseError) as err:
        validate_case(_with(nepali, path, value))
    assert err.value.path == field
    assert words in err.value.problem


def test_missing_decision_date_is_refused(nepali: dict[str, Any]) -> None:
    del nepali["decision_date"]
    with pytest.raises(CaseError, match="decision_date: is required"):
        validate_case(nepali)


def test_decision_date_argument_supplies_a_missing_date(nepali: dict[str, Any]) -> None:
    del nepali["decision_date"]
    assert validate_case(nepali, decision_date="2026-05-01").decision_date.isoformat() == "2026-05-01"


def test_missing_and_null_both_mean_unknown(nepali: dict[str, Any]) -> None:
    missing = copy.deepcopy(nepali)
    del missing["person"]["stateless"]
    nulled = _with(nepali, ["person", "stateless"], None)
    assert validate_case(missing).facts["person.stateless"] is None
    assert validate_case(nulled).facts["person.stateless"] is None


def test_a_missing_object_makes_every_fact_in_it_unknown(nepali: dict[str, Any]) -> None:
    del nepali["request"]
    facts = validate_case(nepali).facts
    assert facts["request.offense.crime_under_russian_law"] is None
    assert facts["request.guarantees.specialty"] is None


def test_a_list_given_empty_is_known_and_a_missing_list_is_unknown(nepali: dict[str, Any]) -> None:
    assert (
        validate_case(_with(nepali, ["person", "military_service"], [])).facts["person.military_service"]
        == ()
    )
    assert (
        validate_case(_with(nepali, ["person", "military_service"], None)).facts["person.military_service"]
        is None
    )


def test_case_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(CaseError, match="expected a JSON object"):
        validate_case([1, 2])  # type: ignore[arg-type]
