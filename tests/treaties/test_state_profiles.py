"""`extrashield states`: the requesting-state profiles."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from extrashield.i18n import data_text, using
from extrashield.services.state_profiles import all_profiles, missing_profile, profile_report, state_profile
from extrashield.sources.states import state_codes
from extrashield.sources.treaties import load_treaty


def test_kazakhstan_rests_on_chisinau_whose_article_66_obliges_extradition() -> None:
    p = state_profile("KZ", dt.date(2026, 4, 1))
    assert p["brief"]["legal_basis"] == "treaty"
    [t] = p["brief"]["treaties"]
    assert t == {
        "id": "chisinau-2002",
        "binds_on_date": True,
        "obliges_extradition_article": "66",
        "point7_listed": None,
    }
    assert any(o["article"] and "172" in o["article"] for o in p["own_law"])


def test_nepal_rests_on_reciprocity_so_point7_collides_with_no_treaty_duty() -> None:
    p = state_profile("NP", dt.date(2026, 4, 1))
    assert p["brief"]["legal_basis"].startswith("reciprocity")
    assert p["brief"]["other_treaties_may_exist"] is True
    assert "collides with nothing" in p["brief"]["point7_collision"]
    assert p["demands_to_moscow"] and p["demands_to_moscow"][0]["date"] == "2023-12-05"


def test_the_russian_grounds_in_force_include_point7_only_from_its_entry_into_force() -> None:
    before = {g["provision"] for g in state_profile("IN", dt.date(2026, 3, 18))["russian_grounds_in_force"]}
    after = {g["provision"] for g in state_profile("IN", dt.date(2026, 3, 19))["russian_grounds_in_force"]}
    assert "ru.upk.464.1.7" not in before and "ru.upk.464.1.7" in after


def test_the_blacklist_is_reported_as_a_media_report_with_its_date() -> None:
    p = state_profile("CU", dt.date(2026, 4, 1))
    assert p["brief"]["blacklist_on_date"] == "yes" and p["brief"]["blacklist_version"] == "list_43"
    assert p["brief"]["blacklist_first_named"] == {"version": "list_36", "reported_from": "2026-01-01"}
    assert p["blacklist"]["on_date"]["legal_effect"] == "none"
    assert "media report" in profile_report(p)


def test_every_state_has_a_brief_line() -> None:
    rows = all_profiles(dt.date(2026, 4, 1))
    assert {"KZ", "NP", "IN"} <= {r["code"] for r in rows}


def test_the_states_command_prints_json_and_refuses_an_unknown_code() -> None:
    cmd = [sys.executable, "-m", "extrashield.adapters.cli.main", "states"]
    run = subprocess.run(
        [*cmd, "uz", "--date", "2026-04-01", "--format", "json"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["brief"]["treaties"][0]["id"] == "minsk-1993"
    run = subprocess.run([*cmd, "XX"], capture_output=True, text=True)
    assert run.returncode == 2 and "XX" in run.stderr


def test_a_state_without_a_profile_is_answered_from_the_treaty_data_and_told_the_profile_is_missing() -> None:
    # Georgia has no state file; the Chisinau file lists it as a signatory whose ratification is unknown
    assert "GE" not in state_codes()
    p = missing_profile("GE", dt.date(2026, 4, 1))
    assert p["profile_missing"] is True and p["name"] is None
    [t] = p["treaties"]
    assert t["id"] == "chisinau-2002" and t["binds_on_date"] is None
    assert p["brief"]["legal_basis"] == "treaty (binding not established) or reciprocity"
    assert p["own_law"] == p["prosecutions"] == p["demands_to_moscow"] == []
    assert "not researched" in p["notes"][0] and p["open_questions"][0]["id"] == "ge.profile_missing"
    report = profile_report(p)
    assert "NO PROFILE" in report and "not researched (unknown)" in report and "none found" not in report


def test_a_state_no_treaty_file_lists_is_not_said_to_rest_on_reciprocity_as_if_that_were_known() -> None:
    p = missing_profile("MX", dt.date(2026, 4, 1))
    assert p["treaties"] == [] and p["brief"]["legal_basis"].startswith("not researched")
    assert p["brief"]["point7_collision"].startswith("Not known")
    assert (
        p["brief"]["blacklist_on_date"] == "unknown"
    )  # not named, but the reported list has unnamed countries


def test_the_states_command_answers_a_state_without_a_profile_and_refuses_a_code_that_is_no_country() -> None:
    cmd = [sys.executable, "-m", "extrashield.adapters.cli.main", "states"]
    run = subprocess.run(
        [*cmd, "ge", "--date", "2026-04-01", "--format", "json"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["profile_missing"] is True
    run = subprocess.run([*cmd, "QQ"], capture_output=True, text=True)
    assert run.returncode == 2 and "not an ISO 3166-1 alpha-2" in run.stderr


def test_the_states_most_recruits_come_from_have_a_profile() -> None:
    assert {"GH", "CM", "EG", "IQ", "SY", "YE", "SO", "BD", "CN", "KP", "RS", "BR", "CO", "TM", "TJ"} <= set(
        state_codes()
    )


def test_serbia_rests_on_the_european_convention_which_lists_no_point7_ground() -> None:
    p = state_profile("RS", dt.date(2026, 4, 1))
    [t] = p["brief"]["treaties"]
    assert t == {
        "id": "ece-1957",
        "binds_on_date": True,
        "obliges_extradition_article": "1",
        "point7_listed": False,
    }
    assert "collides with the treaty duty" in p["brief"]["point7_collision"]
    assert any(o["article"] and "386a" in o["article"] for o in p["own_law"])


def test_china_rests_on_the_1995_treaty_from_its_entry_into_force_and_its_point7_text_is_unread() -> None:
    assert state_profile("CN", dt.date(1996, 12, 31))["brief"]["treaties"] == []
    [t] = state_profile("CN", dt.date(2026, 4, 1))["brief"]["treaties"]
    assert t == {
        "id": "ru-cn-extradition-1995",
        "binds_on_date": True,
        "obliges_extradition_article": "1",
        "point7_listed": None,
    }


def test_an_unknown_in_a_new_profile_stays_unknown_with_its_question() -> None:
    gh = state_profile("GH", dt.date(2026, 4, 1))
    assert gh["own_law"] == [] and any(q["id"] == "gh.own_law" for q in gh["open_questions"])
    assert gh["blacklist"]["state_file"] is None and gh["brief"]["blacklist_on_date"] == "unknown"


def _russian(text: str) -> str:
    with using("ru"):
        return data_text(text)


def test_the_states_command_in_russian_says_the_research_in_russian_and_its_json_stays_english() -> None:
    cmd = [sys.executable, "-m", "extrashield.adapters.cli.main", "states", "IN", "--date", "2026-04-01"]
    ru = subprocess.run([*cmd, "--lang", "ru"], capture_output=True, text=True)
    assert ru.returncode == 0, ru.stderr

    def bare(text: str) -> str:  # the report wraps its lines, at spaces and hyphens
        return "".join(text.split())

    out = bare(ru.stdout)
    p = state_profile("IN", dt.date(2026, 4, 1))
    x, o, d = p["prosecutions"][0], p["own_law"][0], p["demands_to_moscow"][0]
    for text in (x["summary"], x["outcome"], o["offence"], o["article"], o["penalty"], d["summary"]):
        assert _russian(text) != text and bare(_russian(text)) in out and bare(text) not in out
    assert bare(load_treaty("ru-in-extradition-1998").title["ru"]) in out  # the file's own Russian title
    assert bare("ч. 3 ст. 1 УПК РФ") in out and bare("Treaties prevail") not in out  # the point-7 line
    assert bare("(торговец людьми;") in out  # who was prosecuted, in words
    js = subprocess.run([*cmd, "--lang", "ru", "--format", "json"], capture_output=True, text=True)
    assert json.loads(js.stdout)["prosecutions"][0]["summary"] == x["summary"]


def test_a_state_without_a_profile_is_told_so_in_russian() -> None:
    p = missing_profile("GE", dt.date(2026, 4, 1))
    with using("ru"):
        report = profile_report(p)
    assert "Профиля GE нет" in report and "По перечню участников в файле договора" in report
    assert "No profile for" not in report and "treaty file's list" not in report
    assert p["notes"][0].startswith("No profile for GE")  # the JSON keeps the English


def test_the_blacklist_and_figures_reports_give_their_notes_in_russian() -> None:
    from extrashield.present.recruitment_report import blacklist_report
    from extrashield.sources.blacklist import default_blacklist

    b = default_blacklist()
    with using("ru"):
        report = blacklist_report(b, [], "2026-04-01")
    assert _russian(b.summary) in report and b.summary not in report
    for q in b.open_questions:
        assert _russian(q["question"]) in report and q["question"] not in report
    assert _russian(b.versions[0].note or "") != b.versions[0].note
