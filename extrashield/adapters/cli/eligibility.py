"""`extrashield eligibility contract|citizenship CASE.json`: may the person conclude a military contract,
or apply for simplified Russian citizenship, on the decision date? Three-valued, explained."""

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

eligibility_app = typer.Typer(
    help="Eligibility for a military contract or for simplified Russian citizenship, on a date.",
    no_args_is_help=True,
)

CaseArg = Annotated[
    Path, typer.Argument(metavar="CASE.json", help="A case (docs/case-format.md; '-' reads standard input).")
]
FormatOpt = Annotated[str, typer.Option("--format", help="text (a report for people) or json.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--decision-date", metavar="YYYY-MM-DD", help="Decide as of this date instead of the case's own."
    ),
]
ReadingOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--reading",
        metavar="KEY=VALUE",
        help="An interpretation, e.g. stateless.start_date=from_2024_07 (repeatable).",
    ),
]


def _run(
    question: str,
    case_file: Path,
    format: str,
    decision_date: str | None,
    reading: list[str] | None,
    lang: str | None,
) -> None:
    lang = use_language(lang)
    check_choice("--format", format, ("text", "json"))
    data = read_json_file(case_file)
    from extrashield.errors import CaseError
    from extrashield.services import recruitment

    fn = recruitment.contract_eligibility if question == "contract" else recruitment.citizenship_eligibility
    try:
        answer = fn(data, decision_date=decision_date, readings=parse_readings(reading))
    except CaseError as exc:
        fail(str(exc))
    if format == "json":
        from extrashield.i18n import answers

        print_json(answers.answer(answer.to_dict()))
    else:
        from extrashield.present.recruitment_report import eligibility_report

        typer.echo(eligibility_report(answer, lang=lang))


@eligibility_app.command("contract")
def contract_command(
    case_file: CaseArg,
    format: FormatOpt = "text",
    decision_date: DateOpt = None,
    reading: ReadingOpt = None,
    lang: LangOpt = None,
) -> None:
    """May the person conclude a military-service contract as a foreign citizen or stateless person?

    Answers eligible, not_eligible, unknown or not_applicable (a Russian citizen), with each criterion,
    the law version used, the unknown facts that matter, and the reported blacklist shown apart (a media
    report). Exit 2 for invalid input.

    Example: extrashield eligibility contract extrashield/examples/stateless-recruit.json --decision-date 2025-08-01
    """
    _run("contract", case_file, format, decision_date, reading, lang)


@eligibility_app.command("citizenship")
def citizenship_command(
    case_file: CaseArg,
    format: FormatOpt = "text",
    decision_date: DateOpt = None,
    reading: ReadingOpt = None,
    lang: LangOpt = None,
) -> None:
    """May the person apply for Russian citizenship under a simplified procedure for contract service?

    Routes: Law 62-FZ (to 26.10.2023), the Decree of 30.09.2022, Decree No. 10 of 04.01.2024, the
    temporary procedure of 05.11.2025 (and family members). Exit 2 for invalid input.

    Example: extrashield eligibility citizenship extrashield/examples/nepali-serving.json
    """
    _run("citizenship", case_file, format, decision_date, reading, lang)
