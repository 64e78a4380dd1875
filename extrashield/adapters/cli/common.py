"""What every command shares: reading a case file, `--reading KEY=VALUE`, errors with exit code 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

EXIT_INVALID = 2


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print `message` on stderr and exit with `code` (2: invalid input)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def read_json_file(path: Path, what: str = "case") -> Any:
    """The JSON in a file ('-': standard input), read as the API reads a body (extrashield.facts.case_json:
    a byte-order mark is skipped; invalid UTF-8, a key given twice, an integer too long to read and a lone
    surrogate are refused; a file over 1 MiB too): exit 2 naming the file, or the field and the problem."""
    from extrashield.errors import CaseError
    from extrashield.facts.case_json import MAX_CASE_BYTES, read_case_json

    # At most one byte more than the cap is read, so /dev/zero, a FIFO or a huge file cannot fill memory.
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_CASE_BYTES + 1)
        else:
            with path.open("rb") as fh:
                raw = fh.read(MAX_CASE_BYTES + 1)
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except OSError as exc:  # a directory, no permission, an I/O error
        fail(f"{path}: cannot read the {what} file ({exc.__class__.__name__})")
    if len(raw) > MAX_CASE_BYTES:
        fail(
            f"{path}: the {what} file is larger than {MAX_CASE_BYTES} bytes (1 MiB), the most accepted; "
            "a case is a few kilobytes"
        )
    try:
        return read_case_json(raw, str(path))
    except CaseError as exc:
        fail(str(exc))


def parse_readings(pairs: list[str] | None, option: str = "--reading") -> dict[str, str]:
    """``KEY=VALUE`` options, read as the API reads them (extrashield.engine.readings): exit 2 naming the
    option and the problem."""
    from extrashield.engine.readings import readings_of
    from extrashield.errors import CaseError, ReadingError

    try:
        return readings_of(pairs or (), option)
    except ReadingError as exc:  # --reading point7.limbs: given twice …
        fail(str(exc))
    except CaseError as exc:  # --reading 'x': expected KEY=VALUE …
        fail(f"{option} {exc.problem}")


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def check_choice(option: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        fail(f"{option} {value!r}: expected one of {', '.join(allowed)}")
    return value
