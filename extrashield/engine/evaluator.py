"""The evaluator: every ground on the decision date, the outcome, what is unknown and what is unsettled.

- The law applied is the version in force on the decision date (Criminal Procedure Code Art. 4,
  provision `ru.upk.4`). A ground with no version in force that day is `not_in_force`.
- The grounds' values combine into the outcome by the evaluator's verdict (engine/verdict.py).
- `depends_on`, `also_unknown` and `open_questions` (readings, uncertain entries into force) are found by
  the search (engine/search.py), the same for every verdict; providers add more open questions.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, cast

from extrashield.engine.answer import AnswerPlan
# the evaluator's result types, also importable from here
from extrashield.engine.assessment import Assessment as Assessment
from extrashield.engine.assessment import GroundResult as GroundResult
from extrashield.engine.assessment import OpenQuestionProvider as OpenQuestionProvider
from extrashield.engine.assessment import OpenQuestionResult as OpenQuestionResult
from extrashield.engine.candidates import Candidates
from extrashield.engine.codegen import Compiled, CompiledRule, compile_rule
from extrashield.engine.search import open_questions, unknowns
from extrashield.facts.case import Case
from extrashield.errors import CaseError, ReadingError
from extrashield.engine.grounds import Ground
from extrashield.engine.expr import Expr, stated_or_derived
from extrashield.engine.plans import DayPlan, ReadingPlan
from extrashield.engine.verdict import BaseVerdict, ExtraditionVerdict, O
from extrashield.sources.lawbook import Lawbook, OpenQuestion, Provision, Version


def resolve_readings(lawbook: Lawbook, keys: Sequence[str], readings: Mapping[str, str] | None) -> dict[str, str]:
    """The defaults of the readings `keys`, overridden by `readings`. Every reading given must exist in
    the law data with that value; a known reading that none of `keys` names concerns another question
    (e.g. a contract-eligibility reading given to `assess`) and is accepted without effect."""
    rd = {k: lawbook.readings[k].default for k in keys}
    for key, value in (readings or {}).items():
        r = lawbook.readings.get(key)
        if r is None:
            raise ReadingError("reading", f"unknown reading {key!r} (known: {', '.join(lawbook.readings)})")
        if value not in r.values:
            raise ReadingError(f"reading {key}", f"unknown value {value!r} (allowed: {', '.join(r.values)})")
        if key in rd:
            rd[key] = value
    return rd


class Evaluator(Generic[O]):
    """Binds the rules to one lawbook and to how their values combine (`verdict`: by default the extradition
    outcome of docs/contract.md §4); compiles each rule once per set of readings.

    The terms evaluated are the grounds' tests, then the verdict's own conditions (always in force).
    `version_test(i, version)` gives the test of ground i under another version of its provision, where
    tests change with versions (eligibility); by default a ground has one test for every version.

    Everything that depends on the law and the rules but not on the case (the version of each ground on
    a stretch of days, the rules per set of readings, the answer's constant texts) is prepared once per
    evaluator, when first needed; every case is still validated, evaluated and explained afresh."""

    def __init__(
        self,
        lawbook: Lawbook,
        grounds: Sequence[Ground],
        *,
        verdict: BaseVerdict[O] | None = None,
        version_test: Callable[[int, Version], Expr] | None = None,
        open_question_providers: Sequence[OpenQuestionProvider[O]] = (),
    ) -> None:
        self.lawbook = lawbook
        self.grounds = tuple(grounds)
        # without a verdict, the extradition one (the type variable's default says the outcome is an Outcome)
        self.verdict: BaseVerdict[O] = (
            verdict if verdict is not None else cast("BaseVerdict[O]", ExtraditionVerdict(self.grounds))
        )
        # Called after the evaluator's own open questions; each returns more (e.g. treaty collisions).
        # They may add questions but never change grounds or outcome.
        self.open_question_providers = tuple(open_question_providers)
        self.provisions: tuple[Provision, ...] = tuple(self._provision(g) for g in self.grounds)
        self.tests: tuple[Expr, ...] = tuple(g.test for g in self.grounds) + self.verdict.conditions
        self.refs = tuple(frozenset(t.refs()) for t in self.tests)
        # facts whose null means "derive it" (limitation_expired): unknown only where the derivation is
        self.derived = stated_or_derived(list(self.tests))
        self._derived_fns: dict[tuple[str, tuple[str, ...]], Compiled] = {}
        self.version_test = version_test
        self._version_rules: dict[tuple[int, int, tuple[str, ...]], Compiled] = {}
        self.term_readings = tuple(t.readings() for t in self.tests)
        # every version's test, where tests change with versions: an uncertain version is tried too
        versions = tuple(
            version_test(i, v) for i, p in enumerate(self.provisions) for v in p.versions
        ) if version_test is not None else ()
        self.reading_keys = tuple(sorted(
            frozenset().union(*self.term_readings, *(t.readings() for t in versions))
        ))
        # the values tried for an unknown fact: from the constants the rules compare facts with
        self.candidates = Candidates(self.tests + versions)
        for key in self.reading_keys:
            if key not in lawbook.readings:
                raise ValueError(f"rules use reading {key!r}, which no provision of the law data defines")
        self._compiled: dict[tuple[tuple[str, str], ...], tuple[CompiledRule, ...]] = {}
        self._rules: dict[tuple[int, tuple[tuple[str, str], ...]], CompiledRule] = {}
        self._plans: dict[tuple[str, ...], ReadingPlan] = {}
        self._defaults = {k: lawbook.readings[k].default for k in self.reading_keys}
        # the provision that defines each reading (not necessarily one of this evaluator's grounds),
        # and its open question that the reading models
        self.reading_owners: dict[str, tuple[Provision, OpenQuestion | None]] = {}
        for key in self.reading_keys:
            owner = next(p for p in lawbook.provisions.values() if key in p.readings)
            self.reading_owners[key] = (owner, next((q for q in owner.open_questions if q.reading == key), None))
        # The law changes only on the dates of its versions: between two of them every day has the same
        # versions in force and the same uncertain entries into force.
        self._law_dates = sorted({
            d for p in self.provisions for v in p.versions
            for d in (v.valid_from, v.valid_until, v.earliest_possible_from) if d is not None
        })
        self._days: dict[int, DayPlan] = {}
        self._answer_plan: AnswerPlan | None = None

    def _provision(self, g: Ground) -> Provision:
        p = self.lawbook.provisions.get(g.provision)
        if p is None:
            raise ValueError(f"rule cites {g.provision!r}, which the law data does not define")
        if p.effect != g.effect:
            raise ValueError(f"rule {g.provision} has effect {g.effect}, the law data says {p.effect}")
        return p

    def resolve_readings(self, readings: Mapping[str, str] | None) -> dict[str, str]:
        if not readings:
            return dict(self._defaults)
        return resolve_readings(self.lawbook, self.reading_keys, readings)

    def compiled(self, rd: Mapping[str, str]) -> tuple[CompiledRule, ...]:
        key = tuple(sorted(rd.items()))
        fns = self._compiled.get(key)
        if fns is None:
            # a ground that reads no reading compiles once and serves every set of readings
            fns = self._compiled[key] = tuple(
                self._rule(i, tuple((k, rd[k]) for k in sorted(self.term_readings[i])), rd)
                for i in range(len(self.tests))
            )
        return fns

    def _rule(self, i: int, own: tuple[tuple[str, str], ...], rd: Mapping[str, str]) -> CompiledRule:
        fn = self._rules.get((i, own))
        if fn is None:
            fn = self._rules[(i, own)] = compile_rule(self.tests[i], rd)
        return fn

    def plan(self, rd: Mapping[str, str]) -> ReadingPlan:
        """The rules compiled for the readings `rd` (every reading key of the evaluator)."""
        key = tuple([rd[k] for k in self.reading_keys])
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = ReadingPlan(key, self.compiled(rd))
        return plan

    def _day(self, day: dt.date) -> DayPlan:
        stretch = bisect_right(self._law_dates, day)
        plan = self._days.get(stretch)
        if plan is None:
            plan = self._days[stretch] = DayPlan(self.provisions, stretch, day, len(self.verdict.conditions))
        return plan

    def answer_plan(self) -> AnswerPlan:
        """The answer's texts that depend on the rules and the law only (answer.py), built once."""
        if self._answer_plan is None:
            self._answer_plan = AnswerPlan(self)
        return self._answer_plan

    def answer(self, a: Assessment[O]) -> dict[str, Any]:
        return self.answer_plan().build(a)

    def assess(self, case: Case, readings: Mapping[str, str] | None = None) -> Assessment[O]:
        day = case.decision_date
        if day < self.lawbook.horizon:
            raise CaseError("decision_date", f"is before {self.lawbook.horizon}, the earliest date the law data covers")
        rd = self.resolve_readings(readings)
        plan = self.plan(rd)
        law = self._day(day)
        facts = case.facts
        # the outcome needs the values only: the explanation is written by `to_dict`, and a trace made
        # when `Assessment.traces` is asked for
        values = [fn(facts, None) if f else None for fn, f in zip(plan.untraced, law.in_force)]
        in_force = law.in_force
        outcome = self.verdict.outcome(values, in_force)
        a = Assessment(case, self.lawbook, rd, outcome, self, values, plan, law)
        if outcome == self.verdict.undetermined:
            a.depends_on, a.also_unknown, a.every_value = unknowns(self, case, plan, values, in_force, outcome)
        a.open_questions = open_questions(self, case, rd, plan, law, values, outcome)
        for provide in self.open_question_providers:
            a.open_questions.extend(provide(a))
        return a

    def derivation(self, path: str, plan: ReadingPlan) -> Compiled:
        key = (path, plan.key)
        fn = self._derived_fns.get(key)
        if fn is None:
            rd = dict(zip(self.reading_keys, plan.key))
            fn = self._derived_fns[key] = compile_rule(self.derived[path], rd).variant(False)
        return fn

    def version_rule(self, i: int, version: Version, plan: ReadingPlan) -> Compiled:
        if self.version_test is None:
            return plan.untraced[i]  # one test for every version of the provision
        key = (i, self.provisions[i].versions.index(version), plan.key)
        fn = self._version_rules.get(key)
        if fn is None:
            rd = dict(zip(self.reading_keys, plan.key))
            fn = self._version_rules[key] = compile_rule(self.version_test(i, version), rd).variant(False)
        return fn
