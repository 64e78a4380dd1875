"""`extrashield match WANTED RECRUITS OUTPUT` (docs/contract.md §6, docs/matching.md): the wanted persons found
among the recruits across scripts, best first, explained, each pair answered as one person; every bad input a
message naming the file, the row and the column, never a traceback.

The command runs in this process (Typer's runner), so rigour's name tables load once for the module; one test
runs the installed entry point as a user would."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extrashield.matching import DEFAULT_THRESHOLD, LIKELY_MATCH
from extrashield.rules import GROUNDS

# Typer 0.16 calls a helper Click 8.5 deprecates (a warning, which this project's tests make an error).
CLICK_DEPRECATION = r"ignore:.*is deprecated and will be removed in Click:DeprecationWarning"
with warnings.catch_warnings():
    warnings.filterwarnings(
        CLICK_DEPRECATION.split(":", 1)[0], CLICK_DEPRECATION.split(":")[1], DeprecationWarning
    )
    from typer.testing import CliRunner

    from extrashield.adapters.cli.main import app

pytestmark = pytest.mark.filterwarnings(CLICK_DEPRECATION)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"
WANTED = EXAMPLES / "wanted.csv"
RECRUITS = EXAMPLES / "recruits.csv"
DAY = "2026-04-01"
POINT_7 = "ru.upk.464.1.7"
# The persons the example lists were written to hold: each wanted person and the recruit who is them.
SAME_PERSONS = {
    ("W01", "R02"),
    ("W02", "R03"),
    ("W03", "R04"),
    ("W04", "R05"),
    ("W06", "R07"),
    ("W07", "R08"),
}
RUNNER = CliRunner()


def match(*args: str | Path) -> Any:
    return RUNNER.invoke(app, ["match", *map(str, args)], catch_exceptions=False)


def read_rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".json":
        return list(json.loads(path.read_text(encoding="utf-8")))
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    book = openpyxl.load_workbook(path, read_only=True)
    values = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    return [dict(zip(values[0], r)) for r in values[1:]]


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_as(path: Path, rows: list[dict[str, str]]) -> Path:
    """The rows in the format of `path`'s extension."""
    if path.suffix == ".csv":
        return write_csv(path, rows)
    if path.suffix == ".jsonl":
        path.write_text(
            "".join(json.dumps({k: v for k, v in r.items() if v}, ensure_ascii=False) + "\n" for r in rows),
            encoding="utf-8",
        )
        return path
    if path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
        return path
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(rows[0]))
    for r in rows:
        sheet.append([v or None for v in r.values()])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def example_pairs(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("match") / "pairs.jsonl"
    result = match(WANTED, RECRUITS, out, "--decision-date", DAY)
    assert result.exit_code == 0, result.output
    return read_rows(out)


# --- the pairs, their order and their columns --------------------------------------------------------------


def test_the_bundled_wanted_persons_are_found_among_the_recruits_across_scripts(
    example_pairs: list[dict[str, Any]],
) -> None:
    assert {(r["wanted_id"], r["recruit_id"]) for r in example_pairs} == SAME_PERSONS


def test_a_namesake_of_the_same_surname_and_country_is_not_paired(
    example_pairs: list[dict[str, Any]],
) -> None:
    # W05 Sita Thapa (Nepal, 1997) and R06 Рам Тапа (Nepal, 1996): one family name, two persons
    assert not [r for r in example_pairs if r["wanted_id"] == "W05" or r["recruit_id"] == "R06"]


def test_pairs_are_ordered_by_wanted_id_then_by_score_from_highest(tmp_path: Path) -> None:
    namesakes = [
        {"id": "R90", "name": "Тапа Рамеш", "birth_date": "1995", "nationality": "Непал"},
        {"id": "R91", "name": "Хосе Эрнандес", "birth_date": "1990-04", "nationality": "Куба"},
        {"id": "R92", "name": "Рамеш Бахадур Тхапа", "nationality": "Непал"},
    ]
    rows = csv_rows(RECRUITS)
    recruits = write_csv(
        tmp_path / "recruits.csv", [*({k: n.get(k, "") for k in rows[0]} for n in namesakes), *rows]
    )
    out = tmp_path / "pairs.csv"
    assert match(WANTED, recruits, out, "--decision-date", DAY, "--threshold", "0.5").exit_code == 0
    rows = read_rows(out)
    keys = [(r["wanted_id"], -float(r["score"])) for r in rows]
    assert keys == sorted(keys)
    best = next(r["recruit_id"] for r in rows if r["wanted_id"] == "W01")
    assert best == "R02"  # the same birth date first
    assert len({r["recruit_id"] for r in rows if r["wanted_id"] in ("W01", "W02")}) >= 4


def test_each_pair_has_its_ids_names_score_verdict_explanation_and_answer(
    example_pairs: list[dict[str, Any]],
) -> None:
    provisions = [g.provision for g in GROUNDS]
    first = example_pairs[0]
    fixed = ["wanted_id", "recruit_id", "score", "verdict", "wanted_name", "recruit_name", "explanation"]
    assert list(first)[: len(fixed)] == fixed
    assert {"outcome", "applies", "depends_on", "questions", "notes", *provisions} <= set(first)
    assert "recruit_region" in first and "wanted_offence" in first  # both rows' own columns, side by side
    for row in example_pairs:
        assert 0 <= row["score"] <= 1 and row["score"] >= DEFAULT_THRESHOLD
        assert row["verdict"] == ("likely match" if row["score"] >= LIKELY_MATCH else "possible match")
        assert row["wanted_name"] in row["explanation"] or "Names" in row["explanation"]
        assert "Birth dates:" in row["explanation"] and "Citizenship:" in row["explanation"]
        assert len(row["questions"]) == len(row["depends_on"])


def test_a_serving_nepali_recruit_wanted_by_nepal_is_barred_by_point_7(
    example_pairs: list[dict[str, Any]],
) -> None:
    (row,) = [r for r in example_pairs if (r["wanted_id"], r["recruit_id"]) == ("W01", "R02")]
    assert row["recruit_name"] == "Тапа Рамеш Бахадур" and row["wanted_name"] == "Ramesh Bahadur Thapa"
    assert row["outcome"] == "barred" and POINT_7 in row["applies"] and row[POINT_7] == "applies"


def test_the_answer_is_the_one_for_both_rows_taken_as_one_person(example_pairs: list[dict[str, Any]]) -> None:
    from extrashield.batch.screening import screen_records

    wanted = {r["id"]: r for r in csv_rows(WANTED)}
    recruits = {r["id"]: r for r in csv_rows(RECRUITS)}
    for row in example_pairs:
        w, r = wanted[row["wanted_id"]], recruits[row["recruit_id"]]
        person = {
            "name": w["name"],
            "birth_date": r["birth_date"],
            "nationality": f"{w['nationality']};{r['nationality']}",
            **{k: r[k] for k in ("formation", "contract_from", "contract_until", "combat")},
            **{k: w[k] for k in ("requesting_state", "purpose", "offence")},
        }
        (expected,) = screen_records([person], decision_date=DAY)
        assert (row["outcome"], row["applies"], row["depends_on"]) == (
            expected["outcome"],
            expected["applies"],
            expected["depends_on"],
        ), row["wanted_id"]


def test_a_volunteers_pair_says_its_answer_turns_on_the_reading_of_volunteer_formations(
    tmp_path: Path,
) -> None:
    # DESIGN §4 and §5: an answer names the reading it turns on; `assess` says it in `open_questions`, and
    # the pair's row says it the same way, by the same single-case path
    from extrashield import assess

    wanted = write_csv(
        tmp_path / "wanted.csv",
        [
            {"id": "W1", "name": "Ramesh Thapa", "birth_date": "1995-02-11", "nationality": "NP"},
            {"id": "W2", "name": "Suman Gurung", "birth_date": "1990-05-01", "nationality": "NP"},
        ],
    )
    recruits = write_csv(
        tmp_path / "recruits.csv",
        [
            {
                "id": "R1",
                "name": "Тапа Рамеш",
                "birth_date": "11.02.1995",
                "nationality": "Непал",
                "formation": "volunteer_formation",
                "contract_from": "2024-03-01",
                "combat": "да",
            },
            {
                "id": "R2",
                "name": "Гурунг Суман",
                "birth_date": "01.05.1990",
                "nationality": "Непал",
                "formation": "armed_forces",
                "contract_from": "2024-03-01",
                "combat": "да",
            },
        ],
    )
    out = tmp_path / "pairs.jsonl"
    assert match(wanted, recruits, out, "--decision-date", DAY).exit_code == 0
    rows = {r["wanted_id"]: r for r in read_rows(out)}
    assert rows["W1"]["outcome"] == "undetermined"
    assert rows["W1"]["open_questions"] == ["point7.volunteer_formations"]
    assert rows["W2"]["outcome"] == "barred" and rows["W2"]["open_questions"] == []
    merged = {
        "person": {
            "names": ["Ramesh Thapa"],
            "citizenships": [{"country": "NP"}],
            "military_service": [
                {"formation": "volunteer_formation", "contract_from": "2024-03-01", "combat": True}
            ],
        }
    }
    said = assess(merged, decision_date=DAY).to_dict()["open_questions"]
    assert [q["id"] for q in said] == rows["W1"]["open_questions"]
    again = tmp_path / "included.jsonl"
    assert (
        match(
            wanted,
            recruits,
            again,
            "--decision-date",
            DAY,
            "--reading",
            "point7.volunteer_formations=included",
        ).exit_code
        == 0
    )
    included = {r["wanted_id"]: r for r in read_rows(again)}
    assert included["W1"]["outcome"] == "barred"
    assert included["W1"]["open_questions"] == ["point7.volunteer_formations"]  # excluded would not bar


def test_notes_say_what_reading_each_row_did_and_which_list_it_came_from(
    example_pairs: list[dict[str, Any]],
) -> None:
    (row,) = [r for r in example_pairs if r["wanted_id"] == "W01"]
    assert "wanted nationality: 'Nepal' read as NP" in row["notes"]
    assert "recruit formation: 'ВС РФ' read as armed_forces" in row["notes"]


def test_the_decision_date_comes_from_the_rows_when_not_given(tmp_path: Path) -> None:
    rows = [dict(r, decision_date="2025-01-01") for r in csv_rows(WANTED)]
    wanted = write_csv(tmp_path / "wanted.csv", rows)
    out = tmp_path / "pairs.jsonl"
    assert match(wanted, RECRUITS, out).exit_code == 0
    (row,) = [r for r in read_rows(out) if r["wanted_id"] == "W01"]
    assert row[POINT_7] == "not_in_force"  # point 7 is not the law on 2025-01-01


def test_without_a_decision_date_the_answers_are_invalid_and_stderr_says_how_to_give_one(
    tmp_path: Path,
) -> None:
    out = tmp_path / "pairs.jsonl"
    result = match(WANTED, RECRUITS, out)
    assert result.exit_code == 0 and "6 pairs with no decision date" in result.stderr
    assert {r["error"] for r in read_rows(out)} == {"decision_date: is required"}


def test_explain_adds_a_score_column_per_feature(tmp_path: Path, example_pairs: list[dict[str, Any]]) -> None:
    out = tmp_path / "pairs.jsonl"
    assert match(WANTED, RECRUITS, out, "--decision-date", DAY, "--explain").exit_code == 0
    explained = read_rows(out)
    assert "name_score" not in example_pairs[0]
    for row in explained:
        assert 0 <= row["name_score"] <= 1 and row["nationality_score"] == 1.0
        assert row["birth_date_score"] is None or 0 <= row["birth_date_score"] <= 1
    (cuban,) = [r for r in explained if r["wanted_id"] == "W02"]
    assert cuban["birth_date_score"] < 1  # 1990-04-02 against a recruit born in "1990"


# --- formats -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".jsonl", ".parquet"])
def test_both_lists_read_the_same_from_every_format(
    tmp_path: Path, suffix: str, example_pairs: list[dict[str, Any]]
) -> None:
    wanted = write_as(tmp_path / f"wanted{suffix}", csv_rows(WANTED))
    recruits = write_as(tmp_path / f"recruits{suffix}", csv_rows(RECRUITS))
    out = tmp_path / "pairs.jsonl"
    result = match(wanted, recruits, out, "--decision-date", DAY)
    assert result.exit_code == 0, result.output
    compared = ("wanted_id", "recruit_id", "score", "outcome", "applies", "depends_on")
    assert [[r[k] for k in compared] for r in read_rows(out)] == [
        [r[k] for k in compared] for r in example_pairs
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json", ".parquet"])
def test_the_pairs_are_written_in_the_format_of_the_output_extension(
    tmp_path: Path, suffix: str, example_pairs: list[dict[str, Any]]
) -> None:
    out = tmp_path / f"pairs{suffix}"
    assert match(WANTED, RECRUITS, out, "--decision-date", DAY).exit_code == 0
    rows = read_rows(out)
    assert [(r["wanted_id"], r["recruit_id"], r["outcome"]) for r in rows] == [
        (r["wanted_id"], r["recruit_id"], r["outcome"]) for r in example_pairs
    ]


def test_no_pair_is_exit_0_with_a_header_only_and_a_note(tmp_path: Path) -> None:
    wanted = write_csv(tmp_path / "wanted.csv", [{"id": "x", "name": "Nobody Atall"}])
    out = tmp_path / "pairs.csv"
    result = match(wanted, RECRUITS, out, "--decision-date", DAY)
    assert result.exit_code == 0
    assert "no pair" in result.stderr and "header only" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith('"wanted_id","recruit_id","score"')


# --- headers mapped --------------------------------------------------------------------------------------


def test_each_list_maps_its_own_headers(tmp_path: Path) -> None:
    russian = {"id": "id", "name": "ФИО", "birth_date": "Дата рождения", "nationality": "Гражданство"}
    rows = [{russian.get(k, k): v for k, v in r.items()} for r in csv_rows(RECRUITS)]
    recruits = write_csv(tmp_path / "recruits.csv", rows)
    out = tmp_path / "pairs.jsonl"
    result = match(
        WANTED,
        recruits,
        out,
        "--decision-date",
        DAY,
        "--map-recruits",
        "ФИО=name",
        "--map",
        "Дата рождения=birth_date",
        "--map",
        "Гражданство=nationality",
    )
    assert result.exit_code == 0, result.output
    assert {(r["wanted_id"], r["recruit_id"]) for r in read_rows(out)} == SAME_PERSONS


def test_a_shared_mapping_of_a_header_neither_list_has_is_exit_2(tmp_path: Path) -> None:
    result = match(WANTED, RECRUITS, tmp_path / "o.csv", "--map", "Full name=name")
    assert result.exit_code == 2 and "'Full name'" in result.stderr and "neither list" in result.stderr


# --- bad input: exit 2 naming the file, the row and the column ------------------------------------------


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "name, content, said",
    [
        (
            "noname.csv",
            b"id,birth_date,nationality\n1,1990,NP\n",
            ["row 1", "no `name` column", "--map-wanted"],
        ),
        ("header-only.csv", b"id,name,nationality\n", ["header and no rows"]),
        ("empty.csv", b"", ["empty"]),
        ("no-header.csv", b"Ram Thapa,1990\nSita Thapa,1991\n", ["row 1", "is the header row missing"]),
        (
            "cp1251.csv",
            "id,name,nationality\n1,Рам Тапа,Непал\n".encode("cp1251"),
            ["row 1 of the wanted list", "line 2", "not valid UTF-8", "Windows-1251"],
        ),
        ("cp1251-header.csv", "ид,имя\n1,Рам\n".encode("cp1251"), ["line 1", "not valid UTF-8"]),
        (
            "broken.jsonl",
            b'{"id": "a", "name": "Ram Thapa"}\nnot json\n',
            ["row 2 of the wanted list", "JSON"],
        ),
        (
            "huge-cell.csv",
            b"id,name,offence\n1,Ram Thapa," + b"x" * ((1 << 20) + 1) + b"\n",
            ["row 1 of the wanted list", "column offence", "limit"],
        ),
    ],
)
def test_an_unreadable_list_is_exit_2_naming_the_file_row_and_column(
    tmp_path: Path, name: str, content: bytes, said: list[str]
) -> None:
    wanted = _bad(tmp_path, name, content)
    out = tmp_path / "pairs.csv"
    result = match(wanted, RECRUITS, out, "--decision-date", DAY)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {wanted}") and "Traceback" not in result.output
    for part in said:
        assert part in result.stderr, (part, result.stderr)


def test_a_missing_file_and_a_bad_option_are_exit_2(tmp_path: Path) -> None:
    missing = match(tmp_path / "none.csv", RECRUITS, tmp_path / "o.csv")
    assert missing.exit_code == 2 and "none.csv: no such file" in missing.stderr
    assert match(WANTED, RECRUITS, tmp_path / "o.txt").exit_code == 2
    assert match(WANTED, RECRUITS, tmp_path / "o.csv", "--threshold", "1.5").exit_code == 2
    same = match(WANTED, RECRUITS, RECRUITS)
    assert same.exit_code == 2 and "is the input file" in same.stderr


def test_unreadable_dates_and_countries_are_notes_on_the_pair_not_errors(tmp_path: Path) -> None:
    rows = csv_rows(WANTED)
    rows[0] = dict(rows[0], birth_date="31.02.1995", nationality="Narnia")
    wanted = write_csv(tmp_path / "wanted.csv", rows)
    out = tmp_path / "pairs.jsonl"
    result = match(wanted, RECRUITS, out, "--decision-date", DAY)
    assert result.exit_code == 0, result.output
    (row,) = [r for r in read_rows(out) if r["wanted_id"] == "W01"]
    assert (
        "wanted birth_date: '31.02.1995'" in row["notes"] and "wanted nationality: 'Narnia'" in row["notes"]
    )
    assert row["recruit_id"] == "R02"  # the names and the recruit's date still find him


def test_a_name_of_ten_thousand_characters_is_matched_on_its_first_words_with_a_note(tmp_path: Path) -> None:
    rows = csv_rows(WANTED)
    rows[0] = dict(rows[0], name="Ramesh Bahadur Thapa " + "Junk" * 2500)
    wanted = write_csv(tmp_path / "wanted.csv", rows)
    out = tmp_path / "pairs.jsonl"
    result = match(wanted, RECRUITS, out, "--decision-date", DAY)
    assert result.exit_code == 0, result.output
    assert "1 row with a name over 200 characters" in result.stderr and "W01" in result.stderr
    (row,) = [r for r in read_rows(out) if r["wanted_id"] == "W01"]
    assert row["recruit_id"] == "R02" and "wanted name: 10021 characters" in row["notes"]
    assert len(row["wanted_name"]) == 10021  # the cell itself is written as it came


def test_a_cell_mixing_scripts_gets_a_note(tmp_path: Path) -> None:
    rows = csv_rows(WANTED)
    rows[0] = dict(rows[0], name="Ramesh Bahadur Тhapa")  # a Cyrillic Т in a Latin word
    wanted = write_csv(tmp_path / "wanted.csv", rows)
    out = tmp_path / "pairs.jsonl"
    assert match(wanted, RECRUITS, out, "--decision-date", DAY).exit_code == 0
    (row,) = [r for r in read_rows(out) if r["wanted_id"] == "W01"]
    assert "wanted name: the cell mixes Cyrillic and Latin letters" in row["notes"]


def test_rows_without_a_name_are_said_on_stderr(tmp_path: Path) -> None:
    rows = csv_rows(WANTED)
    rows[1] = dict(rows[1], name="")
    wanted = write_csv(tmp_path / "wanted.csv", rows)
    result = match(wanted, RECRUITS, tmp_path / "o.csv", "--decision-date", DAY)
    assert result.exit_code == 0 and "1 row without a name, never matched (id W02)" in result.stderr


def test_the_installed_command_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "extrashield",
            "match",
            str(WANTED),
            str(RECRUITS),
            str(out),
            "--decision-date",
            DAY,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert "6 pairs (likely match 6) for 6 of 8 wanted persons among 8 recruits" in p.stderr
    assert "barred 3" in p.stderr and "\x1b" not in p.stderr  # no progress bar drawn into a pipe
    assert len(read_rows(out)) == len(SAME_PERSONS)
