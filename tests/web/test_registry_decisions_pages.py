"""The registry as a workspace (issue 18 item 5, issue 19 item 6): the decisions list shows names in any
script, reference, requesting state, outcome and date; sorts, filters and finds a name in Latin or
Cyrillic; exports the filtered view as CSV; a saved decision is shown as the decision page shows one,
with "open", "replay under today's law" and the memo. In Debian's chromium: a search in Cyrillic finds a
record written in Latin, axe-core finds no violation, nothing scrolls sideways at 390 px."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.users import add_user
from extrashield.i18n.conventions import day

from .conftest import axe_violations, example, served, sign_in

# (example, names, reference): one written in Latin only, one in Cyrillic only, one in both
SAVED = [
    ("nepali-serving", ["Ramesh Bahadur Thapa"], "NP-2026/14"),
    ("cuban-veteran-mercenarism", ["Иванов Сергей Петрович"], "дело № 7"),
    ("kazakh-combat-unknown", ["Ivanov Petr", "Иванов Пётр"], None),
]


def _case(name: str, names: list[str], reference: str | None) -> dict[str, Any]:
    case = example(name)
    case["person"]["names"] = names
    if reference is None:
        case.pop("id", None)
    else:
        case["id"] = reference
    return case


def _fill(url: str) -> dict[str, str]:
    """A registry holding the saved decisions of SAVED; a token for each role."""
    reg = open_registry(url)
    tokens = {r: add_user(reg, f"web-{r}", r, "test")[1] for r in ("reader", "editor", "admin")}
    for name, names, reference in SAVED:
        reg.record_decision({"case": _case(name, names, reference)}, "web-editor")
    return tokens


def _visible(html: str) -> str:
    """The text a person reads (no tags, no attribute values)."""
    return re.sub(r"<[^>]*>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S))


@pytest.fixture
def stored(app: Any) -> tuple[TestClient, dict[str, str]]:
    tokens = {
        r: add_user(app.state.registry(), f"web-{r}", r, "test")[1] for r in ("reader", "editor", "admin")
    }
    reg = app.state.registry()
    for name, names, reference in SAVED:
        reg.record_decision({"case": _case(name, names, reference)}, "web-editor")
    return TestClient(app, raise_server_exceptions=False), tokens


def _reader(tokens: dict[str, str]) -> dict[str, str]:
    return {"authorization": f"Bearer {tokens['reader']}"}


def test_the_list_shows_names_reference_state_outcome_and_date(stored: Any) -> None:
    client, tokens = stored
    page = client.get("/registry/decisions", headers=_reader(tokens))
    assert page.status_code == 200
    text = _visible(page.text)
    for name, names, reference in SAVED:
        case = example(name)
        assert names[0] in text and day(case["decision_date"]) in text  # 1 April 2026: as English writes it
        if reference:
            assert reference in text
    assert "Nepal" in text and "Cuba" in text and "Kazakhstan" in text
    assert '<span lang="ru">Иванов Сергей Петрович</span>' in page.text
    assert "None" not in text and "none given" in text  # the decision without a reference says so
    assert 'href="/registry/decisions.csv"' in page.text


def test_the_list_finds_a_name_in_latin_or_cyrillic(stored: Any) -> None:
    client, tokens = stored

    def names(**params: str) -> list[list[str]]:
        r = client.get("/registry/decisions", params={**params, "format": "json"}, headers=_reader(tokens))
        assert r.status_code == 200
        return [d["names"] for d in r.json()["records"]]

    assert names(name="Тапа") == [["Ramesh Bahadur Thapa"]]
    assert names(name="Ivanov", sort="name") == [["Иванов Сергей Петрович"], ["Ivanov Petr", "Иванов Пётр"]]
    assert names(name="Иванов Пётр") == [["Ivanov Petr", "Иванов Пётр"]]
    page = client.get("/registry/decisions", params={"name": "иванов"}, headers=_reader(tokens))
    assert 'value="иванов"' in page.text and "2 decisions match" in _visible(page.text)


def test_the_list_sorts_and_filters_and_its_links_keep_the_query(stored: Any) -> None:
    client, tokens = stored

    def listed(**params: str) -> list[str]:
        r = client.get("/registry/decisions", params={**params, "format": "json"}, headers=_reader(tokens))
        return [d["names"][0] for d in r.json()["records"]]

    # Russian order: Cyrillic alphabetical, then Latin
    assert listed(sort="name") == ["Иванов Сергей Петрович", "Ivanov Petr", "Ramesh Bahadur Thapa"]
    assert listed(sort="-name") == ["Ramesh Bahadur Thapa", "Ivanov Petr", "Иванов Сергей Петрович"]
    assert listed(state="NP") == ["Ramesh Bahadur Thapa"]
    dates = {n[0]: example(e)["decision_date"] for e, n, _ in SAVED}
    earliest = min(dates.values())
    assert listed(**{"to": earliest}) == [n for n, d in dates.items() if d == earliest]
    outcome = client.get("/registry/decisions?format=json", headers=_reader(tokens)).json()["records"][0]
    assert all(
        d["outcome"] == outcome["outcome"]
        for d in client.get(
            "/registry/decisions",
            params={"outcome": outcome["outcome"], "format": "json"},
            headers=_reader(tokens),
        ).json()["records"]
    )
    page = client.get("/registry/decisions", params={"state": "NP", "sort": "name"}, headers=_reader(tokens))
    assert 'aria-sort="ascending"' in page.text
    assert 'href="?state=NP&amp;sort=-name"' in page.text  # its heading reverses the sort, keeping the filter
    assert 'href="/registry/decisions.csv?state=NP&amp;sort=name"' in page.text


def test_a_bad_filter_is_a_422_naming_it(stored: Any) -> None:
    client, tokens = stored
    for params, field in (
        ({"from": "yesterday"}, "from"),
        ({"sort": "age"}, "sort"),
        ({"name": "!!"}, "name"),
    ):
        r = client.get("/registry/decisions", params={**params, "format": "json"}, headers=_reader(tokens))
        assert r.status_code == 422 and r.json()["detail"][0]["field"] == field


def test_the_csv_export_is_the_filtered_view_with_a_link_to_each_decision(app: Any, stored: Any) -> None:
    client, tokens = stored
    r = client.get(
        "/registry/decisions.csv", params={"name": "ivanov", "sort": "name"}, headers=_reader(tokens)
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["names"] for row in rows] == ["Иванов Сергей Петрович", "Ivanov Petr; Иванов Пётр"]
    assert rows[0]["reference"] == "дело № 7" and rows[0]["requesting_state"] == "CU"
    assert rows[0]["url"] == f"http://testserver/registry/decisions/{rows[0]['decision']}"
    assert "\\u" not in r.text
    entry = app.state.registry().access_log()[-1]  # an export of personal data is logged, the name not kept
    assert entry["route"] == "GET /registry/decisions.csv" and entry["returned"] == 2
    assert "ivanov" not in entry["query"]


def test_a_saved_decision_is_shown_as_the_decision_page_shows_it(stored: Any) -> None:
    client, tokens = stored
    first = client.get("/registry/decisions?sort=name&format=json", headers=_reader(tokens)).json()[
        "records"
    ][0]
    page = client.get(f"/registry/decisions/{first['id']}", headers=_reader(tokens))
    assert page.status_code == 200
    record = client.get(f"/registry/decisions/{first['id']}?format=json", headers=_reader(tokens)).json()
    answer = record["record"]["answer"]
    text = _visible(page.text)
    assert "Иванов Сергей Петрович" in text and "дело № 7" in text and "Cuba (CU)" in text
    for g in answer["grounds"]:  # the stored answer, ground by ground, as on the decision page
        assert f'id="g-{g["provision"]}"' in page.text and g["citation"] in page.text
    assert "Grounds in detail" in text and "Open legal questions" in text
    assert "None" not in text and "None" not in page.text  # nor in the markup (a class c-None)
    # already saved: no control to save it a second time
    assert "/registry/decisions/save" not in page.text and 'href="#save"' not in page.text
    # open: the case goes to the decision page; replay and the memo are links
    assert 'action="/decision"' in page.text
    for link in (
        "replay",
        "memo.pdf?lang=en",
        "memo.docx?lang=en",
        "memo.pdf?lang=ru",
    ):  # each names its language
        assert f'href="/registry/decisions/{first["id"]}/{link}"' in page.text
    opened = client.post("/decision", data={"case": json.dumps(record["record"]["case"])})
    assert opened.status_code == 200 and answer["outcome"] in opened.text


def test_replay_under_todays_law_says_what_would_change_in_words(stored: Any) -> None:
    client, tokens = stored
    first = client.get("/registry/decisions?format=json", headers=_reader(tokens)).json()["records"][0]
    page = client.get(f"/registry/decisions/{first['id']}/replay", headers=_reader(tokens))
    assert page.status_code == 200
    text = _visible(page.text)
    assert "Replay under today's law" in text and "The outcome then and now" in text
    assert "No ground's status changes." in text and "None" not in text
    assert client.get("/registry/decisions/nope/replay", headers=_reader(tokens)).status_code == 404
    assert client.get(f"/registry/decisions/{first['id']}/replay").status_code == 401


def test_a_person_record_shows_no_raw_values(client: TestClient, tokens: dict[str, str]) -> None:
    from extrashield.adapters.registry.records import KINDS

    person = client.app.state.registry().create(  # type: ignore[attr-defined]
        KINDS["person"], {"names": ["Иван Петров"], "citizenships": [{"country": "UA"}]}, "test"
    )
    page = client.get(f"/registry/persons/{person['id']}", headers=_reader(tokens))
    text = _visible(page.text)
    assert page.status_code == 200 and "Иван Петров" in text and "UA" in text
    assert "None" not in text and "{" not in text and "not recorded" in text


def test_the_registry_home_searches_decisions_and_the_persons_list_marks_russian_names(
    client: TestClient, tokens: dict[str, str]
) -> None:
    from extrashield.adapters.registry.records import KINDS

    client.app.state.registry().create(KINDS["person"], {"names": ["Иван Петров", "Ivan Petrov"]}, "test")  # type: ignore[attr-defined]
    home = client.get("/registry", headers=_reader(tokens))
    assert 'action="/registry/decisions"' in home.text and 'name="name"' in home.text
    persons = client.get("/registry/persons", headers=_reader(tokens))
    assert '<span lang="ru">Иван Петров</span> / <span>Ivan Petrov</span>' in persons.text


# -- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('decisions')}/registry.sqlite3"
    tokens = _fill(url)
    with served(url) as base:
        yield base, tokens


def _overflow(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.browser
@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_search_in_cyrillic_finds_a_decision_written_in_latin_in_the_browser(
    device: str, request: pytest.FixtureRequest, registry_server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    page = request.getfixturevalue(device)
    base, tokens = registry_server
    sign_in(page, base, tokens["reader"])
    page.goto(f"{base}/registry/decisions")
    assert page.locator("table.registry tbody tr").count() == len(SAVED)
    assert axe_violations(page) == []
    assert _overflow(page) <= 0
    page.get_by_label("Name, in Latin or Cyrillic").fill("Рамеш Тапа")
    page.get_by_role("button", name="Apply").click()
    rows = page.locator("table.registry tbody tr")
    assert rows.count() == 1 and "Ramesh Bahadur Thapa" in rows.first.inner_text()
    assert "1 decision matches" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert _overflow(page) <= 0
    page.screenshot(path=str(tmp_path / f"{device}-search.png"), full_page=True)
    with page.expect_download() as got:
        page.get_by_role("link", name="Download these as CSV").click()
    saved = tmp_path / "decisions.csv"
    got.value.save_as(saved)
    (row,) = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert row["names"] == "Ramesh Bahadur Thapa" and row["reference"] == "NP-2026/14"
    rows.first.get_by_role("link").click()
    assert "Saved decision" in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="Grounds in detail").count() == 1
    assert axe_violations(page) == []
    assert _overflow(page) <= 0
    page.get_by_role("link", name="Replay under today's law").click()
    assert page.get_by_role("heading", name="Replay under today's law").count() == 1
    assert axe_violations(page) == []
    assert _overflow(page) <= 0


def test_the_list_in_russian_keeps_its_language_in_the_sort_links_and_says_its_choices_in_russian(
    stored: Any,
) -> None:
    client, tokens = stored
    page = client.get("/registry/decisions?lang=ru", headers={**_reader(tokens), "accept-language": "en"})
    headers = re.findall(r'<th scope="col"[^>]*><a href="([^"]+)"', page.text)
    assert headers and all("lang=ru" in h for h in headers), headers
    text = _visible(page.text)
    assert "Дата решения, по возрастанию" in text and "Date saved" not in text
    assert "Непал" in text and "Nepal" not in text  # the requesting state's name in the page's language
