"""`extrashield screen` and `extrashield impact` on the bundled case lists, in every format."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import extrashield
from extrashield.engine.vector.arrow_cases import CASE_TYPE
from extrashield.errors import CaseError

EXAMPLES = Path(__file__).resolve().parent.parent / "extrashield" / "examples"
CASES = [json.loads(line) for line in (EXAMPLES / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
ROOT = EXAMPLES.parent.parent


@dataclass
class Result:
    exit_code: int
    output: str  # stdout, then stderr


def invoke(args: list[str]) -> Result:
    p = subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    return Result(p.returncode, p.stdout + p.stderr)


def stdout_of(args: list[str]) -> str:
    p = subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert p.returncode == 0, p.stderr
    return p.stdout


def expected(case: dict, **kw: object) -> tuple[str, list[str]]:
    try:
        a = extrashield.assess(case, **kw)  # type: ignore[arg-type]
    except CaseError:
        return "invalid", []
    return a.outcome, a.applies


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_screen_jsonl_gives_one_row_per_case_in_order_with_the_assess_answer(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(["screen", str(EXAMPLES / "cases.jsonl"), str(out)])
    assert result.exit_code == 0, result.output
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [c.get("id") for c in CASES]
    assert [(r["outcome"], r["applies"]) for r in rows] == [expected(c) for c in CASES]


def test_an_invalid_row_names_the_field_and_the_other_rows_go_on(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    invoke(["screen", str(EXAMPLES / "cases.jsonl"), str(out)])
    rows = read_jsonl(out)
    bad = [r for r in rows if r["outcome"] == "invalid"]
    assert len(bad) == 1 and bad[0]["error"].startswith("person.stateles: unknown field")
    assert sum(r["outcome"] != "invalid" for r in rows) == len(CASES) - 1


def test_csv_input_gives_the_same_answers_as_json_lines(tmp_path: Path) -> None:
    out_csv, out_jsonl = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    invoke(["screen", str(EXAMPLES / "cases.csv"), str(out_csv)])
    invoke(["screen", str(EXAMPLES / "cases.jsonl"), str(out_jsonl)])
    by_id = {r["id"]: r for r in read_jsonl(out_jsonl)}
    rows = read_jsonl(out_csv)
    assert rows[-1]["error"] == "person.stateless: expected true, false or null, got 'yes'"
    for r in rows[:-1]:
        assert r == by_id[r["id"]]


def test_parquet_in_and_out_with_date32_columns(tmp_path: Path) -> None:
    good = [c for c in CASES if expected(c)[0] != "invalid"]
    arr = pa.array(good, CASE_TYPE)
    batch = pa.RecordBatch.from_struct_array(arr)
    # the decision date as date32, as an analyst's Parquet file may hold it
    day = pa.array([c["decision_date"] for c in good]).cast(pa.date32())
    table = pa.Table.from_batches([batch]).set_column(1, "decision_date", day)
    src, out = tmp_path / "cases.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src)
    result = invoke(["screen", str(src), str(out), "--reading", "point7.limbs=combat_required"])
    assert result.exit_code == 0, result.output
    rows = pq.read_table(out).to_pylist()
    readings = {"point7.limbs": "combat_required"}
    assert [(r["outcome"], r["applies"]) for r in rows] == [expected(c, readings=readings) for c in good]


def test_decision_date_override_applies_to_every_row(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = invoke(["screen", str(EXAMPLES / "cases.jsonl"), str(out), "--decision-date", "2026-03-18"])
    assert result.exit_code == 0, result.output
    import csv

    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["outcome"], json.loads(r["applies"])) for r in rows] == [
        expected(c, decision_date="2026-03-18") for c in CASES
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--reading", "point7.limbs=all"], "point7.limbs"),
        (["--decision-date", "2026-02-30"], "decision_date"),
        (["--output-format", "ods"], "ods"),
    ],
)
def test_bad_options_exit_2_with_a_message(tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke(["screen", str(EXAMPLES / "cases.jsonl"), str(tmp_path / "o.jsonl"), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_a_missing_input_file_exits_2(tmp_path: Path) -> None:
    result = invoke(["screen", str(tmp_path / "none.jsonl"), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_impact_between_two_dates_counts_every_row_once(tmp_path: Path) -> None:
    picture = tmp_path / "impact.svg"
    d = json.loads(
        stdout_of(
            [
                "impact",
                str(EXAMPLES / "cases.jsonl"),
                "--from-date",
                "2026-03-18",
                "--to-date",
                "2026-03-19",
                "--format",
                "json",
                "--picture",
                str(picture),
            ]
        )
    )
    assert d["rows"] == len(CASES) == sum(t["count"] for t in d["transitions"])
    cells = {(t["before"], t["after"]): t["count"] for t in d["transitions"]}
    want: dict[tuple[str, str], int] = {}
    for c in CASES:
        key = (expected(c, decision_date="2026-03-18")[0], expected(c, decision_date="2026-03-19")[0])
        want[key] = want.get(key, 0) + 1
    assert cells == want
    assert picture.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_impact_between_two_readings_as_text(tmp_path: Path) -> None:
    result = invoke(["impact", str(EXAMPLES / "cases.jsonl"), "--vs-reading", "point7.limbs=combat_required"])
    assert result.exit_code == 0, result.output
    changed = sum(
        expected(c)[0] != expected(c, readings={"point7.limbs": "combat_required"})[0] for c in CASES
    )
    assert f"{len(CASES)} rows, {changed} change outcome" in result.output


def test_impact_needs_something_to_compare() -> None:
    result = invoke(["impact", str(EXAMPLES / "cases.jsonl")])
    assert result.exit_code == 2 and "nothing to compare" in result.output


def test_batches_screened_side_by_side_come_out_in_input_order(tmp_path: Path) -> None:
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    assert invoke(["screen", str(EXAMPLES / "cases.jsonl"), str(one), "--workers", "1"]).exit_code == 0
    result = invoke(
        ["screen", str(EXAMPLES / "cases.jsonl"), str(many), "--workers", "3", "--batch-rows", "2"]
    )
    assert result.exit_code == 0, result.output
    assert read_jsonl(many) == read_jsonl(one)
    assert len(read_jsonl(many)) == len(CASES)


def test_parquet_batches_in_worker_processes_give_the_same_rows_as_one_process(tmp_path: Path) -> None:
    good = [c for c in CASES if expected(c)[0] != "invalid"]
    broken = {**good[0], "id": "broken", "decision_date": "2026-02-30"}  # answered by the single-case path
    table = pa.Table.from_batches([pa.RecordBatch.from_struct_array(pa.array([*good, broken], CASE_TYPE))])
    src, groups = tmp_path / "cases.parquet", tmp_path / "groups.parquet"
    pq.write_table(table, src)  # one row group: read here, batches handed to the workers
    pq.write_table(table, groups, row_group_size=4)  # several: each worker reads its own
    one, many = tmp_path / "one.parquet", tmp_path / "many.parquet"
    assert invoke(["screen", str(src), str(one), "--workers", "1"]).exit_code == 0
    result = invoke(["screen", str(src), str(many), "--workers", "2", "--batch-rows", "3"])
    assert result.exit_code == 0, result.output
    rows = pq.read_table(many).to_pylist()
    assert rows == pq.read_table(one).to_pylist()
    result = invoke(["screen", str(groups), str(many), "--workers", "3", "--batch-rows", "3"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(many).to_pylist() == rows
    assert rows[-1]["outcome"] == "invalid" and rows[-1]["error"].startswith("decision_date:")
    assert [(r["outcome"], r["applies"]) for r in rows[:-1]] == [expected(c) for c in good]


def test_impact_in_worker_processes_counts_as_in_one(tmp_path: Path) -> None:
    good = [c for c in CASES if expected(c)[0] != "invalid"]
    src = tmp_path / "cases.parquet"
    pq.write_table(
        pa.Table.from_batches([pa.RecordBatch.from_struct_array(pa.array(good * 3, CASE_TYPE))]), src
    )
    args = ["impact", str(src), "--from-date", "2026-03-18", "--to-date", "2026-03-19", "--format", "json"]
    one = json.loads(stdout_of([*args, "--workers", "1"]))
    many = json.loads(stdout_of([*args, "--workers", "2"]))
    assert many == one


def test_a_bad_vs_reading_is_named_as_such() -> None:
    result = invoke(["impact", str(EXAMPLES / "cases.jsonl"), "--vs-reading", "foo"])
    assert result.exit_code == 2 and "--vs-reading 'foo'" in result.output
