"""Pictures drawn on the server as inline SVG: no plotting library, no script, nothing fetched.

The SVG uses presentation attributes and CSS classes only (no `style=` attributes), so it obeys the
pages' Content-Security-Policy; every mark has a <title> (a tooltip and a name for screen readers), and
each page repeats the picture's content as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from ..core.timeline import Timeline

OUTCOME_CLASS = {"barred": "o-barred", "may_refuse": "o-may", "undetermined": "o-undet", "permitted": "o-permitted"}
WIDTH = 1000
LEFT = 150  # room for the lane names
RIGHT = 20


@dataclass(frozen=True)
class Lane:
    """A row of the person's own timeline: citizenship, contract, asylum."""

    label: str
    spans: list[tuple[dt.date | None, dt.date | None, str]]  # from (None: before the range), until, title


def person_lanes(facts: dict[str, Any]) -> list[Lane]:
    lanes: list[Lane] = []
    for c in facts.get("person.citizenships") or ():
        lanes.append(Lane(f"Citizen of {c['country']}", [(c["from"], c["until"], f"citizenship {c['country']}")]))
    for i, s in enumerate(facts.get("person.military_service") or ()):
        until = s["contract_until"]
        end = None if until == "ongoing" else until
        title = f"contract {i + 1}: {s['formation'] or 'formation unknown'}, combat: {_tri(s['combat'])}"
        if s["contract_from"] is not None or end is not None:
            lanes.append(Lane(f"Contract {i + 1}", [(s["contract_from"], end, title)]))
    if facts.get("person.asylum_in_russia.granted") and facts.get("person.asylum_in_russia.granted_on"):
        lanes.append(Lane("Asylum in Russia", [(facts["person.asylum_in_russia.granted_on"],
                                                 facts.get("person.asylum_in_russia.ended_on"), "asylum in Russia")]))
    offence = facts.get("request.offense.committed_on")
    if offence:
        lanes.append(Lane("Offence", [(offence, offence + dt.timedelta(days=1), "the act was committed")]))
    received = facts.get("request.received_on")
    if received:
        lanes.append(Lane("Request", [(received, received + dt.timedelta(days=1), "request received")]))
    return lanes


def _tri(v: bool | None) -> str:
    return "unknown" if v is None else ("yes" if v else "no")


def _ticks(start: dt.date, until: dt.date) -> list[dt.date]:
    """Year starts, or quarter starts for short ranges, or month starts for very short ones."""
    days = (until - start).days
    step = 12 if days > 3 * 365 else 3 if days > 300 else 1
    out = []
    y, m = start.year, 1
    while y <= dt.MAXYEAR:  # a range ending in 9999 has no tick beyond it
        d = dt.date(y, m, 1)
        if d >= until:
            break
        if d >= start:
            out.append(d)
        m += step
        if m > 12:
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


def timeline_svg(t: Timeline, facts: dict[str, Any], decision_date: dt.date | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The SVG and the numbered law markers it shows (listed under the picture)."""
    span = max(1, (t.until - t.start).days)
    plot = WIDTH - LEFT - RIGHT

    def x(d: dt.date | None) -> float:
        if d is None:
            return LEFT
        return LEFT + plot * min(max((d - t.start).days, 0), span) / span

    lanes = person_lanes(facts)
    law = [e for e in t.events if e.kind in ("law", "law_uncertain")]
    markers = [{"n": n + 1, "day": e.day.isoformat(), "what": e.what, "kind": e.kind, "ref": e.ref} for n, e in enumerate(law)]
    # Law markers closer than a marker's width are stacked upwards, so their numbers stay readable.
    levels: dict[int, int] = {}
    placed: list[tuple[float, int]] = []
    for m in markers:
        d = dt.date.fromisoformat(m["day"])
        mx = x(d)
        level = 0
        while any(abs(mx - px) < 22 and pl == level for px, pl in placed):
            level += 1
        placed.append((mx, level))
        levels[m["n"]] = level
    stack = max(levels.values(), default=0)
    row_h, top = 26, 40 + 22 * stack
    height = top + 40 + row_h * (len(lanes) + 1) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="chart timeline" role="img" '
           f'aria-labelledby="tl-title tl-desc"><title id="tl-title">Timeline from {t.start} to {t.until}</title>'
           f'<desc id="tl-desc">The outcome on each day (top row), the person\'s citizenships, contracts and other '
           f'facts (rows below), and the law\'s events (numbered vertical lines). The same data is in the table below.</desc>']
    axis_y = height - 24
    for d in _ticks(t.start, t.until):
        out.append(f'<line x1="{x(d):.1f}" y1="{top - 6}" x2="{x(d):.1f}" y2="{axis_y}" class="grid"/>')
        label = str(d.year) if d.month == 1 else d.strftime("%b %Y")
        out.append(f'<text x="{x(d):.1f}" y="{axis_y + 16}" class="tick" text-anchor="middle">{label}</text>')
    # Outcome row
    y0 = top + 10
    out.append(f'<text x="8" y="{y0 + 19}" class="lane">Outcome</text>')
    for iv in t.intervals:
        x0, x1 = x(iv.start), x(iv.until)
        title = f"{iv.start} to {iv.until - dt.timedelta(days=1)}: {iv.outcome}" + (f" ({', '.join(iv.applies)})" if iv.applies else "")
        out.append(f'<rect x="{x0:.1f}" y="{y0}" width="{max(x1 - x0, 1):.1f}" height="28" class="{OUTCOME_CLASS[iv.outcome]}">'
                   f'<title>{escape(title)}</title></rect>')
        if x1 - x0 > 70:
            out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{y0 + 19}" class="bar-label" text-anchor="middle">{escape(iv.outcome.replace("_", " "))}</text>')
    # Person lanes
    for n, lane in enumerate(lanes):
        y = y0 + 40 + n * row_h
        out.append(f'<text x="8" y="{y + 15}" class="lane">{escape(lane.label)}</text>')
        for start, until, title in lane.spans:
            if until is not None and until <= t.start or start is not None and start >= t.until:
                continue
            x0, x1 = x(start), x(until) if until is not None else x(t.until)
            open_end = "" if until is not None else " (still)"
            out.append(f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 3):.1f}" height="18" class="fact">'
                       f'<title>{escape(title)}: {start or "before"} to {until or "now"}{open_end}</title></rect>')
    # Law events: numbered vertical lines across every row
    for m in markers:
        d = dt.date.fromisoformat(m["day"])
        if not t.start <= d < t.until:
            continue
        cls = "law-uncertain" if m["kind"] == "law_uncertain" else "law"
        lift = 22 * levels[m["n"]]
        out.append(f'<g class="{cls}"><title>{escape(m["day"] + ": " + m["what"])}</title>'
                   f'<line x1="{x(d):.1f}" y1="{top - 4 - lift}" x2="{x(d):.1f}" y2="{axis_y}"/>'
                   f'<circle cx="{x(d):.1f}" cy="{top - 14 - lift}" r="10"/>'
                   f'<text x="{x(d):.1f}" y="{top - 10 - lift}" text-anchor="middle">{m["n"]}</text></g>')
    if decision_date is not None and t.start <= decision_date < t.until:
        out.append(f'<g class="decision"><title>decision date {decision_date}</title>'
                   f'<line x1="{x(decision_date):.1f}" y1="{y0 - 4}" x2="{x(decision_date):.1f}" y2="{axis_y}"/></g>')
    out.append("</svg>")
    return "".join(out), markers


def bars_svg(title: str, rows: Sequence[tuple[str, float, str, bool]]) -> str:
    """A horizontal bar chart: (label, value, value text, conflicting) per row; conflicts are hatched."""
    top, row_h, left, width = 10, 30, 330, 1000
    height = top + row_h * len(rows) + 10
    biggest = max((v for _, v, _, _ in rows), default=1) or 1
    plot = width - left - 190  # room for the value written after the bar
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart bars" role="img" '
           f'aria-label="{escape(title)}">']
    for n, (label, value, text, clash) in enumerate(rows):
        y = top + n * row_h
        w = max(plot * value / biggest, 2)
        cls = "bar conflict" if clash else "bar"
        short = label if len(label) <= 48 else label[:46] + "…"
        out.append(f'<text x="{left - 8}" y="{y + 19}" class="lane" text-anchor="end">{escape(short)}<title>{escape(label)}</title></text>')
        out.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="20" class="{cls}"><title>{escape(label)}: {escape(text)}</title></rect>')
        out.append(f'<text x="{left + w + 6:.1f}" y="{y + 19}" class="value">{escape(text)}{" ≠" if clash else ""}</text>')
    out.append("</svg>")
    return "".join(out)
