"""Parquet: the case format as nested Arrow columns (`CASE_SCHEMA`; dates as strings or date32), read by
row group so that worker processes can each read their own; results written zstd-compressed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extrashield.batch.formats.base import Format, Reader, ResultWriter, Writer
from extrashield.batch.rows import InputBatch, TableBatch, rows_of

if TYPE_CHECKING:
    import pyarrow as pa


def _parquet(path: Path, batch_size: int, row_groups: list[int] | None = None) -> Iterator[InputBatch]:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    for batch in f.iter_batches(batch_size=batch_size, row_groups=row_groups):
        yield InputBatch(batch, rows_of(batch), None, batch.num_rows)


def read(
    path: Path,
    batch_size: int,
    decision_date: Any = None,
    *,
    max_line: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[InputBatch]:
    """Every row group in turn (a row is a record of the file: no line to cap, no bytes to count)."""
    return _parquet(path, batch_size)


def parquet_row_groups(path: Path) -> list[int]:
    """The number of rows of each row group of a Parquet file."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def read_row_group(path: Path, index: int, batch_size: int) -> Iterator[InputBatch]:
    """The batches of one row group of a Parquet file (what one worker process reads)."""
    yield from _parquet(path, batch_size, [index])


def row_count(path: Path) -> tuple[int, str]:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows, "rows"


def check(path: Path) -> None:
    """ValueError for a file that Arrow cannot open as Parquet (a damaged or a foreign file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        _ = pq.ParquetFile(path).schema_arrow  # reading the footer is the check
    except pa.ArrowException as exc:
        raise ValueError(str(exc)) from None


def header(path: Path) -> list[str]:
    """The names of the file's top-level columns (`person`, `request`… for cases; `name`… for a person list)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return list(pq.ParquetFile(path).schema_arrow.names)
    except pa.ArrowException as exc:
        raise ValueError(f"not a readable parquet file ({exc})") from None


def types(path: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    return {f.name: f.type for f in pq.ParquetFile(path).schema_arrow}


def read_table(path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[TableBatch]:
    """A person list's rows with their columns' own types (a date32 column, a list of texts…)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield TableBatch(pa.Table.from_batches([batch]), None, batch.num_rows)


class ParquetResults(ResultWriter):
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        from extrashield.batch.results import plain_schema

        self._schema = plain_schema(schema)
        self._writer = pq.ParquetWriter(path, self._schema, compression="zstd")

    def write(self, batch: pa.RecordBatch) -> None:
        import pyarrow as pa

        from extrashield.batch.results import plain

        batch = plain(batch)
        if not batch.schema.equals(self._schema):  # (a list's own column declared not null, say)
            batch = pa.RecordBatch.from_arrays(batch.columns, schema=self._schema)
        self._writer.write_batch(batch)

    def close(self) -> None:
        self._writer.close()


SUFFIXES = (".parquet", ".pq")
FORMAT = Format(
    name="parquet",
    title="Parquet",
    binary=True,
    reader=Reader(
        suffixes=SUFFIXES,
        media_types=("application/vnd.apache.parquet", "application/x-parquet"),
        read=read,
        total=row_count,
        check=check,
        parts=parquet_row_groups,
        read_part=read_row_group,
        self_contained=True,
        header=header,
        read_table=read_table,
        types=types,
    ),
    writer=Writer(suffixes=SUFFIXES, open=ParquetResults),
)
