"""`extrashield states` and `extrashield blacklist` give one answer about the reported recruitment blacklist
for the same state and date: both call `Blacklist.check`, and `states` honours `--date` for it as for treaties.
The web pages of the states say the same. NOTES §5.2: a state reported apart by a single outlet (Jordan) is
unknown, not named; before the first list circulated every state is `no`; the start of circulation ("early
January 2026", 2026-01-01 used) is an open question of the report, shown by both commands."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from extrashield.adapters.api.app import create_app
from extrashield.errors import LawDataError
from extrashield.services.recruitment import blacklist_check
from extrashield.services.state_profiles import all_profiles, profile_report, profiles_table, state_profile
from extrashield.sources.blacklist import BLACKLIST_FILE, parse_blacklist
from extrashield.sources.states import state_codes

# before November 2025 (before Jordan's protest), the last day before the list, the list of 36, the list of 43
DATES = ["2025-10-15", "2025-12-31", "2026-01-15", "2026-06-01"]
CLI = [sys.executable, "-m", "extrashield.adapters.cli.main"]


def _cli(*args: str) -> Any:
    run = subprocess.run([*CLI, *args, "--format", "json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _brief_of(a: dict[str, Any]) -> dict[str, Any]:
    """What the states brief must say, taken from one answer of `extrashield blacklist`."""
    return {
        "blacklist_on_date": a["on_reported_list"],
        "blacklist_why": a["why"],
        "blacklist_version": (a["version"] or {}).get("id"),
        "blacklist_open_questions": [q["id"] for q in a["open_questions"]],
    }


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    return {
        k: row[k]
        for k in ("blacklist_on_date", "blacklist_why", "blacklist_version", "blacklist_open_questions")
    }


@pytest.mark.parametrize("day", DATES)
def test_the_states_table_and_the_blacklist_command_agree_on_every_state(day: str) -> None:
    states = {r["code"]: _brief(r) for r in _cli("states", "--date", day)["states"]}
    answers = {
        a["country"]: _brief_of(a) for a in _cli("blacklist", *state_codes(), "--date", day)["answers"]
    }
    assert set(states) == set(state_codes())
    assert states == answers


@pytest.mark.parametrize("day", DATES)
def test_every_state_profile_gives_the_blacklist_answer_of_that_date(day: str) -> None:
    d = dt.date.fromisoformat(day)
    for code in state_codes():
        check = blacklist_check(code, d).to_dict()
        p = state_profile(code, d)
        assert _brief(p["brief"]) == _brief_of(check), code
        assert p["blacklist"]["on_date"] == check, code
    assert {r["code"]: _brief(r) for r in all_profiles(d)} == {
        c: _brief_of(blacklist_check(c, d).to_dict()) for c in state_codes()
    }


@pytest.mark.parametrize("day", DATES)
def test_the_states_web_pages_give_the_blacklist_answer_of_that_date(day: str) -> None:
    client = TestClient(create_app())
    rows = {r["code"]: _brief(r) for r in client.get(f"/states?date={day}&format=json").json()["states"]}
    assert rows == {c: _brief_of(blacklist_check(c, day).to_dict()) for c in state_codes()}
    for code in ("CU", "JO", "NP"):
        page = client.get(f"/states/{code}?date={day}&format=json").json()
        assert page["blacklist"]["on_date"] == blacklist_check(code, day).to_dict()


def test_jordan_reported_apart_by_a_single_outlet_is_unknown_not_named_in_both_commands() -> None:
    [answer] = _cli("blacklist", "JO", "--date", "2026-01-15")["answers"]
    row = next(r for r in _cli("states", "--date", "2026-01-15")["states"] if r["code"] == "JO")
    assert answer["on_reported_list"] == row["blacklist_on_date"] == "unknown"
    assert answer["separate_entry"]["certainty"] == "uncertain"
    [line] = [
        x for x in profiles_table(all_profiles(dt.date(2026, 1, 15))).splitlines() if x.startswith("JO ")
    ]
    assert "unknown" in line and "named" not in line


@pytest.mark.parametrize("code", ["CU", "KE", "JO"])
@pytest.mark.parametrize("day", ["2025-06-01", "2025-12-31"])
def test_before_the_list_circulated_no_state_is_on_it_in_either_command(code: str, day: str) -> None:
    row = next(r for r in all_profiles(dt.date.fromisoformat(day)) if r["code"] == code)
    assert row["blacklist_on_date"] == blacklist_check(code, day).answer == "no"


def test_states_honours_the_date_for_the_blacklist_as_for_treaties() -> None:
    words = {
        day: next(r for r in all_profiles(dt.date.fromisoformat(day)) if r["code"] == "CU") for day in DATES
    }
    assert [words[d]["blacklist_on_date"] for d in DATES] == ["no", "no", "yes", "yes"]
    assert [words[d]["blacklist_version"] for d in DATES] == [None, None, "list_36", "list_43"]
    table = profiles_table(all_profiles(dt.date(2025, 6, 1)))
    assert "no (named from 2026-01-01)" in table and "named, from" not in table


def test_the_start_of_the_list_shows_as_an_open_question_in_both_commands() -> None:
    """The list "circulated from early January 2026" (2026-01-01 is a convention; earliest trace TikTok posts)
    while Jordan protested in November 2025: the report's open question on the start is shown by both."""
    [answer] = _cli("blacklist", "CU", "--date", "2025-12-31")["answers"]
    assert [q["id"] for q in answer["open_questions"]] == ["circulation_start"]
    assert "the first day of January is used" in answer["why"]
    assert answer["start_date_used"] == {
        "version": "list_36",
        "reported_from": "2026-01-01",
        "reported_from_note": 'Circulating "from early January 2026"; the first day of January is used.',
    }
    p = state_profile("CU", dt.date(2025, 12, 31))
    assert p["brief"]["blacklist_open_questions"] == ["circulation_start"]
    assert "open question [circulation_start]" in profile_report(p)
    text = subprocess.run(
        [*CLI, "blacklist", "CU", "--date", "2025-12-31"], capture_output=True, text=True
    ).stdout
    assert "open question [circulation_start]" in text


def test_an_answer_that_does_not_rest_on_the_start_of_the_list_does_not_show_that_question() -> None:
    # Iraq on 31.01.2026: added only in the list of 43, so "no" whenever the list of 36 began
    assert blacklist_check("IQ", "2026-01-31").open_questions == ()
    assert blacklist_check("KE", "2026-06-01").open_questions == ()


def test_an_open_question_may_concern_only_a_version_part_or_a_separate_entry() -> None:
    data = yaml.safe_load(BLACKLIST_FILE.read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    bad["open_questions"][0]["concerns"] = ["list_99.reported_from"]
    with pytest.raises(LawDataError, match=r"open_questions\[0\]\.concerns"):
        parse_blacklist(bad)
    ok = copy.deepcopy(data)
    ok["open_questions"][0]["concerns"] = ["list_43.reported_from", "JO"]
    assert "issuer" in [q["id"] for q in parse_blacklist(ok).check("JO", dt.date(2026, 6, 1)).open_questions]
