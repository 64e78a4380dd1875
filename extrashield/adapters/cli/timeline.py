"""`extrashield timeline CASE.json --from D1 --to D2`: the intervals on which extradition was barred,
and by which grounds (docs/contract.md §6). The algorithm lives in extrashield.engine.timeline."""

from __future__ import annotations

import datetime as dt
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
from extrashield.i18n import N_, _


def _date(option: str, value: str | None, what: str) -> dt.date:
    from extrashield.facts.dates import parse_iso

    if value is None:
        fail(_("{option} is required: {what} (YYYY-MM-DD)").format(option=option, what=_(what)))
    try:
        return parse_iso(value)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def timeline_command(
    case_file: Annotated[
        Path,
        typer.Argument(
            metavar="CASE.json",
            help="A case in the format of docs/contract.md §3 ('-' reads standard input).",
        ),
    ],
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="YYYY-MM-DD", help="First day of the range (included). Required."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="End of the range (excluded). Required.")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help='text (for people) or json ({"intervals": [...]}).')
    ] = "text",
    reading: Annotated[
        list[str] | None,
        typer.Option(
            "--reading",
            metavar="KEY=VALUE",
            help="An interpretation, e.g. point7.limbs=combat_required (repeatable).",
        ),
    ] = None,
    picture: Annotated[
        Path | None,
        typer.Option(
            "--picture",
            metavar="FILE.svg|png",
            help="Also draw the outcomes, the person's citizenships and contracts, and the law's events on one time axis (the web page's picture).",
        ),
    ] = None,
    grant_citizenship: Annotated[
        str | None,
        typer.Option(
            "--grant-citizenship",
            metavar="YYYY-MM-DD",
            help="What if: the person becomes a Russian citizen on this date (adds an RU citizenship from it).",
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """The days of [--from, --to) on which extradition was barred, may be refused, permitted or undetermined.

    Intervals are half-open (from included, until excluded), cover the whole range, and neighbours
    differ in outcome or in the grounds that apply. They split where a fact's date is reached (a
    contract, a citizenship, asylum, a limitation period) or where the law changes (point 7 on
    2026-03-19). Exit 2 for invalid input.

    Example: extrashield timeline extrashield/examples/nepali-serving.json --from 2026-01-01 --to 2027-01-01
    """
    lang = use_language(lang)
    check_choice("--format", format, ("text", "json"))
    d1 = _date("--from", start, N_("the first day of the range, included"))
    d2 = _date("--to", until, N_("the end of the range, excluded"))
    if picture is not None and picture.suffix.lower() not in (".svg", ".png"):
        fail(_("--picture {file}: expected a file name ending in .svg or .png").format(file=picture))
    data = read_json_file(case_file)
    from extrashield import default_evaluator
    from extrashield.engine.timeline import build_timeline, timeline_text
    from extrashield.errors import CaseError
    from extrashield.facts.case import validate_case

    try:
        if grant_citizenship is not None:  # a hypothesis: the case as it would be after a grant
            from extrashield.facts.whatif import grant_russian_citizenship

            data = grant_russian_citizenship(data, grant_citizenship)
        case = validate_case(data)
        t = build_timeline(default_evaluator(), case, d1, d2, parse_readings(reading))
    except CaseError as exc:
        fail(str(exc))
    if picture is not None:
        from extrashield.present.pictures import save, timeline_svg

        svg, _events = timeline_svg(t, dict(case.facts), case.decision_date, standalone=True)
        try:
            save(svg, picture)
        except OSError as exc:
            fail(f"--picture {picture}: cannot write the file ({exc.strerror or exc.__class__.__name__})")
    if format == "json":
        print_json(t.to_dict())
    else:
        ev = default_evaluator()
        # in Russian, each provision by its Russian label (п. 7 ч. 1 ст. 464 УПК РФ)
        cites = {p.id: p.label.ru if lang == "ru" else p.citation for p in ev.provisions}
        typer.echo(timeline_text(t, cites))
