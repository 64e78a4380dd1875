"""A person's timeline: on which days of a range was extradition barred, and by which grounds.

The answer can change only on days where some rule's comparison with the decision date flips, or where
a provision starts or stops applying. Both are found exactly, not sampled:

- **fact events**: every `Cmp` in the rules that compares the decision date with something else (a
  contract date, a citizenship bound, the day of the crime plus a limitation period…) is evaluated on
  the case's facts, for each item of the list it ranges over; its value gives the first day on which
  the comparison can change (the value itself, or the day after, depending on the operator);
- **law events**: the `valid_from` / `valid_until` of every version of every ground's provision; where
  a version changes the ground's test (engine/dated.py), its event says so.

Between two consecutive events nothing the rules look at changes, so one evaluation per segment (at its
first day) is the answer for every day of the segment. Segments are then merged while the outcome and
the applying grounds stay the same (docs/contract.md §6). Each interval also carries the events on its first
day, the grounds that are unknown on some day of it, and the facts and legal questions it turns on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extrashield.engine.evaluator import Assessment, Evaluator
from extrashield.engine.expr import DECISION_DATE, Any_, Cmp, Cond, Expr, Field, Item, Readings
from extrashield.engine.grounds import Outcome
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import Case, held_while_stateless
from extrashield.i18n import DEFAULT, N_, _, data_text, language, reformatted, template_values
from extrashield.i18n.conventions import date_certainty, text_day

ONE_DAY = dt.timedelta(days=1)
# D op v, with D the decision date: the first day on which the comparison may change.
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "=="}


@dataclass(frozen=True)
class Event:
    """Something that happens on `day`: a fact's date is reached, or a provision starts or stops."""

    day: dt.date
    kind: str  # fact | law | law_uncertain
    what: str
    ref: str  # the fact path(s) or the provision id

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "kind": self.kind, "what": self.what, "ref": self.ref}


@dataclass
class Interval:
    """Days `start` (included) to `until` (excluded) with one outcome and one set of applying grounds."""

    start: dt.date
    until: dt.date
    outcome: Outcome
    applies: tuple[str, ...]
    events: list[Event] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "until": self.until.isoformat(),
            "outcome": self.outcome.value,
            "applies": list(self.applies),
            "events": [e.to_dict() for e in self.events],
            "unknown": list(self.unknown),
            "depends_on": list(self.depends_on),
            "open_questions": list(self.open_questions),
        }


@dataclass
class Timeline:
    case_id: str | None
    start: dt.date
    until: dt.date
    readings: dict[str, str]
    intervals: list[Interval]
    events: list[Event]  # every event that changes some ground's status, and every law event in range
    law_digest: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.case_id,
            "from": self.start.isoformat(),
            "until": self.until.isoformat(),
            "law_digest": self.law_digest,
            "interpretations": dict(self.readings),
            "intervals": [i.to_dict() for i in self.intervals],
            "events": [e.to_dict() for e in self.events],
        }


def _flip_days(op: str, date_on_left: bool, value: dt.date) -> list[dt.date]:
    """The days on which `decision_date op value` (or `value op decision_date`) may change its value."""
    op = op if date_on_left else _MIRROR[op]
    if op in (">=", "<"):
        return [value]
    if op in (">", "<="):
        return [value + ONE_DAY]
    return [value, value + ONE_DAY]  # ==


def _concrete(refs: frozenset[str], list_path: str | None, index: int | None) -> str:
    out = []
    for r in sorted(refs):
        if r.startswith("[*].") and list_path is not None:
            out.append(f"{list_path}[{index}].{r[4:]}")
        elif "[*]" not in r and r != "decision_date":
            out.append(r)
    return ", ".join(out)


# The events' texts: made in English (they are the timeline's data, as the API gives them) and translated
# where a report shows them (`event_words`).
_PLAIN = {
    "contract_from": N_("contract {n} begins"),
    "contract_until": N_("contract {n} ends (its first day no longer served)"),
    "from": N_("citizenship of {country} acquired"),
    "until": N_("citizenship of {country} ends"),
    "granted_on": N_("asylum in Russia granted"),
    "ended_on": N_("asylum in Russia ends"),
}
REACHED = N_("{ref} reached")
COMPUTED = N_("{label} ({shown}; boundary date {day})")
COMPARED = N_("a date the rules compare with")
ENTERS = N_("{citation} enters into force ({certainty} date; {act})")
CHANGES = N_("; version {id} changes the ground's test")
EARLIEST = N_("{citation} could be in force from this day at the earliest (the data uses {day})")
STOPS = N_("{citation}: this version stops applying ({certainty} date)")


def _plain_event(ref: str, item: Mapping[str, Any] | None) -> str:
    key = ref.rsplit(".", 1)[-1]
    place = paths.item(ref)
    n = place[1] if place else ""
    template = _PLAIN.get(key)
    country = (item or {}).get("country") or "?"
    return (template.format(n=n, country=country) if template else REACHED.format(ref=ref)) + f" ({ref})"


def _show(facts: Mapping[str, Any], ref: str) -> str:
    place = paths.item(ref)
    if place:
        list_path, index, key = place
        value = facts[list_path][index][key]
    else:
        value = facts.get(ref)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def fact_events(tests: Sequence[Expr], facts: Mapping[str, Any], readings: Readings) -> list[Event]:
    """Every day on which a comparison of the rules with the decision date may change, for these facts."""
    found: dict[tuple[dt.date, str, str], Event] = {}

    def visit(e: Expr, list_path: str | None, label: str | None) -> None:
        if isinstance(e, Cond):
            label = e.text
        if isinstance(e, Any_):
            list_path = e.path
        if isinstance(e, Cmp) and (e.a == DECISION_DATE) != (e.b == DECISION_DATE):
            other = e.b if e.a == DECISION_DATE else e.a
            if "decision_date" not in other.refs():
                _record(e, other, list_path, label)
        for c in e.children():
            visit(c, list_path, label)

    def _record(e: Cmp, other: Expr, list_path: str | None, label: str | None) -> None:
        try:
            g = other.fn(readings)
        except KeyError:  # a Choose branch for a reading not given: nothing to evaluate
            return
        items: list[tuple[int | None, Any]] = [(None, None)]
        if list_path is not None:
            items = [(i, (i, item, list_path)) for i, item in enumerate(facts.get(list_path) or ())]
        for index, it in items:
            value = g(facts, it, None)
            if not isinstance(value, dt.date):
                continue
            ref = _concrete(other.refs(), list_path, index)
            if isinstance(other, Field | Item):  # a date of the case itself: say what happens on it
                what = _plain_event(ref, it[1] if it else None)
            else:  # a computed date (e.g. a limitation period's end): the rule's own words
                shown = "; ".join(f"{r} = {_show(facts, r)}" for r in ref.split(", ") if r)
                what = COMPUTED.format(label=label or COMPARED, shown=shown, day=value.isoformat())
            for day in _flip_days(e.op, e.a == DECISION_DATE, value):
                found.setdefault((day, ref, what), Event(day, "fact", what, ref))

    for t in tests:
        visit(t, None, None)
    return sorted(found.values(), key=lambda ev: (ev.day, ev.ref))


def law_events(evaluator: Evaluator) -> list[Event]:
    """Entry into force and end of every version of every ground's provision, and uncertain earliest dates.
    A version that brings the ground another test than the version before it says so."""
    out = []
    for g, p in zip(evaluator.grounds, evaluator.provisions):
        previous: int | None = None  # which test the version before applied
        for v in p.versions:
            test = g.variant(p, v)
            changes = CHANGES.format(id=v.id) if previous is not None and test != previous else ""
            previous = test
            if v.valid_from is not None:
                out.append(
                    Event(
                        v.valid_from,
                        "law",
                        ENTERS.format(citation=p.citation, certainty=v.valid_from_certainty, act=v.act)
                        + changes,
                        p.id,
                    )
                )
                if v.earliest_possible_from is not None and v.earliest_possible_from < v.valid_from:
                    out.append(
                        Event(
                            v.earliest_possible_from,
                            "law_uncertain",
                            EARLIEST.format(citation=p.citation, day=v.valid_from),
                            p.id,
                        )
                    )
            if v.valid_until is not None:
                out.append(
                    Event(
                        v.valid_until,
                        "law",
                        STOPS.format(citation=p.citation, certainty=v.valid_until_certainty),
                        p.id,
                    )
                )
    return sorted(out, key=lambda ev: (ev.day, ev.ref))


def _statuses(a: Assessment) -> tuple[str, ...]:
    return tuple(g.status for g in a.grounds)


def build_timeline(
    evaluator: Evaluator,
    case: Case,
    start: dt.date,
    until: dt.date,
    readings: Mapping[str, str] | None = None,
) -> Timeline:
    """The intervals of [start, until) with their outcome and applying grounds (docs/contract.md §6)."""
    if until <= start:
        raise CaseError(
            "--to", f"{until} must be after --from {start} (the range is [from, to), to excluded)"
        )
    if start < evaluator.lawbook.horizon:
        raise CaseError(
            "--from", f"{start} is before {evaluator.lawbook.horizon}, the earliest date the law data covers"
        )
    rd = evaluator.resolve_readings(readings)
    facts = case.facts
    _refuse_contradictory_days(facts, start, until)
    # the comparisons of every test of every version: a test brought by a later version compares too
    events = fact_events([t for g in evaluator.grounds for t in g.tests], facts, rd) + law_events(evaluator)
    days = sorted({start} | {ev.day for ev in events if start < ev.day < until})

    segments: list[tuple[dt.date, Assessment]] = []
    for day in days:
        segments.append((day, evaluator.assess(case.with_decision_date(day), rd)))

    by_day: dict[dt.date, list[Event]] = {}
    for ev in events:
        by_day.setdefault(ev.day, []).append(ev)
    # Keep the events that change something (a ground's status), and every law event in the range.
    shown: list[Event] = []
    prev: Assessment | None = None
    for day, a in segments:
        changed = prev is not None and (_statuses(a) != _statuses(prev) or a.outcome != prev.outcome)
        for ev in by_day.get(day, []):
            if changed or ev.kind != "fact":
                shown.append(ev)
        prev = a
    shown.sort(key=lambda ev: (ev.day, ev.kind, ev.ref))

    intervals: list[Interval] = []
    for n, (day, a) in enumerate(segments):
        end = segments[n + 1][0] if n + 1 < len(segments) else until
        applies = tuple(a.applies)
        if intervals and intervals[-1].outcome == a.outcome and intervals[-1].applies == applies:
            cur = intervals[-1]
            cur.until = end
        else:
            cur = Interval(day, end, a.outcome, applies)
            cur.events = [ev for ev in shown if ev.day == day] if day != start else []
            intervals.append(cur)
        _add_new(cur.unknown, (g.provision.id for g in a.grounds if g.status == "unknown"))
        _add_new(cur.depends_on, (f for f, _ in a.depends_on))
        _add_new(cur.open_questions, (q.id for q in a.open_questions))
    return Timeline(case.id, start, until, rd, intervals, shown, evaluator.lawbook.digest)


def _refuse_contradictory_days(facts: Mapping[str, Any], start: dt.date, until: dt.date) -> None:
    """`assess` refuses a decision date on which a person said to be stateless holds a citizenship
    (`case.check_consistency`); the timeline refuses a range containing such a day in the same words, rather
    than answer for days whose facts contradict each other."""
    held = held_while_stateless(facts, start, until - ONE_DAY)
    if held is not None:
        i, first, last = held
        raise CaseError(
            "person.stateless",
            f"true contradicts person.citizenships[{i}] ({facts['person.citizenships'][i]['country']}), held on "
            f"{first} and up to {last} within the range; choose a range where the person holds no citizenship",
        )


def _add_new(out: list[str], items: Any) -> None:
    for x in items:
        if x not in out:
            out.append(x)


# how sure a date of the law is (docs/law-data.md), in ENTERS and STOPS
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def event_words(
    ev: Event, citations: Mapping[str, str] | None = None, day: Callable[[str], str] | None = None
) -> str:
    """An event's text in the current language, a provision cited as `citations` cite it (a Russian report:
    by its Russian label), each date in its words written by `day` (a page's and the memo's 12.04.2026;
    ISO as the data has it by default); the English text itself where no template made it."""
    if language() == DEFAULT:
        return ev.what
    if ev.kind != "fact":  # the law's events
        what, changes = ev.what, ""
        head, sep, tail = what.rpartition("; version ")
        if sep and template_values(sep + tail, CHANGES) is not None:
            what, changes = head, reformatted(sep + tail, CHANGES) or ""
        for template in (ENTERS, EARLIEST, STOPS):
            values = template_values(what, template)
            if values is not None:
                values["citation"] = (citations or {}).get(ev.ref, values["citation"])
                if "certainty" in values:
                    values["certainty"] = date_certainty(values["certainty"])
                if "act" in values:  # the law data's act, in the catalogue's words where it has them
                    values["act"] = data_text(values["act"])
                if day is not None:
                    values = {k: _ISO_DAY.sub(lambda m: day(m.group(0)), v) for k, v in values.items()}
                return _(template).format(**values) + changes
        return ev.what
    suffix = f" ({ev.ref})"
    if ev.what.endswith(suffix):  # a date of the case itself
        said = reformatted(ev.what[: -len(suffix)], *_PLAIN.values(), REACHED)
        return ev.what if said is None else said + suffix
    # a computed date, "<the rule's condition> (<facts>; boundary date <day>)": the condition may itself hold
    # " (", so each place the facts could begin is tried until the words before it are a known condition
    from extrashield.i18n.answers import condition

    i = ev.what.find(" (")
    while i != -1:
        label, values = ev.what[:i], template_values(ev.what[i:], _FACTS_AND_DAY)
        said = _(COMPARED) if label == COMPARED else condition(label)
        if values is not None and said != label:
            if day is not None:
                values = {k: _ISO_DAY.sub(lambda m: day(m.group(0)), v) for k, v in values.items()}
            return _(COMPUTED).format(label=said, **values)
        i = ev.what.find(" (", i + 1)
    return ev.what


_FACTS_AND_DAY = " ({shown}; boundary date {day})"  # the end of COMPUTED, to find where its label ends


def timeline_text(t: Timeline, citations: Mapping[str, str] | None = None) -> str:
    """A readable timeline: one block per interval, first and last day shown (both included); its words in
    the current language (extrashield.i18n), the events' texts said in it
    from their templates, days as the language writes them (12.04.2026 in Russian, ISO in English)."""
    cites = citations or {}
    rd = ", ".join(f"{k}={v}" for k, v in t.readings.items())
    last = t.until - ONE_DAY
    lines = [
        (
            _("Timeline for {id}: {first} to {last} (both included)").format(
                id=t.case_id, first=text_day(t.start), last=text_day(last)
            )
            if t.case_id
            else _("Timeline: {first} to {last} (both included)").format(
                first=text_day(t.start), last=text_day(last)
            )
        ),
        _("Readings: ") + rd,
        "",
    ]
    for iv in t.intervals:
        lines.append(f"{text_day(iv.start)} … {text_day(iv.until - ONE_DAY)}   {_(iv.outcome.upper())}")
        for ev in iv.events:
            lines.append(
                "    " + _("from this day: {what}").format(what=event_words(ev, cites, day=text_day))
            )
        for pid in iv.applies:
            lines.append(
                (
                    "    " + _("applies: {provision}").format(provision=pid) + f"  {cites.get(pid, '')}"
                ).rstrip()
            )
        if iv.unknown:
            lines.append("    " + _("unknown on some day: {facts}").format(facts=", ".join(iv.unknown)))
        if iv.depends_on:
            lines.append("    " + _("would change with: {facts}").format(facts=", ".join(iv.depends_on)))
        if iv.open_questions:
            lines.append("    " + _("open questions: {ids}").format(ids=", ".join(iv.open_questions)))
    uncertain = [ev for ev in t.events if ev.kind == "law_uncertain"]
    if uncertain:
        lines += ["", _("Uncertain dates of the law:")]
        lines += [f"  {text_day(ev.day)}: {event_words(ev, cites, day=text_day)}" for ev in uncertain]
    return "\n".join(lines)
