"""`extrashield assess CASE.json`: the answer for one case, as a report or as JSON (DESIGN.md §6)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import check_choice, fail, parse_readings, print_json, read_json_file


def assess_command(
    case_file: Annotated[Path, typer.Argument(metavar="CASE.json", help="A case in the format of DESIGN.md §3 ('-' reads standard input).")],
    format: Annotated[str, typer.Option("--format", help="text (a report for people) or json (the answer of DESIGN.md §5).")] = "text",
    decision_date: Annotated[Optional[str], typer.Option("--decision-date", metavar="YYYY-MM-DD", help="Decide as of this date instead of the case's own.")] = None,
    reading: Annotated[Optional[list[str]], typer.Option("--reading", metavar="KEY=VALUE", help="An interpretation, e.g. point7.limbs=combat_required (repeatable).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the statute texts in the report: en or ru.")] = "en",
) -> None:
    """Say whether extradition is barred, may be refused, permitted or undetermined, and why.

    Exit code 0 for any outcome; 2 for invalid input, with the field and the problem on stderr.

    Example: extrashield assess extrashield/examples/nepali-serving.json --format json
    """
    check_choice("--format", format, ("text", "json"))
    check_choice("--lang", lang, ("en", "ru"))
    data = read_json_file(case_file)
    from .. import assess
    from ..core.errors import CaseError

    try:
        answer = assess(data, decision_date=decision_date, readings=parse_readings(reading))
    except CaseError as exc:
        fail(str(exc))
    if format == "json":
        print_json(answer.to_dict())
    else:
        from ..report import assessment_report

        typer.echo(assessment_report(answer, lang=lang))
