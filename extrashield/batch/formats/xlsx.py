"""XLSX (Excel workbooks), with openpyxl: the first sheet read as a table, results written as a sheet people
can filter.

Reading (openpyxl's read-only mode: rows streamed, the workbook never held whole) takes the first worksheet,
its first row that is not empty as the header, and every later row that is not empty as a row. Cells are
read as the text a person sees: a number as written (`2024`, not `2024.0`), a date as `YYYY-MM-DD` (with its
time, if it has one), `true`/`false`. A person list (docs/contract.md §3b) is read as such; a sheet of cases
has the dotted headers of docs/csv-format.md, as CSV does. What a sheet cannot say is an error naming the
row and the column: an empty sheet, a header cell that is a number or a date (the header row is missing),
cells merged in the header (the whole file: `rows.TableError`); cells merged below it, or a value in a
column with no header (that row: an invalid row, and the others go on).

Writing (write-only mode: rows streamed to the file) gives a sheet `results` with a bold header row that
stays in view (frozen) and filters (auto-filter), the outcome cells coloured (both outcomes of `impact
--changes` too), lists joined by `; `. A sheet holds at most 1,048,576 rows; longer results go on in
`results 2`, and so on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
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
    unreadable,
)

if TYPE_CHECKING:
    import pyarrow as pa

SHEET_ROWS = 1_048_576  # the most rows an Excel sheet has
CELL_CHARACTERS = 32_767  # the most characters Excel shows in a cell


def _text(value: Any) -> str | None:
    """A cell's value as the text a person sees in it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


class _Sheet:
    """The first worksheet of a workbook: its header and its rows, each with its row number."""

    def __init__(self, path: Path) -> None:
        import zipfile

        import openpyxl

        self.file: IO[bytes] = open(path, "rb")
        try:
            # a file object, not the path: openpyxl would refuse a spooled upload for its file name ending
            self.book = openpyxl.load_workbook(self.file, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            self.file.close()
            raise TableError(f"not a readable XLSX workbook ({exc.__class__.__name__}: {exc})") from None
        except Exception as exc:  # openpyxl's own errors for a damaged workbook
            self.file.close()
            raise TableError(f"not a readable XLSX workbook ({exc.__class__.__name__}: {exc})") from None
        if not self.book.worksheets:
            self.close()
            raise TableError("the workbook has no worksheet")
        self.sheet = self.book.worksheets[0]
        self.name = self.sheet.title
        self.others = len(self.book.worksheets) - 1
        self.merged = _merged_ranges(path, getattr(self.sheet, "_worksheet_path", ""))
        self.rows_hint = self.sheet.max_row or 0  # from the sheet's dimension, when it says one
        self.sheet.reset_dimensions()  # some writers state a wrong one: read every row there is
        self._rows = enumerate(self.sheet.iter_rows(values_only=True), start=1)
        self.header_row, self.names = self._header()

    def where(self, row: int, column: int | None = None) -> str:
        sheet = f"sheet {self.name!r}"
        return f"{sheet}, row {row}" + (f", column {_letter(column)}" if column is not None else "")

    def _header(self) -> tuple[int, list[str]]:
        for number, values in self._rows:
            if not any(v is not None and v != "" for v in values):
                continue
            width = max(i for i, v in enumerate(values) if v is not None and v != "") + 1
            names: list[str] = []
            for i, v in enumerate(values[:width]):
                if v is not None and not isinstance(v, str):
                    raise TableError(
                        f"{self.where(number, i)}: the first row that is not empty holds {_text(v)!r}, "
                        "not a column name: is the header row missing? Put the column names in the "
                        "first row"
                    )
                names.append((v or "").strip() or f"column {_letter(i)}")
            for ref, (c1, r1, _c2, r2) in self.merged.items():
                if r1 <= number <= r2:
                    raise TableError(
                        f"{self.where(number, c1 - 1)}: cells {ref} of the header are merged; unmerge "
                        "them so that each column has a name of its own"
                    )
            return number, names
        raise TableError(
            f"sheet {self.name!r} is empty: no header row and no rows"
            + (
                " (the workbook's other sheets are not read: put the list in the first one)"
                if self.others
                else ""
            )
        )

    def rows(self) -> Iterator[tuple[int, list[str | None], str | None]]:
        """(row number, cells as text, the problem of a row that cannot be read) for each row that is not
        empty. A merged range below the header makes each of its rows invalid, naming the column."""
        width = len(self.names)
        merged_rows: dict[int, str] = {}
        for ref, (c1, r1, _c2, r2) in sorted(self.merged.items(), key=lambda kv: kv[1][1]):
            name = self.names[c1 - 1] if c1 - 1 < width else f"column {_letter(c1 - 1)}"
            for r in range(max(r1, self.header_row + 1), r2 + 1):
                merged_rows.setdefault(
                    r, f"{name}: cells {ref} are merged; unmerge them and write the value in each row"
                )
        for number, values in self._rows:
            texts = [_text(v) for v in values]
            if not any(t for t in texts):
                continue
            problem = merged_rows.get(number)
            extra = next((i for i in range(width, len(texts)) if texts[i]), None)
            if problem is None and extra is not None:
                problem = (
                    f"row: cell {_letter(extra)}{number} holds {texts[extra]!r}, but column {_letter(extra)} "
                    "has no header; give it a name in the header row"
                )
            cells = (texts + [None] * width)[:width]
            yield number, cells, problem

    def close(self) -> None:
        self.book.close()
        self.file.close()


_MERGE = re.compile(rb'<(?:[A-Za-z0-9_]+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def _merged_ranges(path: Path, member: str) -> dict[str, tuple[int, int, int, int]]:
    """The merged ranges of a worksheet (`A2:A5` -> its columns and rows, from 1). openpyxl's read-only mode
    does not read them, and the sheet names them after its rows: the sheet's XML is scanned once for them,
    as it is unpacked, without being parsed or held."""
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    found: dict[str, tuple[int, int, int, int]] = {}
    if not member:
        return found
    try:
        with zipfile.ZipFile(path) as z, z.open(member.lstrip("/")) as xml:
            tail = b""
            while chunk := xml.read(1 << 20):
                data = tail + chunk
                for m in _MERGE.finditer(data):
                    ref = m.group(1).decode("ascii")
                    c1, r1, c2, r2 = range_boundaries(ref)
                    found[ref] = (c1 or 1, r1 or 1, c2 or c1 or 1, r2 or r1 or 1)
                tail = data[-256:]
    except (KeyError, zipfile.BadZipFile, ValueError):
        return found
    return found


def header(path: Path) -> list[str]:
    sheet = _Sheet(path)
    try:
        return sheet.names
    finally:
        sheet.close()


def read_table(path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[TableBatch]:
    """A person list's rows as text columns, one per header."""
    sheet = _Sheet(path)
    try:
        rows: list[list[str | None]] = []
        problems: list[str | None] = []
        last = sheet.header_row
        for number, cells, problem in sheet.rows():
            rows.append(cells)
            problems.append(problem)
            if len(rows) == batch_size:
                yield TableBatch(
                    text_table(sheet.names, rows), problems if any(problems) else None, number - last
                )
                rows, problems, last = [], [], number
        if rows:
            yield TableBatch(
                text_table(sheet.names, rows),
                problems if any(problems) else None,
                max(len(rows), number - last),
            )
    finally:
        sheet.close()


def read(
    path: Path,
    batch_size: int,
    decision_date: Any = None,
    *,
    max_line: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[InputBatch]:
    """Cases, flattened as in docs/csv-format.md (a cell's text as a CSV cell's)."""
    from extrashield.batch.formats.csv import csv_row_to_case

    sheet = _Sheet(path)
    try:
        batch: list[Any] = []
        last = sheet.header_row
        for number, cells, problem in sheet.rows():
            if problem is not None:
                column, _, what = problem.partition(": ")
                batch.append(unreadable("case", f"{sheet.where(number)}: {column}: {what}"))
            else:
                batch.append(csv_row_to_case({n: c or "" for n, c in zip(sheet.names, cells)}))
            if len(batch) == batch_size:
                data, invalid = records_to_arrow(batch, decision_date)
                yield InputBatch(data, rows_at(batch), invalid, number - last)
                batch, last = [], number
        if batch:
            data, invalid = records_to_arrow(batch, decision_date)
            yield InputBatch(data, rows_at(batch), invalid, len(batch))
    finally:
        sheet.close()


def row_count(path: Path) -> tuple[int, str]:
    """The rows the sheet says it has (0 when it does not say: the bar then counts without a total)."""
    sheet = _Sheet(path)
    try:
        return max(0, sheet.rows_hint - sheet.header_row), "rows"
    finally:
        sheet.close()


def check(path: Path) -> None:
    header(path)


# --- results -------------------------------------------------------------------------------------------

FILLS = {
    "barred": "F4B6B6",
    "may_refuse": "F9D9A8",
    "undetermined": "FFF2A8",
    "permitted": "C6E8C6",
    "invalid": "D9D9D9",
}
OUTCOME_COLUMNS = ("outcome", "outcome_before", "outcome_after")
WIDTHS = {
    "id": 14,
    "outcome": 14,
    "outcome_before": 16,
    "outcome_after": 16,
    "grounds_moved": 44,
    "questions_before": 60,
    "questions_after": 60,
    "applies": 22,
    "depends_on": 36,
    "error": 40,
    "questions": 60,
    "notes": 50,
}


class XlsxResults(ResultWriter):
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        import openpyxl
        from openpyxl.styles import Font, PatternFill

        self._path = path
        self._names = list(schema.names)
        self._book: Any = openpyxl.Workbook(write_only=True)
        self._fills = {k: PatternFill("solid", start_color=v, end_color=v) for k, v in FILLS.items()}
        self._bold = Font(bold=True)
        # the outcome of `screen`, and both outcomes of `impact --changes`
        self._outcomes = [i for i, n in enumerate(self._names) if n in OUTCOME_COLUMNS]
        self._sheets = 0
        self._new_sheet()
        with open(path, "wb"):  # the file is created now, as the other writers create theirs
            pass

    def _new_sheet(self) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._sheets += 1
        sheet = self._book.create_sheet("results" if self._sheets == 1 else f"results {self._sheets}")
        for i, name in enumerate(self._names):
            sheet.column_dimensions[_letter(i)].width = WIDTHS.get(name, 16)
        sheet.freeze_panes = "B2"  # the header row and the id column stay in view
        cells = []
        for name in self._names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = self._bold
            cells.append(cell)
        sheet.append(cells)
        self._sheet = sheet
        self._rows = 1

    def write(self, batch: pa.RecordBatch) -> None:
        from openpyxl.cell import WriteOnlyCell

        from extrashield.batch.results import plain

        columns = [_cells(c) for c in plain(batch).columns]
        for row in zip(*columns):
            if self._rows == SHEET_ROWS:
                self._close_sheet()
                self._new_sheet()
            values: list[Any] = list(row)
            for i, v in enumerate(values):
                if isinstance(v, str) and v.startswith("="):  # text, never a formula
                    values[i] = cell = WriteOnlyCell(self._sheet, value=v)
                    cell.data_type = "s"
            for i in self._outcomes:
                cell = WriteOnlyCell(self._sheet, value=values[i])
                fill = self._fills.get(values[i])
                if fill is not None:
                    cell.fill = fill
                values[i] = cell
            self._sheet.append(values)
            self._rows += 1

    def _close_sheet(self) -> None:
        from openpyxl.utils import get_column_letter

        last = get_column_letter(max(1, len(self._names)))
        self._sheet.auto_filter.ref = f"A1:{last}{self._rows}"

    def close(self) -> None:
        if self._book is None:
            return
        self._close_sheet()
        book, self._book = self._book, None
        book.save(self._path)


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML 1.0 cannot hold


def _clean(text: str) -> str:
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("\ufffd", text)
    if len(text) > CELL_CHARACTERS:
        text = text[: CELL_CHARACTERS - 1] + "…"
    return text


def _cells(column: pa.Array) -> Sequence[Any]:
    """A result column as cell values: lists of texts joined by `; `, statuses as text, other nested values
    as JSON text, texts cleaned of what a sheet cannot hold."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = column.type
    if pa.types.is_dictionary(t):
        column, t = column.cast(t.value_type), t.value_type
    if (pa.types.is_list(t) or pa.types.is_large_list(t)) and pa.types.is_string(t.value_type):
        column, t = pc.binary_join(column, "; "), pa.string()
    if pa.types.is_nested(t):
        return [
            None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in column.to_pylist()
        ]
    values = column.to_pylist()
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return [
            v if v is None or (v.isprintable() and len(v) <= CELL_CHARACTERS) else _clean(v) for v in values
        ]
    if pa.types.is_timestamp(t) and t.tz is not None:  # a sheet has no time zones
        return [None if v is None else v.replace(tzinfo=None) for v in values]
    return values


FORMAT = Format(
    name="xlsx",
    title="XLSX",
    binary=True,
    layout="the first sheet; a header row",
    reader=Reader(
        suffixes=(".xlsx",),
        media_types=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        read=read,
        total=row_count,
        check=check,
        header=header,
        read_table=read_table,
        header_row=True,
    ),
    writer=Writer(suffixes=(".xlsx",), open=XlsxResults),
)
