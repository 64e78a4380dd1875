"""The law data's English texts shown to people (issue 19, "Russian throughout") are Russian on a Russian
page: each is translated from the catalogue (extrashield/i18n/extract.py:law_texts puts them there, the
completeness tests of tests/i18n fail on a missing one), shown without the `lang="en"` mark, and stay
English on an English page."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from extrashield import default_lawbook
from extrashield.i18n import data_text, using
from extrashield.present.plain import scrub


def russian(text: str) -> str:
    with using("ru"):
        return scrub(data_text(text))


def page(client: TestClient, path: str, lang: str) -> str:
    response = client.get(path, params={"lang": lang})
    assert response.status_code == 200, response.text
    return html.unescape(response.text)


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
