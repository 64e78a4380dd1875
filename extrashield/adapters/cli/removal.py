"""`extrashield removal CASE.json`: which ways of removing the person from Russia are closed on the decision
date (extradition, administrative expulsion, deportation, readmission, undesirability of stay, residence-permit
cancellation), and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extrashield.adapters.cli.common import (
    LangOpt,
    check_choice,
    fail,
    parse_readings,
    print_json,
    read_json_file,
    use_language,
)
from extrashield.adapters.cli.options import CaseDecisionDateOption


def removal_command(
    case_file: Annotated[
        Path,
        typer.Argument(
            metavar="CASE.json",
            help="A case in the format of docs/contract.md §3 ('-' reads standard input).",
        ),
    ],
    format: Annotated[str, typer.Option("--format", help="text (a report for people) or json.")] = "text",
    decision_date: CaseDecisionDateOption = None,
    reading: Annotated[
        list[str] | None,
        typer.Option(
            "--reading",
            metavar="KEY=VALUE",
            help="An interpretation, e.g. point7.volunteer_formations=included (repeatable).",
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Say which removal routes are closed, open or unknown on the decision date, with the provisions and facts.

    Exit code 0 for any answer; 2 for invalid input, with the field and the problem on stderr.

    Example: extrashield removal extrashield/examples/nepali-serving.json --decision-date 2026-03-12
    """
    use_language(lang)
    check_choice("--format", format, ("text", "json"))
    data = read_json_file(case_file)
    from extrashield.errors import CaseError
    from extrashield.services.removal import assess_removal, removal_report

    try:
        answer = assess_removal(data, decision_date=decision_date, readings=parse_readings(reading))
    except CaseError as exc:
        fail(str(exc))
    if format == "json":
        from extrashield.i18n import answers

        print_json(answers.answer(answer.to_dict()))
    else:
        typer.echo(removal_report(answer), nl=False)
