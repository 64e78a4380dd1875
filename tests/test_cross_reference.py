"""services/cross_reference.py without the command line: the merged person of a pair, and judgements."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from extrashield.batch.formats import input_for, reader_of
from extrashield.batch.screening import Screener
from extrashield.services.cross_reference import (
    MERGED_COLUMNS,
    ListSource,
    cross_reference,
    merge,
    verdict_word,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "extrashield" / "examples"


def source(role: str, name: str) -> ListSource:
    path = EXAMPLES / name
    fmt = input_for(path)
    assert fmt is not None
    return ListSource(role, path, reader_of(fmt))


def values(**cells: str | None) -> pa.Table:
    return pa.table({c: pa.array([cells.get(c)], pa.string()) for c in MERGED_COLUMNS})


def merged_one(wanted: pa.Table, recruit: pa.Table) -> tuple[dict[str, str | None], list[str]]:
    table, notes = merge(wanted, recruit, np.array([0]), np.array([0]))
    return table.to_pylist()[0], notes[0]


def test_the_merged_person_has_the_request_of_the_wanted_row_and_the_contract_of_the_recruit() -> None:
    wanted = values(
        name="Ramesh Thapa",
        requesting_state="NP",
        purpose="prosecution",
        offence="desertion",
        formation="armed_forces",  # a wanted row's contract is not the recruit's
        decision_date="2026-04-01",
    )
    recruit = values(
        name="Рамеш Тапа",
        latin_name="RAMESH TAPA",
        formation="volunteer_formation",
        contract_from="2024-05-01",
        contract_until="ongoing",
        combat="true",
        requesting_state="IN",  # nor is a recruit's request the wanted row's
        decision_date="2025-01-01",
    )
    row, notes = merged_one(wanted, recruit)
    assert (row["requesting_state"], row["purpose"], row["offence"]) == ("NP", "prosecution", "desertion")
    assert (row["formation"], row["contract_from"], row["contract_until"], row["combat"]) == (
        "volunteer_formation",
        "2024-05-01",
        "ongoing",
        "true",
    )
    assert (
        row["name"] == "Ramesh Thapa"
        and row["aliases"] == "Рамеш Тапа"
        and row["latin_name"] == "RAMESH TAPA"
    )
    assert row["decision_date"] == "2026-04-01" and notes == []


@pytest.mark.parametrize(
    "wanted, recruit, held, noted",
    [
        ("NP", "NP", "NP", False),
        ("NP", "IN", "NP;IN", False),
        ("NP", None, "NP", False),
        (None, None, None, False),
        ("none", "none", "none", False),
        ("none", "NP", "NP", True),
    ],
)
def test_the_merged_person_holds_the_citizenships_either_row_names(
    wanted: str | None, recruit: str | None, held: str | None, noted: bool
) -> None:
    row, notes = merged_one(values(nationality=wanted), values(nationality=recruit))
    assert row["nationality"] == held and bool(notes) == noted


@pytest.mark.parametrize(
    "wanted, recruit, taken, noted",
    [
        ("1995", "1995-02-11", "1995-02-11", False),
        ("1995-02-11", "1995", "1995-02-11", False),
        ("1995-02", None, "1995-02", False),
        ("1995-02-11", "1995-11-02", "1995-11-02", True),
    ],
)
def test_the_merged_person_has_the_more_precise_birth_date_and_a_note_when_they_differ(
    wanted: str, recruit: str | None, taken: str, noted: bool
) -> None:
    row, notes = merged_one(values(birth_date=wanted), values(birth_date=recruit))
    assert row["birth_date"] == taken and bool(notes) == noted


def test_the_verdict_word_follows_the_documented_thresholds() -> None:
    assert [verdict_word(s) for s in (0.95, 0.85, 0.8, 0.75, 0.6)] == [
        "likely match",
        "likely match",
        "possible match",
        "possible match",
        "unlikely match",
    ]


def test_a_pair_judged_no_match_is_not_proposed_again_and_the_others_carry_their_judgement() -> None:
    screener = Screener(decision_date="2026-04-01")
    judged = {("W01", "R02"): "no_match", ("W02", "R03"): "match", ("W03", "R04"): "unsure"}
    got = cross_reference(
        source("wanted", "wanted.csv"), source("recruits", "recruits.csv"), screener, judged=judged
    )
    rows = [r for b in got.batches for r in b.to_pylist()]
    pairs = {(r["wanted_id"], r["recruit_id"]): r["judgement"] for r in rows}
    assert ("W01", "R02") not in pairs
    assert pairs[("W02", "R03")] == "match" and pairs[("W03", "R04")] == "unsure"
    assert pairs[("W04", "R05")] is None
    plain = cross_reference(source("wanted", "wanted.csv"), source("recruits", "recruits.csv"), screener)
    assert "judgement" not in plain.schema.names and plain.pairs == got.pairs + 1
