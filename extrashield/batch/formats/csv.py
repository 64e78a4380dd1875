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
from extrashield.batch.rows import InputBatch, records_to_arrow, rows_at, too_long, unreadable
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
            return unreadable("case", "the row has more cells than the header has columns", _text_id(row.get("id")))
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


def read(path: Path, batch_size: int, decision_date: Any = None, *, max_line: int | None = None,
         max_bytes: int | None = None) -> Iterator[InputBatch]:
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
        return unreadable("case", f"the row has {len(cells)} cell{'s' if len(cells) != 1 else ''}, the header has "
                                  f"{len(header)} column{'s' if len(header) != 1 else ''}", _text_id(id_cell))
    return csv_row_to_case(dict(zip(header, cells)))



class CsvResults(ResultWriter):
    """Results with `applies` and `depends_on` as JSON text, as lists are in the input format."""

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        from extrashield.batch.results import RESULT_SCHEMA

        self._schema = pa.schema([pa.field(f.name, pa.string()) for f in RESULT_SCHEMA])
        self._writer = pacsv.CSVWriter(str(path), self._schema)

    def write(self, batch: pa.RecordBatch) -> None:
        import pyarrow as pa

        self._writer.write_batch(pa.RecordBatch.from_arrays(
            [batch.column(0), batch.column(1), _json_list(batch.column(2)), _json_list(batch.column(3)),
             batch.column(4)], schema=self._schema))

    def close(self) -> None:
        self._writer.close()


def _json_list(arr: pa.ListArray) -> pa.Array:
    """A list of texts as JSON text: ["a","b"] (provision ids and fact paths need no escaping)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    joined = pc.binary_join(arr, '","')
    text = pc.binary_join_element_wise('["', joined, '"]', "")
    empty = pc.equal(pc.list_value_length(arr), 0)
    return pc.if_else(empty, pa.scalar("[]"), text)


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
    name="csv", title="CSV", layout="flattened, docs/csv-format.md",
    reader=Reader(suffixes=(".csv",), media_types=("text/csv",), read=read),
    writer=Writer(suffixes=(".csv",), open=CsvResults),
)
