"""Shields against removal: the extradition evaluator over rules that close a route.

The extradition outcome goes by the grounds' effects (`bars`, `allows_refusal`). A removal shield (no
expulsion, no deportation…) is a provision with effect `none` in the law data: it is no ground of refusal
of *extradition*, so the extradition outcome would ignore it. A route's evaluator is the same `Evaluator`
(versions in force on the decision date, explanations, `depends_on`, readings and uncertain entry into
force) with another way of combining the shields (`engine.verdict.RouteVerdict`): a route is

- `closed` when some shield in force applies (Kleene OR),
- `unknown` when none applies but one in force is unknown,
- `open` otherwise: no shield in force was found (the usual procedure applies).

A shield that rests on a bill (a version with `bill:` in the law data, and an open question whose id
ends in `.adoption`) binds no one as a bill. Before the earliest day the law it would become could apply
(`extrashield.sources.enactment`, from the stage the bill reached) it is not in force; from that day it
applies only if the bill was adopted, which the law data does not record: its test is joined (Kleene AND)
by the condition "the bill has become law and applies on the decision date", unknown. So a bill never
closes a route: at most it leaves it unknown, and where the route's status turns on it, the bill's
`.adoption` question is the route's open question. When the law data records the adoption (the bill
version replaced by the law's), the condition goes with it.

A route closed only by shields whose wording is known from a paraphrase (`text_confidence: I`: press
reports of the decree of 30.12.2024) is closed on that paraphrase: never `law_confirmed`, and
`rests_on_paraphrase`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Final

from extrashield.engine.evaluator import Assessment, Evaluator, GroundResult, OpenQuestionResult
from extrashield.engine.expr import UNKNOWN as UNKNOWN_VALUE
from extrashield.engine.expr import And, Cond
from extrashield.engine.grounds import BARRED, PERMITTED, UNDETERMINED, Ground, Outcome
from extrashield.engine.verdict import RouteVerdict
from extrashield.facts.case import Case
from extrashield.i18n import N_, answers
from extrashield.sources.enactment import EarliestDay, earliest_day
from extrashield.sources.lawbook import (
    ADOPTION_QUESTION,
    FrozenDict,
    Lawbook,
    LawQuestion,
    Provision,
    Version,
)

CLOSED, OPEN, UNKNOWN = "closed", "open", "unknown"
ROUTE_STATUS = {BARRED: CLOSED, UNDETERMINED: UNKNOWN, PERMITTED: OPEN}
ADOPTION_NOT_CONFIRMED = "adoption_not_confirmed"
NOT_IN_FORCE = "not_in_force"
# An adoption question, made in English (the API's answers stay English) and said in the command line's
# language by i18n/answers.py from the same template: the law data's question, the bill's note, the day.
ADOPTION = N_(
    "{question} The law data records {note}. If adopted, the law could apply from {day} at the earliest "
    "({certainty})."
)
# A wording known only from a paraphrase or reconstruction (docs/law-data.md, "Marks and their sources").
PARAPHRASE: Final = "I"

BILL_ADOPTED = Cond(
    "bill_adopted",
    N_(
        "the bill has become law and applies on the decision date (the law data does not record its adoption)"
    ),
    UNKNOWN_VALUE,
)


# An adoption question's alternatives, made in English and said in a page's language where shown (reformatted)
IF_ADOPTED = N_("the bill was adopted and applies on {day}")
IF_NOT_ADOPTED = N_("the bill was not adopted, or does not apply yet on {day}")


def adoption_condition_words(text: str, day: Callable[[str], str]) -> str | None:
    """An adoption question's alternative (IF_ADOPTED, IF_NOT_ADOPTED) in the current language, its day
    written by `day`; None for any other text."""
    from extrashield.i18n import _, template_values

    for template in (IF_ADOPTED, IF_NOT_ADOPTED):
        values = template_values(text, template)
        if values is not None:
            return _(template).format(day=day(values["day"]))
    return None


def bills_from_earliest_day(book: Lawbook, provisions: Sequence[str]) -> Lawbook:
    """`book` with each bill version of `provisions` starting on the earliest day an adopted law could apply
    instead of its stage's date: how removal reads a bill (never the law views, which show the stage)."""
    changed = {}
    for pid in provisions:
        p = book.provisions[pid]
        if any(v.bill is not None for v in p.versions):
            changed[pid] = replace(
                p,
                versions=tuple(
                    v if v.bill is None else replace(v, valid_from=earliest_day(v.bill).day)
                    for v in p.versions
                ),
            )
    return replace(book, provisions=FrozenDict({**book.provisions, **changed})) if changed else book


def with_adoption(g: Ground, p: Provision) -> Ground:
    """The shield `g` as removal reads it: under a version of `p` that is only a bill, its test and the bill's
    adoption (unknown); under a law version, its test alone."""
    if not any(v.bill is not None for v in p.versions):
        return g
    tests = [
        And(g.test_for(p, v), BILL_ADOPTED) if v.bill is not None else g.test_for(p, v) for v in p.versions
    ]
    return replace(g, test=tests[0], from_version=tuple((v.id, t) for v, t in zip(p.versions[1:], tests[1:])))


def shield_evaluator(lawbook: Lawbook, shields: Sequence[Ground]) -> Evaluator[Outcome]:
    """The evaluator of one route: any shield in force that applies closes it. It reads bills from their
    earliest day (its `lawbook` is that reading; `lawbook` here is the law data as it is) and asks a bill's
    adoption where the route turns on it."""
    view = bills_from_earliest_day(lawbook, [g.provision for g in shields])
    return Evaluator(
        view,
        [with_adoption(g, view.provisions[g.provision]) for g in shields],
        verdict=RouteVerdict(),
        open_question_providers=(partial(adoption_questions, lawbook, tuple(shields)),),
    )


def adoption_questions(
    law_data: Lawbook, shields: Sequence[Ground], a: Assessment
) -> list[OpenQuestionResult]:
    """A bill's `.adoption` question wherever the route's status turns on it: were the bill adopted, the
    shield would apply as its test says; were it not (or not yet in force), the shield would not apply.
    `shields` are the route's as the rules give them, without the adoption condition; `law_data` the law
    data as it is (an open-question provider of `shield_evaluator`)."""
    out = []
    day = a.decision_date
    for i, v in enumerate(a.versions):
        if v is None or v.bill is None or a.values[i] is not None:
            continue
        p = a.evaluator.provisions[i]
        test = shields[i].test_for(law_data[p.id], _law_version(law_data[p.id], v))
        if_adopted = test.fn(a.readings)(a.case.facts, None, None)
        alternatives = []
        for words, value in (
            (IF_ADOPTED.format(day=day), if_adopted),
            (IF_NOT_ADOPTED.format(day=day), False),
        ):
            trial = list(a.values)
            trial[i] = value
            other = a.evaluator.verdict.outcome(trial, a.law.in_force)
            if other != a.outcome:
                alternatives.append({"if": words, "outcome": other.value})
        if not alternatives:
            continue
        lq = adoption_question(p)
        when = earliest_day(v.bill)
        start = next((q for q in p.open_questions if q.id.endswith(".start_if_adopted")), None)
        out.append(
            OpenQuestionResult(
                id=lq.id,
                kind="adoption",
                provision=p.id,
                question=ADOPTION.format(
                    question=lq.question, note=v.bill.note, day=when.day, certainty=when.certainty
                ),
                current=f"adoption not recorded: unknown whether {p.citation} applies on {day}",
                alternatives=alternatives,
                sources=list(
                    dict.fromkeys(s.url for q in (lq, start) if q is not None for s in q.sources if s.url)
                ),
                law_question=lq.id,
            )
        )
    return out


def adoption_question(p: Provision) -> LawQuestion:
    """The provision's open question on whether its bill was adopted (required with a bill version)."""
    return next(q for q in p.open_questions if q.id.endswith(ADOPTION_QUESTION))


def _law_version(p: Provision, v: Version) -> Version:
    """The version of the law data with the id of `v` (a version of the evaluator's own reading of it)."""
    return next(x for x in p.versions if x.id == v.id)


@dataclass
class ShieldResult:
    result: GroundResult
    law_status: str
    law_why: str
    because: list[str]
    conditions: list[dict[str, Any]]  # the same explanation as data, as an extradition ground's
    summary: str
    version: Version | None  # the version as the law data has it (a bill: dated by its stage)
    earliest: EarliestDay | None  # for a bill: the earliest day an adopted law could apply

    @property
    def paraphrase(self) -> bool:
        """Whether the wording this shield applies is known only from a paraphrase (`I`)."""
        return self.version is not None and self.version.text_confidence == PARAPHRASE

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        bill = None
        if self.earliest is not None:
            pending = next(v for v in r.provision.versions if v.bill is not None)
            assert pending.bill is not None
            bill = {**pending.bill.to_dict(), "earliest_if_adopted": self.earliest.to_dict()}
        return {
            "provision": r.provision.id,
            "status": r.status,
            "citation": r.provision.citation,
            "title": r.provision.title.en,
            "summary": self.summary,
            "version": self.version.summary() if self.version is not None else None,
            "paraphrase": self.paraphrase,
            "law_status": self.law_status,
            "law_why": self.law_why,
            "bill": bill,
            "because": self.because,
            "conditions": self.conditions,
            "law_questions": [{"id": q.id, "question": q.question} for q in r.provision.open_questions],
        }


@dataclass
class RouteResult:
    id: str
    title: str
    status: str  # closed | open | unknown (for extradition also may_be_refused)
    if_closed: str
    shields: list[ShieldResult] = field(default_factory=list)
    assessment: Assessment | None = None

    @property
    def closed_by(self) -> list[ShieldResult]:
        return [s for s in self.shields if s.result.value is True and s.result.version is not None]

    @property
    def law_confirmed(self) -> bool | None:
        """For a closed route: whether some shield that closes it rests on law known to exist, in a wording
        read (not a paraphrase). A bill never closes a route."""
        if self.status != CLOSED:
            return None
        return any(s.law_status != ADOPTION_NOT_CONFIRMED and not s.paraphrase for s in self.closed_by)

    @property
    def rests_on_paraphrase(self) -> bool | None:
        """For a closed route: whether every shield that closes it is known only from a paraphrase."""
        if self.status != CLOSED:
            return None
        return all(s.paraphrase for s in self.closed_by)

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "route": self.id,
            "title": self.title,
            "status": self.status,
            "closed_by": [s.result.provision.id for s in self.closed_by],
            "law_confirmed": self.law_confirmed,
            "rests_on_paraphrase": self.rests_on_paraphrase,
            "if_closed": self.if_closed,
            "shields": [s.to_dict() for s in self.shields],
            "depends_on": [{"fact": f, "question": q} for f, q in a.depends_on] if a else [],
            "open_questions": [
                {
                    "id": q.id,
                    "kind": q.kind,
                    "provision": q.provision,
                    "question": q.question,
                    "current": q.current,
                    # each alternative also as the route's status (closed, open, unknown)
                    "alternatives": [
                        {**alt, "status": ROUTE_STATUS[Outcome(alt["outcome"])]} for alt in q.alternatives
                    ],
                    "sources": q.sources,
                }
                for q in a.open_questions
            ]
            if a
            else [],
        }


def assess_route(
    evaluator: Evaluator[Outcome],
    law_data: Lawbook,
    route_id: str,
    title: str,
    if_closed: str,
    case: Case,
    readings: Mapping[str, str] | None,
    summaries: Mapping[str, str],
) -> RouteResult:
    """The route on the case, by its evaluator (`shield_evaluator`) built over `law_data`."""
    a = evaluator.assess(case, readings)
    shields = []
    # the explanations come from the answer of docs/contract.md §5, built exactly as for extradition grounds
    for r, g in zip(a.grounds, a.to_dict()["grounds"]):
        law = law_data[r.provision.id]
        version = None if r.version is None else _law_version(law, r.version)
        pending = next((v for v in law.versions if v.bill is not None), None)
        earliest = None if pending is None or pending.bill is None else earliest_day(pending.bill)
        status, why = _law_status(r, law, version, earliest, case.decision_date)
        shields.append(
            ShieldResult(
                r,
                status,
                why,
                g["because"],
                g["conditions"],
                summaries.get(r.provision.id, ""),
                version,
                earliest,
            )
        )
    return RouteResult(route_id, title, ROUTE_STATUS[a.outcome], if_closed, shields, a)


def _law_status(
    result: GroundResult,
    law: Provision,
    version: Version | None,
    earliest: EarliestDay | None,
    day: dt.date,
) -> tuple[str, str]:
    """How sure we are that the law behind a shield exists on the decision date: (status, why), `why` in
    English (the answer's data; `law_why_words` says it in the current language)."""
    if version is None:
        bill = next((v.bill for v in law.versions if v.bill is not None), None)
        if bill is not None and earliest is not None and day < earliest.day:
            return NOT_IN_FORCE, NOT_YET.format(
                note=bill.note, day=earliest.day, certainty=earliest.certainty, why=earliest.why
            )
        first = next((x for x in law.versions if x.valid_from and x.valid_from > day), None)
        if first is None:
            return NOT_IN_FORCE, NO_VERSION.format(day=day)
        return NOT_IN_FORCE, NO_VERSION_YET.format(
            day=day, start=first.valid_from, certainty=first.valid_from_certainty
        )
    if version.bill is not None:
        lq = adoption_question(law)
        at = (
            IF_ADOPTED_FROM.format(day=earliest.day, certainty=earliest.certainty, why=earliest.why)
            if earliest
            else ""
        )
        return ADOPTION_NOT_CONFIRMED, f"{lq.question} {lq.why}{at}"
    return str(version.valid_from_certainty or "in_force"), str(version.valid_from_why or IN_FORCE)


# Why the law behind a shield is, or may not be, there on the decision date (`law_why`): made in English from
# these templates, said in the current language from the same ones by law_why_words.
NOT_YET = N_("{note}. Even if adopted, the law could not apply before {day} ({certainty}: {why})")
NO_VERSION = N_("no version in force on {day}")
NO_VERSION_YET = N_("no version in force on {day}; the data has it from {start} ({certainty})")
IF_ADOPTED_FROM = N_(" If adopted, the law could apply from {day} at the earliest ({certainty}: {why}).")
IN_FORCE = N_("in force on the decision date")


def _values(text: str, template: str) -> dict[str, str] | None:
    """The values `template` made `text` with, its days and certainty read as such (the other parts are free
    text that may hold brackets and colons of their own)."""
    pattern = re.escape(template)
    for name, part in (("day", r"\d{4}-\d{2}-\d{2}"), ("start", r"\d{4}-\d{2}-\d{2}"), ("certainty", r"\w+")):
        pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>{part})")
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*?)", pattern)
    m = re.fullmatch(pattern, text, re.DOTALL)
    return None if m is None else m.groupdict()


def law_why_words(text: str, book: Lawbook | None = None) -> str:
    """A shield's `law_why` in the current language: each part from its template, the law data's texts
    through the catalogue, a bill's way to the law said again from the bill it is about."""
    from extrashield.i18n import _, data_text, language
    from extrashield.i18n.conventions import date_certainty, text_day
    from extrashield.sources.lawbook import default_lawbook
    from extrashield.sources.lawquery import note_words

    if language() == "en":
        return text

    def certainty(code: str) -> str:
        return date_certainty(code)

    bills = [
        (p, v.bill) for p in (book or default_lawbook()).provisions.values() for v in p.versions if v.bill
    ]
    if (values := _values(text, NOT_YET)) is not None:
        bill = next((b for _p, b in bills if b.note == values["note"]), None)
        return _(NOT_YET).format(
            note=note_words(values["note"]),
            day=text_day(values["day"]),
            certainty=certainty(values["certainty"]),
            why=earliest_day(bill).words() if bill else values["why"],
        )
    for template in (NO_VERSION_YET, NO_VERSION):
        if (values := _values(text, template)) is not None:
            parts = {k: certainty(v) if k == "certainty" else text_day(v) for k, v in values.items()}
            return _(template).format(**parts)
    for law, bill in bills:
        lq = adoption_question(law)
        if text.startswith(head := f"{lq.question} {lq.why}"):
            at = _values(text[len(head) :], IF_ADOPTED_FROM)
            said = f"{data_text(lq.question)} {data_text(lq.why)}"
            if at is None:
                return said
            return said + _(IF_ADOPTED_FROM).format(
                day=text_day(at["day"]), certainty=certainty(at["certainty"]), why=earliest_day(bill).words()
            )
    return _(IN_FORCE) if text == IN_FORCE else data_text(text)


def _adoption_words(q: dict[str, Any], text: str) -> str | None:
    """An adoption question (ADOPTION) in the current language: the provision's question through the
    catalogue, the bill's note part by part, its earliest day and how sure it is."""
    from extrashield.i18n import _, template_values
    from extrashield.i18n.conventions import date_certainty, text_day
    from extrashield.sources.lawquery import note_words

    values = template_values(text, ADOPTION)
    if values is None:
        return None
    return _(ADOPTION).format(
        question=_(values["question"]),
        note=note_words(values["note"]),
        day=text_day(values["day"]),
        certainty=date_certainty(values["certainty"]),
    )


answers.COMPOSED["adoption"] = _adoption_words
answers.FIELDS["law_why"] = law_why_words
