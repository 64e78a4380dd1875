"""Parquet: the case format as nested Arrow columns (`CASE_SCHEMA`; dates as strings or date32), read by
row group so that worker processes can each read their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


from extrashield.batch.rows import InputBatch, rows_of


def _parquet(path: Path, batch_size: int, row_groups: list[int] | None = None) -> Iterator[InputBatch]:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    for batch in f.iter_batches(batch_size=batch_size, row_groups=row_groups):
        yield InputBatch(batch, rows_of(batch), None, batch.num_rows)


def parquet_row_groups(path: Path) -> list[int]:
    """The number of rows of each row group of a Parquet file."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def read_row_group(path: Path, index: int, batch_size: int) -> Iterator[InputBatch]:
    """The batches of one row group of a Parquet file (what one worker process reads)."""
    yield from _parquet(path, batch_size, [index])
