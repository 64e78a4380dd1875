"""The public HTTP endpoints: assessment exactly as docs/contract.md §6, law, timeline, screening; errors that
name the field; limits; headers; no stack trace to a client."""

from __future__ import annotations

import io
import itertools
import json
import logging
from typing import Any

import jsonschema
import pytest

import extrashield
from extrashield.engine.answer import ANSWER_SCHEMA


def test_assess_returns_the_same_answer_as_the_python_api(api: Any, nepali: dict[str, Any]) -> None:
    r = api.post("/v1/assess", json=nepali)
    assert r.status_code == 200
    assert r.json() == extrashield.assess(nepali).to_dict()
    jsonschema.validate(r.json(), ANSWER_SCHEMA)


def test_assess_takes_readings_and_decision_date_from_the_query(api: Any, nepali: dict[str, Any]) -> None:
    r = api.post("/v1/assess?reading=point7.limbs=combat_required&decision_date=2026-03-01", json=nepali)
    assert r.status_code == 200
    expected = extrashield.assess(
        nepali, decision_date="2026-03-01", readings={"point7.limbs": "combat_required"}
    )
    assert r.json() == expected.to_dict()
    assert r.json()["interpretations"]["point7.limbs"] == "combat_required"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda c: c["person"]["citizenships"][0].update(country="XX"), "person.citizenships[0].country"),
        (lambda c: c["person"].update(nickname="R"), "person.nickname"),
        (lambda c: c.pop("decision_date"), "decision_date"),
        (
            lambda c: c["request"]["offense"].update(max_penalty_years="seven"),
            "request.offense.max_penalty_years",
        ),
    ],
)
def test_invalid_case_gets_422_naming_the_field(
    api: Any, nepali: dict[str, Any], mutate: Any, field: str
) -> None:
    mutate(nepali)
    r = api.post("/v1/assess", json=nepali)
    assert r.status_code == 422
    detail = r.json()["detail"][0]
    assert detail["field"] == field and detail["msg"]
    assert detail["loc"][0] == "body"


def test_bad_reading_and_bad_json_are_422_too(api: Any, nepali: dict[str, Any]) -> None:
    r = api.post("/v1/assess?reading=point7.limbs=sometimes", json=nepali)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][0] == "query"
    r = api.post("/v1/assess?reading=nonsense", json=nepali)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "reading"
    r = api.post("/v1/assess", content=b'{"decision_date": ', headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "body"
    r = api.post("/v1/assess", content=b"[" * 100_000, headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_bodies_over_the_limit_get_413(api: Any) -> None:
    big = b'{"id": "' + b"x" * (1 << 20) + b'"}'
    assert api.post("/v1/assess", content=big).status_code == 413

    def chunks() -> Any:  # no Content-Length: the limit applies while the body streams in
        for _ in range(20):
            yield b" " * 100_000

    assert api.post("/v1/assess", content=chunks()).status_code == 413


def test_every_response_carries_the_security_headers(api: Any, nepali: dict[str, Any]) -> None:
    for r in (api.post("/v1/assess", json=nepali), api.get("/v1/persons"), api.get("/nowhere")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert "server" not in r.headers or "uvicorn" not in r.headers["server"]


def test_unexpected_errors_reach_the_client_as_an_id_without_a_trace(
    api: Any, monkeypatch: pytest.MonkeyPatch, nepali: dict[str, Any]
) -> None:
    import extrashield.adapters.api.assessment as assessment

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("secret detail about Ramesh Thapa")

    monkeypatch.setattr(assessment, "assess_json", broken)
    r = api.post("/v1/assess", json=nepali)
    assert r.status_code == 500
    assert set(r.json()) == {"detail", "error_id"}
    assert r.headers["x-request-id"] == r.json()["error_id"]
    assert "Ramesh" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text


def test_a_500_is_logged_with_the_request_id_and_without_the_name_in_the_path(
    api: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import extrashield.sources.lawquery as lawquery

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("lookup failed for Ramesh Thapa")

    monkeypatch.setattr(lawquery, "find", broken)
    with caplog.at_level(logging.INFO):
        r = api.get("/v1/law/provisions/Ramesh%20Bahadur%20Thapa?date=2026-04-01&note=Thapa")
    assert r.status_code == 500
    rid = r.headers["x-request-id"]
    assert r.json()["error_id"] == rid
    # the server's log (the test client logs the URL it asked for: that line is the client's, not ours)
    logged = "\n".join(
        rec.getMessage() for rec in caplog.records if rec.name.startswith(("extrashield", "uvicorn"))
    )
    assert f"internal error {rid}" in logged  # the error line
    assert (
        f"{rid} GET /v1/law/provisions/{{provision_id}} 500" in logged
    )  # the access line: the route template
    assert "Ramesh" not in logged and "Thapa" not in logged and "Bahadur" not in logged


def test_every_response_carries_a_request_id_of_the_servers_own(api: Any) -> None:
    first = api.get("/v1/health", headers={"X-Request-ID": "Ramesh Thapa"})
    second = api.get("/v1/health")
    assert first.headers["x-request-id"] != "Ramesh Thapa"
    assert len({first.headers["x-request-id"], second.headers["x-request-id"]}) == 2


def test_law_endpoints_list_and_show_provisions_at_a_date(api: Any) -> None:
    listed = api.get("/v1/law/provisions?date=2026-03-18").json()
    p7 = next(p for p in listed["provisions"] if p["id"] == "ru.upk.464.1.7")
    assert p7["in_force"] is None
    one = api.get("/v1/law/provisions/ru.upk.464.1.7?date=2026-03-19").json()
    assert one["in_force"]["version"]["valid_from"] == "2026-03-19"
    assert api.get("/v1/law/provisions/ru.nothing").status_code == 404
    bad = api.get("/v1/law/provisions?date=2026-02-30")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "date"
    assert api.get("/v1/law").json()["law_digest"] == extrashield.default_lawbook().digest


def test_timeline_covers_the_range_with_half_open_intervals(api: Any, nepali: dict[str, Any]) -> None:
    r = api.post("/v1/timeline?from=2026-01-01&to=2027-01-01", json=nepali)
    assert r.status_code == 200
    intervals = r.json()["intervals"]
    assert intervals[0]["from"] == "2026-01-01" and intervals[-1]["until"] == "2027-01-01"
    assert all(a["until"] == b["from"] for a, b in itertools.pairwise(intervals))
    assert any(i["from"] == "2026-03-19" and "ru.upk.464.1.7" in i["applies"] for i in intervals)
    bad = api.post("/v1/timeline?from=2027-01-01&to=2026-01-01", json=nepali)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][0] == "query"


def _screened(r: Any) -> list[dict[str, Any]]:
    assert r.status_code == 200, r.text
    return [json.loads(line) for line in r.text.splitlines()]


def test_screen_jsonl_gives_one_row_out_per_row_in_and_marks_invalid_rows(
    api: Any, nepali: dict[str, Any]
) -> None:
    bad = {**nepali, "id": "bad", "person": {**nepali["person"], "citizenships": [{"country": "XX"}]}}
    lines = [
        json.dumps({**nepali, "id": "a"}),
        "{not json",
        json.dumps(bad),
        json.dumps({**nepali, "id": "c"}),
    ]
    rows = _screened(
        api.post("/v1/screen", content="\n".join(lines), headers={"content-type": "application/x-ndjson"})
    )
    assert [r["id"] for r in rows] == ["a", None, "bad", "c"]
    assert [r["outcome"] for r in rows] == ["barred", "invalid", "invalid", "barred"]
    assert rows[2]["error"].startswith("person.citizenships[0].country")
    assert "ru.upk.464.1.7" in rows[0]["applies"]


def test_screen_reads_flattened_csv_and_parquet(api: Any, nepali: dict[str, Any]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    csv_text = (
        "id,decision_date,person.citizenships,person.military_service,request.requesting_state\n"
        f'r1,2026-04-01,"{json.dumps(nepali["person"]["citizenships"]).replace(chr(34), chr(34) * 2)}",'
        f'"{json.dumps(nepali["person"]["military_service"]).replace(chr(34), chr(34) * 2)}",NP\n'
        "r2,2026-04-01,,,ZZ\n"
    )
    rows = _screened(api.post("/v1/screen?format=csv", content=csv_text))
    assert [r["id"] for r in rows] == ["r1", "r2"]
    assert rows[1]["outcome"] == "invalid" and rows[1]["error"].startswith("request.requesting_state")
    assert rows[0]["outcome"] in ("barred", "undetermined")

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist([{**nepali, "id": "p1"}]), buf)
    rows = _screened(
        api.post(
            "/v1/screen", content=buf.getvalue(), headers={"content-type": "application/vnd.apache.parquet"}
        )
    )
    assert rows[0]["id"] == "p1" and rows[0]["outcome"] == extrashield.assess(nepali).outcome
    garbage = api.post("/v1/screen?format=parquet", content=b"not parquet")
    assert garbage.status_code == 422
    unknown = api.post("/v1/screen", content=b"x", headers={"content-type": "text/plain"})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["field"] == "format"


def test_openapi_document_describes_every_endpoint(api: Any) -> None:
    doc = api.get("/openapi.json").json()
    for path in (
        "/v1/assess",
        "/v1/screen",
        "/v1/timeline",
        "/v1/law/provisions",
        "/v1/persons",
        "/v1/decisions",
        "/v1/audit",
        "/v1/audit/verify",
    ):
        assert path in doc["paths"], path
    assert "HTTPBearer" in doc["components"]["securitySchemes"]
    # decision_date may come from the query instead of the body: the body's schema does not require it
    body = doc["paths"]["/v1/assess"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    case = doc["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert "decision_date" not in case.get("required", []) and "decision_date" in case["properties"]
    assert "decision_date" in [p["name"] for p in doc["paths"]["/v1/assess"]["post"]["parameters"]]


def test_screen_accepts_a_multipart_file_upload(api: Any) -> None:
    from pathlib import Path

    cases = Path(__file__).resolve().parents[2] / "extrashield" / "examples" / "cases.csv"
    with cases.open("rb") as f:
        r = api.post("/v1/screen", files={"file": ("cases.csv", f, "text/csv")})
    rows = _screened(r)
    assert len(rows) == len(cases.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert any(row["outcome"] == "invalid" for row in rows)
    no_file = api.post("/v1/screen", files={"other": ("x.csv", b"id\n", "text/csv")})
    assert no_file.status_code == 422
