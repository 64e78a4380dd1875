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

from extrashield.engine.timeline import Timeline, event_words
from extrashield.i18n import N_, _, language
from extrashield.i18n.conventions import text_day
from extrashield.present.pictures.draw import (
    OUTCOME_CLASS,
    WIDE,
    document,
    mark,
    readout_lines,
    shorten,
    text,
    text_width,
    wrap,
)

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
    from extrashield.facts.country_names import local_name

    for c in facts.get("person.citizenships") or ():
        country = local_name(c["country"]) if c["country"] else _("a country not known")
        lanes.append(
            Lane(
                _("Citizen of {country}").format(country=country),
                [(c["from"], c["until"], _("citizenship of {country}").format(country=country))],
            )
        )
    for i, s in enumerate(facts.get("person.military_service") or ()):
        until = s["contract_until"]
        end = None if until == "ongoing" else until
        formation = _(s["formation"].replace("_", " ")) if s["formation"] else _("formation unknown")
        title = _("contract {n}: {formation}, combat: {combat}").format(
            n=i + 1, formation=formation, combat=_tri(s["combat"])
        )
        if s["contract_from"] is not None or end is not None:
            lanes.append(Lane(_("Contract {n}").format(n=i + 1), [(s["contract_from"], end, title)]))
    if facts.get("person.asylum_in_russia.granted") and facts.get("person.asylum_in_russia.granted_on"):
        lanes.append(
            Lane(
                _("Asylum in Russia"),
                [
                    (
                        facts["person.asylum_in_russia.granted_on"],
                        facts.get("person.asylum_in_russia.ended_on"),
                        _("asylum in Russia"),
                    )
                ],
            )
        )
    offence = facts.get("request.offense.committed_on")
    if offence:
        lanes.append(
            Lane(_("Offence"), [(offence, offence + dt.timedelta(days=1), _("the act was committed"))])
        )
    received = facts.get("request.received_on")
    if received:
        lanes.append(Lane(_("Request"), [(received, received + dt.timedelta(days=1), _("request received"))]))
    return lanes


def _tri(v: bool | None) -> str:
    return _("unknown") if v is None else (_("yes") if v else _("no"))


def _tick_label(d: dt.date) -> str:
    if d.month == 1:
        return str(d.year)
    if language() == "ru":  # CLDR's short stand-alone month (апр. 2025), as Babel writes it
        from babel.dates import format_date

        return format_date(d, "LLL y", locale="ru")
    return d.strftime("%b %Y")


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


def outcome_changes(t: Timeline, markers: list[dict[str, Any]]) -> str:
    """The days on which the outcome changes, in words (the picture's summary line, shown until a mark
    is focused): what a reader most needs from the picture, readable however narrow it is drawn."""
    said = []
    for a, b in itertools.pairwise(t.intervals):
        if a.outcome != b.outcome:
            law = [str(m["n"]) for m in markers if m["day"] == b.start.isoformat()]
            event = _(" (law event {numbers})").format(numbers=", ".join(law)) if law else ""
            said.append(
                _("on {day}{event}: {before} → {after}").format(
                    day=text_day(b.start), event=event, before=_word(a.outcome), after=_word(b.outcome)
                )
            )
    if not said:
        only = _word(t.intervals[0].outcome) if t.intervals else _("unknown")
        return _("The outcome is {outcome} throughout.").format(outcome=only)
    return _("The outcome changes {changes}.").format(changes="; ".join(said))


def _grounds(ids: tuple[str, ...]) -> str:
    """The grounds that apply by their short citations ("Art. 464(1)(7) CPC"): words for people, not ids."""
    from extrashield.sources.lawbook import default_lawbook  # loaded once per process, as the engine did

    provisions = default_lawbook().provisions
    ru = language() == "ru"
    return ", ".join(
        (provisions[i].label.ru if ru else provisions[i].label.en) if i in provisions else i for i in ids
    )


def _citations() -> dict[str, str]:
    """Provisions cited in the picture's language (the law's events name them)."""
    from extrashield.sources.lawbook import default_lawbook

    ru = language() == "ru"
    return {i: (p.label.ru if ru else p.label.en) for i, p in default_lawbook().provisions.items()}


def _word(outcome: str) -> str:
    return _(outcome.replace("_", " "))


def timeline_svg(
    t: Timeline,
    facts: dict[str, Any],
    decision_date: dt.date | None = None,
    *,
    standalone: bool = False,
    width: int = WIDE,
    ids: str = "tl",
) -> tuple[str, list[dict[str, Any]]]:
    """The SVG and the numbered law markers it shows (the page lists them under the picture; a
    standalone picture lists them itself).

    `width` is the layout: WIDE puts the row names in a column left of the rows; narrower (a phone's
    NARROW) writes each name above its row, so that the whole range keeps the full width and every
    change of outcome is on screen without scrolling sideways. `ids` keeps the ids of two drawings of
    one timeline on one page apart. Every bar, law marker and the decision date is a focusable mark
    named by its words; a focused mark's words replace the summary line under the axis."""
    lanes = person_lanes(facts)
    above = width < WIDE  # row names above the rows
    if above:
        left = float(MARGIN)
    else:
        names_w = max(
            (text_width(n, LABEL_SIZE) for n in [_("Outcome"), *(la.label for la in lanes)]), default=0
        )
        left = min(LANE_MAX, max(LANE_MIN, MARGIN + names_w + 16))
    span = max(1, (t.until - t.start).days)
    plot = width - left - (MARGIN if above else RIGHT)

    def x(d: dt.date | None) -> float:
        if d is None:
            return left
        return left + plot * min(max((d - t.start).days, 0), span) / span

    law = [e for e in t.events if e.kind in ("law", "law_uncertain")]
    markers: list[dict[str, Any]] = [
        {
            "n": n + 1,
            "day": e.day.isoformat(),
            "what": event_words(e, _citations(), day=text_day),
            "kind": e.kind,
            "ref": e.ref,
        }
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
        _("The law events are listed under the axis.")
        if standalone
        else _("The same data is in the table below.")
    )
    timeline_title = _("Timeline from {start} to {until}").format(
        start=text_day(t.start), until=text_day(t.until)
    )
    description = _(
        "The outcome on each day (top row), the person's citizenships, contracts and other facts (rows below), "
        "and the law's events (numbered vertical lines). {where}"
    ).format(where=where)
    out: list[str] = [
        f'<title id="{ids}-title">{escape(timeline_title)}</title><desc id="{ids}-desc">{escape(description)}</desc>'
    ]
    head = 0.0
    if standalone:
        title = _("Extradition from Russia, {start} to {until}").format(
            start=text_day(t.start), until=text_day(t.until - dt.timedelta(days=1))
        )
        title += f" — {t.case_id}" if t.case_id else ""
        for line in wrap(title, width - 2 * MARGIN, 16, bold=True):
            head += 22
            out.append(text(MARGIN, head, line, "heading"))
        head += 8
    top = head + 40 + MARKER_STEP * stack
    y0 = top + 10
    # Each row: where its name's baseline is, and its bar's top (the outcome row first).
    name_h = 18 if above else 0  # a name written above its row takes a line of its own
    outcome_top = y0 + name_h
    rows_top = outcome_top + OUTCOME_H + 12
    lane_step = ROW_H + name_h
    axis_y = rows_top + lane_step * len(lanes) + 8

    def name_at(bar_top: float, bar_h: float) -> float:
        return bar_top - 6 if above else bar_top + bar_h / 2 + 4.5

    for d in _ticks(t.start, t.until, plot):
        out.append(f'<line x1="{x(d):.1f}" y1="{top - 6}" x2="{x(d):.1f}" y2="{axis_y}" class="grid"/>')
        label = _tick_label(d)
        half = text_width(label, TICK_SIZE) / 2
        tx = max(MARGIN + half, min(x(d), width - MARGIN - half))
        out.append(text(tx, axis_y + 16, label, "tick", "middle"))
    # Under the axis: the summary, or the words of the focused mark in its place.
    readout_y = axis_y + 42
    line_w = width - 2 * MARGIN
    summary = wrap(outcome_changes(t, markers), line_w)
    longest = len(summary)

    def said(words: str) -> str:
        nonlocal longest
        lines = wrap(words, line_w)
        longest = max(longest, len(lines))
        return readout_lines(MARGIN, readout_y, lines)

    # Outcome row
    out.append(text(MARGIN, name_at(outcome_top, OUTCOME_H), _("Outcome"), "lane"))
    for iv in t.intervals:
        x0, x1 = x(iv.start), x(iv.until)
        title = _("{start} to {until}: {outcome}").format(
            start=text_day(iv.start),
            until=text_day(iv.until - dt.timedelta(days=1)),
            outcome=_word(iv.outcome),
        ) + (f" ({_grounds(iv.applies)})" if iv.applies else "")
        word = _word(iv.outcome)
        fits = text_width(word, LABEL_SIZE, bold=True) + 10 <= x1 - x0
        out.append(
            mark(
                "interval",
                title,
                f'<rect x="{x0:.1f}" y="{outcome_top}" width="{max(x1 - x0, 1):.1f}" height="{OUTCOME_H}" '
                f'class="{OUTCOME_CLASS[iv.outcome]}"/>'
                + (text((x0 + x1) / 2, outcome_top + 19, word, "bar-label", "middle") if fits else ""),
                said(title),
            )
        )
    # Person lanes
    for n, lane in enumerate(lanes):
        y = rows_top + n * lane_step + name_h
        name = lane.label if above else shorten(lane.label, left - MARGIN - 12, LABEL_SIZE)
        out.append(
            f'<text x="{MARGIN}" y="{name_at(y, 18):.1f}" class="lane">{escape(name)}<title>{escape(lane.label)}</title></text>'
            if name != lane.label
            else text(MARGIN, name_at(y, 18), name, "lane")
        )
        for start, until, what in lane.spans:
            if (until is not None and until <= t.start) or (start is not None and start >= t.until):
                continue
            x0, x1 = x(start), x(until) if until is not None else x(t.until)
            open_end = "" if until is not None else _(" (still)")
            title = (
                _("{what}: {start} to {until}").format(
                    what=what,
                    start=text_day(start) if start else _("before"),
                    until=text_day(until) if until else _("now"),
                )
                + open_end
            )
            out.append(
                mark(
                    "span",
                    title,
                    f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 3):.1f}" height="18" class="fact"/>',
                    said(title),
                )
            )
    # Law events: numbered vertical lines across every row
    # Highest first, so that a lower marker's circle is painted over the lines of those stacked above it.
    for m in sorted(shown, key=lambda m: -levels[m["n"]]):
        d = dt.date.fromisoformat(m["day"])
        cls = "law-uncertain" if m["kind"] == "law_uncertain" else "law"
        lift = MARKER_STEP * levels[m["n"]]
        title = f"{m['n']}. {text_day(m['day'])}: {m['what']}" + (
            _(" (uncertain)") if m["kind"] == "law_uncertain" else ""
        )
        out.append(
            mark(
                cls,
                title,
                f'<line x1="{x(d):.1f}" y1="{top - 4 - lift}" x2="{x(d):.1f}" y2="{axis_y}"/>'
                f'<circle cx="{x(d):.1f}" cy="{top - 15 - lift}" r="{MARKER_R}"/>'
                f'<text x="{x(d):.1f}" y="{top - 10 - lift}" text-anchor="middle" class="marker-number">{m["n"]}</text>',
                said(title),
            )
        )
    if decision_date is not None and t.start <= decision_date < t.until:
        title = _("decision date {day}").format(day=text_day(decision_date))
        out.append(
            mark(
                "decision",
                title,
                f'<line x1="{x(decision_date):.1f}" y1="{y0 - 4}" x2="{x(decision_date):.1f}" y2="{axis_y}"/>',
                said(title),
            )
        )
    out.append(f'<g class="summary">{readout_lines(MARGIN, readout_y, summary, "summary-text")}</g>')
    height = readout_y + 17 * (longest - 1) + 16
    if standalone:
        height = _legend_and_events(out, height, shown, width)
    svg = document(
        out, width, height, "timeline", "", standalone, labelled_by=f"{ids}-title {ids}-desc", role="group"
    )
    return svg, markers


def _legend_and_events(out: list[str], y: float, shown: list[dict[str, Any]], width: int) -> float:
    """Under the axis of a standalone picture: what the colours and lines mean, then the law events."""
    keys: list[tuple[str, str]] = [
        ("o-barred", N_("barred")),
        ("o-may", N_("may refuse")),
        ("o-undet", N_("undetermined")),
        ("o-permitted", N_("permitted")),
        ("fact", N_("the person's facts")),
        ("law", N_("law event (numbered)")),
        ("law-uncertain", N_("earliest possible date")),
        ("decision", N_("decision date")),
    ]
    cx, y = float(MARGIN), y + 8
    for cls, msgid in keys:
        label = _(msgid)
        w = 22 + text_width(label) + 18
        if cx + w > width - MARGIN:
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
        out.append(text(MARGIN, y, _("Law events"), "subheading"))
        for m in shown:
            lines = wrap(
                f"{text_day(m['day'])}  {m['what']}"
                + (_(" (uncertain)") if m["kind"] == "law_uncertain" else ""),
                width - 2 * MARGIN - 30,
            )
            y += 20
            out.append(text(MARGIN + 24, y, f"{m['n']}.", "event-number", "end"))
            for k, line in enumerate(lines):
                if k:
                    y += 17
                out.append(text(MARGIN + 30, y, line, "event"))
    return y + 14
