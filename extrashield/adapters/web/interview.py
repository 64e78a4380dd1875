"""Which question to ask next in the guided interview, computed with the core (never a fixed list of the
law's conditions), and why it is asked.

The interview follows the file, as a lawyer reads one:

1. **The file** (`FILE`): who the person is (citizenships; contracts, with combat) and the request
   (requesting state, purpose, legal basis, treaty), asked first whenever unknown. They decide the
   grounds that settle most cases (Art. 61 of the Constitution, points 1 and 7 of Art. 464 CPC), and the
   request is what a treaty collision turns on, so they are asked even once the outcome is settled.
2. **What still matters, most decisive first.** Each unknown fact that an open term reads is tried with
   the values the core tries for `depends_on` (`engine.candidates`; values that contradict the case are
   no possible answer, as in the core). Its *reach* is what those values can still change: the outcomes
   they lead to, the open grounds they decide, and the share of them after which the outcome is settled.
   Asked first: the fact that can lead to the most other outcomes, then the likeliest to settle it, then
   the one deciding the most grounds; ties keep the core's order. The interview stops when nothing
   unknown can change the outcome, or, when *every ground* is checked (a defence lawyer pleads them
   all), when no unknown fact can decide a ground still open.

An eligibility interview does the same over both eligibility questions (contract, simplified citizenship):
a fact's reach is the sum of its reach in each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from extrashield.engine.candidates import substitute
from extrashield.engine.evaluator import Assessment
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import Case, check_consistency, question_for, unknown_paths, validate_case
from extrashield.i18n import N_

# Facts a person's file names that no rule asks about: shown first in the review, and asked in these words
# when the review's "change" opens one (the case format gives them no question of a rule).
ABOUT_THE_CASE = {
    "id": N_("Case reference"),
    "person.names": N_("Client's name (any script; several separated by ;)"),
    "decision_date": N_("Decision date (the law in force that day applies)"),
}

# The file, in the order a lawyer opens it; what the engine reads of each is shown with the question.
FILE: Mapping[str, tuple[str, ...]] = {
    "decision": (
        "person.citizenships",
        "person.military_service",
        "request.requesting_state",
        "request.purpose",
        "request.legal_basis",
        "request.treaty",
    ),
    "eligibility": ("person.birth_date", "person.citizenships", "person.military_service"),
}
# Why a fact of the file no ground reads is asked all the same (with a page that says more).
NOT_A_GROUND = {
    "request.requesting_state": (
        N_(
            "The treaties that bind Russia towards the requesting state: one may collide with a ground of "
            "refusal of the Code and, if it prevails (Art. 1(3) CPC), change the outcome."
        ),
        "/states",
    ),
    "request.treaty": (
        N_(
            "A treaty the request rests on can collide with a ground of refusal of the Code and, if it "
            "prevails (Art. 1(3) CPC), change the outcome."
        ),
        "/treaties",
    ),
}


@dataclass(frozen=True)
class Subject:
    """One question the interview works towards: the extradition decision, or one eligibility question."""

    name: str  # "extradition" | "contract" | "citizenship"
    assessment: Assessment[Any]


@dataclass(frozen=True)
class Decided:
    """A term whose value an answer can decide (a ground, a criterion, or an eligibility scope)."""

    subject: str
    provision: str | None  # None for a verdict's own condition (an eligibility question's scope)
    citation: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "provision": self.provision,
            "citation": self.citation,
            "title": self.title,
        }


@dataclass(frozen=True)
class Question:
    fact: str
    question: str
    stage: str  # "file" | "outcome" (can change an outcome) | "ground" (decides an open ground only)
    outcomes: tuple[str, ...]  # the other outcomes its possible answers lead to ("subject: outcome")
    decides: tuple[Decided, ...]  # the open terms its answer can decide
    read_by: tuple[Decided, ...]  # every term in force that reads it (the why of a question of the file)
    settles: float  # share of its possible answers after which the outcome is settled
    why: str | None = None  # for a fact of the file no ground reads: why it is asked
    why_link: str | None = None

    @property
    def source(self) -> str:
        """The core's list the fact would be in (`depends_on` when it can change an outcome)."""
        return "depends_on" if self.outcomes else "also_unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "question": self.question,
            "stage": self.stage,
            "source": self.source,
            "outcomes": list(self.outcomes),
            "decides": [d.to_dict() for d in self.decides],
            "read_by": [d.to_dict() for d in self.read_by],
            "settles": round(self.settles, 3),
            "why": self.why,
            "why_link": self.why_link,
        }


def subjects(raw: Mapping[str, Any], readings: Mapping[str, str], topic: str) -> list[Subject]:
    """The assessments of the case for the interview's topic."""
    if topic == "eligibility":
        # the same cached evaluators as `recruitment.contract_eligibility` and `citizenship_eligibility`
        from extrashield.services.recruitment import _evaluator

        case = validate_case(raw)
        return [
            Subject(q, _evaluator(q).evaluator.assess(case, readings)) for q in ("contract", "citizenship")
        ]
    from extrashield import assess

    return [Subject("extradition", assess(raw, readings=readings))]


def _term(s: Subject, i: int) -> Decided:
    provisions = s.assessment.evaluator.provisions
    if i < len(provisions):
        p = provisions[i]
        return Decided(s.name, p.id, p.citation, p.title.en)  # the page shows it in its language
    return Decided(s.name, None, f"{s.name} question", N_("who the question concerns (its scope)"))


def _in_force(a: Assessment[Any], i: int) -> bool:
    in_force = a.law.in_force
    return i >= len(in_force) or bool(in_force[i])


def _consistent(facts: Mapping[str, Any]) -> bool:
    try:
        check_consistency(facts)
    except CaseError:
        return False
    return True


@dataclass
class _Reach:
    outcomes: set[str]
    decides: list[Decided]
    settled: float


def _reach(s: Subject, fact: str) -> _Reach | None:
    """What the possible answers to `fact` can change in one subject; None when no open term reads it."""
    a = s.assessment
    ev: Any = a.evaluator  # an Evaluator: its candidates, derivations and verdict
    plan, case = a.plan, a.case
    abstract = paths.abstract(fact) if "[" in fact else fact
    opened = [i for i in range(len(a.values)) if _in_force(a, i) and a.values[i] is None]
    touched = [i for i in opened if abstract in plan.refs[i]]
    if not touched:
        return None
    if fact in ev.derived and ev.derivation(fact, plan)(case.facts, None) is not None:
        return None  # null here means "derived", and the derivation is known (as in the core)
    read = frozenset().union(*(plan.refs[i] for i in opened))
    in_force = [_in_force(a, i) for i in range(len(a.values))]
    undetermined = ev.verdict.undetermined
    outcomes: set[str] = set()
    decided: set[int] = set()
    possible = settled = 0
    for value in ev.candidates.values(fact, case, read):
        facts = substitute(case.facts, fact, value)
        if not _consistent(facts):
            continue  # a value that contradicts the known facts is no possible answer
        possible += 1
        trial = list(a.values)
        for i in touched:
            trial[i] = plan.untraced[i](facts, None)
            if trial[i] is not None:
                decided.add(i)
        outcome = ev.verdict.outcome(trial, in_force)
        outcomes.add(str(outcome))
        settled += outcome != undetermined
    outcomes.discard(str(a.outcome))
    return _Reach(outcomes, [_term(s, i) for i in sorted(decided)], settled / possible if possible else 0.0)


def _read_by(ss: Sequence[Subject], fact: str) -> tuple[Decided, ...]:
    abstract = paths.abstract(fact) if "[" in fact else fact
    out = []
    for s in ss:
        a = s.assessment
        refs = a.plan.refs
        for i in range(len(a.values)):
            if _in_force(a, i) and (
                abstract in refs[i] or any(r.startswith(abstract + "[") for r in refs[i])
            ):
                out.append(_term(s, i))
    return tuple(out)


def question_about(ss: Sequence[Subject], fact: str, stage: str = "") -> Question:
    """The question about `fact` with what its answer can change (any fact: also one asked again)."""
    outcomes: list[str] = []
    decides: list[Decided] = []
    shares: list[float] = []
    for s in ss:
        r = _reach(s, fact)
        if r is None:
            shares.append(0.0)
            continue
        label = "" if len(ss) == 1 else f"{s.name}: "
        outcomes += [label + o for o in sorted(r.outcomes)]
        decides += r.decides
        shares.append(r.settled)
    why, link = NOT_A_GROUND.get(fact, (None, None))
    return Question(
        fact=fact,
        question=ABOUT_THE_CASE.get(fact) or question_for(fact),
        stage=stage or ("outcome" if outcomes else "ground"),
        outcomes=tuple(outcomes),
        decides=tuple(decides),
        read_by=_read_by(ss, fact),
        settles=sum(shares) / len(shares) if shares else 0.0,
        why=why,
        why_link=link,
    )


def _unknown(case: Case, fact: str) -> bool:
    if fact == "request.treaty" and case.facts.get("request.legal_basis") != "treaty":
        return False  # a treaty is asked for only when the request rests on one
    return case.facts.get(fact) is None


def next_question(
    ss: Sequence[Subject],
    topic: str = "decision",
    skipped: frozenset[str] = frozenset(),
    every_ground: bool = False,
) -> Question | None:
    """The question to ask now, or None when the interview is over."""
    case = ss[0].assessment.case
    for fact in FILE[topic]:
        if fact not in skipped and _unknown(case, fact):
            return question_about(ss, fact, "file")
    undetermined = [s for s in ss if s.assessment.outcome == s.assessment.evaluator.verdict.undetermined]
    if not undetermined and not every_ground:
        return None
    asked = [question_about(ss, f) for f in dict.fromkeys(unknown_paths(case)) if f not in skipped]
    order = {q.fact: n for n, q in enumerate(asked)}
    if every_ground:
        useful = [q for q in asked if q.decides or q.outcomes]
        key: Any = lambda q: (-len(q.decides), -len(q.outcomes), -q.settles, order[q.fact])  # noqa: E731
    else:
        useful = [q for q in asked if q.outcomes] or [q for q in asked if q.decides]
        key = lambda q: (-len(q.outcomes), -q.settles, -len(q.decides), order[q.fact])  # noqa: E731
    return min(useful, key=key) if useful else None
