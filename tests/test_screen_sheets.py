"""`extrashield screen` on person lists from the command line: the layout said on stderr, headers mapped,
every format in and out, bad sheets as named errors (never a traceback) with the other rows going on, and
a progress bar that moves on a terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .person_lists import csv_text

ROOT = Path(__file__).resolve().parent.parent
POINT_7 = "ru.upk.464.1.7"
PERSON = {
    "name": "Ramesh Thapa",
    "nationality": "Nepal",
    "formation": "armed_forces",
    "contract_from": "01.06.2024",
    "contract_until": "ongoing",
    "combat": "да",
    "requesting_state": "NP",
    "purpose": "prosecution",
    "decision_date": "2026-04-01",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr, p.stderr
    return p


def people(n: int = 3, **changes: str) -> list[dict[str, str]]:
    return [{"id": f"p{i}", **PERSON, "source": f"note {i}", **changes} for i in range(n)]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text(csv_text(rows), encoding="utf-8", newline="")
    return path


def write_xlsx(path: Path, rows: list[list[Any]], merge: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Recruits"
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def read_results(path: Path) -> list[dict[str, Any]]:
    suffix = path.suffix
    if suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, list)
        return data
    if suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    if suffix == ".csv":
        import csv

        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    book = openpyxl.load_workbook(path, read_only=True)
    values = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    return [dict(zip(values[0], r)) for r in values[1:]]


# --- the layout, said; headers mapped -----------------------------------------------------------------------


def test_the_layout_read_is_said_on_stderr_with_the_headers_read_and_passed_through(tmp_path: Path) -> None:
    rows = [
        {
            "ID": "a",
            "Full Name": "Ramesh",
            "Birth Date": "1995",
            "Land": "Nepal",
            "decision_date": "2026-04-01",
            "source": "interview",
            "remarks": "",
        }
    ]
    src = write_csv(tmp_path / "people.csv", rows)
    p = run(
        "screen",
        str(src),
        str(tmp_path / "out.jsonl"),
        "--map",
        "Full Name=name",
        "--map",
        "Land=nationality",
    )
    assert p.returncode == 0, p.stderr
    lines = p.stderr.splitlines()
    assert lines[0].startswith(f"{src}: read as a person list (§3b)")
    assert (
        f"{src}: headers read as person-list columns: 'ID' as id, 'Full Name' as name, 'Birth Date' as "
        "birth_date, 'Land' as nationality" in lines
    )
    assert f"{src}: not person-list columns, passed through unchanged: 'source', 'remarks'" in lines
    assert sum("source" in line for line in lines) == 1  # once for the list, not once per row
    (row,) = read_results(tmp_path / "out.jsonl")
    assert row["id"] == "a" and row["Full Name"] == "Ramesh" and row["source"] == "interview"
    assert "nationality: 'Nepal' read as NP (Nepal)" in row["notes"]

    cases = run("screen", str(ROOT / "extrashield" / "examples" / "cases.jsonl"), str(tmp_path / "c.jsonl"))
    assert cases.returncode == 0 and cases.stderr.splitlines()[0].endswith(
        "read as cases (§3): 'person' is a field of a case"
    )


@pytest.mark.parametrize(
    "name, text",
    [
        ("map.yaml", "Full Name: name\nLand: nationality\n"),
        ("map.csv", "their header,our column\nFull Name,name\nLand,nationality\n"),
    ],
)
def test_a_mapping_file_maps_headers_as_map_does(tmp_path: Path, name: str, text: str) -> None:
    src = write_csv(
        tmp_path / "people.csv", [{"Full Name": "Ramesh", "Land": "Непал", "decision_date": "2026-04-01"}]
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    p = run("screen", str(src), str(tmp_path / "out.json"), "--map-file", str(tmp_path / name))
    assert p.returncode == 0, p.stderr
    (row,) = read_results(tmp_path / "out.json")
    assert row["notes"] == "nationality: 'Непал' read as NP (Nepal)" and row["Full Name"] == "Ramesh"


@pytest.mark.parametrize(
    "args, said",
    [
        (["--map", "nonsense"], '--map nonsense: expected "their header=our column"'),
        (["--map", "Land=nation"], "'nation' is not a person-list column"),
        (["--map", "Nowhere=name"], "column Nowhere: is mapped, but the list has no such column"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_exit_2_naming_it(
    tmp_path: Path, args: list[str], said: str
) -> None:
    src = write_csv(tmp_path / "people.csv", [{"Land": "Nepal", "decision_date": "2026-04-01"}])
    p = run("screen", str(src), str(tmp_path / "out.csv"), *args)
    assert p.returncode == 2 and said in p.stderr, p.stderr


# --- every format in and out ----------------------------------------------------------------------------


def _inputs(tmp_path: Path) -> list[Path]:
    rows = people(3)
    src_csv = write_csv(tmp_path / "people.csv", rows)
    src_jsonl = tmp_path / "people.jsonl"
    src_jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    src_xlsx = write_xlsx(tmp_path / "people.xlsx", [list(rows[0])] + [list(r.values()) for r in rows])
    src_parquet = tmp_path / "people.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src_parquet)
    return [src_csv, src_jsonl, src_xlsx, src_parquet]


def test_a_person_list_reads_the_same_from_every_format_into_every_format(tmp_path: Path) -> None:
    outputs = [".csv", ".jsonl", ".json", ".parquet", ".xlsx"]
    results = []
    for src in _inputs(tmp_path):
        for suffix in outputs:
            out = tmp_path / f"out-{src.suffix[1:]}{suffix}"
            p = run("screen", str(src), str(out))
            assert p.returncode == 0, p.stderr
            assert "read as a person list" in p.stderr.splitlines()[0]
            rows = read_results(out)
            results.append([(r["id"], r["outcome"], r[POINT_7], r["name"], r["source"]) for r in rows])
    assert all(r == results[0] for r in results)
    assert results[0] == [(f"p{i}", "barred", "applies", "Ramesh Thapa", f"note {i}") for i in range(3)]


def test_json_output_is_one_array_and_xlsx_output_filters_freezes_and_colours(tmp_path: Path) -> None:
    rows = people(3, stateless="no")
    rows[2]["stateless"] = "yes"  # and a nationality: invalid
    src = write_csv(tmp_path / "people.csv", rows)
    assert run("screen", str(src), str(tmp_path / "out.json")).returncode == 0
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert text.startswith("[\n{") and text.endswith("\n]\n") and len(json.loads(text)) == 3
    assert run("screen", str(src), str(tmp_path / "out.xlsx")).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = book.worksheets[0]
    assert (
        sheet.freeze_panes == "B2"
        and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}4"
    )
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["id", "outcome", "applies", "depends_on", "error", "questions", "notes"]
    assert POINT_7 in header and header[-2:] == ["source", "stateless"] and all(c.font.b for c in sheet[1])
    outcome = header.index("outcome") + 1
    fills = {sheet.cell(r, outcome).value: sheet.cell(r, outcome).fill.fgColor.rgb for r in range(2, 5)}
    assert fills["barred"] != fills["invalid"] and all(fills.values())


def test_an_empty_list_writes_an_empty_json_array(tmp_path: Path) -> None:
    src = tmp_path / "cases.jsonl"
    src.write_text("", encoding="utf-8")
    assert run("screen", str(src), str(tmp_path / "out.json")).returncode == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == []


# --- bad sheets --------------------------------------------------------------------------------------------


def test_an_empty_sheet_a_missing_header_and_a_header_only_are_named_errors(tmp_path: Path) -> None:
    empty = write_xlsx(tmp_path / "empty.xlsx", [])
    p = run("screen", str(empty), str(tmp_path / "o.csv"))
    assert p.returncode == 2 and f"{empty}: sheet 'Recruits' is empty" in p.stderr

    dated = write_xlsx(tmp_path / "dated.xlsx", [["Ramesh", dt.datetime(1995, 2, 11), "Nepal"]])
    p = run("screen", str(dated), str(tmp_path / "o.csv"))
    assert p.returncode == 2 and "sheet 'Recruits', row 1, column B" in p.stderr
    assert "is the header row missing" in p.stderr

    headless = tmp_path / "headless.csv"
    headless.write_text("Ramesh Thapa,1995-02-11,Nepal\nBikash,1990,India\n", encoding="utf-8")
    p = run("screen", str(headless), str(tmp_path / "o.csv"))
    assert p.returncode == 2 and "is the header row missing?" in p.stderr and "'Ramesh Thapa'" in p.stderr

    for only in (
        write_csv(tmp_path / "only.csv", [dict.fromkeys(PERSON, "")])
        .read_text(encoding="utf-8")
        .splitlines()[0],
        None,
    ):
        if only is not None:
            src = tmp_path / "header.csv"
            src.write_text(only + "\n", encoding="utf-8")
        else:
            src = write_xlsx(tmp_path / "header.xlsx", [list(PERSON)])
        p = run("screen", str(src), str(tmp_path / "o.csv"))
        assert p.returncode == 2 and f"{src}: the list has a header and no rows" in p.stderr


def test_merged_cells_make_their_rows_invalid_and_the_others_go_on(tmp_path: Path) -> None:
    header = ["id", *PERSON]
    rows = [[f"p{i}", *PERSON.values()] for i in range(4)]
    src = write_xlsx(tmp_path / "merged.xlsx", [header, *rows], merge="B3:B4")  # the names of p1 and p2
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 0, p.stderr
    got = read_results(tmp_path / "o.jsonl")
    assert [(r["id"], r["outcome"]) for r in got] == [
        ("p0", "barred"),
        ("p1", "invalid"),
        ("p2", "invalid"),
        ("p3", "barred"),
    ]
    assert got[1]["error"] == "name: cells B3:B4 are merged; unmerge them and write the value in each row"

    src = write_xlsx(tmp_path / "merged-header.xlsx", [header, *rows], merge="A1:B1")
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert (
        p.returncode == 2
        and "sheet 'Recruits', row 1, column A: cells A1:B1 of the header are merged" in p.stderr
    )


def test_a_50_mb_cell_is_an_invalid_row_and_the_others_go_on(tmp_path: Path) -> None:
    rows = people(3)
    rows[1]["source"] = "x" * (50 << 20)
    src = write_csv(tmp_path / "big.csv", rows)
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 0, p.stderr
    got = read_results(tmp_path / "o.jsonl")
    assert [r["outcome"] for r in got] == ["barred", "invalid", "barred"]
    assert got[1]["error"].startswith("row: line 3 is 52428") and "over the limit" in got[1]["error"]
    assert got[1]["id"] == "2"  # its cells were not read: the row number stands for its id

    # (an XLSX cell holds at most 32,767 characters; a Parquet cell has no such limit)
    rows = people(3)
    rows[1]["source"] = "y" * (2 << 20)
    src = tmp_path / "big.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src)
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 0, p.stderr
    got = read_results(tmp_path / "o.jsonl")
    assert [r["outcome"] for r in got] == ["barred", "invalid", "barred"]
    assert (
        got[1]["error"].startswith("source: the cell is 2097152 bytes long, over the limit")
        and got[1]["id"] == "p1"
    )


def test_a_list_in_another_encoding_is_named_and_its_ascii_rows_go_on(tmp_path: Path) -> None:
    rows = people(1, combat="yes") + people(3, name="Рамеш Тапа", combat="yes")
    src = tmp_path / "cp1251.csv"
    src.write_bytes(csv_text(rows).encode("cp1251"))
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 0, p.stderr
    got = read_results(tmp_path / "o.jsonl")
    assert [r["outcome"] for r in got] == ["barred", "invalid", "invalid", "invalid"]
    assert got[1]["error"].startswith("row: line 3 is not valid UTF-8 (byte 0xd0")
    assert (
        "3 of 4 rows: row could not be read (not valid UTF-8); the file may be in another encoding"
        in p.stderr
    )

    src.write_bytes("Имя,Гражданство\nРамеш,Непал\n".encode("cp1251"))
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert (
        p.returncode == 2
        and "the header row is not valid UTF-8" in p.stderr
        and "save it as CSV in UTF-8" in p.stderr
    )
    src.write_bytes("name,nationality\nРамеш,Непал\n".encode("utf-16"))
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 2 and "the file is UTF-16 text" in p.stderr


def test_csv_rows_with_too_many_or_too_few_cells_are_invalid_naming_their_line(tmp_path: Path) -> None:
    lines = csv_text(people(4)).split("\r\n")
    lines[2] += ",extra"
    lines[3] = "p2,Ramesh"
    lines.insert(4, "   ")  # a blank line of spaces is not a row
    src = tmp_path / "people.csv"
    src.write_text("\r\n".join(lines), encoding="utf-8")
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 0, p.stderr
    got = read_results(tmp_path / "o.jsonl")
    columns = len(lines[0].split(","))
    assert [(r["outcome"], r.get("error")) for r in got] == [
        ("barred", None),
        ("invalid", f"row: line 3 has {columns + 1} cells, the header has {columns} columns"),
        ("invalid", f"row: line 4 has 2 cells, the header has {columns} columns"),
        ("barred", None),
    ]


def test_a_file_that_is_not_a_workbook_is_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "book.xlsx"
    src.write_bytes(b"PK\x03\x04 not really")
    p = run("screen", str(src), str(tmp_path / "o.jsonl"))
    assert p.returncode == 2 and f"{src}: not a readable XLSX workbook" in p.stderr


# --- progress ------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_the_bar_moves_with_rows_and_shows_rows_per_second(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "people.csv", people(150_000))
    primary, secondary = os.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "160"}
    env.pop("NO_COLOR", None)
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extrashield",
            "screen",
            str(src),
            str(tmp_path / "o.parquet"),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env=env,
    ) as proc:
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 1 << 16)
            except OSError:  # the command has ended and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(timeout=300) == 0, seen[-2000:]
    os.close(primary)
    text = seen.decode("utf-8", "replace")
    counts = {
        int(c.replace(",", "")) for c in __import__("re").findall(r"([\d,]+) rows, [\d,…]+ rows/s", text)
    }
    assert len(counts - {0}) >= 3, text[-2000:]  # the bar moved several times, with the rows
    assert "rows/s" in text and "150000 rows screened" in text

    p = run("screen", str(src), str(tmp_path / "o.parquet"))  # not a terminal: no bar, no control codes
    assert "rows/s" not in p.stderr and "\x1b[" not in p.stderr
