"""The interview as a workflow: the state in the URL (Post/Redirect/Get), review and change, resuming, input
that survives an error, signing in to save, and eligibility with its citizenship what-if."""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from extrashield.adapters.web.interview_state import InterviewState, read_token
from extrashield.errors import CaseError

from .conftest import example


def _token(url: str) -> str:
    return parse_qs(urlsplit(url).query)["s"][0]


def _form(text: str) -> dict[str, str]:
    """The hidden fields of the question form."""
    form = text[text.index('action="/interview/answer"') :]
    form = form[: form.index("</form>")]
    return {
        k: html.unescape(v)
        for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }


def _begin(client: TestClient, **fields: str) -> Any:
    return client.post("/interview", data={"decision_date": "2026-04-01", **fields}, follow_redirects=False)


def test_the_state_survives_the_round_trip_through_a_link_and_a_tampered_link_is_refused() -> None:
    state = InterviewState(
        example("nepali-serving"),
        {"point7.limbs": "combat_required"},
        ("person.citizenships",),
        ("person.sex",),
    )
    assert read_token(state.token()) == state
    for bad in ("", "%%%", state.token()[:-7], "eJwLyczLBgAD"):
        with pytest.raises(CaseError) as err:
            read_token(bad)
        assert err.value.path == "s"


def test_every_answer_is_posted_and_answered_with_a_redirect_to_a_get_page(client: TestClient) -> None:
    start = _begin(client, case_ref="A-17/2026", client_name="Рамеш Тапа")
    assert start.status_code == 303 and start.headers["location"].startswith("/interview/step?s=")
    step = client.get(start.headers["location"])
    assert step.status_code == 200 and step.headers["referrer-policy"] == "no-referrer"
    assert "A-17/2026" in step.text and "Рамеш Тапа" in step.text
    answer = client.post(
        "/interview/answer",
        data={**_form(step.text), "answer-mode": "some", "answer-0-country": "Непал"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    state = read_token(_token(answer.headers["location"]))
    assert state.case["person"]["citizenships"] == [{"country": "NP"}]
    assert state.case["id"] == "A-17/2026" and state.case["person"]["names"] == ["Рамеш Тапа"]
    assert state.answered == ("person.citizenships",)
    # the page before is still there, unchanged: what the browser's Back shows
    assert client.get(start.headers["location"]).text == step.text


def test_the_review_lists_every_answer_and_a_change_comes_back_filled_in(client: TestClient) -> None:
    state = InterviewState(example("kazakh-combat-unknown"), answered=("person.military_service",))
    review = client.get(state.url("/interview/review"))
    assert review.status_code == 200
    rows = client.get(state.url("/interview/review") + "&format=json").json()["answers"]
    facts = [r["fact"] for r in rows]
    assert facts[:3] == ["id", "person.names", "decision_date"]
    assert "person.military_service" in facts and "request.treaty" in facts
    change = next(r["change"] for r in rows if r["fact"] == "person.military_service")
    assert html.escape(change) in review.text
    form = client.get(change)
    # the contract as the case holds it, in the first row
    assert 'name="answer-0-contract_from" value="2024-10-01"' in form.text
    assert re.search(r'value="armed_forces" checked', form.text)
    changed = client.post(
        "/interview/answer",
        data={
            **_form(form.text),
            "answer-mode": "some",
            "answer-0-formation": "armed_forces",
            "answer-0-contract_from": "2024-10-01",
            "answer-0-contract_until-mode": "date",
            "answer-0-contract_until": "2025-10-01",
            "answer-0-combat": "true",
        },
        follow_redirects=False,
    )
    assert changed.headers["location"].startswith("/interview/review?")  # back to the review
    after = read_token(_token(changed.headers["location"]))
    assert after.case["person"]["military_service"][0]["combat"] is True
    assert after.answered == ("person.military_service",)  # a changed answer keeps its place


def test_an_answer_in_error_comes_back_as_typed_with_the_message_tied_to_its_field(
    client: TestClient,
) -> None:
    state = InterviewState({"decision_date": "2026-04-01"})
    step = client.get(state.url("/interview/step"))
    typed = {
        **_form(step.text),
        "answer-mode": "some",
        "answer-0-country": "NP",
        "answer-0-from": "2020-01-01",
        "answer-1-country": "RU",
        "answer-1-from": "2024-05-01",
        "answer-1-until": "2023-01-01",  # ends before it begins
    }
    r = client.post("/interview/answer", data=typed)
    assert r.status_code == 422
    for name in ("answer-0-country", "answer-0-from", "answer-1-country", "answer-1-from", "answer-1-until"):
        assert f'name="{name}" value="{typed[name]}"' in r.text, name
    field = re.search(r'<input[^>]*name="answer-1-until"[^>]*>', r.text)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0) and "autofocus" in field.group(0)
    assert 'aria-describedby="f-answer-1-until-error' in field.group(0)
    assert 'id="f-answer-1-until-error"' in r.text
    assert r.text.count('aria-invalid="true"') == 1


def test_a_start_page_error_keeps_every_value_and_the_uploaded_file(client: TestClient) -> None:
    bad = '{"decision_date": "2026-04-01", "person": {"stateles": true}}'
    r = client.post(
        "/interview",
        data={"decision_date": "2026-04-01", "case_ref": "A-17", "client_name": "Тапа", "every_ground": "on"},
        files={"case_file": ("case.json", bad.encode(), "application/json")},
    )
    assert r.status_code == 422
    assert 'value="A-17"' in r.text and 'value="Тапа"' in r.text and 'value="2026-04-01"' in r.text
    area_text = re.search(r"<textarea[^>]*>([^<]*)</textarea>", r.text)
    assert area_text is not None and html.unescape(area_text.group(1)) == bad  # the file's text, to correct
    assert re.search(r'<input type="checkbox" id="every_ground" name="every_ground" checked', r.text)
    area = re.search(r"<textarea[^>]*>", r.text)
    assert area is not None and 'aria-invalid="true"' in area.group(0) and "autofocus" in area.group(0)
    assert "person.stateles" in r.text


def test_a_resumed_case_file_goes_on_where_it_was(client: TestClient) -> None:
    state = InterviewState(example("kazakh-combat-unknown"), skipped=("request.treaty",))
    saved = client.get(state.url("/interview/case.json"))
    assert saved.headers["content-disposition"].startswith("attachment;")
    assert saved.json() == example("kazakh-combat-unknown")
    again = client.post("/interview", files={"case_file": ("case.json", saved.content, "application/json")})
    assert again.status_code == 200 and 'name="fact" value="request.treaty"' in again.text


def test_checking_every_ground_asks_on_after_the_outcome_is_settled(client: TestClient) -> None:
    case = example("nepali-serving")
    del case["request"]["offense"]["crime_under_russian_law"]
    quick = client.post("/interview", data={"case_text": json.dumps(case)})
    assert "<h1>Decision" in quick.text  # barred: nothing more to ask
    every = client.post("/interview", data={"case_text": json.dumps(case), "every_ground": "on"})
    assert 'name="fact" value="request.offense.crime_under_russian_law"' in every.text
    assert "decides a ground still open" in every.text
    assert 'href="/law/provision/ru.upk.464.1.6?date=2026-04-01"' in every.text


def test_a_treaty_case_built_in_the_interview_shows_its_treaty_collision(client: TestClient) -> None:
    case = example("kazakh-combat-unknown")
    case["person"]["military_service"][0]["combat"] = True
    assert "treaty" not in case["request"] and case["request"]["legal_basis"] == "treaty"
    step = client.post("/interview", data={"case_text": json.dumps(case)})
    assert 'name="fact" value="request.treaty"' in step.text and 'value="chisinau-2002"' in step.text
    end = client.post("/interview/answer", data={**_form(step.text), "answer": "chisinau-2002"})
    decision = client.get(str(end.url) + "&format=json").json()
    assert decision["case"]["request"]["treaty"] == "chisinau-2002"
    assert any(q["kind"] == "treaty_collision" for q in decision["answer"]["open_questions"])


def test_saving_signed_out_signs_in_on_the_way_and_keeps_the_case(
    client: TestClient, tokens: dict[str, str]
) -> None:
    case = json.dumps(example("cuban-veteran-mercenarism"))
    page = client.get("/decision?example=cuban-veteran-mercenarism")
    assert "Sign in and save" in page.text and 'name="token"' in page.text
    denied = client.post(
        "/registry/decisions/save", data={"case": case, "notes": "for the file", "token": "nope"}
    )
    assert denied.status_code == 401 and 'aria-invalid="true"' in denied.text
    carried = {
        k: html.unescape(v)
        for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', denied.text)
    }
    assert json.loads(carried["case"]) == json.loads(case) and carried["notes"] == "for the file"
    saved = client.post(
        "/registry/decisions/save", data={**carried, "token": tokens["editor"]}, follow_redirects=False
    )
    assert saved.status_code == 303 and saved.headers["location"].startswith("/registry/decisions/")
    assert "extrashield_token" in saved.headers["set-cookie"]  # signed in on the way
    # signed in as an editor, the decision page offers the save button alone
    again = client.get("/decision?example=cuban-veteran-mercenarism")
    assert "Save the decision" in again.text and 'name="token"' not in again.text


def test_the_save_button_is_not_offered_to_a_reader(client: TestClient, tokens: dict[str, str]) -> None:
    client.cookies.set("extrashield_token", tokens["reader"])
    text = client.get("/decision?example=cuban-veteran-mercenarism").text
    section = text[text.index('id="save"') :]
    assert "reader role" in section and "/registry/decisions/save" not in section


def test_eligibility_has_its_interview_and_the_citizenship_what_if(client: TestClient) -> None:
    r = client.post("/interview", data={"decision_date": "2026-04-01", "topic": "eligibility"})
    assert r.status_code == 200 and 'name="fact" value="person.birth_date"' in r.text
    assert "[contract]" in r.text  # the criteria its answer can decide, per question
    page = client.get("/eligibility?example=nepali-serving")
    token = re.search(r'name="s" value="([^"]+)"', page.text)
    assert token is not None
    what_if = client.get(f"/eligibility?s={token.group(1)}&grant_citizenship=2026-01-01&format=json").json()
    assert what_if["what_if"]["after"] == "barred"
    assert "ru.const.61.1" in [g["provision"] for g in what_if["what_if"]["applies"]]
    decision = client.get(what_if["what_if"]["decision"] + "&format=json").json()
    assert decision["what_if"] == {"grant_russian_citizenship": "2026-01-01"}
    assert {"country": "RU", "from": "2026-01-01"} in decision["case"]["person"]["citizenships"]
    bad = client.get(f"/eligibility?s={token.group(1)}&grant_citizenship=2026-02-30")
    assert bad.status_code == 422 and 'value="2026-02-30"' in bad.text
    assert 'aria-describedby="grant_citizenship-error"' in bad.text


def test_a_pasted_case_with_an_error_comes_back_on_the_start_page(client: TestClient) -> None:
    r = client.post("/eligibility", data={"case": '{"decision_date": "2026-04-01", "x": 1}', "pasted": "1"})
    assert r.status_code == 422
    area = re.search(r"<textarea[^>]*>([^<]*)</textarea>", r.text)
    assert area is not None and html.unescape(area.group(1)) == '{"decision_date": "2026-04-01", "x": 1}'
    assert 'aria-describedby="start-case-error"' in r.text


def test_a_link_cannot_ask_about_an_entry_the_case_does_not_have(client: TestClient) -> None:
    state = InterviewState({"decision_date": "2026-04-01"})
    r = client.get(state.url("/interview/step", ask="person.military_service[5].combat") + "&format=json")
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "ask"
    posted = client.post(
        "/interview/answer?format=json",
        data={"s": state.token(), "fact": "person.military_service[5].combat", "answer": "true"},
    )
    assert posted.status_code == 422 and posted.json()["detail"][0]["field"] == "fact"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_changing_the_case_reference_name_or_date_asks_in_words_not_by_field_name(
    client: TestClient, lang: str
) -> None:
    from extrashield.adapters.web.interview import ABOUT_THE_CASE
    from extrashield.i18n import gettext, using

    state = InterviewState(example("kazakh-combat-unknown"), answered=("person.military_service",))
    rows = client.get(state.url("/interview/review", lang=lang) + "&format=json").json()["answers"]
    for fact, label in ABOUT_THE_CASE.items():
        change = next(r["change"] for r in rows if r["fact"] == fact)
        page = html.unescape(client.get(change + ("&" if "?" in change else "?") + f"lang={lang}").text)
        with using(lang):
            assert gettext(label) in page, fact
        assert f"What is {fact}" not in page


@pytest.mark.parametrize(
    ("typed", "english", "russian"),
    [
        ("Непалия", "is not a country code or a country name known", "не код страны"),
        ("USSR", "names a former state", "название прежнего государства"),
    ],
)
def test_a_country_the_interview_cannot_read_is_explained_in_the_pages_language(
    client: TestClient, typed: str, english: str, russian: str
) -> None:
    state = InterviewState({"decision_date": "2026-04-01"})
    for lang, words, other in (("en", english, russian), ("ru", russian, english)):
        asked = {"accept-language": lang}
        step = client.get(state.url("/interview/step"), headers=asked)
        r = client.post(
            "/interview/answer",
            data={**_form(step.text), "answer-mode": "some", "answer-0-country": typed},
            headers=asked,
        )
        assert r.status_code == 422
        text = html.unescape(r.text)
        assert words in text and other not in text, lang
        assert f'value="{typed}"' in r.text  # kept as typed
