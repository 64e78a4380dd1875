"""The table formats `screen` and `impact` read and write, and /v1/screen takes: one module per format, each
declaring its `FORMAT` (`base.Format`: a name, and a `Reader`, a `Writer` or both, each with its own file
name endings), listed below in the order help, messages and the OpenAPI document name them. The command
line's help and checks, the API's content negotiation and docs/cli.md are made from these declarations.

Readers yield `InputBatch`es of at most `batch_size` rows, so memory stays flat however long the file.
Bounds (used by the HTTP API, where anyone may upload): `max_line` caps the bytes of one row (a JSON Lines
line; the lines of a CSV row together). A longer row is an invalid row naming its line and the cap; it is
read through in small pieces, never held whole, and never reaches Arrow's JSON reader. `max_bytes` ends a
batch early once its rows hold that many bytes, so a batch of long rows stays small too.

To add a format: a module here defining `FORMAT`, and its name in `FORMATS` (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from extrashield.batch.formats import csv, json, jsonl, parquet, xlsx
from extrashield.batch.formats.base import Format, Reader, ResultWriter, Writer

if TYPE_CHECKING:
    from extrashield.batch.rows import InputBatch

FORMATS: tuple[Format, ...] = (jsonl.FORMAT, json.FORMAT, csv.FORMAT, xlsx.FORMAT, parquet.FORMAT)
INPUTS = tuple(f for f in FORMATS if f.reader is not None)
OUTPUTS = tuple(f for f in FORMATS if f.writer is not None)


def reader_of(fmt: Format) -> Reader:
    if fmt.reader is None:
        raise ValueError(f"{fmt.name} is not read, only written")
    return fmt.reader


def writer_of(fmt: Format) -> Writer:
    if fmt.writer is None:
        raise ValueError(f"{fmt.name} is not written, only read")
    return fmt.writer


def named(name: str, formats: tuple[Format, ...]) -> Format | None:
    return next((f for f in formats if f.name == name), None)


def input_for(path: str | PurePath) -> Format | None:
    """The format a file of cases is read as, from the ending of its name (in any case)."""
    suffix = PurePath(path).suffix.lower()
    return next((f for f in INPUTS if suffix in reader_of(f).suffixes), None)


def output_for(path: str | PurePath) -> Format | None:
    """The format a file of results is written in, from the ending of its name (in any case)."""
    suffix = PurePath(path).suffix.lower()
    return next((f for f in OUTPUTS if suffix in writer_of(f).suffixes), None)


def input_for_media_type(content_type: str) -> Format | None:
    """The format of an upload with this Content-Type (its parameters, such as a charset, ignored)."""
    media = content_type.split(";")[0].strip().lower()
    return next((f for f in INPUTS if media in reader_of(f).media_types), None)


def names(formats: tuple[Format, ...]) -> list[str]:
    return [f.name for f in formats]


def either(words: list[str]) -> str:
    """`a, b or c`, as help and messages list formats (in the current language)."""
    from extrashield.i18n import _

    if len(words) < 2:
        return "".join(words)
    return _("{some} or {last}").format(some=", ".join(words[:-1]), last=words[-1])


def read_batches(
    path: Path,
    fmt: str,
    batch_size: int = 131072,
    decision_date: Any = None,
    *,
    max_line: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[InputBatch]:
    """The batches of a file in the format named `fmt` (see `base.ReadBatches`)."""
    found = named(fmt, INPUTS)
    if found is None:
        raise ValueError(f"unknown format {fmt!r}")
    return reader_of(found).read(path, batch_size, decision_date, max_line=max_line, max_bytes=max_bytes)


def open_writer(path: Path, fmt: str, schema: Any = None) -> ResultWriter:
    """A writer of results to `path` in the format named `fmt` (the file is created now); `schema` is the
    results' (default: `results.RESULT_SCHEMA`, the columns of cases)."""
    found = named(fmt, OUTPUTS)
    if found is None:
        raise ValueError(f"unknown format {fmt!r}")
    if schema is None:
        from extrashield.batch.results import RESULT_SCHEMA

        schema = RESULT_SCHEMA
    return writer_of(found).open(path, schema)


__all__ = [
    "FORMATS",
    "INPUTS",
    "OUTPUTS",
    "Format",
    "Reader",
    "ResultWriter",
    "Writer",
    "either",
    "input_for",
    "input_for_media_type",
    "named",
    "names",
    "open_writer",
    "output_for",
    "read_batches",
    "reader_of",
    "writer_of",
]
