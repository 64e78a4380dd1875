"""Shields against removal: the extradition evaluator over rules that close a route.

The extradition outcome goes by the grounds' effects (`bars`, `allows_refusal`). A removal shield (no
expulsion, no deportation…) is a provision with effect `none` in the law data: it is no ground of refusal
of extradition, so the extradition outcome would ignore it. A route's evaluator is the same `Evaluator`
(versions in force on the decision date, explanations, `depends_on`, readings and uncertain entry into
force) with another way of combining the shields (`engine.verdict.RouteVerdict`): a route is

- `closed` when some shield in force applies (Kleene OR),
- `unknown` when none applies but one in force is unknown,
- `open` otherwise: no shield in force was found (the usual procedure applies).

Whether the law behind a shield exists at all is a separate matter, reported with each shield: a bill
whose adoption is not confirmed carries an open question whose id ends in `.adoption`, and a route closed
only by such shields is closed *if the bill was adopted*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extrashield.facts.case import Case
from extrashield.engine.evaluator import Assessment, Evaluator, GroundResult
from extrashield.engine.grounds import BARRED, PERMITTED, UNDETERMINED, Ground
from extrashield.engine.verdict import RouteVerdict
from extrashield.sources.lawbook import Lawbook

CLOSED, OPEN, UNKNOWN = "closed", "open", "unknown"
ROUTE_STATUS = {BARRED: CLOSED, UNDETERMINED: UNKNOWN, PERMITTED: OPEN}


def shield_evaluator(lawbook: Lawbook, shields: Sequence[Ground]) -> Evaluator:
    """The evaluator of one route: any shield in force that applies closes it."""
    return Evaluator(lawbook, shields, verdict=RouteVerdict())


@dataclass
class ShieldResult:
    result: GroundResult
    law_status: str
    law_why: str
    because: list[str]
    summary: str

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "provision": r.provision.id,
            "status": r.status,
            "citation": r.provision.citation,
            "title": r.provision.title.en,
            "summary": self.summary,
            "version": r.version.summary() if r.version is not None else None,
            "law_status": self.law_status,
            "law_why": self.law_why,
            "because": self.because,
            "law_questions": [{"id": q.id, "question": q.question} for q in r.provision.open_questions],
        }


@dataclass
class RouteResult:
    id: str
    title: str
    status: str  # closed | open | unknown (for extradition also may_be_refused)
    if_closed: str
    shields: list[ShieldResult] = field(default_factory=list)
    assessment: Assessment | None = None

    @property
    def closed_by(self) -> list[ShieldResult]:
        return [s for s in self.shields if s.result.value is True and s.result.version is not None]

    @property
    def law_confirmed(self) -> bool | None:
        """For a closed route: whether some shield that closes it rests on law known to exist."""
        if self.status != CLOSED:
            return None
        return any(s.law_status != "adoption_not_confirmed" for s in self.closed_by)

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "route": self.id,
            "title": self.title,
            "status": self.status,
            "closed_by": [s.result.provision.id for s in self.closed_by],
            "law_confirmed": self.law_confirmed,
            "if_closed": self.if_closed,
            "shields": [s.to_dict() for s in self.shields],
            "depends_on": [{"fact": f, "question": q} for f, q in a.depends_on] if a else [],
            "open_questions": [
                {"id": q.id, "kind": q.kind, "provision": q.provision, "question": q.question, "current": q.current,
                 "alternatives": q.alternatives, "sources": q.sources}
                for q in a.open_questions
            ] if a else [],
        }


def assess_route(
    evaluator: Evaluator, route_id: str, title: str, if_closed: str, case: Case,
    readings: Mapping[str, str] | None, summaries: Mapping[str, str],
) -> RouteResult:
    a = evaluator.assess(case, readings)
    shields = []
    # the explanations come from the answer of docs/contract.md §5, built exactly as for extradition grounds
    for r, g in zip(a.grounds, a.to_dict()["grounds"]):
        because = g["because"]
        status, why = _law_status(r, case.decision_date)
        shields.append(ShieldResult(r, status, why, because, summaries.get(r.provision.id, "")))
    return RouteResult(route_id, title, ROUTE_STATUS[a.outcome], if_closed, shields, a)


def _law_status(result: GroundResult, day: dt.date) -> tuple[str, str]:
    """How sure we are that the law behind a shield exists on the decision date: (status, why)."""
    p, v = result.provision, result.version
    pending = next((q for q in p.open_questions if q.id.endswith(".adoption")), None)
    if v is None:
        first = next((x for x in p.versions if x.valid_from and x.valid_from > day), None)
        when = f"; the data has it from {first.valid_from} ({first.valid_from_certainty})" if first else ""
        return "not_in_force", f"no version in force on {day}{when}" + ("; adoption not confirmed" if pending else "")
    if pending is not None:
        return "adoption_not_confirmed", f"{pending.question} {pending.why}"
    return str(v.valid_from_certainty or "in_force"), str(v.valid_from_why or "in force on the decision date")
