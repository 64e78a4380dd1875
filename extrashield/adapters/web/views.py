"""The data behind the case pages (decision, timeline): plain dicts, which are both the
templates' input and the pages' JSON twins. Everything is computed by the core; nothing here decides law.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from extrashield import assess, default_evaluator, default_lawbook
from extrashield.engine.readings import readings_of
from extrashield.engine.timeline import build_timeline
from extrashield.facts.case import validate_case
from extrashield.facts.dates import shift
from extrashield.present.pictures import NARROW, timeline_svg

POINT7_START = dt.date(2026, 3, 19)  # only a default for the timeline's range; the law data decides


def reading_choices(keys: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The readings `keys` (default: those the extradition rules use), with their values and which is the
    default."""
    lb = default_lawbook()
    out = []
    for key in default_evaluator().reading_keys if keys is None else keys:
        r = lb.readings[key]
        out.append(
            {
                "key": key,
                "question": r.question,
                "default": r.default,
                "values": [{"value": v, "meaning": m} for v, m in r.values.items()],
            }
        )
    return out


def readings_from(pairs: list[str], fields: Mapping[str, str]) -> dict[str, str]:
    """Readings from `reading=KEY=VALUE` parameters (extrashield.engine.readings, as the API and the command
    line read them: a key given twice with different values is refused) and `r:KEY` form fields."""
    out = readings_of(pairs)
    for name, value in fields.items():
        if name.startswith("r:") and value:
            out[name[2:]] = value
    default_evaluator().resolve_readings(out)  # ReadingError (a CaseError) names the bad one
    return out


def statute(version: Any) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "ru": version.text.ru,
        "en": version.text.en,
        "text_confidence": version.text_confidence,
        "valid_from_why": version.valid_from_why,
        "valid_until_why": version.valid_until_why,
        "earliest_possible_from": version.earliest_possible_from.isoformat()
        if version.earliest_possible_from
        else None,
        "sources": [s.to_dict() for s in version.sources],
    }


def _not_yet(provision: Any, day: dt.date) -> dict[str, Any] | None:
    """For a ground not in force: the first later version (its text and dates), so the page can say when."""
    later = next((v for v in provision.versions if v.valid_from and v.valid_from > day), None)
    return (
        None
        if later is None
        else {
            "valid_from": later.valid_from.isoformat(),
            "certainty": later.valid_from_certainty,
            "act": later.act,
            **(statute(later) or {}),
        }
    )


def readings_table(raw: Mapping[str, Any], current: Mapping[str, str]) -> list[dict[str, Any]]:
    """The outcome under every combination of the readings, marking the current one."""
    choices = reading_choices()
    keys = [c["key"] for c in choices]
    rows = []
    for combo in itertools.product(*([v["value"] for v in c["values"]] for c in choices)):
        rd = dict(zip(keys, combo))
        rows.append(
            {
                "readings": rd,
                "outcome": assess(raw, readings=rd).outcome,
                "current": all(current.get(k) == v for k, v in rd.items()),
            }
        )
    return rows


def decision_data(raw: Mapping[str, Any], readings: Mapping[str, str]) -> dict[str, Any]:
    a = assess(raw, readings=readings)
    answer = a.to_dict()
    texts = {}
    for r in a.grounds:
        texts[r.provision.id] = {
            "label": {"ru": r.provision.label.ru, "en": r.provision.label.en},
            "in_force": statute(r.version),
            "next_version": _not_yet(r.provision, a.decision_date) if r.version is None else None,
        }
    table = readings_table(raw, a.readings)
    outcomes = {row["outcome"] for row in table}
    return {
        "case": dict(raw),
        "answer": answer,
        "statute": texts,
        "readings": reading_choices(),
        "readings_table": table,
        "outcome_turns_on_reading": len(outcomes) > 1,
    }


def default_range(raw: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    """From a little before the first dated fact to a year after the decision date (or point 7)."""
    case = validate_case(raw)
    f = case.facts
    days: list[dt.date] = [case.decision_date, POINT7_START]
    for c in f.get("person.citizenships") or ():
        days += [d for d in (c["from"], c["until"]) if d]
    for s in f.get("person.military_service") or ():
        days += [d for d in (s["contract_from"], s["contract_until"]) if isinstance(d, dt.date)]
    for key in ("request.offense.committed_on", "request.received_on", "person.asylum_in_russia.granted_on"):
        if f.get(key):
            days.append(f[key])
    horizon = default_lawbook().horizon
    # `shift` stays within the calendar: a case dated in 9999 must not overflow the range
    start = max(horizon, shift(min(days), -90)).replace(day=1)
    end = shift(max(days), 270)
    return start, end.replace(day=1)


def timeline_data(
    raw: Mapping[str, Any], readings: Mapping[str, str], start: dt.date | None, until: dt.date | None
) -> dict[str, Any]:
    case = validate_case(raw)
    d_start, d_until = default_range(raw)
    start, until = start or d_start, until or d_until
    t = build_timeline(default_evaluator(), case, start, until, readings)
    svg, markers = timeline_svg(t, dict(case.facts), case.decision_date)
    narrow, _ = timeline_svg(t, dict(case.facts), case.decision_date, width=NARROW, ids="tl-narrow")
    data = {"case": dict(raw), "timeline": t.to_dict(), "markers": markers}
    return {"data": data, "svg": svg, "svg_narrow": narrow}  # the page shows one, by the screen's width
