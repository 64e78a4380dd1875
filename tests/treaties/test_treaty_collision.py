"""The collision between a domestic ground (point 7 above all) and the treaty the request rests on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import extrashield
from extrashield.errors import CaseError
from extrashield.present.report import assessment_report

POINT7 = "ru.upk.464.1.7"


def _collisions(answer: dict) -> list[dict]:
    return [q for q in answer["open_questions"] if q["kind"] == "treaty_collision"]


def test_point7_under_the_european_convention_keeps_the_russian_outcome_and_names_treaty_article_and_priority_rule(
    serviceman,
) -> None:
    answer = extrashield.assess(serviceman("AZ", treaty="ece-1957")).to_dict()
    assert answer["outcome"] == "barred"
    assert POINT7 in answer["applies"]
    [q] = _collisions(answer)
    assert q["id"] == "treaty_collision.ece-1957"
    assert q["provision"] == POINT7
    assert q["treaty"]["id"] == "ece-1957"
    assert q["treaty"]["obliges_extradition"]["article"] == "1"
    assert q["priority_rule"]["provisions"] == ["UPK Art. 1(3)", "Constitution Art. 15(4)"]
    assert q["alternatives"] == [
        {"if": "the ece-1957 treaty prevails and the ground is set aside", "outcome": "permitted"}
    ]
    assert q["sources"] and all(u.startswith("http") for u in q["sources"])
    assert q["law_question"] == "ece.point7_collision"
    # Azerbaijan's membership is only recalled: binding stays unknown, never assumed
    assert q["treaty"]["binds_on_decision_date"] is None


def test_the_text_report_says_the_collision_in_plain_words(serviceman) -> None:
    text = assessment_report(extrashield.assess(serviceman("AZ", treaty="ece-1957")))
    assert "TREATY COLLISION" in text
    assert "Art. 1 obliges Russia to extradite" in text
    assert "UPK Art. 1(3) and Constitution Art. 15(4)" in text


def test_a_request_on_reciprocity_has_no_treaty_collision(serviceman) -> None:
    answer = extrashield.assess(serviceman("NP", legal_basis="reciprocity")).to_dict()
    assert answer["outcome"] == "barred"
    assert _collisions(answer) == []


def test_before_point7_entered_into_force_there_is_nothing_to_collide(serviceman) -> None:
    answer = extrashield.assess(serviceman("AZ", treaty="ece-1957"), decision_date="2026-03-18").to_dict()
    assert _collisions(answer) == []


def test_an_unnamed_treaty_lists_the_treaties_that_could_govern_on_the_decision_date(serviceman) -> None:
    answer = extrashield.assess(serviceman("KZ")).to_dict()
    [q] = _collisions(answer)
    assert q["id"] == "treaty_collision.which_treaty"
    assert [c["id"] for c in q["candidates"]] == ["chisinau-2002"]  # Minsk no longer binds KZ and Russia
    assert q["candidates"][0]["binds_on_decision_date"] is True
    assert q["candidates"][0]["not_listed"][0]["listed"] is None  # Chisinau's refusal article was not read


def test_a_russian_citizen_raises_no_collision_because_the_constitution_ranks_above_treaties(
    serviceman,
) -> None:
    case = serviceman("AZ", treaty="ece-1957")
    case["person"]["citizenships"] = [{"country": "AZ"}, {"country": "RU", "from": "2025-01-01"}]
    answer = extrashield.assess(case).to_dict()
    assert answer["outcome"] == "barred"
    assert "ru.const.61.1" in answer["applies"]
    assert _collisions(answer) == []  # the treaty lists nationality (Art. 6) and Art. 61(1) stands anyway


def test_a_ground_the_treaty_lists_on_the_codes_own_condition_does_not_collide(serviceman) -> None:
    case = serviceman("UZ", treaty="minsk-1993")
    case["person"]["military_service"] = []
    case["request"]["offense"]["committed_in_russia"] = True
    answer = extrashield.assess(case).to_dict()
    assert answer["outcome"] == "may_refuse"
    assert _collisions(answer) == []  # Minsk Art. 57(2): an act on the requested party's territory, optional


def test_a_refusal_the_treaty_makes_mandatory_collides_with_the_codes_discretion(serviceman) -> None:
    case = serviceman("UZ", treaty="minsk-1993")
    case["person"]["military_service"] = []
    case["request"]["offense"]["private_prosecution"] = True
    answer = extrashield.assess(case).to_dict()
    assert answer["outcome"] == "may_refuse"  # Art. 464(2)(3) CPC: refusal is allowed, not required
    [q] = _collisions(answer)
    assert q["alternatives"] == [
        {
            "if": "the minsk-1993 treaty prevails and its mandatory ground bars extradition",
            "outcome": "barred",
        }
    ]
    [required] = q["treaty_requires_refusal"]
    assert required["provision"] == "ru.upk.464.2.3" and q["not_listed"] == []
    assert [g["id"] for g in required["treaty_grounds"]] == ["minsk.art57.private_prosecution"]
    assert "mandatory refusal prevail" in q["question"]


@pytest.mark.parametrize(
    "maximum, collides", [(0.5, False), (0.99, False), (1, True), (1.01, False), (2, False)]
)
def test_the_one_year_threshold_collides_exactly_at_one_year(
    serviceman, maximum: float, collides: bool
) -> None:
    # ECE Art. 2(1) obliges for a maximum of at least one year; Art. 462(3)(1) CPC bars unless it is more than one
    case = serviceman("AZ", treaty="ece-1957")
    case["person"]["military_service"] = []
    case["request"]["offense"]["max_penalty_years"] = maximum
    answer = extrashield.assess(case).to_dict()
    assert answer["outcome"] == ("barred" if maximum <= 1 else "permitted")
    questions = _collisions(answer)
    assert bool(questions) is collides
    if collides:
        [q] = questions
        [aside] = q["not_listed"]
        assert aside["provision"] == "ru.upk.462.3.1" and aside["listed"] is True
        [condition] = aside["treaty_grounds"]
        assert condition["id"] == "ece.art2.penalty_threshold" and condition["lets_russia_refuse"] is False
        assert any("request.offense.max_penalty_years = 1" in line for line in condition["because"])
        assert q["alternatives"][0]["outcome"] == "permitted"


def test_a_named_treaty_that_does_not_bind_the_requesting_state_cannot_prevail(serviceman) -> None:
    a = extrashield.assess(serviceman("UZ", treaty="chisinau-2002"))  # Uzbekistan never signed Chisinau
    answer = a.to_dict()
    assert answer["outcome"] == "barred"
    [q] = _collisions(answer)
    assert q["id"] == "treaty_collision.chisinau-2002"
    assert q["alternatives"] == []  # no outcome "if the treaty prevails"
    assert q["treaty"]["binds_on_decision_date"] is False and "not a party" in q["treaty"]["binds_why"]
    assert [(b["id"], b["binds_on_decision_date"]) for b in q["binding_treaties"]] == [("minsk-1993", None)]
    assert "does not bind" in q["question"] and "minsk-1993" in q["question"]
    text = assessment_report(a)
    assert "TREATY NOT BINDING" in text and "if the treaty prevailed" not in text


def test_a_treaty_that_ceased_between_the_two_states_names_the_one_that_replaced_it(serviceman) -> None:
    answer = extrashield.assess(serviceman("KZ", treaty="minsk-1993")).to_dict()
    [q] = _collisions(answer)
    assert q["alternatives"] == [] and q["treaty"]["binds_on_decision_date"] is False
    assert [(b["id"], b["binds_on_decision_date"]) for b in q["binding_treaties"]] == [
        ("chisinau-2002", True)
    ]


def test_a_bilateral_treaty_binds_no_third_state(serviceman) -> None:
    answer = extrashield.assess(serviceman("KZ", treaty="ru-in-extradition-1998")).to_dict()
    [q] = _collisions(answer)
    assert q["alternatives"] == []
    assert "bilateral" in q["treaty"]["binds_why"]
    assert [b["id"] for b in q["binding_treaties"]] == ["chisinau-2002"]


def test_a_party_status_not_known_stays_an_open_question_with_its_alternative(serviceman) -> None:
    answer = extrashield.assess(
        serviceman("TJ", treaty="chisinau-2002")
    ).to_dict()  # ratification not retrieved
    [q] = _collisions(answer)
    assert q["treaty"]["binds_on_decision_date"] is None
    assert [x["outcome"] for x in q["alternatives"]] == ["permitted"]


def test_a_not_binding_treaty_with_nothing_to_prevail_over_raises_nothing(serviceman) -> None:
    case = serviceman("UZ", treaty="chisinau-2002")
    case["person"]["military_service"] = []
    answer = extrashield.assess(case).to_dict()
    assert answer["outcome"] == "permitted" and _collisions(answer) == []


def test_an_unknown_treaty_id_is_refused_naming_the_field(serviceman) -> None:
    with pytest.raises(CaseError) as exc:
        extrashield.assess(serviceman("AZ", treaty="ece-1958"))
    assert exc.value.path == "request.treaty"
    assert "ece-1957" in exc.value.problem


def test_a_treaty_named_for_a_request_on_reciprocity_is_refused(serviceman) -> None:
    with pytest.raises(CaseError) as exc:
        extrashield.assess(serviceman("AZ", treaty="ece-1957", legal_basis="reciprocity"))
    assert exc.value.path == "request.treaty"


def test_the_cli_exits_2_for_an_unknown_treaty(tmp_path: Path, serviceman) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(serviceman("AZ", treaty="no-such-treaty")), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "extrashield.adapters.cli.main", "assess", str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "request.treaty" in run.stderr and "Traceback" not in run.stderr


def test_an_answer_with_a_collision_still_matches_the_answer_schema(serviceman) -> None:
    import jsonschema

    from extrashield.engine.answer import ANSWER_SCHEMA

    for case in (serviceman("AZ", treaty="ece-1957"), serviceman("UZ", treaty="chisinau-2002")):
        answer = extrashield.assess(case).to_dict()
        jsonschema.validate(json.loads(json.dumps(answer)), ANSWER_SCHEMA)
        assert _collisions(answer)


def test_the_russian_report_names_the_treaty_and_why_it_binds_or_not_in_russian(serviceman) -> None:
    from extrashield.i18n import using
    from extrashield.services.treaty_collision import binds_why_words
    from extrashield.sources.treaties import load_treaty

    a = extrashield.assess(serviceman("UZ", treaty="chisinau-2002"))
    [q] = _collisions(a.to_dict())
    with using("ru"):
        text = " ".join(assessment_report(a).split())
        why = binds_why_words(q["treaty"]["binds_why"])
    assert why.startswith("по данным, UZ не является участником (") and "not a party" not in why
    assert load_treaty("chisinau-2002").title["ru"] in text  # the file's own Russian title
    assert why.rstrip(".") in text and q["treaty"]["title"] not in text


@pytest.mark.parametrize(("state", "treaty"), [("AZ", "ece-1957"), ("UZ", "chisinau-2002"), ("KZ", None)])
def test_the_collision_question_follows_the_command_lines_language_in_json(
    serviceman, state: str, treaty: str | None
) -> None:
    from extrashield.i18n import answers, using

    case = serviceman(state, treaty=treaty) if treaty else serviceman(state)
    d = extrashield.assess(case).to_dict()
    [en] = _collisions(d)
    with using("ru"):
        [ru] = _collisions(answers.answer(d))
    assert en["question"].startswith("The request rests on") and ru["question"].startswith(
        "Запрос основан на"
    )
    assert "7 ч. 1 ст. 464 УПК РФ применяется" in ru["question"] and "ч. 3 ст. 1 УПК РФ" in ru["question"]
    assert "The request rests" not in ru["question"] and "Art. 1(3)" not in ru["question"]
    assert {k: v for k, v in ru.items() if k != "question"}.keys() == {k for k in en if k != "question"}
