"""The pictures: one drawer per picture for the command line's `--picture` and the web pages, a
standalone SVG file that parses, shows what the page shows, and keeps its words inside the picture."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from extrashield.present.pictures import COLOURS, NARROW, WIDE, ClaimRow, claims_svg, impact_svg
from extrashield.present.pictures.draw import text_width

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"
NS = "{http://www.w3.org/2000/svg}"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def draw_timeline(tmp_path: Path, example: str, start: str, until: str, suffix: str = ".svg") -> Path:
    out = tmp_path / f"{example}{suffix}"
    p = run(
        "timeline", str(EXAMPLES / f"{example}.json"), "--from", start, "--to", until, "--picture", str(out)
    )
    assert p.returncode == 0, p.stderr
    return out


def marks(svg: ET.Element) -> Counter[tuple[str, str, str, str]]:
    """Every mark as (element, class, its own text, its tooltip), without coordinates."""
    found: Counter[tuple[str, str, str, str]] = Counter()
    for el in svg.iter():
        tag = el.tag.removeprefix(NS)
        if tag in ("rect", "text", "path", "line", "circle", "g"):
            title = el.find(f"{NS}title")
            found[
                (tag, el.get("class", ""), (el.text or "").strip(), "" if title is None else title.text or "")
            ] += 1
    return found


def view_box(svg: ET.Element) -> tuple[float, float]:
    _, _, w, h = (float(v) for v in svg.get("viewBox", "").split())
    return w, h


def words_outside(svg: ET.Element) -> list[str]:
    """Texts whose estimated extent (a wide font's advance widths) leaves the viewBox."""
    w, h = view_box(svg)
    bad = []
    for el in svg.iter(f"{NS}text"):
        s = "".join(el.itertext()) if el.find(f"{NS}title") is None else (el.text or "")
        cls = el.get("class", "")
        size = {"heading": 16, "subheading": 14}.get(cls, 13)
        bold = cls in ("heading", "subheading", "bar-label", "node-label", "changes")
        x, y, width = float(el.get("x", 0)), float(el.get("y", 0)), text_width(s, size, bold)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[el.get("text-anchor", "start")]
        if left < 0 or left + width > w or y - size < 0 or y + 4 > h:
            bad.append(s)
    return bad


@pytest.mark.parametrize(
    ("example", "start", "until"),
    [
        ("kyrgyz-veteran-naturalised", "2022-01-01", "2027-01-01"),
        ("cuban-recruit-family", "2010-01-01", "2031-01-01"),
        ("nepali-serving", "2026-03-01", "2026-04-01"),
    ],
)
def test_the_command_line_timeline_is_the_web_pages_drawing_made_standalone(
    tmp_path: Path, example: str, start: str, until: str
) -> None:
    from extrashield.adapters.web.views import timeline_data

    cli = ET.parse(draw_timeline(tmp_path, example, start, until)).getroot()
    raw = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    web = ET.fromstring(
        timeline_data(raw, {}, dt.date.fromisoformat(start), dt.date.fromisoformat(until))["svg"]
    )
    assert (
        marks(web) - marks(cli) == Counter()
    )  # every bar, lane, marker and tooltip of the page is in the file
    assert (
        cli.find(f"{NS}style") is not None and web.find(f"{NS}style") is None
    )  # the page's CSP forbids inline style
    assert words_outside(cli) == []


def test_the_timeline_picture_has_a_lane_for_each_citizenship_and_contract(tmp_path: Path) -> None:
    svg = ET.parse(
        draw_timeline(tmp_path, "kyrgyz-veteran-naturalised", "2022-01-01", "2027-01-01")
    ).getroot()
    lanes = [t.text for t in svg.iter(f"{NS}text") if t.get("class") == "lane"]
    assert lanes == [
        "Outcome",
        "Citizen of Kyrgyzstan",
        "Citizen of Russia",
        "Contract 1",
        "Contract 2",
        "Offence",
        "Request",
    ]
    assert len([r for r in svg.iter(f"{NS}rect") if r.get("class") == "fact"]) == 6
    listed = [t.text for t in svg.iter(f"{NS}text") if t.get("class") == "event-number"]
    assert listed == ["1.", "2."]  # the numbered law markers are explained under the axis


def test_crowded_law_markers_are_stacked_not_overlapping(tmp_path: Path) -> None:
    # Over twenty years, 2026-03-08 and 2026-03-19 are a pixel apart: their numbered circles must not be.
    svg = ET.parse(draw_timeline(tmp_path, "cuban-recruit-family", "2010-01-01", "2031-01-01")).getroot()
    circles = [
        (float(c.get("cx", 0)), float(c.get("cy", 0)), float(c.get("r", 0))) for c in svg.iter(f"{NS}circle")
    ]
    assert len(circles) == 2
    (x1, y1, r1), (x2, y2, r2) = circles
    assert abs(x1 - x2) < 5 and ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2


def test_a_png_picture_is_the_svg_rasterised_at_twice_its_size(tmp_path: Path) -> None:
    png = draw_timeline(tmp_path, "nepali-serving", "2026-01-01", "2027-01-01", ".png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    svg = ET.parse(draw_timeline(tmp_path, "nepali-serving", "2026-01-01", "2027-01-01")).getroot()
    assert (width, height) == tuple(round(2 * v) for v in view_box(svg))


def test_the_impact_picture_shows_every_transition_with_its_count(tmp_path: Path) -> None:
    picture = tmp_path / "impact.svg"
    p = run(
        "impact",
        str(EXAMPLES / "cases.jsonl"),
        "--from-date",
        "2026-03-18",
        "--to-date",
        "2026-03-19",
        "--format",
        "json",
        "--picture",
        str(picture),
    )
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    svg = ET.parse(picture).getroot()
    flows = [el.find(f"{NS}title").text or "" for el in svg.iter(f"{NS}path")]  # type: ignore[union-attr]
    assert len(flows) == len(d["transitions"])
    for t in d["transitions"]:
        name = f"{t['before'].replace('_', ' ')} → {t['after'].replace('_', ' ')}"
        assert f"{name}: {t['count']:,} rows" in " ".join(flows)
        assert name in [el.text for el in svg.iter(f"{NS}text")]
    heading = next(el.text for el in svg.iter(f"{NS}text") if el.get("class") == "heading")
    assert heading is not None and heading.startswith(f"{d['changed']} of {d['rows']} rows change outcome")
    assert words_outside(svg) == []


def test_an_impact_with_no_rows_is_still_a_picture() -> None:
    d = {
        "before": "decision date 2026-03-18",
        "after": "decision date 2026-03-19",
        "rows": 0,
        "changed": 0,
        "changed_share": 0.0,
        "transitions": [],
        "before_totals": {},
        "after_totals": {},
    }
    svg = ET.fromstring(impact_svg(d, standalone=True).split("\n", 1)[1])
    assert "No rows, no flows." in [el.text for el in svg.iter(f"{NS}text")]


def test_a_long_description_of_the_settings_is_wrapped_inside_the_impact_picture() -> None:
    long = "decision date 2026-03-19, " + ", ".join(f"reading.number{i}=some_long_value" for i in range(12))
    d = {
        "before": long,
        "after": long,
        "rows": 2,
        "changed": 1,
        "changed_share": 0.5,
        "transitions": [
            {"before": "permitted", "after": "barred", "count": 1, "share": 0.5},
            {"before": "barred", "after": "barred", "count": 1, "share": 0.5},
        ],
        "before_totals": {"permitted": 1, "barred": 1},
        "after_totals": {"barred": 2},
    }
    svg = ET.fromstring(impact_svg(d, standalone=True).split("\n", 1)[1])
    assert len([el for el in svg.iter(f"{NS}text") if el.get("class") == "note"]) > 2
    assert words_outside(svg) == []


def test_the_standalone_pictures_use_the_page_stylesheets_outcome_colours() -> None:
    css = (ROOT / "extrashield" / "adapters" / "web" / "static" / "style.css").read_text(encoding="utf-8")
    page = dict(re.findall(r"--(barred|may|undet|permitted): (#[0-9a-f]{6})", css))
    assert page == {
        "barred": COLOURS["barred"],
        "may": COLOURS["may_refuse"],
        "undet": COLOURS["undetermined"],
        "permitted": COLOURS["permitted"],
    }


def test_a_picture_of_another_format_is_refused_naming_the_option(tmp_path: Path) -> None:
    p = run(
        "impact",
        str(EXAMPLES / "cases.jsonl"),
        "--vs-reading",
        "point7.limbs=combat_required",
        "--picture",
        str(tmp_path / "x.pdf"),
    )
    assert p.returncode == 2 and "--picture" in p.stderr and ".svg" in p.stderr


def _boxes(svg: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """Each text's estimated box (its words, left, top, right, bottom), as `words_outside` estimates it."""
    out = []
    for el in svg.iter(f"{NS}text"):
        s = "".join(el.itertext()) if el.find(f"{NS}title") is None else (el.text or "")
        cls = el.get("class", "")
        size = {"heading": 16, "subheading": 14}.get(cls, 13)
        width = text_width(s, size, cls in ("heading", "subheading", "node-label", "changes"))
        x, y = float(el.get("x", 0)), float(el.get("y", 0))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[el.get("text-anchor", "start")]
        out.append((s, left, y - size * 0.8, left + width, y + size * 0.25))
    return out


def _overlaps(svg: ET.Element) -> list[tuple[str, str]]:
    boxes = _boxes(svg)
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def _transitions(counts: dict[tuple[str, str], int], before: str = "decision date 2026-03-18") -> dict:
    total = sum(counts.values())
    changed = sum(n for (b, a), n in counts.items() if b != a)
    b_tot: dict[str, int] = {}
    a_tot: dict[str, int] = {}
    for (b, a), n in counts.items():
        b_tot[b] = b_tot.get(b, 0) + n
        a_tot[a] = a_tot.get(a, 0) + n
    return {
        "before": before,
        "after": "decision date 2026-03-19",
        "rows": total,
        "changed": changed,
        "changed_share": changed / total,
        "transitions": [
            {"before": b, "after": a, "count": n, "share": round(n / total, 6)}
            for (b, a), n in counts.items()
        ],
        "before_totals": b_tot,
        "after_totals": a_tot,
    }


OUTCOMES = ("barred", "may_refuse", "undetermined", "permitted", "invalid")


def test_every_flow_of_the_impact_picture_is_labelled_and_the_changed_ones_are_marked(tmp_path: Path) -> None:
    picture = tmp_path / "impact.svg"
    p = run(
        "impact",
        str(EXAMPLES / "cases.jsonl"),
        *(
            "--from-date",
            "2026-03-18",
            "--to-date",
            "2026-03-19",
            "--format",
            "json",
            "--picture",
            str(picture),
        ),
    )
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    svg = ET.parse(picture).getroot()
    marked = {
        (el.find(f"{NS}title").text or "").split(":")[0]  # type: ignore[union-attr]
        for el in svg.iter(f"{NS}path")
        if "changed" in el.get("class", "").split() and el.get("stroke")
    }
    changes = {
        f"{t['before'].replace('_', ' ')} → {t['after'].replace('_', ' ')}"
        for t in d["transitions"]
        if t["before"] != t["after"]
    }
    assert marked == changes and changes
    labels = [el.text for el in svg.iter(f"{NS}text") if el.get("class") == "flow-label"]
    assert sorted(labels) == sorted(f"{t['count']:,} ({100 * t['share']:.2f}%)" for t in d["transitions"])
    assert (words_outside(svg), _overlaps(svg)) == ([], [])


def test_the_impact_picture_grows_to_fit_every_transition_and_huge_counts() -> None:
    # every one of the 25 transitions, counts from one row to billions: no label leaves the picture or
    # meets another, and a transition of one row among billions is not written as 0.00%
    counts = {
        (b, a): 7 ** (i % 12) * 1_000 + 1
        for i, (b, a) in enumerate((b, a) for b in OUTCOMES for a in OUTCOMES)
    }
    counts[("permitted", "barred")] = 1
    counts[("invalid", "invalid")] = 987_654_321_000
    svg_text = impact_svg(
        _transitions(counts, before="decision date 2026-03-18, " + "x" * 30), standalone=True
    )
    svg = ET.fromstring(svg_text.split("\n", 1)[1])
    assert view_box(svg)[0] >= 1000
    assert (words_outside(svg), _overlaps(svg)) == ([], [])
    assert len([el for el in svg.iter(f"{NS}path")]) == 25
    assert "1 (<0.01%)" in [el.text for el in svg.iter(f"{NS}text")]


def test_the_impact_picture_names_itself_and_says_every_transition_in_words() -> None:
    d = _transitions(
        {("permitted", "barred"): 5, ("permitted", "permitted"): 3, ("undetermined", "barred"): 2}
    )
    for standalone in (True, False):
        svg_text = impact_svg(d, standalone=standalone)
        svg = ET.fromstring(svg_text.split("\n", 1)[1] if standalone else svg_text)
        assert svg.get("role") == "img"
        ids = {el.get("id"): el for el in svg.iter() if el.get("id")}
        named = [ids[i] for i in (svg.get("aria-labelledby") or "").split()]
        assert [el.tag.removeprefix(NS) for el in named] == ["title", "desc"]
        assert named[0].text == "7 of 10 rows change outcome (70.00%)"
        for words in (
            "permitted → barred: 5 rows (50.00%), changes",
            "permitted → permitted: 3 rows (30.00%)",
        ):
            assert words in (named[1].text or "")
        assert all(el.find(f"{NS}title") is not None for el in svg.iter(f"{NS}path"))


# -- the figures page's chart of claims ----------------------------------------------------------------


def _claim_rows(values: list[tuple[float, str]]) -> list[ClaimRow]:
    """Rows as the figures page builds them, from ledger claims of the given numbers and kinds."""
    from extrashield.sources.figures import Claim

    rows = []
    for n, (value, kind) in enumerate(values):
        c = Claim(
            f"c{n}", "figure", None, "q", value, kind, "people", "scope", dt.date(2025, 1, n + 1), None,
            f"a source that is said to have said it, number {n}, named at some length", "an outlet",
            f"https://example.org/{n}", dt.date(2025, 2, n + 1), "S", None,
        )  # fmt: skip
        low, high = c.bounds()
        rows.append(
            ClaimRow(
                c.said_by, value, low, high, c.shown_value(), c.shown_as_of(), "an outlet", c.url, n == 0
            )
        )
    return rows


def _texts(svg: ET.Element) -> list[str]:
    return [el.text or "" for el in svg.iter(f"{NS}text")]


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_claims_from_3_to_18000_share_a_logarithmic_axis_with_a_labelled_gridline_per_power_of_ten(
    width: int,
) -> None:
    rows = _claim_rows(
        [(18_000, "about"), (3_388, "at_least"), (5_000, "up_to"), (35, "exact"), (3, "exact")]
    )
    svg = ET.fromstring(claims_svg("Claims counted in people", rows, width=width))
    ticks = [el.text for el in svg.iter(f"{NS}text") if el.get("class") == "tick"]
    powers = ["1", "10", "100", "1,000", "10,000", "100,000"]
    assert ticks[0] == "1" and len(set(ticks)) >= 3 and set(ticks) <= set(powers)  # crowded: every other one
    assert "Logarithmic axis" in " ".join(_texts(svg))
    dots = [
        float(el.find(f"{NS}circle").get("cx", 0))  # type: ignore[union-attr]
        for el in svg.iter(f"{NS}g")
        if "claim" in el.get("class", "").split()
    ]
    # equal ratios, equal distances: from 3 to 35 (x11.7) is nearly as far as from 35 to 5,000 is over 2
    x18k, _, x5k, x35, x3 = dots
    assert x3 < x35 < x5k < x18k and abs((x35 - x3) - (x5k - x35) / 2) < 0.1 * (x18k - x3)


def test_claims_close_together_are_drawn_on_an_axis_from_zero() -> None:
    svg = ET.fromstring(claims_svg("Killed", _claim_rows([(3_300, "at_least"), (3_388, "at_least")])))
    ticks = [el.text for el in svg.iter(f"{NS}text") if el.get("class") == "tick"]
    assert ticks[0] == "0" and "Axis from zero" in _texts(svg)


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_each_claim_in_the_chart_has_its_words_whole_its_date_and_its_source_linked(width: int) -> None:
    rows = _claim_rows([(18_000, "about"), (1_780, "more_than"), (3, "exact")])
    svg = ET.fromstring(claims_svg("Claims", rows, width=width))
    words = " ".join(" ".join(_texts(svg)).split())
    assert "…" not in words  # wrapped, never cut
    for r in rows:
        assert r.label in words and r.when in words and r.shown in words
    links = [(a.get("href"), " ".join(a.itertext())) for a in svg.iter(f"{NS}a")]
    assert links == [(r.url, "Source: an outlet") for r in rows]
    conflicting = [el for el in svg.iter(f"{NS}circle") if "conflict" in el.get("class", "")]
    assert len(conflicting) == 1 and "≠" in words
    assert words_outside(svg) == []
    marks = [g for g in svg.iter(f"{NS}g") if "mark" in g.get("class", "").split()]
    assert [(g.get("tabindex"), g.get("role")) for g in marks] == [("0", "img")] * len(rows)
    assert svg.get("role") == "group"  # an img's children could not be announced


# -- the timeline as a phone shows it -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "start", "until"),
    [
        ("kyrgyz-veteran-naturalised", "2022-01-01", "2027-01-01"),
        ("cuban-recruit-family", "2010-01-01", "2031-01-01"),
        ("nepali-serving", None, None),
    ],
)
def test_the_narrow_timeline_names_its_rows_above_them_and_says_when_the_outcome_changes(
    example: str, start: str | None, until: str | None
) -> None:
    from extrashield.adapters.web.views import timeline_data

    raw = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    days = [dt.date.fromisoformat(d) if d else None for d in (start, until)]
    built = timeline_data(raw, {}, *days)
    svg = ET.fromstring(built["svg_narrow"])
    assert view_box(svg)[0] == NARROW and words_outside(svg) == []
    # each row's name is above its bar, so the bars take the whole width
    lanes = [el for el in svg.iter(f"{NS}text") if el.get("class") == "lane"]
    bars_x = {float(r.get("x", 0)) for r in svg.iter(f"{NS}rect") if r.get("class", "").startswith("o-")}
    assert lanes and min(bars_x) == min(float(el.get("x", 0)) for el in lanes)
    intervals = built["data"]["timeline"]["intervals"]
    changes = [b["from"] for a, b in itertools.pairwise(intervals) if a["outcome"] != b["outcome"]]
    summary = " ".join(
        el.text or "" for g in svg.iter(f"{NS}g") if g.get("class") == "summary" for el in g.iter(f"{NS}text")
    )
    assert all(f"on {day}" in summary for day in changes) and summary.startswith("The outcome")
    bars = [g for g in svg.iter(f"{NS}g") if "interval" in g.get("class", "").split()]
    assert len(bars) == len(intervals) and all(g.get("tabindex") == "0" for g in bars)


def test_the_timeline_picture_in_russian_says_its_words_and_dates_in_russian() -> None:
    from extrashield.adapters.web.views import timeline_data
    from extrashield.i18n import using

    raw = json.loads((EXAMPLES / "kyrgyz-veteran-naturalised.json").read_text(encoding="utf-8"))
    with using("ru"):
        svg = ET.fromstring(timeline_data(raw, {}, dt.date(2022, 1, 1), dt.date(2027, 1, 1))["svg"])
    lanes = [t.text for t in svg.iter(f"{NS}text") if t.get("class") == "lane"]
    assert lanes[0] == "Вывод" and "Контракт 1" in lanes and "Запрос" in lanes
    assert any("Киргизия" in (lane or "") for lane in lanes), lanes
    words = " ".join(t for t in svg.itertext())
    assert not re.search(r"\b(Outcome|Contract|Citizen|barred|permitted|throughout|decision date)\b", words)
    assert "Хронология с 01.01.2022 по 01.01.2027" in words  # dates as Russian writes them
    assert "ч. 1 ст. 464 УПК РФ" in words and "CPC" not in words  # the law's events cite in Russian
