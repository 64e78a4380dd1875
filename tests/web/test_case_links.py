"""The case pages (decision, timeline, removal routes, eligibility) carry their case in the URL: a case
POSTed in a hidden field is answered with a 303 to a GET address (Post/Redirect/Get), the buttons between
the pages are GET forms, and the timeline's bad dates come back in its own form."""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.web.interview_state import MAX_TOKEN_CHARS, case_url, read_token

from .conftest import example, served

CASE_PAGES = ["/decision", "/timeline", "/removal", "/eligibility"]
# the case pages each page's buttons and forms lead to (itself: its readings switch, JSON twin or dates)
LINKED = {
    "/decision": {"/decision", "/timeline", "/removal", "/eligibility", "/interview/case.json"},
    "/timeline": {"/timeline", "/decision"},
    "/removal": {"/removal", "/decision", "/eligibility"},
    "/eligibility": {"/eligibility", "/decision", "/removal"},
}


def _posted(client: TestClient, path: str, case: dict[str, object], **fields: str) -> str:
    r = client.post(path, data={"case": json.dumps(case), **fields}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"
    return str(r.headers["location"])


@pytest.mark.parametrize("path", CASE_PAGES)
def test_a_posted_case_is_answered_with_a_redirect_to_its_get_address(client: TestClient, path: str) -> None:
    case = example("kazakh-combat-unknown")
    location = _posted(client, path, case, **{"r:point7.limbs": "combat_required"})
    assert urlsplit(location).path == path
    state = read_token(parse_qs(urlsplit(location).query)["s"][0])
    assert state.case == case and state.readings["point7.limbs"] == "combat_required"
    shown = client.get(location)
    assert shown.status_code == 200 and shown.headers["referrer-policy"] == "no-referrer"
    # the page carries the case on to the other case pages by GET forms with its token, never by a POST
    # (the memo downloads and the registry's save may POST: they lead to no page to go Back from)
    assert not re.search(
        r'<form method="post" action="/(decision|timeline|removal|eligibility)[?"]', shown.text
    )
    carried = re.findall(
        r'<form method="get" action="(/[a-z./]+)"[^>]*>\s*<input type="hidden" name="s" value="([^"]+)"',
        shown.text,
    )
    assert {action for action, _ in carried} == LINKED[path]
    for _, token in carried:
        assert (
            read_token(token).case == case and read_token(token).readings["point7.limbs"] == "combat_required"
        )


def test_a_script_posting_for_json_is_sent_to_the_json_twin(client: TestClient) -> None:
    location = _posted(client, "/decision?format=json", example("nepali-serving"))
    assert location.endswith("&format=json")
    twin = client.get(location).json()
    assert (
        twin["answer"]["outcome"]
        == client.get("/decision?example=nepali-serving&format=json").json()["answer"]["outcome"]
    )


def test_the_readings_switch_is_a_get_form_whose_choice_lands_in_the_url(client: TestClient) -> None:
    location = _posted(client, "/decision", example("kazakh-combat-unknown"))
    html = client.get(location).text
    form = re.search(r'<form method="get" action="/decision" class="stack">', html)
    assert form is not None  # the readings switch
    other = client.get(location + "&r%3Apoint7.limbs=combat_required&format=json").json()
    assert other["answer"]["interpretations"]["point7.limbs"] == "combat_required"
    bad = client.get(location + "&r%3Apoint7.limbs=nonsense&format=json")
    assert bad.status_code == 422 and "point7.limbs" in json.dumps(bad.json())


def test_the_decision_links_its_timeline_removal_eligibility_and_case_file(client: TestClient) -> None:
    location = _posted(client, "/decision", example("nepali-serving"))
    token = parse_qs(urlsplit(location).query)["s"][0]
    for path in ("/timeline", "/removal", "/eligibility", "/interview/case.json"):
        r = client.get(f"{path}?s={token}")
        assert r.status_code == 200, path
    assert client.get(f"/interview/case.json?s={token}").json() == example("nepali-serving")


def _incompressible_case() -> dict[str, object]:
    case = example("nepali-serving")
    words = random.Random(7)
    text = " ".join(
        "".join(words.choice(string.ascii_lowercase) for _ in range(words.randint(2, 9))) for _ in range(2500)
    )
    case["request"]["offense"]["description"] = text  # type: ignore[index]
    return case


def test_a_case_too_long_for_a_link_is_shown_at_once_and_carried_by_post(client: TestClient) -> None:
    case = _incompressible_case()
    r = client.post("/decision", data={"case": json.dumps(case)}, follow_redirects=False)
    assert r.status_code == 200  # no link can hold it: the page is the answer to the POST
    assert '<form method="post" action="/timeline">' in r.text and 'name="case"' in r.text
    assert '<form method="post" action="/case/download">' in r.text
    timeline = client.post("/timeline", data={"case": json.dumps(case)}, follow_redirects=False)
    assert timeline.status_code == 200 and "Intervals" in timeline.text
    assert len(json.dumps(case)) > MAX_TOKEN_CHARS


@pytest.mark.parametrize(
    ("query", "field", "typed"),
    [
        ("from=2026-13-01", "from", "2026-13-01"),
        ("to=yesterday", "to", "yesterday"),
        ("from=2026-06-01&to=2026-01-01", "to", "2026-01-01"),
    ],
)
def test_a_bad_timeline_date_comes_back_in_the_timeline_form(
    client: TestClient, query: str, field: str, typed: str
) -> None:
    location = _posted(client, "/timeline", example("nepali-serving"))
    r = client.get(f"{location}&{query}")
    assert r.status_code == 422
    assert "<h2>Intervals</h2>" in r.text  # the timeline page (over its usual span), not the error page
    control = re.search(rf'<input type="date" id="t-{field}" name="{field}"[^>]*>', r.text)
    assert control is not None
    tag = control.group(0)
    assert f'value="{typed}"' in tag and "autofocus" in tag and 'aria-invalid="true"' in tag
    assert f'aria-describedby="t-{field}-error"' in tag
    message = re.search(rf'<p class="field-error" id="t-{field}-error">(.*?)</p>', r.text)
    assert message is not None and message.group(1).strip()
    twin = client.get(f"{location}&{query}&format=json")
    assert twin.status_code == 422 and twin.json()["detail"][0]["field"] == field


def test_an_example_timeline_with_a_bad_date_keeps_the_example(client: TestClient) -> None:
    r = client.get("/timeline?example=nepali-serving&from=2026-02-30")
    assert r.status_code == 422 and 'name="example" value="nepali-serving"' in r.text
    assert 'value="2026-02-30"' in r.text


def test_a_description_that_reads_like_a_fact_path_is_shown_as_written_words(client: TestClient) -> None:
    case = example("nepali-serving")
    case["request"]["offense"]["description"] = "see person.citizenships[*].country and request.x[a].y"
    r = client.post("/decision", data={"case": json.dumps(case)})
    assert r.status_code == 200 and "Decision" in r.text


def test_the_longest_case_a_link_carries_is_served_by_uvicorn(tmp_path: Path) -> None:
    """A link near MAX_TOKEN_CHARS passes the server's limit on a request line (h11: 16 KB in all)."""
    case = example("nepali-serving")
    prose = (Path(__file__).resolve().parents[2] / "docs" / "contract.md").read_text(encoding="utf-8")
    lo, hi = 0, len(prose)
    while lo < hi:  # the longest description that still fits in a link
        mid = (lo + hi + 1) // 2
        case["request"]["offense"]["description"] = prose[:mid]
        lo, hi = (mid, hi) if case_url("/decision", case, {}) is not None else (lo, mid - 1)
    case["request"]["offense"]["description"] = prose[:lo]
    url = case_url("/decision", case, {})
    assert url is not None and len(url) > MAX_TOKEN_CHARS - 100
    with served(f"sqlite:///{tmp_path}/registry.sqlite3") as base:
        for path in CASE_PAGES:
            r = httpx.get(base + path + url[len("/decision") :], timeout=120)
            assert r.status_code == 200, (path, r.text[:200])
