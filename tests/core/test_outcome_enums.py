"""Outcomes, statuses and effects are `StrEnum`s with exactly the contract's values (docs/contract.md §4); the
objects of an assessment carry the members, and its JSON-like answers (`to_dict()`) plain texts, so
that the answer is the same data whichever way it is serialised (json, YAML, repr)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import extrashield
from extrashield.engine.grounds import Effect, Outcome, Status, outcome_of, status_of
from extrashield.engine.timeline import build_timeline
from extrashield.facts.case import validate_case
from extrashield.sources.lawbook import EFFECTS

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "extrashield" / "examples").glob("*.json"))
JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def test_the_enums_hold_exactly_the_values_of_the_contract_in_its_order() -> None:
    assert [o.value for o in Outcome] == ["barred", "may_refuse", "permitted", "undetermined"]
    assert [s.value for s in Status] == ["applies", "does_not_apply", "unknown", "not_in_force"]
    assert [e.value for e in Effect] == ["bars", "allows_refusal"]


def test_a_ground_of_the_law_data_has_an_effect_of_the_enum_or_none() -> None:
    assert set(EFFECTS) == {*Effect, "none"}


def test_members_are_their_texts() -> None:
    assert Outcome.BARRED == "barred" and {"barred": 1}[Outcome.BARRED] == 1
    assert (
        json.dumps([Outcome.MAY_REFUSE, Status.NOT_IN_FORCE, Effect.BARS])
        == '["may_refuse", "not_in_force", "bars"]'
    )
    assert f"{Status.DOES_NOT_APPLY}" == str(Status.DOES_NOT_APPLY) == "does_not_apply"


def test_the_outcome_order_and_statuses_give_members() -> None:
    assert outcome_of([True], [None]) is Outcome.BARRED
    assert outcome_of([False], [None]) is Outcome.UNDETERMINED
    assert status_of(None) is Status.UNKNOWN and status_of(True) is Status.APPLIES


def test_grounds_and_assessments_carry_members(nepali: dict[str, Any]) -> None:
    evaluator = extrashield.default_evaluator()
    assert all(type(g.effect) is Effect for g in evaluator.grounds)
    a = extrashield.assess(nepali)
    assert type(a.outcome) is Outcome
    assert all(type(g.status) is Status for g in a.grounds)


def _plain(value: Any, where: str = "") -> list[str]:
    """The places in `value` that hold anything but JSON's own types (a str subclass counts as not)."""
    if type(value) not in JSON_TYPES:
        return [f"{where}: {type(value).__name__}"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _plain(k, f"{where}.<key>") + _plain(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _plain(v, f"{where}[{i}]")]
    return []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("day", ["2026-03-10", "2026-04-01"])
def test_the_answer_holds_plain_texts_only(path: Path, day: str) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(2):  # the first answer is explained from the traces, the second by generated code
        answer = extrashield.assess(case, decision_date=day).to_dict()
        assert _plain(answer) == []
    assert answer["outcome"] in list(Outcome)


def test_the_timeline_holds_plain_texts_only(nepali: dict[str, Any]) -> None:
    t = build_timeline(
        extrashield.default_evaluator(), validate_case(nepali), dt.date(2025, 1, 1), dt.date(2027, 1, 1)
    )
    assert {iv.outcome for iv in t.intervals} <= set(Outcome)
    assert _plain(t.to_dict()) == []
