"""Registry pages need a token; roles are the API's (reader reads, editor saves, admin sees the audit log)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from .conftest import example


def test_registry_lists_without_a_token_ask_for_one(client: TestClient) -> None:
    for url in ("/registry/persons", "/registry/requests", "/registry/decisions", "/registry/audit"):
        r = client.get(url)
        assert r.status_code == 401, url
        assert 'name="token"' in r.text


def test_a_forged_token_is_refused(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/registry/persons?format=json", headers={"authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    r = client.post("/registry/sign-in", data={"token": "not-a-token"})
    assert r.status_code == 401


def test_signing_in_keeps_the_token_in_an_httponly_cookie(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.post("/registry/sign-in", data={"token": tokens["reader"]}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/registry/persons").status_code == 200
    client.post("/registry/sign-out")
    assert client.get("/registry/persons").status_code == 401


def test_an_editor_saves_a_decision_and_it_is_listed_and_audited(client: TestClient, tokens: dict[str, str]) -> None:
    case = example("cuban-veteran-mercenarism")
    r = client.post("/registry/decisions/save", data={"case": json.dumps(case), "token": tokens["editor"], "notes": "web test"},
                    follow_redirects=False)
    assert r.status_code == 303
    decision_url = r.headers["location"]
    reader = {"authorization": f"Bearer {tokens['reader']}"}
    listed = client.get("/registry/decisions?format=json", headers=reader).json()
    assert [d["id"] for d in listed["records"]] == [decision_url.rsplit("/", 1)[1]]
    one = client.get(decision_url + "?format=json", headers=reader).json()
    assert one["record"]["case"] == case and one["replay"]["changed"] is False
    audit = client.get("/registry/audit?format=json", headers={"authorization": f"Bearer {tokens['admin']}"}).json()
    assert audit["verify"]["ok"] and any(e["entity"] == "decision" for e in audit["entries"])


def test_a_reader_cannot_save_a_decision_or_read_the_audit_log(client: TestClient, tokens: dict[str, str]) -> None:
    case = example("cuban-veteran-mercenarism")
    r = client.post("/registry/decisions/save", data={"case": json.dumps(case), "token": tokens["reader"]})
    assert r.status_code == 403
    r = client.get("/registry/audit", headers={"authorization": f"Bearer {tokens['reader']}"})
    assert r.status_code == 403


def test_an_unknown_record_is_404(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/registry/persons/nope", headers={"authorization": f"Bearer {tokens['reader']}"})
    assert r.status_code == 404
