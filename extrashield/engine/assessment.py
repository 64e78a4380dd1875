"""The evaluator's result for one case: each ground's value, the outcome, what is unknown and what is
unsettled (`Assessment`), and its open questions (`OpenQuestionResult`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol

from extrashield.engine.grounds import NOT_IN_FORCE, Ground, Status, status_of
from extrashield.engine.plans import DayPlan, ReadingPlan
from extrashield.engine.verdict import BaseVerdict, OutcomeT
from extrashield.facts.case import Case
from extrashield.sources.lawbook import Lawbook, Provision, Version


class Assessor(Protocol[OutcomeT]):
    """The evaluator as its assessments see it (`engine.evaluator.Evaluator`). A protocol, so that the modules
    that read assessments (the answer) need not import the evaluator, which imports them to build answers."""

    @property
    def lawbook(self) -> Lawbook: ...
    @property
    def grounds(self) -> tuple[Ground, ...]: ...
    @property
    def provisions(self) -> tuple[Provision, ...]: ...
    @property
    def reading_keys(self) -> tuple[str, ...]: ...
    @property
    def verdict(self) -> BaseVerdict[OutcomeT]: ...

    def assess(self, case: Case, readings: Mapping[str, str] | None = None) -> Assessment[OutcomeT]: ...

    def answer(self, a: Assessment[OutcomeT]) -> dict[str, Any]:
        """The answer of docs/contract.md §5 for `a`, one of this evaluator's assessments."""
        ...


class GroundResult:
    """One ground on the decision date. `trace` (the explanation: each labelled condition with its value)
    is made when first read: most uses need the value only."""

    __slots__ = ("_assessment", "ground", "index", "provision", "status", "value", "version")

    def __init__(
        self,
        ground: Ground,
        provision: Provision,
        version: Version | None,
        value: bool | None,
        status: Status,
        assessment: Assessment[Any],
        index: int,
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
    alternatives: list[dict[str, str]]  # plain texts, as in the answer (an outcome as `str(outcome)`)
    sources: list[str]
    law_question: str | None = None
    extra: Mapping[str, Any] | None = None  # structured details a provider adds (e.g. the treaty)


class Assessment(Generic[OutcomeT]):
    """The answer for one case; `to_dict()` gives the JSON of docs/contract.md §5.

    The evaluator fills in each ground's value (and the versions in force, through `law`); `grounds`
    makes `GroundResult`s and `traces` the explanation traces when first asked for. `to_dict()` needs
    neither: it explains as it goes (answer.py)."""

    __slots__ = (
        "_grounds",
        "_traces",
        "also_unknown",
        "case",
        "depends_on",
        "evaluator",
        "every_value",
        "law",
        "lawbook",
        "open_questions",
        "outcome",
        "plan",
        "readings",
        "values",
    )

    def __init__(
        self,
        case: Case,
        lawbook: Lawbook,
        readings: dict[str, str],
        outcome: OutcomeT,
        evaluator: Assessor[OutcomeT],
        values: list[bool | None],
        plan: ReadingPlan,
        law: DayPlan,
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
        self.every_value: tuple[str, OutcomeT] | None = None
        self.evaluator = evaluator
        # per term (each ground, then the verdict's conditions): True, False, or None (unknown, or not in force)
        self.values = values
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
        """Per term (each ground, then the verdict's conditions): the explanation trace (empty when not in
        force). The outcome needs no trace, so the rules are run again with tracing only when a trace is
        asked for."""
        if self._traces is None:
            facts = self.case.facts
            self._traces = []
            for fn, in_force in zip(self.plan.traced, self.law.in_force):
                trace: list[Any] = []
                if in_force:
                    fn(facts, trace)
                self._traces.append(trace)
        return self._traces

    @property
    def grounds(self) -> list[GroundResult]:
        if self._grounds is None:
            self._grounds = [self._ground(i) for i in range(len(self.evaluator.grounds))]
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
        return self.evaluator.answer(self)


OpenQuestionProvider = Callable[[Assessment[OutcomeT]], list[OpenQuestionResult]]
