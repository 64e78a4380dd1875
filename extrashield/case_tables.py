"""Tables of cases on disk: JSON Lines, Parquet and CSV in, results out, one record batch at a time.

Readers yield `InputBatch`es of at most `batch_size` rows, so memory stays flat however long the file:

- Parquet holds the case format as nested Arrow columns (`CASE_SCHEMA`; dates as strings or date32).
- JSON Lines holds one case per line (blank lines are skipped, not rows). Each block is parsed by Arrow's
  JSON reader against `CASE_SCHEMA`; a block Arrow refuses (a wrong type, an unknown field, a line that is
  not JSON) is parsed again line by line, and the faulty lines get their own error.
- CSV holds the case flattened as documented in docs/csv-format.md (dotted column names, lists as JSON
  text), parsed row by row.

Writers take the result batches of `extrashield.screening` and write Parquet, JSON Lines or CSV (lists as
JSON text, as in the input format).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa

from .core.arrow_cases import CASE_SCHEMA
from .core.case import CASE_SPEC, Spec
from .screening import RESULT_SCHEMA, Raw, records_to_arrow, unreadable

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


@dataclass
class InputBatch:
    data: pa.RecordBatch | pa.StructArray
    raw: Raw  # the original rows, for the single-case path
    invalid: np.ndarray | None  # rows the reader already found invalid
    size: int  # bytes or rows consumed, for progress


def count_hint(path: Path, fmt: str) -> tuple[int, str]:
    """The total for a progress bar: rows for Parquet, bytes otherwise."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows, "rows"
    return path.stat().st_size, "bytes"


def read_batches(path: Path, fmt: str, batch_size: int = 131072, decision_date: Any = None) -> Iterator[InputBatch]:
    if fmt == "parquet":
        yield from _parquet(path, batch_size)
    elif fmt == "jsonl":
        yield from _jsonl(path, batch_size, decision_date)
    elif fmt == "csv":
        yield from _csv(path, batch_size, decision_date)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _parquet(path: Path, batch_size: int, row_groups: list[int] | None = None) -> Iterator[InputBatch]:
    import pyarrow.parquet as pq

    from .screening import rows_of

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


def _lines(f: IO[bytes], batch_size: int) -> Iterator[tuple[list[bytes], int]]:
    lines: list[bytes] = []
    size = 0
    for line in f:
        size += len(line)
        if line.strip():
            lines.append(line if line.endswith(b"\n") else line + b"\n")
            if len(lines) == batch_size:
                yield lines, size
                lines, size = [], 0
    if lines or size:
        yield lines, size


def _parse_line(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8 text"
        return unreadable("case", f"not valid JSON: {msg}")


def _jsonl(path: Path, batch_size: int, decision_date: Any) -> Iterator[InputBatch]:
    import pyarrow.json as pj

    options = pj.ParseOptions(explicit_schema=CASE_SCHEMA, unexpected_field_behavior="error")
    with open(path, "rb") as f:
        for lines, size in _lines(f, batch_size):
            if not lines:
                yield InputBatch(pa.array([], CASE_SCHEMA_STRUCT), lambda idx: [], None, size)
                continue
            buf = b"".join(lines)

            def raw(idx: Sequence[int], lines: list[bytes] = lines) -> list[Any]:
                return [_parse_line(lines[i]) for i in idx]

            try:
                # blocks of about 1 MB (each at least one whole line) are parsed on Arrow's threads
                block = max(1 << 20, max(map(len, lines)) + 1)
                table = pj.read_json(pa.BufferReader(buf), parse_options=options,
                                     read_options=pj.ReadOptions(block_size=block))
                if table.num_rows != len(lines):
                    raise ValueError("row count differs")
                data: pa.RecordBatch | pa.StructArray = table.combine_chunks().to_batches()[0]
                invalid = None
            except (pa.ArrowException, ValueError):
                data, invalid = records_to_arrow(raw(range(len(lines))), decision_date)
            yield InputBatch(data, raw, invalid, size)


CASE_SCHEMA_STRUCT = pa.struct(list(CASE_SCHEMA))


# --- CSV (docs/csv-format.md) --------------------------------------------------------------------------

def _leaf_specs(spec: Spec = CASE_SPEC, prefix: str = "") -> dict[str, Spec]:
    out: dict[str, Spec] = {}
    for name, sub in spec.fields.items():
        if sub.kind == "object":
            out.update(_leaf_specs(sub, prefix + name + "."))
        else:
            out[prefix + name] = sub
    return out


CSV_COLUMNS: dict[str, Spec] = _leaf_specs()


def _cell(spec: Spec, text: str) -> Any:
    """A CSV cell as the JSON value it stands for; text that is not one stays text (validation names it)."""
    if text == "":
        return None
    kind = spec.kind
    if kind == "bool":
        return {"true": True, "false": False}.get(text, text)
    if kind == "number":
        try:
            value = float(text)
        except ValueError:
            return text
        return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
    if kind in ("list", "strings"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return text


def csv_row_to_case(row: dict[str, str]) -> Any:
    """One CSV row (column -> text) as a case mapping of DESIGN.md §3."""
    case: dict[str, Any] = {}
    for column, text in row.items():
        if column is None:
            return unreadable("case", "the row has more cells than the header has columns")
        spec = CSV_COLUMNS.get(column)
        value = _cell(spec, text or "") if spec is not None else (text or None)
        if value is None:
            continue
        parts = column.split(".")
        node = case
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                return unreadable(column, "clashes with another column")
        node[parts[-1]] = value
    return case


def _csv(path: Path, batch_size: int, decision_date: Any) -> Iterator[InputBatch]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        while True:
            rows = []
            for row in reader:
                rows.append(csv_row_to_case(row))
                if len(rows) == batch_size:
                    break
            if not rows:
                return
            data, invalid = records_to_arrow(rows, decision_date)
            yield InputBatch(data, lambda idx, rows=rows: [rows[i] for i in idx], invalid, len(rows))
            if len(rows) < batch_size:
                return


# --- writers -------------------------------------------------------------------------------------------

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
            from .screening import result_json_lines

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


_CSV_RESULT_SCHEMA = pa.schema([pa.field(f.name, pa.string()) for f in RESULT_SCHEMA])


def _json_list(arr: pa.ListArray) -> pa.Array:
    """A list of texts as JSON text: ["a","b"] (provision ids and fact paths need no escaping)."""
    import pyarrow.compute as pc

    joined = pc.binary_join(arr, '","')
    text = pc.binary_join_element_wise('["', joined, '"]', "")
    empty = pc.equal(pc.list_value_length(arr), 0)
    return pc.if_else(empty, pa.scalar("[]"), text)


def _csv_results(batch: pa.RecordBatch) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [batch.column(0), batch.column(1), _json_list(batch.column(2)), _json_list(batch.column(3)), batch.column(4)],
        schema=_CSV_RESULT_SCHEMA,
    )


def write_cases_jsonl(cases: Sequence[Any], out: IO[str] | io.StringIO) -> None:
    for c in cases:
        out.write(json.dumps(c, ensure_ascii=False) + "\n")


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


def write_cases_csv(cases: Sequence[Any], out: IO[str]) -> None:
    rows = [case_to_csv_row(c) for c in cases]
    columns = [c for c in CSV_COLUMNS if any(c in r for r in rows)]
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow(r)
