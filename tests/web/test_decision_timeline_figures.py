"""The decision page, the timeline picture and the figures page say what the core says."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

import extrashield
from extrashield.sources.figures import default_ledger

from .conftest import EXAMPLES, example


def test_the_decision_twin_carries_the_core_answer_unchanged(client: TestClient) -> None:
    case = example("cuban-veteran-mercenarism")
    r = client.post("/decision?format=json", data={"case": json.dumps(case)})
    assert r.status_code == 200
    assert r.json()["answer"] == extrashield.assess(case).to_dict()


def test_the_decision_page_shows_every_ground_with_status_and_both_texts(client: TestClient) -> None:
    case = example("nepali-serving")
    answer = extrashield.assess(case).to_dict()
    html = client.post("/decision", data={"case": json.dumps(case)}).text
    for g in answer["grounds"]:
        assert f'id="g-{g["provision"]}"' in html
    version = extrashield.default_lawbook()["ru.upk.464.1.7"].version_on(
        extrashield.assess(case).decision_date
    )
    assert version is not None
    assert '<blockquote lang="ru">' in html and '<blockquote lang="en">' in html
    assert version.text.ru.split("\n")[0][:40] in html.replace("&#34;", '"').replace("&#39;", "'")


def test_the_decision_page_states_certainty_of_the_point_7_date(client: TestClient) -> None:
    html = client.get("/decision?example=nepali-serving").text
    assert "2026-03-19" in html and "inferred" in html


def test_the_readings_switch_changes_the_readings_used(client: TestClient) -> None:
    case = example("kazakh-combat-unknown")
    default = client.post("/decision?format=json", data={"case": json.dumps(case)}).json()
    switched = client.post(
        "/decision?format=json", data={"case": json.dumps(case), "r:point7.limbs": "combat_required"}
    ).json()
    assert default["answer"]["interpretations"]["point7.limbs"] == "two_limbs"
    assert switched["answer"]["interpretations"]["point7.limbs"] == "combat_required"
    current = [row for row in switched["readings_table"] if row["current"]]
    assert len(current) == 1 and current[0]["outcome"] == switched["answer"]["outcome"]


def test_the_readings_table_says_when_the_outcome_turns_on_a_reading(client: TestClient) -> None:
    case = example("indian-volunteer-formation")
    data = client.post("/decision?format=json", data={"case": json.dumps(case)}).json()
    outcomes = {row["outcome"] for row in data["readings_table"]}
    assert data["outcome_turns_on_reading"] == (len(outcomes) > 1)
    for row in data["readings_table"]:
        assert row["outcome"] == extrashield.assess(case, readings=row["readings"]).outcome


def test_an_unknown_reading_is_422_naming_it(client: TestClient) -> None:
    case = example("kazakh-combat-unknown")
    r = client.post("/decision?format=json", data={"case": json.dumps(case), "r:point7.limbs": "three_limbs"})
    assert r.status_code == 422
    detail = r.json()["detail"][0]  # the API's shape: field `reading`, the key in the message
    assert (
        detail["field"] == "reading"
        and detail["msg"].startswith("point7.limbs:")
        and detail["loc"] == ["body", "reading"]
    )


def test_the_decision_lists_what_is_still_unknown(client: TestClient) -> None:
    data = client.get("/decision?example=kazakh-combat-unknown&format=json").json()
    assert [d["fact"] for d in data["answer"]["depends_on"]] == ["person.military_service[0].combat"]
    html = client.get("/decision?example=kazakh-combat-unknown").text
    assert "Did the person take part in combat operations" in html


def test_the_timeline_picture_has_one_bar_per_interval_and_numbers_the_law_events(client: TestClient) -> None:
    data = client.get("/timeline?example=nepali-serving&format=json").json()
    html = client.get("/timeline?example=nepali-serving").text
    drawings = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(drawings) == 2  # one for a desk, one for a phone: the stylesheet shows one
    for svg in drawings:
        bars = sum(svg.count(f'class="o-{c}"') for c in ("barred", "may", "undet", "permitted"))
        assert bars == len(data["timeline"]["intervals"])
    assert any(m["ref"] == "ru.upk.464.1.7" for m in data["markers"])
    outcomes = [iv["outcome"] for iv in data["timeline"]["intervals"]]
    assert "barred" in outcomes


def test_the_timeline_range_can_be_chosen_and_a_reversed_range_is_422(client: TestClient) -> None:
    ok = client.get("/timeline?example=nepali-serving&from=2026-01-01&to=2026-06-01&format=json").json()
    assert ok["timeline"]["from"] == "2026-01-01" and ok["timeline"]["until"] == "2026-06-01"
    bad = client.get("/timeline?example=nepali-serving&from=2026-06-01&to=2026-01-01&format=json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "to"


def test_the_timeline_of_a_posted_case(client: TestClient) -> None:
    case = example("kyrgyz-veteran-naturalised")
    r = client.post("/timeline?format=json", data={"case": json.dumps(case)})
    assert r.status_code == 200
    assert r.json()["timeline"]["intervals"]


def test_the_figures_page_marks_exactly_the_claims_the_core_finds_in_disagreement(client: TestClient) -> None:
    data = client.get("/figures?format=json").json()
    for q in default_ledger().quantities():
        shown = next(v for v in data["quantities"] if v["quantity"] == q.name)
        expected = {c[k] for c in q.to_dict()["disagreements"] for k in ("a", "b")}
        assert {c["id"] for c in shown["claims"] if c["conflict"]} == expected


def test_legal_claims_that_name_each_other_are_marked_as_conflicts(client: TestClient) -> None:
    data = client.get("/figures?format=json").json()
    q = next(v for v in data["quantities"] if v["quantity"] == "art464_point7_refusal_type")
    assert q["disagreements"] and all(c["conflict"] == "disagree" for c in q["claims"])


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_the_figures_page_puts_conflicting_claims_side_by_side(client: TestClient, fmt: str) -> None:
    r = client.get(f"/figures?format={fmt}")
    assert r.status_code == 200
    if fmt == "json":
        stateless = next(
            q for q in r.json()["quantities"] if q["quantity"] == "stateless_contract_eligible_from"
        )
        assert len(stateless["claims"]) > 1 and stateless["disagreements"]
    else:
        assert "≠ conflict" in r.text and "<svg" in r.text


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_every_bundled_example_has_a_decision_and_a_timeline_page(client: TestClient, name: str) -> None:
    decision = client.get(f"/decision?example={name}")
    assert decision.status_code == 200
    assert extrashield.assess(example(name)).to_dict()["outcome"] in decision.text
    assert client.get(f"/timeline?example={name}").status_code == 200
