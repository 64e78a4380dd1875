"""Eligibility: may this person do X on date D (conclude a military contract, apply for simplified
citizenship)? Three-valued, explained, with `depends_on` and open questions, like the extradition answer.

The law here is not a list of refusal grounds but conditions that combine: *some* route must be open
(e.g. "as a foreign citizen" or "as a stateless person"; "Decree No. 10" or "the temporary procedure of
05.11.2025") and *every* requirement must be met (fitness, convictions). Each provision changes over time,
and its test may change with it, so a `Criterion` has dated tests as a ground does (engine/dated.py): its
first test, and the id of each version that changes it with the new test. The lawbook decides which
version is in force on D (the dates live in the law data); the rule module only says what each version
requires. A rule naming a version its provision does not have is refused when the evaluator is built,
so law data and rules cannot drift apart silently.

The single-case machinery is reused: one `Ground` per criterion, with the criterion's dated tests, goes
through `Evaluator`, which picks the version in force on D and its test, runs the compiled rule, keeps the
trace and searches for the facts, readings and uncertain entries into force that would change the answer
(engine/search.py). What differs is the verdict (engine/verdict.py `EligibilityVerdict`: `eligible` |
`not_eligible` | `unknown` | `not_applicable`), whose condition is the rules' scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from extrashield.engine.answer import fmt, json_value
from extrashield.engine.dated import Dated, VersionTests
from extrashield.engine.evaluator import Evaluator, GroundResult, OpenQuestionResult
from extrashield.engine.expr import Expr
from extrashield.engine.grounds import Ground
from extrashield.engine.tri import show

# the words of the verdict, also importable from here (the rules name the roles)
from extrashield.engine.verdict import ELIGIBLE as ELIGIBLE
from extrashield.engine.verdict import NOT_APPLICABLE as NOT_APPLICABLE
from extrashield.engine.verdict import NOT_ELIGIBLE as NOT_ELIGIBLE
from extrashield.engine.verdict import REQUIREMENT as REQUIREMENT
from extrashield.engine.verdict import ROUTE as ROUTE
from extrashield.engine.verdict import UNKNOWN as UNKNOWN
from extrashield.engine.verdict import VERDICTS as VERDICTS
from extrashield.engine.verdict import EligibilityVerdict
from extrashield.facts.case import Case
from extrashield.i18n import N_
from extrashield.sources.lawbook import Lawbook, Provision

NONE: Final = "none"  # the effect of these provisions in the law data: they decide no extradition

SATISFIED = "satisfied"
NOT_SATISFIED = "not_satisfied"
NOT_IN_FORCE = "not_in_force"

RULE = N_(
    "eligible when the person is in scope, at least one route is open and every requirement in force is met "
    "(Kleene logic: unknown stays unknown)"
)


@dataclass(frozen=True)
class Criterion(Dated):
    """One provision's condition: `test` is true when it is met, under the provision's first version and
    each later one until a version named in `from_version` brings its own test (engine/dated.py)."""

    provision: str
    role: str
    test: Expr
    summary: str
    from_version: VersionTests = ()


@dataclass(frozen=True)
class EligibilityRules:
    """What is asked (`question`), who is in scope (`scope`: false gives `not_applicable`), the criteria,
    and provisions cited for context only (`notes`: e.g. the term of the first contract)."""

    question: str
    title: str
    scope: Expr
    scope_text: str
    criteria: tuple[Criterion, ...]
    notes: tuple[str, ...] = ()


@dataclass
class CriterionResult:
    criterion: Criterion
    result: GroundResult

    @property
    def value(self) -> bool | None:
        return self.result.value

    @property
    def status(self) -> str:
        if self.result.version is None:
            return NOT_IN_FORCE
        return UNKNOWN if self.value is None else (SATISFIED if self.value else NOT_SATISFIED)


@dataclass
class EligibilityOpenQuestion:
    id: str
    provision: str
    question: str
    current: str
    alternatives: list[dict[str, str]]
    law_question: str | None
    why: str | None
    sources: list[str]


@dataclass
class EligibilityAnswer:
    rules: EligibilityRules
    case: Case
    lawbook: Lawbook
    readings: dict[str, str]
    scope_value: bool | None
    scope_trace: list[Any]
    criteria: list[CriterionResult]
    outcome: str
    depends_on: list[tuple[str, str]] = field(default_factory=list)
    also_unknown: list[tuple[str, str]] = field(default_factory=list)
    open_questions: list[EligibilityOpenQuestion] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # added by adapters (conflicts, media reports)

    @property
    def decision_date(self) -> dt.date:
        return self.case.decision_date

    def unsettled(self) -> list[dict[str, Any]]:
        """The doubts recorded in the law data for every provision in force that was used."""
        out, seen = [], set()
        for c in self.criteria:
            if c.result.version is None:
                continue
            for q in c.result.provision.open_questions:
                if q.id not in seen:
                    seen.add(q.id)
                    out.append(
                        {
                            "id": q.id,
                            "provision": c.result.provision.id,
                            "question": q.question,
                            "why": q.why,
                            "reading": q.reading,
                            "sources": [s.url for s in q.sources if s.url],
                        }
                    )
        return out

    def notes(self) -> list[dict[str, Any]]:
        out = []
        for pid in self.rules.notes:
            p = self.lawbook.provisions[pid]
            v = p.version_on(self.decision_date)
            out.append(
                {
                    "provision": pid,
                    "citation": p.citation,
                    "title": p.title.en,
                    "version": v.summary() if v else None,
                    "text": {"ru": v.text.ru, "en": v.text.en} if v else None,
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        facts = self.case.facts
        criteria = []
        for c in self.criteria:
            r = c.result
            because, conditions = (
                explain_trace(r.trace, facts)
                if r.version is not None
                else (_not_in_force(r.provision, self.decision_date), [])
            )
            criteria.append(
                {
                    "provision": r.provision.id,
                    "role": c.criterion.role,
                    "status": c.status,
                    "citation": r.provision.citation,
                    "title": r.provision.title.en,
                    "summary": c.criterion.summary,
                    "version": r.version.summary() if r.version is not None else None,
                    "text": {"ru": r.version.text.ru, "en": r.version.text.en}
                    if r.version is not None
                    else None,
                    "because": because,
                    "conditions": conditions,
                }
            )
        scope_because, _ = explain_trace(self.scope_trace, facts)
        return {
            "id": self.case.id,
            "question": self.rules.question,
            "title": self.rules.title,
            "outcome": self.outcome,
            "decision_date": self.decision_date.isoformat(),
            "law_digest": self.lawbook.digest,
            "interpretations": dict(self.readings),
            "scope": {"text": self.rules.scope_text, "value": self.scope_value, "because": scope_because},
            "rule": RULE,
            "criteria": criteria,
            "depends_on": [{"fact": f, "question": q} for f, q in self.depends_on],
            "also_unknown": [{"fact": f, "question": q} for f, q in self.also_unknown],
            "open_questions": [
                {
                    "id": q.id,
                    "provision": q.provision,
                    "question": q.question,
                    "current": q.current,
                    "alternatives": q.alternatives,
                    "law_question": q.law_question,
                    "why": q.why,
                    "sources": q.sources,
                }
                for q in self.open_questions
            ],
            "unsettled": self.unsettled(),
            "notes": self.notes(),
            **self.extra,
        }


def facts_used(refs: Any, facts: Mapping[str, Any], item: tuple[int, str] | None) -> list[tuple[str, Any]]:
    """The concrete facts behind a condition: the fields of the current list item, and whole facts."""
    out = []
    for ref in sorted(refs):
        if ref.startswith("[*]."):  # a field of the current item
            if item is not None:
                index, list_path = item
                out.append((f"{list_path}[{index}].{ref[4:]}", facts[list_path][index][ref[4:]]))
        elif "[*]" not in ref:  # whole lists are shown whole; their item refs add nothing
            out.append((ref, facts.get(ref)))
    return out


def explain_trace(trace: Sequence[Any], facts: Mapping[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Each labelled condition with its value and the facts it read (as in the extradition answer)."""
    because, conditions = [], []
    for entry in trace:
        # (condition, value, item, …): the facts are taken from the condition itself, not from the
        # trace's own bookkeeping, which the evaluator is free to change
        cond, value, item = entry[0], entry[1], entry[2]
        used = facts_used(cond.x.refs(), facts, item)
        index = item[0] if item is not None else None
        where = f" [{item[1].rsplit('.', 1)[-1]}[{index}]]" if item is not None else ""
        because.append(
            f"{cond.text}{where}: {show(value)}"
            + (" (" + "; ".join(f"{p} = {fmt(v)}" for p, v in used) + ")" if used else "")
        )
        conditions.append(
            {
                "condition": cond.key,
                "item": index,
                "value": value,
                "facts": {p: json_value(v) for p, v in used},
            }
        )
    return because, conditions


def _not_in_force(p: Provision, day: dt.date) -> list[str]:
    note = f"no version of {p.citation} is in force on {day}"
    first = next((v for v in p.versions if v.valid_from and v.valid_from > day), None)
    if first is not None:
        note += f"; it applies from {first.valid_from} ({first.valid_from_certainty})"
    return [note]


class EligibilityEvaluator:
    """Binds one set of eligibility rules to a lawbook."""

    def __init__(self, lawbook: Lawbook, rules: EligibilityRules) -> None:
        self.lawbook = lawbook
        self.rules = rules
        for c in rules.criteria:
            p = lawbook.provisions.get(c.provision)
            if p is None:
                raise ValueError(f"rule cites {c.provision!r}, which the law data does not define")
            if p.effect != NONE:
                raise ValueError(
                    f"{c.provision} has effect {p.effect}; eligibility criteria cite provisions with effect none"
                )
        for pid in rules.notes:
            if pid not in lawbook.provisions:
                raise ValueError(f"rule notes cite {pid!r}, which the law data does not define")
        self.verdict = EligibilityVerdict([c.role for c in rules.criteria], rules.scope)
        # one evaluator for every day: each criterion's ground applies the test of the version in force
        # (the evaluator refuses a rule that names a version its provision lacks)
        self.evaluator = Evaluator(
            lawbook,
            [Ground(c.provision, NONE, c.test, c.summary, c.from_version) for c in rules.criteria],
            verdict=self.verdict,
        )
        # readings used anywhere (any version), so that answers always list the same interpretations
        self.reading_keys = self.evaluator.reading_keys

    def resolve_readings(self, readings: Mapping[str, str] | None) -> dict[str, str]:
        return self.evaluator.resolve_readings(readings)

    def evaluate(self, case: Case, readings: Mapping[str, str] | None = None) -> EligibilityAnswer:
        # the evaluator's terms: the criteria, then the scope (the verdict's condition)
        a = self.evaluator.assess(case, readings)
        n = len(self.rules.criteria)
        results = [CriterionResult(c, a.ground(i)) for i, c in enumerate(self.rules.criteria)]
        return EligibilityAnswer(
            self.rules,
            case,
            self.lawbook,
            a.readings,
            a.values[n],
            a.traces[n],
            results,
            a.outcome,
            depends_on=a.depends_on,
            also_unknown=a.also_unknown,
            open_questions=[self._open_question(q) for q in a.open_questions],
        )

    def _open_question(self, q: OpenQuestionResult) -> EligibilityOpenQuestion:
        """The evaluator's open question with the law data's reason for it (`why`)."""
        asked = self.lawbook.provisions[q.provision].open_questions
        lq = next((x for x in asked if x.id == q.law_question), None)
        return EligibilityOpenQuestion(
            id=q.id,
            provision=q.provision,
            question=q.question,
            current=q.current,
            alternatives=q.alternatives,
            law_question=q.law_question,
            why=lq.why if lq else None,
            sources=q.sources,
        )
