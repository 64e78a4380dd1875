"""Rows as the readers hand them to the screener: a batch of cases in Arrow form with a view of its original
rows (for the single-case path), rows that could not be read (with their error and, when readable, their id),
and the conversion of Python rows to the Arrow case type.

Light to import (pyarrow and numpy are imported where they are used): the format modules, which the
command line reads for its help at every start, import this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from extrashield.errors import CaseError
from extrashield.facts.case import validate_case
from extrashield.facts.case_json import find_problem, is_text

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from extrashield.facts.person_columns import Summary

Raw = Callable[[Sequence[int]], list[Any]]


def rows_at(rows: Sequence[Any]) -> Raw:
    """The single-case path's view of a batch's original rows: the rows at the given positions."""
    return lambda idx: [rows[i] for i in idx]


def rows_of(data: pa.RecordBatch | pa.StructArray) -> Raw:
    """The single-case path's view of a batch that holds its own rows: the rows as Python values."""
    import pyarrow as pa

    return lambda idx: data.take(pa.array(idx, pa.int64())).to_pylist()


@dataclass
class ListColumns:
    """What a batch of a person list (docs/contract.md §3b) brings besides its cases: per row, the error of a
    row found invalid while it was read (the column and the problem) and the notes on its values; the list's
    own columns, for the output; and the counts of what could not be read, for the whole list's summary."""

    errors: pa.Array  # string per row; null where the row was not found invalid
    notes: pa.Array  # string per row; null where there is nothing to say
    own: pa.Table  # added to the results as they are
    summary: Summary
    # The interval of each partial date (`person_columns.PARTIAL_DATE_PATHS`: a column per fact path), whose
    # fact is unknown in the cases: the screener decides what each interval settles (engine/vector/within.py).
    partial_dates: pa.Table


@dataclass
class InputBatch:
    data: pa.RecordBatch | pa.StructArray
    raw: Raw  # the original rows, for the single-case path
    invalid: np.ndarray | None  # rows the reader already found invalid
    size: int  # bytes or rows consumed, for progress
    listed: ListColumns | None = None  # set for a person list: its cases are in `data`


class _Unreadable:
    """A row that could not even be parsed (e.g. a line of JSON Lines that is not JSON, or not UTF-8), with
    its id when that much could be read."""

    def __init__(self, error: CaseError, id: str | None = None) -> None:
        self.error = error
        self.id = id


def unreadable(path: str, problem: str, id: str | None = None) -> _Unreadable:
    return _Unreadable(CaseError(path, problem), id)


def id_of(row: Any) -> str | None:
    """The id of a raw row for the output, when it has one that is text."""
    if isinstance(row, _Unreadable):
        return row.id
    if isinstance(row, Mapping):
        value = row.get("id")
        return value if is_text(value) else None
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def check_row(row: Any) -> None:
    """Raise the CaseError of a raw row that `assess` must not be given: one a reader could not read,
    one that is not an object, one with text that is not valid Unicode."""
    if isinstance(row, _Unreadable):
        raise row.error
    if not isinstance(row, Mapping):
        raise CaseError("case", f"expected a JSON object, got {_kind(row)}")
    problem = find_problem(row, "case")
    if problem is not None:
        raise problem


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Mapping):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return v


def records_to_arrow(
    rows: Sequence[Any], decision_date: str | dt.date | None
) -> tuple[pa.StructArray, np.ndarray]:
    """Python rows to the Arrow case type. Rows that do not validate become nulls, marked in the mask
    (the screener then gives them their error through the single-case path)."""
    import numpy as np
    import pyarrow as pa

    from extrashield.engine.vector.arrow_cases import CASE_TYPE

    keep: list[Any] = []
    invalid = np.zeros(len(rows), bool)
    for i, row in enumerate(rows):
        try:
            if isinstance(row, _Unreadable):
                raise row.error
            validate_case(row, decision_date=decision_date)
            keep.append(_jsonable(row))
        except CaseError:
            keep.append(None)
            invalid[i] = True
    try:
        return pa.array(keep, type=CASE_TYPE), invalid
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        out = []
        for i, row in enumerate(keep):  # find the rows Arrow cannot hold (e.g. a number too big)
            try:
                pa.array([row], type=CASE_TYPE)
                out.append(row)
            except (pa.ArrowException, OverflowError, TypeError, ValueError):
                out.append(None)
                invalid[i] = True
        return pa.array(out, type=CASE_TYPE), invalid


def too_long(what: str, length: int, cap: int) -> str:
    return f"{what} is {length} bytes long, over the limit of {cap} bytes for one row; it was not read"


# --- person lists: tables as they come ------------------------------------------------------------------


class TableError(ValueError):
    """A table that cannot be read as a whole (no header, an empty sheet, a header that is not text): the
    message names the row and, where there is one, the column. `screen` exits 2 with it; /v1/screen, 422."""


@dataclass
class TableBatch:
    """A batch of a person list as it came: one column per header, in the header's order (text, or the
    types a typed file holds), and per row the problem of a row that could not be read ("row: …" or
    "column: …"; its cells are then null, and the row is invalid). `size` is as `InputBatch.size`."""

    table: pa.Table
    problems: list[str | None] | None
    size: int


def text_table(names: Sequence[str], rows: Sequence[Sequence[str | None]]) -> pa.Table:
    """Rows of texts (each as long as `names`) as a table of text columns."""
    import pyarrow as pa

    columns = list(zip(*rows)) if rows else [() for _ in names]
    return pa.table(
        {name: pa.array(list(col), pa.string()) for name, col in zip(names, columns)},
        schema=pa.schema([pa.field(n, pa.string()) for n in names]),
    )


def cell_text(value: Any) -> str | None:
    """A value of a row given as data (a JSON line, a Python mapping) as the text of a cell: texts as they are,
    `true`/`false`, numbers as written (a whole number without `.0`), a date as `YYYY-MM-DD` (a date-time at
    midnight too), a list of values joined by `;` (as `aliases` and `nationality` are written), anything
    else as JSON text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple) and all(v is None or isinstance(v, str | int | float) for v in value):
        return ";".join(c for c in map(cell_text, value) if c is not None)
    import json

    return json.dumps(_jsonable(value), ensure_ascii=False, default=str)


def unnamed(names: Sequence[str | None], label: Callable[[int], str]) -> list[str]:
    """A header with every empty name replaced by `label(index)` (`column 3`, or the XLSX column letter)."""
    return [n if n else label(i) for i, n in enumerate(names)]
