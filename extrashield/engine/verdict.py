"""How the values of the grounds combine into an outcome, and the words of that outcome: one verdict (a
`BaseVerdict`) per kind of question. Everything else is shared: the evaluator (engine/evaluator.py) finds
each ground's value on the decision date, and the search (engine/search.py) finds what the outcome turns
on, over any verdict.

- `ExtraditionVerdict`: the outcome order of docs/contract.md §4, by the grounds' effects.
- `RouteVerdict`: a way of removal (expulsion, deportation, …) is closed when a shield in force applies.
- `EligibilityVerdict`: may the person do X (contract service, simplified citizenship): in scope, some
  route open and every requirement in force met.

A verdict sees the values of its terms (True, False, or None for unknown) and whether each is in force.
The terms are the evaluator's grounds, then the verdict's own `conditions`: expressions that belong to no
provision and are always in force (eligibility's scope: whom the question is about).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic

from extrashield.engine.expr import Expr
from extrashield.engine.grounds import (
    ALLOWS_REFUSAL,
    BARRED,
    BARS,
    MAY_REFUSE,
    PERMITTED,
    UNDETERMINED,
    Ground,
    Outcome,
)
from extrashield.engine.tri import t_and, t_or
from extrashield.sources.lawbook import Provision, Version

if TYPE_CHECKING:
    # An evaluator without a verdict is the extradition one: its outcomes are `Outcome`s. (The default needs
    # typing_extensions on Python 3.11, which the command line's start-up does without.)
    from typing_extensions import TypeVar

    OutcomeT = TypeVar("OutcomeT", bound=str, default=Outcome)
else:
    from typing import TypeVar

    OutcomeT = TypeVar("OutcomeT", bound=str)


class BaseVerdict(Generic[OutcomeT]):
    """The outcome of one kind of question from the values of its terms. (Not `Verdict`: that name is the
    audit log's, adapters/registry/audit.py.)"""

    # The outcome that learning a fact may still change: only then is `depends_on` searched. Kleene logic is
    # monotone, so no fact learnt later changes another outcome.
    undetermined: OutcomeT
    conditions: tuple[Expr, ...] = ()

    def outcome(self, values: Sequence[bool | None], in_force: Sequence[bool]) -> OutcomeT:
        raise NotImplementedError

    # The words of the open question "was this version already in force on the decision date?"
    def version_named(self, provision: Provision, version: Version) -> str:
        return provision.citation

    def if_in_force(self, version: Version, day: dt.date) -> dict[str, str]:
        return {"if": f"in force on {day}"}


class ExtraditionVerdict(BaseVerdict[Outcome]):
    """The outcome order of docs/contract.md §4 (as `grounds.outcome_of`, without building its lists): a bar
    that applies gives `barred`; else an unknown bar `undetermined`; else a ground of refusal that applies
    `may_refuse`; else an unknown one `undetermined`; else `permitted`."""

    undetermined = UNDETERMINED

    def __init__(self, grounds: Sequence[Ground]) -> None:
        self.bars = tuple(i for i, g in enumerate(grounds) if g.effect == BARS)
        self.refusals = tuple(i for i, g in enumerate(grounds) if g.effect == ALLOWS_REFUSAL)

    def outcome(self, values: Sequence[bool | None], in_force: Sequence[bool]) -> Outcome:
        unknown = False
        for i in self.bars:
            if in_force[i]:
                v = values[i]
                if v is True:
                    return BARRED
                if v is None:
                    unknown = True
        if unknown:
            return UNDETERMINED
        for i in self.refusals:
            if in_force[i]:
                v = values[i]
                if v is True:
                    return MAY_REFUSE
                if v is None:
                    unknown = True
        return UNDETERMINED if unknown else PERMITTED


class RouteVerdict(BaseVerdict[Outcome]):
    """A way of removal, closed by shields: `barred` (closed) when some shield in force applies, else
    `undetermined` when one in force is unknown, else `permitted` (open: the usual procedure applies). The
    shields are provisions with effect `none` (no grounds of refusal of extradition), so the route's outcome
    cannot go by their effects. The words are the extradition outcome's, as the route answers have always
    shown them in their open questions; services/shields.py names the route statuses (closed, unknown,
    open)."""

    undetermined = UNDETERMINED

    def outcome(self, values: Sequence[bool | None], in_force: Sequence[bool]) -> Outcome:
        unknown = False
        for v, f in zip(values, in_force):
            if f:
                if v is True:
                    return BARRED
                if v is None:
                    unknown = True
        return UNDETERMINED if unknown else PERMITTED


ROUTE = "route"  # some route must be open
REQUIREMENT = "requirement"  # every requirement in force must be met

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"
VERDICTS = (ELIGIBLE, NOT_ELIGIBLE, UNKNOWN, NOT_APPLICABLE)


class EligibilityVerdict(BaseVerdict[str]):
    """In scope AND (some route open) AND (every requirement in force met), in Kleene logic: `eligible`,
    `not_eligible` or `unknown`; out of scope, `not_applicable`. A route not in force is closed; a requirement
    not in force asks nothing. The terms are the criteria (`roles`: route or requirement), then the scope."""

    undetermined = UNKNOWN

    def __init__(self, roles: Sequence[str], scope: Expr) -> None:
        self.conditions = (scope,)
        self.scope = len(roles)  # the scope's place among the terms: after the criteria
        self.routes = tuple(i for i, role in enumerate(roles) if role == ROUTE)
        self.requirements = tuple(i for i, role in enumerate(roles) if role == REQUIREMENT)

    def outcome(self, values: Sequence[bool | None], in_force: Sequence[bool]) -> str:
        scope = values[self.scope]
        if scope is False:
            return NOT_APPLICABLE
        routes = [values[i] if in_force[i] else False for i in self.routes]
        requirements = [values[i] for i in self.requirements if in_force[i]]
        v = t_and([scope, t_or(routes) if routes else True, t_and(requirements)])
        return UNKNOWN if v is None else (ELIGIBLE if v else NOT_ELIGIBLE)

    # a criterion changes its test with its version: the question names the version
    def version_named(self, provision: Provision, version: Version) -> str:
        return f"the version of {provision.citation} from {version.valid_from}"

    def if_in_force(self, version: Version, day: dt.date) -> dict[str, str]:
        return {"reading": f"in force from {version.earliest_possible_from}"}
