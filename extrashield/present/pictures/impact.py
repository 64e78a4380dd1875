"""The impact picture: how the rows' outcomes flow from the "before" setting to the "after" one.

Outcomes before on the left, after on the right, one band per transition, its thickness proportional to
the rows (with a visible minimum, so that a transition of one row among millions still shows); bands
that change the outcome take the colour of the outcome they lead to, the rest are grey. Under the
flows every transition is written out with its count and share, changes first.

It draws from `Transitions.to_dict()` (extrashield/services/impact.py), so it needs no numpy.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from extrashield.present.pictures.draw import OUTCOME_CLASS, document, text, text_width, wrap

ORDER = ("barred", "may_refuse", "undetermined", "permitted", "invalid")
WIDTH, MARGIN = 1000, 12
NODE_W, NODE_X = 16, 300  # the left column's x; the right one mirrors it
FLOWS_H, MIN_BAND, GAP, SLOT_MIN = 300, 3, 16, 38


def _name(outcome: str) -> str:
    return outcome.replace("_", " ")


def _order(names: set[str]) -> list[str]:
    return [o for o in ORDER if o in names] + sorted(names - set(ORDER))


def impact_svg(d: Mapping[str, Any], *, standalone: bool = False) -> str:
    rows = int(d["rows"])
    flows = [t for t in d["transitions"] if t["count"]]
    out: list[str] = []
    y = 0.0
    heading = f"{d['changed']:,} of {rows:,} rows change outcome" + (
        f" ({100 * d['changed_share']:.2f}%)" if rows else ""
    )
    for line in wrap(heading, WIDTH - 2 * MARGIN, 16, bold=True):
        y += 24
        out.append(text(MARGIN, y, line, "heading"))
    for side in ("before", "after"):
        for k, line in enumerate(wrap(f"{side.capitalize()}: {d[side]}", WIDTH - 2 * MARGIN)):
            y += 20 if k == 0 else 17
            out.append(text(MARGIN, y, line, "note"))
    if not flows:
        y += 28
        out.append(text(MARGIN, y, "No rows, no flows.", "note"))
        return document(out, WIDTH, y + 16, "impact", heading, standalone)

    left_x, right_x = NODE_X, WIDTH - NODE_X - NODE_W
    y += 36
    out.append(text(left_x + NODE_W, y, "Before", "subheading", "end"))
    out.append(text(right_x, y, "After", "subheading"))
    y += 14
    total = sum(t["count"] for t in flows)
    thick = {(t["before"], t["after"]): max(MIN_BAND, FLOWS_H * t["count"] / total) for t in flows}
    befores, afters = _order({t["before"] for t in flows}), _order({t["after"] for t in flows})

    def column(names: list[str], side: int) -> tuple[dict[str, float], dict[str, float], float]:
        """Each node's top and height, stacked from y down; a node is at least as tall as its two-line label."""
        tops, heights, cursor = {}, {}, y
        for name in names:
            h = sum(v for k, v in thick.items() if k[side] == name)
            slot = max(h, SLOT_MIN)
            tops[name], heights[name] = cursor + (slot - h) / 2, h
            cursor += slot + GAP
        return tops, heights, cursor - GAP

    l_top, l_h, l_end = column(befores, 0)
    r_top, r_h, r_end = column(afters, 1)
    totals = {"before": d["before_totals"], "after": d["after_totals"]}
    for names, tops, heights, x, side in (
        (befores, l_top, l_h, left_x, "before"),
        (afters, r_top, r_h, right_x, "after"),
    ):
        for name in names:
            n = totals[side].get(name, 0)
            mid = tops[name] + heights[name] / 2
            out.append(
                f'<rect x="{x}" y="{tops[name]:.1f}" width="{NODE_W}" height="{heights[name]:.1f}" '
                f'class="node {OUTCOME_CLASS.get(name, "o-undet")}"><title>{escape(side)}: {escape(_name(name))}, '
                f"{n:,} rows</title></rect>"
            )
            lx, anchor = (x - 8, "end") if side == "before" else (x + NODE_W + 8, "start")
            out.append(text(lx, mid - 3, _name(name), "node-label", anchor))
            out.append(text(lx, mid + 14, f"{n:,} ({100 * n / total:.1f}%)", "node-count", anchor))
    # Bands: leave each left node in the right column's order, arrive in the left column's order.
    l_cursor, r_cursor = dict(l_top), dict(r_top)
    x0, x1 = left_x + NODE_W, right_x
    xm = (x0 + x1) / 2
    bands: dict[tuple[str, str], tuple[float, float]] = {}
    for b in befores:
        for a in afters:
            if (b, a) in thick:
                bands[(b, a)] = (l_cursor[b], 0.0)
                l_cursor[b] += thick[(b, a)]
    for a in afters:
        for b in befores:
            if (b, a) in thick:
                bands[(b, a)] = (bands[(b, a)][0], r_cursor[a])
                r_cursor[a] += thick[(b, a)]
    counts = {(t["before"], t["after"]): t for t in flows}
    for (b, a), (ly, ry) in sorted(
        bands.items(), key=lambda kv: kv[0][0] != kv[0][1]
    ):  # changes drawn on top
        h = thick[(b, a)]
        t = counts[(b, a)]
        cls = "flow same" if a == b else f"flow {OUTCOME_CLASS.get(a, 'o-undet')}"
        out.append(
            f'<path d="M{x0},{ly:.1f} C{xm},{ly:.1f} {xm},{ry:.1f} {x1},{ry:.1f} L{x1},{ry + h:.1f} '
            f'C{xm},{ry + h:.1f} {xm},{ly + h:.1f} {x0},{ly + h:.1f} Z" class="{cls}"><title>'
            f"{escape(_name(b))} → {escape(_name(a))}: {t['count']:,} rows ({100 * t['share']:.2f}%)</title></path>"
        )
    # Every transition in words, changes first, largest first.
    y = max(l_end, r_end) + 40
    out.append(text(MARGIN, y, "Transitions", "subheading"))
    count_x = (
        MARGIN
        + 40
        + max(text_width(f"{_name(t['before'])} → {_name(t['after'])}") for t in flows)
        + 24
        + max(text_width(f"{t['count']:,}") for t in flows)
    )
    for t in sorted(flows, key=lambda t: (t["before"] == t["after"], -t["count"])):
        y += 22
        changed = t["before"] != t["after"]
        cls = f"key {OUTCOME_CLASS.get(t['after'], 'o-undet')}" if changed else "key flow same"
        out.append(f'<rect x="{MARGIN}" y="{y - 12}" width="28" height="14" class="{cls}"/>')
        out.append(text(MARGIN + 40, y, f"{_name(t['before'])} → {_name(t['after'])}", "transition"))
        out.append(text(count_x, y, f"{t['count']:,}", "count", "end"))
        out.append(text(count_x + 80, y, f"{100 * t['share']:.2f}%", "count", "end"))
        if changed:
            out.append(text(count_x + 96, y, "changes", "changes"))
    return document(out, WIDTH, y + 20, "impact", heading, standalone)
