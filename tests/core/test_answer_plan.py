"""The answer built by generated code (core/answer.py `AnswerPlan`) is the answer explained from the
traces (`reference_grounds`), byte for byte; and every answer is made of fresh objects."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extrashield
from extrashield.engine.answer import reference_grounds

from ..conftest import EXAMPLES, load_example
from .test_properties import cases

READINGS = st.fixed_dictionaries(
    {
        "point7.limbs": st.sampled_from(["two_limbs", "combat_required"]),
        "point7.volunteer_formations": st.sampled_from(["excluded", "included"]),
    }
)


def _same_as_reference(a: extrashield.Assessment) -> None:
    plan = a.evaluator.answer_plan()
    plan.grounds_fn(a.plan.key, a.law)  # the first answer of a kind is explained from the traces
    generated = plan.grounds_fn(a.plan.key, a.law)
    assert generated is not None
    assert json.dumps(generated(a.case.facts, {})) == json.dumps(reference_grounds(a))
    assert json.dumps(a.to_dict()) == json.dumps({**a.to_dict(), "grounds": reference_grounds(a)})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), READINGS)
def test_generated_answer_is_the_answer_explained_from_the_traces(
    case: dict[str, Any], readings: dict[str, str]
) -> None:
    _same_as_reference(extrashield.assess(case, readings=readings))


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
@pytest.mark.parametrize("day", [None, "2026-03-10", "2026-03-19"])
def test_generated_answer_matches_the_reference_on_the_examples(name: str, day: str | None) -> None:
    _same_as_reference(extrashield.assess(load_example(name), decision_date=day))


def test_items_beyond_the_prepared_texts_are_explained_alike() -> None:
    case = load_example("nepali-serving")
    service = case["person"]["military_service"][0]
    case["person"]["military_service"] = [dict(service, combat=i % 3 == 0 or None) for i in range(12)]
    case["person"]["citizenships"] = [{"country": "NP"}] * 11 + [{"country": "RU", "from": "2030-01-01"}]
    a = extrashield.assess(case)
    assert any(c["item"] == 11 for g in a.to_dict()["grounds"] for c in g["conditions"])
    _same_as_reference(a)


def _containers(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _containers(v)
    elif isinstance(value, list):
        yield value
        for v in value:
            yield from _containers(v)


def _vandalise(value: Any) -> None:
    """Change every dict and list of an answer in place, down to the last nested one."""
    for c in list(_containers(value)):
        if isinstance(c, dict):
            for k in list(c):
                if not isinstance(c[k], dict | list):
                    c[k] = "changed"
            c["added"] = 1
        else:
            for i, v in enumerate(c):
                if not isinstance(v, dict | list):
                    c[i] = "changed"
            c.append("added")


@pytest.mark.parametrize(
    "name", ["nepali-serving", "kazakh-combat-unknown", "cuban-veteran-mercenarism", "stateless-applicant"]
)
def test_answers_share_no_mutable_object(name: str) -> None:
    case = load_example(name)
    a = extrashield.assess(case)
    first = a.to_dict()
    want = json.dumps(copy.deepcopy(first))
    # the nested parts a caller might touch: a ground's conditions and their facts, because, version
    assert any(g["conditions"] and g["version"] for g in first["grounds"])
    again = a.to_dict()
    assert not {id(c) for c in _containers(first)} & {id(c) for c in _containers(again)}
    _vandalise(first)
    assert json.dumps(a.to_dict()) == want
    assert json.dumps(again) == want
    assert json.dumps(extrashield.assess(case).to_dict()) == want
