"""What every command shares: reading a case file, `--reading KEY=VALUE`, errors with exit code 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from extrashield.i18n import N_, _

EXIT_INVALID = 2

LANG_HELP = N_(
    "Language of the text for people: ru or en (default: the locale's, from LC_ALL, LC_MESSAGES or LANG; English unless it is Russian)."
)

# Declared by the commands that use the language's name; every other command gets the same option from
# adapters/cli/language.py
LangOpt = Annotated[str | None, typer.Option("--lang", metavar="ru|en", help=LANG_HELP)]


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print `message` on stderr and exit with `code` (2: invalid input)."""
    typer.echo(_("error: {message}").format(message=message), err=True)
    raise typer.Exit(code)


def read_json_file(path: Path, what: str = N_("case")) -> Any:
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
        fail(_("{path}: no such file").format(path=path))
    except OSError as exc:  # a directory, no permission, an I/O error
        fail(
            _("{path}: cannot read the {what} file ({problem})").format(
                path=path, what=_(what), problem=exc.__class__.__name__
            )
        )
    if len(raw) > MAX_CASE_BYTES:
        fail(
            _(
                "{path}: the {what} file is larger than {most} bytes (1 MiB), the most accepted; "
                "a case is a few kilobytes"
            ).format(path=path, what=_(what), most=MAX_CASE_BYTES)
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
        fail(
            _("{option} {value}: expected one of {allowed}").format(
                option=option, value=repr(value), allowed=", ".join(allowed)
            )
        )
    return value


def use_language(lang: str | None) -> str:
    """Make the command's texts in `--lang`, or else in the locale's language (extrashield.i18n); the
    language chosen."""
    from extrashield.i18n import LANGUAGES, language_of_locale, set_language

    chosen = language_of_locale() if lang is None else check_choice("--lang", lang, LANGUAGES)
    set_language(chosen)
    return chosen
