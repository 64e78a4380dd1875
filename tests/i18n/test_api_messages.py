"""The API's 422 bodies speak the language of Accept-Language; the field paths and locations do not
change with it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import forget_registries

CASE = json.loads(
    (Path(__file__).resolve().parents[2] / "extrashield" / "examples" / "nepali-serving.json").read_text(
        "utf-8"
    )
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('registry')}/registry.sqlite3"
    with TestClient(create_app(url), raise_server_exceptions=False) as c:
        yield c
    forget_registries()


def _invalid(client: TestClient, language: str | None, **changes: Any) -> Any:
    case = {**CASE, "person": {**CASE["person"], **changes}}
    headers = {"Accept-Language": language} if language else {}
    r = client.post("/v1/assess", json=case, headers=headers)
    assert r.status_code == 422, r.text
    assert "accept-language" in r.headers.get("vary", "").lower()
    return r.json()["detail"]


def test_a_422_is_in_russian_for_a_russian_reader(client: TestClient) -> None:
    [ru] = _invalid(client, "ru-RU,ru;q=0.9,en;q=0.8", stateless="no")
    [en] = _invalid(client, None, stateless="no")
    assert en["msg"] == "expected true, false or null, got 'no'"
    assert ru["msg"] == "ожидалось true, false или null, получено: 'no'"
    assert (
        (ru["loc"], ru["field"])
        == (en["loc"], en["field"])
        == (["body", "person", "stateless"], "person.stateless")
    )


def test_english_stays_for_a_reader_who_prefers_it(client: TestClient) -> None:
    [d] = _invalid(client, "en-GB,en;q=0.9,ru;q=0.5", birth_date="1995-02-30")
    assert d["msg"] == "'1995-02-30' is not a real calendar date"


def test_a_contradiction_is_explained_in_russian(client: TestClient) -> None:
    [d] = _invalid(client, "ru", citizenships=[], stateless=False)
    assert d["field"] == "person.stateless"
    assert d["msg"].startswith("равно false, но person.citizenships пуст")


def test_a_bad_reading_in_the_query_is_explained_in_russian(client: TestClient) -> None:
    r = client.post("/v1/assess?reading=point7.limbs=sometimes", json=CASE, headers={"Accept-Language": "ru"})
    assert r.status_code == 422
    [d] = r.json()["detail"]
    assert d["loc"][0] == "query" and d["field"] == "reading"
    assert d["msg"].startswith("point7.limbs: неизвестное значение 'sometimes' (допустимы:")


def test_answers_themselves_do_not_change_with_accept_language(client: TestClient) -> None:
    en = client.post("/v1/assess", json=CASE).json()
    ru = client.post("/v1/assess", json=CASE, headers={"Accept-Language": "ru"}).json()
    assert ru == en


def test_screened_rows_do_not_change_with_accept_language(client: TestClient) -> None:
    # their texts (a row's error, the questions) are the answer's, in English, as /v1/assess answers
    body = (Path(__file__).resolve().parents[2] / "extrashield" / "examples" / "cases.jsonl").read_bytes()
    headers = {"Content-Type": "application/x-ndjson"}
    en = client.post("/v1/screen", content=body, headers=headers)
    ru = client.post("/v1/screen", content=body, headers={**headers, "Accept-Language": "ru"})
    assert en.status_code == ru.status_code == 200
    assert ru.text == en.text
    assert "unknown field" in ru.text  # the invalid row of the examples, said in English
