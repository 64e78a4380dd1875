"""End-to-end in headless Chromium (Debian's package, driven by Playwright; nothing is downloaded):
the interview to a decision, the timeline and figures pages, a phone-sized layout, labels and keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

UNLABELLED_JS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML)"""


def _same_origin_only(page: Any, base: str) -> list[str]:
    """Collect every request to another origin (the pages must work with no network)."""
    foreign: list[str] = []
    page.on(
        "request", lambda req: foreign.append(req.url) if not req.url.startswith((base, "data:")) else None
    )
    return foreign


def test_an_interview_in_the_browser_ends_on_the_decision(
    page: Any, live_server: str, tmp_path: Path
) -> None:
    foreign = _same_origin_only(page, live_server)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server}/interview")
    page.get_by_label("…or a worked example").select_option("kazakh-combat-unknown")
    page.get_by_role("button", name="Start").click()
    assert page.get_by_role("heading", name="Question 1").is_visible()  # the file: which treaty
    assert "provisional outcome" in page.locator(".outcome").inner_text().lower()
    page.get_by_role("button", name="Don't know, skip").click()
    assert page.get_by_role("heading", name="Question 2").is_visible()
    page.screenshot(path=str(tmp_path / "interview-step.png"), full_page=True)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Next").click()
    assert page.locator("h1").inner_text().startswith("Decision")
    outcome = page.locator(".outcome").inner_text()
    assert "Extradition is barred" in outcome
    assert page.locator("#g-ru\\.upk\\.464\\.1\\.7 .badge").inner_text() == "applies"
    assert page.locator('#g-ru\\.upk\\.464\\.1\\.7 blockquote[lang="ru"]').first.is_visible()
    page.screenshot(path=str(tmp_path / "decision-desk.png"), full_page=True)
    assert foreign == [] and errors == []


def test_the_readings_switch_in_the_browser(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/decision?example=kazakh-combat-unknown")
    page.get_by_label("combat required", exact=False).first.check()
    page.get_by_role("button", name="Show the decision under these readings").click()
    assert "combat required" in page.locator("main p.meta").first.inner_text()


def test_the_timeline_page_draws_the_picture(page: Any, live_server: str, tmp_path: Path) -> None:
    foreign = _same_origin_only(page, live_server)
    page.goto(f"{live_server}/timeline?example=nepali-serving")
    svg = page.locator("svg.timeline:visible")  # the desk drawing (the phone one is hidden)
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 100
    assert page.locator("svg.timeline:visible .law").count() >= 1
    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
    assert foreign == []


def test_the_figures_page_shows_conflicts_and_a_chart(page: Any, live_server: str, tmp_path: Path) -> None:
    page.goto(f"{live_server}/figures")
    assert page.locator("article.claim.conflict").count() >= 2
    assert page.locator("svg.claims:visible").first.is_visible()
    page.screenshot(path=str(tmp_path / "figures.png"), full_page=False)


@pytest.mark.parametrize(
    "path",
    [
        "/decision?example=nepali-serving",
        "/timeline?example=nepali-serving",
        "/figures",
        "/interview",
        "/law",
        "/law/history",
    ],
)
def test_pages_fit_a_phone_screen_without_sideways_scrolling(
    phone: Any, live_server: str, tmp_path: Path, path: str
) -> None:
    phone.goto(f"{live_server}{path}")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # wide pictures and tables scroll inside their own box, not the page
    phone.screenshot(path=str(tmp_path / "phone.png"), full_page=False)


@pytest.mark.parametrize(
    "path",
    [
        "/interview",
        "/decision?example=kazakh-combat-unknown",
        "/law",
        "/timeline?example=nepali-serving",
        "/registry",
    ],
)
def test_every_input_has_a_label_in_the_browser(page: Any, live_server: str, path: str) -> None:
    page.goto(f"{live_server}{path}")
    assert page.evaluate(UNLABELLED_JS) == []


def test_the_interview_can_be_done_with_the_keyboard_alone(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/interview")
    # Tab from the top of the page into the form: the skip link comes first, then reach the example list.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "example":
            break
    else:
        pytest.fail("the example list cannot be reached with Tab")
    page.select_option(
        "#example", "kazakh-combat-unknown"
    )  # a <select> changes with arrow keys; set it directly
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Start"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The first question (which treaty) has the focus as the page opens; Tab reaches "Don't know, skip".
    assert page.evaluate("() => document.activeElement.name") == "answer"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Don't know, skip":
            break
    else:
        pytest.fail("the skip button cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The next question has the focus too: in a radio group on the checked choice ("Don't know"); the arrow
    # keys move to and pick "Yes"; Tab leaves the group for "Next".
    assert page.evaluate("() => document.activeElement.name") == "answer"
    while page.evaluate("() => document.activeElement.value") != "true":
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Next"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Extradition is barred" in page.locator(".outcome").inner_text()


def test_focus_is_visible(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/interview")
    page.focus("#decision_date")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
