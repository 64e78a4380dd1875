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
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .candidates import candidates, substitute
from .codegen import compile_rule
from .case import Case, check_consistency, question_for, unknown_paths
from .errors import CaseError, ReadingError
from .expr import Fn
from .grounds import ALLOWS_REFUSAL, BARS, NOT_IN_FORCE, UNDETERMINED, Ground, outcome_of, status_of
from .lawbook import Lawbook, Provision, Version

_INDEX = re.compile(r"\[\d+\]")


@dataclass
class GroundResult:
    ground: Ground
    provision: Provision
    version: Version | None
    value: bool | None
    status: str
    trace: list[Any]


@dataclass
class OpenQuestionResult:
    id: str
    kind: str  # reading | entry_into_force
    provision: str
    question: str
    current: str
    alternatives: list[dict[str, str]]
    sources: list[str]
    law_question: str | None = None
    extra: Mapping[str, Any] | None = None  # structured details a provider adds (e.g. the treaty)


@dataclass
class Assessment:
    """The answer for one case; `to_dict()` gives the JSON of DESIGN.md §5."""

    case: Case
    lawbook: Lawbook
    readings: dict[str, str]
    grounds: list[GroundResult]
    outcome: str
    depends_on: list[tuple[str, str]] = field(default_factory=list)
    also_unknown: list[tuple[str, str]] = field(default_factory=list)
    open_questions: list[OpenQuestionResult] = field(default_factory=list)
    # The outcome is undetermined under DESIGN.md §4, yet every value of this one unknown fact leads to
    # the same outcome: (fact, that outcome). Reported beside the outcome, never in its place.
    every_value: tuple[str, str] | None = None

    @property
    def decision_date(self) -> dt.date:
        return self.case.decision_date

    @property
    def applies(self) -> list[str]:
        return [g.provision.id for g in self.grounds if g.value is True]

    def to_dict(self) -> dict[str, Any]:
        from .answer import answer_dict

        return answer_dict(self)


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


class Evaluator:
    """Binds the rules to one lawbook; compiles each rule once per set of readings."""

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
        self.refs = tuple(frozenset(g.test.refs()) for g in self.grounds)
        self.ground_readings = tuple(g.test.readings() for g in self.grounds)
        self.reading_keys = tuple(sorted(frozenset().union(*self.ground_readings)))
        for key in self.reading_keys:
            if key not in lawbook.readings:
                raise ValueError(f"rules use reading {key!r}, which no provision of the law data defines")
        self._compiled: dict[tuple[tuple[str, str], ...], tuple[Fn, ...]] = {}
        self._rules: dict[tuple[int, tuple[tuple[str, str], ...]], Fn] = {}
        # the provision that defines each reading (not necessarily one of this evaluator's grounds),
        # and its open question that the reading models
        self._reading_owner = {}
        for key in self.reading_keys:
            owner = next(p for p in lawbook.provisions.values() if key in p.readings)
            self._reading_owner[key] = (owner, next((q for q in owner.open_questions if q.reading == key), None))
        self._bars = tuple(i for i, g in enumerate(self.grounds) if g.effect == BARS)
        self._refusals = tuple(i for i, g in enumerate(self.grounds) if g.effect == ALLOWS_REFUSAL)

    def _provision(self, g: Ground) -> Provision:
        p = self.lawbook.provisions.get(g.provision)
        if p is None:
            raise ValueError(f"rule cites {g.provision!r}, which the law data does not define")
        if p.effect != g.effect:
            raise ValueError(f"rule {g.provision} has effect {g.effect}, the law data says {p.effect}")
        return p

    def resolve_readings(self, readings: Mapping[str, str] | None) -> dict[str, str]:
        return resolve_readings(self.lawbook, self.reading_keys, readings)

    def compiled(self, rd: Mapping[str, str]) -> tuple[Fn, ...]:
        key = tuple(sorted(rd.items()))
        fns = self._compiled.get(key)
        if fns is None:
            # a ground that reads no reading compiles once and serves every set of readings
            fns = self._compiled[key] = tuple(
                self._rule(i, tuple((k, rd[k]) for k in sorted(self.ground_readings[i])), rd)
                for i in range(len(self.grounds))
            )
        return fns

    def _rule(self, i: int, own: tuple[tuple[str, str], ...], rd: Mapping[str, str]) -> Fn:
        fn = self._rules.get((i, own))
        if fn is None:
            fn = self._rules[(i, own)] = compile_rule(self.grounds[i].test, rd)
        return fn

    def assess(self, case: Case, readings: Mapping[str, str] | None = None) -> Assessment:
        day = case.decision_date
        if day < self.lawbook.horizon:
            raise CaseError("decision_date", f"is before {self.lawbook.horizon}, the earliest date the law data covers")
        rd = self.resolve_readings(readings)
        fns = self.compiled(rd)
        facts = case.facts
        results = []
        for g, p, fn in zip(self.grounds, self.provisions, fns):
            version = p.version_on(day)
            if version is None:
                results.append(GroundResult(g, p, None, None, NOT_IN_FORCE, []))
                continue
            trace: list[Any] = []
            value = fn(facts, None, trace)
            results.append(GroundResult(g, p, version, value, status_of(value), trace))
        outcome = self._outcome([r.value for r in results], [r.version is not None for r in results])
        a = Assessment(case, self.lawbook, rd, results, outcome)
        if outcome == UNDETERMINED:
            a.depends_on, a.also_unknown, a.every_value = self._unknowns(case, fns, results, outcome)
        a.open_questions = self._open_questions(case, rd, results, outcome)
        for provide in self.open_question_providers:
            a.open_questions.extend(provide(a))
        return a

    def _outcome(self, values: Sequence[bool | None], in_force: Sequence[bool]) -> str:
        return outcome_of(
            [values[i] for i in self._bars if in_force[i]],
            [values[i] for i in self._refusals if in_force[i]],
        )

    def _unknowns(
        self, case: Case, fns: Sequence[Fn], results: Sequence[GroundResult], outcome: str
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], tuple[str, str] | None]:
        """depends_on, also_unknown, and a case split: (fact, outcome) when every value of that one
        fact leads to the same determined outcome (e.g. Russian citizen → Art. 61; not → point 7)."""
        open_idx = [i for i, r in enumerate(results) if r.version is not None and r.value is None]
        read = frozenset().union(*(self.refs[i] for i in open_idx))
        paths = [p for p in unknown_paths(case) if _INDEX.sub("[*]", p) in read]
        values = [r.value for r in results]
        in_force = [r.version is not None for r in results]
        depends, also = [], []
        split: tuple[str, str] | None = None
        for path in paths:
            abstract = _INDEX.sub("[*]", path)
            touched = [i for i in open_idx if abstract in self.refs[i]]
            seen = set()
            for value in candidates(path, case, read):
                facts = substitute(dict(case.facts), path, value)
                try:
                    check_consistency(facts)
                except CaseError:
                    continue  # a value that contradicts what is known is no possible answer
                trial = list(values)
                for i in touched:
                    trial[i] = fns[i](facts, None, None)
                seen.add(self._outcome(trial, in_force))
                if len(seen) > 1:
                    break  # the fact matters (depends_on), and no single outcome covers all its values
            (depends if seen - {outcome} else also).append((path, question_for(path)))
            if split is None and len(seen) == 1 and outcome not in seen:
                split = (path, seen.pop())
        return depends, also, split

    def _open_questions(
        self, case: Case, rd: dict[str, str], results: Sequence[GroundResult], outcome: str
    ) -> list[OpenQuestionResult]:
        out: list[OpenQuestionResult] = []
        values = [r.value for r in results]
        in_force = [r.version is not None for r in results]
        facts, day = case.facts, case.decision_date
        # Readings: would another reading of the law give another outcome?
        for key in self.reading_keys:
            reading = self.lawbook.readings[key]
            alternatives = []
            for alt in reading.values:
                if alt == rd[key]:
                    continue
                rd2 = {**rd, key: alt}
                fns2 = self.compiled(rd2)
                trial = list(values)
                for i, keys in enumerate(self.ground_readings):
                    if in_force[i] and key in keys:
                        trial[i] = fns2[i](facts, None, None)
                if trial == values:
                    continue  # no ground changes under this reading, so neither does the outcome
                other = self._outcome(trial, in_force)
                if other != outcome:
                    alternatives.append({"reading": alt, "outcome": other})
            if alternatives:
                owner, lq = self._reading_owner[key]
                out.append(OpenQuestionResult(
                    id=key, kind="reading", provision=owner.id, question=reading.question,
                    current=rd[key], alternatives=alternatives,
                    sources=[s.url for s in reading.sources if s.url],
                    law_question=lq.id if lq else None,
                ))
        # Uncertain entry into force: a decision date between the earliest possible date and the date used.
        fns = self.compiled(rd)
        for i, r in enumerate(results):
            if r.version is not None:
                continue
            for v in r.provision.versions:
                if v.earliest_possible_from and v.valid_from and v.earliest_possible_from <= day < v.valid_from:
                    trial = list(values)
                    force = list(in_force)
                    trial[i], force[i] = fns[i](facts, None, None), True
                    other = self._outcome(trial, force)
                    if other != outcome:
                        lq = next((q for q in r.provision.open_questions if "entry_into_force" in q.id), None)
                        out.append(OpenQuestionResult(
                            id=lq.id if lq else f"{r.provision.id}.entry_into_force",
                            kind="entry_into_force",
                            provision=r.provision.id,
                            question=(
                                f"Was {r.provision.citation} in force on {day}? The data uses {v.valid_from} "
                                f"({v.valid_from_certainty}: {v.valid_from_why}); it cannot have been in force "
                                f"before {v.earliest_possible_from}."
                            ),
                            current=f"not in force until {v.valid_from}",
                            alternatives=[{"if": f"in force on {day}", "outcome": other}],
                            sources=[s.url for s in v.sources if s.url],
                            law_question=lq.id if lq else None,
                        ))
        return out
