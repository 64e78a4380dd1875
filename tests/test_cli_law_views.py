"""`extrashield law list|show|diff|history` as a user runs them: bills shown as bills, the same JSON as
the HTTP API, each source of an open question once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "extrashield", "law", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def _line(text: str, pid: str) -> str:
    return next(ln for ln in text.splitlines() if ln.startswith(pid + " "))


def test_law_list_on_a_date_shows_the_companion_bills_as_bills_not_in_force() -> None:
    text = run("list", "--date", "2026-04-01")
    deportation = _line(text, "ru.fz115.deportation_bar")
    assert (
        "a bill (number not retrieved), not in force: passed first reading in the State Duma on 2026-01-21"
        in deportation
    )
    assert "adoption not confirmed" in deportation
    koap = _line(text, "ru.koap.4.1.expulsion_bar")
    assert (
        "a bill (No. 1075363-8), not in force: passed third reading in the State Duma on 2026-03-11" in koap
    )
    for pid in (
        "ru.fz114.undesirability_bar",
        "ru.fz115.deportation_bar",
        "ru.fz115.readmission_bar",
        "ru.fz115.residence_permit_bar",
        "ru.koap.4.1.expulsion_bar",
    ):
        assert "in force since" not in _line(text, pid), pid
        assert "(inferred)" not in _line(text, pid), pid
    assert "in force since 2026-03-19 (inferred)" in _line(text, "ru.upk.464.1.7")


def test_law_list_json_gives_bill_not_adopted_with_the_bill() -> None:
    rows = {
        r["id"]: r for r in json.loads(run("list", "--date", "2026-04-01", "--format", "json"))["provisions"]
    }
    assert rows["ru.koap.4.1.expulsion_bar"]["status"] == "bill_not_adopted"
    assert rows["ru.koap.4.1.expulsion_bar"]["bill"]["stage"] == "third_reading"
    assert rows["ru.upk.464.1.7"]["status"] == "in_force" and rows["ru.upk.464.1.7"]["bill"] is None


def test_law_diff_does_not_list_the_koap_bill_as_added() -> None:
    text = run("diff", "2026-03-01", "2026-04-01")
    added = text.split("Added (in force on the second date, not on the first):")[1].split("Changed")[0]
    assert "ru.upk.464.1.7" in added and "ru.koap.4.1.expulsion_bar" not in added
    bills = text.split("Bills that reached a stage in between")[1].split("Every dated step")[0]
    assert "ru.koap.4.1.expulsion_bar" in bills and "not in force" in bills
    d = json.loads(run("diff", "2026-03-01", "2026-04-01", "--format", "json"))
    assert [c["provision"] for c in d["added"]] == ["ru.upk.464.1.7"]
    assert [b["provision"] for b in d["bills"]] == ["ru.koap.4.1.expulsion_bar"]


def test_law_show_of_a_bill_says_it_is_a_bill_on_the_date() -> None:
    text = run("show", "ru.fz115.deportation_bar", "--date", "2026-04-01")
    assert "On 2026-04-01: a bill (number not retrieved), not in force: passed first reading" in text
    assert "<- in force" not in text
    on = json.loads(run("show", "ru.koap.4.1.expulsion_bar", "--date", "2026-04-01", "--format", "json"))[
        "provisions"
    ][0]["on"]
    assert on["status"] == "bill_not_adopted" and on["bill"]["number"] == "1075363-8"


def test_law_show_point_7_lists_the_m24_source_once_in_the_entry_into_force_question() -> None:
    text = run("show", "ru.upk.464.1.7")
    block = text.split("  point7.entry_into_force:")[1].split("\n  point7.")[0]
    assert block.count("https://www.m24.ru/news/vlast/08032026/880764") == 1
    assert "inference" in block


def test_law_history_gives_each_companion_bill_its_status() -> None:
    text = run("history")
    assert "Status: a bill, not law: the latest stage found is the third reading on 2026-03-11" in text
    assert "Status: a bill, not law: the latest stage found is the first reading on 2026-01-21" in text
    companions = json.loads(run("history", "--format", "json"))["companions"]
    assert [c["status"] for c in companions] == ["bill_not_adopted", "bill_not_adopted"]
