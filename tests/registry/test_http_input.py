"""What the HTTP API does with bad input: 422 naming the field and locating it (`body` or `query`), 415 for
a body that is not declared as JSON, never 500; and an OpenAPI document that says what the server sends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

import extrashield
from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import forget_registries

JSON = {"content-type": "application/json"}
BIG_INT = b"9" * 5000
BIG_PENALTY = b'{"decision_date":"2026-04-01","request":{"offense":{"max_penalty_years":' + BIG_INT + b"}}}"
LONE_SURROGATE = b'{"id":"\\ud800","decision_date":"2026-04-01"}'


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The public endpoints need no database; one app for the module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db')}/registry.sqlite3"
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        yield client
    forget_registries()


@pytest.fixture(scope="module")
def openapi(public: TestClient) -> dict[str, Any]:
    doc: dict[str, Any] = public.get("/openapi.json").json()
    return doc


def _only(r: Any, status: int = 422) -> dict[str, Any]:
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert len(detail) == 1
    return detail[0]  # type: ignore[no-any-return]


# -- the body: one reader for every JSON endpoint -----------------------------------------------------


def test_an_integer_too_long_to_read_is_422_naming_the_field(public: TestClient) -> None:
    d = _only(public.post("/v1/assess", content=BIG_PENALTY, headers=JSON))
    assert d == {
        "loc": ["body", "request", "offense", "max_penalty_years"],
        "field": "request.offense.max_penalty_years",
        "msg": "number too large",
    }


def test_a_lone_surrogate_is_422_naming_the_field(public: TestClient) -> None:
    d = _only(public.post("/v1/assess", content=LONE_SURROGATE, headers=JSON))
    assert d == {
        "loc": ["body", "id"],
        "field": "id",
        "msg": "contains a lone surrogate, not valid Unicode text",
    }


def test_a_key_given_twice_is_422_not_last_wins(public: TestClient) -> None:
    body = b'{"decision_date":"2026-04-01","decision_date":"2026-05-01"}'
    d = _only(public.post("/v1/assess", content=body, headers=JSON))
    assert d["field"] == "decision_date" and d["msg"] == "given twice in the same object"


def test_a_utf8_byte_order_mark_is_skipped(public: TestClient, nepali: dict[str, Any]) -> None:
    r = public.post("/v1/assess", content=b"\xef\xbb\xbf" + json.dumps(nepali).encode(), headers=JSON)
    assert r.status_code == 200 and r.json() == extrashield.assess(nepali).to_dict()


def test_the_timeline_reads_its_body_the_same_way(public: TestClient) -> None:
    d = _only(public.post("/v1/timeline?from=2026-01-01&to=2026-06-01", content=LONE_SURROGATE, headers=JSON))
    assert d["loc"] == ["body", "id"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/persons", b'{"names":["A"],"notes":"\\udfff"}', "notes"),
        ("/v1/persons", b'{"names":["A"],"names":["B"]}', "names"),
        (
            "/v1/requests",
            b'{"person_id":"x","offense":{"max_penalty_years":' + BIG_INT + b"}}",
            "offense.max_penalty_years",
        ),
        ("/v1/decisions", b'{"case":' + LONE_SURROGATE + b"}", "case.id"),
        ("/v1/decisions", b'{"case":' + BIG_PENALTY + b"}", "case.request.offense.max_penalty_years"),
    ],
)
def test_registry_bodies_are_read_the_same_way(api: Any, path: str, body: bytes, field: str) -> None:
    r = api.post(path, content=body, headers={**JSON, **api.auth_as("editor")})
    d = _only(r)
    assert d["field"] == field and d["loc"][0] == "body"


# -- Content-Type -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
    ],
)
def test_a_body_declared_as_something_else_than_json_is_415(
    public: TestClient, nepali: dict[str, Any], content_type: str
) -> None:
    for path in ("/v1/assess", "/v1/timeline?from=2026-01-01&to=2026-06-01"):
        r = public.post(path, content=json.dumps(nepali).encode(), headers={"content-type": content_type})
        assert r.status_code == 415, (path, r.text)
        assert "application/json" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        JSON,
        {"content-type": "application/json; charset=utf-8"},
        {"content-type": "application/vnd.case+json"},
        {"content-type": "Application/JSON"},
    ],
)
def test_json_and_a_missing_content_type_are_accepted(
    public: TestClient, nepali: dict[str, Any], headers: dict[str, str]
) -> None:
    r = public.post("/v1/assess", content=json.dumps(nepali).encode(), headers=headers)
    assert r.status_code == 200, r.text


def test_registry_writes_refuse_a_form_with_415(api: Any) -> None:
    r = api.post("/v1/persons", data={"names": "A"}, headers=api.auth_as("editor"))
    assert r.status_code == 415


# -- the query string ---------------------------------------------------------------------------------


def test_a_reading_given_twice_with_different_values_is_422_naming_it(
    public: TestClient, nepali: dict[str, Any]
) -> None:
    r = public.post(
        "/v1/assess?reading=point7.limbs=two_limbs&reading=point7.limbs=combat_required", json=nepali
    )
    d = _only(r)
    assert d["loc"] == ["query", "reading"] and d["field"] == "reading"
    assert d["msg"].startswith("point7.limbs: given twice with different values")
    r = public.post(
        "/v1/timeline?from=2026-01-01&to=2026-06-01&reading=point7.limbs=two_limbs"
        "&reading=point7.limbs=combat_required",
        json=nepali,
    )
    assert _only(r)["loc"] == ["query", "reading"]


def test_the_same_reading_twice_is_accepted(public: TestClient, nepali: dict[str, Any]) -> None:
    r = public.post(
        "/v1/assess?reading=point7.limbs=combat_required&reading=point7.limbs=combat_required", json=nepali
    )
    assert r.status_code == 200 and r.json()["interpretations"]["point7.limbs"] == "combat_required"


def test_decision_date_given_twice_with_different_values_is_422(
    public: TestClient, nepali: dict[str, Any]
) -> None:
    d = _only(public.post("/v1/assess?decision_date=2026-04-01&decision_date=2026-05-01", json=nepali))
    assert d["loc"] == ["query", "decision_date"]
    assert (
        public.post("/v1/assess?decision_date=2026-04-01&decision_date=2026-04-01", json=nepali).status_code
        == 200
    )


def test_timeline_range_given_twice_with_different_values_is_422(
    public: TestClient, nepali: dict[str, Any]
) -> None:
    d = _only(public.post("/v1/timeline?from=2026-01-01&from=2026-02-01&to=2026-06-01", json=nepali))
    assert d["loc"] == ["query", "from"]


def test_the_loc_points_where_the_bad_decision_date_is(public: TestClient, nepali: dict[str, Any]) -> None:
    in_body = _only(public.post("/v1/assess?decision_date=2026-04-01", json={"decision_date": "2026-02-30"}))
    assert in_body["loc"] == ["body", "decision_date"]
    in_query = _only(public.post("/v1/assess?decision_date=2026-02-30", json={"decision_date": "2026-04-01"}))
    assert in_query["loc"] == ["query", "decision_date"]
    query_only = _only(public.post("/v1/assess?decision_date=xx", json={}))
    assert query_only["loc"] == ["query", "decision_date"]
    # the body may leave decision_date out when the query gives it
    assert public.post("/v1/assess?decision_date=2026-04-01", json={}).status_code == 200


@pytest.mark.parametrize(
    "url", ["/v1/law/provisions?date=2026-02-30", "/v1/law/provisions/ru.upk.464.1.7?date=xx"]
)
def test_a_bad_law_date_is_located_in_the_query(public: TestClient, url: str) -> None:
    d = _only(public.get(url))
    assert d["loc"] == ["query", "date"] and d["field"] == "date"


def test_an_unknown_provision_is_404_without_echoing_the_id(public: TestClient) -> None:
    r = public.get("/v1/law/provisions/nonexist-zq7")
    assert r.status_code == 404 and "nonexist-zq7" not in r.text


def test_a_timeline_range_error_names_the_query_parameters_not_command_line_options(
    public: TestClient, nepali: dict[str, Any]
) -> None:
    d = _only(public.post("/v1/timeline?from=2027-01-01&to=2026-01-01", json=nepali))
    assert d["loc"] == ["query", "to"] and "--" not in d["msg"] and "after from" in d["msg"]
    early = _only(public.post("/v1/timeline?from=1900-01-01&to=2026-01-01", json=nepali))
    assert early["loc"] == ["query", "from"] and "--" not in early["msg"]


# -- the OpenAPI document says what the server does ---------------------------------------------------


def _schema(doc: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    response = doc["paths"][path][method]["responses"][str(status)]
    return {**response["content"]["application/json"]["schema"], "components": doc["components"]}


@pytest.mark.parametrize(
    ("method", "url", "path", "kwargs"),
    [
        ("get", "/v1/law/provisions?date=2026-02-30", "/v1/law/provisions", {}),
        ("get", "/v1/law/provisions/ru.upk.464.1.7?date=xx", "/v1/law/provisions/{provision_id}", {}),
        ("post", "/v1/assess", "/v1/assess", {"content": BIG_PENALTY, "headers": JSON}),
        ("post", "/v1/assess?reading=nonsense", "/v1/assess", {"json": {"decision_date": "2026-04-01"}}),
        (
            "post",
            "/v1/timeline?from=2026-01-01",
            "/v1/timeline",
            {"json": {}},
        ),  # FastAPI's own check: `to` missing
    ],
)
def test_every_422_matches_the_documented_schema(
    public: TestClient, openapi: dict[str, Any], method: str, url: str, path: str, kwargs: dict[str, Any]
) -> None:
    r = getattr(public, method)(url, **kwargs)
    assert r.status_code == 422
    jsonschema.validate(r.json(), _schema(openapi, path, method, 422))
    assert set(r.json()["detail"][0]) == {"loc", "field", "msg"}


def test_every_422_in_the_document_is_the_projects_error_shape(openapi: dict[str, Any]) -> None:
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            response = operation.get("responses", {}).get("422")
            if response is not None:
                assert response["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/InvalidInput"
                }, (method, path)
    assert "HTTPValidationError" not in openapi["components"]["schemas"]
    assert set(
        openapi["components"]["schemas"]["InvalidInput"]["properties"]["detail"]["items"]["required"]
    ) == {"loc", "field", "msg"}


def test_the_document_lists_404_and_415_where_the_server_sends_them(
    public: TestClient, openapi: dict[str, Any]
) -> None:
    not_found = public.get("/v1/law/provisions/nonexist")
    jsonschema.validate(not_found.json(), _schema(openapi, "/v1/law/provisions/{provision_id}", "get", 404))
    for path in ("/v1/assess", "/v1/timeline", "/v1/persons", "/v1/decisions"):
        assert "415" in openapi["paths"][path]["post"]["responses"], path
    refused = public.post("/v1/assess", content=b"{}", headers={"content-type": "text/plain"})
    jsonschema.validate(refused.json(), _schema(openapi, "/v1/assess", "post", 415))


def test_query_parameters_declare_their_formats(openapi: dict[str, Any]) -> None:
    def param(path: str, method: str, name: str) -> dict[str, Any]:
        return next(p for p in openapi["paths"][path][method]["parameters"] if p["name"] == name)

    def strings(schema: dict[str, Any]) -> list[dict[str, Any]]:
        return [s for s in schema.get("anyOf", [schema]) if s.get("type") == "string"]

    for path, method, name in [
        ("/v1/law/provisions", "get", "date"),
        ("/v1/law/provisions/{provision_id}", "get", "date"),
        ("/v1/assess", "post", "decision_date"),
        ("/v1/timeline", "post", "from"),
        ("/v1/timeline", "post", "to"),
        ("/v1/screen", "post", "decision_date"),
    ]:
        assert [s.get("format") for s in strings(param(path, method, name)["schema"])] == ["date"], (
            path,
            name,
        )
    for path in ("/v1/assess", "/v1/timeline", "/v1/screen"):
        items = param(path, "post", "reading")["schema"]["items"]
        assert items["pattern"] == "^[^=]+=.+$"
        assert jsonschema.Draft202012Validator(items).is_valid("point7.limbs=combat_required")
        assert not jsonschema.Draft202012Validator(items).is_valid("point7.limbs")


def test_the_body_does_not_require_what_the_query_may_give(
    public: TestClient, openapi: dict[str, Any]
) -> None:
    for path in ("/v1/assess", "/v1/timeline"):
        case = openapi["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert "decision_date" not in case.get("required", []), path
        validator = jsonschema.Draft202012Validator({**case, "components": openapi["components"]})
        assert validator.is_valid({})  # accepted by the server with ?decision_date=… (or from=…)
    assert public.post("/v1/timeline?from=2026-01-01&to=2026-02-01", json={}).status_code == 200


def test_example_answers_match_the_documented_schema(public: TestClient, openapi: dict[str, Any]) -> None:
    examples = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
    schema = _schema(openapi, "/v1/assess", "post", 200)
    for file in sorted(examples.glob("*.json")):
        r = public.post("/v1/assess", content=file.read_bytes(), headers=JSON)
        if r.status_code == 200:
            jsonschema.validate(r.json(), schema)
