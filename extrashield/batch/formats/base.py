"""What a table format declares: its name, and separately what it takes to read cases from it (`Reader`)
and to write results to it (`Writer`); a format may do either or both.

Declarations only: importing a format module must stay light (no pyarrow, no numpy), because the command
line builds its help from the registry at every start; the readers and writers import what they use.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from extrashield.batch.rows import InputBatch, TableBatch


class ReadBatches(Protocol):
    def __call__(
        self,
        path: Path,
        batch_size: int,
        decision_date: Any = None,
        *,
        max_line: int | None = None,
        max_bytes: int | None = None,
    ) -> Iterator[InputBatch]:
        """The file's rows in batches of at most `batch_size` rows (and, where rows are lines of text, of
        about `max_bytes` bytes, a row longer than `max_line` bytes being an invalid row)."""
        ...


class ReadTables(Protocol):
    def __call__(self, path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[TableBatch]:
        """A person list's rows after its header, as they came, in batches of at most `batch_size` rows: one
        column per name `header` gives, in that order (`rows.TableBatch`)."""
        ...


class ResultWriter(ABC):
    """Writes the screener's result batches to one file, opened on creation with their schema
    (`results.result_schema`, and a person list's own columns after it)."""

    @abstractmethod
    def write(self, batch: Any) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def size_in_bytes(path: Path) -> tuple[int, str]:
    return path.stat().st_size, "bytes"


@dataclass(frozen=True)
class Reader:
    """Cases in."""

    suffixes: tuple[str, ...]  # file name endings, lower case; the first is the one help and messages name
    media_types: tuple[str, ...]  # Content-Types of an upload to /v1/screen; the first is the documented one
    read: ReadBatches
    total: Callable[[Path], tuple[int, str]] = size_in_bytes  # the whole of a progress bar, and its unit
    # Refuses (ValueError, OSError) a file that is not this format at all, before /v1/screen answers 200.
    # None where any file can be read: a row that cannot be read is an invalid row, and the others go on.
    check: Callable[[Path], None] | None = None
    # Parts of a file that worker processes can read on their own (Parquet's row groups): their number of
    # rows, and the batches of one part. Without them, one process reads and the workers screen.
    parts: Callable[[Path], list[int]] | None = None
    read_part: Callable[[Path, int, int], Iterator[InputBatch]] | None = None
    # Whether a batch holds its own rows (no Python view of the file), so that it can be screened in a
    # forked process; the single-case path then reads the rows back from the batch.
    self_contained: bool = False
    # Person lists (docs/contract.md §3b): the names of the table's columns, which tell its layout (for nested
    # Arrow, the top-level fields), and its rows as they came. `header` raises `rows.TableError` (or
    # ValueError, OSError) for a file that has none it can read; an empty file has an empty header.
    header: Callable[[Path], list[str]] | None = None
    read_table: ReadTables | None = None
    header_row: bool = False  # the header is a row people write (CSV, XLSX), which may be missing
    # A person list's batches before they are read into cases (`person_lists.ListRows`, each with `cases()`
    # and `size`), so that worker processes do the reading (`person_lists.list_reader` sets it).
    read_rows: Callable[..., Iterator[Any]] | None = None
    # The pyarrow type of each column, where a format's columns have their own (Parquet); else each is text.
    types: Callable[[Path], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Writer:
    """Results out."""

    suffixes: tuple[str, ...]  # file name endings, lower case; the first is the one help and messages name
    open: Callable[[Path, Any], ResultWriter]  # (path, the results' pyarrow schema)


@dataclass(frozen=True)
class Format:
    name: str  # as --input-format, --output-format and ?format= take it
    title: str  # as people call it: "JSON Lines"
    layout: str = ""  # how a case is laid out in it, where the title does not say it: "one case a line"
    binary: bool = False  # (for the OpenAPI document: a binary body, or text)
    reader: Reader | None = None
    writer: Writer | None = None

    @property
    def described(self) -> str:
        """`CSV (flattened, docs/csv-format.md)`: the title, with the layout where there is one."""
        return f"{self.title} ({self.layout})" if self.layout else self.title
