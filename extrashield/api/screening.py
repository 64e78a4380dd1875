"""Batch screening over HTTP: read an uploaded table, assess each row, stream one JSON line per row.

`screen_rows` is the one place that turns rows into results. It is a per-row loop over
`extrashield.assess` for now; when the vectorised batch engine (extrashield/core/batch.py) lands, this
function is what switches to it, and nothing else here changes.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from fastapi import Request

from ..core.errors import CaseError

FORMATS = ("jsonl", "csv", "parquet")
_BY_MEDIA = {
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/json-lines": "jsonl",
    "application/jsonlines": "jsonl", "text/csv": "csv", "application/vnd.apache.parquet": "parquet",
    "application/x-parquet": "parquet",
}
_MEMORY = 8 << 20  # uploads above this go to a temporary file (deleted when the response ends)


def format_of(explicit: str | None, content_type: str) -> str:
    if explicit is not None:
        if explicit not in FORMATS:
            raise CaseError("format", f"expected one of {', '.join(FORMATS)}")
        return explicit
    media = content_type.split(";")[0].strip().lower()
    if media in _BY_MEDIA:
        return _BY_MEDIA[media]
    raise CaseError("format", "say which format the upload is in: ?format=jsonl|csv|parquet, or its Content-Type")


async def spool(request: Request) -> IO[bytes]:
    upload: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_MEMORY)  # noqa: SIM115 - closed by results()
    async for chunk in request.stream():
        upload.write(chunk)
    upload.seek(0)
    return upload


def open_rows(upload: IO[bytes], kind: str) -> Iterator[Any]:
    """The rows of the upload, lazily where the format allows. A row that cannot be read becomes a
    CaseError in the stream (that row is invalid; the others go on)."""
    if kind == "parquet":
        return iter(_parquet_rows(upload))
    text = io.TextIOWrapper(upload, encoding="utf-8", errors="strict", newline="")
    return _jsonl_rows(text) if kind == "jsonl" else _csv_rows(text)


def _jsonl_rows(text: IO[str]) -> Iterator[Any]:
    n = 0
    try:
        for line in text:
            if not line.strip():
                continue
            n += 1
            try:
                yield json.loads(line)
            except (ValueError, RecursionError) as exc:
                yield CaseError("row", f"line {n} is not valid JSON ({exc.__class__.__name__})")
    except UnicodeDecodeError:
        yield CaseError("row", "the upload is not valid UTF-8 from here on")


def _scalar(cell: str) -> Any:
    """CSV cells: empty is null (unknown); true/false; numbers; JSON for lists and objects; else text."""
    if cell == "":
        return None
    if cell in ("true", "false"):
        return cell == "true"
    if cell[0] in "[{":
        return json.loads(cell)
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return cell


def unflatten(row: dict[str, str]) -> dict[str, Any]:
    """``{"person.birth_date": "1995-02-11"}`` -> ``{"person": {"birth_date": "1995-02-11"}}``."""
    out: dict[str, Any] = {}
    for key, cell in row.items():
        if key is None:
            raise CaseError("row", "has more cells than the header has columns")
        value = _scalar(cell or "")
        if value is None:
            continue
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise CaseError(key, "conflicts with another column")
        node[parts[-1]] = value
    return out


def _csv_rows(text: IO[str]) -> Iterator[Any]:
    try:
        for row in csv.DictReader(text):
            try:
                yield unflatten(row)
            except (ValueError, CaseError) as exc:
                yield exc if isinstance(exc, CaseError) else CaseError("row", f"a cell is not valid JSON ({exc.__class__.__name__})")
    except (csv.Error, UnicodeDecodeError) as exc:
        yield CaseError("row", f"the CSV cannot be read from here on ({exc.__class__.__name__})")


def _parquet_rows(upload: IO[bytes]) -> list[Any]:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(upload.read()))
    except (pa.ArrowException, OSError, ValueError):
        raise CaseError("body", "not a readable Parquet file") from None

    def plain(v: Any) -> Any:
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return [plain(r) for r in table.to_pylist()]


def screen_rows(rows: Iterable[Any], decision_date: str | None, readings: dict[str, str]) -> Iterator[dict[str, Any]]:
    """One result per row, in order (DESIGN.md §6 `screen`): the per-row loop (see the module note)."""
    from .. import assess

    for n, row in enumerate(rows, start=1):
        case_id = row.get("id") if isinstance(row, dict) else None
        try:
            if isinstance(row, CaseError):
                raise row
            answer = assess(row, decision_date=decision_date, readings=readings)
        except CaseError as exc:
            yield {"row": n, "id": case_id, "outcome": "invalid", "error": str(exc), "field": exc.path,
                   "applies": [], "depends_on": []}
            continue
        yield {"row": n, "id": case_id, "outcome": answer.outcome, "applies": list(answer.applies),
               "depends_on": [fact for fact, _question in answer.depends_on],
               "decision_date": answer.decision_date.isoformat()}


def results(rows: Iterable[Any], decision_date: str | None, readings: dict[str, str], upload: IO[bytes]) -> Iterator[bytes]:
    try:
        for result in screen_rows(rows, decision_date, readings):
            yield (json.dumps(result, ensure_ascii=False) + "\n").encode("utf-8")
    finally:
        upload.close()
