"""`extrashield impact --changes FILE`: the rows whose outcome changes, in every format the registry writes,
with the person list's names and own columns, both outcomes, the grounds that moved and the questions of
an undetermined side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extrashield.batch.formats import OUTPUTS, writer_of
from extrashield.batch.screening import Screener, screen_records

from .test_screen_sheets import read_results, run, write_csv

# Point 7 enters into force on 2026-03-19: a serving recruit goes from undetermined (the list says little
# of the request, so other grounds are open) to barred, a Russian citizen is barred on both days, a row
# that is invalid (stateless and Nepali) stays invalid, and a veteran of a volunteer formation without
# combat is not protected on either day.
BEFORE, AFTER = "2026-03-18", "2026-03-19"
PEOPLE = [
    {
        "id": "r1",
        "name": "Ram Bahadur Thapa",
        "nationality": "Nepal",
        "stateless": "no",
        "formation": "armed_forces",
        "contract_from": "01.05.2024",
        "contract_until": "ongoing",
        "combat": "yes",
        "requesting_state": "NP",
        "unit": "A",
    },
    {
        "id": "r2",
        "name": "Иван Петров",
        "nationality": "Россия",
        "stateless": "",
        "formation": "",
        "contract_from": "",
        "contract_until": "",
        "combat": "",
        "requesting_state": "US",
        "unit": "B",
    },
    {
        "id": "r3",
        "name": "Kamal Example",
        "nationality": "Sri Lanka",
        "stateless": "",
        "formation": "armed_forces",
        "contract_from": "2025-02-01",
        "contract_until": "ongoing",
        "combat": "",
        "requesting_state": "LK",
        "unit": "C",
    },
    {
        "id": "r4",
        "name": "Both Stateless And Nepali",
        "nationality": "Nepal",
        "stateless": "yes",
        "formation": "armed_forces",
        "contract_from": "2025-03-01",
        "contract_until": "ongoing",
        "combat": "no",
        "requesting_state": "NP",
        "unit": "D",
    },
    {
        "id": "r5",
        "name": "Ali Example",
        "nationality": "India",
        "stateless": "нет",
        "formation": "volunteer_formation",
        "contract_from": "2024-01-10",
        "contract_until": "2024-07-10",
        "combat": "no",
        "requesting_state": "IN",
        "unit": "E",
    },
]
LISTS = ("grounds_moved", "questions_before", "questions_after")
SUFFIXES = [writer_of(f).suffixes[0] for f in OUTPUTS]


def _lists(row: dict[str, Any], suffix: str) -> dict[str, Any]:
    """A row read back with its lists as lists (JSON text in CSV, joined by `; ` in XLSX) and empty cells
    as None."""
    out = {k: (None if v == "" else v) for k, v in row.items()}
    for k in LISTS:
        v = out[k]
        if suffix == ".csv":
            out[k] = json.loads(v)
        elif suffix == ".xlsx":
            out[k] = v.split("; ") if v else []
    return out


def _expected() -> list[dict[str, Any]]:
    """The changed rows, as `screen_records` answers the list on each date."""
    before = screen_records(PEOPLE, screener=Screener(decision_date=BEFORE))
    after = screen_records(PEOPLE, screener=Screener(decision_date=AFTER))
    provisions = [p.id for p in Screener().engine.provisions]
    rows = []
    for b, a in zip(before, after):
        if b["outcome"] == a["outcome"]:
            continue
        moved = [f"{p}: {b[p]} -> {a[p]}" for p in provisions if b[p] and a[p] and b[p] != a[p]]
        rows.append(
            {
                "id": b["id"],
                "outcome_before": b["outcome"],
                "outcome_after": a["outcome"],
                "grounds_moved": moved,
                "questions_before": b["questions"],
                "questions_after": a["questions"],
                "error_before": b["error"],
                "error_after": a["error"],
                **{k: v or None for k, v in b.items() if k in PEOPLE[0] and k != "id"},  # "": empty cell
            }
        )
    return rows


EXPECTED = _expected()


def test_the_example_list_has_rows_that_change_and_rows_that_do_not() -> None:
    assert 0 < len(EXPECTED) < len(PEOPLE)
    assert any(r["questions_before"] for r in EXPECTED)  # an undetermined side brings its questions


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_changes_file_holds_exactly_the_rows_that_change_in_every_format(
    tmp_path: Path, suffix: str
) -> None:
    src = write_csv(tmp_path / "recruits.csv", PEOPLE)
    out = tmp_path / f"changes{suffix}"
    p = run("impact", str(src), "--from-date", BEFORE, "--to-date", AFTER, "--changes", str(out))
    assert p.returncode == 0, p.stderr
    assert f"{len(EXPECTED)} rows change outcome -> {out}" in p.stderr
    got = [_lists(r, suffix) for r in read_results(out)]
    assert got == EXPECTED


def test_changes_between_two_readings_of_nested_cases(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "extrashield" / "examples" / "cases.jsonl"
    cases = [json.loads(line) for line in examples.read_text(encoding="utf-8").splitlines()]
    readings = {"point7.limbs": "combat_required"}
    before, after = screen_records(cases), screen_records(cases, readings=readings)
    changed = [b["id"] for b, a in zip(before, after) if b["outcome"] != a["outcome"]]
    out = tmp_path / "changes.jsonl"
    p = run("impact", str(examples), "--vs-reading", "point7.limbs=combat_required", "--changes", str(out))
    assert p.returncode == 0, p.stderr
    rows = read_results(out)
    assert [r["id"] for r in rows] == changed and changed
    assert all(r["grounds_moved"] for r in rows)


def test_a_changes_file_of_unknown_format_or_over_the_input_is_refused(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "recruits.csv", PEOPLE)
    p = run(
        "impact", str(src), "--from-date", BEFORE, "--to-date", AFTER, "--changes", str(tmp_path / "c.ods")
    )
    assert p.returncode == 2 and "--changes" in p.stderr and ".xlsx" in p.stderr
    p = run("impact", str(src), "--from-date", BEFORE, "--to-date", AFTER, "--changes", str(src))
    assert p.returncode == 2 and "is the input file" in p.stderr


def test_both_outcomes_are_coloured_in_an_xlsx_changes_file(tmp_path: Path) -> None:
    import openpyxl

    src = write_csv(tmp_path / "recruits.csv", PEOPLE)
    out = tmp_path / "changes.xlsx"
    p = run("impact", str(src), "--from-date", BEFORE, "--to-date", AFTER, "--changes", str(out))
    assert p.returncode == 0, p.stderr
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    for name in ("outcome_before", "outcome_after"):
        cells = [row[header.index(name)] for row in sheet.iter_rows(min_row=2)]
        assert cells and all(c.fill.fill_type == "solid" for c in cells)
    assert {
        c.fill.start_color.rgb
        for c in (row[header.index("outcome_before")] for row in sheet.iter_rows(min_row=2))
    } != {
        c.fill.start_color.rgb
        for c in (row[header.index("outcome_after")] for row in sheet.iter_rows(min_row=2))
    }


def test_impact_maps_a_journalists_own_headers_as_screen_does(tmp_path: Path) -> None:
    """The same list under the journalist's own headers, mapped with --map and --map-file, gives the same
    changes as under the §3b headers; the mapping is said once on stderr."""
    theirs = {"contract_from": "contract start", "nationality": "гражданство"}
    src = write_csv(
        tmp_path / "recruits.csv", [{theirs.get(k, k): v for k, v in row.items()} for row in PEOPLE]
    )
    mapping = tmp_path / "headers.yaml"
    mapping.write_text("гражданство: nationality\n", encoding="utf-8")
    out = tmp_path / "changes.jsonl"
    p = run(
        "impact",
        str(src),
        "--from-date",
        BEFORE,
        "--to-date",
        AFTER,
        "--map",
        "contract start=contract_from",
        "--map-file",
        str(mapping),
        "--changes",
        str(out),
    )
    assert p.returncode == 0, p.stderr
    assert p.stderr.count("headers read as person-list columns") == 1
    got = [_lists(r, ".jsonl") for r in read_results(out)]
    renamed = [{theirs.get(k, k): v for k, v in row.items()} for row in EXPECTED]
    assert got == renamed
