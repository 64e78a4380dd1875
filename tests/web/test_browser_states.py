"""The requesting-state, treaty, removal and eligibility pages in headless Chromium: a phone-sized layout
with no sideways scrolling, every input labelled, the way from the decision page without scripts, and a
screenshot of a state profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extrashield.i18n.conventions import day

from .test_browser import UNLABELLED_JS

pytestmark = pytest.mark.browser

NEW_PAGES = [
    "/states",
    "/states/KZ",
    "/treaties",
    "/treaties/ece-1957",
    "/removal",
    "/removal?example=cuban-veteran-mercenarism",
    "/eligibility",
    "/eligibility?example=stateless-applicant",
]


@pytest.mark.parametrize(
    "path",
    [
        "/states",
        "/states/KZ",
        "/treaties/chisinau-2002",
        "/removal?example=cuban-veteran-mercenarism",
        "/eligibility?example=nepali-serving",
    ],
)
def test_the_new_pages_fit_a_phone_screen(phone: Any, live_server: str, tmp_path: Path, path: str) -> None:
    phone.goto(f"{live_server}{path}")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    phone.screenshot(path=str(tmp_path / "phone.png"), full_page=False)


def test_the_states_table_reads_as_cards_on_a_phone(phone: Any, live_server: str) -> None:
    phone.goto(f"{live_server}/states")
    row = phone.locator("table.states tbody tr").first
    box = row.bounding_box()
    assert box is not None and box["width"] <= 390
    # each cell says what it is once the header is hidden (CSS ::before, so not part of innerText)
    labels = phone.evaluate("""() => [...document.querySelectorAll('table.states tbody tr:first-child td')]
      .map(td => getComputedStyle(td, '::before').content)""")
    assert '"Point 7 collides?"' in labels


@pytest.mark.parametrize("path", NEW_PAGES)
def test_every_input_on_the_new_pages_has_a_label(page: Any, live_server: str, path: str) -> None:
    page.goto(f"{live_server}{path}")
    assert page.evaluate(UNLABELLED_JS) == []


def test_a_state_profile_in_the_browser(page: Any, live_server: str, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server}/states/KZ?date=2026-04-01")
    assert page.locator("h1").inner_text().startswith("Kazakhstan")
    assert page.get_by_role("heading", name="For a request to Russia").is_visible()
    page.get_by_label("As of").fill("2026-03-01")
    page.get_by_role("button", name="Show").click()
    assert f"as of {day('2026-03-01')}" in page.locator("h1").inner_text()  # 1 March 2026
    page.screenshot(path=str(tmp_path / "state-kz.png"), full_page=True)
    page.get_by_role(
        "link",
        name="Convention on Legal Assistance and Legal Relations in Civil, Family and Criminal Matters (Chisinau, 7 October 2002)",
    ).first.click()
    assert page.get_by_role("heading", name="Parties", exact=True).is_visible()
    assert errors == []


def test_from_the_decision_to_removal_and_eligibility_without_scripts(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/decision?example=cuban-veteran-mercenarism")
        page.get_by_role("button", name="Other removal routes").click()
        assert page.locator("h1").inner_text().startswith("Removal routes")
        assert "turns on whether a bill became law" in page.locator("table.routes").inner_text()
        page.get_by_role("button", name="Eligibility").click()
        assert page.locator("h1").inner_text().startswith("Eligibility")
        assert page.locator("#reported").is_visible()
    finally:
        context.close()
