"""The format registry (extrashield/batch/formats/) is the one table of formats: every format module is
in it, no two formats claim a file name ending or a media type on the same side, it stays light to import,
and the command line, the API and the docs say what it declares."""

from __future__ import annotations

import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import extrashield.batch.formats as formats
from extrashield.batch.formats import (
    FORMATS,
    INPUTS,
    OUTPUTS,
    input_for,
    input_for_media_type,
    output_for,
    reader_of,
    writer_of,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"
NOT_FORMATS = {"base"}  # the declarations' types


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_every_format_module_is_in_the_registry_under_its_own_name() -> None:
    modules = {m.name for m in pkgutil.iter_modules(formats.__path__)} - NOT_FORMATS
    assert sorted(f.name for f in FORMATS) == sorted(modules)
    for fmt in FORMATS:
        assert sys.modules[f"extrashield.batch.formats.{fmt.name}"].FORMAT is fmt


def test_each_format_reads_writes_or_both_and_lists_what_it_does() -> None:
    assert all(f.reader is not None or f.writer is not None for f in FORMATS)
    assert INPUTS == tuple(f for f in FORMATS if f.reader is not None)
    assert OUTPUTS == tuple(f for f in FORMATS if f.writer is not None)
    assert len({f.name for f in FORMATS}) == len(FORMATS)


@pytest.mark.parametrize("side", ["reader", "writer"])
def test_no_two_formats_claim_one_file_name_ending_on_the_same_side(side: str) -> None:
    endings = [s for f in FORMATS if getattr(f, side) is not None for s in getattr(f, side).suffixes]
    assert len(endings) == len(set(endings)), endings
    assert all(re.fullmatch(r"\.[a-z0-9]+", s) for s in endings), endings


def test_no_two_formats_claim_one_media_type() -> None:
    types = [t for f in INPUTS for t in reader_of(f).media_types]
    assert len(types) == len(set(types)) and all(t == t.lower() for t in types), types


def test_a_file_is_read_and_written_as_its_ending_says_in_any_case() -> None:
    for fmt in INPUTS:
        for suffix in reader_of(fmt).suffixes:
            assert input_for(f"cases{suffix.upper()}") is fmt
    for fmt in OUTPUTS:
        for suffix in writer_of(fmt).suffixes:
            assert output_for(Path(f"out/results{suffix}")) is fmt
    assert input_for("cases.txt") is None and output_for("results") is None
    assert input_for_media_type("Text/CSV; charset=utf-8") is formats.named("csv", INPUTS)


def test_the_registry_imports_neither_pyarrow_nor_numpy() -> None:
    # The command line builds its help from the registry at every start, `extrashield assess` included.
    probe = "import sys, json, extrashield.batch.formats; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(json.loads(out.stdout))
    assert "pyarrow" not in loaded and "numpy" not in loaded


def test_screen_help_lists_every_format_with_the_endings_it_reads_and_writes() -> None:
    help_text = _run("screen", "--help").stdout
    for fmt in FORMATS:
        line = next(line for line in help_text.splitlines() if line.strip().startswith(f"- {fmt.name}:"))
        for side, word in ((fmt.reader, "reads"), (fmt.writer, "writes")):
            if side is not None:
                assert f"{word} {', '.join(side.suffixes)}" in line, line


def test_an_output_name_with_no_known_ending_names_the_endings_and_the_option(tmp_path: Path) -> None:
    p = _run("screen", str(EXAMPLES / "cases.jsonl"), str(tmp_path / "results.txt"))
    assert p.returncode == 2
    first = [writer_of(f).suffixes[0] for f in OUTPUTS]
    endings = ", ".join(first[:-1]) + f" or {first[-1]}"
    assert f"use {endings}, or say it with --output-format" in p.stderr
    assert not (tmp_path / "results.txt").exists()


def test_the_api_takes_each_format_by_name_by_media_type_and_by_file_name(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from extrashield.adapters.api.app import create_app

    line = (EXAMPLES / "cases.jsonl").read_bytes().splitlines(keepends=True)[0]
    expected = json.loads(line)["id"]
    jsonl = formats.named("jsonl", INPUTS)
    assert jsonl is not None

    def ids(r: Any) -> list[Any]:
        assert r.status_code == 200, r.text
        return [json.loads(x)["id"] for x in r.text.splitlines()]

    app = create_app(f"sqlite:///{tmp_path / 'r.sqlite3'}", pages=False, spool_dir=str(tmp_path / "spool"))
    with TestClient(app, raise_server_exceptions=False) as api:
        for media in reader_of(jsonl).media_types:
            assert ids(api.post("/v1/screen", content=line, headers={"content-type": media})) == [expected]
        # a .json file is read as JSON Lines, as `extrashield screen` reads it
        for suffix in reader_of(jsonl).suffixes:
            assert ids(api.post("/v1/screen", files={"file": (f"cases{suffix}", line)})) == [expected]
        doc = api.get("/openapi.json").json()
    body = doc["paths"]["/v1/screen"]["post"]["requestBody"]["content"]
    assert [m for m in body if m not in ("application/octet-stream", "multipart/form-data")] == [
        reader_of(f).media_types[0] for f in INPUTS
    ]


def test_docs_api_md_names_every_format_and_its_media_type() -> None:
    row = next(
        line
        for line in (ROOT / "docs" / "api.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `POST /v1/screen`")
    )
    assert f"format={'|'.join(f.name for f in INPUTS)}".replace("|", "\\|") in row
    for fmt in INPUTS:
        assert reader_of(fmt).media_types[0] in row, fmt.name
