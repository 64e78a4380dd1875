"""The page of candidate pairs (issue 17 item 5): both records side by side, the explanation and the
extradition answer; an editor judges a pair, filters by judgement, exports CSV and XLSX. In Debian's
chromium: accessible (axe-core finds no violation) and no sideways scrolling at 390 px."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import forget_registries, open_registry
from extrashield.adapters.registry.person_lists import save_list
from extrashield.adapters.registry.users import add_user

from .conftest import axe_violations, served, sign_in

RECRUITS = [
    {
        "id": "r1",
        "name": "Рам Бахадур Тапа",
        "birth_date": "1995-01-10",
        "nationality": "Непал",
        "contract_from": "2024-03-01",
        "combat": "true",
    },
    {
        "id": "r2",
        "name": "Хосе Мануэль Эрнандес Руис",
        "birth_date": "1990-04-02",
        "nationality": "Куба",
        "contract_from": "2024-05-01",
    },
]
WANTED = [
    {
        "id": "W1",
        "name": "Ram Bahadur Thapa",
        "birth_date": "1995-01-10",
        "nationality": "NP",
        "requesting_state": "NP",
    },
    {
        "id": "W2",
        "name": "José Manuel Hernández Ruiz",
        "birth_date": "1990",
        "nationality": "CU",
        "requesting_state": "CU",
    },
]


def _stored(url: str) -> dict[str, str]:
    reg = open_registry(url)
    save_list(reg, "recruits", list(RECRUITS[0]), RECRUITS, "test")
    save_list(reg, "wanted", list(WANTED[0]), WANTED, "test")
    return {role: add_user(reg, f"pairs-{role}", role, "test")[1] for role in ("reader", "editor")}


@pytest.fixture
def stored_client(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    url = f"sqlite:///{tmp_path}/registry.sqlite3"
    tokens = _stored(url)
    yield TestClient(create_app(url), raise_server_exceptions=False), tokens
    forget_registries()


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


PAIRS = "/registry/pairs?wanted=wanted&recruits=recruits&decision_date=2026-04-01"


def test_the_pairs_page_needs_a_token_and_judging_needs_an_editor(stored_client: Any) -> None:
    client, tokens = stored_client
    assert client.get(PAIRS).status_code == 401
    form = {
        "wanted": "wanted",
        "recruits": "recruits",
        "wanted_id": "W1",
        "recruit_id": "r1",
        "judgement": "match",
    }
    assert (
        client.post("/registry/pairs/judge", data=form, headers=_bearer(tokens["reader"])).status_code == 403
    )
    page = client.get(PAIRS, headers=_bearer(tokens["reader"]))
    assert page.status_code == 200 and 'name="judgement"' not in page.text  # no judge buttons for a reader


def test_judging_a_pair_moves_it_between_the_filters_and_into_the_confirmed_list(stored_client: Any) -> None:
    client, tokens = stored_client
    ed = _bearer(tokens["editor"])
    unjudged = client.get(PAIRS + "&format=json", headers=ed).json()
    assert {(p["wanted_id"], p["recruit_id"]) for p in unjudged["pairs"]} == {("W1", "r1"), ("W2", "r2")}
    first = unjudged["pairs"][0]
    assert first["answer"]["decision_date"] == "2026-04-01" and first["explanation"].startswith("Likely")
    form = {
        "wanted": "wanted",
        "recruits": "recruits",
        "wanted_id": "W1",
        "recruit_id": "r1",
        "judgement": "match",
        "score": "0.99",
    }
    r = client.post("/registry/pairs/judge", data=form, headers=ed, follow_redirects=False)
    assert r.status_code == 303
    left = client.get(PAIRS + "&format=json", headers=ed).json()["pairs"]
    assert [(p["wanted_id"], p["recruit_id"]) for p in left] == [("W2", "r2")]
    matched = client.get(PAIRS + "&show=match&format=json", headers=ed).json()["pairs"]
    assert [(p["wanted_id"], p["judgement"]) for p in matched] == [("W1", "match")]
    confirmed = client.get("/v1/lists/recruits/confirmed", headers=ed)
    (row,) = list(csv.DictReader(io.StringIO(confirmed.text)))
    assert row["requesting_state"] == "NP" and row["contract_from"] == "2024-03-01"  # the wanted row was kept


def test_a_bad_filter_is_a_422_naming_it(stored_client: Any) -> None:
    client, tokens = stored_client
    r = client.get(PAIRS + "&show=maybe&format=json", headers=_bearer(tokens["reader"]))
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "show"


# -- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pairs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('pairs')}/registry.sqlite3"
    tokens = _stored(url)
    with served(url) as base:
        yield base, tokens


@pytest.mark.browser
def test_an_editor_judges_filters_and_exports_in_the_browser(
    page: Any, pairs_server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, tokens = pairs_server
    sign_in(page, base, tokens["editor"])
    page.goto(f"{base}/registry/pairs")
    page.get_by_label("Wanted list").select_option("wanted")
    page.get_by_label("Recruits list").select_option("recruits")
    page.get_by_label("Decision date").fill("2026-04-01")
    page.get_by_role("button", name="Show pairs").click()
    assert page.locator("article.pair").count() == 2
    assert axe_violations(page) == []
    thapa = page.get_by_role("group", name="Judge this pair: Ram Bahadur Thapa and Рам Бахадур Тапа")
    thapa.get_by_role("button", name="No match").click()
    assert page.locator("article.pair").count() == 1  # the unjudged filter no longer shows it
    page.get_by_label("Show").select_option("no_match")
    page.get_by_role("button", name="Show pairs").click()
    assert page.locator("article.pair").count() == 1
    assert "judged no match" in page.locator("article.pair h3").inner_text()
    with page.expect_download() as got:
        page.get_by_role("link", name="CSV").click()
    saved = tmp_path / "pairs.csv"
    got.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [(r["wanted_id"], r["recruit_id"], r["judgement"]) for r in rows] == [("W1", "r1", "no_match")]
    with page.expect_download() as got:
        page.get_by_role("link", name="XLSX").click()
    got.value.save_as(tmp_path / "pairs.xlsx")
    assert (tmp_path / "pairs.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.browser
def test_the_pairs_page_fits_a_phone_and_is_accessible_to_a_reader(
    phone: Any, pairs_server: tuple[str, dict[str, str]]
) -> None:
    base, tokens = pairs_server
    sign_in(phone, base, tokens["reader"])
    phone.goto(f"{base}{PAIRS}&show=all")
    assert phone.locator("article.pair").count() == 2
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert axe_violations(phone) == []
