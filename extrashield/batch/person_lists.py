"""Screening a table that may be a person list (docs/contract.md §3b, docs/person-lists.md).

`tell_layout(reader, path, mapping)` reads a file's header and says which layout it has (a person list, or
cases of §3) and why, with the plan of its headers; `list_reader(reader, told)` then reads a person list as a
format's `Reader` would read cases: each batch of rows as it came (`Reader.read_table`) is read column by
column into cases (`facts.person_columns.map_columns`), and carries what the list adds to its results
(`rows.ListColumns`): the errors of rows found invalid while reading, the notes, the list's own columns. So
the screener, its worker processes and every writer take a person list as they take cases.

A list's own columns go to the output as they came, each under its own header, in the file's order: every
column but the one read as `id` (the results' `id` is its value), so that names, nationalities and a
journalist's own columns stand beside each answer. A header that is the name of a result column gets
" (input)" after it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extrashield.batch.formats.base import Reader
from extrashield.batch.rows import InputBatch, ListColumns, TableBatch, TableError, rows_of
from extrashield.facts.person_columns import Summary
from extrashield.facts.person_list import (
    NESTED_ROOTS,
    SHARED_COLUMNS,
    HeaderPlan,
    Layout,
    detect_layout,
    plan_headers,
)

MAX_CELL_BYTES = 1 << 20  # a longer cell makes its row invalid, naming the column (as large as a whole case)
INPUT_SUFFIX = " (input)"


@dataclass(frozen=True)
class Told:
    """A table's layout, why, and for a person list the plan of its headers and its columns for the output."""

    layout: Layout
    reason: str
    headers: tuple[str, ...]
    plan: HeaderPlan | None = None
    own: tuple[tuple[str, str], ...] = ()  # (the list's header, its name among the results)
    types: Mapping[str, Any] | None = (
        None  # the type of each of the list's columns, where the format has them
    )

    def output_schema(self, results: Any) -> Any:
        """The schema of the results: `results` (`results.result_schema`), then the list's own columns."""
        import pyarrow as pa

        types = self.types or {}
        return pa.schema([*results, *(pa.field(o, types.get(h, pa.string())) for h, o in self.own)])

    @property
    def is_list(self) -> bool:
        return self.layout is Layout.PERSON_LIST

    def messages(self) -> list[str]:
        """What to tell the user once, a line each: the layout and why; the headers read as §3b columns
        under other names; the headers passed through; the own columns renamed in the results."""
        from extrashield.i18n import _

        out = [self.reason]
        plan = self.plan
        if plan is None:
            return out
        read = [
            _("{header} as {column}").format(header=repr(h), column=c)
            for h, c in plan.columns.items()
            if h != c
        ]
        if read:
            out.append(_("headers read as person-list columns: {said}").format(said=", ".join(read)))
        if plan.passthrough:
            out.append(
                _("not person-list columns, passed through unchanged: {said}").format(
                    said=", ".join(repr(h) for h in plan.passthrough)
                )
            )
        renamed = [
            _("{header} as {column}").format(header=repr(h), column=repr(o)) for h, o in self.own if h != o
        ]
        if renamed:
            out.append(
                _("own columns named like a result column, written as: {said}").format(
                    said=", ".join(renamed)
                )
            )
        return out


def _case_column(header: str) -> bool:
    return header in SHARED_COLUMNS or header.split(".", 1)[0] in NESTED_ROOTS


def tell_layout(
    reader: Reader,
    path: Path,
    mapping: Mapping[str, str] | None,
    result_names: Sequence[str],
    where: str = "row 1",
) -> Told:
    """The layout of the file at `path` from its header (`Reader.header`): see `tell`."""
    headers = reader.header(path) if reader.header is not None else []
    if reader.read_table is None and headers:
        guess = detect_layout(headers, mapping)
        if guess.layout is Layout.PERSON_LIST:
            raise TableError("person lists cannot be read from this format")
    told = tell(headers, mapping, result_names, header_row=reader.header_row, where=where)
    if told.is_list and reader.types is not None:
        told = dataclasses.replace(told, types=reader.types(path))
    return told


def tell(
    headers: Sequence[str],
    mapping: Mapping[str, str] | None,
    result_names: Sequence[str],
    *,
    header_row: bool = False,
    where: str = "row 1",
) -> Told:
    """The layout of a table with these headers (`person_list.detect_layout`). A table whose header is a
    row people write (CSV, XLSX: `header_row`) of which no column is known in either layout is refused:
    its header row is missing. Raises `person_list.HeaderError` for a header or a mapping that cannot be
    used, `rows.TableError` for a table with no header to read."""
    guess = detect_layout(headers, mapping)
    if guess.layout is Layout.CASES:
        if headers and header_row and not any(_case_column(h) for h in headers):
            shown = ", ".join(repr(h) for h in headers[:3]) + (", …" if len(headers) > 3 else "")
            raise TableError(
                f"{where}: no column is a column of a case (§3, docs/csv-format.md) or of a person "
                f"list (§3b): is the header row missing? The first row holds {shown}. Name the columns "
                "in the first row, or map them to person-list columns (screen --map, /v1/screen ?map=)"
            )
        return Told(Layout.CASES, guess.reason, tuple(headers))
    plan = plan_headers(headers, mapping)
    id_header = plan.header_of("id")
    taken = set(result_names)
    own = tuple((h, h + INPUT_SUFFIX if h in taken else h) for h in headers if h != id_header)
    return Told(Layout.PERSON_LIST, guess.reason, tuple(headers), plan, own)


def list_reader(reader: Reader, told: Told) -> Reader:
    """`reader` reading the person list `told` describes: batches of its cases, with its `ListColumns`.
    Each batch holds its own rows (the cases in Arrow), so batches can be screened in worker processes;
    `read_rows` gives the same batches still as they came (`ListRows`), for a worker to read into cases."""
    assert told.plan is not None and reader.read_table is not None
    read_table = reader.read_table
    plan, own = told.plan, told.own

    def read_rows(path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[ListRows]:
        first = 1
        for got in read_table(path, batch_size, max_line=max_line):
            yield ListRows(got, plan, own, first)
            first += got.table.num_rows

    def read(
        path: Path,
        batch_size: int,
        decision_date: Any = None,
        *,
        max_line: int | None = None,
        max_bytes: int | None = None,
    ) -> Iterator[InputBatch]:
        for rows in read_rows(path, batch_size, max_line=max_line):
            yield rows.cases()

    return dataclasses.replace(
        reader, read=read, read_rows=read_rows, parts=None, read_part=None, self_contained=True
    )


@dataclass
class ListRows:
    """A batch of a person list as it came, not yet read into cases: what the reading process hands a worker
    process, which reads it (`cases`, the costlier part) and screens it. Its table crosses to the worker as
    an Arrow IPC stream of just its rows (a pickled slice of a table would carry the whole block it was cut
    from)."""

    got: TableBatch
    plan: HeaderPlan
    own: Sequence[tuple[str, str]]
    first_row: int

    @property
    def size(self) -> int:
        return self.got.size

    def cases(self) -> InputBatch:
        return list_batch(self.got, self.plan, self.own, self.first_row)

    def __reduce__(self) -> tuple[Any, ...]:
        import pyarrow as pa

        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, self.got.table.schema) as stream:
            stream.write_table(self.got.table)
        got = (sink.getvalue(), self.got.problems, self.got.size)
        return (_list_rows, (got, self.plan, tuple(self.own), self.first_row))


def _list_rows(
    got: tuple[Any, list[str | None] | None, int],
    plan: HeaderPlan,
    own: Sequence[tuple[str, str]],
    first: int,
) -> ListRows:
    import pyarrow as pa

    ipc, problems, size = got
    return ListRows(TableBatch(pa.ipc.open_stream(ipc).read_all(), problems, size), plan, own, first)


def list_batch(
    got: TableBatch, plan: HeaderPlan, own: Sequence[tuple[str, str]], first_row: int
) -> InputBatch:
    """One batch of a person list, read into cases (rows numbered from `first_row`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from extrashield.facts.person_columns import map_columns

    table, problems = _cap_cells(got.table, got.problems)
    mapped = map_columns(table, plan, first_row_number=first_row)
    errors = mapped.errors
    summary = Summary()
    summary.add(mapped)
    if problems is not None:
        said = pa.array(problems, pa.string())
        errors = pc.coalesce(said, errors)
        for p in problems:
            if p is not None:
                summary.problems[_kind(p)] += 1
    cases = mapped.cases.combine_chunks().to_batches()
    data = cases[0] if cases else pa.RecordBatch.from_pylist([], schema=mapped.cases.schema)
    mine = table.select([h for h, _ in own]).rename_columns([o for _, o in own]) if own else pa.table({})
    listed = ListColumns(errors, mapped.notes, mine, summary, mapped.partial_dates)
    return InputBatch(data, rows_of(data), None, got.size, listed)


def _cap_cells(table: Any, problems: list[str | None] | None) -> tuple[Any, list[str | None] | None]:
    """Cells longer than `MAX_CELL_BYTES` emptied, their rows invalid naming the column (a 50 MB cell is
    a mistake, not a name or an offence)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    for i, name in enumerate(table.column_names):
        column = table.column(i)
        t = column.type
        if not (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t)):
            continue
        lengths = pc.binary_length(column)
        if not pc.any(pc.greater(pc.fill_null(lengths, 0), MAX_CELL_BYTES)).as_py():
            continue
        long = np.asarray(pc.fill_null(pc.greater(lengths, MAX_CELL_BYTES), False).to_numpy(), bool)
        sizes = pc.fill_null(lengths, 0).to_numpy()
        problems = list(problems) if problems is not None else [None] * table.num_rows
        for r in np.flatnonzero(long).tolist():
            if problems[r] is None:
                problems[r] = (
                    f"{name}: the cell is {int(sizes[r])} bytes long, over the limit of {MAX_CELL_BYTES} "
                    "bytes for one cell; it was not read"
                )
        table = table.set_column(i, name, pc.if_else(pa.array(long), pa.scalar(None, t), column))
    return table, problems


def _kind(problem: str) -> tuple[str, str]:
    """A row's reading problem as (column, a fixed phrase) for the list's summary (`person_columns.FIXES`)."""
    column, _, text = problem.partition(": ")
    for phrase in (
        "not valid UTF-8",
        "merged",
        "bytes long",
        "cells, the header has",
        "not valid CSV",
        "not valid JSON",
        "not a JSON object",
        "no header",
    ):
        if phrase in text:
            return column, {"bytes long": "too long", "cells, the header has": "wrong number of cells"}.get(
                phrase, phrase
            )
    return column, "unreadable"
