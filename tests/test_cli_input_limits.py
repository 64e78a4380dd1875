"""The command line's input limits: a case file is read up to 1 MiB (one byte more, to tell), so /dev/zero,
a FIFO or a huge file exits 2 naming the file and the cap instead of filling memory; a UTF-16 or UTF-32
file is named as such; numbers beyond the format's bounds (docs/case-format.md) and NUL characters are
refused naming the field, by `assess` (exit 2), by `screen` (an `invalid` row, in JSON Lines, CSV and
Parquet alike) and by the Python API."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import extrashield
from extrashield import CaseError
from extrashield.facts.case_json import MAX_CASE_BYTES

from .test_cli_input import EXAMPLE, ROOT, _refused, run

CASE = json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(CASE))
    node = out
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
    return out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_exits_2_naming_the_file_and_the_cap() -> None:
    _refused(run("assess", "/dev/zero"), "/dev/zero", str(MAX_CASE_BYTES), "1 MiB")


def test_standard_input_is_capped_too() -> None:
    _refused(run("assess", "-", stdin=b" " * (MAX_CASE_BYTES + 10)), "-:", "1 MiB")


def test_a_file_of_exactly_the_cap_is_read(tmp_path: Path) -> None:
    text = json.dumps(CASE).encode()
    path = tmp_path / "case.json"
    path.write_bytes(text + b" " * (MAX_CASE_BYTES - len(text)))
    assert run("assess", str(path)).returncode == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_that_never_ends_exits_2(tmp_path: Path) -> None:
    fifo = tmp_path / "case.fifo"
    os.mkfifo(fifo)
    done = threading.Event()

    def write_forever() -> None:
        try:
            with open(fifo, "wb") as fh:
                while not done.is_set():
                    fh.write(b" " * 65536)
        except BrokenPipeError:
            pass  # the reader stopped after the cap, as it should

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    out = run("assess", str(fifo))
    done.set()
    _refused(out, str(fifo), "1 MiB")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf16_or_utf32_file_is_named_as_such(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(json.dumps(CASE).encode(encoding))
    name = encoding[:6].upper()
    _refused(run("assess", str(path)), f"{path}: is {name} encoded, not UTF-8; save it as UTF-8")


REFUSED = [
    (
        ("request", "offense", "max_penalty_years"),
        1e308,
        "request.offense.max_penalty_years",
        ("at most 100 years", "Art. 56"),
    ),
    (
        ("request", "offense", "max_penalty_years"),
        100.5,
        "request.offense.max_penalty_years",
        ("at most 100 years",),
    ),
    (
        ("request", "offense", "sentence_years"),
        1001,
        "request.offense.sentence_years",
        ("at most 1000 years",),
    ),
    (("id",), "a\x00b", "id", ("NUL character",)),
    (("request", "offense", "description"), "\x00", "request.offense.description", ("NUL character",)),
    (("person", "names"), ["x", "\x00"], "person.names[1]", ("NUL character",)),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), REFUSED)
def test_out_of_bounds_numbers_and_nul_exit_2_naming_the_field(
    tmp_path: Path, path: tuple[str, ...], value: Any, field: str, words: tuple[str, ...]
) -> None:
    case = _with(path, value)
    src = tmp_path / "case.json"
    src.write_text(json.dumps(case), encoding="utf-8")
    _refused(run("assess", str(src)), f"{field}:", *words)
    with pytest.raises(CaseError) as caught:
        extrashield.assess(case)
    assert caught.value.path == field


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_screen_gives_the_same_refusals_as_invalid_rows(tmp_path: Path, fmt: str) -> None:
    from extrashield.engine.vector.arrow_cases import CASE_TYPE

    bad = [_with(path, value) for path, value, _, _ in REFUSED]
    rows = [CASE, *bad, CASE]
    src, out = tmp_path / f"cases.{fmt}", tmp_path / "out.csv"
    if fmt == "jsonl":
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        pq.write_table(pa.Table.from_struct_array(pa.array(rows, CASE_TYPE)), src)
    p = subprocess.run(
        [sys.executable, "-m", "extrashield", "screen", str(src), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    got = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert got[0]["outcome"] != "invalid" and got[-1]["outcome"] != "invalid"
    for row, case, (_, _, field, words) in zip(got[1:-1], bad, REFUSED):
        assert row["outcome"] == "invalid", row
        if fmt == "jsonl":
            with pytest.raises(CaseError) as caught:
                extrashield.assess(case)
            assert row["error"] == str(caught.value)
        else:  # Parquet holds numbers as float64: the message quotes 1001.0 for 1001
            assert row["error"].startswith(f"{field}: ") and all(w in row["error"] for w in words), row


def test_the_bounds_themselves_are_accepted() -> None:
    for path, value in (
        (("request", "offense", "max_penalty_years"), 100),
        (("request", "offense", "sentence_years"), 1000),
    ):
        extrashield.assess(_with(path, value))
