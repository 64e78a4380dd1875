"""Contract eligibility and simplified citizenship: each rule on both sides of its dates."""

from __future__ import annotations

import pytest

from extrashield.services import recruitment
from extrashield.sources.lawbook import default_lawbook

LAW_FOLLOWED = "from_2025_07_07"


def person(**kw):
    base = {
        "citizenships": [{"country": "NP"}],
        "birth_date": "1990-01-01",
        "fitness": "fit",
        "prison_sentence": "none",
        "lawfully_in_russia": True,
        "family_in_service": [],
    }
    base.update(kw)
    return base


def contract(day, readings=None, **kw):
    return recruitment.contract_eligibility(
        {"decision_date": day, "person": person(**kw)}, readings=readings
    ).to_dict()


def citizenship(day, readings=None, **kw):
    return recruitment.citizenship_eligibility(
        {"decision_date": day, "person": person(**kw)}, readings=readings
    ).to_dict()


def status(answer, provision_suffix):
    return next(c["status"] for c in answer["criteria"] if c["provision"].endswith(provision_suffix))


# --- contract: stateless persons ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "day,expected", [("2025-07-06", "not_eligible"), ("2025-07-07", "eligible"), ("2026-01-10", "eligible")]
)
def test_stateless_person_may_contract_only_from_7_july_2025(day, expected):
    assert contract(day, citizenships=[], stateless=True)["outcome"] == expected


def test_stateless_answer_between_the_two_claimed_dates_names_the_conflict_and_why():
    a = contract("2024-10-01", citizenships=[], stateless=True)
    assert a["outcome"] == "not_eligible"
    q = next(q for q in a["open_questions"] if q["id"] == "stateless.start_date")
    assert q["current"] == LAW_FOLLOWED
    assert q["alternatives"] == [{"reading": "from_2024_07", "outcome": "eligible"}]
    assert "Monday" in q["why"]
    claims = {c["id"]: c["value"] for c in a["conflicts"][0]["claims"]}
    assert (
        claims["mt_stateless_from_2024"] == "2024-07-01"
        and claims["vedomosti_stateless_from_2025"] == "2025-07-07"
    )


def test_the_july_2024_reading_admits_stateless_persons_from_july_2024_only():
    rd = {"stateless.start_date": "from_2024_07"}
    assert contract("2024-06-30", rd, citizenships=[], stateless=True)["outcome"] == "not_eligible"
    assert contract("2024-07-01", rd, citizenships=[], stateless=True)["outcome"] == "eligible"


def test_a_foreign_citizen_is_not_shown_the_stateless_conflict():
    assert "conflicts" not in contract("2026-01-10")


# --- contract: foreigners before and after Decree No. 823 -------------------------------------------


def test_before_decree_823_a_foreigner_over_30_could_not_contract_and_after_it_could():
    assert contract("2022-11-13", birth_date="1980-01-01")["outcome"] == "not_eligible"
    assert contract("2022-11-14", birth_date="1980-01-01")["outcome"] == "eligible"


def test_before_decree_823_unknown_lawful_presence_leaves_the_answer_open_and_is_asked():
    a = contract("2021-06-01", lawfully_in_russia=None, birth_date="1995-01-01")
    assert a["outcome"] == "unknown"
    assert [d["fact"] for d in a["depends_on"]] == ["person.lawfully_in_russia"]


def test_a_russian_citizen_is_outside_the_contract_rules():
    assert (
        contract("2026-01-10", citizenships=[{"country": "RU"}, {"country": "NP"}])["outcome"]
        == "not_applicable"
    )


# --- contract: Law 269-FZ ---------------------------------------------------------------------------


def test_limited_fitness_bars_a_contract_before_269_fz_and_not_after_it():
    assert (
        contract("2023-06-23", fitness="limited", fitness_listed_disease=False)["outcome"] == "not_eligible"
    )
    assert contract("2023-06-24", fitness="limited", fitness_listed_disease=False)["outcome"] == "eligible"


def test_limited_fitness_with_a_listed_disease_still_bars_a_contract():
    assert contract("2024-01-01", fitness="limited", fitness_listed_disease=True)["outcome"] == "not_eligible"


def test_the_mobilisation_reading_is_reported_when_it_turns_the_answer():
    a = contract("2024-01-01", fitness="limited", fitness_listed_disease=False)
    assert [q["id"] for q in a["open_questions"]] == ["contract.mobilisation_period"]


def test_an_expunged_conviction_bars_a_contract_before_269_fz_and_not_after_it():
    assert contract("2023-06-23", prison_sentence="expunged")["outcome"] == "not_eligible"
    assert contract("2023-06-24", prison_sentence="expunged")["outcome"] == "eligible"


def test_an_unexpunged_conviction_after_269_fz_stays_unknown_not_false():
    a = contract("2024-01-01", prison_sentence="not_expunged")
    assert a["outcome"] == "unknown"
    assert any(q["id"] == "expunged_convictions.scope" for q in a["unsettled"])


def test_unknown_fitness_is_the_fact_that_decides():
    a = contract("2026-01-10", fitness=None)
    assert a["outcome"] == "unknown"
    assert "person.fitness" in [d["fact"] for d in a["depends_on"]]


def test_a_citizenship_that_contradicts_a_stated_statelessness_is_no_possible_answer():
    # Only a list with a citizenship held on the decision date would change the answer (a Russian citizen is
    # out of scope), and `stateless: true` rules every such list out (the case format refuses it): the
    # citizenships matter in no possible case, so they are not asked first.
    a = contract("2025-07-07", citizenships=None, stateless=True, birth_date=None)
    assert a["outcome"] == "unknown"
    assert [d["fact"] for d in a["depends_on"]] == ["person.birth_date"]
    assert [d["fact"] for d in a["also_unknown"]] == ["person.citizenships"]


def test_the_blacklist_is_shown_apart_and_does_not_change_the_answer():
    a = contract("2026-01-15", citizenships=[{"country": "KE"}])
    assert a["outcome"] == "eligible"
    check = a["reported_practice"]["checks"][0]
    assert (check["country"], check["on_reported_list"], check["legal_effect"]) == ("KE", "yes", "none")


# --- simplified citizenship ---------------------------------------------------------------------------

ONE_YEAR = [
    {
        "formation": "armed_forces",
        "contract_from": "2022-03-01",
        "contract_until": "ongoing",
        "contract_term_years": 1,
    }
]


def test_the_september_2022_law_lets_a_one_year_contract_suffice_only_from_5_october_2022():
    # approved 21.09.2022, published 24.09.2022, entry into force not reported: the ten-day rule gives
    # 05.10.2022, and before it the three-year rule is applied (never the new route before it can apply)
    assert (
        status(citizenship("2022-09-21", military_service=ONE_YEAR), "contract_service_law")
        == "not_satisfied"
    )
    assert (
        status(citizenship("2022-10-04", military_service=ONE_YEAR), "contract_service_law")
        == "not_satisfied"
    )
    assert status(citizenship("2022-10-05", military_service=ONE_YEAR), "contract_service_law") == "satisfied"


def test_the_window_of_the_september_2022_law_is_in_the_data_and_its_doubt_is_shown():
    a = citizenship("2022-09-30", military_service=ONE_YEAR)
    assert "contract_service_law.entry_into_force" in [q["id"] for q in a["unsettled"]]
    v = default_lawbook().provisions["ru.citizenship.simplified.contract_service_law"].versions[1]
    assert (str(v.earliest_possible_from), str(v.valid_from), v.valid_from_certainty) == (
        "2022-09-24",
        "2022-10-05",
        "inferred",
    )


def test_the_62_fz_route_ends_when_62_fz_lost_force_on_26_october_2023():
    assert status(citizenship("2023-10-25", military_service=ONE_YEAR), "contract_service_law") == "satisfied"
    assert (
        status(citizenship("2023-10-26", military_service=ONE_YEAR), "contract_service_law") == "not_in_force"
    )


def test_before_september_2022_three_years_of_service_were_needed():
    three = [{"formation": "armed_forces", "contract_from": "2018-01-01", "contract_until": "ongoing"}]
    assert citizenship("2020-12-31", military_service=three)["outcome"] == "not_eligible"
    assert citizenship("2021-01-01", military_service=three)["outcome"] == "eligible"


def test_family_members_qualify_from_the_may_2023_amendment():
    family = [
        {
            "relation": "spouse",
            "formation": "armed_forces",
            "contract_from": "2022-05-01",
            "contract_until": "ongoing",
            "contract_term_years": 1,
        }
    ]
    assert (
        citizenship("2023-05-14", military_service=[], family_in_service=family)["outcome"] == "not_eligible"
    )
    assert citizenship("2023-05-15", military_service=[], family_in_service=family)["outcome"] == "eligible"


def test_decree_10_covers_discharge_for_health_from_4_january_2024():
    # served before the special military operation, discharged for health during it: only Decree No. 10 (b)
    served = [
        {
            "formation": "armed_forces",
            "contract_from": "2020-01-01",
            "contract_until": "2022-06-01",
            "discharge_ground": "health",
        }
    ]
    assert citizenship("2024-01-03", military_service=served)["outcome"] == "not_eligible"
    a = citizenship("2024-01-04", military_service=served)
    assert a["outcome"] == "eligible" and status(a, "decree_10") == "satisfied"


def test_decree_10_does_not_cover_a_discharge_on_another_ground_before_the_operation_contracts():
    served = [
        {
            "formation": "armed_forces",
            "contract_from": "2020-01-01",
            "contract_until": "2022-06-01",
            "discharge_ground": "other",
        }
    ]
    assert status(citizenship("2024-06-01", military_service=served), "decree_10") == "not_satisfied"


def test_the_decree_10_minimum_term_question_is_raised_when_it_matters():
    short = [
        {
            "formation": "armed_forces",
            "contract_from": "2024-02-01",
            "contract_until": "2024-08-01",
            "contract_term_years": 0.5,
            "discharge_ground": "other",
        }
    ]
    a = citizenship("2024-09-01", military_service=short)
    assert a["outcome"] == "eligible"
    q = next(q for q in a["open_questions"] if q["id"] == "decree10.minimum_service")
    assert q["alternatives"] == [{"reading": "one_year", "outcome": "not_eligible"}]


MAN_2025 = dict(
    sex="male",
    legally_capable=True,
    birth_date="1970-01-01",
    citizenships=[{"country": "CU"}],
    military_service=[
        {
            "formation": "armed_forces",
            "contract_from": "2020-01-01",
            "contract_until": "2023-01-01",
            "discharge_ground": "age",
        }
    ],
)


def test_the_temporary_procedure_applies_from_5_november_2025():
    assert status(citizenship("2025-11-04", **MAN_2025), "temporary_procedure_2025") == "not_in_force"
    assert status(citizenship("2025-11-05", **MAN_2025), "temporary_procedure_2025") == "satisfied"


def test_the_temporary_procedure_stops_at_age_66_and_excludes_women_and_belarusians():
    assert status(citizenship("2036-01-01", **MAN_2025), "temporary_procedure_2025") == "not_satisfied"
    assert status(citizenship("2035-12-31", **MAN_2025), "temporary_procedure_2025") == "satisfied"
    assert (
        status(citizenship("2026-01-01", **{**MAN_2025, "sex": "female"}), "temporary_procedure_2025")
        == "not_satisfied"
    )
    by = {**MAN_2025, "citizenships": [{"country": "BY"}]}
    assert status(citizenship("2026-01-01", **by), "temporary_procedure_2025") == "not_satisfied"


def test_parents_come_under_the_temporary_procedure_only_under_the_other_reading():
    family = [
        {
            "relation": "parent",
            "formation": "armed_forces",
            "contract_from": "2020-01-01",
            "contract_until": "2023-01-01",
            "discharge_ground": "age",
        }
    ]
    kw = dict(citizenships=[{"country": "BY"}], military_service=[], family_in_service=family)
    kw["citizenships"] = [{"country": "CU"}]
    assert status(citizenship("2026-01-01", **kw), "temporary_procedure_2025") == "not_satisfied"
    rd = {"temporary_2025.parents": "included"}
    assert status(citizenship("2026-01-01", rd, **kw), "temporary_procedure_2025") == "satisfied"


def test_a_volunteer_formation_contract_counts_only_under_the_included_reading():
    vol = [{"formation": "volunteer_formation", "contract_from": "2024-02-01", "contract_until": "ongoing"}]
    a = citizenship("2024-06-01", military_service=vol)
    assert a["outcome"] == "not_eligible"
    assert [q["id"] for q in a["open_questions"]] == ["citizenship.volunteer_formations"]


def test_unknown_service_is_asked_about_not_guessed():
    a = citizenship("2024-06-01", military_service=None, family_in_service=[])
    assert a["outcome"] == "unknown"
    assert "person.military_service" in [d["fact"] for d in a["depends_on"]]
