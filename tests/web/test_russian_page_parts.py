"""The parts of the case pages and the figures page that still mixed languages (issue 19): in Russian they
speak Russian and write dates and numbers as Russian does; in English they say the same in English."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from fastapi.testclient import TestClient

from extrashield.adapters.web.interview_state import InterviewState

from .conftest import example

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
FACT_PATH = re.compile(r"person\.|request\.|decision_date|\[\w+\[\d+\]\]|\w = ")
ENGLISH_WORD = re.compile(r"\b(?:the|is|was|and|of|on|read|true|false|unknown|bill)\b")


def _lists(page: str, cls: str) -> list[str]:
    """The text of each item of the page's lists of the class `cls`."""
    items = []
    for block in re.findall(rf'<ul class="{cls}">(.*?)</ul>', page, re.S):
        items += [
            html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", block, re.S)
        ]
    return items


def test_eligibility_criteria_are_said_in_russian_words_without_fact_paths(client: TestClient) -> None:
    page = client.get("/eligibility?example=cuban-recruit-family&lang=ru").text
    reasons = _lists(page, "because")
    assert len(reasons) > 10
    for line in reasons:
        assert not FACT_PATH.search(line), line
        assert not ENGLISH_WORD.search(line), line
        assert not ISO_DAY.search(line), line
    assert any("гражданство: страна Куба" in line for line in reasons)
    assert any("дата рождения: 02.06.1990" in line for line in reasons)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "Try:" not in text and "Попробуйте" not in text and "Once granted" not in text
    assert "После приёма в гражданство лицо — гражданин России" in text


def test_eligibility_criteria_in_english_name_facts_by_their_labels(client: TestClient) -> None:
    page = client.get("/eligibility?example=cuban-recruit-family").text
    reasons = _lists(page, "because")
    assert any("citizenships: country Cuba" in line for line in reasons)
    assert any("date of birth: 2 June 1990" in line for line in reasons)
    assert not any(FACT_PATH.search(line) for line in reasons)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "Once granted, the person is a Russian citizen" in text and "Try: extrashield" not in text


def test_removal_conditions_and_alternatives_are_russian_on_a_russian_page(client: TestClient) -> None:
    page = client.get("/removal?example=nepali-serving&lang=ru").text
    reasons = _lists(page, "because")
    assert len(reasons) > 5
    for line in reasons:
        assert not FACT_PATH.search(line), line
        assert not ENGLISH_WORD.search(line), line
    alternatives = " ".join(  # the open questions' alternatives
        html.unescape(re.sub(r"<[^>]+>", " ", a))
        for block in re.findall(r'<article class="oq">(.*?)</article>', page, re.S)
        for a in re.findall(r"<ul>(.*?)</ul>", block, re.S)
    )
    assert "Если законопроект принят и применяется на 01.04.2026" in alternatives
    assert not ENGLISH_WORD.search(alternatives), alternatives
    assert "При толковании «требуется участие в боевых действиях»" in alternatives


def test_removal_alternatives_in_english_keep_english_words(client: TestClient) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", " ", client.get("/removal?example=nepali-serving").text))
    assert "If the bill was adopted and applies on 1 April 2026" in text
    assert "Under the reading “combat required”" in text


def test_the_laws_events_in_the_timeline_write_their_dates_as_russian_does(client: TestClient) -> None:
    page = client.get("/timeline?example=nepali-serving&lang=ru").text
    markers = re.search(r'<ol class="markers">(.*?)</ol>', page, re.S)
    assert markers is not None
    said = html.unescape(re.sub(r"<[^>]+>", " ", markers.group(1)))
    assert "19.03.2026" in said and not ISO_DAY.search(said), said
    assert "inferred" not in said  # how sure the date is, in words
    english = client.get("/timeline?example=nepali-serving").text
    assert "(the data uses 2026-03-19)" in english  # English: the event's own words, as before


def test_the_figures_chart_writes_numbers_and_claims_in_the_pages_language(client: TestClient) -> None:
    def chart_and_claims(page: str) -> str:
        """The charts, the claims' headings and why claims disagree (the claims' notes are research data)."""
        parts = re.findall(r"<svg.*?</svg>|<h3>.*?</h3>|<ul class=\"why\">.*?</ul>", page, re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))

    ru = chart_and_claims(client.get("/figures?lang=ru").text)
    en = chart_and_claims(client.get("/figures").text)
    assert "18\xa0000 человек" in ru and "18,000" not in ru
    assert "about 18,000 people" in en and "18\xa0000" not in en
    for english in ("cannot both be true", "the ledger records", "; reported by", "Source:", "about 18"):
        assert english not in ru, english
    assert "противоречат друг другу" in ru and "Источник:" in ru
    assert "the ledger records that these statements about the law contradict each other" in en


def _review_facts(client: TestClient, url: str) -> list[str]:
    page = client.get(html.unescape(url)).text
    return [unquote(f) for f in re.findall(r'ask=([^&"]+)', page)]


def test_a_case_page_reached_by_link_reviews_the_answers_in_the_interviews_order(client: TestClient) -> None:
    raw = example("kazakh-combat-unknown")
    for topic, path in (("decision", "/decision"), ("eligibility", "/eligibility")):
        state = InterviewState(
            raw,
            {},
            answered=("person.birth_date", "request.purpose"),
            skipped=("person.military_service[0].combat",),
            topic=topic,
        )
        page = client.get(state.url(path)).text
        link = re.search(r'href="(/interview/review\?[^"]+)"', page)
        assert link is not None, path
        from_page = _review_facts(client, link.group(1))
        assert from_page == _review_facts(client, state.url("/interview/review")), path
        assert "person.military_service[0].combat" in from_page  # the skipped question is kept


def test_why_a_shields_law_may_not_be_there_is_russian_on_the_russian_removal_page(
    client: TestClient,
) -> None:
    page = client.get("/removal?example=nepali-serving&lang=ru").text
    cautions = [
        html.unescape(re.sub(r"<[^>]+>", "", p))
        for p in re.findall(
            r'<p class="warning"><strong>Принятие не подтверждено.</strong>(.*?)</p>', page, re.S
        )
    ]
    assert cautions
    for text in cautions:
        assert "Если закон будет принят, он может применяться не ранее" in text
        assert "(дата выведена: после" in text
        assert not ENGLISH_WORD.search(text), text
        assert not ISO_DAY.search(text), text
    english = client.get("/removal?example=nepali-serving&lang=en").text
    assert (
        "If adopted, the law could apply from 2026-03-22 at the earliest (inferred: from the third reading"
        in (html.unescape(english))
    )


def test_why_a_country_is_or_is_not_on_the_reported_blacklist_is_russian_on_russian_pages(
    client: TestClient,
) -> None:
    for path in (
        "/states?lang=ru",
        "/states/IN?lang=ru",
        "/eligibility?example=cuban-recruit-family&lang=ru",
    ):
        page = html.unescape(client.get(path).text)
        assert "reported list" not in page and "reported apart" not in page, path
        assert "о котором сообщалось" in page, path
    english = html.unescape(client.get("/states/IN?lang=en").text)
    assert "named in the reported list list 43 (43 countries, reported from 2026-02-01)" in english


def test_a_companion_bills_status_is_russian_on_the_russian_history_page(client: TestClient) -> None:
    ru = html.unescape(re.sub(r"<[^>]+>", "", client.get("/law/history?lang=ru").text))
    assert "Законопроект, не закон: последняя найденная стадия — третье чтение, 11.03.2026" in ru
    assert "a bill, not law" not in ru
    en = html.unescape(re.sub(r"<[^>]+>", "", client.get("/law/history?lang=en").text))
    assert "A bill, not law: the latest stage found is the third reading on 2026-03-11" in en


def test_a_provision_page_in_russian_is_headed_by_its_russian_citation(client: TestClient) -> None:
    ru = client.get("/law/provision/ru.upk.464.1.7?lang=ru").text
    assert "<h1>п. 7 ч. 1 ст. 464 УПК РФ</h1>" in ru
    en = client.get("/law/provision/ru.upk.464.1.7?lang=en").text
    assert "<h1>Art. 464(1)(7) Criminal Procedure Code of the Russian Federation" in en
