"""The interview in headless Chromium (Debian's package, driven by Playwright), at desk and phone widths:
Back and change, the review, an error that keeps what was typed, a treaty case built in the interview,
signing in to save from the decision; axe-core finds no violation on the pages of the interview."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.users import add_user
from extrashield.i18n.conventions import day

from .conftest import axe_violations, served

pytestmark = pytest.mark.browser
WIDTHS = ["page", "phone"]  # the conftest fixtures: 1280 px, and a 390 px phone


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The app served by uvicorn on a registry with an editor and a reader."""
    url = f"sqlite:///{tmp_path_factory.mktemp('interview')}/registry.sqlite3"
    registry = open_registry(url)
    tokens = {role: add_user(registry, f"browser-{role}", role, "test")[1] for role in ("reader", "editor")}
    with served(url) as base:
        yield base, tokens


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


def _question(page: Any) -> str:
    return str(page.locator('input[name="fact"]').get_attribute("value"))


@pytest.mark.parametrize("width", WIDTHS)
def test_back_change_and_review_in_the_browser(
    request: Any, server: tuple[str, dict[str, str]], width: str
) -> None:
    page = request.getfixturevalue(width)
    base, _ = server
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/interview")
    assert axe_violations(page) == []
    page.get_by_label("Case reference").fill("A-17/2026")
    page.get_by_label("Client's name").fill("Рамеш Тапа")
    page.get_by_label("Decision date").fill("2026-04-01")
    page.get_by_role("button", name="Start").click()
    # the file first: citizenships
    assert _question(page) == "person.citizenships"
    assert "Рамеш Тапа" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Art. 464(1)(7)", exact=False).first.is_visible()
    assert axe_violations(page) == [] and _no_sideways_scroll(page)
    page.get_by_label("Yes, as listed below").check()
    page.locator("#f-answer-0-country").fill("NP")
    page.get_by_role("button", name="Next").click()
    assert _question(page) == "person.military_service"
    # the browser's Back shows the question before, and Forward the one after: every page is a GET
    page.go_back()
    assert _question(page) == "person.citizenships"
    page.go_forward()
    assert _question(page) == "person.military_service"
    # the page's own Back: the previous answer, filled in, to change
    page.get_by_role("link", name="Back: change the previous answer").click()
    assert page.locator("#f-answer-0-country").input_value() == "NP"
    page.locator("#f-answer-0-country").fill("IN")
    page.get_by_role("button", name="Next").click()
    assert _question(page) == "person.military_service"
    page.get_by_role("link", name="Review all answers").click()
    assert page.get_by_role("heading", name="Review the answers", exact=False).is_visible()
    assert axe_violations(page) == [] and _no_sideways_scroll(page)
    table = page.locator("table.answers-review")
    assert "IN" in table.inner_text() and "A-17/2026" in table.inner_text()
    table.locator("tr", has_text="Which citizenships").get_by_role("link", name="Change", exact=False).click()
    page.locator("#f-answer-0-country").fill("NP")
    page.get_by_role("button", name="Save the change").click()
    assert page.get_by_role("heading", name="Review the answers", exact=False).is_visible()
    assert "NP" in page.locator("table.answers-review").inner_text()
    page.get_by_role("link", name="See the decision").click()
    assert page.locator("h1").inner_text().startswith("Decision")
    page.get_by_role("link", name="Review or change the answers").click()
    assert page.get_by_role("heading", name="Review the answers", exact=False).is_visible()
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_an_error_keeps_what_was_typed_and_takes_the_focus(
    request: Any, server: tuple[str, dict[str, str]], width: str
) -> None:
    page = request.getfixturevalue(width)
    base, _ = server
    page.goto(f"{base}/interview")
    page.get_by_label("Decision date").fill("2026-04-01")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Yes, as listed below").check()
    page.locator("#f-answer-0-country").fill("NP")
    page.locator("#f-answer-0-from").fill("2020-01-01")
    page.locator("#f-answer-0-until").fill("2019-01-01")  # ends before it begins
    page.get_by_role("button", name="Next").click()
    assert page.get_by_role("alert").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "f-answer-0-until"
    until = page.locator("#f-answer-0-until")
    assert until.get_attribute("aria-invalid") == "true"
    described = str(until.get_attribute("aria-describedby")).split()
    assert page.locator(f"#{described[0]}").inner_text().startswith("Correct this")
    assert page.locator("#f-answer-0-country").input_value() == "NP"
    assert page.locator("#f-answer-0-from").input_value() == "2020-01-01"
    assert until.input_value() == "2019-01-01"
    assert page.get_by_label("Yes, as listed below").is_checked()
    assert axe_violations(page) == [] and _no_sideways_scroll(page)
    until.fill("2024-01-01")
    page.get_by_role("button", name="Next").click()
    assert _question(page) == "person.military_service"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_treaty_case_built_in_the_interview(
    request: Any, server: tuple[str, dict[str, str]], width: str
) -> None:
    page = request.getfixturevalue(width)
    base, _ = server
    page.goto(f"{base}/interview")
    page.get_by_label("…or a worked example").select_option("kazakh-combat-unknown")
    page.get_by_role("button", name="Start").click()
    assert _question(page) == "request.treaty"
    page.locator("#f-answer").select_option("chisinau-2002")
    page.get_by_role("button", name="Next").click()
    assert _question(page) == "person.military_service[0].combat"
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Next").click()
    assert "Extradition is barred" in page.locator(".outcome").inner_text()
    collision = page.locator("#questions article.oq").filter(
        has=page.locator('a[href="/treaties/chisinau-2002"]')
    )
    assert collision.count() == 1
    assert _no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_signing_in_to_save_returns_to_the_decision_saved(
    request: Any, server: tuple[str, dict[str, str]], width: str
) -> None:
    page = request.getfixturevalue(width)
    base, tokens = server
    page.goto(f"{base}/decision?example=cuban-veteran-mercenarism")
    save = page.locator("#save")
    save.get_by_label("Notes").fill("for the file")
    save.get_by_label("Token").fill("not-a-token")
    save.get_by_role("button", name="Sign in and save").click()
    # a wrong token: the sign-in page, carrying the case and the notes
    assert page.get_by_role("alert").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "token"
    assert axe_violations(page) == []
    page.get_by_label("Token").fill(tokens["editor"])
    page.get_by_role("button", name="Sign in and save").click()
    assert "/registry/decisions/" in page.url
    assert "for the file" in page.locator("main").inner_text()
    # signed in now: the decision page offers the save button alone
    page.goto(f"{base}/decision?example=cuban-veteran-mercenarism")
    assert page.locator("#save").get_by_role("button", name="Save the decision").is_visible()
    assert page.locator("#save-token").count() == 0


def test_eligibility_interview_and_what_if_in_the_browser(
    page: Any, server: tuple[str, dict[str, str]]
) -> None:
    base, _ = server
    page.goto(f"{base}/eligibility?example=nepali-serving")
    page.get_by_label("Russian citizenship granted on").fill("2026-01-01")
    page.get_by_role("button", name="Show what changes").click()
    granted = day("2026-01-01")  # 1 January 2026, as English writes it
    assert f"with Russian citizenship from {granted}" in page.get_by_role("status").last.inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="The whole decision under this hypothesis").click()
    assert "What if" in page.locator("main").inner_text()
    page.goto(f"{base}/interview")
    page.get_by_label("Decision date").fill("2026-04-01")
    page.get_by_label("Eligibility for a military contract", exact=False).check()
    page.get_by_role("button", name="Start").click()
    assert _question(page) == "person.birth_date"
    assert axe_violations(page) == []
