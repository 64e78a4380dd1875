"""`extrashield assess CASE.json`: the answer for one case, as a report or as JSON (docs/contract.md §6)."""

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
from extrashield.adapters.cli.options import CaseDecisionDateOption, ReadingOption
from extrashield.i18n import _


def assess_command(
    case_file: Annotated[
        Path,
        typer.Argument(
            metavar="CASE.json",
            help="A case in the format of docs/contract.md §3 ('-' reads standard input).",
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format", help="text (a report for people) or json (the answer of docs/contract.md §5)."
        ),
    ] = "text",
    decision_date: CaseDecisionDateOption = None,
    reading: ReadingOption = None,
    lang: LangOpt = None,
    grant_citizenship: Annotated[
        str | None,
        typer.Option(
            "--grant-citizenship",
            metavar="YYYY-MM-DD",
            help="What if: the person becomes a Russian citizen on this date (adds an RU citizenship from it).",
        ),
    ] = None,
) -> None:
    """Say whether extradition is barred, may be refused, permitted or undetermined, and why.

    Exit code 0 for any outcome; 2 for invalid input, with the field and the problem on stderr.

    Example: extrashield assess extrashield/examples/nepali-serving.json --format json
    """
    lang = use_language(lang)
    check_choice("--format", format, ("text", "json"))
    data = read_json_file(case_file)
    from extrashield import assess
    from extrashield.errors import CaseError

    try:
        if grant_citizenship is not None:  # a hypothesis: the case as it would be after a grant
            from extrashield.facts.whatif import grant_russian_citizenship

            data = grant_russian_citizenship(data, grant_citizenship)
        answer = assess(data, decision_date=decision_date, readings=parse_readings(reading))
    except CaseError as exc:
        fail(str(exc))
    what_if = {"grant_russian_citizenship": grant_citizenship} if grant_citizenship else None
    if format == "json":
        from extrashield.i18n import answers

        d = answers.answer(answer.to_dict())  # ids and keys stay English, the texts for people do not
        print_json({**d, "what_if": what_if} if what_if else d)
    else:
        if what_if:
            typer.echo(
                _(
                    "WHAT IF: the person became a Russian citizen on {day} (hypothesis, not a fact of the case)"
                ).format(day=grant_citizenship)
                + "\n"
            )
        from extrashield.present.report import assessment_report

        typer.echo(assessment_report(answer, lang=lang))
