"""JSON Lines: one case per line in (blank lines are skipped, not rows), one result per line out.

Each block is parsed by Arrow's JSON reader against `CASE_SCHEMA`; a block Arrow refuses (a wrong type, an
unknown field, a line that is not JSON) or must not be given (a line that is not an object, text that is
not UTF-8) is parsed again line by line as `assess` reads a case file (`core.case_json`), and the faulty
lines get their own error. UTF-8, with or without a byte-order mark.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from extrashield.batch.formats.base import Format, Reader, ResultWriter, Writer
from extrashield.batch.rows import (
    InputBatch,
    TableBatch,
    cell_text,
    id_of,
    records_to_arrow,
    text_table,
    too_long,
    unreadable,
)
from extrashield.errors import CaseError
from extrashield.facts.case_json import not_utf8, read_case_json

if TYPE_CHECKING:
    import pyarrow as pa

BOM = b"\xef\xbb\xbf"


class _TooLong(bytes):
    """Stands in a batch for a line longer than the cap (which was skipped, not kept): not an object, so
    its batch is read line by line, and `_parse_line` gives it its error."""

    problem: str


def _capped_line(f: IO[bytes], cap: int | None, number: int) -> bytes:
    """The next line of `f` (b"" at the end), or a `_TooLong` for one longer than `cap` bytes (its line
    end not counted), read through in pieces of at most 64 KiB."""
    if cap is None:
        return f.readline()
    line = f.readline(cap + 1)
    if len(line) <= cap or line.endswith(b"\n"):
        return line
    length = len(line)
    while True:
        rest = f.readline(1 << 16)
        length += len(rest)
        if not rest or rest.endswith(b"\n"):
            break
    length -= 2 if rest.endswith(b"\r\n") else 1 if rest.endswith(b"\n") else 0
    marker = _TooLong(b"!\n")
    marker.problem = too_long(f"line {number}", length, cap)
    return marker


def _lines(
    f: IO[bytes], batch_size: int, max_line: int | None = None, max_bytes: int | None = None
) -> Iterator[tuple[list[bytes], int, bool]]:
    """Batches of the non-blank lines (a blank line is not a row), the bytes they took, and whether
    every line starts with `{` and holds no carriage return but at its end (only then may Arrow's JSON
    reader have them: it crashes on a block that starts with a top-level `null`, apache/arrow#47409, and
    it starts a block after a CR as after a LF). A leading byte-order mark is dropped. A batch ends at
    `batch_size` lines or once it holds `max_bytes` bytes; a line over `max_line` bytes is a `_TooLong`."""
    lines: list[bytes] = []
    size = 0
    objects = True
    first = True
    number = 0
    while line := _capped_line(f, max_line, number + 1):
        number += 1
        size += len(line)
        if first:
            first = False
            line = line.removeprefix(BOM)
        start = line.lstrip()
        if start:
            if (
                start[0] != 0x7B or 0 <= line.find(b"\r") < len(line) - 2
            ):  # "{"; Arrow splits at a lone CR too
                objects = False
            lines.append(line if line.endswith(b"\n") else line + b"\n")
            if len(lines) == batch_size or (max_bytes is not None and size >= max_bytes):
                yield lines, size, objects
                lines, size, objects = [], 0, True
    if lines or size:
        yield lines, size, objects


def _parse_line(line: bytes) -> Any:
    """One line of JSON Lines as the case it holds, or the reason it holds none (as `assess` reads a
    case file: no invalid UTF-8, no repeated key, no lone surrogate, no number too long to read)."""
    if isinstance(line, _TooLong):
        return unreadable("case", line.problem)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return unreadable("case", not_utf8(line, exc))
    try:
        return read_case_json(text, "case")
    except CaseError as exc:
        return unreadable(exc.path, exc.problem, _id_of_text(text))


def _id_of_text(text: str) -> str | None:
    """The id of a line that is JSON but not a valid case, so that its result row still names it."""
    try:
        value = json.loads(text, parse_int=lambda digits: 0)
    except (ValueError, RecursionError):
        return None
    return id_of(value)


def _utf8(buf: bytes) -> bool:
    """Whether `buf` is valid UTF-8 (checked by Arrow, without decoding a copy of it)."""
    import numpy as np
    import pyarrow as pa

    data = pa.py_buffer(buf)
    offsets = pa.py_buffer(np.array([0, len(buf)], np.int64).tobytes())
    try:
        pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, data]).cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def read(
    path: Path,
    batch_size: int,
    decision_date: Any = None,
    *,
    max_line: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[InputBatch]:
    import pyarrow as pa
    import pyarrow.json as pj

    from extrashield.engine.vector.arrow_cases import CASE_SCHEMA

    options = pj.ParseOptions(explicit_schema=CASE_SCHEMA, unexpected_field_behavior="error")
    with open(path, "rb") as f:
        for lines, size, objects in _lines(f, batch_size, max_line, max_bytes):
            if not lines:
                yield InputBatch(pa.array([], pa.struct(list(CASE_SCHEMA))), lambda idx: [], None, size)
                continue
            buf = b"".join(lines)

            def raw(idx: Sequence[int], lines: list[bytes] = lines) -> list[Any]:
                return [_parse_line(lines[i]) for i in idx]

            try:
                # Arrow takes a block only when every line is an object and the text valid UTF-8 (its
                # reader does not check the encoding); other blocks are read line by line below
                if not objects or not _utf8(buf):
                    raise ValueError("not for Arrow")
                # blocks of about 1 MB (each at least one whole line) are parsed on Arrow's threads
                block = max(1 << 20, max(map(len, lines)) + 1)
                table = pj.read_json(
                    pa.BufferReader(buf), parse_options=options, read_options=pj.ReadOptions(block_size=block)
                )
                if table.num_rows != len(lines):
                    raise ValueError("row count differs")
                data: pa.RecordBatch | pa.StructArray = table.combine_chunks().to_batches()[0]
                invalid = None
            except (pa.ArrowException, ValueError):
                data, invalid = records_to_arrow(raw(range(len(lines))), decision_date)
            yield InputBatch(data, raw, invalid, size)


# --- person lists (docs/contract.md §3b): one flat object a line ------------------------------------------

HEADER_LINES = 1000  # the columns of a person list are the keys of its first lines


def header(path: Path) -> list[str]:
    """The keys of the objects on the first `HEADER_LINES` lines, in the order they first appear (a line
    that is not an object, or not JSON, adds none). FollowTheMoney entities are read by `batch.ftm`."""
    from extrashield.batch import ftm

    if ftm.sniff(path):
        return ftm.header(path)
    keys: dict[str, None] = {}
    with open(path, "rb") as f:
        for lines, _size, _objects in _lines(f, HEADER_LINES, 1 << 20):
            for line in lines:
                value = _parse_line(line)
                if isinstance(value, dict):
                    keys.update(dict.fromkeys(value))
            break
    return list(keys)


def read_table(path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[TableBatch]:
    """A person list's lines as text columns, one per key of `header`; a line that is not a JSON object,
    or has a key the first lines do not have, is an invalid row naming its line."""
    from extrashield.batch import ftm

    if ftm.sniff(path):
        yield from ftm.read_table(path, batch_size, max_line=max_line)
        return
    names = header(path)
    known = set(names)
    number = 0
    with open(path, "rb") as f:
        for lines, size, _objects in _lines(f, batch_size, max_line):
            rows: list[list[str | None]] = []
            problems: list[str | None] = []
            for line in lines:
                number += 1
                value = _parse_line(line)
                problem = None
                if not isinstance(value, dict):
                    error = getattr(value, "error", None)
                    problem = f"row: {error.problem if error is not None else 'not a JSON object'}"
                else:
                    extra = [k for k in value if k not in known]
                    if extra:
                        problem = (
                            f"{extra[0]}: line {number} has this key, which the list's first {HEADER_LINES} "
                            "lines do not have; give it on one of the first lines (it may be empty)"
                        )
                if problem is not None:
                    rows.append([None] * len(names))
                else:
                    rows.append([cell_text(value.get(n)) for n in names])
                problems.append(problem)
            yield TableBatch(text_table(names, rows), problems if any(problems) else None, size)


def result_json_lines(batch: pa.RecordBatch) -> str:
    """The results as JSON Lines: each line exactly what `json.dumps(row, ensure_ascii=False)` writes (`error`
    only on invalid rows), assembled column by column (`batch.json_columns`)."""
    from extrashield.batch.json_columns import json_objects

    if batch.num_rows == 0:
        return ""
    return "\n".join(json_objects(batch).to_pylist()) + "\n"


class JsonLinesResults(ResultWriter):
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self._file = open(path, "w", encoding="utf-8")

    def write(self, batch: pa.RecordBatch) -> None:
        self._file.write(result_json_lines(batch))

    def close(self) -> None:
        self._file.close()


SUFFIXES = (".jsonl", ".ndjson")
FORMAT = Format(
    name="jsonl",
    title="JSON Lines",
    layout="one case a line",
    # a .json file is read as JSON Lines (one case is one line; a file of one case is both); results written
    # to .json are one JSON array (formats/json.py)
    reader=Reader(
        suffixes=(*SUFFIXES, ".json"),
        read=read,
        header=header,
        read_table=read_table,
        media_types=(
            "application/x-ndjson",
            "application/jsonl",
            "application/json-lines",
            "application/jsonlines",
        ),
    ),
    writer=Writer(suffixes=SUFFIXES, open=JsonLinesResults),
)
