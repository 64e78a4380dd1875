"""The browser's Back, Forward and Reload on the case pages, in headless Chromium at desk and phone widths:
a pasted case lands on a GET address, and the decision's buttons (timeline, readings, removal routes) lead
to GET addresses too, so no page asks to resubmit a form; a bad timeline date comes back in the timeline's
form with focus on it. axe-core finds no violation on these pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.users import add_user

from .conftest import axe_violations, example, served

pytestmark = pytest.mark.browser
WIDTHS = ["page", "phone"]  # the conftest fixtures: 1280 px, and a 390 px phone


def _navigations(page: Any) -> list[str]:
    """The method of every top-level navigation from now on ("GET /decision", ...)."""
    seen: list[str] = []

    def record(request: Any) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            seen.append(f"{request.method} {request.url.split('?')[0].split('/', 3)[-1]}")

    page.on("request", record)
    return seen


def _h1(page: Any) -> str:
    return str(page.locator("h1").first.inner_text())


def _back_forward_reload(page: Any, before: str, after: str) -> None:
    """From page `after` (just reached from `before`): Back shows `before`, Reload keeps it, Forward
    shows `after` again."""
    after_url = page.url
    page.go_back()
    assert _h1(page).startswith(before)
    back_url = page.url
    page.reload()
    assert _h1(page).startswith(before) and page.url == back_url
    page.go_forward()
    assert _h1(page).startswith(after) and page.url == after_url


@pytest.mark.parametrize("width", WIDTHS)
def test_back_forward_and_reload_work_between_the_case_pages(
    request: Any, live_server: str, width: str
) -> None:
    page = request.getfixturevalue(width)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    navigations = _navigations(page)
    page.goto(f"{live_server}/removal")
    page.get_by_label("paste a case").fill(json.dumps(example("kazakh-combat-unknown")))
    page.get_by_role("button", name="Answer for this case").click()
    assert _h1(page).startswith("Removal routes") and "/removal?s=" in page.url  # Post/Redirect/Get
    page.get_by_role("button", name="The extradition decision").click()
    assert _h1(page).startswith("Decision") and "/decision?s=" in page.url
    assert axe_violations(page) == []

    page.get_by_role("button", name="Timeline").click()
    assert _h1(page).startswith("Timeline") and "/timeline?s=" in page.url
    assert axe_violations(page) == []
    _back_forward_reload(page, "Decision", "Timeline")
    page.go_back()

    outcome = page.locator("p.outcome").inner_text()
    page.locator('input[name="r:point7.limbs"][value="combat_required"]').check()
    page.get_by_role("button", name="Show the decision under these readings").click()
    assert "point7.limbs=combat_required" in page.url.replace("%3A", ":")
    assert page.locator("tr.current").inner_text().startswith("combat required")
    _back_forward_reload(page, "Decision", "Decision")
    page.go_back()
    assert page.locator("p.outcome").inner_text() == outcome

    page.get_by_role("button", name="Other removal routes").click()
    assert _h1(page).startswith("Removal routes")
    _back_forward_reload(page, "Decision", "Removal routes")

    # one POST (the pasted case), answered by a redirect; every other page was reached by GET
    posts = [n for n in navigations if n.startswith("POST")]
    assert posts == ["POST removal"], navigations
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_bad_timeline_date_is_corrected_in_the_timeline_form(
    request: Any, live_server: str, width: str
) -> None:
    page = request.getfixturevalue(width)
    page.goto(f"{live_server}/decision?example=nepali-serving")
    page.get_by_role("button", name="Timeline").click()
    # a date input refuses a malformed date; a reversed range is what a person can type in it
    page.get_by_label("From", exact=True).fill("2026-06-01")
    page.get_by_label("To (excluded)", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Redraw").click()
    assert _h1(page).startswith("Timeline")  # not the error page
    field = page.get_by_label("To (excluded)", exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    assert (
        field.input_value() == "2026-01-01"
        and page.get_by_label("From", exact=True).input_value() == "2026-06-01"
    )
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "t-to"
    message = page.locator("#" + str(field.get_attribute("aria-describedby")))
    assert "after" in message.inner_text()
    assert axe_violations(page) == []
    field.fill("2026-09-01")
    page.get_by_role("button", name="Redraw").click()
    assert page.get_by_label("To (excluded)", exact=True).get_attribute("aria-invalid") is None
    assert page.get_by_label("To (excluded)", exact=True).input_value() == "2026-09-01"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app served on a registry with an editor: its base URL and the editor's token."""
    url = f"sqlite:///{tmp_path_factory.mktemp('links')}/registry.sqlite3"
    token = add_user(open_registry(url), "links-editor", "editor", "test")[1]
    with served(url) as base:
        yield base, token


def test_a_saved_decision_opens_in_the_decision_page_and_back_returns_to_it(
    page: Any, editor_server: tuple[str, str]
) -> None:
    base, token = editor_server
    navigations = _navigations(page)
    page.goto(f"{base}/decision?example=nepali-serving")
    page.locator("#save-token").fill(token)
    page.get_by_role("button", name="Sign in and save").click()
    assert "/registry/decisions/" in page.url
    saved = page.url
    page.get_by_role("button", name="Open in the decision page").click()
    assert _h1(page).startswith("Decision") and "/decision?s=" in page.url
    page.go_back()
    assert page.url == saved
    page.go_forward()
    assert _h1(page).startswith("Decision")
    page.goto(saved + "/replay")
    page.get_by_role("button", name="Open under today's law").click()
    assert _h1(page).startswith("Decision") and "/decision?s=" in page.url
    _back_forward_reload(page, "", "Decision")
    assert [n for n in navigations if n.startswith("POST")] == ["POST registry/decisions/save"]
