"""The requesting-state, treaty, removal and eligibility pages: HTML and JSON twin, what each must say,
bad input as a 404 or 422 naming the field (never a traceback), and the links from the decision page."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from .conftest import example

PAGES = [
    "/states",
    "/states?date=2026-04-01",
    "/states/KZ",
    "/states/kz?date=2026-03-01",
    "/states/JO",
    "/treaties",
    "/treaties/chisinau-2002",
    "/treaties/ece-1957",
    "/removal",
    "/removal?example=cuban-veteran-mercenarism",
    "/removal?example=kazakh-combat-unknown",
    "/eligibility",
    "/eligibility?example=stateless-applicant",
    "/eligibility?example=nepali-serving",
]


def _unlabelled(text: str) -> list[str]:
    out = []
    for match in re.finditer(r"<(input|select|textarea)\b([^>]*)>", text):
        attrs = match.group(2)
        if 'type="hidden"' in attrs:
            continue
        ident = re.search(r'\bid="([^"]+)"', attrs)
        labelled = ident is not None and f'for="{ident.group(1)}"' in text
        wrapped = 'type="radio"' in attrs and text.rfind("<label>", 0, match.start()) > text.rfind(
            "</label>", 0, match.start()
        )
        if not (labelled or wrapped):
            out.append(match.group(0))
    return out


@pytest.mark.parametrize("url", PAGES)
def test_page_and_its_json_twin(client: TestClient, url: str) -> None:
    html = client.get(url)
    assert html.status_code == 200, html.text[:500]
    assert html.headers["content-type"].startswith("text/html")
    assert len(re.findall(r"<h1[ >]", html.text)) == 1
    assert (
        "<script>" not in html.text and " style=" not in html.text
    )  # the CSP forbids inline code and styles
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html.text)
    assert "default-src 'none'" in html.headers["content-security-policy"]
    assert _unlabelled(html.text) == []
    sep = "&" if "?" in url else "?"
    twin = client.get(f"{url}{sep}format=json")
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    assert isinstance(twin.json(), dict)


def test_the_navigation_links_the_new_pages(client: TestClient) -> None:
    text = client.get("/").text
    for href in ("/states", "/treaties", "/removal", "/eligibility"):
        assert f'href="{href}"' in text


def test_the_states_table(client: TestClient) -> None:
    data = client.get("/states?date=2026-04-01&format=json").json()
    rows = {r["code"]: r for r in data["states"]}
    assert {"KZ", "IN", "NP", "CU", "KE"} <= set(rows)
    assert rows["KE"]["blacklist_on_date"] == "yes" and rows["KE"]["blacklist_version"] == "list_43"
    assert rows["KE"]["blacklist_first_named"] == {"version": "list_36", "reported_from": "2026-01-01"}
    assert rows["NP"]["point7_collides"] == "no" and rows["NP"]["treaties"] == []
    assert rows["KZ"]["point7_collides"] in ("yes", "possibly")
    text = client.get("/states?date=2026-04-01").text
    assert "media report" in text
    assert 'href="/states/KZ?date=2026-04-01"' in text
    assert "yes (list 43)" in text  # the list by its number, not its id
    assert 'href="/treaties/chisinau-2002"' in text


def test_a_state_profile_shows_treaty_duty_own_law_and_sources(client: TestClient) -> None:
    data = client.get("/states/KZ?date=2026-04-01&format=json").json()
    assert data["code"] == "KZ" and data["as_of"] == "2026-04-01"
    assert any(t["id"] == "chisinau-2002" for t in data["treaties"])
    text = client.get("/states/KZ?date=2026-04-01").text
    assert "Kazakhstan" in text and "Art. 66" in text  # the duty article of the treaty that binds
    assert "Criminal Code Art. 172" in text  # its own law on fighting abroad
    assert 'href="/treaties/chisinau-2002"' in text
    assert 'rel="noreferrer"' in text and "https://" in text  # sources are links
    assert 'class="conf conf-V"' in text  # with their confidence marks
    assert "Reported recruitment blacklist" in text and "not law" in text


def test_a_treaty_page(client: TestClient) -> None:
    data = client.get("/treaties/chisinau-2002?format=json").json()
    assert data["id"] == "chisinau-2002"
    assert data["obliges_extradition"]["article"] == "66"
    assert any(g["covers"] == "ru.upk.464.1.1" and g["covers_citation"] for g in data["refusal_grounds"])
    text = client.get("/treaties/chisinau-2002").text
    for words in (
        "Parties",
        "Refusal grounds it lists",
        "Death penalty, specialty, sovereignty",
        "Open questions",
        "Art. 66",
        'href="/law/provision/ru.upk.464.1.1"',
        'href="/states/KZ"',
    ):
        assert words in text
    ece = client.get("/treaties/ece-1957").text
    assert "Does not list point 7: collision" in ece


def test_removal_says_which_routes_are_closed_and_asks_about_a_bills_adoption_at_the_route(
    client: TestClient,
) -> None:
    data = client.get("/removal?example=cuban-veteran-mercenarism&format=json").json()
    routes = {r["route"]: r for r in data["routes"]}
    assert routes["extradition"]["status"] == "closed"
    expulsion = routes["administrative_expulsion"]
    assert expulsion["status"] == "unknown" and expulsion["law_confirmed"] is None
    assert [q["id"] for q in expulsion["open_questions"]] == ["ru.koap.4.1.expulsion_bar.adoption"]
    text = client.get("/removal?example=cuban-veteran-mercenarism").text
    assert "turns on whether a bill became law" in text and "a bill's adoption is not confirmed" in text
    # a route resting on a bill is never plainly "Closed": closed only if the bill, cited, is enacted
    assert re.search(r"If the bill was adopted[^<]*:\s*<strong>Closed</strong>", text) is None
    assert "<strong>closed only if the bill is enacted</strong> (bill No. 1075363-8" in text
    assert "could apply from 2026-03-22 at the earliest" in text
    assert 'href="/law/provision/ru.koap.4.1.expulsion_bar?date=2026-04-14"' in text
    assert (
        'href="/treaties/ru-cu-legal-assistance-2000"' in text
    )  # the treaty collision links the treaty page


def test_removal_and_eligibility_by_post_with_the_case_in_a_hidden_field(client: TestClient) -> None:
    case = json.dumps(example("kazakh-combat-unknown"))
    posted = client.post(
        "/removal", data={"case": case, "r:point7.limbs": "combat_required"}, follow_redirects=False
    )
    assert posted.status_code == 303 and posted.headers["location"].startswith("/removal?s=")
    html = client.get(posted.headers["location"])
    assert html.status_code == 200 and "Removal routes" in html.text
    assert 'name="s"' in html.text  # the case travels on to the next page, in its link
    twin = client.post(
        "/removal?format=json", data={"case": case, "r:point7.limbs": "combat_required"}
    ).json()
    assert twin["interpretations"]["point7.limbs"] == "combat_required"
    assert {r["route"] for r in twin["routes"]} >= {"extradition", "deportation", "readmission"}
    html = client.post("/eligibility", data={"case": case})
    assert html.status_code == 200 and "Simplified citizenship" in html.text
    twin = client.post("/eligibility?format=json", data={"case": case}).json()
    assert twin["contract"]["question"] == "contract" and twin["citizenship"]["question"] == "citizenship"


def test_eligibility_keeps_the_reported_blacklist_apart_from_the_law(client: TestClient) -> None:
    data = client.get("/eligibility?example=nepali-serving&format=json").json()
    assert "reported_practice" not in data["contract"]
    assert data["reported_practice"]["legal_effect"] == "none"
    assert data["reported_practice"]["checks"][0]["country"] == "NP"
    text = client.get("/eligibility?example=stateless-applicant").text
    assert 'id="reported"' in text and "media report, not law" in text
    assert "Conflicting claims" in text  # the stateless start date: claims side by side


def test_eligibility_under_another_reading_of_the_stateless_start_date(client: TestClient) -> None:
    case = json.dumps(example("stateless-applicant"))
    default = client.post("/eligibility?format=json", data={"case": case}).json()
    assert default["interpretations"]["stateless.start_date"] == "from_2025_07_07"
    html = client.post("/eligibility", data={"case": case})
    assert 'name="r:stateless.start_date"' in html.text and 'name="r:decree10.minimum_service"' in html.text
    chosen = client.post(
        "/eligibility?format=json", data={"case": case, "r:stateless.start_date": "from_2024_07"}
    ).json()
    assert chosen["contract"]["interpretations"]["stateless.start_date"] == "from_2024_07"
    assert chosen["interpretations"]["stateless.start_date"] == "from_2024_07"
    by_get = client.get(
        "/eligibility?example=stateless-applicant&reading=stateless.start_date=from_2024_07&format=json"
    )
    assert by_get.json()["contract"]["interpretations"] == chosen["contract"]["interpretations"]
    bad = client.post("/eligibility", data={"case": case, "r:stateless.start_date": "someday"})
    assert bad.status_code == 422 and "someday" in bad.text


def test_the_decision_page_links_removal_eligibility_and_the_treaty(client: TestClient) -> None:
    text = client.get("/decision?example=cuban-veteran-mercenarism").text
    assert 'action="/removal"' in text and 'action="/eligibility"' in text
    links = set(re.findall(r'href="(/treaties/[^"]+)"', text))
    assert links == {"/treaties/ru-cu-legal-assistance-2000"}
    for link in links:
        assert client.get(link).status_code == 200
    assert 'href="/states/CU"' in text


def test_no_internal_link_on_the_new_pages_is_broken(client: TestClient) -> None:
    seen: set[str] = set()
    for url in [
        "/states",
        "/states/KZ",
        "/states/IN",
        "/treaties",
        "/treaties/ece-1957",
        "/removal?example=cuban-veteran-mercenarism",
        "/eligibility?example=nepali-serving",
    ]:
        for link in set(re.findall(r'href="(/[^"#]*)', client.get(url).text)) - seen:
            seen.add(link)
            if link.startswith("/static/"):
                continue
            assert client.get(link.replace("&amp;", "&")).status_code == 200, f"{url} links {link}"


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/states/XX", 404, "code"),  # user-assigned, not a country
        ("/states/not-a-code", 404, "code"),
        ("/treaties/no-such-treaty", 404, "treaty"),
        ("/states?date=2026-13-01", 422, "date"),
        ("/states/KZ?date=yesterday", 422, "date"),
        ("/removal?example=nope", 422, "example"),
        ("/eligibility?example=nope", 422, "example"),
        ("/states?format=xml", 422, "format"),
    ],
)
def test_bad_input_names_the_field(client: TestClient, url: str, status: int, field: str) -> None:
    html = client.get(url)
    assert html.status_code == status
    assert "Traceback" not in html.text and field in html.text
    sep = "&" if "?" in url else "?"
    twin = client.get(f"{url}{sep}format=json") if "format=" not in url else html
    if "format=" not in url:
        assert twin.status_code == status
        assert twin.json()["detail"][0]["field"] == field


@pytest.mark.parametrize("path", ["/removal", "/eligibility"])
@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({}, "case"),
        ({"case": "{not json"}, "case"),
        ({"case": json.dumps({**example("nepali-serving"), "decision_date": "2026-02-30"})}, "decision_date"),
    ],
)
def test_a_bad_posted_case_is_a_422_naming_the_field(
    client: TestClient, path: str, form: dict[str, str], field: str
) -> None:
    html = client.post(path, data=form)
    assert html.status_code == 422 and "Traceback" not in html.text
    twin = client.post(f"{path}?format=json", data=form)
    assert twin.status_code == 422
    assert twin.json()["detail"][0]["field"] == field


def _named_treaty_case(state: str, treaty: str) -> str:
    case = example("nepali-serving")
    case["person"]["citizenships"] = [{"country": state}]
    case["person"]["military_service"][0]["combat"] = True
    case["request"].update({"requesting_state": state, "legal_basis": "treaty", "treaty": treaty})
    return json.dumps(case)


def test_a_named_treaty_collision_links_its_treaty_page_and_the_treaty_that_binds_instead(
    client: TestClient,
) -> None:
    for path in ("/decision", "/removal"):
        text = client.post(path, data={"case": _named_treaty_case("AZ", "ece-1957")}).text
        assert 'href="/treaties/ece-1957"' in text, path
        text = client.post(path, data={"case": _named_treaty_case("UZ", "chisinau-2002")}).text
        assert 'href="/treaties/chisinau-2002"' in text and "does not bind" in text, path
        assert 'href="/treaties/minsk-1993"' in text, path


def test_a_state_without_a_profile_gets_what_the_treaty_files_and_the_blacklist_say(
    client: TestClient,
) -> None:
    from extrashield.sources.states import state_codes

    code = next(c for c in ("NP", "LK", "GH", "CM", "BR", "FR") if c not in state_codes())
    html = client.get(f"/states/{code}")
    assert html.status_code == 200
    assert "No profile for" in html.text and "Not researched: unknown." in html.text
    assert "None found" not in html.text  # unknown is not "none found"
