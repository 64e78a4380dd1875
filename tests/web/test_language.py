"""The language of the pages (issue 19 item 3): `?lang` in the URL wins over Accept-Language, which wins
over English; a language chosen in the URL is kept by every internal link, form and redirect; the
switcher on every page goes to the same URL in the other language; `<html lang>` says the page's language;
dates and numbers follow it; the memo downloaded from a Russian page is the Russian memo."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.web.casedata import example_names
from extrashield.adapters.web.language import keep_in_links, with_language
from extrashield.i18n import using
from extrashield.i18n.conventions import day, number

RUSSIAN = {"accept-language": "ru-RU,ru;q=0.9,en;q=0.8"}


def html_lang(html: str) -> str:
    m = re.search(r'<html lang="(\w+)"', html)
    assert m is not None
    return m[1]


def internal_links(html: str) -> list[str]:
    """Every href and action that leads to a page of this site (not a fragment, static file or other site)."""
    return [
        u.replace("&amp;", "&")
        for u in re.findall(r'\s(?:href|action)="(/[^"]*)"', html)
        if not u.startswith(("//", "/static/"))
    ]


def switcher(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<p class="langs">.*?</p>', html, re.S)
    assert nav is not None, "no language switcher"
    return re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav[0])


def test_english_without_a_choice(client: TestClient) -> None:
    page = client.get("/")
    assert html_lang(page.text) == "en" and "Can Russia extradite this person?" in page.text


def test_accept_language_chooses_russian(client: TestClient) -> None:
    page = client.get("/", headers=RUSSIAN)
    assert html_lang(page.text) == "ru" and "Может ли Россия выдать это лицо?" in page.text
    assert "accept-language" in page.headers["vary"].lower()
    # negotiated, not chosen in the URL: the links stay as they are (the next request negotiates again)
    assert all("lang=" not in u for u in internal_links(page.text) if not u.startswith("/?lang"))


def test_lang_in_the_url_wins_over_accept_language(client: TestClient) -> None:
    assert html_lang(client.get("/?lang=en", headers=RUSSIAN).text) == "en"
    assert html_lang(client.get("/?lang=ru", headers={"accept-language": "en"}).text) == "ru"


def test_an_unknown_language_in_the_url_is_a_422_naming_lang(client: TestClient) -> None:
    answer = client.get("/?lang=de")
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "lang"


@pytest.mark.parametrize("path", ["/", "/interview", "/law", "/states", "/figures", "/law/history"])
def test_every_internal_link_and_form_keeps_a_language_chosen_in_the_url(
    client: TestClient, path: str
) -> None:
    page = client.get(f"{path}?lang=ru")
    links = internal_links(page.text)
    assert links
    others = [u for u in links if "lang=ru" not in u and "lang=en" not in u]
    assert others == []
    # a GET form replaces its action's query with its fields: each carries the language as a field
    for form in re.findall(r'<form\b[^>]*method="get"[^>]*>', page.text):
        assert page.text.split(form, 1)[1].startswith('<input type="hidden" name="lang" value="ru">')


@pytest.mark.parametrize("path", ["/", "/law?date=2026-04-01", f"/timeline?example={example_names()[0]}"])
def test_the_switcher_goes_to_the_same_url_in_the_other_language(client: TestClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    english = client.get(path)
    russian = client.get(f"{path}{sep}lang=ru")
    assert switcher(english.text) == [(f"{path}{sep}lang=ru".replace("&", "&amp;"), "ru")]
    assert switcher(russian.text) == [(f"{path}{sep}lang=en".replace("&", "&amp;"), "en")]


def test_a_redirect_keeps_a_language_chosen_in_the_url(client: TestClient) -> None:
    answer = client.post("/interview?lang=ru", data={"topic": "decision"}, follow_redirects=False)
    assert answer.status_code == 303
    assert "lang=ru" in answer.headers["location"]
    step = client.get(answer.headers["location"])
    assert html_lang(step.text) == "ru" and "Вопрос 1" in step.text


def test_form_errors_are_in_the_language_of_the_page(client: TestClient) -> None:
    page = client.post("/interview?lang=ru", data={"topic": "war"})
    assert page.status_code == 422
    assert "ожидалось одно из значений" in page.text and "Есть ошибка" in page.text


def test_text_quoted_in_the_other_language_is_marked_with_its_lang(client: TestClient) -> None:
    page = client.get("/law?lang=ru").text
    # the statute in Russian and our English rendering side by side: each block says its language
    assert '<blockquote lang="en">' in page and '<blockquote lang="ru">' in page
    assert 'lang="ru">English: наш собственный перевод</p>' in page


def test_dates_and_numbers_follow_the_language() -> None:
    assert day("2026-04-12") == "12 April 2026" and number(18000) == "18,000"
    with using("ru"):
        assert day("2026-04-12") == "12.04.2026" and number(18000) == "18\u00a0000"
    assert day("about 2026") == "about 2026" and day(None) == ""  # not a date: as it is


def test_the_home_page_writes_the_law_date_as_each_language_does(client: TestClient) -> None:
    assert "Federal Law No. 50-FZ of 8 March 2026" in client.get("/").text
    assert "Федерального закона № 50-ФЗ от 08.03.2026" in client.get("/?lang=ru").text


def test_the_memo_from_a_russian_page_is_the_russian_memo(client: TestClient) -> None:
    name = example_names()[0]
    memo = client.get(f"/decision/memo.docx?example={name}&lang=ru")
    assert memo.status_code == 200 and memo.headers["content-disposition"].endswith("-ru.docx")
    negotiated = client.get(f"/decision/memo.docx?example={name}", headers=RUSSIAN)
    assert negotiated.headers["content-disposition"].endswith("-ru.docx")
    assert (
        client.get(f"/decision/memo.docx?example={name}").headers["content-disposition"].endswith("-en.docx")
    )


def test_with_language_replaces_a_language_and_keeps_the_fragment() -> None:
    assert with_language("/law?date=2026-04-01&lang=en#p7", "ru") == "/law?date=2026-04-01&lang=ru#p7"
    assert with_language("/", "ru") == "/?lang=ru"


def test_keep_in_links_leaves_other_sites_static_files_and_fragments() -> None:
    html = '<a href="https://x.org/a">x</a><a href="/static/s.css">s</a><a href="#main">m</a><a href="/law">l</a>'
    assert keep_in_links(html, "ru") == html.replace('"/law"', '"/law?lang=ru"')


def test_keep_in_links_keeps_the_language_in_a_link_to_a_query_of_the_same_page() -> None:
    html = '<a href="?name=x&amp;sort=name">name</a>'
    assert keep_in_links(html, "ru") == '<a href="?name=x&amp;sort=name&amp;lang=ru">name</a>'


def test_the_provision_page_gives_its_versions_act_reason_and_sources_in_the_pages_language(
    client: TestClient,
) -> None:
    from markupsafe import escape

    from extrashield import default_lawbook
    from extrashield.i18n import data_text
    from extrashield.present.plain import scrub

    provision = default_lawbook().provisions["ru.uk.15"]
    v = next(v for v in provision.versions if v.valid_from_why and v.sources)
    texts = (v.act, v.valid_from_why, v.sources[0].supports)
    russian_page = client.get(f"/law/provision/{provision.id}?lang=ru").text
    english_page = client.get(f"/law/provision/{provision.id}").text
    for text in texts:
        with using("ru"):
            said = str(escape(scrub(data_text(text))))
        english = str(escape(scrub(text)))
        assert said != english and said in russian_page and english not in russian_page
        assert f'<span lang="en">{said}' not in russian_page  # translated: not marked as English
        assert english in english_page
