"""Every page answers as HTML and as its JSON twin (?format=json); bad input is a 422 naming the field;
pages load nothing from another origin."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

GET_PAGES = [
    "/",
    "/interview",
    "/law",
    "/law?date=2026-03-01",
    "/law/provision/ru.upk.464.1.7",
    "/law/diff?date_from=2026-03-01&date_to=2026-04-01",
    "/law/history",
    "/figures",
    "/registry",
    "/decision?example=kazakh-combat-unknown",
    "/timeline?example=kazakh-combat-unknown",
]


@pytest.mark.parametrize("url", GET_PAGES)
def test_page_renders_html_with_one_h1_and_a_json_twin(client: TestClient, url: str) -> None:
    html = client.get(url)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert len(re.findall(r"<h1[ >]", html.text)) == 1
    sep = "&" if "?" in url else "?"
    twin = client.get(f"{url}{sep}format=json")
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    assert isinstance(twin.json(), dict)


@pytest.mark.parametrize("url", GET_PAGES)
def test_page_loads_no_resource_from_another_origin(client: TestClient, url: str) -> None:
    text = client.get(url).text
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', text)
    csp = client.get(url).headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp


def test_every_input_on_the_pages_has_a_label(client: TestClient) -> None:
    for url in GET_PAGES:
        text = client.get(url).text
        for match in re.finditer(r"<(input|select|textarea)\b([^>]*)>", text):
            attrs = match.group(2)
            if 'type="hidden"' in attrs:
                continue
            ident = re.search(r'\bid="([^"]+)"', attrs)
            labelled = ident is not None and f'for="{ident.group(1)}"' in text
            # radios sit inside their <label>
            wrapped = 'type="radio"' in attrs and text.rfind("<label>", 0, match.start()) > text.rfind(
                "</label>", 0, match.start()
            )
            assert labelled or wrapped, f"{url}: unlabelled {match.group(0)}"


def test_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_unknown_format_is_422_naming_format(client: TestClient) -> None:
    r = client.get("/law?format=xml")
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "format"


def test_bad_law_date_is_422_naming_the_field(client: TestClient) -> None:
    r = client.get("/law?date=2026-02-30&format=json")
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "date"
    html = client.get("/law?date=2026-02-30")
    assert html.status_code == 422 and "<code>date</code>" in html.text
    assert "Traceback" not in html.text


def test_diff_with_dates_in_the_wrong_order_names_date_to(client: TestClient) -> None:
    r = client.get("/law/diff?date_from=2026-04-01&date_to=2026-03-01&format=json")
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "date_to"


def test_diff_across_point_7_lists_it_as_added(client: TestClient) -> None:
    data = client.get("/law/diff?date_from=2026-03-01&date_to=2026-04-01&format=json").json()
    assert "ru.upk.464.1.7" in [c["provision"] for c in data["added"]]


def test_law_on_a_date_shows_point_7_in_force_with_russian_and_english_text(client: TestClient) -> None:
    data = client.get("/law?date=2026-04-01&format=json").json()
    p7 = next(p for p in data["provisions"] if p["id"] == "ru.upk.464.1.7")
    assert p7["status"] == "in_force"
    assert p7["text"]["ru"] and p7["text"]["en"]
    before = client.get("/law?date=2026-03-01&format=json").json()
    assert (
        next(p for p in before["provisions"] if p["id"] == "ru.upk.464.1.7")["status"] == "not_yet_in_force"
    )


def test_history_page_lists_the_stages_of_bill_1075342_8(client: TestClient) -> None:
    data = client.get("/law/history?format=json").json()
    assert data["bill"] == "1075342-8"
    assert data["law"]["number"] == "50-FZ"
    html = client.get("/law/history").text
    assert "first reading" in html


def test_unknown_provision_is_404_without_a_traceback(client: TestClient) -> None:
    r = client.get("/law/provision/ru.nope")
    assert r.status_code == 404
    assert "Traceback" not in r.text


def test_unknown_example_is_422_naming_example(client: TestClient) -> None:
    r = client.get("/decision?example=nobody&format=json")
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "example"


def test_api_routes_still_answer_next_to_the_pages(client: TestClient) -> None:
    assert client.get("/v1/health").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/assess" in paths and "/interview" not in paths
