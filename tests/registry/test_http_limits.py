"""What one backend holds and another does not, refused alike on both: integers beyond a PostgreSQL
INTEGER (2^31 - 1) in query parameters, NUL characters in record fields, ids, query parameters and case
text. Each is a 422 naming the parameter or field, never a database error. And OPTIONS lists every method
of a path."""

from __future__ import annotations

from typing import Any

import pytest

from extrashield.adapters.registry.schema import MAX_INTEGER

NUL_MSG = "contains a NUL character (U+0000)"


def _field_of(r: Any) -> tuple[str, list[Any], str]:
    assert r.status_code == 422, r.text
    d = r.json()["detail"][0]
    return d["field"], d["loc"], d["msg"]


@pytest.mark.parametrize(
    "url",
    [
        "/v1/audit?after_seq={n}",
        "/v1/access-log?after_seq={n}",
        "/v1/persons?offset={n}",
        "/v1/decisions?offset={n}",
        "/v1/requests?offset={n}",
    ],
)
def test_integer_parameters_are_bounded_by_what_postgresql_holds(api: Any, url: str) -> None:
    admin = api.auth_as("admin")
    assert api.get(url.format(n=MAX_INTEGER), headers=admin).status_code == 200
    for n in (MAX_INTEGER + 1, 2**63, 10**30):
        name = url.split("?")[1].split("=")[0]
        field, loc, msg = _field_of(api.get(url.format(n=n), headers=admin))
        assert (field, loc) == (name, ["query", name]) and str(MAX_INTEGER) in msg


def test_if_version_is_bounded_too(api: Any) -> None:
    person = api.post("/v1/persons", json={"names": ["A"]}, headers=api.auth_as("editor")).json()
    r = api.patch(
        f"/v1/persons/{person['id']}?if_version={MAX_INTEGER + 1}", json={}, headers=api.auth_as("editor")
    )
    assert _field_of(r)[0] == "if_version"
    r = api.patch(
        f"/v1/persons/{person['id']}?if_version={MAX_INTEGER}", json={}, headers=api.auth_as("editor")
    )
    assert r.status_code == 409


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/persons", {"names": ["a\x00b"]}, "names[0]"),
        ("/v1/persons", {"names": ["A"], "notes": "\x00"}, "notes"),
        ("/v1/persons", {"names": ["A"], "citizenships": [{"country": "N\x00"}]}, "citizenships[0].country"),
        ("/v1/sources", {"title": "t\x00"}, "title"),
        ("/v1/sources", {"title": "t", "url": "http://x/\x00"}, "url"),
        ("/v1/service-records", {"person_id": "p\x00"}, "person_id"),
        ("/v1/requests", {"person_id": "p", "offense": {"description": "d\x00"}}, "offense.description"),
        ("/v1/requests", {"person_id": "p", "source_ids": ["\x00"]}, "source_ids[0]"),
        ("/v1/decisions", {"case": {"decision_date": "2026-04-01", "id": "\x00"}}, "case.id"),
        ("/v1/decisions", {"person_id": "\x00"}, "person_id"),
        (
            "/v1/decisions",
            {"case": {"decision_date": "2026-04-01"}, "readings": {"point7.limbs": "\x00"}},
            "readings.point7.limbs",
        ),
        ("/v1/persons", {"names": ["A"], "no\x00te": 1}, "no\x00te"),
    ],
)
def test_a_nul_character_in_a_record_is_422_naming_the_field(
    api: Any, path: str, body: dict[str, Any], field: str
) -> None:
    got, loc, msg = _field_of(api.post(path, json=body, headers=api.auth_as("editor")))
    assert got == field and loc[0] == "body" and NUL_MSG in msg


@pytest.mark.parametrize(
    ("url", "field", "where"),
    [
        ("/v1/persons/a%00b", "record_id", "path"),
        ("/v1/decisions/a%00b/replay", "decision_id", "path"),
        ("/v1/service-records?person_id=a%00b", "person_id", "query"),
        ("/v1/access-log?user=a%00b", "user", "query"),
        ("/v1/access-log?since=2026%00", "since", "query"),
        ("/v1/law/provisions?date=%00", "date", "query"),
    ],
)
def test_a_nul_character_in_an_id_or_query_parameter_is_422_naming_it(
    api: Any, url: str, field: str, where: str
) -> None:
    got, loc, msg = _field_of(api.get(url, headers=api.auth_as("admin")))
    assert (got, loc[0]) == (field, where) and NUL_MSG in msg


def test_a_nul_character_in_case_text_is_422_on_assess(api: Any) -> None:
    for body, field in (
        ({"decision_date": "2026-04-01", "id": "\x00"}, "id"),
        ({"decision_date": "2026-04-01", "person": {"names": ["x", "y\x00"]}}, "person.names[1]"),
    ):
        got, _, msg = _field_of(api.post("/v1/assess", json=body))
        assert got == field and NUL_MSG in msg


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/v1/persons", "GET, POST, OPTIONS"),
        ("/v1/persons/some-id", "GET, PATCH, OPTIONS"),
        ("/v1/assess", "POST, OPTIONS"),
        ("/interview", "GET, POST, OPTIONS"),
        ("/static/style.css", "GET, HEAD, OPTIONS"),
    ],
)
def test_options_and_405_list_every_method_of_the_path(api: Any, path: str, methods: str) -> None:
    r = api.options(path)
    assert r.status_code == 204 and r.headers["allow"] == methods
    r = api.request("DELETE", path)
    assert r.status_code == 405 and r.headers["allow"] == methods
