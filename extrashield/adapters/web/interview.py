"""Which question to ask next in the guided interview, computed with the core (never a fixed order).

The evaluator's `depends_on` lists the unknown facts that could change the outcome. Among them we ask
first the one whose candidate values (the same values the core tries for `depends_on`) most often give a
*determined* outcome: answering it is the likeliest to end the interview. Ties keep the core's order.
When `depends_on` is empty but the outcome is still undetermined, facts only matter in combination, so
we fall back to `also_unknown`, ranked the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extrashield import default_evaluator
from extrashield.engine.candidates import substitute
from extrashield.engine.evaluator import Assessment
from extrashield.engine.grounds import UNDETERMINED
from extrashield.errors import CaseError
from extrashield.facts.case import Case, check_consistency


@dataclass(frozen=True)
class Question:
    fact: str
    question: str
    settles: float  # share of the candidate values after which the outcome is determined
    source: str  # "depends_on" | "also_unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "question": self.question,
            "settles": round(self.settles, 3),
            "source": self.source,
        }


def _outcome_with(case: Case, facts: Mapping[str, Any], readings: Mapping[str, str]) -> str:
    """The outcome for substituted facts, without the (costly) search for unknowns that `assess` does."""
    ev = default_evaluator()
    day = case.decision_date
    fns = ev.compiled(ev.resolve_readings(readings), day)
    in_force = [p.version_on(day) is not None for p in ev.provisions]
    values = [fn(facts, None, None) if f else None for fn, f in zip(fns, in_force)]
    return ev.verdict.outcome(values, in_force)


def settling_share(case: Case, fact: str, readings: Mapping[str, str]) -> float:
    settled = possible = 0
    for value in default_evaluator().candidates.values(fact, case):
        facts = substitute(dict(case.facts), fact, value)
        try:
            check_consistency(facts)
        except CaseError:
            continue  # as in the core's depends_on: a value that contradicts the known facts is no possible answer
        possible += 1
        if _outcome_with(case, facts, readings) != UNDETERMINED:
            settled += 1
    return settled / possible if possible else 0.0


def ranked(
    case: Case,
    facts: Iterable[tuple[str, str]],
    readings: Mapping[str, str],
    source: str,
    skipped: frozenset[str],
) -> list[Question]:
    out = [Question(f, q, settling_share(case, f, readings), source) for f, q in facts if f not in skipped]
    # sorted() is stable: equal shares keep the order the core gave.
    return sorted(out, key=lambda q: -q.settles)


def next_question(a: Assessment, skipped: frozenset[str] = frozenset()) -> Question | None:
    """The question to ask now, or None when the interview is over (outcome determined, or nothing left
    that the user has not already declined to answer)."""
    if a.outcome != UNDETERMINED:
        return None
    for facts, source in ((a.depends_on, "depends_on"), (a.also_unknown, "also_unknown")):
        qs = ranked(a.case, facts, a.readings, source, skipped)
        if qs:
            return qs[0]
    return None
