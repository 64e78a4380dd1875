"""The decision page tells the whole story in words a lawyer reads (issue 18 item 3), and the memo to file
downloads from it, from an example and from a saved decision (item 4).

A walker renders the decision and removal pages of every bundled example, and a case that names its
treaty, and fails on any research reference or machine identifier in their text (attributes, links and
form values may carry ids: people do not read them)."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extrashield.i18n.conventions import day
from extrashield.sources.treaties import treaty_ids

from .conftest import EXAMPLES, example

LEAK = re.compile(
    r"NOTES|VERIFICATION|TREATIES\.md|[Ss]eed report|shared/"  # the research's files and seed reports
    r"|\b(?:ru|person|request|russian_proceedings|point7|art\d+|treaty_collision|[a-z]{2}-[a-z]{2})\.\w[\w.\[\]*]*"
    r"|\[[a-z]+(?:-[a-z0-9]+)+\]"  # bracketed slugs
    r"|(?<![\w./=-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?![/.]\w)"  # fact keys, claim and question ids, values
    r"|" + "|".join(rf"\b{re.escape(t)}\b" for t in treaty_ids())  # treaty ids
)


class _Text(HTMLParser):
    """The text of a page as people read it: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def _named_treaty_case() -> dict[str, Any]:
    case = example("decided-before-point7")
    case["decision_date"] = "2026-04-10"
    case["request"]["treaty"] = "ru-lk-extradition"
    return case


def _leaks(text: str) -> list[str]:
    return [text[max(0, m.start() - 60) : m.end() + 30] for m in LEAK.finditer(text)]


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_the_decision_removal_eligibility_and_timeline_pages_name_no_research_file_nor_machine_identifier(
    client: TestClient, name: str
) -> None:
    for url in (
        f"/decision?example={name}",
        f"/removal?example={name}",
        f"/eligibility?example={name}",
        f"/timeline?example={name}",
    ):
        r = client.get(url)
        assert r.status_code == 200
        assert _leaks(text_of(r.text)) == [], url


def _reference_pages() -> list[str]:
    from extrashield import default_lawbook

    return [
        "/law",
        "/law/diff",
        "/treaties",
        "/states",
        *(f"/law/provision/{p}" for p in default_lawbook().provisions),
        *(f"/law/provision/{prefix}" for prefix in ("ru.upk.464", "ru.upk", "ru.citizenship.simplified")),
        *(f"/treaties/{t}" for t in treaty_ids()),
    ]


def test_the_law_provision_treaty_and_state_pages_name_no_research_file_nor_machine_identifier(
    client: TestClient,
) -> None:
    """Provisions by citation and title, treaties by title: their ids stay in the links' addresses."""
    leaked = {}
    for url in _reference_pages():
        r = client.get(url)
        assert r.status_code == 200, url
        if found := _leaks(text_of(r.text)):
            leaked[url] = found
    assert leaked == {}
    law = text_of(client.get("/law?date=2026-04-01").text)
    assert "Art. 464(1)(7)" in law and "ru.upk.464.1.7" not in law
    treaty = text_of(client.get("/treaties/ru-kg-legal-assistance-1992").text)
    assert "Kyrgyzstan" in treaty  # a party by its name, not its code


def test_the_timeline_names_the_citizenship_lanes_by_country(client: TestClient) -> None:
    html = client.get("/timeline?example=nepali-serving").text
    assert "Citizen of Nepal" in html and "Citizen of NP" not in html


def test_a_case_naming_its_treaty_shows_the_collision_in_words_with_a_working_link(
    client: TestClient,
) -> None:
    r = client.post("/decision", data={"case": json.dumps(_named_treaty_case())})
    assert r.status_code == 200
    text = text_of(r.text)
    assert _leaks(text) == []
    title = "Treaty on Extradition between the Russian Federation and the Democratic Socialist Republic of Sri Lanka"
    assert f"Treaty collision: {title}" in text
    assert (
        "{" not in text.split("Open legal questions", 1)[1].split("Readings of point 7", 1)[0]
    )  # no raw dict
    links = re.findall(r'href="(/treaties/[^"?#]+)"', r.text)
    assert set(links) == {"/treaties/ru-lk-extradition"}  # the page and its printed memo
    assert client.get(links[0]).status_code == 200
    assert "If the request rests on" not in text and f"If the {title} prevails" in text


def test_before_point_7_the_page_says_what_changes_and_asks_whether_a_court_reviewing_later_applies_it(
    client: TestClient,
) -> None:
    r = client.get("/decision?example=decided-before-point7")
    text = text_of(r.text)
    point7 = day("2026-03-19")  # 19 March 2026: dates as English writes them
    note = text.split(f"The law changes on {point7}", 1)[1].split("Decision date", 1)[0]
    assert f"On these facts, from {point7}: Extradition is barred" in note
    assert "Must a court reviewing under Art. 463 an extradition decision taken before point 7" in note
    # both views of the law data, each with its outcome; neither chosen
    assert f"Outcome at a review on or after {point7}: Extradition is barred" in note
    assert f"Outcome at a review on or after {point7}: No ground found: extradition may proceed" in note
    # after point 7 the page has no such note
    assert "The law changes on" not in text_of(client.get("/decision?example=nepali-serving").text)
    # the contents count that question, and its section names it (it said "(0)" and "no open question")
    assert "Open legal questions (1)" in text
    questions = text_of(r.text.split('id="questions"', 1)[1].split("</section>", 1)[0])
    assert "Must a court reviewing under Art. 463 an extradition decision taken before point 7" in questions
    assert "No open legal question changes this outcome" not in questions


def test_a_reconstructed_statute_text_says_so_and_the_marks_are_explained(client: TestClient) -> None:
    r = client.get("/decision?example=kazakh-combat-unknown")
    point7 = r.text.split('id="g-ru.upk.464.1.7"', 1)[1].split("</article>", 1)[0]
    assert "Русский <span" in point7
    assert "Russian text reconstructed from secondary sources, not the official text" in text_of(point7)
    marks = text_of(r.text.split('id="marks"', 1)[1].split("</section>", 1)[0])
    for mark in ("V", "V-partial", "M", "I", "S", "inferred", "assumed"):
        assert f" {mark} " in f" {marks} "


def test_the_page_prints_the_memo_and_not_its_navigation(client: TestClient) -> None:
    html = client.get("/decision?example=nepali-serving").text
    assert '<div class="print-memo">' in html and 'href="/memo.css"' in html
    printed = html.split('<div class="print-memo">', 1)[1]
    assert "Memo to file" in printed and "Facts of the case" in printed
    css = client.get("/static/style.css").text
    assert "body:has(.print-memo) > :not(main)" in css  # header, footer and skip link are not printed
    assert client.get("/memo.css").headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_memo_downloads_from_the_page_as_docx(client: TestClient, lang: str) -> None:
    from docx import Document

    case = example("nepali-serving")
    r = client.post("/decision/memo.docx", data={"case": json.dumps(case), "lang": lang})
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith(
        f'attachment; filename="memo-{case["id"]}-{lang}.docx"'
    )
    paragraphs = [p.text for p in Document(io.BytesIO(r.content)).paragraphs]
    assert paragraphs[0] == ("Служебная записка в дело" if lang == "ru" else "Memo to file")
    day = case["decision_date"]  # as the memo's language writes it
    shown = ".".join(reversed(day.split("-"))) if lang == "ru" else day
    assert any(shown in p for p in paragraphs)


def test_the_example_memo_downloads_as_pdf(client: TestClient) -> None:
    from pypdf import PdfReader

    r = client.get("/decision/memo.pdf?example=decided-before-point7&lang=ru")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages]
    assert "СЛУЖЕБНАЯ ЗАПИСКА В ДЕЛО" in pages[0] and "10.02.2026" in pages[0]


def test_a_bad_memo_request_names_its_problem(client: TestClient) -> None:
    case = json.dumps(example("nepali-serving"))
    assert (
        client.post("/decision/memo.docx?lang=de&format=json", data={"case": case}).json()["detail"][0][
            "field"
        ]
        == "lang"
    )
    assert client.get("/decision/memo.txt?example=nepali-serving").status_code == 404
    assert client.post("/decision/memo.pdf", data={"case": "{"}).status_code == 422


def test_a_saved_decisions_memo_is_for_readers_and_its_read_is_logged(
    client: TestClient, tokens: dict[str, str], tmp_path: Path
) -> None:
    from docx import Document

    case = example("cuban-veteran-mercenarism")
    saved = client.post(
        "/registry/decisions/save",
        data={"case": json.dumps(case), "token": tokens["editor"]},
        follow_redirects=False,
    )
    url = saved.headers["location"]
    client.cookies.clear()  # saving with a token in the form signs the browser in (a cookie): sign out
    assert client.get(f"{url}/memo.docx").status_code == 401
    reader = {"authorization": f"Bearer {tokens['reader']}"}
    r = client.get(f"{url}/memo.docx?lang=ru", headers=reader)
    assert r.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    record = client.get(f"{url}?format=json", headers=reader).json()["record"]
    assert record["answer"]["law_digest"] in text and case["decision_date"] in text
    pdf = client.get(f"{url}/memo.pdf", headers=reader)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/registry/decisions/nope/memo.pdf", headers=reader).status_code == 404


def test_the_state_pages_and_the_figures_name_no_research_file_nor_machine_identifier(
    client: TestClient,
) -> None:
    """Treaties by their titles, provisions by their citations, sources without the research's file names."""
    codes = sorted(set(re.findall(r'href="/states/([A-Z]{2})[?"]', client.get("/states").text)))
    assert len(codes) > 10
    for url in [*(f"/states/{code}" for code in codes), "/figures"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert _leaks(text_of(r.text)) == [], url


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_outcome_banner_says_the_outcome_in_words_without_its_code(client: TestClient, lang: str) -> None:
    r = client.get(f"/decision?example=nepali-serving&lang={lang}")
    banner = text_of(r.text.split('class="outcome o-barred"', 1)[1].split("</p>", 1)[0])
    words = "Выдача не допускается" if lang == "ru" else "Extradition is barred"
    assert banner.strip().endswith(words), banner
    assert "barred" not in banner.replace(words, ""), banner


def test_the_eligibility_page_names_its_readings_by_their_question_not_by_key(client: TestClient) -> None:
    r = client.get("/eligibility?example=nepali-serving")
    meta = text_of(r.text.split('class="meta"', 1)[1].split("</p>", 1)[0])
    assert "=" not in meta and "contract.mobilisation_period" not in meta, meta


def test_the_readings_switch_is_not_restored_by_the_browser_after_back(client: TestClient) -> None:
    # a radio the browser restores on Back would show another reading than the page's answer uses
    r = client.get("/decision?example=nepali-serving")
    radios = re.findall(r'<input type="radio"[^>]*name="r:[^"]+"[^>]*>', r.text)
    assert radios and all('autocomplete="off"' in radio for radio in radios)
