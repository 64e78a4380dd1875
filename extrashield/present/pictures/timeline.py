"""The timeline picture: the outcome on each day, the person's own facts in lanes below it
(citizenships, contracts, asylum, the offence, the request), and the law's events as numbered lines.

One drawer for the web page (inline, styled by the page) and `extrashield timeline --picture`
(standalone: a heading, a legend and the numbered law events written under the axis, which the page
shows as HTML instead). Every mark has a <title>: a tooltip and a name for screen readers.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from html import escape
from typing import Any

from extrashield.engine.timeline import Timeline
from extrashield.present.pictures.draw import OUTCOME_CLASS, document, shorten, text, text_width, wrap

WIDTH = 1000
RIGHT = 20
MARGIN = 8
LANE_MIN, LANE_MAX = 110, 300  # the column of lane names
OUTCOME_H, ROW_H = 28, 26
MARKER_R, MARKER_STEP = 11, 24  # a law marker's radius; how far a crowded marker is lifted
TICK_SIZE, LABEL_SIZE = 13, 13


@dataclass(frozen=True)
class Lane:
    """A row of the person's own timeline: citizenship, contract, asylum."""

    label: str
    spans: list[tuple[dt.date | None, dt.date | None, str]]  # from (None: before the range), until, title


def person_lanes(facts: dict[str, Any]) -> list[Lane]:
    lanes: list[Lane] = []
    for c in facts.get("person.citizenships") or ():
        lanes.append(
            Lane(f"Citizen of {c['country']}", [(c["from"], c["until"], f"citizenship {c['country']}")])
        )
    for i, s in enumerate(facts.get("person.military_service") or ()):
        until = s["contract_until"]
        end = None if until == "ongoing" else until
        title = f"contract {i + 1}: {s['formation'] or 'formation unknown'}, combat: {_tri(s['combat'])}"
        if s["contract_from"] is not None or end is not None:
            lanes.append(Lane(f"Contract {i + 1}", [(s["contract_from"], end, title)]))
    if facts.get("person.asylum_in_russia.granted") and facts.get("person.asylum_in_russia.granted_on"):
        lanes.append(
            Lane(
                "Asylum in Russia",
                [
                    (
                        facts["person.asylum_in_russia.granted_on"],
                        facts.get("person.asylum_in_russia.ended_on"),
                        "asylum in Russia",
                    )
                ],
            )
        )
    offence = facts.get("request.offense.committed_on")
    if offence:
        lanes.append(Lane("Offence", [(offence, offence + dt.timedelta(days=1), "the act was committed")]))
    received = facts.get("request.received_on")
    if received:
        lanes.append(Lane("Request", [(received, received + dt.timedelta(days=1), "request received")]))
    return lanes


def _tri(v: bool | None) -> str:
    return "unknown" if v is None else ("yes" if v else "no")


def _tick_label(d: dt.date) -> str:
    return str(d.year) if d.month == 1 else d.strftime("%b %Y")


def _ticks(start: dt.date, until: dt.date, plot: float) -> list[dt.date]:
    """Month, quarter, half-year or year starts (or every few years): the finest whose labels do not collide."""
    days = max(1, (until - start).days)
    firsts = [dt.date(y, m, 1) for y in range(start.year, until.year + 1) for m in range(1, 13)]
    firsts = [d for d in firsts if start <= d < until]
    for months in (1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000):
        if months < 12:
            out = [d for d in firsts if (d.month - 1) % months == 0]
        else:
            out = [d for d in firsts if d.month == 1 and d.year % (months // 12) == 0]
        gaps = [(b - a).days for a, b in itertools.pairwise(out)]
        room = plot * min(gaps) / days if gaps else plot
        if room >= max((text_width(_tick_label(d), TICK_SIZE) for d in out), default=0) + 12:
            return out
    return []


def timeline_svg(
    t: Timeline, facts: dict[str, Any], decision_date: dt.date | None = None, *, standalone: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """The SVG and the numbered law markers it shows (the page lists them under the picture; a
    standalone picture lists them itself)."""
    lanes = person_lanes(facts)
    left = min(
        LANE_MAX,
        max(
            LANE_MIN,
            MARGIN
            + max((text_width(n, LABEL_SIZE) for n in ["Outcome", *(la.label for la in lanes)]), default=0)
            + 16,
        ),
    )
    span = max(1, (t.until - t.start).days)
    plot = WIDTH - left - RIGHT

    def x(d: dt.date | None) -> float:
        if d is None:
            return left
        return left + plot * min(max((d - t.start).days, 0), span) / span

    law = [e for e in t.events if e.kind in ("law", "law_uncertain")]
    markers: list[dict[str, Any]] = [
        {"n": n + 1, "day": e.day.isoformat(), "what": e.what, "kind": e.kind, "ref": e.ref}
        for n, e in enumerate(law)
    ]
    shown = [m for m in markers if t.start <= dt.date.fromisoformat(m["day"]) < t.until]
    # Law markers closer than a marker's width are stacked upwards, so their numbers stay readable.
    levels: dict[int, int] = {}
    placed: list[tuple[float, int]] = []
    for m in shown:
        mx = x(dt.date.fromisoformat(m["day"]))
        level = 0
        while any(abs(mx - px) < 2 * MARKER_R + 2 and pl == level for px, pl in placed):
            level += 1
        placed.append((mx, level))
        levels[m["n"]] = level
    stack = max(levels.values(), default=0)

    where = (
        "The law events are listed under the axis." if standalone else "The same data is in the table below."
    )
    out: list[str] = [
        (
            f'<title id="tl-title">Timeline from {t.start} to {t.until}</title>'
            f'<desc id="tl-desc">The outcome on each day (top row), the person\'s citizenships, contracts and other '
            f"facts (rows below), and the law's events (numbered vertical lines). {where}</desc>"
        )
    ]
    head = 0.0
    if standalone:
        title = f"Extradition from Russia, {t.start} to {t.until - dt.timedelta(days=1)}"
        title += f" — {t.case_id}" if t.case_id else ""
        for line in wrap(title, WIDTH - 2 * MARGIN, 16, bold=True):
            head += 22
            out.append(text(MARGIN, head, line, "heading"))
        head += 8
    top = head + 40 + MARKER_STEP * stack
    y0 = top + 10
    axis_y = y0 + 40 + ROW_H * len(lanes) + 20
    for d in _ticks(t.start, t.until, plot):
        out.append(f'<line x1="{x(d):.1f}" y1="{top - 6}" x2="{x(d):.1f}" y2="{axis_y}" class="grid"/>')
        label = _tick_label(d)
        half = text_width(label, TICK_SIZE) / 2
        out.append(text(min(x(d), WIDTH - MARGIN - half), axis_y + 16, label, "tick", "middle"))
    # Outcome row
    out.append(text(MARGIN, y0 + 19, "Outcome", "lane"))
    for iv in t.intervals:
        x0, x1 = x(iv.start), x(iv.until)
        title = f"{iv.start} to {iv.until - dt.timedelta(days=1)}: {iv.outcome}" + (
            f" ({', '.join(iv.applies)})" if iv.applies else ""
        )
        out.append(
            f'<rect x="{x0:.1f}" y="{y0}" width="{max(x1 - x0, 1):.1f}" height="{OUTCOME_H}" class="{OUTCOME_CLASS[iv.outcome]}">'
            f"<title>{escape(title)}</title></rect>"
        )
        word = iv.outcome.replace("_", " ")
        if text_width(word, LABEL_SIZE, bold=True) + 10 <= x1 - x0:
            out.append(text((x0 + x1) / 2, y0 + 19, word, "bar-label", "middle"))
    # Person lanes
    for n, lane in enumerate(lanes):
        y = y0 + 40 + n * ROW_H
        name = shorten(lane.label, left - MARGIN - 12, LABEL_SIZE)
        out.append(
            f'<text x="{MARGIN}" y="{y + 15}" class="lane">{escape(name)}<title>{escape(lane.label)}</title></text>'
            if name != lane.label
            else text(MARGIN, y + 15, name, "lane")
        )
        for start, until, title in lane.spans:
            if (until is not None and until <= t.start) or (start is not None and start >= t.until):
                continue
            x0, x1 = x(start), x(until) if until is not None else x(t.until)
            open_end = "" if until is not None else " (still)"
            out.append(
                f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 3):.1f}" height="18" class="fact">'
                f"<title>{escape(title)}: {start or 'before'} to {until or 'now'}{open_end}</title></rect>"
            )
    # Law events: numbered vertical lines across every row
    # Highest first, so that a lower marker's circle is painted over the lines of those stacked above it.
    for m in sorted(shown, key=lambda m: -levels[m["n"]]):
        d = dt.date.fromisoformat(m["day"])
        cls = "law-uncertain" if m["kind"] == "law_uncertain" else "law"
        lift = MARKER_STEP * levels[m["n"]]
        out.append(
            f'<g class="{cls}"><title>{escape(m["day"] + ": " + m["what"])}</title>'
            f'<line x1="{x(d):.1f}" y1="{top - 4 - lift}" x2="{x(d):.1f}" y2="{axis_y}"/>'
            f'<circle cx="{x(d):.1f}" cy="{top - 15 - lift}" r="{MARKER_R}"/>'
            f'<text x="{x(d):.1f}" y="{top - 11 - lift}" text-anchor="middle">{m["n"]}</text></g>'
        )
    if decision_date is not None and t.start <= decision_date < t.until:
        out.append(
            f'<g class="decision"><title>decision date {decision_date}</title>'
            f'<line x1="{x(decision_date):.1f}" y1="{y0 - 4}" x2="{x(decision_date):.1f}" y2="{axis_y}"/></g>'
        )
    height = axis_y + 30
    if standalone:
        height = _legend_and_events(out, height, shown)
    svg = document(out, WIDTH, height, "timeline", "", standalone, labelled_by="tl-title tl-desc")
    return svg, markers


def _legend_and_events(out: list[str], y: float, shown: list[dict[str, Any]]) -> float:
    """Under the axis of a standalone picture: what the colours and lines mean, then the law events."""
    keys: list[tuple[str, str]] = [
        ("o-barred", "barred"),
        ("o-may", "may refuse"),
        ("o-undet", "undetermined"),
        ("o-permitted", "permitted"),
        ("fact", "the person's facts"),
        ("law", "law event (numbered)"),
        ("law-uncertain", "earliest possible date"),
        ("decision", "decision date"),
    ]
    cx, y = float(MARGIN), y + 8
    for cls, label in keys:
        w = 22 + text_width(label) + 18
        if cx + w > WIDTH - MARGIN:
            cx, y = MARGIN, y + 22
        if cls in ("law", "law-uncertain", "decision"):
            out.append(
                f'<line x1="{cx + 8:.1f}" y1="{y - 1}" x2="{cx + 8:.1f}" y2="{y + 15}" class="key {cls}"/>'
            )
        else:
            out.append(f'<rect x="{cx:.1f}" y="{y}" width="16" height="14" class="key {cls}"/>')
        out.append(text(cx + 22, y + 12, label, "key-label"))
        cx += w
    y += 22
    if shown:
        y += 18
        out.append(text(MARGIN, y, "Law events", "subheading"))
        for m in shown:
            lines = wrap(
                f"{m['day']}  {m['what']}" + (" (uncertain)" if m["kind"] == "law_uncertain" else ""),
                WIDTH - 2 * MARGIN - 30,
            )
            y += 20
            out.append(text(MARGIN + 24, y, f"{m['n']}.", "event-number", "end"))
            for k, line in enumerate(lines):
                if k:
                    y += 17
                out.append(text(MARGIN + 30, y, line, "event"))
    return y + 14
