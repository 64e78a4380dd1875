"""Tables of cases on disk: JSON Lines, Parquet and CSV in, results out, one record batch at a time.

Readers yield `InputBatch`es of at most `batch_size` rows, so memory stays flat however long the file;
one module per format (jsonl, csv, parquet) reads it and writes results in it.

Bounds (used by the HTTP API, where anyone may upload): `max_line` caps the bytes of one row (a JSON Lines
line; the lines of a CSV row together). A longer row is an invalid row naming its line and the cap; it is
read through in small pieces, never held whole, and never reaches Arrow's JSON reader. `max_bytes` ends a
batch early once its rows hold that many bytes, so a batch of long rows stays small too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from extrashield.batch.rows import InputBatch
from extrashield.batch.screening import RESULT_SCHEMA
from extrashield.batch.formats.csv import _CSV_RESULT_SCHEMA, _csv, _csv_results
from extrashield.batch.formats.jsonl import _jsonl, result_json_lines
from extrashield.batch.formats.parquet import _parquet

FORMATS = ("parquet", "jsonl", "csv")
_EXTENSIONS = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".json": "jsonl", ".csv": "csv"}


def format_of(path: Path | str, explicit: str | None = None) -> str:
    """The format named explicitly, or the one the file extension says; ValueError when neither does."""
    if explicit:
        if explicit not in FORMATS:
            raise ValueError(f"unknown format {explicit!r} (known: {', '.join(FORMATS)})")
        return explicit
    fmt = _EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: cannot tell the format from the extension (use .parquet, .jsonl or .csv, "
                         "or say it with --input-format/--output-format)")
    return fmt


def count_hint(path: Path, fmt: str) -> tuple[int, str]:
    """The total for a progress bar: rows for Parquet, bytes otherwise."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows, "rows"
    return path.stat().st_size, "bytes"


def read_batches(path: Path, fmt: str, batch_size: int = 131072, decision_date: Any = None, *,
                 max_line: int | None = None, max_bytes: int | None = None) -> Iterator[InputBatch]:
    """The file's rows in batches of at most `batch_size` rows (and, for JSON Lines and CSV, of about
    `max_bytes` bytes); a JSON Lines or CSV row longer than `max_line` bytes is an invalid row."""
    if fmt == "parquet":
        yield from _parquet(path, batch_size)
    elif fmt == "jsonl":
        yield from _jsonl(path, batch_size, decision_date, max_line, max_bytes)
    elif fmt == "csv":
        yield from _csv(path, batch_size, decision_date, max_line, max_bytes)
    else:
        raise ValueError(f"unknown format {fmt!r}")


class ResultWriter:
    """Writes result batches (RESULT_SCHEMA) to a file in one of FORMATS."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self._pq: Any = None
        self._csv: Any = None
        self._file: IO[str] | None = None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self._pq = pq.ParquetWriter(path, RESULT_SCHEMA, compression="zstd")
        elif fmt == "jsonl":
            self._file = open(path, "w", encoding="utf-8")
        elif fmt == "csv":
            import pyarrow.csv as pacsv

            self._csv = pacsv.CSVWriter(str(path), _CSV_RESULT_SCHEMA)
        else:
            raise ValueError(f"unknown format {fmt!r}")

    def write(self, batch: pa.RecordBatch) -> None:
        if self._pq is not None:
            self._pq.write_batch(batch)
        elif self._file is not None:
            self._file.write(result_json_lines(batch))
        else:
            self._csv.write_batch(_csv_results(batch))

    def close(self) -> None:
        for w in (self._pq, self._csv, self._file):
            if w is not None:
                w.close()

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

