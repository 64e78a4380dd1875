"""The evaluator: every ground on the decision date, the outcome, what is unknown and what is unsettled.

- The law applied is the version in force on the decision date (Criminal Procedure Code Art. 4,
  provision `ru.upk.4`), with the ground's test under that version (engine/dated.py). A ground with no
  version in force that day is `not_in_force`.
- The grounds' values combine into the outcome by the evaluator's verdict (engine/verdict.py).
- `depends_on`, `also_unknown` and `open_questions` (readings, uncertain entries into force) are found by
  the search (engine/search.py), the same for every verdict; providers add more open questions.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any, Generic, cast

from extrashield.engine.answer import AnswerPlan

# the evaluator's result types, also importable from here
from extrashield.engine.assessment import Assessment as Assessment
from extrashield.engine.assessment import GroundResult as GroundResult
from extrashield.engine.assessment import OpenQuestionProvider as OpenQuestionProvider
from extrashield.engine.assessment import OpenQuestionResult as OpenQuestionResult
from extrashield.engine.candidates import Candidates
from extrashield.engine.codegen import Compiled, CompiledRule, compile_rule
from extrashield.engine.expr import Expr, stated_or_derived
from extrashield.engine.grounds import Ground
from extrashield.engine.plans import DayPlan, ReadingPlan
from extrashield.engine.search import open_questions, unknowns
from extrashield.engine.verdict import BaseVerdict, ExtraditionVerdict, OutcomeT
from extrashield.errors import CaseError, ReadingError
from extrashield.facts.case import Case
from extrashield.i18n import _
from extrashield.sources.lawbook import Lawbook, LawQuestion, Provision, Version


def resolve_readings(
    lawbook: Lawbook, keys: Sequence[str], readings: Mapping[str, str] | None
) -> dict[str, str]:
    """The defaults of the readings `keys`, overridden by `readings`. Every reading given must exist in
    the law data with that value; a known reading that none of `keys` names concerns another question
    (e.g. a contract-eligibility reading given to `assess`) and is accepted without effect."""
    rd = {k: lawbook.readings[k].default for k in keys}
    for key, value in (readings or {}).items():
        r = lawbook.readings.get(key)
        if r is None:
            raise ReadingError(
                "reading",
                _("unknown reading {key} (known: {known})").format(
                    key=repr(key), known=", ".join(lawbook.readings)
                ),
            )
        if value not in r.values:
            raise ReadingError(
                f"reading {key}",
                _("unknown value {value} (allowed: {allowed})").format(
                    value=repr(value), allowed=", ".join(r.values)
                ),
            )
        if key in rd:
            rd[key] = value
    return rd


class Evaluator(Generic[OutcomeT]):
    """Binds the rules to one lawbook and to how their values combine (`verdict`: by default the extradition
    outcome of docs/contract.md §4); compiles each rule once per set of readings and tests.

    The terms evaluated are the grounds, then the verdict's own conditions (always in force). A ground
    applies the test of the version of its provision in force on the decision date (`Ground.tests`,
    engine/dated.py: one test unless a version changes it); a condition has one test.

    Everything that depends on the law and the rules but not on the case (the version of each ground on
    a stretch of days, the rules per set of readings, the answer's constant texts) is prepared once per
    evaluator, when first needed; every case is still validated, evaluated and explained afresh."""

    def __init__(
        self,
        lawbook: Lawbook,
        grounds: Sequence[Ground],
        *,
        verdict: BaseVerdict[OutcomeT] | None = None,
        open_question_providers: Sequence[OpenQuestionProvider[OutcomeT]] = (),
    ) -> None:
        self.lawbook = lawbook
        self.grounds = tuple(grounds)
        # without a verdict, the extradition one (the type variable's default says the outcome is an Outcome)
        self.verdict: BaseVerdict[OutcomeT] = (
            verdict
            if verdict is not None
            else cast("BaseVerdict[OutcomeT]", ExtraditionVerdict(self.grounds))
        )
        # Called after the evaluator's own open questions; each returns more (e.g. treaty collisions).
        # They may add questions but never change grounds or outcome.
        self.open_question_providers = tuple(open_question_providers)
        self.provisions: tuple[Provision, ...] = tuple(self._provision(g) for g in self.grounds)
        # per term, every test it may apply: a ground's under each version (each day's: `DayPlan.variants`)
        self.tests: tuple[tuple[Expr, ...], ...] = tuple(g.tests for g in self.grounds) + tuple(
            (c,) for c in self.verdict.conditions
        )
        every_test = [t for tests in self.tests for t in tests]
        # what the terms read and the readings they use, under any version (each day's reads: `ReadingPlan.refs`)
        self.refs = tuple(frozenset().union(*(t.refs() for t in tests)) for tests in self.tests)
        # facts whose null means "derive it" (limitation_expired): unknown only where the derivation is
        self.derived = stated_or_derived(every_test)
        self._derived_fns: dict[tuple[str, tuple[str, ...]], Compiled] = {}
        self.term_readings = tuple(frozenset().union(*(t.readings() for t in tests)) for tests in self.tests)
        self.reading_keys = tuple(sorted(frozenset().union(*self.term_readings)))
        # the values tried for an unknown fact: from the constants the rules compare facts with, under
        # every version (an uncertain version is tried too)
        self.candidates = Candidates(every_test)
        for key in self.reading_keys:
            if key not in lawbook.readings:
                raise ValueError(f"rules use reading {key!r}, which no provision of the law data defines")
        self._compiled: dict[
            tuple[tuple[tuple[str, str], ...], tuple[int, ...]], tuple[CompiledRule, ...]
        ] = {}
        self._rules: dict[tuple[int, int, tuple[tuple[str, str], ...]], CompiledRule] = {}
        self._plans: dict[tuple[tuple[str, ...], tuple[int, ...]], ReadingPlan] = {}
        self._defaults = {k: lawbook.readings[k].default for k in self.reading_keys}
        # the provision that defines each reading (not necessarily one of this evaluator's grounds),
        # and its open question that the reading models
        self.reading_owners: dict[str, tuple[Provision, LawQuestion | None]] = {}
        for key in self.reading_keys:
            owner = next(p for p in lawbook.provisions.values() if key in p.readings)
            self.reading_owners[key] = (
                owner,
                next((q for q in owner.open_questions if q.reading == key), None),
            )
        # The law changes only on the dates of its versions: between two of them every day has the same
        # versions in force and the same uncertain entries into force.
        self._law_dates = sorted(
            {
                d
                for p in self.provisions
                for v in p.versions
                for d in (v.valid_from, v.valid_until, v.earliest_possible_from)
                if d is not None
            }
        )
        self._days: dict[int, DayPlan] = {}
        self._answer_plan: AnswerPlan | None = None

    def _provision(self, g: Ground) -> Provision:
        p = self.lawbook.provisions.get(g.provision)
        if p is None:
            raise ValueError(f"rule cites {g.provision!r}, which the law data does not define")
        if p.effect != g.effect:
            raise ValueError(f"rule {g.provision} has effect {g.effect}, the law data says {p.effect}")
        g.check_versions(p)
        return p

    def resolve_readings(self, readings: Mapping[str, str] | None) -> dict[str, str]:
        if not readings:
            return dict(self._defaults)
        return resolve_readings(self.lawbook, self.reading_keys, readings)

    def compiled(self, rd: Mapping[str, str], day: dt.date | None = None) -> tuple[CompiledRule, ...]:
        """Every term's rule for these readings, with the test of the version in force on `day` (without
        a day: each rule's first test, which is its only one unless a version changes it)."""
        return self._compiled_tests(
            rd, self._day(day).variants if day is not None else (0,) * len(self.tests)
        )

    def _compiled_tests(self, rd: Mapping[str, str], variants: tuple[int, ...]) -> tuple[CompiledRule, ...]:
        key = (tuple(sorted(rd.items())), variants)
        fns = self._compiled.get(key)
        if fns is None:
            fns = self._compiled[key] = tuple(self._rule(i, n, rd) for i, n in enumerate(variants))
        return fns

    def _rule(self, i: int, variant: int, rd: Mapping[str, str]) -> CompiledRule:
        # a term that reads no reading compiles once and serves every set of readings
        own = tuple((k, rd[k]) for k in sorted(self.term_readings[i]))
        fn = self._rules.get((i, variant, own))
        if fn is None:
            fn = self._rules[(i, variant, own)] = compile_rule(self.tests[i][variant], rd)
        return fn

    def plan(self, rd: Mapping[str, str], variants: tuple[int, ...]) -> ReadingPlan:
        """The rules compiled for the readings `rd` (every reading key of the evaluator) and the test
        `variants[i]` of each term i (a day's: `DayPlan.variants`)."""
        key = tuple([rd[k] for k in self.reading_keys])
        plan = self._plans.get((key, variants))
        if plan is None:
            plan = self._plans[(key, variants)] = ReadingPlan(
                key, variants, self._compiled_tests(rd, variants)
            )
        return plan

    def _day(self, day: dt.date) -> DayPlan:
        stretch = bisect_right(self._law_dates, day)
        plan = self._days.get(stretch)
        if plan is None:
            plan = self._days[stretch] = DayPlan(
                self.grounds, self.provisions, stretch, day, self.verdict.conditions
            )
        return plan

    def answer_plan(self) -> AnswerPlan:
        """The answer's texts that depend on the rules and the law only (answer.py), built once."""
        if self._answer_plan is None:
            self._answer_plan = AnswerPlan(self)
        return self._answer_plan

    def answer(self, a: Assessment[OutcomeT]) -> dict[str, Any]:
        return self.answer_plan().build(a)

    def assess(self, case: Case, readings: Mapping[str, str] | None = None) -> Assessment[OutcomeT]:
        day = case.decision_date
        if day < self.lawbook.horizon:
            raise CaseError(
                "decision_date",
                _("is before {horizon}, the earliest date the law data covers").format(
                    horizon=self.lawbook.horizon
                ),
            )
        rd = self.resolve_readings(readings)
        law = self._day(day)
        plan = self.plan(rd, law.variants)
        facts = case.facts
        # the outcome needs the values only: the explanation is written by `to_dict`, and a trace made
        # when `Assessment.traces` is asked for
        values = [fn(facts, None) if f else None for fn, f in zip(plan.untraced, law.in_force)]
        in_force = law.in_force
        outcome = self.verdict.outcome(values, in_force)
        a = Assessment(case, self.lawbook, rd, outcome, self, values, plan, law)
        if outcome == self.verdict.undetermined:
            a.depends_on, a.also_unknown, a.every_value = unknowns(
                self, case, plan, values, in_force, outcome
            )
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
        """The rule of ground `i` under `version` of its provision (the test that version brings), for the
        readings of `plan`."""
        n = self.grounds[i].variant(self.provisions[i], version)
        if n == plan.variants[i]:
            return plan.untraced[i]
        return self._rule(i, n, dict(zip(self.reading_keys, plan.key))).variant(False)
