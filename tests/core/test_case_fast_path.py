"""The generated fast path of `validate_case` builds exactly the facts of the reference walk (`_walk`),
in the same order, and never accepts what the reference refuses."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from extrashield.errors import CaseError
from extrashield.facts.case import _case_plan, _fast_walk, _walk

from ..conftest import EXAMPLES, load_example
from .test_properties import cases

ODD_VALUES = [
    None,
    "x",
    "",
    "ongoing",
    "2026-02-30",
    "2026-W01-1",
    "20260101",
    "2026-01-01\n",
    "٢٠٢٦-٠١-٠١",
    12,
    -1,
    0.5,
    -0.0,
    float("nan"),
    float("inf"),
    True,
    False,
    [],
    ["a"],
    [1],
    {},
    {"x": 1},
    dt.date(2026, 1, 1),
    dt.datetime(2026, 1, 1),
    "RU",
    "XX",
    "treaty",
    "ece-1957",
    "a\x00b",
    ["a", "\x00"],
    100,
    100.5,
    1000,
    1e308,
]


def _reference(data: Any) -> dict[str, Any] | CaseError:
    out: dict[str, Any] = {}
    try:
        _walk(_case_plan(), data, "", out)
    except CaseError as exc:
        return exc
    return out


def _agrees(data: Any) -> None:
    want = _reference(data)
    got = _fast_walk()(data)
    if isinstance(want, CaseError):
        assert got is None, f"the fast path accepted what the reference refuses: {want}"
    elif got is not None:
        assert list(got.items()) == list(want.items())


def _leaves(obj: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(obj, list) and obj and isinstance(obj[0], dict):
        for i, v in enumerate(obj):
            yield from _leaves(v, (*path, i))
    else:
        yield path


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_fast_path_builds_the_reference_facts(case: dict[str, Any]) -> None:
    assert _fast_walk()(case) is not None
    _agrees(case)


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_fast_path_agrees_on_every_odd_value_of_every_field(name: str) -> None:
    base = load_example(name)
    assert _fast_walk()(base) is not None
    for path in _leaves(base):
        for value in ODD_VALUES:
            case = copy.deepcopy(base)
            node = case
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
            _agrees(case)
    for extra in ({"zzz": 1}, {"person": {"zzz": 1}}, {"person": None}, {"request": []}):
        _agrees({**base, **extra})


class _Recording(dict):  # type: ignore[type-arg]
    """Facts that remember which keys were read."""

    def __init__(self, facts: dict[str, Any]) -> None:
        super().__init__(facts)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_consistency_check_reads_only_the_facts_it_declares(case: dict[str, Any]) -> None:
    from extrashield.facts.case import CONSISTENCY_FACTS, check_consistency, validate_case

    facts = _Recording(dict(validate_case(case).facts))
    check_consistency(facts)
    assert facts.read <= CONSISTENCY_FACTS
