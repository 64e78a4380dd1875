"""The timeline and the figures charts as people read them, in Chromium at a desk's width and a phone's:
every word drawn at 12 px or more and inside its picture, the day the outcome changes on screen without
scrolling sideways, every mark reached with Tab and announced by its words, and no axe-core violation."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from extrashield.i18n.conventions import day

from .conftest import axe_violations
from .test_picture_files_in_browser import MEASURE_JS

pytestmark = pytest.mark.browser

TIMELINE = "/timeline?example=nepali-serving"
PAGES = [TIMELINE, "/timeline?example=cuban-recruit-family", "/figures"]

SHOWN_CHARTS_JS = """() => [...document.querySelectorAll('svg.chart')]
  .filter(s => s.getBoundingClientRect().width > 0).length"""

FOCUSED_JS = """() => {
  const e = document.activeElement, svg = e.closest('svg.chart');
  if (!svg) return null;
  const title = e.querySelector(':scope > title');
  const r = e.getBoundingClientRect();
  const readout = [...e.querySelectorAll('.readout text')];
  const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
  return {
    tag: e.tagName, cls: e.getAttribute('class') || '', title: title ? title.textContent : null,
    text: e.textContent, chart: [...document.querySelectorAll('svg.chart')].indexOf(svg),
    box: [r.left, r.right], vw: window.innerWidth,
    readout: readout.map(t => t.textContent).join(' '),
    readout_shown: readout.every(t => getComputedStyle(t).visibility === 'visible'),
    readout_inside: readout.every(t => { const b = t.getBBox();
      return b.x >= 0 && b.y >= 0 && b.x + b.width <= w && b.y + b.height <= h; }),
  };
}"""


def _screen(request: pytest.FixtureRequest, width: str) -> Any:
    return request.getfixturevalue("page" if width == "desk" else "phone")


@pytest.mark.parametrize("width", ["desk", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_every_word_of_the_pictures_shown_is_12px_or_more_and_inside(
    request: pytest.FixtureRequest, live_server: str, width: str, path: str
) -> None:
    screen = _screen(request, width)
    screen.goto(f"{live_server}{path}")
    shown = screen.locator("svg.chart:visible")
    assert shown.count() == screen.evaluate(SHOWN_CHARTS_JS) >= 1  # one drawing of each picture
    for i in range(shown.count()):
        m = shown.nth(i).evaluate(MEASURE_JS)
        assert m["count"] > 5
        assert (m["outside"], m["small"], m["overlaps"]) == ([], [], [])
        box = shown.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen.viewport_size["width"]
    assert screen.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("width", ["desk", "phone"])
def test_the_day_the_outcome_changes_is_on_screen_without_scrolling_sideways(
    request: pytest.FixtureRequest, live_server: str, width: str
) -> None:
    screen = _screen(request, width)
    data = screen.request.get(f"{live_server}{TIMELINE}&format=json").json()
    intervals = data["timeline"]["intervals"]
    changes = [b["from"] for a, b in itertools.pairwise(intervals) if a["outcome"] != b["outcome"]]
    # the one change is point 7's entry into force (its other marker is the earliest day it may have had)
    point7 = next(m for m in data["markers"] if m["ref"] == "ru.upk.464.1.7" and m["kind"] == "law")
    assert changes == [point7["day"]]
    screen.goto(f"{live_server}{TIMELINE}")
    svg = screen.locator("svg.timeline:visible")
    svg.scroll_into_view_if_needed()
    view = screen.viewport_size
    for mark in [
        *(svg.locator("g.interval").nth(i) for i in range(len(intervals))),
        svg.locator("g.mark", has=screen.locator(f"text.marker-number >> text='{point7['n']}'")),
        svg.locator(".summary"),
    ]:
        box = mark.bounding_box()
        assert box is not None and box["width"] > 0
        assert 0 <= box["x"] and box["x"] + box["width"] <= view["width"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= view["height"]
    summary = " ".join(svg.locator(".summary text").all_text_contents())  # one <text> per line
    assert f"on {point7['day']} (law event {point7['n']}): permitted → barred" in summary


@pytest.mark.parametrize("width", ["desk", "phone"])
@pytest.mark.parametrize("path", [TIMELINE, "/figures"])
def test_tab_reaches_every_mark_of_the_pictures_shown_and_each_announces_its_words(
    request: pytest.FixtureRequest, live_server: str, width: str, path: str
) -> None:
    screen = _screen(request, width)
    screen.goto(f"{live_server}{path}")
    marks = screen.locator("svg.chart:visible g.mark")
    names = [marks.nth(i).locator(":scope > title").text_content() for i in range(marks.count())]
    assert len(names) > 3
    reached: list[str] = []
    for _ in range(len(names) * 2 + 200):  # every mark and link of the page, and the page's other controls
        if len(reached) == len(names):
            break
        screen.keyboard.press("Tab")
        focused = screen.evaluate(FOCUSED_JS)
        if focused is None or focused["tag"] != "g":
            continue
        assert focused["box"][0] >= 0 and focused["box"][1] <= focused["vw"]
        expect(screen.locator(":focus")).to_have_accessible_name(focused["title"])
        assert "img" in (screen.locator(":focus").aria_snapshot() or "")
        if focused["readout"]:  # the timeline writes the focused mark's words under its axis
            assert focused["readout"] == " ".join(focused["readout"].split())
            assert focused["readout_shown"] and focused["readout_inside"]
            assert " ".join(focused["title"].split()) == focused["readout"]
        reached.append(focused["title"])
    assert reached == names  # each once, in order, and none of the hidden drawing's


@pytest.mark.parametrize("width", ["desk", "phone"])
def test_each_claim_in_the_chart_has_its_date_and_its_source_linked(
    request: pytest.FixtureRequest, live_server: str, width: str
) -> None:
    screen = _screen(request, width)
    data = screen.request.get(f"{live_server}/figures?format=json").json()
    people = [c for q in data["quantities"] if q["unit"] == "people" for c in q["claims"]]
    people.sort(key=lambda c: -c["value"])  # the chart's order, largest first
    screen.goto(f"{live_server}/figures")
    chart = screen.locator("svg.chart:visible").first
    links = chart.locator("a")
    assert links.count() == sum(1 for c in people if c["url"])
    first = people[0]
    expect(links.first).to_have_attribute("href", first["url"])
    cited = f"Source: {first['reported_by']}" + (  # dates as the page writes them (9 March 2026)
        f", {day(first['date_reported'])}" if first["date_reported"] else ""
    )
    expect(links.first).to_have_accessible_name(cited)
    words = " ".join((chart.text_content() or "").split())
    for c in people:
        when = c["as_of"]
        dated = (
            f"within {day(when['from'])} – {day(when['to'])}"
            if isinstance(when, dict)
            else (f"as of {day(when)}" if when else "date unknown")
        )
        assert c["shown"] in words and dated in words
    # Tab goes from a claim's dot to its source
    for _ in range(60):
        screen.keyboard.press("Tab")
        if screen.evaluate("() => document.activeElement.closest('svg.chart') !== null"):
            break
    expect(screen.locator(":focus")).to_have_accessible_name(re.compile(re.escape(first["shown"])))
    screen.keyboard.press("Tab")
    expect(screen.locator(":focus")).to_have_accessible_name(cited)


@pytest.mark.parametrize("width", ["desk", "phone"])
@pytest.mark.parametrize("path", [TIMELINE, "/figures"])
def test_the_picture_pages_have_no_axe_violation(
    request: pytest.FixtureRequest, live_server: str, width: str, path: str
) -> None:
    screen = _screen(request, width)
    screen.goto(f"{live_server}{path}")
    assert axe_violations(screen) == []
