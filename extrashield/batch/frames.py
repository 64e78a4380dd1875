"""Screening a table held in Python: a pandas or polars DataFrame, or a pyarrow Table or RecordBatch.

`screen_frame(frame)` screens every row as `extrashield screen` screens a file and returns the results as
the same kind of table (pandas in, pandas out; polars in, polars out; Arrow in, an Arrow Table out): the
columns of `results.result_schema` (`id`, `outcome`, `applies`, `depends_on`, `error`, `questions`,
`notes`, a status per ground), then for a person list its own columns. The frame's columns tell its layout,
as a file's header does (`batch.person_lists.tell`):

- cases of docs/contract.md §3: nested columns (`person`, `request` as structs or dicts, as Parquet holds
  them), screened as Arrow batches; or flattened dotted ones (`person.birth_date`, as docs/csv-format.md
  names them and `pandas.json_normalize` writes them), read row by row as a CSV file's rows are;
- a person list of §3b (`name`, `nationality`, `contract_from`…, or headers mapped with `mapping`), each
  column with its own type (text, dates, booleans, numbers) read as a cell of that type.

Every frame becomes Arrow first (pandas through `pyarrow.Table.from_pandas`, polars through `to_arrow`), and
goes through the batch engine in batches. pandas and polars are not
dependencies: a frame's kind is told by its class's module, and they are imported only to build the result
of a frame that came from them (so they are installed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from extrashield.batch.person_lists import list_batch, tell
from extrashield.batch.results import plain, plain_schema
from extrashield.batch.rows import InputBatch, TableBatch, cell_text, records_to_arrow, rows_at, rows_of
from extrashield.batch.screening import Screener
from extrashield.batch.table_kinds import frame_kind


def screen_frame(
    frame: Any,
    *,
    decision_date: str | dt.date | None = None,
    readings: Mapping[str, str] | None = None,
    mapping: Mapping[str, str] | None = None,
    batch_size: int = 65536,
    screener: Screener | None = None,
) -> Any:
    """The results of screening every row of `frame` (a pandas or polars DataFrame, a pyarrow Table or
    RecordBatch), one row per row in order, as the same kind of table. `mapping` maps a person list's own
    column names to §3b columns (as `screen --map`). Raises TypeError for anything else."""
    kind = frame_kind(frame)
    if kind is None:
        raise TypeError(
            "screen_frame takes a pandas or polars DataFrame or a pyarrow Table, "
            f"got {type(frame).__name__}; for rows (mappings) use screen_records"
        )
    table = _arrow(frame, kind)
    s = screener or Screener(decision_date=decision_date, readings=readings)
    told = tell(table.column_names, mapping, s.schema.names)
    if told.is_list:
        told = dataclasses.replace(told, types={f.name: f.type for f in table.schema})
    schema = plain_schema(told.output_schema(s.schema))
    out = pa.Table.from_batches(list(screened_batches(table, told, s, batch_size)), schema=schema)
    return _back(out, kind)


def screened_batches(
    table: pa.Table, told: Any, screener: Screener, batch_size: int, first_row: int = 1
) -> Iterator[pa.RecordBatch]:
    """The results of `table` (in the layout `told`, `person_lists.tell`) in batches of at most
    `batch_size` rows, with plain texts (`results.plain_schema`): what `screen_frame` returns, and what
    each Spark task returns for its record batches (batch/spark.py). A person list's rows are numbered
    from `first_row` (the id of a row that has none)."""
    schema = plain_schema(told.output_schema(screener.schema))
    for b in _batches(table, told, screener.day, batch_size, first_row):
        result = plain(screener.screen(b.data, b.raw, b.invalid, b.listed).batch)
        yield pa.RecordBatch.from_arrays(result.columns, schema=schema)


def _arrow(frame: Any, kind: str) -> pa.Table:
    if kind == "pandas":
        table = _from_pandas(frame)
    elif kind == "polars":
        table = frame.to_arrow()
    else:
        table = frame if isinstance(frame, pa.Table) else pa.Table.from_batches([frame])
    return _dates(table.replace_schema_metadata(None))


def _from_pandas(frame: Any) -> pa.Table:
    """A pandas DataFrame as Arrow. A column of mixed kinds, which Arrow refuses (numbers and texts, as the
    id column of a sheet often is), becomes the text of each of its cells, as a CSV file would hold it."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        columns = []
        for name in frame.columns:
            values = frame[name]
            try:
                columns.append(pa.array(values, from_pandas=True))
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                cells = [None if _missing(v) else _csv_cell(v) for v in values]
                columns.append(pa.array(cells, pa.string()))
        return pa.Table.from_arrays(columns, names=[str(n) for n in frame.columns])


def _missing(value: Any) -> bool:
    """pandas' marks of a missing value (None, NaN, NA, NaT), told without importing pandas."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _dates(table: pa.Table) -> pa.Table:
    """Timestamp columns (what pandas makes of dates) as dates, when every value is at midnight, as a
    sheet's date cells are read; a column with a time of day stays, and each value is read as its text is
    (the notes say what was read)."""
    columns = []
    for column in table.columns:
        t = column.type
        if pa.types.is_timestamp(t) and t.tz is None:
            day = pc.cast(column, pa.date32())
            if pc.all(pc.equal(pc.cast(day, t), column)).as_py() is not False:
                column = day
        columns.append(column)
    return pa.Table.from_arrays(columns, names=table.column_names)


def _batches(
    table: pa.Table, told: Any, day: dt.date | None, batch_size: int, first_row: int = 1
) -> Iterator[InputBatch]:
    if told.is_list:
        first = first_row
        for batch in table.to_batches(max_chunksize=batch_size):
            got = TableBatch(pa.Table.from_batches([batch]), None, batch.num_rows)
            yield list_batch(got, told.plan, told.own, first)
            first += batch.num_rows
    elif any("." in name for name in table.column_names):
        yield from _flattened(table, day, batch_size)
    else:
        for batch in table.to_batches(max_chunksize=batch_size):
            yield InputBatch(batch, rows_of(batch), None, batch.num_rows)


def _flattened(table: pa.Table, day: dt.date | None, batch_size: int) -> Iterator[InputBatch]:
    """Cases flattened into dotted columns, read as the rows of a CSV file are (docs/csv-format.md): each
    value as the text of its cell, a list as JSON text or as a list. Row by row in Python, so that a frame
    read from a CSV or a sheet of cases (lists as JSON text) and one from `json_normalize` (lists as lists)
    mean exactly what the file would."""
    from extrashield.batch.formats.csv import csv_row_to_case

    for batch in table.to_batches(max_chunksize=batch_size):
        rows = [csv_row_to_case({k: _csv_cell(v) for k, v in row.items()}) for row in batch.to_pylist()]
        data, invalid = records_to_arrow(rows, day)
        yield InputBatch(data, rows_at(rows), invalid, len(rows))


def _csv_cell(value: Any) -> str:
    """A value as the text of a CSV cell of cases: a list or an object as JSON (a CSV cell of a list holds
    JSON text), anything else as a cell of a person list is read (`rows.cell_text`); null as empty."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=_iso)
    return cell_text(value) or ""


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _back(table: pa.Table, kind: str) -> Any:
    if kind == "pandas":
        return table.to_pandas()
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return table
