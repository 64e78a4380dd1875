"""`extrashield db lists ...`: a person list stored from the command line, its judgements, and the
confirmed matches written as a person list that `screen` reads."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.person_lists import judge


def test_a_list_stored_judged_and_its_confirmed_matches_screened(
    cli: Any, sqlite_url: str, tmp_path: Path
) -> None:
    recruits = tmp_path / "recruits.csv"
    recruits.write_text("id,name,nationality,contract_from\nr1,Рам Тапа,Непал,2024-03-01\n", encoding="utf-8")
    db = ["--database", sqlite_url]
    added = cli("db", "lists", "add", "recruits", str(recruits), "--actor", "ana", *db)
    assert added.returncode == 0, added.stderr
    assert "stored 1 rows as recruits (version 1)" in added.stderr
    judge(
        open_registry(sqlite_url),
        "recruits",
        {
            "wanted_id": "W1",
            "recruit_id": "r1",
            "judgement": "match",
            "wanted": {"id": "W1", "name": "Ram Thapa", "requesting_state": "NP"},
        },
        "ana",
    )
    listed = cli("db", "lists", "judgements", "recruits", "--format", "json", *db)
    assert listed.returncode == 0 and '"judgement": "match"' in listed.stdout
    out = tmp_path / "confirmed.csv"
    written = cli("db", "lists", "confirmed", "recruits", str(out), *db)
    assert written.returncode == 0, written.stderr
    with out.open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["id"], row["name"], row["aliases"], row["requesting_state"]) == (
        "W1 = r1",
        "Ram Thapa",
        "Рам Тапа",
        "NP",
    )
    screened = cli("screen", str(out), str(tmp_path / "out.jsonl"), "--decision-date", "2026-04-01")
    assert screened.returncode == 0, screened.stderr
    entries = open_registry(sqlite_url).access_log(limit=None)
    assert [e["route"] for e in entries] == ["CLI db lists confirmed (csv)"]


def test_a_list_that_cannot_be_stored_exits_2_naming_the_column(
    cli: Any, sqlite_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,birth_date\n1,1990\n", encoding="utf-8")
    r = cli("db", "lists", "add", "bad", str(bad), "--database", sqlite_url)
    assert r.returncode == 2 and "name: the list has no name column" in r.stderr
    r = cli("db", "lists", "delete", "nothing", "--database", sqlite_url)
    assert r.returncode == 1 and "no person list named 'nothing'" in r.stderr


def test_match_applies_the_registrys_judgements_a_no_match_is_not_proposed_again(
    cli: Any, sqlite_url: str, tmp_path: Path
) -> None:
    examples = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
    db = ["--database", sqlite_url]
    added = cli("db", "lists", "add", "recruits", str(examples / "recruits.csv"), *db)
    assert added.returncode == 0, added.stderr
    reg = open_registry(sqlite_url)
    judge(reg, "recruits", {"wanted_id": "W01", "recruit_id": "R02", "judgement": "match"}, "ana")
    judge(reg, "recruits", {"wanted_id": "W02", "recruit_id": "R03", "judgement": "no_match"}, "ana")
    args = [str(examples / "wanted.csv"), str(examples / "recruits.csv")]

    def pairs(out: Path, *extra: str) -> dict[tuple[str, str], dict[str, str]]:
        r = cli("match", *args, str(out), "--decision-date", "2026-04-01", *extra)
        assert r.returncode == 0, r.stderr
        with out.open(encoding="utf-8") as fh:
            return {(row["wanted_id"], row["recruit_id"]): row for row in csv.DictReader(fh)}

    plain = pairs(tmp_path / "plain.csv")
    judged = pairs(tmp_path / "judged.csv", "--judgements", "recruits", *db)
    assert ("W02", "R03") in plain and ("W02", "R03") not in judged
    assert judged[("W01", "R02")]["judgement"] == "match"
    assert set(judged) == set(plain) - {("W02", "R03")}

    missing = cli("match", *args, str(tmp_path / "x.csv"), "--judgements", "nope", *db)
    assert missing.returncode == 2 and "--judgements 'nope'" in missing.stderr
