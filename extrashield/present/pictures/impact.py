"""The impact picture: how the rows' outcomes flow from the "before" setting to the "after" one.

Outcomes before on the left, after on the right, one band per transition (an alluvial drawing). A band's
thickness is proportional to its rows, but never thinner than a line of text, so that every band carries
its own count and share, written where it leaves its outcome (the bands leaving one outcome lie side by
side there, so no two of these labels can meet). Bands that change the outcome are marked three ways, so
that colour is not the only sign: the colour of the outcome they lead to, a dark outline, and the legend;
the rest are grey. Under the flows every transition is written out with its count and share, changes
first, and the same words are the picture's text alternative (<title> and <desc>, and a <title> on every
mark).

Nothing is clipped: the columns are placed from the widths of their labels, and the canvas grows (from
1000 wide) until the labels, the flows' labels and the list of transitions fit. It draws from
`Transitions.to_dict()` (extrashield/services/impact.py), so it needs no numpy.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from extrashield.present.pictures.draw import OUTCOME_CLASS, document, text, text_width, wrap

ORDER = ("barred", "may_refuse", "undetermined", "permitted", "invalid")
WIDTH, MARGIN = 1000, 12
NODE_W, LABEL_GAP = 16, 10  # a column's bar; the space between a bar and its labels
FLOWS_H, BAND_MIN, GAP, SLOT_MIN = 320, 19, 18, 40  # a band is at least a line of 13px text high
FLOW_GAP_MIN = 260  # the least room between the columns, for the bands to turn and their labels to sit
CHANGED_STROKE = "#1b1f23"


def _name(outcome: str) -> str:
    return outcome.replace("_", " ")


def _order(names: set[str]) -> list[str]:
    return [o for o in ORDER if o in names] + sorted(names - set(ORDER))


def _share(count: int, total: int) -> str:
    """A share for people: two decimals, and never `0.00%` for a transition that has rows."""
    if not total:
        return "0%"
    share = 100 * count / total
    return "<0.01%" if 0 < share < 0.01 else f"{share:.2f}%"


def _flow_label(t: Mapping[str, Any], total: int) -> str:
    return f"{t['count']:,} ({_share(t['count'], total)})"


def _transition(t: Mapping[str, Any]) -> str:
    return f"{_name(t['before'])} → {_name(t['after'])}"


def impact_svg(d: Mapping[str, Any], *, standalone: bool = False) -> str:
    rows = int(d["rows"])
    flows = [t for t in d["transitions"] if t["count"]]
    total = sum(t["count"] for t in flows)
    heading = f"{d['changed']:,} of {rows:,} rows change outcome" + (
        f" ({100 * d['changed_share']:.2f}%)" if rows else ""
    )
    ordered = sorted(flows, key=lambda t: (t["before"] == t["after"], -t["count"]))
    befores, afters = _order({t["before"] for t in flows}), _order({t["after"] for t in flows})
    totals = {"before": d["before_totals"], "after": d["after_totals"]}

    # Widths: each column's labels, the flows' labels, the list of transitions; the canvas fits them all.
    def node_texts(side: str, names: list[str]) -> list[tuple[str, bool]]:
        out = []
        for name in names:
            n = totals[side].get(name, 0)
            out += [(_name(name), True), (f"{n:,} ({_share(n, total)})", False)]
        return out

    left_w = max((text_width(s, bold=b) for s, b in node_texts("before", befores)), default=0)
    right_w = max((text_width(s, bold=b) for s, b in node_texts("after", afters)), default=0)
    left_w, right_w = max(left_w, text_width("Before", 14, True)), max(right_w, text_width("After", 14, True))
    flow_w = max((text_width(_flow_label(t, total)) for t in flows), default=0)
    flow_gap = max(FLOW_GAP_MIN, 2.5 * flow_w)
    name_w = max((text_width(_transition(t)) for t in flows), default=0)
    count_w = max((text_width(f"{t['count']:,}") for t in flows), default=0)
    share_w = max((text_width(_share(t["count"], total)) for t in flows), default=0)
    list_w = 40 + name_w + 24 + count_w + 16 + share_w + 16 + text_width("changes", bold=True)
    key_w = 40 + text_width(KEY_CHANGED) + 32 + 40 + text_width(KEY_SAME)
    inner = left_w + LABEL_GAP + NODE_W + flow_gap + NODE_W + LABEL_GAP + right_w
    width = int(max(WIDTH, 2 * MARGIN + max(inner, list_w, key_w)) + 0.999)
    slack = width - 2 * MARGIN - inner
    left_x = MARGIN + left_w + LABEL_GAP + slack / 4
    right_x = width - MARGIN - right_w - LABEL_GAP - NODE_W - slack / 4

    out: list[str] = []
    y = 0.0
    for line in wrap(heading, width - 2 * MARGIN, 16, bold=True):
        y += 24
        out.append(text(MARGIN, y, line, "heading"))
    for side in ("before", "after"):
        for k, line in enumerate(wrap(f"{side.capitalize()}: {d[side]}", width - 2 * MARGIN)):
            y += 20 if k == 0 else 17
            out.append(text(MARGIN, y, line, "note"))
    alternative = _alternative(d, heading, ordered, total)
    if not flows:
        y += 28
        out.append(text(MARGIN, y, "No rows, no flows.", "note"))
        return _document(out, width, y + 16, heading, alternative, standalone)

    y = _legend(out, y + 34)
    y += 36
    out.append(text(left_x + NODE_W, y, "Before", "subheading", "end"))
    out.append(text(right_x, y, "After", "subheading"))
    y += 14
    thick = {(t["before"], t["after"]): max(BAND_MIN, FLOWS_H * t["count"] / total) for t in flows}

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
    for names, tops, heights, x, side in (
        (befores, l_top, l_h, left_x, "before"),
        (afters, r_top, r_h, right_x, "after"),
    ):
        for name in names:
            n = totals[side].get(name, 0)
            mid = tops[name] + heights[name] / 2
            out.append(
                f'<rect x="{x:.1f}" y="{tops[name]:.1f}" width="{NODE_W}" height="{heights[name]:.1f}" '
                f'class="node {OUTCOME_CLASS.get(name, "o-undet")}"><title>{escape(side)}: {escape(_name(name))}, '
                f"{n:,} rows ({escape(_share(n, total))})</title></rect>"
            )
            lx, anchor = (x - LABEL_GAP, "end") if side == "before" else (x + NODE_W + LABEL_GAP, "start")
            out.append(text(lx, mid - 3, _name(name), "node-label", anchor))
            out.append(text(lx, mid + 14, f"{n:,} ({_share(n, total)})", "node-count", anchor))
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
    labels: list[str] = []
    for (b, a), (ly, ry) in sorted(bands.items(), key=lambda kv: kv[0][0] != kv[0][1]):  # changes on top
        h = thick[(b, a)]
        t = counts[(b, a)]
        if a == b:
            cls, outline = "flow same", ""
        else:
            cls = f"flow changed {OUTCOME_CLASS.get(a, 'o-undet')}"
            outline = f' stroke="{CHANGED_STROKE}" stroke-width="1.5"'
        out.append(
            f'<path d="M{x0:.1f},{ly:.1f} C{xm:.1f},{ly:.1f} {xm:.1f},{ry:.1f} {x1:.1f},{ry:.1f} '
            f'L{x1:.1f},{ry + h:.1f} C{xm:.1f},{ry + h:.1f} {xm:.1f},{ly + h:.1f} {x0:.1f},{ly + h:.1f} Z" '
            f'class="{cls}"{outline}><title>{escape(_transition(t))}: {t["count"]:,} rows '
            f"({escape(_share(t['count'], total))}){', the outcome changes' if a != b else ''}</title></path>"
        )
        # written over every band (after them all), with a white halo that keeps it legible on any colour
        labels.append(
            f'<text x="{x0 + 6:.1f}" y="{ly + h / 2 + 4.5:.1f}" class="flow-label" stroke="#ffffff" '
            f'stroke-width="3" paint-order="stroke">{escape(_flow_label(t, total))}</text>'
        )
    out += labels
    # Every transition in words, changes first, largest first.
    y = max(l_end, r_end) + 40
    out.append(text(MARGIN, y, "Transitions", "subheading"))
    count_x = MARGIN + 40 + name_w + 24 + count_w
    share_x = count_x + 16 + share_w
    for t in ordered:
        y += 22
        changed = t["before"] != t["after"]
        out.append(_key(MARGIN, y - 12, changed, t["after"]))
        out.append(text(MARGIN + 40, y, _transition(t), "transition"))
        out.append(text(count_x, y, f"{t['count']:,}", "count", "end"))
        out.append(text(share_x, y, _share(t["count"], total), "count", "end"))
        if changed:
            out.append(text(share_x + 16, y, "changes", "changes"))
    return _document(out, width, y + 20, heading, alternative, standalone)


KEY_CHANGED = "the outcome changes (coloured as the outcome after, outlined)"
KEY_SAME = "the outcome stays"


def _key(x: float, y: float, changed: bool, after: str) -> str:
    if changed:
        return (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="28" height="14" class="key changed '
            f'{OUTCOME_CLASS.get(after, "o-undet")}" stroke="{CHANGED_STROKE}" stroke-width="1.5"/>'
        )
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="28" height="14" class="key flow same"/>'


def _legend(out: list[str], y: float) -> float:
    """What marks a band that changes the outcome, on one line (the canvas is made wide enough for it)."""
    out.append(_key(MARGIN, y - 12, True, "barred"))
    out.append(text(MARGIN + 40, y, KEY_CHANGED, "key-label"))
    x = MARGIN + 40 + text_width(KEY_CHANGED) + 32
    out.append(_key(x, y - 12, False, ""))
    out.append(text(x + 40, y, KEY_SAME, "key-label"))
    return y


def _alternative(d: Mapping[str, Any], heading: str, ordered: list[Mapping[str, Any]], total: int) -> str:
    """The picture in words, for a screen reader (its <desc>)."""
    said = "; ".join(
        f"{_transition(t)}: {t['count']:,} rows ({_share(t['count'], total)})"
        + (", changes" if t["before"] != t["after"] else "")
        for t in ordered
    )
    return (
        f"Flows of outcomes from before ({d['before']}) on the left to after ({d['after']}) on the right, "
        f"one band per transition, its thickness proportional to its rows. {heading}."
        + (f" {said}." if said else "")
    )


def _document(out: list[str], width: int, height: float, heading: str, desc: str, standalone: bool) -> str:
    head = f'<title id="impact-title">{escape(heading)}</title><desc id="impact-desc">{escape(desc)}</desc>'
    return document([head, *out], width, height, "impact", heading, standalone, "impact-title impact-desc")
