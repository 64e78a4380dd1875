"""A ground of refusal: a labelled rule that cites its provision, and the outcome order of DESIGN.md §4."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .expr import Expr

BARS = "bars"
ALLOWS_REFUSAL = "allows_refusal"

BARRED = "barred"
MAY_REFUSE = "may_refuse"
PERMITTED = "permitted"
UNDETERMINED = "undetermined"
OUTCOMES = (BARRED, MAY_REFUSE, PERMITTED, UNDETERMINED)

APPLIES = "applies"
DOES_NOT_APPLY = "does_not_apply"
UNKNOWN = "unknown"
NOT_IN_FORCE = "not_in_force"
STATUSES = (APPLIES, DOES_NOT_APPLY, UNKNOWN, NOT_IN_FORCE)


@dataclass(frozen=True)
class Ground:
    """`test` is true when the ground applies. `provision` is its id in the law data (DESIGN.md §4)."""

    provision: str
    effect: str
    test: Expr
    summary: str


def status_of(value: bool | None) -> str:
    return UNKNOWN if value is None else (APPLIES if value else DOES_NOT_APPLY)


def outcome_of(bars: Iterable[bool | None], refusals: Iterable[bool | None]) -> str:
    """The outcome order of DESIGN.md §4, from the values of the grounds in force."""
    bars, refusals = tuple(bars), tuple(refusals)
    if True in bars:
        return BARRED
    if None in bars:
        return UNDETERMINED
    if True in refusals:
        return MAY_REFUSE
    if None in refusals:
        return UNDETERMINED
    return PERMITTED
