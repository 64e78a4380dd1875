"""A ground of refusal: a labelled rule that cites its provision, and the outcome order of docs/contract.md §4."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from extrashield.engine.dated import Dated, VersionTests
from extrashield.engine.expr import Expr

# The values of the contract (docs/contract.md §4). Members are `str`s equal to their values, so they compare
# with, hash as and serialise (json.dumps, f-strings, Arrow) as the plain text.


class Effect(StrEnum):
    """What a ground does when it applies."""

    BARS = "bars"
    ALLOWS_REFUSAL = "allows_refusal"


class Outcome(StrEnum):
    """The answer's outcome, in the order of docs/contract.md §4."""

    BARRED = "barred"
    MAY_REFUSE = "may_refuse"
    PERMITTED = "permitted"
    UNDETERMINED = "undetermined"


class Status(StrEnum):
    """A ground's status on the decision date."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    UNKNOWN = "unknown"
    NOT_IN_FORCE = "not_in_force"  # the provision had no version in force that day


# short names, as the rules and the evaluator use them
BARS, ALLOWS_REFUSAL = Effect.BARS, Effect.ALLOWS_REFUSAL
BARRED, MAY_REFUSE, PERMITTED, UNDETERMINED = Outcome
OUTCOMES = tuple(Outcome)
APPLIES, DOES_NOT_APPLY, UNKNOWN, NOT_IN_FORCE = Status
STATUSES = tuple(Status)


@dataclass(frozen=True)
class Ground(Dated):
    """`test` is true when the ground applies. `provision` is its id in the law data (docs/contract.md §4).
    A version of the provision that changes the test is named in `from_version` with its own test
    (engine/dated.py); every engine applies the test of the version in force (`test_for`)."""

    provision: str
    effect: Effect | Literal["none"]  # "none": a provision that decides no extradition (shields, criteria)
    test: Expr
    summary: str
    from_version: VersionTests = ()


def status_of(value: bool | None) -> Status:
    return UNKNOWN if value is None else (APPLIES if value else DOES_NOT_APPLY)


def outcome_of(bars: Iterable[bool | None], refusals: Iterable[bool | None]) -> Outcome:
    """The outcome order of docs/contract.md §4, from the values of the grounds in force."""
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
