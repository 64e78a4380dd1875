"""`extrashield states`: the requesting-state profiles."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from extrashield.services.state_profiles import all_profiles, profile_report, state_profile


def test_kazakhstan_rests_on_chisinau_whose_article_66_obliges_extradition() -> None:
    p = state_profile("KZ", dt.date(2026, 4, 1))
    assert p["brief"]["legal_basis"] == "treaty"
    [t] = p["brief"]["treaties"]
    assert t == {"id": "chisinau-2002", "binds_on_date": True, "obliges_extradition_article": "66", "point7_listed": None}
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
    run = subprocess.run([*cmd, "uz", "--date", "2026-04-01", "--format", "json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["brief"]["treaties"][0]["id"] == "minsk-1993"
    run = subprocess.run([*cmd, "XX"], capture_output=True, text=True)
    assert run.returncode == 2 and "XX" in run.stderr
