"""Questions about the law as data over time: what was in force on a date, one provision with all its
versions, and what changed between two dates. Pure functions over a `Lawbook`, plus plain-text renderings
for the command line (`extrashield law ...`).

A provision's status on a day is `in_force` (a version applies: its dates are half-open, `valid_from`
included, `valid_until` excluded), `not_yet_in_force` (its first version starts later), `ended` (its
last version ended on or before the day), or `bill_not_adopted` (the version that would apply, or the
next one, is only a bill whose adoption is not confirmed: `bill:` in the law data). A bill is never in
force here: it is neither listed as in force, nor added by `diff`, nor marked as the version in force.
Its date is that of the bill's latest stage; `extrashield removal` reads it only from the earliest day an
adopted law could apply (sources/enactment.py), as unknown until its adoption is recorded (services/shields.py).
That reading is removal's, not the law's.

`law_listing` and `provision_detail` give the one JSON shape that the command line (`--format json`),
the HTTP API (`/v1/law/provisions…`) and the web law browser share.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from extrashield.errors import CaseError
from extrashield.i18n import N_, _, data_text, language, pgettext, template_values
from extrashield.i18n.conventions import date_certainty, text_day
from extrashield.sources.history import stage_name
from extrashield.sources.lawbook import Lawbook, Provision, Version, bill_note_words

IN_FORCE = "in_force"
NOT_YET = "not_yet_in_force"
ENDED = "ended"
BILL = "bill_not_adopted"
STATUSES = (IN_FORCE, NOT_YET, ENDED, BILL)


def status_on(p: Provision, day: dt.date) -> tuple[str, Version | None]:
    """The provision's status on `day` and the version it concerns: the one in force, the next one (not
    yet in force, or a bill), or the last one (ended)."""
    v = p.version_on(day)
    if v is not None:
        return (BILL if v.bill is not None else IN_FORCE), v
    later = [x for x in p.versions if x.valid_from is not None and x.valid_from > day]
    if later:
        return (BILL if later[0].bill is not None else NOT_YET), later[0]
    return ENDED, p.versions[-1]


def law_version_on(p: Provision, day: dt.date) -> Version | None:
    """The version in force as law on `day`: never a bill."""
    v = p.version_on(day)
    return None if v is None or v.bill is not None else v


def _version_brief(v: Version | None) -> dict[str, Any] | None:
    return None if v is None else v.summary()


def status_note(status: str, v: Version | None) -> str:
    """The status in words, in English (JSON's `note`, as the API and `--format json` give it):
    "in force since 2026-03-19 (inferred)", "a bill (…), not in force: …". `note_words` says it in the
    current language."""
    if status == BILL and v is not None and v.bill is not None:
        return v.bill.note
    if v is None:
        return STATUS_WORDS.get(status, status.replace("_", " "))
    if status == NOT_YET:
        return _NOT_YET.format(day=v.valid_from, certainty=v.valid_from_certainty)
    if status == IN_FORCE:
        return (
            _SINCE.format(day=v.valid_from, certainty=v.valid_from_certainty)
            if v.valid_from
            else IN_FORCE_WORDS
        )
    return _ENDED_ON.format(day=v.valid_until, certainty=v.valid_until_certainty)


def note_words(note: str) -> str:
    """A `status_note` (a bill's note too) in the current language."""
    for template in (_NOT_YET, _SINCE, _ENDED_ON):
        values = template_values(note, template)
        if values is not None:  # its day as the language writes it in a sentence (12.04.2026)
            return _(template).format(
                day=text_day(values["day"]), certainty=date_certainty(values["certainty"])
            )
    for template in (_SPAN_THEN, _SPAN, _ONLY_BILLS):  # `law list` without a day
        values = template_values(note, template)
        if values is not None:
            said = {
                "start": text_day(values.get("start", "")),
                "end": _(_NOW) if values.get("end") == _NOW else text_day(values.get("end", "")),
                "note": bill_note_words(values.get("note", "")) or values.get("note", ""),
            }
            return _(template).format(count=values["count"], **{k: v for k, v in said.items() if k in values})
    return bill_note_words(note) or _(note)


_NOT_YET = N_("not yet in force, from {day} ({certainty})")
_SINCE = N_("in force since {day} ({certainty})")
_ENDED_ON = N_("ended on {day} ({certainty})")
# A provision over all its versions (`law list` without a day)
_SPAN = N_("{count} version(s), {start} → {end}")
_SPAN_THEN = N_("{count} version(s), {start} → {end}; then {note}")
_ONLY_BILLS = N_("{count} version(s): {note}")
_NOW = N_("now")
IN_FORCE_WORDS = N_("in force")
STATUS_WORDS = {
    IN_FORCE: IN_FORCE_WORDS,
    NOT_YET: N_("not yet in force"),
    ENDED: N_("ended"),
    BILL: N_("bill not adopted"),
}


def _bill(v: Version | None) -> dict[str, Any] | None:
    return None if v is None or v.bill is None else v.bill.to_dict()


def on_day(p: Provision, day: dt.date) -> dict[str, Any]:
    """A provision on one day: `status`, the `version` it concerns (in force, next, or last), that
    version's `bill` (or null) and a `note` in words."""
    status, v = status_on(p, day)
    return {
        "date": day.isoformat(),
        "status": status,
        "version": _version_brief(v),
        "bill": _bill(v),
        "note": status_note(status, v),
    }


def law_on(book: Lawbook, day: dt.date | None) -> list[dict[str, Any]]:
    """Every provision, with its status and version on `day` (or all its versions when `day` is None).

    A row: `id`, `effect`, `citation`, `title` (`ru`, `en`), `file`, `versions` (how many); with a day,
    `status`, `version` (the version in force; for `not_yet_in_force` the next one, with its certainty;
    for `bill_not_adopted` the bill's), `bill` and `note`; without one, `first_from`, `last_until`,
    `bill` (the last version's, if it is a bill) and `note`.
    """
    out = []
    for p in book.provisions.values():
        row: dict[str, Any] = {
            "id": p.id,
            "effect": p.effect,
            "citation": p.citation,
            "title": {"ru": p.title.ru, "en": p.title.en},
            "file": p.file,
            "versions": len(p.versions),
        }
        if day is not None:
            d = on_day(p, day)
            row.update(status=d["status"], version=d["version"], bill=d["bill"], note=d["note"])
        else:
            first, last = p.versions[0], p.versions[-1]
            row["first_from"] = first.valid_from.isoformat() if first.valid_from else None
            row["last_until"] = last.valid_until.isoformat() if last.valid_until else None
            row["bill"] = _bill(last)
            laws = [v for v in p.versions if v.bill is None]
            if not laws:
                row["note"] = _ONLY_BILLS.format(
                    count=len(p.versions), note=last.bill.note if last.bill else ""
                )
            else:
                start = laws[0].valid_from.isoformat() if laws[0].valid_from else "…"
                end = laws[-1].valid_until.isoformat() if laws[-1].valid_until else _NOW
                span = {"count": len(p.versions), "start": start, "end": end}
                row["note"] = (
                    _SPAN_THEN.format(**span, note=last.bill.note) if last.bill else _SPAN.format(**span)
                )
        out.append(row)
    return out


def law_listing(book: Lawbook, day: dt.date | None) -> dict[str, Any]:
    """`extrashield law list --format json` and `GET /v1/law/provisions`: the law on `day` (or all of it)."""
    return {
        "date": day.isoformat() if day else None,
        "law_digest": book.digest,
        "provisions": law_on(book, day),
    }


def provision_detail(p: Provision, day: dt.date | None) -> dict[str, Any]:
    """One provision with every version, its readings and open questions; with a day, also `on` (as
    `on_day`). `extrashield law show --format json` and `GET /v1/law/provisions/{id}`."""
    d = p.to_dict()
    if day is not None:
        d["on"] = on_day(p, day)
    return d


def find(book: Lawbook, ident: str) -> list[Provision]:
    """The provision with id `ident`, or every provision of an article or act whose id starts with it.

    Raises CaseError (field "ID") naming the closest ids when nothing matches.
    """
    if ident in book.provisions:
        return [book.provisions[ident]]
    found = [p for p in book.provisions.values() if p.id.startswith(ident + ".")]
    if found:
        return found
    close = difflib.get_close_matches(ident, list(book.provisions), n=3, cutoff=0.5)
    hint = (
        _("; did you mean {ids}?").format(ids=", ".join(close))
        if close
        else _("; see `extrashield law list`")
    )
    raise CaseError("ID", _("no provision {id} in the law data").format(id=repr(ident)) + hint)


@dataclass(frozen=True)
class Change:
    kind: str  # added | changed | ended
    provision: Provision
    before: Version | None
    after: Version | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "provision": self.provision.id,
            "citation": self.provision.citation,
            "effect": self.provision.effect,
            "before": _version_brief(self.before),
            "after": _version_brief(self.after),
        }


def diff(book: Lawbook, d1: dt.date, d2: dt.date) -> dict[str, Any]:
    """What was added, changed or ended between the law on `d1` and the law on `d2` (d1 < d2), and every
    dated step in between (a provision may come and go within the range). Bills are not law: they are
    never added, changed or ended, and are listed apart (`bills`: those that reached a stage in the
    range)."""
    if d2 <= d1:
        raise CaseError("D2", f"{d2} must be after D1 {d1}")
    changes: list[Change] = []
    bills = []
    for p in book.provisions.values():
        a, b = law_version_on(p, d1), law_version_on(p, d2)
        if a is None and b is not None:
            changes.append(Change("added", p, None, b))
        elif a is not None and b is None:
            changes.append(Change("ended", p, a, None))
        elif a is not None and b is not None and a != b:
            changes.append(Change("changed", p, a, b))
        for v in p.versions:
            if v.bill is not None and d1 < v.bill.stage_date <= d2:
                bills.append(
                    {
                        "provision": p.id,
                        "citation": p.citation,
                        "effect": p.effect,
                        "version": v.summary(),
                        "bill": v.bill.to_dict(),
                    }
                )
    steps = [
        {"day": day.isoformat(), "provision": pid, "what": what}
        for day, pid, what in events(book)
        if d1 < day <= d2
    ]
    by_kind = {k: [c.to_dict() for c in changes if c.kind == k] for k in ("added", "changed", "ended")}
    return {
        "from": d1.isoformat(),
        "to": d2.isoformat(),
        "law_digest": book.digest,
        **by_kind,
        "bills": bills,
        "steps": steps,
    }


def events(book: Lawbook) -> list[tuple[dt.date, str, str]]:
    """Every dated step of the law data: (date, provision id, what). A version starts being in force
    ("in force") or stops ("ends"); a bill reaches a stage ("bill: …, not in force")."""
    out: list[tuple[dt.date, str, str]] = []
    for p in book.provisions.values():
        for v in p.versions:
            if v.bill is not None:
                out.append((v.bill.stage_date, p.id, v.bill.note))
                continue
            if v.valid_from is not None:
                out.append((v.valid_from, p.id, N_("in force")))
            if v.valid_until is not None:
                out.append((v.valid_until, p.id, N_("ends")))
    return sorted(out)


# --- text for people ------------------------------------------------------------------------------------


def _dates(v: Version) -> str:
    if v.bill is not None:
        return _(_BILL_DATED).format(
            note=note_words(v.bill.note), dated=_dated(v.valid_from, v.valid_from_certainty)
        )
    start = _dated(v.valid_from, v.valid_from_certainty) if v.valid_from else _("before the data horizon")
    end = (
        _("until {day} excluded ({certainty})").format(
            day=text_day(v.valid_until), certainty=date_certainty(v.valid_until_certainty or "")
        )
        if v.valid_until
        else _("still in force")
    )
    return _("from {start}, {end}").format(start=start, end=end)


_BILL_DATED = N_("{note}; the data dates it {dated}, the date of that stage, not of an entry into force")


def _dated(day: dt.date | None, certainty: str | None) -> str:
    """A day of the law and how sure it is, as `law show` writes them: 2026-03-19 (inferred), in Russian
    19.03.2026 (дата выведена)."""
    said = pgettext("a date's certainty, after the date", "{certainty}").format(
        certainty=date_certainty(certainty or "")
    )
    return f"{text_day(str(day))} ({said})"


def _source_line(s: Any) -> str:
    return f"[{s.confidence}] {s.publisher}: {s.url or '(no address)'} — {data_text(s.supports)}"


def list_text(rows: list[dict[str, Any]], day: dt.date | None, book: Lawbook | None = None) -> str:
    """The listing for people, in the current language (in Russian, each provision's Russian label from
    `book` stands for its citation)."""
    head = _("The law on {day}").format(day=day) if day else _("Every provision in the law data")
    lines = [head, ""]
    width = max(len(r["id"]) for r in rows)
    ru = book is not None and language() == "ru"
    for r in rows:
        cited = book.provisions[r["id"]].label.ru if ru and book is not None else r["citation"]
        lines.append(f"{r['id']:<{width}}  {note_words(r['note'])}  — {cited}")
    return "\n".join(lines)


def _effect(effect: str) -> str:
    """A provision's effect (`bars`, `allows_refusal`): the code in English, as `law show` has always
    written it, words in Russian."""
    words = {
        "bars": pgettext("a provision's effect", "bars"),
        "allows_refusal": pgettext("a provision's effect", "allows_refusal"),
    }
    return words.get(effect, effect)


def show_text(p: Provision, day: dt.date | None, lang: str) -> str:
    current = law_version_on(p, day) if day is not None else None
    lines = [
        f"{p.id}  {p.label.get(lang)}",
        *([p.citation] if lang == "en" else []),  # the English rendering of the citation
        p.title.get(lang),
        _("effect: {effect}   file: {file}").format(effect=_effect(p.effect), file=f"law/{p.file}"),
        "",
    ]
    if day is not None:
        status, v = status_on(p, day)
        lines += [
            _("On {day}: {status}").format(day=text_day(day), status=note_words(status_note(status, v))),
            "",
        ]
    for n, v in enumerate(p.versions, 1):
        mark = (
            "  " + _("<- in force on {day}").format(day=text_day(day) if day else day) if v is current else ""
        )
        lines.append(_("Version {n}: {dates}").format(n=n, dates=_dates(v)) + mark)
        lines.append(
            "  "
            + _("act: {act}   wording: {confidence}").format(
                act=data_text(v.act), confidence=v.text_confidence
            )
        )
        if v.valid_from_why:
            lines.append("  " + _("why this start: {why}").format(why=data_text(v.valid_from_why)))
        if v.earliest_possible_from:
            lines.append(
                "  " + _("earliest possible start: {day}").format(day=text_day(v.earliest_possible_from))
            )
        if v.valid_until_why:
            lines.append("  " + _("why this end: {why}").format(why=data_text(v.valid_until_why)))
        lines += ["  " + line for line in v.text.get(lang).splitlines()]
        lines.append("  " + _("sources:"))
        lines += [f"    {_source_line(s)}" for s in v.sources]
        if v.bill is not None:
            lines.append(
                "  " + _("sources for the bill's {stage}:").format(stage=v.bill.stage.replace("_", " "))
            )
            lines += [f"    {_source_line(s)}" for s in v.bill.sources]
        lines.append("")
    for key, r in p.readings.items():
        lines.append(
            _("Reading {key} (default {default}): {question}").format(
                key=key, default=r.default, question=data_text(r.question)
            )
        )
        lines += [f"  {k}: {data_text(text)}" for k, text in r.values.items()]
        lines.append("")
    if p.open_questions:
        lines.append(_("Open questions:"))
        for q in p.open_questions:
            lines.append(f"  {q.id}: {data_text(q.question)}")
            lines.append("    " + _("why open: {why}").format(why=data_text(q.why)))
            lines.append(
                "    "
                + _("sources: ")
                + "; ".join(f"{s.publisher} [{s.confidence}] {s.url or '(no address)'}" for s in q.sources)
            )
    return "\n".join(lines).rstrip()


def diff_text(d: dict[str, Any], book: Lawbook | None = None) -> str:
    """The changes for people, in the current language (in Russian, each provision's Russian label from
    `book` stands for its citation; a bill's note is law data, in English)."""
    ru = book is not None and language() == "ru"

    def cited(c: dict[str, Any]) -> str:
        p = book.provisions.get(c["provision"]) if ru and book is not None else None
        return p.label.ru if p is not None else str(c["citation"])

    none = "  " + _("none")
    lines = [_("Changes in the law from {start} to {end}").format(start=d["from"], end=d["to"]), ""]
    titles = {
        "added": _("Added (in force on the second date, not on the first)"),
        "changed": _("Changed (another version applies)"),
        "ended": _("Ended (in force on the first date, not on the second)"),
    }
    for kind, title in titles.items():
        lines.append(f"{title}:")
        if not d[kind]:
            lines.append(none)
        for c in d[kind]:
            after, before = c["after"], c["before"]
            if kind == "added":
                said = _("from {day} ({certainty})").format(
                    day=after["valid_from"], certainty=after["certainty"]
                )
            elif kind == "ended":
                said = _("until {day}").format(day=before["valid_until"])
            else:
                said = f"{data_text(before['act'])}  ->  {data_text(after['act'])} " + _(
                    "(from {day}, {certainty})"
                ).format(day=text_day(after["valid_from"]), certainty=date_certainty(after["certainty"]))
            lines.append(f"  {c['provision']}  {said}  — {cited(c)}")
        lines.append("")
    lines.append(_("Bills that reached a stage in between (not law, not in force on either date):"))
    lines += [f"  {b['provision']}  {note_words(b['bill']['note'])}  — {cited(b)}" for b in d["bills"]] or [
        none
    ]
    lines.append("")
    lines.append(_("Every dated step in between:"))
    lines += [f"  {text_day(s['day'])}  {s['provision']}  {_(s['what'])}" for s in d["steps"]] or [none]
    return "\n".join(lines)


def history_text(h: Any, lang: str) -> str:
    """The legislative history (`extrashield.sources.history.BillHistory`) for people."""
    lines = [
        _("Bill {bill}: {title}").format(bill=h.bill, title=h.title.get(lang)),
        _("Became {title}").format(title=h.law_title.get(lang)),
        _("In force: {day}").format(day=text_day(str(h.in_force)) if h.in_force else _("unknown"))
        + " ("
        + pgettext("a date's certainty, after the date", "{certainty}").format(
            certainty=date_certainty(h.in_force_certainty)
        )
        + (f": {data_text(h.in_force_why)}" if h.in_force_why else "")
        + ")",
        "",
    ]

    def stage_lines(stages: Any, indent: str) -> list[str]:
        out = []
        for s in stages:
            when = f"{text_day(str(s.date))} ({date_certainty(s.certainty)})" if s.date else _("date unknown")
            out.append(f"{indent}{when:<24} {stage_name(s.stage)}: {s.description.get(lang)}")
            if s.why:
                out.append(f"{indent}{'':<24} " + _("why: {why}").format(why=data_text(s.why)))
            if s.uncertain:
                out.append(f"{indent}{'':<24} " + _("UNCERTAIN: {what}").format(what=data_text(s.uncertain)))
            out.append(
                f"{indent}{'':<24} "
                + _("sources: ")
                + "; ".join(f"{x.publisher} {x.url or '(no address)'} [{x.confidence}]" for x in s.sources)
            )
        return out

    lines += [_("Stages:"), *stage_lines(h.stages, "  ")]
    for c in h.companions:
        name = (
            _("bill {bill}").format(bill=c.bill)
            if c.bill
            else _("bill (number unknown: {note})").format(note=data_text(c.bill_note))
        )
        flag = "  " + _("[some dates uncertain]") if c.uncertain else ""
        lines += [
            "",
            _("Companion {name}").format(name=name) + flag,
            "  " + _("Status: {status}").format(status=c.status_words()),
            f"  {c.title.get(lang)}",
            f"  {c.subject.get(lang)}",
        ]
        lines += stage_lines(c.stages, "    ")
    if h.open_questions:
        lines += ["", _("Open questions:")]
        lines += [
            f"  {q.id}: {data_text(q.question)}\n    " + _("why open: {why}").format(why=data_text(q.why))
            for q in h.open_questions
        ]
    return "\n".join(lines)
