"""Each verdict combines the values of the grounds as the contract says (docs/contract.md §4 for
extradition)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from extrashield.engine.expr import Field
from extrashield.engine.grounds import ALLOWS_REFUSAL, BARS, Ground, outcome_of
from extrashield.engine.verdict import (
    ELIGIBLE,
    NOT_APPLICABLE,
    NOT_ELIGIBLE,
    REQUIREMENT,
    ROUTE,
    UNKNOWN,
    EligibilityVerdict,
    ExtraditionVerdict,
    RouteVerdict,
)

TRI = (True, False, None)
EFFECTS = (BARS, ALLOWS_REFUSAL, BARS, ALLOWS_REFUSAL)
GROUNDS = [Ground(f"g{i}", effect, Field("x"), "") for i, effect in enumerate(EFFECTS)]


def _cases(n: int) -> Iterator[tuple[tuple[bool | None, ...], tuple[bool, ...]]]:
    """Every value (true, false, unknown) and every in force or not, of `n` grounds."""
    return itertools.product(itertools.product(TRI, repeat=n), itertools.product((True, False), repeat=n))


def test_the_extradition_verdict_is_the_outcome_order_of_the_contract() -> None:
    verdict = ExtraditionVerdict(GROUNDS)
    for values, in_force in _cases(len(GROUNDS)):
        bars = [v for g, v, f in zip(GROUNDS, values, in_force) if f and g.effect == BARS]
        refusals = [v for g, v, f in zip(GROUNDS, values, in_force) if f and g.effect == ALLOWS_REFUSAL]
        assert verdict.outcome(values, in_force) == outcome_of(bars, refusals), (values, in_force)


def test_a_route_is_closed_by_any_shield_in_force_that_applies() -> None:
    for values, in_force in _cases(3):
        shields = [v for v, f in zip(values, in_force) if f]
        assert RouteVerdict().outcome(values, in_force) == outcome_of(shields, ()), (values, in_force)


def test_eligibility_needs_the_scope_a_route_and_every_requirement_in_force() -> None:
    verdict = EligibilityVerdict([ROUTE, ROUTE, REQUIREMENT], Field("scope"))
    assert verdict.conditions == (Field("scope"),)
    on = [True, True, True, True]
    assert verdict.outcome([True, False, True, True], on) == ELIGIBLE
    assert verdict.outcome([False, False, True, True], on) == NOT_ELIGIBLE
    assert verdict.outcome([None, False, True, True], on) == UNKNOWN
    assert verdict.outcome([True, True, True, False], on) == NOT_APPLICABLE
    assert verdict.outcome([True, True, True, None], on) == UNKNOWN
    # a route not in force is closed; a requirement not in force asks nothing
    assert verdict.outcome([True, False, False, True], [False, True, False, True]) == NOT_ELIGIBLE
    assert verdict.outcome([True, False, False, True], [True, True, False, True]) == ELIGIBLE
