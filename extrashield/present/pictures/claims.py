"""The claims chart (the figures page): what each source says a number is, with its date and its source.

One row per claim: a dot at the number said and a line over the numbers the claim allows (the sets the
figures ledger compares, extrashield/sources/figures.py `Claim.bounds`: "about" ±10 %, "at least" and
more, drawn to the edge with an arrow, "up to" and fewer), the number in words, the date it is about,
and the source as a link. Claims from 3 to 18,000 share one chart, so when the largest is ten times the
smallest or more the axis is logarithmic, one labelled gridline per power of ten; otherwise it is linear
from zero. Nothing is cut: every label is wrapped and the rows grow to hold it.

WIDE puts the words left and right of the axis; narrower (NARROW, a phone) stacks them above each row's
own strip of axis. Each row's dot and line is a focusable mark named by the row's words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from babel.numbers import format_decimal

from extrashield.i18n import _, language
from extrashield.present.pictures.draw import WIDE, document, mark, text, text_width, wrap

MARGIN, LINE, GAP = 8, 17, 14  # a line of 13-unit text; the space between rows
DOT_R, ARROW = 5, 7
LOG_SPREAD = 10  # the largest number at least this many times the smallest: a logarithmic axis


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the chart shows it."""

    label: str  # what is counted and who said it
    value: float
    low: float  # the numbers the claim allows, low to high (high may be infinite)
    high: float
    shown: str  # the number in words ("about 18,000 people")
    when: str  # the date or period the number is about ("as of 2025-12-31")
    source: str  # a short citation ("The Moscow Times, 2026-03-09")
    url: str | None
    conflict: bool  # disagrees with another claim about the same quantity

    @property
    def name(self) -> str:
        said = _("{label}: {shown}, {when}; reported by {source}").format(
            label=self.label, shown=self.shown, when=self.when, source=self.source
        )
        return said + (_("; disagrees with another claim about the same quantity") if self.conflict else "")


@dataclass(frozen=True)
class Scale:
    lo: float
    hi: float
    log: bool

    def at(self, v: float, x0: float, x1: float) -> float:
        """Where `v` is between x0 and x1 (a number beyond the axis is put at its end)."""
        if self.log:
            v = max(v, self.lo)
            share = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            share = (v - self.lo) / (self.hi - self.lo)
        return x0 + (x1 - x0) * min(max(share, 0.0), 1.0)

    def ticks(self, room: float) -> list[float]:
        if self.log:
            k = round(math.log10(self.lo))
            return [10.0**e for e in range(k, round(math.log10(self.hi)) + 1)]
        for step in _steps(self.hi):
            out = [step * i for i in range(int(self.hi / step + 1e-9) + 1)]
            widest = max(text_width(_number(v)) for v in out)
            if len(out) < 2 or room / (len(out) - 1) >= widest + 12:
                return out
        return [self.lo, self.hi]


def _steps(hi: float) -> list[float]:
    """Round steps (1, 2, 5 times a power of ten), finest first, from about a tenth of `hi`."""
    e = math.floor(math.log10(hi / 10)) if hi > 0 else 0
    return [m * 10.0**k for k in range(e, e + 4) for m in (1, 2, 5)]


def _number(v: float) -> str:
    """A tick's number in the current language's digit grouping (18,000 / 18 000; CLDR's, via Babel)."""
    return format_decimal(v, format="#,##0" if v >= 1 or v == 0 else "0.######", locale=language())


def scale_for(rows: Sequence[ClaimRow]) -> Scale:
    """Logarithmic when the numbers span a factor of LOG_SPREAD or more (and none is zero), else linear from 0."""
    values = [r.value for r in rows]
    finite = [v for r in rows for v in (r.value, r.low, r.high) if math.isfinite(v)]
    smallest, largest = min(values, default=1.0), max(finite, default=1.0)
    if smallest > 0 and largest / smallest >= LOG_SPREAD:
        lowest = min(v for v in finite if v > 0)
        return Scale(10.0 ** math.floor(math.log10(lowest)), 10.0 ** math.ceil(math.log10(largest)), True)
    top = largest * 1.05 or 1.0
    step = next(s for s in _steps(top) if top / s <= 6)
    return Scale(0.0, step * math.ceil(top / step - 1e-9), False)


def claims_svg(
    title: str, rows: Sequence[ClaimRow], *, width: int = WIDE, ids: str = "claims", standalone: bool = False
) -> str:
    """The chart of `rows`, in their order. `ids` keeps the ids of several charts on one page apart."""
    scale = scale_for(rows)
    wide = width >= WIDE
    inner = width - 2 * MARGIN
    ends_w = max(text_width(_number(v)) for v in (scale.lo, scale.hi)) / 2  # tick labels at the axis's ends
    if wide:
        # the axis gets room for a labelled gridline per power of ten, the words on either side the rest
        value_w = max((text_width(s) for r in rows for s in (_value(r), r.when)), default=0) + 8
        decades = round(math.log10(scale.hi / scale.lo)) if scale.log else 0
        ticks_w = min(0.45 * inner, max(0.3 * inner, decades * (text_width(_number(scale.hi)) + 16)))
        label_w = inner - value_w - ticks_w - 32 - 2 * ends_w
        x0, x1 = MARGIN + label_w + 16 + ends_w, width - MARGIN - value_w - 16 - ends_w
    else:
        value_w, label_w = inner, inner
        x0, x1 = MARGIN + ends_w, width - MARGIN - ends_w
    ticks = scale.ticks(x1 - x0)
    how = (
        _("logarithmic axis: each gridline is ten times the one before") if scale.log else _("axis from zero")
    )
    out: list[str] = [f'<title id="{ids}-title">{escape(title)}</title>']
    y = 0.0
    if standalone:
        for line in wrap(title, inner, 16, bold=True):
            y += 22
            out.append(text(MARGIN, y, line, "heading"))
        y += 6
    for line in wrap(how.capitalize(), label_w if wide else inner):
        y += LINE
        out.append(text(MARGIN, y, line, "axis-label"))
    if wide:
        y = max(y, LINE)  # the tick labels are on the same line as the axis's note
    else:
        y += LINE + 4
    out += _tick_labels(scale, ticks, x0, x1, y, width)
    y += 8
    rows_top, grid_at = y, len(out)
    for r in rows:  # each row's mark, then its words: Tab reaches a claim's dot, then its source
        top = y + GAP
        if wide:
            words, y = _words(r, MARGIN, top, label_w)
            vx = width - MARGIN - value_w
            words += [text(vx, top + 13, _value(r), "value"), text(vx, top + 13 + LINE, r.when, "row-when")]
            y = max(y, top + 2 * LINE)
            out += [_mark(r, scale, x0, x1, top + 8, None), *words]
        else:
            words, y = _words(r, MARGIN, top, inner, narrow=True)
            out += [_mark(r, scale, x0, x1, y + 10, ticks), *words]
            y += 20
    if wide:  # the gridlines under the marks, from the first row to the last
        out[grid_at:grid_at] = [
            f'<line x1="{scale.at(v, x0, x1):.1f}" y1="{rows_top:.1f}" x2="{scale.at(v, x0, x1):.1f}" '
            f'y2="{y + 4:.1f}" class="grid"/>'
            for v in ticks
        ]
        y += 4
    if rows:
        out += _tick_labels(scale, ticks, x0, x1, y + LINE, width)
        y += LINE
    return document(out, width, y + 10, "claims", title, standalone, f"{ids}-title", role="group")


def _value(r: ClaimRow) -> str:
    return r.shown + (" ≠" if r.conflict else "")


def _words(r: ClaimRow, x: float, top: float, w: float, narrow: bool = False) -> tuple[list[str], float]:
    """The row's label, (on a phone) its number and date, and its source as a link; the y under them."""
    out: list[str] = []
    y = top + 13
    for line in wrap(r.label, w, bold=True):
        out.append(text(x, y, line, "row-label"))
        y += LINE
    if narrow:
        for line in wrap(f"{_value(r)}, {r.when}", w):
            out.append(text(x, y, line, "value"))
            y += LINE
    source = wrap(_("Source: {source}").format(source=r.source), w)
    lines = "".join(text(x, y + LINE * k, line, "row-source") for k, line in enumerate(source))
    out.append(f'<a href="{escape(r.url)}" rel="noreferrer">{lines}</a>' if r.url else lines)
    return out, y + LINE * (len(source) - 1) + 4


def _mark(r: ClaimRow, scale: Scale, x0: float, x1: float, y: float, ticks: list[float] | None) -> str:
    """The dot at the number said and the line over the numbers allowed; on a phone, the row's own axis."""
    conflict = " conflict" if r.conflict else ""
    body = ""
    if ticks is not None:
        body += f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" class="grid"/>'
        body += "".join(
            f'<line x1="{scale.at(v, x0, x1):.1f}" y1="{y - 5:.1f}" x2="{scale.at(v, x0, x1):.1f}" y2="{y + 5:.1f}" class="grid"/>'
            for v in ticks
        )
    lo = scale.at(r.low, x0, x1) if r.low > 0 or not scale.log else x0
    hi = scale.at(r.high, x0, x1) if math.isfinite(r.high) else x1
    body += f'<line x1="{lo:.1f}" y1="{y:.1f}" x2="{hi:.1f}" y2="{y:.1f}" class="range{conflict}"/>'
    if not math.isfinite(r.high):  # "at least": the numbers go on past the axis
        body += _arrow(x1, y, 1, conflict)
    if scale.log and r.low <= 0:  # "up to": down to zero, which a logarithmic axis cannot reach
        body += _arrow(x0, y, -1, conflict)
    cx = scale.at(r.value, x0, x1)
    body += f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="{DOT_R}" class="dot{conflict}"/>'
    return mark("claim", r.name, body)


def _arrow(x: float, y: float, towards: int, conflict: str) -> str:
    tip = x + towards * 2
    return (
        f'<path d="M{tip:.1f},{y:.1f} L{tip - towards * ARROW:.1f},{y - ARROW / 1.5:.1f} '
        f'L{tip - towards * ARROW:.1f},{y + ARROW / 1.5:.1f} Z" class="arrow{conflict}"/>'
    )


def _tick_labels(scale: Scale, ticks: list[float], x0: float, x1: float, y: float, width: int) -> list[str]:
    """A label under every gridline, or under every second (third...) where they would meet."""
    widest = max((text_width(_number(v)) for v in ticks), default=0.0)
    # gridlines are evenly spaced on either axis
    room = scale.at(ticks[1], x0, x1) - scale.at(ticks[0], x0, x1) if len(ticks) > 1 else x1 - x0
    every = next((k for k in range(1, len(ticks) + 1) if k * room >= widest + 10), max(len(ticks), 1))
    out = []
    for v in ticks[::every]:
        label = _number(v)
        half = text_width(label) / 2
        tx = min(max(scale.at(v, x0, x1), MARGIN + half), width - MARGIN - half)
        out.append(text(tx, y, label, "tick", "middle"))
    return out
