"""Batch screening over HTTP: the upload is spooled to a private temporary file, then read and screened
batch by batch by the same code as `extrashield screen` (extrashield.batch.formats, extrashield.batch.screening:
the vectorised engine, with the single-case path for invalid rows), and the results stream back as
JSON Lines while later batches are still being screened. The upload's format is named by `?format=`, or
told by its Content-Type or its file name, as the format registry (extrashield.batch.formats) declares.

Anyone may call it, so its work is bounded: at most `max_screens` screens run at once in a process (more:
503 with Retry-After); a row longer than the line cap is an invalid row, read through without being held;
a batch holds at most about `BATCH_BYTES`. The spooled files live in a folder of their own
(`Spool`: ``$TMPDIR/extrashield-uploads-<uid>/<process>/``) and are deleted when the response ends, however
it ends (finished, failed, or the client gone); a process's folder is deleted at shut-down, and at
start-up a server deletes the folders of processes that are gone (killed before they could), found by a
lock each live process holds on its own folder.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi import Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from extrashield.batch.formats import (
    INPUTS,
    Format,
    Reader,
    either,
    input_for,
    input_for_media_type,
    named,
    names,
    reader_of,
)
from extrashield.errors import CaseError

try:
    import fcntl
except ImportError:  # not on Windows: there, stale folders are left to the system's temporary-file cleaning
    fcntl = None  # type: ignore[assignment]

FORMATS = names(INPUTS)
_ENDINGS = [reader_of(f).suffixes[0] for f in INPUTS]
BATCH_ROWS = 8192  # small enough that the first results go out quickly, large enough for the engine
BATCH_BYTES = 8 << 20  # ... and a batch of long rows ends sooner, so that its parsed rows stay small
LINE_LIMIT = 1 << 20  # one row (a JSON Lines line, a CSV row): as large as a case /v1/assess takes
MAX_SCREENS = 2  # screens at once per server process; each holds a thread and up to a batch in memory
RETRY_AFTER = "5"  # seconds, for a 503 when all screening slots are taken

# The OpenAPI description of the upload, from the registry: each format's first media type, then any
# type with `?format=`, or a form with the table in its `file` part.
TABLE = {"type": "string", "format": "binary"}
UPLOAD = {
    "type": "object",
    "required": ["file"],
    "title": "ScreenUpload",
    "properties": {
        "file": {**TABLE, "description": f"The table; its format from the file name ({', '.join(_ENDINGS)})"}
    },
}
SCREEN_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The table: {either([f.described for f in INPUTS])}. Sent as application/octet-stream "
        "(or any other type), the `format` parameter says which.",
        "content": {
            **{
                reader_of(f).media_types[0]: {"schema": TABLE if f.binary else {"type": "string"}}
                for f in INPUTS
            },
            "application/octet-stream": {"schema": TABLE},
            "multipart/form-data": {"schema": UPLOAD},
        },
    }
}
FORMAT_HELP = f"{either(FORMATS)} (default: from the Content-Type)."


def format_of(explicit: str | None, content_type: str) -> Format:
    if explicit is not None:
        found = named(explicit, INPUTS)
        if found is None:
            raise CaseError("format", f"expected one of {', '.join(FORMATS)}")
        return found
    found = input_for_media_type(content_type)
    if found is None:
        raise CaseError(
            "format", f"say which format the upload is in: ?format={'|'.join(FORMATS)}, or its Content-Type"
        )
    return found


def is_form(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "multipart/form-data"


def format_of_name(explicit: str | None, filename: str) -> Format:
    if explicit is not None:
        return format_of(explicit, "")
    found = input_for(filename)
    if found is None:
        suffix = Path(filename).suffix.lower()
        raise CaseError(
            "format",
            f"cannot tell the format of {suffix or 'a file without extension'!r}: "
            f"use {either(_ENDINGS)}, or ?format=",
        )
    return found


class Spool:
    """The folder of this process's spooled uploads, inside one folder of our own naming per user."""

    def __init__(self, root: Path | None = None) -> None:
        uid = os.getuid() if hasattr(os, "getuid") else 0
        self.root = root or Path(tempfile.gettempdir()) / f"extrashield-uploads-{uid}"
        self._own: Path | None = None
        self._lock_fd: int | None = None
        self._guard = threading.Lock()

    def _root(self) -> Path:
        """The shared folder, created owner-only; refused if it is not ours (a symlink, another owner)."""
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(self.root)
        import stat

        if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            raise OSError(f"the upload folder {self.root} is not a folder of this user's")
        if st.st_mode & 0o077:
            os.chmod(self.root, 0o700)
        return self.root

    def folder(self) -> Path:
        """This process's folder (made on first use), held locked while the process lives."""
        with self._guard:
            if self._own is None or not self._own.is_dir():
                own = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=self._root()))
                lock = os.open(own / ".lock", os.O_RDWR | os.O_CREAT, 0o600)  # held for the process's life
                if fcntl is not None:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._own, self._lock_fd = own, lock
            return self._own

    def new_file(self, suffix: str) -> tuple[int, str]:
        return tempfile.mkstemp(prefix="upload-", suffix=suffix, dir=self.folder())

    def remove_stale(self, min_age: float = 60.0) -> int:
        """Delete the folders of processes that are gone (their lock is free); returns how many. A folder
        without a lock file is deleted only when older than `min_age` s (a process may be making it)."""
        if fcntl is None or not self.root.is_dir():
            return 0
        removed = 0
        for folder in self.root.iterdir():
            if folder == self._own or folder.is_symlink() or not folder.is_dir():
                continue
            try:
                with open(folder / ".lock", "rb") as lock:
                    try:
                        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except OSError:
                        continue  # its process is alive
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
            except FileNotFoundError:
                try:
                    if time.time() - folder.stat().st_mtime > min_age:
                        shutil.rmtree(folder, ignore_errors=True)
                        removed += 1
                except FileNotFoundError:
                    pass
        return removed

    def close(self) -> None:
        """Delete this process's folder (shut-down)."""
        with self._guard:
            if self._own is not None:
                shutil.rmtree(self._own, ignore_errors=True)
                if self._lock_fd is not None:
                    os.close(self._lock_fd)
                self._own, self._lock_fd = None, None


class Slots:
    """At most `size` screens at once (a plain counter: the app may be driven from several event loops)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.taken = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.taken >= self.size:
                return False
            self.taken += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self.taken -= 1


class Cleanup:
    """Deletes the spooled file and gives the slot back, once, whichever path gets there first."""

    def __init__(self, slots: Slots) -> None:
        self.slots = slots
        self.path: str | None = None
        self._done = False
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            if self._done:
                return
            self._done = True
        if self.path is not None:
            Path(self.path).unlink(missing_ok=True)
        self.slots.give_back()


class SpooledResults(StreamingResponse):
    """The results' stream, which runs `cleanup` when it ends however it ends: finished, failed, or
    cancelled because the client went away."""

    def __init__(self, body: Iterator[bytes], cleanup: Callable[[], None]) -> None:
        super().__init__(body, media_type="application/x-ndjson")
        self.cleanup = cleanup

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.cleanup()


async def spool(
    request: Request, fmt: Format | None, explicit: str | None, place: Spool, cleanup: Cleanup
) -> tuple[str, Format]:
    """Write the upload to a new temporary file (mode 0600: it holds personal data); returns its path and
    format, and gives the path to `cleanup` at once, so that it is deleted however the request ends. The
    upload is the raw body, in the format `fmt`, or the `file` part of a multipart form (`curl -F
    file=@cases.csv`), in the format named `explicit` or else told by its file name."""
    if is_form(request.headers.get("content-type", "")):
        form = await request.form(max_files=1, max_fields=0)
        try:
            part = form.get("file")
            if part is None or isinstance(part, str):
                raise CaseError("file", "a multipart upload needs its table in a part named 'file'")
            fmt = format_of_name(explicit, part.filename or "")
            fd, cleanup.path = place.new_file(f".{fmt.name}")
            with os.fdopen(fd, "wb") as f:
                while chunk := await part.read(1 << 20):
                    f.write(chunk)
        finally:
            await form.close()
        return cleanup.path, fmt
    assert fmt is not None
    fd, cleanup.path = place.new_file(f".{fmt.name}")
    with os.fdopen(fd, "wb") as f:
        async for chunk in request.stream():
            f.write(chunk)
    return cleanup.path, fmt


def screener_for(decision_date: str | None, readings: dict[str, str]) -> Any:
    """Built before the response starts, so that a bad reading or date is still a 422. Its rows' texts
    (`error`, `questions`) are in English whatever `Accept-Language` says: the API's answers are data
    (docs/i18n.md), as `/v1/assess` answers."""
    from extrashield.batch.screening import Screener
    from extrashield.i18n import DEFAULT

    return Screener(decision_date=decision_date, readings=readings, language=DEFAULT)


def check_readable(path: str, fmt: Format) -> None:
    """422 for a file its format's reader cannot open at all (Parquet, XLSX); in the other formats an
    unreadable row is an invalid row, and the others go on."""
    check = reader_of(fmt).check
    if check is None:
        return
    try:
        check(Path(path))
    except (OSError, ValueError) as exc:
        from extrashield.batch.rows import TableError

        raise CaseError(
            "body", str(exc) if isinstance(exc, TableError) else f"not a readable {fmt.title} file"
        ) from None


LAYOUT_HEADER = "X-Extrashield-Layout"  # the layout read: "cases" or "person-list" (docs/api.md)


def mapping_of(pairs: list[str]) -> dict[str, str]:
    """`map=their header=our column` query parameters (as `screen --map`), a 422 naming a bad one."""
    from extrashield.facts.person_list import HeaderError, parse_map_pair

    out: dict[str, str] = {}
    for pair in pairs:
        try:
            theirs, ours = parse_map_pair(pair)
        except HeaderError as exc:
            raise CaseError("map", str(exc)) from None
        out[theirs] = ours
    return out


def layout_of(path: str, fmt: Format, mapping: dict[str, str], screener: Any) -> tuple[Reader, Any]:
    """The reader of the spooled table, of cases or of the person list its header says it is
    (`batch.person_lists`), and what was told; a header or a mapping that cannot be used is a 422."""
    from extrashield.batch.person_lists import list_reader, tell_layout
    from extrashield.facts.person_list import HeaderError

    reader = reader_of(fmt)
    try:
        told = tell_layout(reader, Path(path), mapping, screener.schema.names)
    except HeaderError as exc:
        raise CaseError(exc.path, exc.problem) from None
    except (OSError, ValueError) as exc:
        raise CaseError("body", str(exc)) from None
    return (list_reader(reader, told) if told.is_list else reader), told


def started_results(
    path: str, reader: Reader, told: Any, screener: Any, max_line: int = LINE_LIMIT
) -> Iterator[bytes]:
    """`results`, with its first batch screened now: a failure there (none is expected: a bad row is an
    invalid row) is still an HTTP error, not a 200 with an empty body, and so is a person list with no
    rows. A failure in a later batch ends the stream without its final chunk, so that a client sees the
    body is incomplete."""
    body = results(path, reader, screener, max_line)
    first = next(body, None)
    if first is None and told.is_list:
        raise CaseError("body", "the list has a header and no rows: nothing to screen")
    return itertools.chain([] if first is None else [first], body)


def results(path: str, reader: Reader, screener: Any, max_line: int = LINE_LIMIT) -> Iterator[bytes]:
    """JSON Lines, one per input row, in order (the columns of docs/contract.md §6; `error` only when invalid)."""
    from extrashield.batch.formats.jsonl import result_json_lines

    batches = reader.read(Path(path), BATCH_ROWS, screener.day, max_line=max_line, max_bytes=BATCH_BYTES)
    for batch in batches:
        screened = screener.screen(batch.data, batch.raw, batch.invalid, batch.listed)
        yield result_json_lines(screened.batch).encode("utf-8")
