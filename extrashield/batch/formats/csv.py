"""CSV: the case flattened as documented in docs/csv-format.md (dotted column names, lists as JSON text),
parsed row by row; a row that is not UTF-8 or has the wrong number of cells is an invalid row. UTF-8,
with or without a byte-order mark. Results are written with lists as JSON text, as in the input format.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from extrashield.batch.formats.base import Format, Reader, ResultWriter, Writer
from extrashield.batch.rows import (
    InputBatch,
    TableBatch,
    TableError,
    records_to_arrow,
    rows_at,
    text_table,
    too_long,
    unnamed,
    unreadable,
)
from extrashield.errors import CaseError
from extrashield.facts.case import CASE_SPEC, Spec
from extrashield.facts.case_json import is_text, not_utf8, read_case_json

if TYPE_CHECKING:
    import pyarrow as pa


def _leaf_specs(spec: Spec = CASE_SPEC, prefix: str = "") -> dict[str, Spec]:
    out: dict[str, Spec] = {}
    for name, sub in spec.fields.items():
        if sub.kind == "object":
            out.update(_leaf_specs(sub, prefix + name + "."))
        else:
            out[prefix + name] = sub
    return out


CSV_COLUMNS: dict[str, Spec] = _leaf_specs()


class _BadCell(Exception):
    """A cell that cannot stand for any value (its list JSON holds a number too long to read, a lone
    surrogate, a repeated key): the row is invalid with this error."""

    def __init__(self, error: CaseError) -> None:
        self.error = error


_INTEGER = re.compile("[+-]?[0-9]+")


def _cell(spec: Spec, text: str, column: str = "") -> Any:
    """A CSV cell as the JSON value it stands for; text that is not one stays text (validation names it)."""
    if text == "":
        return None
    kind = spec.kind
    if kind == "bool":
        return {"true": True, "false": False}.get(text, text)
    if kind == "number":
        if _INTEGER.fullmatch(text.strip()):
            try:
                return int(text)
            except ValueError:  # more digits than Python reads (as in JSON Lines)
                raise _BadCell(CaseError(column, "number too large")) from None
        try:
            return float(text)
        except ValueError:
            return text
    if kind in ("list", "strings"):
        try:
            return read_case_json(text, column)
        except CaseError as exc:
            if exc.path == column and exc.problem.startswith(("not valid JSON", "is empty")):
                return text
            raise _BadCell(CaseError(_in_cell(column, exc.path), exc.problem)) from None
    return text


def _in_cell(column: str, path: str) -> str:
    """A path inside a cell's JSON (`[0].country`) as a path of the case (`person.citizenships[0].country`)."""
    if not path or path == column:
        return column
    return column + path if path.startswith("[") else f"{column}.{path}"


def csv_row_to_case(row: dict[str, str]) -> Any:
    """One CSV row (column -> text) as a case mapping of docs/contract.md §3."""
    case: dict[str, Any] = {}
    for column, text in row.items():
        if column is None:
            return unreadable(
                "case", "the row has more cells than the header has columns", _text_id(row.get("id"))
            )
        spec = CSV_COLUMNS.get(column)
        try:
            value = _cell(spec, text or "", column) if spec is not None else (text or None)
        except _BadCell as bad:
            return unreadable(bad.error.path, bad.error.problem, _text_id(row.get("id")))
        if value is None:
            continue
        parts = column.split(".")
        node = case
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                return unreadable(column, "clashes with another column", _text_id(row.get("id")))
        node[parts[-1]] = value
    return case


def _text_id(cell: Any) -> str | None:
    return cell if is_text(cell) and cell != "" else None


# A byte that is not UTF-8, as errors="surrogateescape" keeps it. Compiled when a file is read, not when the
# command line starts (its character set takes milliseconds to compile).
_BAD_BYTE = "[\udc80-\udcff]"
_CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)  # the csv module's default (131,072 characters) is too small


def _bytes(text: str) -> int:
    """The bytes `text` was read from (undecodable bytes are kept as one surrogate escape each)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogateescape"))


class _RowTooLong(Exception):
    """Raised to the CSV reader, in place of the line that made a row longer than the cap: the reader
    gives up the row, and starts afresh at the next line."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _CsvLines:
    """The lines of a CSV file as text for `csv.reader`, noting each line that is not valid UTF-8 (its
    bytes kept as surrogate escapes) so that the row holding it is invalid and the others go on. With a
    cap, a row (its lines together) longer than `cap` bytes is not handed on: `_RowTooLong` is raised and
    the rest of the line read through in pieces, never held whole."""

    def __init__(self, f: IO[bytes], cap: int | None = None) -> None:
        self.binary = f
        self.text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="surrogateescape", newline="")
        self.number = 0  # lines handed out (or refused) so far
        self.bad: dict[int, str] = {}  # line number (from 1) -> the problem
        self.cap = cap
        self.bad_byte = re.compile(_BAD_BYTE)
        self.read = 0  # bytes read so far
        self.row = 0  # bytes of the row being read so far
        self.row_first = 1  # its first line

    def __iter__(self) -> _CsvLines:
        return self

    def row_done(self) -> None:
        """The reader has ended a row (or given one up): the next line starts a new one."""
        self.row = 0
        self.row_first = self.number + 1

    def __next__(self) -> str:
        cap = self.cap
        line = self.text.readline() if cap is None else self.text.readline(cap + 1)
        if not line:
            raise StopIteration
        self.number += 1
        last = line
        length = _bytes(line)
        if cap is not None and len(line) > cap and not line.endswith(("\n", "\r")):
            while True:  # longer than the cap in characters, so in bytes too: read through the rest
                last = self.text.readline(1 << 16)
                length += _bytes(last)
                if not last or last.endswith(("\n", "\r")):
                    break
        self.read += length
        self.row += length
        content = self.row - (len(last) - len(last.rstrip("\r\n")))  # the row so far, without its line end
        if cap is not None and content > cap:
            first = self.row_first
            what = f"line {first}" if first == self.number else f"the row of lines {first} to {self.number}"
            raise _RowTooLong(too_long(what, content, cap))
        if not line.isascii():
            m = self.bad_byte.search(line)
            if m is not None:
                data = line.encode("utf-8", "surrogateescape")
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    self.bad[self.number] = not_utf8(data, exc)
        return line

    def problem(self, first: int, last: int) -> str | None:
        """The problem of the first line from `first` to `last` that is not UTF-8."""
        if not self.bad:
            return None
        found = None
        for n in range(first, last + 1):
            p = self.bad.pop(n, None)
            if p is not None and found is None:
                found = p
        return found


def read(
    path: Path,
    batch_size: int,
    decision_date: Any = None,
    *,
    max_line: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[InputBatch]:
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with open(path, "rb") as f:
        lines = _CsvLines(f, max_line)
        reader = csv.reader(lines)
        header: list[str] | None = None
        header_problem: str | None = None
        id_index: int | None = None
        done = 0  # lines read so far
        while True:
            rows: list[Any] = []
            start = f.tell()
            batch_start = lines.read
            while len(rows) < batch_size and (max_bytes is None or lines.read - batch_start < max_bytes):
                try:
                    cells = next(reader)
                    problem = lines.problem(done + 1, lines.number)
                except StopIteration:
                    break
                except csv.Error as exc:
                    cells, problem = None, f"not valid CSV: {exc}"
                    lines.problem(done + 1, lines.number)
                except _RowTooLong as exc:
                    cells, problem = None, exc.problem
                    lines.problem(done + 1, lines.number)
                lines.row_done()
                done = lines.number
                if cells is not None and _blank(cells):
                    continue  # a blank line is not a row
                if header is None:
                    if problem is not None or cells is None:
                        header_problem = f"the header row is {problem or 'not valid CSV'}"
                    header = cells or []
                    id_index = header.index("id") if "id" in header else None
                    continue
                rows.append(_csv_row(header, id_index, cells, problem or header_problem))
            if not rows:
                if max_bytes is not None and lines.read > batch_start:
                    continue  # only blank lines or the header in this stretch: read on
                return
            data, invalid = records_to_arrow(rows, decision_date)
            yield InputBatch(data, rows_at(rows), invalid, max(0, f.tell() - start))
            if len(rows) < batch_size and (max_bytes is None or lines.read - batch_start < max_bytes):
                return


def _blank(cells: list[str]) -> bool:
    return not cells or (len(cells) == 1 and not cells[0].strip())


def _csv_row(header: list[str], id_index: int | None, cells: list[str] | None, problem: str | None) -> Any:
    """A CSV row as a case, or as the reason it is none (not UTF-8, not CSV, a cell too many or too few),
    keeping its id when the id cell is there."""
    if cells is None:
        return unreadable("case", problem or "not valid CSV")
    id_cell = cells[id_index] if id_index is not None and id_index < len(cells) else None
    if problem is not None:
        return unreadable("case", problem, _text_id(id_cell))
    if len(cells) != len(header):
        return unreadable(
            "case",
            f"the row has {len(cells)} cell{'s' if len(cells) != 1 else ''}, the header has "
            f"{len(header)} column{'s' if len(header) != 1 else ''}",
            _text_id(id_cell),
        )
    return csv_row_to_case(dict(zip(header, cells)))


# --- person lists (docs/contract.md §3b): the file as a table of text columns ----------------------------
# A clean list is parsed by Arrow's CSV reader, a block of whole rows at a time (no Python object per row); a
# block Arrow refuses (a row with too many or too few cells, text that is not UTF-8, a blank line of spaces, a
# quote left open) is read again row by row with the csv module, as the cases of a CSV file are, so that its
# faulty rows are invalid rows naming their line and the others go on.

BLOCK_BYTES = 8 << 20  # whole rows given to Arrow at a time; a row that does not fit is invalid, read through


def _row_end(buf: bytes, start: int = 0) -> int:
    """The end of the last whole row in `buf` (just after its line feed), or 0 when there is none: the last
    line feed outside quotes, told by the number of quote characters before it being even (RFC 4180: a
    quote inside a quoted value is doubled)."""
    quotes = buf.count(b'"', start)
    end = len(buf)
    pos = buf.rfind(b"\n", start)
    while pos >= 0:
        quotes -= buf.count(b'"', pos, end)
        if quotes % 2 == 0:
            return pos + 1
        end = pos
        pos = buf.rfind(b"\n", start, pos)
    return 0


def _first_row(f: IO[bytes]) -> tuple[bytes, int, int]:
    """The header row's bytes (without a byte-order mark), the offset where the data begins and the number
    of lines up to there (blank lines before the header are skipped, as anywhere)."""
    head = f.read(BLOCK_BYTES)
    start = len(BOM) if head.startswith(BOM) else 0
    lines = 0
    while True:
        nl = head.find(b"\n", start)
        while nl >= 0 and head.count(b'"', start, nl) % 2:
            nl = head.find(b"\n", nl + 1)
        if nl < 0:
            if len(head) - start > BLOCK_BYTES:
                raise TableError(
                    f"line {lines + 1}: the header row is over {BLOCK_BYTES} bytes long; is this a CSV file?"
                )
            more = f.read(BLOCK_BYTES)
            if more:
                head += more
                continue
            nl = len(head)
        row = head[start : nl + 1]
        lines += 1 + row.count(b"\n", 0, max(0, len(row) - 1))
        if row.strip():
            return row, nl + 1, lines
        if nl >= len(head):
            return b"", nl, lines
        start = nl + 1


BOM = b"\xef\xbb\xbf"


def header(path: Path) -> list[str]:
    """The column names of a CSV file: its first row that is not blank (an empty name is `column N`)."""
    with open(path, "rb") as f:
        return _header(f)[0]


def _header(f: IO[bytes]) -> tuple[list[str], int, int]:
    from extrashield.facts.case_json import wide_encoding

    row, data_start, lines = _first_row(f)
    if not row:
        return [], data_start, lines
    wide = wide_encoding(row)
    if wide is not None or b"\x00" in row:
        raise TableError(
            f"line {lines}: the file is {wide or 'not'} text{'' if wide else ' (it holds NUL bytes)'}; "
            "save it as CSV in UTF-8"
        )
    try:
        text = row.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TableError(
            f"line {lines}: the header row is {not_utf8(row, exc)}: the file may be in another "
            "encoding (such as Windows-1251); save it as CSV in UTF-8"
        ) from None
    try:
        cells = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as exc:
        raise TableError(f"line {lines}: the header row is not valid CSV ({exc})") from None
    return unnamed([c.strip() for c in cells], lambda i: f"column {i + 1}"), data_start, lines


def read_table(path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[TableBatch]:
    """The rows of a person list in CSV, after its header, as text columns (see above)."""
    import pyarrow as pa

    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with open(path, "rb") as f:
        names, data_start, line = _header(f)
        f.seek(data_start)
        pending: list[TableBatch] = []
        rows = 0
        for block in _blocks(f, line + 1):
            got = block.parse(names)
            pending.append(got)
            rows += got.table.num_rows
            while rows >= batch_size:
                first, pending = _take(pending, batch_size)
                rows -= batch_size
                yield first
        if rows:
            table = pa.concat_tables([b.table for b in pending])
            yield TableBatch(table, _problems(pending), sum(b.size for b in pending))


def _problems(batches: list[TableBatch]) -> list[str | None] | None:
    if all(b.problems is None for b in batches):
        return None
    return [p for b in batches for p in (b.problems or [None] * b.table.num_rows)]


def _take(pending: list[TableBatch], n: int) -> tuple[TableBatch, list[TableBatch]]:
    """The first `n` rows of the pending batches as one batch, and the rest."""
    import pyarrow as pa

    table = pa.concat_tables([b.table for b in pending])
    problems = _problems(pending)
    size = sum(b.size for b in pending)
    first_size = size * n // max(1, table.num_rows)
    rest = TableBatch(table.slice(n), None if problems is None else problems[n:], size - first_size)
    first = TableBatch(table.slice(0, n), None if problems is None else problems[:n], first_size)
    return first, ([rest] if rest.table.num_rows else [])


class _Block:
    """Whole rows of a CSV file (`data`, from line `line`), or one row too long to be read (`too_long`)."""

    def __init__(self, data: bytes, line: int, too_long: str | None = None, size: int = 0) -> None:
        self.data, self.line, self.too_long, self.size = data, line, too_long, size or len(data)

    def parse(self, names: list[str]) -> TableBatch:
        if self.too_long is not None:
            return TableBatch(text_table(names, [[None] * len(names)]), [f"row: {self.too_long}"], self.size)
        table = _arrow_block(self.data, names)
        if table is not None:
            return TableBatch(table, None, self.size)
        return _python_block(self.data, self.line, names)


def _blocks(f: IO[bytes], line: int) -> Iterator[_Block]:
    """The data of a CSV file in blocks of whole rows of about `BLOCK_BYTES`; a row that does not fit in
    one is read through in pieces (its quotes followed) and stands for itself, as a row too long."""
    buf = b""
    eof = False
    while True:
        while not eof and len(buf) < BLOCK_BYTES:
            chunk = f.read(BLOCK_BYTES)
            eof = not chunk
            buf += chunk
        if not buf:
            return
        end = len(buf) if eof else _row_end(buf)
        if end == 0:
            length, lines, buf, eof = _through(f, buf)
            what = f"line {line}" if lines <= 1 else f"the row of lines {line} to {line + lines - 1}"
            yield _Block(b"", line, too_long(what, length, BLOCK_BYTES), length)
            line += lines
            continue
        block, buf = buf[:end], buf[end:]
        yield _Block(block, line)
        line += block.count(b"\n")


def _through(f: IO[bytes], buf: bytes) -> tuple[int, int, bytes, bool]:
    """Read through the row that `buf` begins with (longer than the cap): its length without its line end,
    its lines, what follows it, and whether the file has ended."""
    quotes = 0
    length = 0
    lines = 0
    while True:
        pos = 0
        while True:
            nl = buf.find(b"\n", pos)
            if nl < 0:
                break
            quotes += buf.count(b'"', pos, nl)
            lines += 1
            if quotes % 2 == 0:
                length += nl - (1 if nl > 0 and buf[nl - 1 : nl] == b"\r" else 0)
                return length, lines, buf[nl + 1 :], False
            pos = nl + 1
        quotes += buf.count(b'"', pos)
        length += len(buf)
        buf = f.read(1 << 16)
        if not buf:
            return length, lines + 1, b"", True


def _arrow_block(data: bytes, names: list[str]) -> pa.Table | None:
    """The rows of a block as text columns, by Arrow's CSV reader; None when it refuses them or they are
    not all UTF-8 text (the block is then read row by row)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from extrashield.batch.formats.jsonl import _utf8

    if not data.isascii() and not _utf8(data):
        return None
    try:
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False, block_size=len(data) + 1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, check_utf8=False, strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None


def _python_block(data: bytes, line: int, names: list[str]) -> TableBatch:
    """A block read row by row: a row that is not UTF-8, not CSV, or has too many or too few cells is
    invalid, its line named; blank lines are not rows."""
    lines = _CsvLines(io.BytesIO(data))
    reader = csv.reader(lines)
    rows: list[list[str | None]] = []
    problems: list[str | None] = []
    done = 0
    width = len(names)
    while True:
        try:
            cells: list[str] | None = next(reader)
            problem = lines.problem(done + 1, lines.number)
            problem = None if problem is None else f"is {problem}"
        except StopIteration:
            break
        except csv.Error as exc:
            cells, problem = None, f"is not valid CSV ({exc})"
            lines.problem(done + 1, lines.number)
        first, last = line + done, line + lines.number - 1
        lines.row_done()
        done = lines.number
        if cells is not None and _blank(cells):
            continue
        if problem is None and cells is not None and len(cells) != width:
            problem = (
                f"has {len(cells)} cell{'s' if len(cells) != 1 else ''}, the header has {width} "
                f"column{'s' if width != 1 else ''}"
            )
        if problem is not None or cells is None:
            where = f"line {first}" if first >= last else f"the row of lines {first} to {last}"
            rows.append([None] * width)
            problems.append(f"row: {where} {problem}")
        else:
            rows.append(list(cells))
            problems.append(None)
    return TableBatch(text_table(names, rows), problems, len(data))


class CsvResults(ResultWriter):
    """Results with the lists (`applies`, `depends_on`, `questions`) as JSON text, as lists are in the input
    format; a person list's own columns as Arrow writes them (lists and structs as JSON text too)."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        from extrashield.batch.results import plain_schema

        self._schema = pa.schema([pa.field(f.name, _csv_type(f.type)) for f in plain_schema(schema)])
        self._writer = pacsv.CSVWriter(str(path), self._schema)

    def write(self, batch: pa.RecordBatch) -> None:
        import pyarrow as pa

        from extrashield.batch.json_columns import json_values
        from extrashield.batch.results import plain

        columns = [json_values(c) if _nested(c.type) else c for c in plain(batch).columns]
        self._writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


def _nested(t: pa.DataType) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_nested(t))


def _csv_type(t: pa.DataType) -> pa.DataType:
    import pyarrow as pa

    return pa.string() if _nested(t) else t


def case_to_csv_row(case: Any) -> dict[str, str]:
    """A case mapping flattened as in docs/csv-format.md (the inverse of `csv_row_to_case`)."""
    out: dict[str, str] = {}

    def walk(value: Any, prefix: str) -> None:
        for key, v in value.items():
            path = prefix + key
            if isinstance(v, dict) and CSV_COLUMNS.get(path) is None:
                walk(v, path + ".")
            elif v is None:
                out[path] = ""
            elif isinstance(v, bool):
                out[path] = "true" if v else "false"
            elif isinstance(v, list | dict):
                out[path] = json.dumps(v, ensure_ascii=False)
            else:
                out[path] = str(v)

    walk(case, "")
    return out


FORMAT = Format(
    name="csv",
    title="CSV",
    layout="flattened, docs/csv-format.md",
    reader=Reader(
        suffixes=(".csv",),
        media_types=("text/csv",),
        read=read,
        header=header,
        read_table=read_table,
        header_row=True,
    ),
    writer=Writer(suffixes=(".csv",), open=CsvResults),
)
