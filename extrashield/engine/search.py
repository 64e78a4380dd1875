"""What an undetermined or unsettled outcome turns on, for any verdict (engine/verdict.py): one search for
extradition, removal routes and eligibility alike.

- `unknowns`: `depends_on` holds exactly the unknown facts for which some value, learnt alone, changes the
  outcome. Only an undetermined outcome can change: Kleene logic is monotone, so learning a fact never
  changes a determined one. `also_unknown` holds the other unknown facts that undecided terms read: they
  can matter once other questions are answered. A value that contradicts what the case says (the
  consistency check of the case format) is no possible answer and is not tried.
- `open_questions`: the readings of the law, and the uncertain entries into force (a decision date between
  a version's earliest possible date and the date the data uses), under which the outcome would differ.

The search works on the evaluator's terms: its grounds, then the verdict's own conditions (always in force).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from extrashield.engine.assessment import OpenQuestionResult
from extrashield.engine.candidates import Candidates, substitute
from extrashield.engine.codegen import Compiled
from extrashield.engine.expr import Expr
from extrashield.engine.plans import DayPlan, ReadingPlan
from extrashield.engine.verdict import BaseVerdict, OutcomeT
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import (
    CONSISTENCY_FACTS,
    ITEM_CHECKED,
    Case,
    check_consistency,
    check_contract,
    question_for,
    spec_at,
    unknown_paths,
)
from extrashield.sources.lawbook import Lawbook, LawQuestion, Provision, Reading, Version


class Searched(Protocol[OutcomeT]):
    """What the search reads of the evaluator (`engine.evaluator.Evaluator`): per term, the readings it reads
    under any version (`term_readings`); the rules compiled per set of readings and tests (`plan`, whose
    `refs` are the facts the tests of the decision date read)."""

    @property
    def lawbook(self) -> Lawbook: ...
    @property
    def provisions(self) -> tuple[Provision, ...]: ...
    @property
    def verdict(self) -> BaseVerdict[OutcomeT]: ...
    @property
    def term_readings(self) -> tuple[frozenset[str], ...]: ...
    @property
    def reading_keys(self) -> tuple[str, ...]: ...
    @property
    def reading_owners(self) -> Mapping[str, tuple[Provision, LawQuestion | None]]: ...
    @property
    def derived(self) -> Mapping[str, Expr]: ...
    @property
    def candidates(self) -> Candidates: ...

    def plan(self, rd: Mapping[str, str], variants: tuple[int, ...]) -> ReadingPlan: ...

    def derivation(self, path: str, plan: ReadingPlan) -> Compiled:
        """The derivation of a fact whose null means "derive it" (`expr.stated_or_derived`)."""
        ...

    def version_rule(self, i: int, version: Version, plan: ReadingPlan) -> Compiled:
        """The rule of ground `i` under `version` of its provision, for the readings of `plan`."""
        ...


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
    index = int(path[path.index("[") + 1 : path.index("]")])
    try:
        check_contract(index, facts["person.military_service"][index])
    except CaseError:
        return False
    return True


def unknowns(
    ev: Searched[OutcomeT],
    case: Case,
    plan: ReadingPlan,
    values: Sequence[bool | None],
    in_force: Sequence[bool],
    outcome: OutcomeT,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], tuple[str, OutcomeT] | None]:
    """depends_on, also_unknown, and a case split: (fact, outcome) when every value of that one
    fact leads to the same determined outcome (e.g. Russian citizen → Art. 61; not → point 7)."""
    open_idx = [i for i, v in enumerate(values) if in_force[i] and v is None]
    refs = plan.refs  # what the tests of the decision date read
    read = frozenset().union(*(refs[i] for i in open_idx))
    fns = plan.untraced
    verdict = ev.verdict
    depends: list[tuple[str, str]] = []
    also: list[tuple[str, str]] = []
    split: tuple[str, OutcomeT] | None = None
    # a whole fact is tried in one working copy of the facts, put back after its values are tried
    # (the rules and the consistency check only read); a list item gets its own copy (`substitute`)
    work = dict(case.facts)
    consistent: bool | None = None  # whether the case itself passes check_consistency
    for path in unknown_paths(case):
        whole = "[" not in path
        abstract = path if whole else paths.abstract(path)
        if abstract not in read:
            continue
        if path in ev.derived and ev.derivation(path, plan)(case.facts, None) is not None:
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
        for value in ev.candidates.values(path, case, read):
            if whole:
                work[path] = value
                facts = work
            else:
                facts = substitute(case.facts, path, value)
            ok = (
                (_contract_consistent(facts, path) if one_item else _consistent(facts))
                if checked
                else consistent
            )
            if not ok:
                continue  # a value that contradicts what is known is no possible answer
            trial = list(values)
            for i in touched:
                trial[i] = fns[i](facts, None)
            seen.add(verdict.outcome(trial, in_force))
            if len(seen) > 1:
                break  # the fact matters (depends_on), and no single outcome covers all its values
        if whole:
            work[path] = case.facts[path]
        (depends if seen - {outcome} else also).append((path, question_for(path)))
        if split is None and len(seen) == 1 and outcome not in seen:
            split = (path, seen.pop())
    return depends, also, split


def _alternatives(
    ev: Searched[OutcomeT],
    rd: Mapping[str, str],
    plan: ReadingPlan,
) -> list[tuple[str, Reading, list[tuple[str, tuple[int, ...], tuple[Compiled, ...]]]]]:
    """For each reading key, every other value and the rules of the terms that read the key (kept in `plan`),
    with the same tests as `plan`."""
    if plan._alternatives is None:
        out = []
        for key in ev.reading_keys:
            reading = ev.lawbook.readings[key]
            touched = tuple(i for i, keys in enumerate(ev.term_readings) if key in keys)
            alts = [
                (alt, touched, ev.plan({**rd, key: alt}, plan.variants).untraced)
                for alt in reading.values
                if alt != rd[key]
            ]
            out.append((key, reading, alts))
        plan._alternatives = out
    return plan._alternatives


def open_questions(
    ev: Searched[OutcomeT],
    case: Case,
    rd: Mapping[str, str],
    plan: ReadingPlan,
    law: DayPlan,
    values: Sequence[bool | None],
    outcome: OutcomeT,
) -> list[OpenQuestionResult]:
    out: list[OpenQuestionResult] = []
    verdict = ev.verdict
    in_force = law.in_force
    facts, day = case.facts, case.decision_date
    # Readings: would another reading of the law give another outcome?
    for key, reading, alts in _alternatives(ev, rd, plan):
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
                continue  # no term changes under this reading, so neither does the outcome
            other = verdict.outcome(trial, in_force)
            if other != outcome:
                alternatives.append({"reading": alt, "outcome": str(other)})
        if alternatives:
            owner, lq = ev.reading_owners[key]
            out.append(
                OpenQuestionResult(
                    id=key,
                    kind="reading",
                    provision=owner.id,
                    question=reading.question,
                    current=rd[key],
                    alternatives=alternatives,
                    sources=[s.url for s in reading.sources if s.url],
                    law_question=lq.id if lq else None,
                )
            )
    # Uncertain entry into force: a decision date between a version's earliest possible date and the date used.
    for i, v in law.pending:
        p = ev.provisions[i]
        trial = list(values)
        force = list(in_force)
        trial[i], force[i] = ev.version_rule(i, v, plan)(facts, None), True
        other = verdict.outcome(trial, force)
        if other != outcome:
            qid, question, lq = uncertain_entry(p, v, day, verdict.version_named(p, v))
            out.append(
                OpenQuestionResult(
                    id=qid,
                    kind="entry_into_force",
                    provision=p.id,
                    question=question,
                    current=f"not in force until {v.valid_from}",
                    alternatives=[{**verdict.if_in_force(v, day), "outcome": str(other)}],
                    sources=[s.url for s in v.sources if s.url],
                    law_question=lq.id if lq else None,
                )
            )
    return out
