"""Registry endpoints and who may use them: no token, wrong role, forged or revoked token."""

from __future__ import annotations

from typing import Any

import pytest

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.users import revoke_user

PERSON = {
    "names": ["Ramesh Bahadur Thapa", "Рамеш Бахадур Тапа"],
    "birth_date": "1995-02-11",
    "citizenships": [{"country": "NP"}],
}


def test_editor_writes_reader_reads_and_the_audit_log_records_both(api: Any) -> None:
    created = api.post("/v1/persons", json=PERSON, headers=api.auth_as("editor"))
    assert created.status_code == 201
    pid = created.json()["id"]
    assert created.headers["location"] == f"/v1/persons/{pid}"
    got = api.get(f"/v1/persons/{pid}", headers=api.auth_as("reader")).json()
    assert got["names"] == PERSON["names"] and got["created_by"] == "editor-user"
    changed = api.patch(
        f"/v1/persons/{pid}?if_version=1", json={"notes": "met 2026-04-02"}, headers=api.auth_as("editor")
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = api.patch(f"/v1/persons/{pid}?if_version=1", json={"notes": "x"}, headers=api.auth_as("editor"))
    assert stale.status_code == 409
    audit = api.get("/v1/audit", headers=api.auth_as("admin")).json()
    assert [(e["action"], e["entity"]) for e in audit][-2:] == [("create", "person"), ("update", "person")]
    assert api.get("/v1/audit/verify", headers=api.auth_as("admin")).json()["ok"] is True


def test_service_records_requests_sources_and_decisions_link_up(api: Any) -> None:
    ed = api.auth_as("editor")
    pid = api.post("/v1/persons", json=PERSON, headers=ed).json()["id"]
    sid = api.post("/v1/sources", json={"title": "Contract copy", "date": "2023-05-01"}, headers=ed).json()[
        "id"
    ]
    svc = api.post(
        "/v1/service-records",
        json={
            "person_id": pid,
            "formation": "armed_forces",
            "contract_from": "2023-05-01",
            "contract_until": "ongoing",
            "combat": True,
            "source_ids": [sid],
        },
        headers=ed,
    )
    assert svc.status_code == 201, svc.text
    req = api.post(
        "/v1/requests",
        json={
            "person_id": pid,
            "requesting_state": "NP",
            "purpose": "prosecution",
            "reference": "NP-2026-17",
        },
        headers=ed,
    )
    assert req.status_code == 201, req.text
    dec = api.post(
        "/v1/decisions",
        json={"person_id": pid, "request_id": req.json()["id"], "decision_date": "2026-04-01"},
        headers=ed,
    )
    assert dec.status_code == 201, dec.text
    assert dec.json()["outcome"] == "barred"
    listed = api.get(f"/v1/decisions?person_id={pid}", headers=api.auth_as("reader")).json()
    assert [d["id"] for d in listed] == [dec.json()["id"]]
    replay = api.get(f"/v1/decisions/{dec.json()['id']}/replay", headers=api.auth_as("reader")).json()
    assert replay["changed"] is False
    assert api.get(f"/v1/service-records?person_id={pid}", headers=api.auth_as("reader")).json()[0][
        "source_ids"
    ] == [sid]


def test_invalid_registry_bodies_get_422_naming_the_field(api: Any, nepali: dict[str, Any]) -> None:
    ed = api.auth_as("editor")
    r = api.post(
        "/v1/persons", json={**PERSON, "citizenships": [{"country": "NP", "from": "yesterday"}]}, headers=ed
    )
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "citizenships[0].from"
    r = api.post("/v1/service-records", json={"person_id": "nobody"}, headers=ed)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "person_id"
    nepali["person"]["citizenships"][0]["country"] = "XX"
    r = api.post("/v1/decisions", json={"case": nepali}, headers=ed)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "case.person.citizenships[0].country"
    nepali["person"]["citizenships"][0]["country"] = "NP"
    r = api.post(
        "/v1/decisions", json={"case": nepali, "readings": {"point7.limbs": "sometimes"}}, headers=ed
    )
    assert r.status_code == 422
    assert (
        r.json()["detail"][0]["field"] == "readings.point7.limbs"
        and r.json()["detail"][0]["loc"][0] == "body"
    )


def test_a_person_filter_on_records_without_a_person_is_refused_not_ignored(api: Any) -> None:
    for path in ("/v1/persons", "/v1/sources"):
        r = api.get(f"{path}?person_id=p-1", headers=api.auth_as("reader"))
        assert r.status_code == 422, path
        assert r.json()["detail"][0]["field"] == "person_id" and r.json()["detail"][0]["loc"] == [
            "query",
            "person_id",
        ]


def test_unknown_records_are_404_without_echoing_the_id(api: Any) -> None:
    r = api.get("/v1/persons/<script>", headers=api.auth_as("reader"))
    assert r.status_code == 404 and "<script>" not in r.text


PROTECTED = [
    ("GET", "/v1/persons"),
    ("GET", "/v1/persons/x"),
    ("GET", "/v1/service-records"),
    ("GET", "/v1/requests"),
    ("GET", "/v1/sources"),
    ("GET", "/v1/decisions"),
    ("GET", "/v1/audit"),
    ("GET", "/v1/audit/verify"),
    ("POST", "/v1/persons"),
    ("PATCH", "/v1/persons/x"),
    ("POST", "/v1/decisions"),
]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_personal_data_needs_a_token(api: Any, method: str, path: str) -> None:
    r = api.request(method, path, json=PERSON)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        ("reader", "POST", "/v1/persons"),
        ("reader", "PATCH", "/v1/persons/x"),
        ("reader", "POST", "/v1/decisions"),
        ("reader", "GET", "/v1/audit"),
        ("editor", "GET", "/v1/audit"),
        ("editor", "GET", "/v1/audit/verify"),
    ],
)
def test_too_low_a_role_is_forbidden(api: Any, role: str, method: str, path: str) -> None:
    assert api.request(method, path, json=PERSON, headers=api.auth_as(role)).status_code == 403


def test_forged_and_revoked_tokens_are_refused(api: Any, db_url: str) -> None:
    real = api.tokens["admin"]
    for forged in (real[:-2] + "xx", "esk_" + "A" * 43, real.upper(), "Basic " + real):
        assert api.get("/v1/persons", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert api.get("/v1/persons", headers={"Authorization": f"Basic {real}"}).status_code == 401
    assert api.get("/v1/persons", headers=api.auth_as("reader")).status_code == 200
    revoke_user(open_registry(db_url), "reader-user", "test")
    assert api.get("/v1/persons", headers=api.auth_as("reader")).status_code == 401


def test_assessment_and_law_need_no_token(api: Any, nepali: dict[str, Any]) -> None:
    assert api.post("/v1/assess", json=nepali).status_code == 200
    assert api.get("/v1/law/provisions").status_code == 200
    assert api.get("/openapi.json").status_code == 200


def test_an_unreachable_database_is_a_503_without_details(nepali: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from extrashield.adapters.api.app import create_app

    url = "postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2"
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        r = client.get("/v1/persons", headers={"Authorization": "Bearer esk_" + "A" * 43})
        assert r.status_code == 503 and "secret" not in r.text and "127.0.0.1" not in r.text
        assert client.post("/v1/assess", json=nepali).status_code == 200  # assessment needs no database
