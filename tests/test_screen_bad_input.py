"""`extrashield screen` (and the readers under it) on bad input: every bad row is an invalid row naming the
field, the other rows go on, and a bad file or option is exit 2 with a message, never a crash."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import extrashield
from extrashield.batch.formats import read_batches
from extrashield.batch.formats.csv import case_to_csv_row
from extrashield.batch.screening import Screener, screen_records

ROOT = Path(__file__).resolve().parent.parent
NEPALI = json.loads((ROOT / "extrashield" / "examples" / "nepali-serving.json").read_text(encoding="utf-8"))
OUTCOME = extrashield.assess(NEPALI).outcome


def case(id: str, **changes: Any) -> dict[str, Any]:
    c = json.loads(json.dumps(NEPALI))
    c["id"] = id
    c.update(changes)
    return c


def line(c: dict[str, Any]) -> bytes:
    return json.dumps(c, ensure_ascii=False).encode("utf-8") + b"\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def screened(path: Path, fmt: str | None = None) -> list[dict[str, Any]]:
    """The result rows for a file, read and screened in this process as `screen` does it."""
    s = Screener()
    out: list[dict[str, Any]] = []
    for b in read_batches(path, fmt or path.suffix[1:], 4, s.day):
        out.extend(s.screen(b.data, b.raw, b.invalid).batch.to_pylist())
    return out


def summary(rows: list[dict[str, Any]]) -> list[tuple[Any, str, Any]]:
    return [(r["id"], r["outcome"], r.get("error")) for r in rows]


def csv_text(cases: list[dict[str, Any]]) -> str:
    rows = [case_to_csv_row(c) for c in cases]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


# --- the output file -----------------------------------------------------------------------------------


def test_screen_refuses_an_output_that_is_the_input_by_any_name_and_leaves_it_untouched(
    tmp_path: Path,
) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(line(case("a")) + line(case("b")))
    before = src.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(src)
    os.link(src, tmp_path / "hard.jsonl")
    sub = tmp_path / "sub"
    sub.mkdir()
    for out in (
        str(src),
        str(tmp_path / "link.jsonl"),
        str(tmp_path / "hard.jsonl"),
        str(sub / ".." / "cases.jsonl"),
    ):
        p = run("screen", str(src), out)
        assert p.returncode == 2, p.stderr
        assert "is the input file" in p.stderr and "Traceback" not in p.stderr
        assert src.read_bytes() == before
    p = run("screen", str(src), str(src), "--output-format", "csv")
    assert p.returncode == 2 and src.read_bytes() == before


def test_an_output_in_a_missing_directory_is_named_with_what_failed(tmp_path: Path) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(line(case("a")))
    for name in ("o.jsonl", "o.csv", "o.parquet"):
        out = tmp_path / "no_such_dir" / name
        p = run("screen", str(src), str(out))
        assert p.returncode == 2
        assert (
            p.stderr.strip()
            == f"error: {out}: cannot write the results: the directory {out.parent} does not exist"
        )
    p = run("screen", str(src), str(tmp_path), "--output-format", "jsonl")
    assert (
        p.returncode == 2
        and p.stderr.strip() == f"error: {tmp_path}: cannot write the results: it is a directory"
    )


def test_a_damaged_parquet_input_is_named_not_an_internal_error(tmp_path: Path) -> None:
    src = tmp_path / "cases.parquet"
    src.write_bytes(b"PAR1 not really")
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 2 and f"{src}: not a readable parquet file" in p.stderr
    assert "internal error" not in p.stderr


# --- JSON Lines ------------------------------------------------------------------------------------------


def test_a_json_line_that_is_not_utf8_is_an_invalid_row_and_the_others_go_on(tmp_path: Path) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(line(case("a")) + b'{"id":"x\xff","decision_date":"2026-04-01"}\n' + line(case("c")))
    out = tmp_path / "o.jsonl"
    p = run("screen", str(src), str(out))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary(rows) == [
        ("a", OUTCOME, None),
        (None, "invalid", "case: not valid UTF-8 (byte 0xff at position 9)"),
        ("c", OUTCOME, None),
    ]


def test_a_lone_surrogate_or_a_number_too_long_makes_its_row_invalid_naming_the_field(tmp_path: Path) -> None:
    huge = case("huge")
    huge["request"]["offense"]["max_penalty_years"] = 7
    text = line(huge).replace(b'"max_penalty_years": 7', b'"max_penalty_years": ' + b"9" * 5000)
    names = case("names")
    names["person"]["names"] = ["x"]
    src = tmp_path / "cases.jsonl"
    src.write_bytes(
        line(case("a"))
        + b'{"id":"\\ud800","decision_date":"2026-04-01"}\n'
        + text
        + line(names).replace(b'["x"]', b'["x\\udc00"]')
        + line(case("c"))
    )
    out = tmp_path / "o.jsonl"
    p = run("screen", str(src), str(out))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary(rows) == [
        ("a", OUTCOME, None),
        (None, "invalid", "id: contains a lone surrogate, not valid Unicode text"),
        ("huge", "invalid", "request.offense.max_penalty_years: number too large"),
        ("names", "invalid", "person.names[0]: contains a lone surrogate, not valid Unicode text"),
        ("c", OUTCOME, None),
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        (b"null", "null"),
        (b"[1, 2]", "a list"),
        (b"3", "a number"),
        (b'"x"', "text"),
        (b"true", "true"),
    ],
)
def test_a_json_line_that_is_not_an_object_says_what_it_is(tmp_path: Path, text: bytes, kind: str) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(text + b"\n" + line(case("b")))
    assert summary(screened(src)) == [
        (None, "invalid", f"case: expected a JSON object, got {kind}"),
        ("b", OUTCOME, None),
    ]


@pytest.mark.parametrize("text", [b"null\n", b'{"id": "a", "decision_date": "2026-04-01"}\rnull\n'])
def test_a_null_line_does_not_crash_the_json_reader(tmp_path: Path, text: bytes) -> None:
    # Arrow's JSON reader dies (SIGSEGV) on a block that starts with a top-level null: such lines never reach it
    src = tmp_path / "cases.jsonl"
    src.write_bytes(text + line(case("b")))
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["outcome"] == "invalid" and rows[-1]["id"] == "b"


def test_json_lines_nested_too_deeply_or_with_a_key_twice_are_invalid_rows(tmp_path: Path) -> None:
    dup = line(case("dup")).replace(b'"id": "dup"', b'"id": "dup", "decision_date": "2020-01-01"')
    deep = b'{"id": "deep", "person": {"names": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}\n"
    src = tmp_path / "cases.jsonl"
    src.write_bytes(dup + deep + line(case("c")))
    assert summary(screened(src)) == [
        ("dup", "invalid", "decision_date: given twice in the same object"),
        (None, "invalid", "case: nested too deeply"),
        ("c", OUTCOME, None),
    ]


def test_blank_lines_are_not_rows_in_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(b"\n" + line(case("a")) + b"   \n\r\n\t\n" + line(case("b")) + b"\n\n")
    assert summary(screened(src)) == [("a", OUTCOME, None), ("b", OUTCOME, None)]


def test_a_byte_order_mark_before_json_lines_is_skipped(tmp_path: Path) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + line(case("a")) + line(case("b")))
    assert summary(screened(src)) == [("a", OUTCOME, None), ("b", OUTCOME, None)]


def test_screen_records_says_what_a_row_is_and_refuses_lone_surrogates() -> None:
    rows = screen_records(
        [None, [], case("\ud800"), case("ok", person={**NEPALI["person"], "names": ["\udfff"]}), case("fine")]
    )
    assert summary(rows) == [
        (None, "invalid", "case: expected a JSON object, got null"),
        (None, "invalid", "case: expected a JSON object, got a list"),
        (None, "invalid", "id: contains a lone surrogate, not valid Unicode text"),
        ("ok", "invalid", "person.names[0]: contains a lone surrogate, not valid Unicode text"),
        ("fine", OUTCOME, None),
    ]


def test_a_nul_in_two_fields_is_named_at_its_first_place_in_the_row_by_screen_and_by_assess() -> None:
    row = {"decision_date": "2025-06-01", "person": {"names": ["ok", "a\x00"]}, "id": "H\x00U"}
    (screened,) = screen_records([row])
    assert (
        screened["error"] == "person.names[1]: contains a NUL character (U+0000), which text here cannot hold"
    )
    with pytest.raises(extrashield.CaseError) as refused:
        extrashield.assess(row)
    assert f"{refused.value.path}: {refused.value.problem}" == screened["error"]


# --- CSV -------------------------------------------------------------------------------------------------


def test_a_csv_cell_longer_than_the_csv_module_default_limit_is_read(tmp_path: Path) -> None:
    long = case("long")
    long["request"]["offense"]["description"] = "x" * 300_000
    src = tmp_path / "cases.csv"
    src.write_text(csv_text([case("a"), long, case("c")]), encoding="utf-8", newline="")
    out = tmp_path / "o.jsonl"
    p = run("screen", str(src), str(out))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary(rows) == [("a", OUTCOME, None), ("long", OUTCOME, None), ("c", OUTCOME, None)]


def test_a_csv_row_that_is_not_utf8_is_invalid_and_the_others_go_on(tmp_path: Path) -> None:
    data = csv_text([case("a"), case("b"), case("c")]).encode("utf-8")
    data = data.replace(b"\r\nb,", b"\r\nb,\xfe", 1)
    src = tmp_path / "cases.csv"
    src.write_bytes(data)
    assert summary(screened(src)) == [
        ("a", OUTCOME, None),
        ("b", "invalid", "case: not valid UTF-8 (byte 0xfe at position 3)"),
        ("c", OUTCOME, None),
    ]


def test_a_csv_header_that_is_not_utf8_makes_every_row_invalid_saying_so(tmp_path: Path) -> None:
    data = csv_text([case("a"), case("b")]).encode("utf-8").replace(b"decision_date", b"decision\xff_date", 1)
    src = tmp_path / "cases.csv"
    src.write_bytes(data)
    problem = "case: the header row is not valid UTF-8 (byte 0xff at position 12)"
    assert summary(screened(src)) == [("a", "invalid", problem), ("b", "invalid", problem)]


def test_a_csv_written_by_excel_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    src = tmp_path / "cases.csv"
    src.write_text(csv_text([case("a"), case("b")]), encoding="utf-8-sig", newline="")
    assert summary(screened(src)) == [("a", OUTCOME, None), ("b", OUTCOME, None)]


def test_csv_rows_with_too_many_or_too_few_cells_are_invalid_and_keep_their_id(tmp_path: Path) -> None:
    lines = csv_text([case("a"), case("b"), case("c")]).split("\r\n")
    columns = len(lines[0].split(","))
    lines[2] += ",extra"
    lines[3] = "c,2026-04-01"
    lines.insert(4, "")  # a blank line
    lines.insert(4, "   ")  # and one of spaces
    src = tmp_path / "cases.csv"
    src.write_text(
        "\r\n".join(lines) + "\r\n" + ",".join(["d"] + [""] * (columns - 1)) + "\r\n", encoding="utf-8"
    )
    assert summary(screened(src)) == [
        ("a", OUTCOME, None),
        ("b", "invalid", f"case: the row has {columns + 1} cells, the header has {columns} columns"),
        ("c", "invalid", f"case: the row has 2 cells, the header has {columns} columns"),
        ("d", "invalid", "decision_date: is required"),
    ]


def test_csv_cells_with_a_number_too_long_or_a_lone_surrogate_are_invalid_rows(tmp_path: Path) -> None:
    rows = [case_to_csv_row(case(i)) for i in ("a", "b", "c")]
    rows[0]["request.offense.max_penalty_years"] = "9" * 5000
    rows[1]["person.citizenships"] = '[{"country": "NP"}, {"country": "\\ud800"}]'
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    src = tmp_path / "cases.csv"
    src.write_text(out.getvalue(), encoding="utf-8", newline="")
    assert summary(screened(src)) == [
        ("a", "invalid", "request.offense.max_penalty_years: number too large"),
        ("b", "invalid", "person.citizenships[1].country: contains a lone surrogate, not valid Unicode text"),
        ("c", OUTCOME, None),
    ]


# --- the same through the command line ---------------------------------------------------------------------


def test_screen_help_says_blank_lines_are_not_rows() -> None:
    p = run("screen", "--help")
    assert p.returncode == 0 and "blank lines are not cases" in " ".join(p.stdout.split())


def test_impact_on_bad_rows_counts_them_as_invalid(tmp_path: Path) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_bytes(b"null\n" + b'{"id":"\\ud800"}\n' + b"\xff\n" + line(case("a")))
    p = run("impact", str(src), "--from-date", "2026-03-18", "--to-date", "2026-03-19", "--format", "json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["rows"] == 4
    assert {(t["before"], t["after"]): t["count"] for t in d["transitions"]}[("invalid", "invalid")] == 3
