"""Registry pages need a token; roles are the API's (reader reads, editor saves, admin sees the audit log)."""

from __future__ import annotations

import json
from typing import Any

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


def test_an_editor_saves_a_decision_and_it_is_listed_and_audited(
    client: TestClient, tokens: dict[str, str]
) -> None:
    case = example("cuban-veteran-mercenarism")
    r = client.post(
        "/registry/decisions/save",
        data={"case": json.dumps(case), "token": tokens["editor"], "notes": "web test"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    decision_url = r.headers["location"]
    reader = {"authorization": f"Bearer {tokens['reader']}"}
    listed = client.get("/registry/decisions?format=json", headers=reader).json()
    assert [d["id"] for d in listed["records"]] == [decision_url.rsplit("/", 1)[1]]
    one = client.get(decision_url + "?format=json", headers=reader).json()
    assert one["record"]["case"] == case and one["replay"]["changed"] is False
    audit = client.get(
        "/registry/audit?format=json", headers={"authorization": f"Bearer {tokens['admin']}"}
    ).json()
    assert audit["verify"]["ok"] and any(e["entity"] == "decision" for e in audit["entries"])


def test_a_reader_cannot_save_a_decision_or_read_the_audit_log(
    client: TestClient, tokens: dict[str, str]
) -> None:
    case = example("cuban-veteran-mercenarism")
    r = client.post("/registry/decisions/save", data={"case": json.dumps(case), "token": tokens["reader"]})
    assert r.status_code == 403
    r = client.get("/registry/audit", headers={"authorization": f"Bearer {tokens['reader']}"})
    assert r.status_code == 403


def test_an_unknown_record_is_404(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/registry/persons/nope", headers={"authorization": f"Bearer {tokens['reader']}"})
    assert r.status_code == 404


def test_reading_records_on_the_pages_is_written_to_the_access_log(
    app: Any, client: TestClient, tokens: dict[str, str]
) -> None:
    """The pages read personal data like the API does, so each read leaves an access-log entry (who,
    which route, which record) and no personal values."""
    case = example("kazakh-combat-unknown")
    saved = client.post(
        "/registry/decisions/save",
        data={"case": json.dumps(case), "token": tokens["editor"]},
        follow_redirects=False,
    )
    decision_id = saved.headers["location"].rsplit("/", 1)[1]
    reader = {"authorization": f"Bearer {tokens['reader']}"}
    assert client.get("/registry/decisions", headers=reader).status_code == 200
    assert client.get(f"/registry/decisions/{decision_id}", headers=reader).status_code == 200
    entries = app.state.registry().access_log()
    by_route = {e["route"]: e for e in entries if e["actor"] == "web-reader"}
    assert by_route["GET /registry/{kind}"]["kind"] == "decision"
    one = by_route["GET /registry/{kind}/{record_id}"]
    assert one["record_id"] == decision_id and one["returned"] == 1
    assert "Example" not in json.dumps(entries)


def test_the_persons_page_finds_a_name_in_any_script(client: TestClient, tokens: dict[str, str]) -> None:
    from extrashield.adapters.registry.records import KINDS

    reg = client.app.state.registry()  # type: ignore[attr-defined]
    reg.create(KINDS["person"], {"names": ["Ramesh Thapa"]}, "test")
    reg.create(KINDS["person"], {"names": ["Иван Петров"]}, "test")
    reader = {"authorization": f"Bearer {tokens['reader']}"}
    found = client.get("/registry/persons", params={"name": "Тапа", "format": "json"}, headers=reader).json()
    assert [p["names"] for p in found["records"]] == [["Ramesh Thapa"]] and found["name"] == "Тапа"
    page = client.get("/registry/persons", params={"name": "petrov"}, headers=reader)
    assert page.status_code == 200 and "Иван Петров" in page.text and "Ramesh Thapa" not in page.text
    assert 'role="search"' in page.text
    bad = client.get("/registry/persons", params={"name": "!!!"}, headers=reader)
    assert bad.status_code == 422 and "at least one letter or digit" in bad.text
