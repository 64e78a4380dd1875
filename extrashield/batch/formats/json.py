"""JSON: the results as one JSON array of objects (the objects JSON Lines writes one a line), streamed batch by
batch, never held whole. Written only: a `.json` file is read as JSON Lines (formats/jsonl.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from extrashield.batch.formats.base import Format, ResultWriter, Writer

if TYPE_CHECKING:
    import pyarrow as pa


class JsonArrayResults(ResultWriter):
    """`[` and `]` around the rows, one a line, separated by commas: a valid JSON document once closed."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self._file = open(path, "w", encoding="utf-8")
        self._file.write("[")
        self._first = True

    def write(self, batch: pa.RecordBatch) -> None:
        from extrashield.batch.json_columns import json_objects

        if batch.num_rows == 0:
            return
        self._file.write(("\n" if self._first else ",\n") + ",\n".join(json_objects(batch).to_pylist()))
        self._first = False

    def close(self) -> None:
        if not self._file.closed:
            self._file.write("]\n" if self._first else "\n]\n")
            self._file.close()


FORMAT = Format(
    name="json",
    title="JSON",
    layout="one array of results",
    writer=Writer(suffixes=(".json",), open=JsonArrayResults),
)
