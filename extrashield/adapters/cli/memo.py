"""`extrashield memo CASE.json -o FILE`: the memo to file of one case's decision, as PDF or DOCX, in
English or Russian (extrashield.present.memo; the same memo the web pages download)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extrashield.adapters.cli.common import (
    LangOpt,
    check_choice,
    fail,
    parse_readings,
    read_json_file,
    use_language,
)
from extrashield.adapters.cli.options import CaseDecisionDateOption, ReadingOption
from extrashield.i18n import _


def memo_command(
    case_file: Annotated[
        Path,
        typer.Argument(
            metavar="CASE.json",
            help="A case in the format of docs/contract.md §3 ('-' reads standard input).",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help="Where to write the memo.")],
    format: Annotated[
        str | None,
        typer.Option("--format", help="pdf or docx (default: from the ending of FILE, else pdf)."),
    ] = None,
    lang: LangOpt = None,
    decision_date: CaseDecisionDateOption = None,
    reading: ReadingOption = None,
) -> None:
    """Write a memo to file of the decision: the facts, the outcome, every ground with its status,
    citation, version, certainty and statute text, the unknowns as questions, the open legal questions
    with the outcome under each view, the decision date and the law-data version in full.

    Exit code 0 when written; 2 for invalid input, with the field and the problem on stderr.

    Example: extrashield memo extrashield/examples/nepali-serving.json --lang ru -o memo.pdf
    """
    fmt = format or (
        output.suffix.lstrip(".").lower() if output.suffix.lower() in (".pdf", ".docx") else "pdf"
    )
    lang = use_language(lang)  # the memo's language and its messages
    check_choice("--format", fmt, ("pdf", "docx"))
    data = read_json_file(case_file)
    from extrashield import assess
    from extrashield.errors import CaseError
    from extrashield.present.memo import build_memo

    try:
        answer = assess(data, decision_date=decision_date, readings=parse_readings(reading)).to_dict()
    except CaseError as exc:
        fail(str(exc))
    case = dict(data)
    case["decision_date"] = answer["decision_date"]  # the memo's facts carry the date decided on
    memo = build_memo(case, answer, lang=lang)
    if fmt == "pdf":
        from extrashield.present.memo_pdf import memo_pdf

        body = memo_pdf(memo)
    else:
        from extrashield.present.memo_docx import memo_docx

        body = memo_docx(memo)
    try:
        output.write_bytes(body)
    except OSError as exc:
        fail(_("-o: cannot write {output}: {value}").format(output=output, value=exc.strerror or exc))
    typer.echo(
        _("{path}: memo ({format}, {lang}) of {outcome} on {day}").format(
            path=output, format=fmt, lang=lang, outcome=answer["outcome"], day=answer["decision_date"]
        ),
        err=True,
    )
