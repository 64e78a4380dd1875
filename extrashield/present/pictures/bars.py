"""A horizontal bar chart (the figures page: what each source says a quantity is)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from extrashield.present.pictures.draw import document, shorten, text_width

WIDTH, LEFT, TOP, ROW_H = 1000, 330, 10, 30


def bars_svg(title: str, rows: Sequence[tuple[str, float, str, bool]], *, standalone: bool = False) -> str:
    """(label, value, value text, conflicting) per row; conflicting bars are outlined. A label too long
    for its column is shortened, with the whole of it in its <title>."""
    height = TOP + ROW_H * len(rows) + 10
    biggest = max((v for _, v, _, _ in rows), default=1) or 1
    values = [shorten(f"{text}{' ≠' if clash else ''}", WIDTH - LEFT - 140) for _, _, text, clash in rows]
    room = max((text_width(v) for v in values), default=0) + 16  # the value is written after its bar
    plot = WIDTH - LEFT - max(room, 120)
    out: list[str] = []
    for n, ((label, value, text, clash), shown) in enumerate(zip(rows, values)):
        y = TOP + n * ROW_H
        w = max(plot * value / biggest, 2)
        cls = "bar conflict" if clash else "bar"
        short = shorten(label, LEFT - 16)
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 19}" class="lane" text-anchor="end">{escape(short)}<title>{escape(label)}</title></text>'
        )
        out.append(
            f'<rect x="{LEFT}" y="{y + 4}" width="{w:.1f}" height="20" class="{cls}"><title>{escape(label)}: {escape(text)}</title></rect>'
        )
        out.append(f'<text x="{LEFT + w + 6:.1f}" y="{y + 19}" class="value">{escape(shown)}</text>')
    return document(out, WIDTH, height, "bars", title, standalone)
