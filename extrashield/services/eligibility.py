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

The single-case machinery is reused: for D, one `Ground` per criterion (the test of the version in
force) goes through `Evaluator`, which picks the version, runs the compiled rule and keeps the trace.
What differs is the verdict (`eligible` | `not_eligible` | `unknown` | `not_applicable`) and so the search
for facts and readings that would change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from extrashield.engine.answer import fmt, json_value
from extrashield.engine.candidates import candidates, substitute
from extrashield.engine.dated import Dated, VersionTests
from extrashield.facts import paths
from extrashield.facts.case import Case, question_for, unknown_paths
from extrashield.errors import CaseError
from extrashield.engine.evaluator import Evaluator, GroundResult, resolve_readings, uncertain_entry
from extrashield.engine.expr import Expr, Fn
from extrashield.engine.grounds import Ground
from extrashield.sources.lawbook import Lawbook, Provision
from extrashield.engine.tri import show, t_and, t_or

NONE: Final = "none"  # the effect of these provisions in the law data: they decide no extradition

ROUTE = "route"  # some route must be open
REQUIREMENT = "requirement"  # every requirement in force must be met

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"
VERDICTS = (ELIGIBLE, NOT_ELIGIBLE, UNKNOWN, NOT_APPLICABLE)

SATISFIED = "satisfied"
NOT_SATISFIED = "not_satisfied"
NOT_IN_FORCE = "not_in_force"

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
                    out.append({"id": q.id, "provision": c.result.provision.id, "question": q.question,
                                "why": q.why, "reading": q.reading,
                                "sources": [s.url for s in q.sources if s.url]})
        return out

    def notes(self) -> list[dict[str, Any]]:
        out = []
        for pid in self.rules.notes:
            p = self.lawbook.provisions[pid]
            v = p.version_on(self.decision_date)
            out.append({"provision": pid, "citation": p.citation, "title": p.title.en,
                        "version": v.summary() if v else None,
                        "text": {"ru": v.text.ru, "en": v.text.en} if v else None})
        return out

    def to_dict(self) -> dict[str, Any]:
        facts = self.case.facts
        criteria = []
        for c in self.criteria:
            r = c.result
            because, conditions = explain_trace(r.trace, facts) if r.version is not None else (_not_in_force(r.provision, self.decision_date), [])
            criteria.append({
                "provision": r.provision.id,
                "role": c.criterion.role,
                "status": c.status,
                "citation": r.provision.citation,
                "title": r.provision.title.en,
                "summary": c.criterion.summary,
                "version": r.version.summary() if r.version is not None else None,
                "text": {"ru": r.version.text.ru, "en": r.version.text.en} if r.version is not None else None,
                "because": because,
                "conditions": conditions,
            })
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
            "rule": "eligible when the person is in scope, at least one route is open and every requirement in force is met (Kleene logic: unknown stays unknown)",
            "criteria": criteria,
            "depends_on": [{"fact": f, "question": q} for f, q in self.depends_on],
            "also_unknown": [{"fact": f, "question": q} for f, q in self.also_unknown],
            "open_questions": [
                {"id": q.id, "provision": q.provision, "question": q.question, "current": q.current,
                 "alternatives": q.alternatives, "law_question": q.law_question, "why": q.why, "sources": q.sources}
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
        conditions.append({"condition": cond.key, "item": index, "value": value,
                           "facts": {p: json_value(v) for p, v in used}})
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
                raise ValueError(f"{c.provision} has effect {p.effect}; eligibility criteria cite provisions with effect none")
            c.check_versions(p)
        for pid in rules.notes:
            if pid not in lawbook.provisions:
                raise ValueError(f"rule notes cite {pid!r}, which the law data does not define")
        self._evaluators: dict[tuple[int, ...], Evaluator] = {}
        self._scope: dict[tuple[tuple[str, str], ...], Fn] = {}
        self.scope_refs = rules.scope.refs()
        # readings used anywhere (any version), so that answers always list the same interpretations
        keys: set[str] = set(rules.scope.readings())
        for c in rules.criteria:
            for e in c.tests:
                keys |= e.readings()
        for k in keys:
            if k not in lawbook.readings:
                raise ValueError(f"rules use reading {k!r}, which no provision of the law data defines")
        self.reading_keys = tuple(sorted(keys))

    def _evaluator_for(self, day: dt.date) -> Evaluator:
        """An Evaluator over the tests of the versions in force on `day` (cached per combination)."""
        chosen: list[int] = []
        grounds = []
        for c in self.rules.criteria:
            p = self.lawbook.provisions[c.provision]
            v = p.version_on(day)  # not in force: the first test; the Evaluator says not_in_force
            chosen.append(c.variant(p, v))
            grounds.append(Ground(c.provision, NONE, c.tests[chosen[-1]], c.summary))
        key = tuple(chosen)
        ev = self._evaluators.get(key)
        if ev is None:
            ev = self._evaluators[key] = Evaluator(self.lawbook, grounds)
        return ev

    def _scope_fn(self, rd: Mapping[str, str]) -> Fn:
        key = tuple(sorted(rd.items()))
        fn = self._scope.get(key)
        if fn is None:
            fn = self._scope[key] = self.rules.scope.fn(rd)
        return fn

    def resolve_readings(self, readings: Mapping[str, str] | None) -> dict[str, str]:
        return resolve_readings(self.lawbook, self.reading_keys, readings)

    def verdict(self, scope: bool | None, values: Sequence[bool | None], in_force: Sequence[bool]) -> str:
        """In scope AND (some route open) AND (every requirement in force met), in Kleene logic."""
        if scope is False:
            return NOT_APPLICABLE
        routes = [v if f else False for c, v, f in zip(self.rules.criteria, values, in_force) if c.role == ROUTE]
        reqs = [v for c, v, f in zip(self.rules.criteria, values, in_force) if c.role == REQUIREMENT and f]
        v = t_and([scope, t_or(routes) if routes else True, t_and(reqs)])
        return UNKNOWN if v is None else (ELIGIBLE if v else NOT_ELIGIBLE)

    def evaluate(self, case: Case, readings: Mapping[str, str] | None = None) -> EligibilityAnswer:
        day = case.decision_date
        if day < self.lawbook.horizon:
            raise CaseError("decision_date", f"is before {self.lawbook.horizon}, the earliest date the law data covers")
        ev = self._evaluator_for(day)
        rd = self.resolve_readings(readings)
        assessment = ev.assess(case, {k: v for k, v in rd.items() if k in ev.reading_keys})
        scope_trace: list[Any] = []
        scope = self._scope_fn(rd)(case.facts, None, scope_trace)
        results = [CriterionResult(c, r) for c, r in zip(self.rules.criteria, assessment.grounds)]
        values = [r.value for r in results]
        in_force = [r.result.version is not None for r in results]
        outcome = self.verdict(scope, values, in_force)
        a = EligibilityAnswer(self.rules, case, self.lawbook, rd, scope, scope_trace, results, outcome)
        if outcome == UNKNOWN:
            a.depends_on, a.also_unknown = self._unknowns(case, ev, rd, scope, values, in_force)
        a.open_questions = self._open_questions(case, rd, scope, values, in_force, outcome)
        return a

    def _trial(self, facts: Mapping[str, Any], ev: Evaluator, rd: Mapping[str, str], in_force: Sequence[bool],
               scope: bool | None, values: Sequence[bool | None], touched: Sequence[int], scope_touched: bool) -> str:
        fns = ev.compiled({k: v for k, v in rd.items() if k in ev.reading_keys})
        trial = list(values)
        for i in touched:
            trial[i] = fns[i](facts, None, None)
        s = self._scope_fn(rd)(facts, None, None) if scope_touched else scope
        return self.verdict(s, trial, in_force)

    def _unknowns(self, case: Case, ev: Evaluator, rd: Mapping[str, str], scope: bool | None,
                  values: Sequence[bool | None], in_force: Sequence[bool]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        open_idx = [i for i, v in enumerate(values) if in_force[i] and v is None]
        read = frozenset().union(*(ev.refs[i] for i in open_idx), self.scope_refs if scope is None else frozenset())
        depends: list[tuple[str, str]] = []
        also: list[tuple[str, str]] = []
        for path in unknown_paths(case):
            abstract = paths.abstract(path)
            if abstract not in read:
                continue
            touched = [i for i in open_idx if abstract in ev.refs[i]]
            scope_touched = scope is None and abstract in self.scope_refs
            outcome = self.verdict(scope, values, in_force)
            changes = any(
                self._trial(substitute(dict(case.facts), path, value), ev, rd, in_force, scope, values, touched, scope_touched) != outcome
                for value in candidates(path, case)
            )
            (depends if changes else also).append((path, question_for(path)))
        return depends, also

    def _open_questions(self, case: Case, rd: dict[str, str], scope: bool | None, values: Sequence[bool | None],
                        in_force: Sequence[bool], outcome: str) -> list[EligibilityOpenQuestion]:
        """Readings of the law under which the verdict would differ."""
        out = []
        ev = self._evaluator_for(case.decision_date)
        facts = case.facts
        for key in self.reading_keys:
            reading = self.lawbook.readings[key]
            touched = [i for i, g in enumerate(ev.grounds) if in_force[i] and key in g.test.readings()]
            scope_touched = key in self.rules.scope.readings()
            if not touched and not scope_touched:
                continue
            alternatives = []
            for alt in reading.values:
                if alt == rd[key]:
                    continue
                rd2 = {**rd, key: alt}
                s = self._scope_fn(rd2)(facts, None, None) if scope_touched else scope
                other = self._trial(facts, ev, rd2, in_force, s, values, touched, False)
                if other != outcome:
                    alternatives.append({"reading": alt, "outcome": other})
            if alternatives:
                owner = next(p for p in self.lawbook.provisions.values() if key in p.readings)
                lq = next((q for q in owner.open_questions if q.reading == key), None)
                out.append(EligibilityOpenQuestion(
                    id=key, provision=owner.id, question=reading.question, current=rd[key],
                    alternatives=alternatives, law_question=lq.id if lq else None, why=lq.why if lq else None,
                    sources=[s.url for s in reading.sources if s.url],
                ))
        out += self._entry_into_force_questions(case, rd, scope, values, in_force, outcome)
        return out

    def _entry_into_force_questions(self, case: Case, rd: dict[str, str], scope: bool | None,
                                    values: Sequence[bool | None], in_force: Sequence[bool],
                                    outcome: str) -> list[EligibilityOpenQuestion]:
        """Versions whose entry into force is uncertain on the decision date (on or after their earliest
        possible date, before the date the data uses): would the verdict differ had they applied? Unlike
        the extradition grounds, a criterion may then have an older version in force, which this replaces."""
        out = []
        day, facts = case.decision_date, case.facts
        for i, c in enumerate(self.rules.criteria):
            p = self.lawbook.provisions[c.provision]
            for v in p.versions:
                if not (v.earliest_possible_from and v.valid_from and v.earliest_possible_from <= day < v.valid_from):
                    continue
                trial, force = list(values), list(in_force)
                trial[i], force[i] = c.test_for(p, v).fn(rd)(facts, None, None), True
                other = self.verdict(scope, trial, force)
                if other == outcome:
                    continue
                qid, question, lq = uncertain_entry(p, v, day, f"the version of {p.citation} from {v.valid_from}")
                out.append(EligibilityOpenQuestion(
                    id=qid, provision=p.id, question=question, current=f"not in force until {v.valid_from}",
                    alternatives=[{"reading": f"in force from {v.earliest_possible_from}", "outcome": other}],
                    law_question=lq.id if lq else None, why=lq.why if lq else None,
                    sources=[s.url for s in v.sources if s.url],
                ))
        return out
