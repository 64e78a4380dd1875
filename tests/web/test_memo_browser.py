"""In Chromium: the memo to file downloaded from the decision page and read back, and the decision page
printed (print media, and Chromium's own print to PDF) with the memo's content and no navigation."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def test_the_memo_downloads_from_the_decision_page_in_russian(
    page: Any, live_server: str, tmp_path: Path
) -> None:
    page.goto(f"{live_server}/decision?example=decided-before-point7")
    page.get_by_label("Language").select_option("ru")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the memo (PDF)").click()
    download = info.value
    assert download.suggested_filename == "memo-decided-before-point7-ru.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(str(target))
    pages = _pdf_text(target.read_bytes())
    whole = " ".join(pages)
    assert "СЛУЖЕБНАЯ ЗАПИСКА В ДЕЛО" in pages[0] and "10.02.2026" in pages[0]  # dates as Russian writes them
    assert "п. 7 ч. 1 ст. 464 УПК РФ" in whole and "Что меняется с 19.03.2026" in whole
    assert "не действует на дату решения" in whole  # point 7's status, in Russian


def test_the_decision_page_prints_the_memo_without_navigation(
    page: Any, live_server: str, tmp_path: Path
) -> None:
    page.goto(f"{live_server}/decision?example=nepali-serving")
    assert page.locator("header.site nav").is_visible() and not page.locator(".print-memo").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible() and not page.locator("footer.site").is_visible()
    assert not page.get_by_role("button", name="Download the memo (PDF)").is_visible()
    assert page.locator(".print-memo").is_visible()
    page.screenshot(path=str(tmp_path / "decision-print.png"), full_page=True)
    pages = _pdf_text(page.pdf(format="A4"))
    whole = " ".join(pages)
    assert "MEMO TO FILE" in whole.upper() and "Facts of the case" in whole
    assert "Art. 464(1)(7) Criminal Procedure Code" in whole and "2026-04-01" in whole
    for nav in (
        "Skip to content",
        "Eligibility (contract, citizenship)",
        "Save the decision",
        "This page as JSON",
    ):
        assert nav not in whole


@pytest.mark.parametrize("example", ["decided-before-point7", "cuban-veteran-mercenarism"])
def test_the_decision_page_is_accessible_at_desk_and_phone_widths(
    page: Any, phone: Any, live_server: str, example: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for p in (page, phone):
        p.goto(f"{live_server}/decision?example={example}")
        violations = Axe().run(p).response["violations"]
        assert [f"{v['id']}: {v['help']}" for v in violations] == []
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert phone.get_by_role("button", name="Download the memo (PDF)").is_visible()
