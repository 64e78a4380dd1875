"""Downloads named after a case reference in any script: a Moscow lawyer's case number is Cyrillic
(«М-2026/17»), and an HTTP header holds Latin-1 only, so the name travels as RFC 5987's `filename*`."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.web.interview_state import case_url

from .conftest import example

CYRILLIC_REF = "М-2026/17"


def _named(header: str) -> tuple[str, str]:
    """The ASCII stand-in and the name as written, from a Content-Disposition header."""
    stand_in = header.split('filename="', 1)[1].split('"', 1)[0]
    written = unquote(header.split("filename*=UTF-8''", 1)[1])
    return stand_in, written


def _cyrillic_case() -> dict[str, Any]:
    return {**example("nepali-serving"), "id": CYRILLIC_REF}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_memo_of_a_case_with_a_cyrillic_reference_downloads_under_that_name(
    client: TestClient, fmt: str, lang: str
) -> None:
    r = client.post(f"/decision/memo.{fmt}", data={"case": json.dumps(_cyrillic_case()), "lang": lang})
    assert r.status_code == 200, r.text[:300]
    stand_in, written = _named(r.headers["content-disposition"])
    assert written == f"memo-М-202617-{lang}.{fmt}"
    assert stand_in.isascii() and stand_in.endswith(f"-{lang}.{fmt}")


def test_the_case_file_of_a_case_with_a_cyrillic_reference_downloads_whole(client: TestClient) -> None:
    case = _cyrillic_case()
    url = case_url("/interview/case.json", case, {})
    assert url is not None
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert json.loads(r.text)["id"] == CYRILLIC_REF
    assert _named(r.headers["content-disposition"])[1] == "М-202617.json"
