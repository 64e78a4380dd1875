"""Questions about the law as data over time: what was in force on a date, one provision with all its
versions, and what changed between two dates. Pure functions over a `Lawbook`, plus plain-text renderings
for the command line (`extrashield law ...`).

A provision's status on a day is `in_force` (a version applies: its dates are half-open, `valid_from`
included, `valid_until` excluded), `not_yet_in_force` (its first version starts later), or `ended`
(its last version ended on or before the day).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from .errors import CaseError
from .lawbook import Lawbook, Provision, Version

IN_FORCE = "in_force"
NOT_YET = "not_yet_in_force"
ENDED = "ended"


def status_on(p: Provision, day: dt.date) -> tuple[str, Version | None]:
    v = p.version_on(day)
    if v is not None:
        return IN_FORCE, v
    later = [x for x in p.versions if x.valid_from is not None and x.valid_from > day]
    if later:
        return NOT_YET, later[0]
    return ENDED, p.versions[-1]


def _version_brief(v: Version | None) -> dict[str, Any] | None:
    return None if v is None else v.summary()


def law_on(book: Lawbook, day: dt.date | None) -> list[dict[str, Any]]:
    """Every provision, with its status and version on `day` (or all its versions when `day` is None)."""
    out = []
    for p in book.provisions.values():
        row: dict[str, Any] = {
            "id": p.id, "effect": p.effect, "citation": p.citation, "title": p.title.en, "file": p.file,
            "versions": len(p.versions),
        }
        if day is not None:
            status, v = status_on(p, day)
            row["status"] = status
            row["version"] = _version_brief(v)
        else:
            row["first_from"] = p.versions[0].valid_from.isoformat() if p.versions[0].valid_from else None
            row["last_until"] = p.versions[-1].valid_until.isoformat() if p.versions[-1].valid_until else None
        out.append(row)
    return out


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
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `extrashield law list`"
    raise CaseError("ID", f"no provision {ident!r} in the law data{hint}")


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
    dated step in between (a provision may come and go within the range)."""
    if d2 <= d1:
        raise CaseError("D2", f"{d2} must be after D1 {d1}")
    changes: list[Change] = []
    for p in book.provisions.values():
        a, b = p.version_on(d1), p.version_on(d2)
        if a is None and b is not None:
            changes.append(Change("added", p, None, b))
        elif a is not None and b is None:
            changes.append(Change("ended", p, a, None))
        elif a is not None and b is not None and a != b:
            changes.append(Change("changed", p, a, b))
    steps = [
        {"day": day.isoformat(), "provision": pid, "what": what}
        for day, pid, what in book.events() if d1 < day <= d2
    ]
    by_kind = {k: [c.to_dict() for c in changes if c.kind == k] for k in ("added", "changed", "ended")}
    return {"from": d1.isoformat(), "to": d2.isoformat(), "law_digest": book.digest, **by_kind, "steps": steps}


# --- text for people ------------------------------------------------------------------------------------

def _dates(v: Version) -> str:
    start = f"{v.valid_from} ({v.valid_from_certainty})" if v.valid_from else "before the data horizon"
    end = f"until {v.valid_until} excluded ({v.valid_until_certainty})" if v.valid_until else "still in force"
    return f"from {start}, {end}"


def list_text(rows: list[dict[str, Any]], day: dt.date | None) -> str:
    head = f"The law on {day}" if day else "Every provision in the law data"
    lines = [head, ""]
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        if day is not None:
            v = r["version"]
            when = ""
            if r["status"] == NOT_YET:
                when = f" from {v['valid_from']} ({v['certainty']})"
            elif r["status"] == IN_FORCE and v["valid_from"]:
                when = f" since {v['valid_from']} ({v['certainty']})"
            elif r["status"] == ENDED:
                when = f" on {v['valid_until']}"
            lines.append(f"{r['id']:<{width}}  {r['status'].replace('_', ' ')}{when}  — {r['citation']}")
        else:
            span = f"{r['first_from'] or '…'} → {r['last_until'] or 'now'}"
            lines.append(f"{r['id']:<{width}}  {r['versions']} version(s), {span}  — {r['citation']}")
    return "\n".join(lines)


def show_text(p: Provision, day: dt.date | None, lang: str) -> str:
    current = p.version_on(day) if day is not None else None
    lines = [f"{p.id}  {p.label.get(lang)}", p.citation, p.title.get(lang), f"effect: {p.effect}   file: law/{p.file}", ""]
    if day is not None:
        status, _ = status_on(p, day)
        lines += [f"On {day}: {status.replace('_', ' ')}", ""]
    for n, v in enumerate(p.versions, 1):
        mark = "  <- in force on " + str(day) if v is current else ""
        lines.append(f"Version {n}: {_dates(v)}{mark}")
        lines.append(f"  act: {v.act}   wording: {v.text_confidence}")
        if v.valid_from_why:
            lines.append(f"  why this start: {v.valid_from_why}")
        if v.earliest_possible_from:
            lines.append(f"  earliest possible start: {v.earliest_possible_from}")
        if v.valid_until_why:
            lines.append(f"  why this end: {v.valid_until_why}")
        lines += ["  " + line for line in v.text.get(lang).splitlines()]
        lines.append("  sources:")
        lines += [f"    [{s.confidence}] {s.publisher}: {s.url or '(no address)'} — {s.supports}" for s in v.sources]
        lines.append("")
    for key, r in p.readings.items():
        lines.append(f"Reading {key} (default {r.default}): {r.question}")
        lines += [f"  {k}: {text}" for k, text in r.values.items()]
        lines.append("")
    if p.open_questions:
        lines.append("Open questions:")
        for q in p.open_questions:
            lines.append(f"  {q.id}: {q.question}")
            lines.append(f"    why open: {q.why}")
            lines.append(f"    sources: {', '.join(s.url or s.key for s in q.sources)}")
    return "\n".join(lines).rstrip()


def diff_text(d: dict[str, Any]) -> str:
    lines = [f"Changes in the law from {d['from']} to {d['to']}", ""]
    titles = {"added": "Added (in force on the second date, not on the first)",
              "changed": "Changed (another version applies)",
              "ended": "Ended (in force on the first date, not on the second)"}
    for kind, title in titles.items():
        lines.append(f"{title}:")
        if not d[kind]:
            lines.append("  none")
        for c in d[kind]:
            after, before = c["after"], c["before"]
            if kind == "added":
                lines.append(f"  {c['provision']}  from {after['valid_from']} ({after['certainty']})  — {c['citation']}")
            elif kind == "ended":
                lines.append(f"  {c['provision']}  until {before['valid_until']}  — {c['citation']}")
            else:
                lines.append(f"  {c['provision']}  {before['act']}  ->  {after['act']} "
                             f"(from {after['valid_from']}, {after['certainty']})  — {c['citation']}")
        lines.append("")
    lines.append("Every dated step in between:")
    lines += [f"  {s['day']}  {s['provision']}  {s['what']}" for s in d["steps"]] or ["  none"]
    return "\n".join(lines)


def history_text(h: Any, lang: str) -> str:
    """The legislative history (`extrashield.core.history.BillHistory`) for people."""
    lines = [f"Bill {h.bill}: {h.title.get(lang)}",
             f"Became {h.law_title.get(lang)}",
             f"In force: {h.in_force or 'unknown'} ({h.in_force_certainty}"
             + (f": {h.in_force_why}" if h.in_force_why else "") + ")", ""]

    def stage_lines(stages: Any, indent: str) -> list[str]:
        out = []
        for s in stages:
            when = f"{s.date} ({s.certainty})" if s.date else "date unknown"
            out.append(f"{indent}{when:<24} {s.stage.replace('_', ' ')}: {s.description.get(lang)}")
            if s.why:
                out.append(f"{indent}{'':<24} why: {s.why}")
            if s.uncertain:
                out.append(f"{indent}{'':<24} UNCERTAIN: {s.uncertain}")
            out.append(f"{indent}{'':<24} sources: " + "; ".join(f"{x.publisher} {x.url or '(no address)'} [{x.confidence}]" for x in s.sources))
        return out

    lines += ["Stages:"] + stage_lines(h.stages, "  ")
    for c in h.companions:
        name = f"bill {c.bill}" if c.bill else f"bill (number unknown: {c.bill_note})"
        flag = "  [some dates uncertain]" if c.uncertain else ""
        lines += ["", f"Companion {name}{flag}", f"  {c.title.get(lang)}", f"  {c.subject.get(lang)}"]
        lines += stage_lines(c.stages, "    ")
    if h.open_questions:
        lines += ["", "Open questions:"]
        lines += [f"  {q.id}: {q.question}\n    why open: {q.why}" for q in h.open_questions]
    return "\n".join(lines)
