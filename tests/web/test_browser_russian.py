"""The main pages in Russian in a real browser, at desk (1280 px) and phone (390 px) widths (issue 19 item
5): Cyrillic runs longer, so nothing may be cut or overflow its box, the page must not scroll sideways,
and axe-core finds nothing wrong. Each page is photographed (to tmp_path, or to the directory named by
EXTRASHIELD_SCREENSHOTS, e.g. docs/screenshots/ru, to refresh the pictures of the docs)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extrashield.adapters.web.casedata import example_names

from .conftest import axe_violations

pytestmark = pytest.mark.browser
EXAMPLE = "nepali-contract-soldier" if "nepali-contract-soldier" in example_names() else example_names()[0]
PAGES = {
    "home": "/",
    "interview": "/interview",
    "decision": f"/decision?example={EXAMPLE}",
    "timeline": f"/timeline?example={EXAMPLE}",
    "removal": f"/removal?example={EXAMPLE}",
    "eligibility": f"/eligibility?example={EXAMPLE}",
    "law": "/law",
    "history": "/law/history",
    "states": "/states",
    "state": "/states/NP",
    "treaties": "/treaties",
    "figures": "/figures",
    "registry": "/registry",
}
# Everything a person reads, and the controls; an element whose own box is a scroller (overflow-x auto or
# scroll) may be wider inside, and so may anything within such a box (a wide table in its .scroll box).
OVERFLOWS = """() => {
  const out = [], root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
  const scrolls = (s) => s.overflowX === "auto" || s.overflowX === "scroll";
  const inScroller = (el) => { for (let a = el.parentElement; a; a = a.parentElement) if (scrolls(getComputedStyle(a))) return true; return false; };
  // visually hidden (a stacked table's head on a phone, a screen reader's text): a clipped box of 1 px
  const clipped = (el) => { for (let a = el; a; a = a.parentElement) { const r = a.getBoundingClientRect(); if (r.width <= 1 && r.height <= 1 && getComputedStyle(a).overflow !== "visible") return true; } return false; };
  const what = (el) => `${el.tagName.toLowerCase()} «${(el.innerText || el.value || "").trim().slice(0, 40)}»`;
  for (const el of document.querySelectorAll("h1,h2,h3,h4,p,li,dt,dd,th,td,label,legend,caption,summary,button,a,input,select,textarea,small,code")) {
    const s = getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden" || el.closest(".visually-hidden, .skip, svg") || clipped(el)) continue;
    const field = ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName);  // a field's text scrolls inside it
    if (!field && s.display !== "inline" && !scrolls(s) && el.scrollWidth > el.clientWidth + 1)
      out.push(`${what(el)} overflows its box: ${el.scrollWidth} > ${el.clientWidth}`);
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > root.clientWidth + 1 && !inScroller(el))
      out.push(`${what(el)} runs past the right edge: ${Math.round(box.right)} > ${root.clientWidth}`);
  }
  return out.slice(0, 15);
}"""


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("EXTRASHIELD_SCREENSHOTS")
    where = Path(chosen) if chosen else tmp_path_factory.mktemp("ru")
    where.mkdir(parents=True, exist_ok=True)
    return where


@pytest.fixture(scope="module")
def russian(browser: Any) -> Iterator[Any]:
    """A desk browser that asks for Russian (Accept-Language), as a Russian lawyer's does."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def russian_phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_a_main_page_in_russian_at_desk_width_fits_and_passes_axe(
    russian: Any, live_server: str, pictures: Path, name: str
) -> None:
    russian.goto(live_server + PAGES[name])  # no ?lang: the browser's Accept-Language chooses Russian
    assert russian.locator("html").get_attribute("lang") == "ru"
    assert russian.evaluate(OVERFLOWS) == []
    assert axe_violations(russian) == []
    russian.screenshot(path=str(pictures / f"{name}-desk.png"))


@pytest.mark.parametrize("name", list(PAGES))
def test_a_main_page_in_russian_at_phone_width_fits(
    russian_phone: Any, live_server: str, pictures: Path, name: str
) -> None:
    sep = "&" if "?" in PAGES[name] else "?"
    russian_phone.goto(f"{live_server}{PAGES[name]}{sep}lang=ru")  # chosen in the URL this time
    assert russian_phone.locator("html").get_attribute("lang") == "ru"
    assert russian_phone.evaluate(OVERFLOWS) == []
    russian_phone.screenshot(path=str(pictures / f"{name}-phone.png"))


def test_the_interview_goes_on_in_russian_from_its_first_page(russian_phone: Any, live_server: str) -> None:
    russian_phone.goto(f"{live_server}/interview?lang=ru")
    russian_phone.get_by_role("button", name="Начать").click()
    assert russian_phone.get_by_role("heading", name="Вопрос 1").is_visible()
    assert "lang=ru" in russian_phone.url
    assert russian_phone.evaluate(OVERFLOWS) == []


def test_the_switcher_turns_the_page_to_english_and_back(russian: Any, live_server: str) -> None:
    russian.goto(f"{live_server}/law?lang=ru")
    russian.get_by_role("link", name="English").click()
    assert russian.locator("html").get_attribute("lang") == "en" and "lang=en" in russian.url
    russian.get_by_role("link", name="Русский").click()
    assert russian.locator("html").get_attribute("lang") == "ru"
