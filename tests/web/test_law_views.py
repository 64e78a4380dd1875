"""The law over HTTP (`/v1/law/provisions…`) and in the web law browser (`/law…`): the same content as
`extrashield law`, bills shown as bills, article ids accepted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from extrashield.i18n.conventions import day

ROOT = Path(__file__).resolve().parents[2]


def _cli_json(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "extrashield", "law", *args, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_http_listing_on_a_date_is_the_cli_listing_plus_the_old_in_force_field(client: TestClient) -> None:
    api = client.get("/v1/law/provisions?date=2026-03-18").json()
    cli = _cli_json("list", "--date", "2026-03-18")
    assert {k: v for k, v in api.items() if k != "provisions"} == {
        k: v for k, v in cli.items() if k != "provisions"
    }
    assert [{k: v for k, v in r.items() if k != "in_force"} for r in api["provisions"]] == cli["provisions"]
    p7 = next(r for r in api["provisions"] if r["id"] == "ru.upk.464.1.7")
    assert p7["status"] == "not_yet_in_force" and p7["in_force"] is None
    assert p7["version"]["valid_from"] == "2026-03-19" and p7["version"]["certainty"] == "inferred"


def test_http_listing_shows_bills_as_not_in_force(client: TestClient) -> None:
    rows = {r["id"]: r for r in client.get("/v1/law/provisions?date=2026-04-01").json()["provisions"]}
    koap = rows["ru.koap.4.1.expulsion_bar"]
    assert koap["status"] == "bill_not_adopted" and koap["in_force"] is None
    assert "adoption not confirmed" in koap["note"]


def test_http_provision_carries_its_status_on_the_date_as_the_cli_show(client: TestClient) -> None:
    one = client.get("/v1/law/provisions/ru.upk.464.1.7?date=2026-03-18").json()
    cli = _cli_json("show", "ru.upk.464.1.7", "--date", "2026-03-18")["provisions"][0]
    assert one["on"] == cli["on"] and one["on"]["status"] == "not_yet_in_force"
    assert one["in_force"] == {"date": "2026-03-18", "version": None}
    bill = client.get("/v1/law/provisions/ru.koap.4.1.expulsion_bar?date=2026-04-01").json()
    assert bill["on"]["status"] == "bill_not_adopted" and bill["in_force"]["version"] is None


def test_http_provision_accepts_an_article_id_as_the_cli_does(client: TestClient) -> None:
    r = client.get("/v1/law/provisions/ru.upk.464?date=2026-03-19")
    assert r.status_code == 200
    data = r.json()
    assert data["article"] == "ru.upk.464"
    ids = [p["id"] for p in data["provisions"]]
    assert ids == [p["id"] for p in _cli_json("show", "ru.upk.464")["provisions"]]
    assert next(p for p in data["provisions"] if p["id"] == "ru.upk.464.1.7")["on"]["status"] == "in_force"
    assert client.get("/v1/law/provisions/ru.upk.46").status_code == 404


def test_web_provision_page_accepts_an_article_id(client: TestClient) -> None:
    r = client.get("/law/provision/ru.upk.464?date=2026-03-18")
    assert r.status_code == 200
    for pid in ("ru.upk.464.1.1", "ru.upk.464.1.7", "ru.upk.464.2.3"):
        assert f'href="/law/provision/{pid}?date=2026-03-18"' in r.text
    assert "not yet in force, from 2026-03-19 (inferred)" in r.text
    data = client.get("/law/provision/ru.upk.464?format=json").json()
    assert data["article"] == "ru.upk.464" and len(data["provisions"]) >= 10
    missing = client.get("/law/provision/ru.upk.464.1.77")
    assert missing.status_code == 404 and "ru.upk.464.1.7" in missing.text


def test_web_law_pages_show_bills_as_bills(client: TestClient) -> None:
    rows = {r["id"]: r for r in client.get("/law?date=2026-04-01&format=json").json()["provisions"]}
    assert rows["ru.fz115.deportation_bar"]["status"] == "bill_not_adopted"
    assert rows["ru.fz115.deportation_bar"]["text"] is None and rows["ru.fz115.deportation_bar"]["bill_text"]
    html = client.get("/law?date=2026-04-01").text
    assert "bill, not in force" in html and "passed first reading in the State Duma on 2026-01-21" in html
    page = client.get("/law/provision/ru.koap.4.1.expulsion_bar?date=2026-04-14")
    on = day(
        "2026-04-14"
    )  # 14 April 2026: dates as English writes them; the bill's note in the page's language
    assert f"on {on}: <strong>a bill (No. 1075363-8), not in force" in page.text
    assert f"(in force on {on})" not in page.text
    diff = client.get("/law/diff?date_from=2026-03-01&date_to=2026-04-01&format=json").json()
    assert "ru.koap.4.1.expulsion_bar" not in [c["provision"] for c in diff["added"]]
    assert [b["provision"] for b in diff["bills"]] == ["ru.koap.4.1.expulsion_bar"]
    assert (
        "Bills that reached a stage in between (1)"
        in client.get("/law/diff?date_from=2026-03-01&date_to=2026-04-01").text
    )
    assert "A bill, not law" in client.get("/law/history").text
