"""GET /v1/decisions takes the filters of the registry's decisions page: a name in any script, the requesting
state, the outcome, a range of decision dates, and the order; a bad filter is a 422 naming it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"


def _case(name: str, **changes: Any) -> dict[str, Any]:
    case: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    case.update(changes)
    return case


@pytest.fixture
def saved(api: Any) -> dict[str, dict[str, Any]]:
    """Three saved decisions: a Nepali (Latin and Cyrillic names), a Kazakh and a Sri Lankan case."""
    out = {}
    for name, case in (
        ("nepali", _case("nepali-serving")),
        ("kazakh", _case("kazakh-combat-unknown")),
        ("srilankan", _case("srilankan-recruiter", decision_date="2026-05-20")),
    ):
        r = api.post("/v1/decisions", json={"case": case}, headers=api.auth_as("editor"))
        assert r.status_code == 201, r.text
        out[name] = r.json()
    return out


def _ids(api: Any, query: str) -> list[str]:
    r = api.get(f"/v1/decisions?{query}", headers=api.auth_as("reader"))
    assert r.status_code == 200, r.text
    return [d["id"] for d in r.json()]


def test_the_decisions_are_filtered_as_the_registry_page_filters_them(
    api: Any, saved: dict[str, dict[str, Any]]
) -> None:
    nepali, kazakh, srilankan = (saved[k]["id"] for k in ("nepali", "kazakh", "srilankan"))
    assert _ids(api, "name=Тапа") == [nepali]  # Cyrillic finds the Latin name too
    assert _ids(api, "name=thapa") == [nepali]
    assert _ids(api, "state=np") == [nepali]  # the code in any case
    outcome = saved["kazakh"]["outcome"]
    assert set(_ids(api, f"outcome={outcome}")) == {
        s["id"] for s in saved.values() if s["outcome"] == outcome
    }
    assert _ids(api, "from=2026-05-01") == [srilankan]
    assert set(_ids(api, "to=2026-04-30")) == {nepali, kazakh}
    days = {s["id"]: s["decision_date"] for s in saved.values()}
    by_date = _ids(api, "sort=date")
    assert [days[i] for i in by_date] == sorted(days.values()) and _ids(api, "sort=-date")[0] == srilankan
    whole = api.get(f"/v1/decisions/{nepali}", headers=api.auth_as("reader")).json()
    assert api.get("/v1/decisions?state=NP", headers=api.auth_as("reader")).json() == [whole]  # whole records


def test_a_filtered_list_says_how_many_match_and_links_the_next_page(
    api: Any, saved: dict[str, dict[str, Any]]
) -> None:
    first = api.get("/v1/decisions?to=2026-12-31&limit=2", headers=api.auth_as("reader"))
    assert first.headers["x-total-count"] == "3" and len(first.json()) == 2
    assert first.headers["link"].endswith('offset=2>; rel="next"')
    url = first.headers["link"][1:].split(">", 1)[0]
    rest = api.get(url, headers=api.auth_as("reader"))
    assert len(rest.json()) == 1 and "link" not in rest.headers
    assert {d["id"] for d in [*first.json(), *rest.json()]} == {s["id"] for s in saved.values()}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("outcome=forbidden", "outcome"),
        ("state=Nepal", "state"),
        ("from=2026-13-01", "from"),
        ("to=tomorrow", "to"),
        ("from=2026-05-01&to=2026-04-01", "to"),
        ("sort=size", "sort"),
        ("name=%21%21", "name"),
        ("state=NP&cursor=abc", "cursor"),
        ("state=NP&person_id=x", "person_id"),
    ],
)
def test_a_bad_filter_is_a_422_naming_it(api: Any, query: str, field: str) -> None:
    r = api.get(f"/v1/decisions?{query}", headers=api.auth_as("reader"))
    assert r.status_code == 422, r.text
    assert r.json()["detail"][0]["field"] == field
    assert r.json()["detail"][0]["loc"][0] == "query"
