"""The evaluator: every ground on the decision date, the outcome, what is unknown and what is unsettled.

- The law applied is the version in force on the decision date (Criminal Procedure Code Art. 4,
  provision `ru.upk.4`). A ground with no version in force that day is `not_in_force`.
- `depends_on` holds exactly the unknown facts for which some value, learnt alone, changes the outcome.
  Only an undetermined outcome can change: Kleene logic is monotone, so learning a fact never changes a
  determined one. `also_unknown` holds the other unknown facts that undecided grounds read: they can
  matter once other questions are answered.
- `open_questions` holds the readings and uncertain entry-into-force dates on which the outcome turns.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from extrashield.engine.candidates import candidates, substitute
from extrashield.engine.codegen import Compiled, CompiledRule, compile_rule
from extrashield.facts import paths
from extrashield.facts.case import CONSISTENCY_FACTS, ITEM_CHECKED, Case, check_consistency, check_contract, question_for, spec_at, unknown_paths
from extrashield.errors import CaseError, ReadingError
from extrashield.engine.grounds import (
    ALLOWS_REFUSAL, BARRED, BARS, MAY_REFUSE, NOT_IN_FORCE, PERMITTED, UNDETERMINED, Ground, Outcome, Status,
    status_of,
)
from extrashield.engine.expr import stated_or_derived
from extrashield.sources.lawbook import Lawbook, LawQuestion, Provision, Reading, Version

if TYPE_CHECKING:
    from extrashield.engine.answer import AnswerPlan

class GroundResult:
    """One ground on the decision date. `trace` (the explanation: each labelled condition with its value)
    is made when first read: most uses need the value only."""

    __slots__ = ("ground", "provision", "version", "value", "status", "index", "_assessment")

    def __init__(
        self, ground: Ground, provision: Provision, version: Version | None, value: bool | None, status: Status,
        assessment: Assessment, index: int,
    ) -> None:
        self.ground = ground
        self.provision = provision
        self.version = version
        self.value = value
        self.status = status
        self.index = index  # the ground's place among the evaluator's grounds
        self._assessment = assessment

    @property
    def trace(self) -> list[Any]:
        return self._assessment.traces[self.index]

    def __repr__(self) -> str:
        return f"GroundResult({self.provision.id!r}, value={self.value!r}, status={self.status!r})"


@dataclass
class OpenQuestionResult:
    id: str
    kind: str  # reading | entry_into_force
    provision: str
    question: str
    current: str
    alternatives: list[dict[str, str]]  # plain texts, as in the answer (an outcome as `Outcome.value`)
    sources: list[str]
    law_question: str | None = None
    extra: Mapping[str, Any] | None = None  # structured details a provider adds (e.g. the treaty)


class Assessment:
    """The answer for one case; `to_dict()` gives the JSON of docs/contract.md §5.

    The evaluator fills in each ground's value (and the versions in force, through `law`); `grounds`
    makes `GroundResult`s and `traces` the explanation traces when first asked for. `to_dict()` needs
    neither: it explains as it goes (answer.py)."""

    __slots__ = (
        "case", "lawbook", "readings", "outcome", "depends_on", "also_unknown", "open_questions",
        "every_value", "evaluator", "values", "plan", "law", "_traces", "_grounds",
    )

    def __init__(
        self, case: Case, lawbook: Lawbook, readings: dict[str, str], outcome: Outcome, evaluator: Evaluator,
        values: list[bool | None], plan: ReadingPlan, law: DayPlan,
    ) -> None:
        self.case = case
        self.lawbook = lawbook
        self.readings = readings
        self.outcome = outcome
        self.depends_on: list[tuple[str, str]] = []
        self.also_unknown: list[tuple[str, str]] = []
        self.open_questions: list[OpenQuestionResult] = []
        # The outcome is undetermined under docs/contract.md §4, yet every value of this one unknown fact leads
        # to the same outcome: (fact, that outcome). Reported beside the outcome, never in its place.
        self.every_value: tuple[str, Outcome] | None = None
        self.evaluator = evaluator
        self.values = values  # per ground: True, False, or None (unknown, or not in force)
        self.plan = plan  # the rules compiled for these readings
        self.law = law  # the versions in force on the decision date
        self._traces: list[list[Any]] | None = None
        self._grounds: list[GroundResult] | None = None

    @property
    def versions(self) -> tuple[Version | None, ...]:
        """Per ground: the version in force on the decision date, or None."""
        return self.law.versions

    @property
    def traces(self) -> list[list[Any]]:
        """Per ground: the explanation trace (empty when not in force). The outcome needs no trace, so
        the rules are run again with tracing only when a trace is asked for."""
        if self._traces is None:
            facts = self.case.facts
            self._traces = []
            for fn, version in zip(self.plan.traced, self.law.versions):
                trace: list[Any] = []
                if version is not None:
                    fn(facts, trace)
                self._traces.append(trace)
        return self._traces

    @property
    def grounds(self) -> list[GroundResult]:
        if self._grounds is None:
            self._grounds = [self._ground(i) for i in range(len(self.values))]
        return self._grounds

    def ground(self, i: int) -> GroundResult:
        """The result of the i-th ground alone (`grounds[i]`, without making the others)."""
        return self._grounds[i] if self._grounds is not None else self._ground(i)

    def _ground(self, i: int) -> GroundResult:
        ev, version, value = self.evaluator, self.law.versions[i], self.values[i]
        status = NOT_IN_FORCE if version is None else status_of(value)
        return GroundResult(ev.grounds[i], ev.provisions[i], version, value, status, self, i)

    @property
    def decision_date(self) -> dt.date:
        return self.case.decision_date

    @property
    def applies(self) -> list[str]:
        return [p.id for p, v in zip(self.evaluator.provisions, self.values) if v is True]

    def to_dict(self) -> dict[str, Any]:
        return self.evaluator.answer_plan().build(self)


OpenQuestionProvider = Callable[[Assessment], list[OpenQuestionResult]]


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


class DayPlan:
    """What the law alone says about every day of one stretch between two of its dates: the version of
    each ground in force, the versions whose entry into force is uncertain on such a day, and the test
    each ground applies then."""

    __slots__ = ("stretch", "day", "versions", "in_force", "pending", "variants", "tests")

    def __init__(self, grounds: Sequence[Ground], provisions: Sequence[Provision], stretch: int, day: dt.date) -> None:
        self.stretch = stretch  # which stretch between two dates of the law
        self.day = day  # one day of it
        self.versions = tuple(p.version_on(day) for p in provisions)
        self.in_force = tuple(v is not None for v in self.versions)
        # grounds not in force on `day` that may already have been: (ground index, version)
        self.pending = tuple(
            (i, v)
            for i, p in enumerate(provisions) if self.versions[i] is None
            for v in p.versions
            if v.earliest_possible_from and v.valid_from and v.earliest_possible_from <= day < v.valid_from
        )
        # the test of the version in force (engine/dated.py); for a ground not in force, of the version
        # that may already be (its value is needed only to ask about that entry into force)
        maybe = dict(reversed(self.pending))
        self.variants = tuple(
            g.variant(p, self.versions[i] or maybe.get(i)) for i, (g, p) in enumerate(zip(grounds, provisions))
        )
        self.tests = tuple(g.tests[n] for g, n in zip(grounds, self.variants))


class ReadingPlan:
    """The rules compiled for one set of readings and one test per ground (`DayPlan.variants`), as the
    generated functions themselves."""

    __slots__ = ("key", "variants", "rules", "refs", "untraced", "_traced", "_traced_asked", "_alternatives")

    def __init__(self, key: tuple[str, ...], variants: tuple[int, ...], rules: tuple[CompiledRule, ...]) -> None:
        self.key = key  # the value of each of the evaluator's reading keys
        self.variants = variants  # which test of each ground
        self.rules = rules
        self.refs = tuple(frozenset(r.expr.refs()) for r in rules)  # the facts each of these tests reads
        self.untraced: tuple[Compiled, ...] = tuple(r.variant(False) for r in rules)
        self._traced: tuple[Compiled, ...] | None = None
        self._traced_asked = False
        # per reading key: (key, reading, [(other value, grounds that read the key, their rules)])
        self._alternatives: list[tuple[str, Reading, list[tuple[str, tuple[int, ...], tuple[Compiled, ...]]]]] | None = None

    @property
    def traced(self) -> tuple[Compiled, ...]:
        """The rules that explain. The first time, the closures of the expressions (the reference
        semantics; nothing to compile, which keeps a command that answers once quick); from the second
        time on, generated code."""
        if self._traced is None:
            if not self._traced_asked:
                self._traced_asked = True
                return tuple(_traced_closure(r) for r in self.rules)
            self._traced = tuple(r.variant(True) for r in self.rules)
        return self._traced


def uncertain_entry(p: Provision, v: Version, day: dt.date, what: str) -> tuple[str, str, LawQuestion | None]:
    """An uncertain entry into force of `v` (of provision `p`, called `what`) on `day`, between its earliest
    possible date and the date the data uses: the open question's id, its text, and the law data's question."""
    lq = next((q for q in p.open_questions if "entry_into_force" in q.id), None)
    question = (
        f"Was {what} in force on {day}? The data uses {v.valid_from} ({v.valid_from_certainty}: "
        f"{v.valid_from_why}); it cannot have been in force before {v.earliest_possible_from}."
    )
    return (lq.id if lq else f"{p.id}.entry_into_force"), question, lq


def _consistent(facts: Mapping[str, Any]) -> bool:
    try:
        check_consistency(facts)
    except CaseError:
        return False
    return True


def _contract_consistent(facts: Mapping[str, Any], path: str) -> bool:
    """`_consistent` for facts that differ from a consistent case in one field of one contract (`path`)."""
    index = int(path[path.index("[") + 1:path.index("]")])
    try:
        check_contract(index, facts["person.military_service"][index])
    except CaseError:
        return False
    return True


def _traced_closure(rule: CompiledRule) -> Compiled:
    fn = rule.expr.fn(rule.rd)
    return lambda F, T: fn(F, None, T)


class Evaluator:
    """Binds the rules to one lawbook; compiles each rule once per set of readings.

    Everything that depends on the law and the rules but not on the case (the version of each ground on
    a stretch of days, the rules per set of readings, the answer's constant texts) is prepared once per
    evaluator, when first needed; every case is still validated, evaluated and explained afresh."""

    def __init__(
        self,
        lawbook: Lawbook,
        grounds: Sequence[Ground],
        *,
        open_question_providers: Sequence[OpenQuestionProvider] = (),
    ) -> None:
        self.lawbook = lawbook
        self.grounds = tuple(grounds)
        # Called after the evaluator's own open questions; each returns more (e.g. treaty collisions).
        # They may add questions but never change grounds or outcome.
        self.open_question_providers = tuple(open_question_providers)
        self.provisions: tuple[Provision, ...] = tuple(self._provision(g) for g in self.grounds)
        # what the rules read and the readings they use, under any version (each day's tests: `DayPlan`)
        self.refs = tuple(frozenset().union(*(t.refs() for t in g.tests)) for g in self.grounds)
        # facts whose null means "derive it" (limitation_expired): unknown only where the derivation is
        self.derived = stated_or_derived([t for g in self.grounds for t in g.tests])
        self._derived_fns: dict[tuple[str, tuple[str, ...]], Compiled] = {}
        self.ground_readings = tuple(frozenset().union(*(t.readings() for t in g.tests)) for g in self.grounds)
        self.reading_keys = tuple(sorted(frozenset().union(*self.ground_readings)))
        for key in self.reading_keys:
            if key not in lawbook.readings:
                raise ValueError(f"rules use reading {key!r}, which no provision of the law data defines")
        self._compiled: dict[tuple[tuple[tuple[str, str], ...], tuple[int, ...]], tuple[CompiledRule, ...]] = {}
        self._rules: dict[tuple[int, int, tuple[tuple[str, str], ...]], CompiledRule] = {}
        self._plans: dict[tuple[tuple[str, ...], tuple[int, ...]], ReadingPlan] = {}
        self._defaults = {k: lawbook.readings[k].default for k in self.reading_keys}
        # the provision that defines each reading (not necessarily one of this evaluator's grounds),
        # and its open question that the reading models
        self._reading_owner: dict[str, tuple[Provision, LawQuestion | None]] = {}
        for key in self.reading_keys:
            owner = next(p for p in lawbook.provisions.values() if key in p.readings)
            self._reading_owner[key] = (owner, next((q for q in owner.open_questions if q.reading == key), None))
        self._bars = tuple(i for i, g in enumerate(self.grounds) if g.effect == BARS)
        self._refusals = tuple(i for i, g in enumerate(self.grounds) if g.effect == ALLOWS_REFUSAL)
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
        g.check_versions(p)
        return p

    def resolve_readings(self, readings: Mapping[str, str] | None) -> dict[str, str]:
        if not readings:
            return dict(self._defaults)
        return resolve_readings(self.lawbook, self.reading_keys, readings)

    def compiled(self, rd: Mapping[str, str], day: dt.date | None = None) -> tuple[CompiledRule, ...]:
        """Every ground's rule for these readings, with the test of the version in force on `day` (without
        a day: each rule's first test, which is its only one unless a version changes it)."""
        return self._compiled_tests(rd, self._day(day).variants if day is not None else (0,) * len(self.grounds))

    def _compiled_tests(self, rd: Mapping[str, str], variants: tuple[int, ...]) -> tuple[CompiledRule, ...]:
        key = (tuple(sorted(rd.items())), variants)
        fns = self._compiled.get(key)
        if fns is None:
            # a ground that reads no reading compiles once and serves every set of readings
            fns = self._compiled[key] = tuple(
                self._rule(i, n, tuple((k, rd[k]) for k in sorted(self.ground_readings[i])), rd)
                for i, n in enumerate(variants)
            )
        return fns

    def _rule(self, i: int, variant: int, own: tuple[tuple[str, str], ...], rd: Mapping[str, str]) -> CompiledRule:
        fn = self._rules.get((i, variant, own))
        if fn is None:
            fn = self._rules[(i, variant, own)] = compile_rule(self.grounds[i].tests[variant], rd)
        return fn

    def _plan(self, rd: Mapping[str, str], variants: tuple[int, ...]) -> ReadingPlan:
        key = tuple([rd[k] for k in self.reading_keys])
        plan = self._plans.get((key, variants))
        if plan is None:
            plan = self._plans[(key, variants)] = ReadingPlan(key, variants, self._compiled_tests(rd, variants))
        return plan

    def _day(self, day: dt.date) -> DayPlan:
        stretch = bisect_right(self._law_dates, day)
        plan = self._days.get(stretch)
        if plan is None:
            plan = self._days[stretch] = DayPlan(self.grounds, self.provisions, stretch, day)
        return plan

    def answer_plan(self) -> AnswerPlan:
        """The answer's texts that depend on the rules and the law only (answer.py), built once."""
        if self._answer_plan is None:
            from extrashield.engine.answer import AnswerPlan

            self._answer_plan = AnswerPlan(self)
        return self._answer_plan

    def assess(self, case: Case, readings: Mapping[str, str] | None = None) -> Assessment:
        day = case.decision_date
        if day < self.lawbook.horizon:
            raise CaseError("decision_date", f"is before {self.lawbook.horizon}, the earliest date the law data covers")
        rd = self.resolve_readings(readings)
        law = self._day(day)
        plan = self._plan(rd, law.variants)
        facts = case.facts
        # the outcome needs the values only: the explanation is written by `to_dict`, and a trace made
        # when `Assessment.traces` is asked for
        values = [None if version is None else fn(facts, None) for fn, version in zip(plan.untraced, law.versions)]
        in_force = law.in_force
        outcome = self._outcome(values, in_force)
        a = Assessment(case, self.lawbook, rd, outcome, self, values, plan, law)
        if outcome == UNDETERMINED:
            a.depends_on, a.also_unknown, a.every_value = self._unknowns(case, plan, values, in_force, outcome)
        a.open_questions = self._open_questions(case, rd, plan, law, values, outcome)
        for provide in self.open_question_providers:
            a.open_questions.extend(provide(a))
        return a

    def _outcome(self, values: Sequence[bool | None], in_force: Sequence[bool]) -> Outcome:
        """The outcome order of docs/contract.md §4 (as `grounds.outcome_of`), without building its lists."""
        unknown = False
        for i in self._bars:
            if in_force[i]:
                v = values[i]
                if v is True:
                    return BARRED
                if v is None:
                    unknown = True
        if unknown:
            return UNDETERMINED
        for i in self._refusals:
            if in_force[i]:
                v = values[i]
                if v is True:
                    return MAY_REFUSE
                if v is None:
                    unknown = True
        return UNDETERMINED if unknown else PERMITTED

    # the order of docs/contract.md §4 by the grounds' effects, even where a subclass changes `_outcome`
    outcome_by_effect = _outcome

    def _unknowns(
        self, case: Case, plan: ReadingPlan, values: Sequence[bool | None], in_force: Sequence[bool], outcome: Outcome
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], tuple[str, Outcome] | None]:
        """depends_on, also_unknown, and a case split: (fact, outcome) when every value of that one
        fact leads to the same determined outcome (e.g. Russian citizen → Art. 61; not → point 7)."""
        open_idx = [i for i, v in enumerate(values) if in_force[i] and v is None]
        refs = plan.refs  # what the tests of the decision date read
        read = frozenset().union(*(refs[i] for i in open_idx))
        fns = plan.untraced
        depends: list[tuple[str, str]] = []
        also: list[tuple[str, str]] = []
        split: tuple[str, Outcome] | None = None
        # a whole fact is tried in one working copy of the facts, put back after its values are tried
        # (the rules and the consistency check only read); a list item gets its own copy (`substitute`)
        work = dict(case.facts)
        consistent: bool | None = None  # whether the case itself passes check_consistency
        for path in unknown_paths(case):
            whole = "[" not in path
            abstract = path if whole else paths.abstract(path)
            if abstract not in read:
                continue
            if path in self.derived and self._derivation(path, plan)(case.facts, None) is not None:
                continue  # null here means "derived" (docs/contract.md §3), and the derivation is known
            touched = [i for i in open_idx if abstract in refs[i]]
            # a fact the consistency check does not read leaves its verdict as it is for the case itself
            fact = path if whole else paths.list_of(path)
            checked = fact in CONSISTENCY_FACTS
            if not checked and consistent is None:
                consistent = _consistent(case.facts)
            # a field of one contract: only that contract is checked again (the case itself is consistent:
            # it passed validation), which keeps a long list from costing its length squared
            one_item = not whole and fact in ITEM_CHECKED
            # where null may itself be an answer (a life sentence), the outcome as it stands is one of them
            seen = {outcome} if spec_at(path).null_also_means else set()
            for value in candidates(path, case, read):
                if whole:
                    work[path] = value
                    facts = work
                else:
                    facts = substitute(case.facts, path, value)
                ok = (_contract_consistent(facts, path) if one_item else _consistent(facts)) if checked else consistent
                if not ok:
                    continue  # a value that contradicts what is known is no possible answer
                trial = list(values)
                for i in touched:
                    trial[i] = fns[i](facts, None)
                seen.add(self._outcome(trial, in_force))
                if len(seen) > 1:
                    break  # the fact matters (depends_on), and no single outcome covers all its values
            if whole:
                work[path] = case.facts[path]
            (depends if seen - {outcome} else also).append((path, question_for(path)))
            if split is None and len(seen) == 1 and outcome not in seen:
                split = (path, seen.pop())
        return depends, also, split

    def _derivation(self, path: str, plan: ReadingPlan) -> Compiled:
        key = (path, plan.key)
        fn = self._derived_fns.get(key)
        if fn is None:
            rd = dict(zip(self.reading_keys, plan.key))
            fn = self._derived_fns[key] = compile_rule(self.derived[path], rd).variant(False)
        return fn

    def _alternatives(self, rd: Mapping[str, str], plan: ReadingPlan) -> list[tuple[str, Reading, list[tuple[str, tuple[int, ...], tuple[Compiled, ...]]]]]:
        """For each reading key, every other value and the rules of the grounds that read the key."""
        if plan._alternatives is None:
            out = []
            for key in self.reading_keys:
                reading = self.lawbook.readings[key]
                touched = tuple(i for i, keys in enumerate(self.ground_readings) if key in keys)
                alts = [
                    (alt, touched, self._plan({**rd, key: alt}, plan.variants).untraced)
                    for alt in reading.values if alt != rd[key]
                ]
                out.append((key, reading, alts))
            plan._alternatives = out
        return plan._alternatives

    def _open_questions(
        self, case: Case, rd: dict[str, str], plan: ReadingPlan, law: DayPlan, values: Sequence[bool | None],
        outcome: Outcome,
    ) -> list[OpenQuestionResult]:
        out: list[OpenQuestionResult] = []
        in_force = law.in_force
        facts, day = case.facts, case.decision_date
        # Readings: would another reading of the law give another outcome?
        for key, reading, alts in self._alternatives(rd, plan):
            alternatives = []
            for alt, touched, fns2 in alts:
                trial = None
                for i in touched:
                    if in_force[i]:
                        v = fns2[i](facts, None)
                        if v is not values[i]:
                            if trial is None:
                                trial = list(values)
                            trial[i] = v
                if trial is None:
                    continue  # no ground changes under this reading, so neither does the outcome
                other = self._outcome(trial, in_force)
                if other != outcome:
                    alternatives.append({"reading": alt, "outcome": other.value})
            if alternatives:
                owner, lq = self._reading_owner[key]
                out.append(OpenQuestionResult(
                    id=key, kind="reading", provision=owner.id, question=reading.question,
                    current=rd[key], alternatives=alternatives,
                    sources=[s.url for s in reading.sources if s.url],
                    law_question=lq.id if lq else None,
                ))
        # Uncertain entry into force: a decision date between the earliest possible date and the date used.
        for i, v in law.pending:
            p = self.provisions[i]
            trial = list(values)
            force = list(in_force)
            n = self.grounds[i].variant(p, v)  # the test that version would bring
            fn = plan.untraced[i] if n == plan.variants[i] else self._rule(
                i, n, tuple((k, rd[k]) for k in sorted(self.ground_readings[i])), rd).variant(False)
            trial[i], force[i] = fn(facts, None), True
            other = self._outcome(trial, force)
            if other != outcome:
                qid, question, lq = uncertain_entry(p, v, day, p.citation)
                out.append(OpenQuestionResult(
                    id=qid, kind="entry_into_force", provision=p.id, question=question,
                    current=f"not in force until {v.valid_from}",
                    alternatives=[{"if": f"in force on {day}", "outcome": other.value}],
                    sources=[s.url for s in v.sources if s.url],
                    law_question=lq.id if lq else None,
                ))
        return out
