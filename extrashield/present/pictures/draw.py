"""What every picture shares: the colours, a text-width estimate for layout, the standalone style, the
document wrapper, and writing a picture to a file.

A picture is one SVG string. On a web page it is inlined and styled by the page's stylesheet (the
pages' Content-Security-Policy forbids inline styles, so the SVG carries classes and presentation
attributes only). Written to a file it is *standalone*: an XML prolog, a white background and an inline
<style> with the same colours, since no page CSS is there.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

# The page stylesheet (extrashield/adapters/web/static/style.css) uses the same colours; a test keeps them equal.
COLOURS = {
    "barred": "#a93226",
    "may_refuse": "#9c4a00",
    "undetermined": "#4d5a66",
    "permitted": "#1d6b3a",
    "invalid": "#6c3483",
}
OUTCOME_CLASS = {
    "barred": "o-barred",
    "may_refuse": "o-may",
    "undetermined": "o-undet",
    "permitted": "o-permitted",
    "invalid": "o-invalid",
}
FG, GRID, FACT, LAW, UNCERTAIN = "#1b1f23", "#d5dbe1", "#3d6fa8", "#16324f", "#9c4a00"
FORMATS = (".svg", ".png")
# The two layouts a page shows (its stylesheet picks one by the screen's width): WIDE for a desk, drawn
# at 1000 units and shown at 960 px or more; NARROW for a phone, drawn at 320 units and shown at 320 to
# 480 px, so that 13-unit text is never drawn smaller than 12 px on a 360 px (or wider) phone.
WIDE, NARROW = 1000, 320

STANDALONE_CSS = f"""
text {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 13px; fill: {FG}; }}
.heading {{ font-size: 16px; font-weight: 700; }} .subheading {{ font-size: 14px; font-weight: 700; }}
.o-barred {{ fill: {COLOURS["barred"]}; }} .o-may {{ fill: {COLOURS["may_refuse"]}; }}
.o-undet {{ fill: {COLOURS["undetermined"]}; }} .o-permitted {{ fill: {COLOURS["permitted"]}; }}
.o-invalid {{ fill: {COLOURS["invalid"]}; }}
.grid {{ stroke: {GRID}; stroke-width: 1; }}
.bar-label {{ fill: #fff; font-weight: 600; }}
rect.fact {{ fill: {FACT}; }}
.law line {{ stroke: {LAW}; stroke-width: 2; }} .law circle {{ fill: {LAW}; }}
.marker-number {{ fill: #fff; font-weight: 700; }}
.law-uncertain line {{ stroke: {UNCERTAIN}; stroke-width: 2; stroke-dasharray: 5 4; }}
.law-uncertain circle {{ fill: {UNCERTAIN}; }}
.decision line {{ stroke: #000; stroke-width: 2; stroke-dasharray: 2 3; }}
.node-label, .changes {{ font-weight: 700; }}
.flow {{ fill-opacity: 0.75; }} .flow.same {{ fill: #aab4be; fill-opacity: 0.45; }}
.key.law, .key.law-uncertain, .key.decision {{ stroke-width: 3; }}
.key.law {{ stroke: {LAW}; }} .key.law-uncertain {{ stroke: {UNCERTAIN}; stroke-dasharray: 5 4; }}
.key.decision {{ stroke: #000; stroke-dasharray: 2 3; }}
.axis-label, .row-when {{ fill: #4a5360; }} a text {{ fill: #0b57b0; text-decoration: underline; }}
.range {{ stroke: {FACT}; stroke-width: 3; }} .range.conflict {{ stroke: {COLOURS["barred"]}; }}
.dot, .arrow {{ fill: {FACT}; }} .dot.conflict, .arrow.conflict {{ fill: {COLOURS["barred"]}; }}
.dot.conflict {{ stroke: #000; stroke-width: 2; }} .row-label {{ font-weight: 600; }}
.mark:focus .readout {{ visibility: visible; }} svg:focus-within .summary {{ visibility: hidden; }}
.mark:focus {{ outline: none; }}
.mark:focus > rect, .mark:focus > line, .mark:focus > circle {{ outline: 3px solid #f2b600; outline-offset: 2px; }}
"""

# Advance widths in em of a wide sans-serif (DejaVu Sans, the widest of the usual defaults), by class of
# character; layout uses them so that labels are placed, shortened or wrapped before they can collide.
_NARROW = set("ijlI.,:;'!|()[]{} ")
_WIDE = set("mwMW@%—")


def text_width(s: str, size: float = 13, bold: bool = False) -> float:
    em = 0.0
    for ch in s:
        if ch in _NARROW:
            em += 0.34
        elif ch in _WIDE:
            em += 0.95
        elif ch.isupper() or ch.isdigit():
            em += 0.72 if ch.isupper() else 0.64
        else:
            em += 0.62
    return em * size * (1.08 if bold else 1.0)


def shorten(s: str, width: float, size: float = 13, bold: bool = False) -> str:
    """`s`, cut with an ellipsis if it is wider than `width`."""
    if text_width(s, size, bold) <= width:
        return s
    while s and text_width(s + "…", size, bold) > width:
        s = s[:-1]
    return s.rstrip() + "…"


def wrap(s: str, width: float, size: float = 13, bold: bool = False) -> list[str]:
    """Greedy word wrap to lines no wider than `width` (a single overlong word is shortened)."""
    lines: list[str] = []
    line = ""
    for word in s.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
        else:
            if line:
                lines.append(line)
            line = shorten(word, width, size, bold)
    if line:
        lines.append(line)
    return lines or [""]


def text(x: float, y: float, s: str, cls: str | None = None, anchor: str = "start") -> str:
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{c}{a}>{escape(s)}</text>'


def document(
    body: list[str],
    width: int,
    height: float,
    cls: str,
    label: str,
    standalone: bool,
    labelled_by: str | None = None,
    role: str = "img",
) -> str:
    """Wrap the marks in an <svg> element; a standalone picture gets the prolog, a background and its style.

    A picture whose marks can be focused is a `group`, not an `img`: an image's children are hidden from
    assistive technology, so a focusable mark inside one could be reached but not announced."""
    name = f'aria-labelledby="{labelled_by}"' if labelled_by else f'aria-label="{escape(label)}"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" class="chart {cls}" '
        f'role="{role}" {name}'
    )
    if not standalone:
        return head + ">" + "".join(body) + "</svg>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + head + f' width="{width}" height="{height:.0f}">'
        f"<style>{STANDALONE_CSS}</style>"
        f'<rect x="0" y="0" width="{width}" height="{height:.0f}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>\n"
    )


def mark(cls: str, name: str, body: str, readout: str = "") -> str:
    """A mark a keyboard can reach: Tab stops on it, it is announced as an image named by its words (the
    <title>, also the tooltip under a mouse), and while it has focus (a Tab, a click or a tap) its words
    are shown in the picture's readout lines (CSS only: the pages' CSP allows no script to do it)."""
    return (
        f'<g class="mark {cls}" tabindex="0" role="img"><title>{escape(name)}</title>{body}'
        + (f'<g class="readout" visibility="hidden">{readout}</g>' if readout else "")
        + "</g>"
    )


def readout_lines(x: float, y: float, lines: list[str], cls: str = "readout-text") -> str:
    """Lines of text from baseline `y` down, 17 units apart (where a focused mark's words are shown)."""
    return "".join(text(x, y + 17 * k, line, cls) for k, line in enumerate(lines))


def check_format(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path}: expected a file name ending in .svg or .png")


def save(svg: str, path: Path) -> None:
    """Write a standalone picture: .svg as it is, .png rasterised by resvg at twice the SVG's size.

    resvg (the `resvg-py` wheel) needs no system library; it draws text with the fonts installed on the
    machine, so a PNG made where no font is installed has no words in it; the SVG always has them.
    """
    check_format(path)
    if path.suffix.lower() == ".svg":
        path.write_text(svg, encoding="utf-8")
        return
    import resvg_py  # only for PNG: a compiled module that the rest of the program does not need

    path.write_bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=2))
