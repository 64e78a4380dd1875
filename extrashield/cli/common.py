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
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read the {what} file ({exc.__class__.__name__})")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")


def parse_readings(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            fail(f"--reading {pair!r}: expected KEY=VALUE, e.g. point7.limbs=combat_required")
        out[key.strip()] = value.strip()
    return out


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def check_choice(option: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        fail(f"{option} {value!r}: expected one of {', '.join(allowed)}")
    return value
