"""A case posted to the web pages (uploaded, pasted or in the hidden field) is read as the API reads a body:
a 422 naming the field, never a 500; and the JSON twin's 422 has the API's shape (`loc`, `field`, `msg`)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from .conftest import example

BIG_PENALTY = '{"decision_date":"2026-04-01","request":{"offense":{"max_penalty_years":' + "9" * 5000 + "}}}"
LONE_SURROGATE = '{"id":"\\ud800","decision_date":"2026-04-01"}'
TWICE = '{"decision_date":"2026-04-01","decision_date":"2026-05-01"}'
CASES = [
    (BIG_PENALTY, "request.offense.max_penalty_years", "number too large"),
    (LONE_SURROGATE, "id", "contains a lone surrogate, not valid Unicode text"),
    (TWICE, "decision_date", "given twice in the same object"),
]


@pytest.mark.parametrize(("text", "field", "msg"), CASES)
def test_an_uploaded_case_that_cannot_be_read_is_422_naming_the_field(
    client: TestClient, text: str, field: str, msg: str
) -> None:
    for path in ("/interview", "/decision"):
        files = {"case_file": ("case.json", text.encode(), "application/json")}
        form = {"case": text} if path == "/decision" else {}
        r = client.post(f"{path}?format=json", data=form, files=files if path == "/interview" else None)
        assert r.status_code == 422, (path, r.text)
        assert r.json()["detail"] == [{"loc": ["body", *field.split(".")], "field": field, "msg": msg}]
        html = client.post(path, data=form, files=files if path == "/interview" else None)
        assert html.status_code == 422 and field in html.text


def test_an_uploaded_case_with_a_byte_order_mark_is_read(client: TestClient) -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(example("nepali-serving")).encode()
    r = client.post("/interview?format=json", files={"case_file": ("case.json", raw, "application/json")})
    assert r.status_code == 200, r.text


def test_a_pasted_case_is_read_the_same_way(client: TestClient) -> None:
    r = client.post("/interview?format=json", data={"case_text": LONE_SURROGATE})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "id"


def test_the_interviews_bookkeeping_fields_cannot_smuggle_a_lone_surrogate(client: TestClient) -> None:
    form = {
        "case": json.dumps(example("nepali-serving")),
        "skipped": '["\\ud800"]',
        "fact": "person.stateless",
        "answer": "false",
    }
    r = client.post("/interview/answer?format=json", data=form)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "skipped"


def test_the_json_twin_has_the_apis_422_shape(client: TestClient) -> None:
    r = client.post("/decision?format=json", data={"case": "{not json"})
    assert r.status_code == 422
    d = r.json()["detail"][0]
    assert set(d) == {"loc", "field", "msg"} and d["loc"] == ["body", "case"] and d["field"] == "case"
    bad_format = client.post("/decision?format=xml", data={"case": json.dumps(example("nepali-serving"))})
    assert bad_format.status_code == 422 and bad_format.json()["detail"][0]["loc"] == ["query", "format"]


def test_a_reading_given_twice_with_different_values_is_refused(client: TestClient) -> None:
    case = json.dumps(example("nepali-serving"))
    r = client.post(
        "/decision?format=json&reading=point7.limbs=two_limbs&reading=point7.limbs=combat_required",
        data={"case": case},
    )
    assert r.status_code == 422
    d = r.json()["detail"][0]
    assert d["loc"] == ["query", "reading"] and d["msg"].startswith("point7.limbs: given twice")
    same = client.post(
        "/decision?format=json&reading=point7.limbs=combat_required&reading=point7.limbs=combat_required",
        data={"case": case},
    )
    assert same.status_code == 200


def test_a_timeline_range_error_names_the_form_fields(client: TestClient) -> None:
    form = {"case": json.dumps(example("nepali-serving")), "from": "2026-05-01", "to": "2026-01-01"}
    r = client.post("/timeline?format=json", data=form)
    assert r.status_code == 422
    d = r.json()["detail"][0]
    assert d["field"] == "to" and "--" not in d["msg"]
