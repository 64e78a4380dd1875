"""The removal shields of the 2026 package, on both sides of their dates, and `extrashield removal`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extrashield.services.removal import assess_removal, removal_report


def _routes(case: dict, day: str) -> dict[str, dict]:
    return {r["route"]: r for r in assess_removal(case, decision_date=day).to_dict()["routes"]}


def _other_formation(serviceman) -> dict:
    # Outside the Defence Ministry, so the decree of 30.12.2024 does not mask the bills' dates.
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["military_service"][0]["formation"] = "other_military_formation"
    return case


@pytest.mark.parametrize(
    ("day", "status", "shield_status"),
    [
        ("2026-03-11", "open", "not_in_force"),  # the Duma's final vote: no law yet
        ("2026-03-21", "open", "not_in_force"),  # the last day before an adopted law could apply
        ("2026-03-22", "unknown", "unknown"),  # from then on: unknown whether the bill became law
    ],
)
def test_administrative_expulsion_turns_on_bill_1075363_8_only_from_the_earliest_day_it_could_apply(
    serviceman,
    day: str,
    status: str,
    shield_status: str,
) -> None:
    expulsion = _routes(_other_formation(serviceman), day)["administrative_expulsion"]
    assert expulsion["status"] == status and expulsion["closed_by"] == []
    shield = next(s for s in expulsion["shields"] if s["provision"] == "ru.koap.4.1.expulsion_bar")
    assert shield["status"] == shield_status
    assert shield["bill"]["stage"] == "third_reading" and shield["bill"]["stage_date"] == "2026-03-11"
    assert shield["bill"]["earliest_if_adopted"]["date"] == "2026-03-22"
    assert shield["bill"]["earliest_if_adopted"]["certainty"] == "inferred"


def test_a_route_that_turns_on_a_bill_asks_about_its_adoption_at_the_route(serviceman) -> None:
    expulsion = _routes(_other_formation(serviceman), "2026-04-01")["administrative_expulsion"]
    assert expulsion["status"] == "unknown" and expulsion["law_confirmed"] is None
    [question] = expulsion["open_questions"]
    assert question["id"] == "ru.koap.4.1.expulsion_bar.adoption" and question["kind"] == "adoption"
    assert "2026-03-22 at the earliest" in question["question"]
    assert [a["status"] for a in question["alternatives"]] == ["closed", "open"]
    assert any("gazeta.ru" in url for url in question["sources"])
    shield = expulsion["shields"][1]
    assert shield["law_status"] == "adoption_not_confirmed" and shield["status"] == "unknown"
    assert shield["because"][-1].startswith("the bill has become law and applies on the decision date")


@pytest.mark.parametrize(
    "route", ["deportation", "readmission", "undesirability_of_stay", "residence_permit_cancellation"]
)
@pytest.mark.parametrize(
    ("day", "status"), [("2026-01-21", "open"), ("2026-01-31", "open"), ("2026-02-01", "unknown")]
)
def test_the_114fz_115fz_bill_leaves_its_routes_open_until_eleven_days_after_its_first_reading(
    serviceman, route: str, day: str, status: str
) -> None:
    r = _routes(_other_formation(serviceman), day)[route]
    assert r["status"] == status and r["closed_by"] == []
    assert [q["kind"] for q in r["open_questions"]] == (["adoption"] if status == "unknown" else [])


def test_the_decree_of_30_december_2024_shields_an_unlawfully_present_armed_forces_recruit_on_a_paraphrase(
    serviceman,
) -> None:
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["lawfully_in_russia"] = False
    before, after = _routes(case, "2024-12-29")["deportation"], _routes(case, "2024-12-30")["deportation"]
    assert before["status"] == "open"
    assert after["status"] == "closed"
    assert after["closed_by"] == ["ru.decree.2024-12-30.deportation_shield"]
    assert after["law_confirmed"] is False and after["rests_on_paraphrase"] is True
    decree = next(s for s in after["shields"] if s["provision"] == "ru.decree.2024-12-30.deportation_shield")
    assert decree["paraphrase"] is True and decree["version"]["text_confidence"] == "I"


@pytest.mark.parametrize(("lawful", "status"), [(True, "open"), (None, "unknown")])
def test_the_decree_keeps_its_reported_condition_of_unlawful_presence(
    serviceman, lawful: bool | None, status: str
) -> None:
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["lawfully_in_russia"] = lawful
    r = _routes(case, "2024-12-30")["deportation"]
    assert r["status"] == status
    assert [q["fact"] for q in r["depends_on"]] == ([] if lawful else ["person.lawfully_in_russia"])


def test_a_russian_citizen_cannot_be_removed_by_any_route(serviceman) -> None:
    case = serviceman("KZ")
    case["person"]["citizenships"] = [{"country": "RU"}]
    case["person"]["military_service"] = []
    routes = _routes(case, "2020-01-01")
    assert all(r["status"] == "closed" for r in routes.values())
    assert all("ru.const.61.1" in r["closed_by"] for r in routes.values())


def test_unknown_service_leaves_the_routes_unknown_and_asks_about_it(serviceman) -> None:
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["military_service"] = None
    r = _routes(case, "2026-04-01")["readmission"]
    assert r["status"] == "unknown"
    assert "person.military_service" in [q["fact"] for q in r["depends_on"]]


def test_a_person_who_never_served_has_every_route_open(serviceman) -> None:
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["military_service"] = []
    routes = _routes(case, "2026-04-01")
    assert {r["status"] for r in routes.values()} == {"open"}


def test_the_report_asks_about_a_bills_adoption_at_the_route(serviceman) -> None:
    text = removal_report(assess_removal(_other_formation(serviceman), decision_date="2026-04-01"))
    assert "Administrative expulsion (выдворение) under the Code of Administrative Offences: UNKNOWN" in text
    assert "CLOSED" not in text.split("Administrative expulsion")[1].split("\n")[0]
    route = text.split("Administrative expulsion")[1].split("\n\n")[0]
    assert "    ! [ru.koap.4.1.expulsion_bar.adoption]" in route
    assert (
        "If the bill was adopted and applies on 2026-04-01: closed; if the bill was not adopted"
        in " ".join(route.split())
    )
    assert "could apply from 2026-03-22 at the earliest" in " ".join(route.split())


def test_the_report_says_when_a_route_is_closed_on_a_paraphrase(serviceman) -> None:
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["lawfully_in_russia"] = False
    text = removal_report(assess_removal(case, decision_date="2025-06-01"))
    assert "Deportation (депортация) under Federal Law No. 115-FZ: CLOSED (ON A PARAPHRASE" in text
    assert "known only from a paraphrase (I)" in text


def test_the_removal_command_answers_in_json_and_exits_2_on_bad_input(tmp_path: Path, serviceman) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(serviceman("KE", legal_basis="reciprocity")), encoding="utf-8")
    broken = serviceman("KE", legal_basis="reciprocity")
    broken["person"]["military_service"][0]["formation"] = "navy"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    cmd = [sys.executable, "-m", "extrashield.adapters.cli.main", "removal"]
    run = subprocess.run(
        [*cmd, str(good), "--format", "json", "--decision-date", "2026-04-01"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    routes = [r["route"] for r in json.loads(run.stdout)["routes"]]
    assert routes[0] == "extradition" and "deportation" in routes
    run = subprocess.run([*cmd, str(bad)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "person.military_service[0].formation" in run.stderr


def test_the_report_names_who_a_bill_may_cover_for_a_former_serviceman_who_never_fought(serviceman) -> None:
    # the press paraphrase covers "serving (or having served)"; whether combat is needed, as in point 7,
    # is an open question of the data, and the report shows it under each route the bill closes
    case = serviceman("KE", legal_basis="reciprocity")
    case["person"]["military_service"] = [
        {
            "formation": "armed_forces",
            "contract_from": "2024-05-01",
            "contract_until": "2025-06-01",
            "combat": False,
        }
    ]
    text = removal_report(assess_removal(case, decision_date="2026-04-01"))
    for qid in (
        "ru.fz115.deportation_bar.scope",
        "ru.fz115.readmission_bar.scope",
        "ru.koap.4.1.expulsion_bar.scope",
    ):
        assert f"open question [{qid}]" in text


def test_the_adoption_question_follows_the_chosen_language_and_stays_english_for_the_api(serviceman) -> None:
    from extrashield.i18n import answers, using

    d = assess_removal(_other_formation(serviceman), decision_date="2026-04-01").to_dict()
    with using("ru"):
        ru = answers.answer(d)
    [en_q] = next(r for r in d["routes"] if r["route"] == "administrative_expulsion")["open_questions"]
    [ru_q] = next(r for r in ru["routes"] if r["route"] == "administrative_expulsion")["open_questions"]
    assert "2026-03-22 at the earliest" in en_q["question"] and "законопроект (" not in en_q["question"]
    assert "В данных о законодательстве записано: законопроект (" in ru_q["question"]
    assert (
        "не ранее 22.03.2026 (дата выведена)" in ru_q["question"]
        and "The law data records" not in ru_q["question"]
    )


def test_a_limitation_days_question_follows_the_chosen_language() -> None:
    from extrashield import default_lawbook
    from extrashield.i18n import answers, using
    from extrashield.services.limitation_day import ANNIVERSARY

    asked = next(
        q for q in default_lawbook().provisions["ru.uk.78"].open_questions if q.id == "art78.expiry_day"
    )
    text = ANNIVERSARY.format(
        question=asked.question, day="2026-04-01", field="committed_on", start="2016-04-01"
    )
    with using("ru"):
        said = answers.composed({"kind": "limitation_expiry_day"}, text)
    assert said is not None and said.endswith(
        "Дата решения 2026-04-01 — годовщина committed_on (2016-04-01)."
    )
    assert answers.composed({"kind": "limitation_expiry_day"}, "another question") is None
