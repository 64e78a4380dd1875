"""The law data's English texts shown to people (issue 19, "Russian throughout") are Russian on a Russian
page: each is translated from the catalogue (extrashield/i18n/extract.py:law_texts puts them there, the
completeness tests of tests/i18n fail on a missing one), shown without the `lang="en"` mark, and stay
English on an English page."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from extrashield import default_lawbook
from extrashield.i18n import catalogue as cat
from extrashield.i18n import data_text, using
from extrashield.present.plain import scrub
from extrashield.services.state_profiles import collision_words, state_profile
from extrashield.sources.history import bill_history
from extrashield.sources.lawquery import note_words
from extrashield.sources.states import state_codes
from extrashield.sources.treaties import load_treaty, treaty_ids


def russian(text: str) -> str:
    with using("ru"):
        return scrub(data_text(text))


def page(client: TestClient, path: str, lang: str) -> str:
    response = client.get(path, params={"lang": lang})
    assert response.status_code == 200, response.text
    return html.unescape(response.text)


def visible(page: str) -> str:
    """A page's words without its tags: an address (`…-arrested-for-…`) is not a text left in English."""
    return re.sub(r"<[^>]*>", "", page)


PROVISIONS_WITH_READINGS = sorted(p.id for p in default_lawbook().provisions.values() if p.readings)


@pytest.mark.parametrize("provision", PROVISIONS_WITH_READINGS)
def test_a_readings_meanings_are_russian_on_a_russian_page(client: TestClient, provision: str) -> None:
    readings = default_lawbook().provisions[provision].readings
    ru, en = (
        page(client, f"/law/provision/{provision}", "ru"),
        page(client, f"/law/provision/{provision}", "en"),
    )
    for r in readings.values():
        for meaning in r.values.values():
            assert russian(meaning) != scrub(meaning), f"no Russian for {meaning!r}"
            assert russian(meaning) in ru and scrub(meaning) not in ru
            assert scrub(meaning) in en


@cache
def extracted_by_file() -> dict[str, list[str]]:
    """The texts the catalogue extracts from each data file (babel.cfg's law_texts sections)."""
    out: dict[str, list[str]] = {}
    for m in cat.extract():
        for path, _line in m.locations:
            out.setdefault(Path(path).name, []).append(str(m.id))
    return out


@pytest.mark.parametrize("treaty", treaty_ids())
def test_a_treatys_summaries_are_russian_on_a_russian_page(client: TestClient, treaty: str) -> None:
    texts = extracted_by_file()[f"{treaty}.yaml"]
    ru, en = page(client, f"/treaties/{treaty}", "ru"), page(client, f"/treaties/{treaty}", "en")
    assert texts
    for text in texts:
        assert russian(text) != scrub(text), f"no Russian for {text!r}"
        assert russian(text) in ru and scrub(text) not in visible(ru)
        assert scrub(text) in en


def test_a_states_page_gives_its_treaties_summaries_in_russian(client: TestClient) -> None:
    ru = page(client, "/states/KZ", "ru")
    duty = load_treaty("chisinau-2002").obliges_extradition  # binds KZ and Russia since 28.06.2023
    assert duty is not None
    assert russian(duty.summary_en) in ru and duty.summary_en not in ru
    why = "Both parties; the Convention entered into force for Russia on 28.06.2023."  # KZ.yaml: why it binds
    assert why in extracted_by_file()["KZ.yaml"] and russian(why) in ru and why not in ru


BILLS = sorted(p.id for p in default_lawbook().provisions.values() if any(v.bill for v in p.versions))


@pytest.mark.parametrize("provision", BILLS)
def test_a_bills_note_is_russian_on_a_russian_page(client: TestClient, provision: str) -> None:
    bill = next(v.bill for v in default_lawbook().provisions[provision].versions if v.bill)
    ru, en = (
        page(client, f"/law/provision/{provision}", "ru"),
        page(client, f"/law/provision/{provision}", "en"),
    )
    with using("ru"):
        said = note_words(bill.note)
    assert said.startswith("законопроект (") and "принятие не подтверждено" in said
    assert said in ru and bill.note not in ru and bill.note in en


def test_the_figures_scopes_and_date_notes_are_russian_on_a_russian_page(client: TestClient) -> None:
    texts = extracted_by_file()["figures.yaml"]
    ru, en = page(client, "/figures", "ru"), page(client, "/figures", "en")
    assert len(texts) > 40
    for text in texts:
        assert russian(text) != scrub(text), f"no Russian for {text!r}"
        assert russian(text) in ru and scrub(text) not in ru
        assert scrub(text) in en


@pytest.mark.parametrize("code", state_codes())
def test_a_states_research_notes_are_russian_on_a_russian_page(client: TestClient, code: str) -> None:
    # every note the English page shows (a treaty list's `unknown` marker only says other treaties may exist)
    ru, en = page(client, f"/states/{code}", "ru"), page(client, f"/states/{code}", "en")
    shown = [t for t in extracted_by_file()[f"{code}.yaml"] if scrub(t) in en]
    for text in shown:
        assert russian(text) != scrub(text), f"no Russian for {text!r}"
        assert russian(text) in ru and scrub(text) not in visible(ru)


@pytest.mark.parametrize("provision", sorted(default_lawbook().provisions))
def test_each_versions_act_reasons_and_sources_notes_are_russian_on_a_russian_page(
    client: TestClient, provision: str
) -> None:
    versions = default_lawbook().provisions[provision].versions
    acts = {v.act for v in versions}
    notes = {s.supports for v in versions for s in v.sources}
    notes |= {t for v in versions for t in (v.valid_from_why, v.valid_until_why) if t}
    notes = {t for t in notes if any("a" <= c.lower() <= "z" for c in t)}  # not a Russian quotation
    ru = page(client, f"/law/provision/{provision}", "ru")
    assert notes
    for text in acts | notes:
        assert russian(text) != scrub(text), f"no Russian for {text!r}"
        assert russian(text) in ru
    for text in notes:  # an act's words may recur in the English citation, which is the page's heading
        assert scrub(text) not in ru


def test_a_data_text_without_a_translation_keeps_its_lang_mark_on_a_russian_page() -> None:
    from extrashield.adapters.web.render import TEMPLATES

    said = TEMPLATES.env.from_string('{% from "_macros.html" import data_said %}{{ data_said(t) }}')
    untranslated = "A note the catalogue does not hold."
    with using("ru"):
        assert data_text(untranslated) == untranslated
        assert said.render(t=untranslated) == f'<span lang="en">{untranslated}</span>'
    with using("en"):
        assert said.render(t=untranslated) == untranslated


def test_a_source_note_that_is_a_russian_quotation_is_not_marked_english(client: TestClient) -> None:
    quotes = [
        (p.id, s.supports)
        for p in default_lawbook().provisions.values()
        for v in p.versions
        for s in v.sources
        if not any("a" <= c.lower() <= "z" for c in s.supports)
    ]
    assert quotes
    for provision, text in quotes:
        raw = client.get(f"/law/provision/{provision}", params={"lang": "ru"}).text
        shown = html.escape(scrub(text), quote=True)
        assert shown in raw.replace("&#34;", "&quot;")
        assert f'<span lang="en">{shown}' not in raw.replace("&#34;", "&quot;")


def test_the_bills_history_says_why_its_dates_are_what_they_are_in_russian(client: TestClient) -> None:
    from extrashield.sources.history import bill_history

    h = bill_history("1075342-8")
    stages = [*h.stages, *(s for c in h.companions for s in c.stages)]
    notes = {t for t in (h.in_force_why, *(s.why for s in stages), *(s.uncertain for s in stages)) if t}
    ru = page(client, "/law/history", "ru")
    assert notes
    for text in notes:
        assert russian(text) != scrub(text), f"no Russian for {text!r}"
        assert russian(text) in ru and scrub(text) not in ru


PROVISIONS_WITH_OPEN_QUESTIONS = sorted(
    p.id for p in default_lawbook().provisions.values() if p.open_questions
)


@pytest.mark.parametrize("provision", PROVISIONS_WITH_OPEN_QUESTIONS)
def test_a_provisions_open_questions_are_russian_and_unmarked_on_a_russian_page(
    client: TestClient, provision: str
) -> None:
    questions = default_lawbook().provisions[provision].open_questions
    ru, en = (
        page(client, f"/law/provision/{provision}", "ru"),
        page(client, f"/law/provision/{provision}", "en"),
    )
    for q in questions:
        for text in (q.question, q.why):
            assert russian(text) != scrub(text), f"no Russian for {text!r}"
            assert russian(text) in ru and scrub(text) not in ru
            assert scrub(text) in en
            assert f'lang="en">{russian(text)}' not in ru  # Russian, so not marked as English


def test_the_bills_open_questions_are_russian_on_the_russian_history_page(client: TestClient) -> None:
    questions = bill_history().open_questions
    ru, en = page(client, "/law/history", "ru"), page(client, "/law/history", "en")
    assert questions
    for q in questions:
        for text in (q.question, q.why):
            assert russian(text) in ru and scrub(text) not in ru
            assert scrub(text) in en


def test_a_treaty_page_in_russian_says_its_whys_and_title_in_russian_unmarked(client: TestClient) -> None:
    t = load_treaty("minsk-1993")
    raw = client.get("/treaties/minsk-1993", params={"lang": "ru"}).text
    ru = html.unescape(raw)
    assert f'<h1 lang="ru">{t.title["ru"]}</h1>' in ru  # the file's own Russian title first
    for why in (t.point7_ground.why, t.in_force_for_russia.why, t.open_questions[0].question):
        assert russian(why) in ru and scrub(why) not in visible(ru)
    assert f'<span lang="en">{html.escape(scrub(t.point7_ground.why), quote=False)}' not in raw


def test_a_state_page_in_russian_says_its_prosecutions_own_law_and_point7_line_in_russian(
    client: TestClient,
) -> None:
    p = state_profile("KZ", dt.date(2026, 4, 1))
    ru = visible(page(client, "/states/KZ?date=2026-04-01", "ru"))
    x, o = p["prosecutions"][0], p["own_law"][0]
    for text in (x["summary"], x["outcome"], o["offence"], o["article"]):
        assert russian(text) in ru and scrub(text) not in ru
    with using("ru"):
        line = collision_words(p["brief"], "KZ", titles=True)
    assert line.startswith("Конвенция о правовой помощи") and "ч. 3 ст. 1 УПК РФ" in line
    assert line in ru and "Treaties prevail over the Code" not in ru


def test_a_claims_note_is_russian_on_the_russian_figures_page(client: TestClient) -> None:
    note = "Seed report. The Telegraph's own article was not read."  # figures.yaml: telegraph_2025_recruits
    assert note in extracted_by_file()["figures.yaml"]
    ru = page(client, "/figures", "ru")
    assert russian(note) in ru and note not in visible(ru)
