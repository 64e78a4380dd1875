"""The guided interview: one question at a time, chosen by the core, state kept in the page."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

import extrashield
from extrashield.adapters.web.interview import FILE, Question, next_question, question_about, subjects

from .conftest import example


def _state(html: str) -> dict[str, str]:
    """The hidden fields of the question form (the interview's whole state)."""
    form = html[html.index('action="/interview/answer"') :]
    form = form[: form.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.pop("answer-rows", None)
    import html as h

    return {k: h.unescape(v) for k, v in fields.items()}


def _ask(raw: dict[str, Any], skipped: frozenset[str] = frozenset(), every: bool = False) -> Question | None:
    return next_question(subjects(raw, {}, "decision"), "decision", skipped, every)


FILE_KNOWN = {
    "decision_date": "2026-04-01",
    "person": {"citizenships": [{"country": "IN"}], "military_service": []},
    "request": {"requesting_state": "IN", "purpose": "prosecution", "legal_basis": "reciprocity"},
}


def test_the_interview_opens_the_file_with_who_the_person_is_then_the_request() -> None:
    raw: dict[str, Any] = {"decision_date": "2026-04-01"}
    asked = []
    for _ in FILE["decision"]:
        q = _ask(raw, frozenset(asked))
        if q is None or q.stage != "file":
            break
        asked.append(q.fact)
    # the treaty is asked only once the request is said to rest on one
    assert asked == [f for f in FILE["decision"] if f != "request.treaty"]
    raw["request"] = {"legal_basis": "treaty"}
    assert _ask(raw, frozenset(asked) - {"request.treaty"}).fact == "request.treaty"  # type: ignore[union-attr]


def test_a_serving_nepali_soldier_is_settled_by_citizenship_and_service_before_any_other_question() -> None:
    raw = {
        "decision_date": "2026-04-01",
        "person": {
            "citizenships": [{"country": "NP"}],
            "military_service": [
                {"formation": "armed_forces", "contract_from": "2024-05-01", "contract_until": "ongoing"}
            ],
        },
        "request": {"requesting_state": "NP", "purpose": "prosecution", "legal_basis": "reciprocity"},
    }
    assert extrashield.assess(raw).outcome == "barred"
    assert _ask(raw) is None  # nothing left that could change the outcome


def test_after_the_file_the_fact_reaching_the_most_outcomes_is_asked_first() -> None:
    q = _ask(FILE_KNOWN)
    assert q is not None and q.stage == "outcome" and q.outcomes
    ss = subjects(FILE_KNOWN, {}, "decision")
    others = [question_about(ss, f) for f, _ in ss[0].assessment.depends_on]
    best = max(others, key=lambda o: (len(o.outcomes), o.settles))
    assert (len(q.outcomes), q.settles) == (len(best.outcomes), best.settles)


def test_each_question_names_the_grounds_its_answer_can_decide() -> None:
    q = _ask({"decision_date": "2026-04-01", "person": {"citizenships": [{"country": "NP"}]}})
    assert q is not None and q.fact == "person.military_service"
    assert "ru.upk.464.1.7" in {d.provision for d in q.decides}


def test_checking_every_ground_goes_on_past_the_first_bar() -> None:
    raw = example("nepali-serving")
    for path in ("crime_under_russian_law", "political_persecution"):
        del raw["request"]["offense"][path]
    assert extrashield.assess(raw).outcome == "barred"
    assert _ask(raw) is None
    q = _ask(raw, every=True)
    assert q is not None and q.stage == "ground" and q.decides
    assert q.fact.startswith("request.offense.")


def test_a_determined_outcome_asks_nothing_more() -> None:
    assert extrashield.assess(example("nepali-serving")).outcome != "undetermined"
    assert _ask(example("nepali-serving")) is None


def test_skipped_facts_are_not_asked_again() -> None:
    case = example("kazakh-combat-unknown")
    assert _ask(case).fact == "request.treaty"  # type: ignore[union-attr]  # the file: a treaty, but which?
    known = frozenset({"request.treaty"})
    assert _ask(case, known).fact == "person.military_service[0].combat"  # type: ignore[union-attr]
    after = _ask(case, known | {"person.military_service[0].combat"})
    assert after is None or after.fact != "person.military_service[0].combat"


def _past_the_treaty(client: TestClient, json_twin: bool = False) -> Any:
    """The kazakh example's interview once the file's one open question (which treaty) is skipped."""
    first = client.post("/interview", data={"example": "kazakh-combat-unknown"})
    state = _state(first.text)
    assert state["fact"] == "request.treaty"
    url = "/interview/answer?format=json" if json_twin else "/interview/answer"
    return client.post(url, data={**state, "action": "skip"})


def test_starting_from_an_example_asks_its_one_open_question(client: TestClient) -> None:
    r = _past_the_treaty(client, json_twin=True)
    assert r.status_code == 200
    step = r.json()
    assert step["question"]["fact"] == "person.military_service[0].combat"
    assert step["provisional"]["outcome"] == "undetermined"
    assert step["widget"]["kind"] == "bool"


def test_answering_the_settling_question_ends_on_the_decision_page(client: TestClient) -> None:
    state = _state(_past_the_treaty(client).text)
    r = client.post("/interview/answer", data={**state, "answer": "true", "action": "answer"})
    assert r.status_code == 200
    assert "<h1>Decision" in r.text
    assert "Extradition is barred" in r.text
    assert "Art. 464(1)(7)" in r.text


def test_an_interview_from_nothing_reaches_a_decision(client: TestClient) -> None:
    """Answer every question "no" (or "don't know" where no is not an answer): the interview must end."""
    r = client.post("/interview", data={"decision_date": "2026-04-01"})
    for _ in range(60):
        if "<h1>Decision" in r.text:
            break
        state = _state(r.text)
        fact = state["fact"]
        answer: dict[str, Any] = {"answer": "false"}
        if "answer-mode" in r.text:
            answer = {"answer-mode": "none"}  # lists: none (no citizenship listed, no contract)
        elif 'value="true"' not in r.text[r.text.index('id="q-heading"') :]:
            answer = {"action": "skip"}
        r = client.post("/interview/answer", data={**state, **answer})
        assert r.status_code in (200, 422), fact
        if r.status_code == 422:  # e.g. "none" contradicts another fact: skip that question instead
            r = client.post("/interview/answer", data={**state, "action": "skip"})
    assert "<h1>Decision" in r.text


def test_dont_know_keeps_the_fact_unknown_and_moves_on(client: TestClient) -> None:
    first = client.post("/interview", data={"decision_date": "2026-04-01"})
    state = _state(first.text)
    r = client.post("/interview/answer?format=json", data={**state, "answer": "unknown"})
    step = r.json()
    assert step["skipped"] == [state["fact"]]
    assert step["question"]["fact"] != state["fact"]


def test_an_invalid_answer_is_422_naming_the_fact_and_asks_again(client: TestClient) -> None:
    r = client.post("/interview?format=json", data={"decision_date": "2026-04-01"})
    state = {
        "case": json.dumps(r.json()["case"]),
        "skipped": "[]",
        "answered": "[]",
        "fact": "request.offense.max_penalty_years",
    }
    bad = client.post("/interview/answer?format=json", data={**state, "answer": "seven"})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "request.offense.max_penalty_years"
    assert bad.json()["question"] is not None
    html = client.post("/interview/answer", data={**state, "answer": "seven"})
    assert html.status_code == 422 and 'role="alert"' in html.text


def test_a_contradicting_answer_is_refused_by_the_core_with_its_field(client: TestClient) -> None:
    case = {"decision_date": "2026-04-01", "person": {"citizenships": [{"country": "NP"}]}}
    state = {"case": json.dumps(case), "skipped": "[]", "answered": "[]", "fact": "person.stateless"}
    r = client.post("/interview/answer?format=json", data={**state, "answer": "true"})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "person.stateless"


def test_a_list_answer_is_written_into_the_case(client: TestClient) -> None:
    state = {
        "case": json.dumps({"decision_date": "2026-04-01"}),
        "skipped": "[]",
        "answered": "[]",
        "fact": "person.military_service",
    }
    r = client.post(
        "/interview/answer?format=json",
        data={
            **state,
            "answer-mode": "some",
            "answer-0-formation": "armed_forces",
            "answer-0-contract_from": "2024-01-10",
            "answer-0-contract_until-mode": "ongoing",
            "answer-0-combat": "unknown",
        },
    )
    assert r.status_code == 200
    service = r.json()["case"]["person"]["military_service"]
    assert service == [
        {"formation": "armed_forces", "contract_from": "2024-01-10", "contract_until": "ongoing"}
    ]


def test_a_pasted_case_that_is_not_json_is_422_naming_case_text(client: TestClient) -> None:
    r = client.post("/interview?format=json", data={"case_text": "{not json"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "case_text"


def test_a_pasted_case_with_a_bad_field_is_422_naming_that_field(client: TestClient) -> None:
    r = client.post(
        "/interview?format=json",
        data={"case_text": json.dumps({"decision_date": "2026-04-01", "person": {"stateles": True}})},
    )
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "person.stateles"


def test_an_uploaded_case_starts_the_interview(client: TestClient) -> None:
    body = json.dumps(example("kazakh-combat-unknown")).encode()
    r = client.post("/interview?format=json", files={"case_file": ("case.json", body, "application/json")})
    assert r.status_code == 200
    assert r.json()["case"]["id"] == "kazakh-combat-unknown"


def test_the_case_downloads_as_the_json_it_was(client: TestClient) -> None:
    case = example("cuban-veteran-mercenarism")
    r = client.post("/case/download", data={"case": json.dumps(case)})
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.json() == case


def test_a_tampered_hidden_case_is_422_not_500(client: TestClient) -> None:
    r = client.post("/interview/answer?format=json", data={"case": "[1,2]", "fact": "person.stateless"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "case"
    r = client.post(
        "/interview/answer?format=json",
        data={
            "case": json.dumps({"decision_date": "2026-04-01"}),
            "fact": "person.nothing",
            "answer": "true",
        },
    )
    assert r.status_code == 422


def test_list_entries_filled_in_count_even_without_ticking_yes(client: TestClient) -> None:
    state = {
        "case": json.dumps({"decision_date": "2026-04-01"}),
        "skipped": "[]",
        "answered": "[]",
        "fact": "person.citizenships",
    }
    r = client.post(
        "/interview/answer?format=json", data={**state, "answer-mode": "unknown", "answer-0-country": "np"}
    )
    assert r.json()["case"]["person"]["citizenships"] == [{"country": "NP"}]
    empty = client.post("/interview/answer?format=json", data={**state, "answer-mode": "some"})
    assert empty.status_code == 422 and empty.json()["error"]["field"] == "person.citizenships"
