"""Batch screening over HTTP: the upload is spooled to a private temporary file, then read and screened
batch by batch by the same code as `extrashield screen` (extrashield.case_tables, extrashield.screening:
the vectorised engine, with the single-case path for invalid rows), and the results stream back as
JSON Lines while later batches are still being screened. The temporary file is deleted when the
response ends, however it ends."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Request

from ..core.errors import CaseError

FORMATS = ("jsonl", "csv", "parquet")
_BY_MEDIA = {
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/json-lines": "jsonl",
    "application/jsonlines": "jsonl", "text/csv": "csv", "application/vnd.apache.parquet": "parquet",
    "application/x-parquet": "parquet",
}
BATCH_ROWS = 8192  # small enough that the first results go out quickly, large enough for the engine


def format_of(explicit: str | None, content_type: str) -> str:
    if explicit is not None:
        if explicit not in FORMATS:
            raise CaseError("format", f"expected one of {', '.join(FORMATS)}")
        return explicit
    media = content_type.split(";")[0].strip().lower()
    if media in _BY_MEDIA:
        return _BY_MEDIA[media]
    raise CaseError("format", "say which format the upload is in: ?format=jsonl|csv|parquet, or its Content-Type")


def is_form(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "multipart/form-data"


def format_of_name(explicit: str | None, filename: str) -> str:
    if explicit is not None:
        return format_of(explicit, "")
    suffix = Path(filename).suffix.lower()
    fmt = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix)
    if fmt is None:
        raise CaseError("format", f"cannot tell the format of {suffix or 'a file without extension'!r}: "
                                  "use .jsonl, .csv or .parquet, or ?format=")
    return fmt


async def spool(request: Request, fmt: str | None) -> tuple[str, str]:
    """Write the upload to a new temporary file (mode 0600: it holds personal data); returns its path and
    format. The upload is the raw body, or the `file` part of a multipart form (`curl -F file=@cases.csv`)."""
    if is_form(request.headers.get("content-type", "")):
        form = await request.form(max_files=1, max_fields=0)
        part = form.get("file")
        if part is None or isinstance(part, str):
            await form.close()
            raise CaseError("file", "a multipart upload needs its table in a part named 'file'")
        try:
            fmt = format_of_name(fmt, part.filename or "")
            fd, path = tempfile.mkstemp(prefix="extrashield-screen-", suffix=f".{fmt}")
            with os.fdopen(fd, "wb") as f:
                while chunk := await part.read(1 << 20):
                    f.write(chunk)
        finally:
            await form.close()
        return path, fmt
    assert fmt is not None
    fd, path = tempfile.mkstemp(prefix="extrashield-screen-", suffix=f".{fmt}")
    try:
        with os.fdopen(fd, "wb") as f:
            async for chunk in request.stream():
                f.write(chunk)
    except BaseException:
        os.unlink(path)
        raise
    return path, fmt


def screener_for(decision_date: str | None, readings: dict[str, str]) -> Any:
    """Built before the response starts, so that a bad reading or date is still a 422."""
    from ..screening import Screener

    return Screener(decision_date=decision_date, readings=readings)


def check_readable(path: str, fmt: str) -> None:
    if fmt != "parquet":
        return  # JSON Lines and CSV: an unreadable row is an invalid row, and the others go on
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pq.ParquetFile(path).schema_arrow
    except (pa.ArrowException, OSError, ValueError):
        raise CaseError("body", "not a readable Parquet file") from None


def started_results(path: str, fmt: str, screener: Any) -> Iterator[bytes]:
    """`results`, with its first batch screened now: a failure there (none is expected: a bad row is an
    invalid row) is still an HTTP error, not a 200 with an empty body. A failure in a later batch ends the
    stream without its final chunk, so that a client sees the body is incomplete."""
    body = results(path, fmt, screener)
    first = next(body, None)  # (if this raises, the generator has ended and deleted the file)
    return itertools.chain([] if first is None else [first], body)


def results(path: str, fmt: str, screener: Any) -> Iterator[bytes]:
    """JSON Lines, one per input row, in order: id, outcome, applies, depends_on (and error when invalid)."""
    from ..case_tables import read_batches
    from ..screening import result_json_lines

    try:
        for batch in read_batches(Path(path), fmt, BATCH_ROWS, screener.day):
            yield result_json_lines(screener.screen(batch.data, batch.raw, batch.invalid).batch).encode("utf-8")
    finally:
        Path(path).unlink(missing_ok=True)
