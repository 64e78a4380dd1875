"""`extrashield impact INPUT`: what a change of decision date or of reading does to a population."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extrashield.adapters.cli.common import check_choice, fail, parse_readings, print_json
from extrashield.adapters.cli.screen import (
    INPUT_FORMAT_HELP,
    INPUT_HELP,
    WORKERS_HELP,
    Progress,
    batch_rows_for,
    cannot_write,
    check_output,
    make_screener,
    open_input,
    read_errors,
    table_reader,
)


def impact_command(
    input: Annotated[Path, typer.Argument(metavar="INPUT", help=INPUT_HELP)],
    from_date: Annotated[
        str | None, typer.Option("--from-date", metavar="YYYY-MM-DD", help="Decision date before the change.")
    ] = None,
    to_date: Annotated[
        str | None, typer.Option("--to-date", metavar="YYYY-MM-DD", help="Decision date after the change.")
    ] = None,
    reading: Annotated[
        list[str] | None,
        typer.Option(
            "--reading",
            metavar="KEY=VALUE",
            help="Readings before the change (and after, unless --vs-reading changes them).",
        ),
    ] = None,
    vs_reading: Annotated[
        list[str] | None,
        typer.Option(
            "--vs-reading",
            metavar="KEY=VALUE",
            help="Readings after the change, e.g. point7.limbs=combat_required.",
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    picture: Annotated[
        Path | None,
        typer.Option(
            "--picture", metavar="FILE.svg|png", help="Also draw the flows of outcomes, before to after."
        ),
    ] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help=INPUT_FORMAT_HELP)] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, max=64, help=WORKERS_HELP)] = None,
) -> None:
    """Transition table of outcomes (before -> after, counts and shares) between two decision dates
    (--from-date/--to-date) or two readings (--reading K=A --vs-reading K=B).

    Without --from-date/--to-date each row keeps its own decision date.

    Example: extrashield impact extrashield/examples/cases.jsonl --from-date 2026-03-18 --to-date 2026-03-19
    """
    check_choice("--format", format, ("text", "json"))
    if (from_date is None) != (to_date is None):
        fail("--from-date and --to-date go together")
    if picture is not None and picture.suffix.lower() not in (".svg", ".png"):
        fail(f"--picture {picture}: expected a .svg or .png file name")
    before_rd = parse_readings(reading)
    after_rd = {**before_rd, **parse_readings(vs_reading, "--vs-reading")}
    if from_date is None and not vs_reading:
        fail("nothing to compare: give --from-date and --to-date, or --vs-reading (with --reading)")
    fmt = open_input(input, input_format)
    if picture is not None:
        check_output(input, picture)
    before = make_screener(from_date, before_rd, depends=False)
    after = make_screener(to_date, after_rd, depends=False)

    from extrashield.batch.screening import screen_file_under
    from extrashield.services.impact import Transitions

    def describe(day: str | None, rd: dict[str, str]) -> str:
        parts = [f"decision date {day}" if day else "each row's decision date"]
        parts += [f"{k}={v}" for k, v in sorted(rd.items())]
        return ", ".join(parts)

    table = Transitions(describe(from_date, before.readings), describe(to_date, after.readings))
    reader, told = table_reader(input, fmt, {}, before.schema.names)
    typer.echo(f"{input}: {told.reason}", err=True)
    bar = Progress(input, reader, fmt)
    try:
        with read_errors(input, fmt):
            stream = screen_file_under(
                (before, after), reader, input, batch_rows_for(told, bar), workers, before.day
            )
            for (a, b), size in stream:
                table.add(a.outcome, b.outcome)
                bar.advance(size, len(a.outcome))
    finally:
        bar.stop()
    if picture is not None:
        from extrashield.present.pictures import impact_svg, save

        try:
            save(impact_svg(table.to_dict(), standalone=True), picture)
        except OSError as exc:
            fail(cannot_write(picture, exc, "the picture"))
    if format == "json":
        print_json(table.to_dict())
    else:
        typer.echo(table.to_text())
