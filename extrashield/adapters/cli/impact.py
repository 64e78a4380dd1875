"""`extrashield impact INPUT`: what a change of decision date or of reading does to a population."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

import typer

from extrashield.adapters.cli.common import check_choice, fail, parse_readings, print_json
from extrashield.adapters.cli.options import MapFileOption, MapOption
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
    read_mapping,
    table_reader,
)
from extrashield.batch.formats import OUTPUTS, Format, either, output_for, writer_of
from extrashield.i18n import N_, _, ngettext


class ChangesFile:
    """The `--changes` file: the rows of each batch whose outcome changes, written as the batches come
    (`services.impact.changed_rows`), so that memory stays flat however many rows change."""

    def __init__(self, path: Path, fmt: Format, screener: Any, told: Any) -> None:
        from extrashield.services.impact import change_schema

        self.path = path
        self.provisions = [p.id for p in screener.engine.provisions]
        # a person list's own columns come after the screener's in its results
        self.schema = change_schema(list(told.output_schema(screener.schema))[len(screener.schema) :])
        try:
            self.writer = writer_of(fmt).open(path, self.schema)
        except OSError as exc:
            fail(cannot_write(path, exc, N_("the changes")))

    def write(self, before: Any, after: Any) -> None:
        from extrashield.services.impact import changed_rows

        rows = changed_rows(
            before.batch, after.batch, before.outcome, after.outcome, self.provisions, self.schema
        )
        try:
            self.writer.write(rows)
        except OSError as exc:
            fail(cannot_write(self.path, exc, N_("the changes")))

    def close(self) -> None:
        try:
            self.writer.close()
        except OSError as exc:
            fail(cannot_write(self.path, exc, N_("the changes")))

    def abandon(self) -> None:
        with contextlib.suppress(OSError):
            self.writer.close()


# The endings --changes takes: those of every format the registry writes (batch/formats/).
CHANGES_SUFFIXES = [writer_of(f).suffixes[0] for f in OUTPUTS]


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
    changes: Annotated[
        Path | None,
        typer.Option(
            "--changes",
            metavar="FILE",
            help="Also write the rows whose outcome changes, in the format of the file's extension ("
            + either(CHANGES_SUFFIXES)
            + "): id, outcome_before, outcome_after, grounds_moved (provision: status before -> after), "
            "the questions of an undetermined side, the error of an invalid one, and a person list's own "
            "columns (its names).",
        ),
    ] = None,
    map_: MapOption = None,
    map_file: MapFileOption = None,
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
        fail(_("--from-date and --to-date go together"))
    if picture is not None and picture.suffix.lower() not in (".svg", ".png"):
        fail(_("--picture {path}: expected a .svg or .png file name").format(path=picture))
    before_rd = parse_readings(reading)
    after_rd = {**before_rd, **parse_readings(vs_reading, "--vs-reading")}
    if from_date is None and not vs_reading:
        fail(_("nothing to compare: give --from-date and --to-date, or --vs-reading (with --reading)"))
    fmt = open_input(input, input_format)
    mapping = read_mapping(map_, map_file)
    if picture is not None:
        check_output(input, picture)
    changes_fmt = None
    if changes is not None:
        changes_fmt = output_for(changes)
        if changes_fmt is None:
            fail(
                _("--changes {path}: cannot tell the format from the extension (use {endings})").format(
                    path=changes, endings=either(CHANGES_SUFFIXES)
                )
            )
        check_output(input, changes)
    # depends_on (for the questions of the changes file) costs time: found only when they are written
    before = make_screener(from_date, before_rd, depends=changes is not None)
    after = make_screener(to_date, after_rd, depends=changes is not None)

    from extrashield.batch.screening import screen_file_under
    from extrashield.services.impact import Transitions

    def describe(day: str | None, rd: dict[str, str]) -> str:
        parts = [_("decision date {day}").format(day=day) if day else _("each row's decision date")]
        parts += [f"{k}={v}" for k, v in sorted(rd.items())]
        return ", ".join(parts)

    table = Transitions(describe(from_date, before.readings), describe(to_date, after.readings))
    reader, told = table_reader(input, fmt, mapping, before.schema.names)
    for message in told.messages():
        typer.echo(f"{input}: {message}", err=True)
    out = None
    if changes is not None and changes_fmt is not None:
        out = ChangesFile(changes, changes_fmt, before, told)
    bar = Progress(input, reader, fmt)
    try:
        with read_errors(input, fmt):
            stream = screen_file_under(
                (before, after), reader, input, batch_rows_for(told, bar), workers, before.day
            )
            for (a, b), size in stream:
                table.add(a.outcome, b.outcome)
                if out is not None:
                    out.write(a, b)
                bar.advance(size, len(a.outcome))
    except BaseException:
        if out is not None:
            out.abandon()
        raise
    finally:
        bar.stop()
    if out is not None:
        out.close()
        typer.echo(
            ngettext(
                "{n} row changes outcome -> {path}", "{n} rows change outcome -> {path}", table.changed
            ).format(n=table.changed, path=out.path),
            err=True,
        )
    if picture is not None:
        from extrashield.present.pictures import impact_svg, save

        try:
            save(impact_svg(table.to_dict(), standalone=True), picture)
        except OSError as exc:
            fail(cannot_write(picture, exc, N_("the picture")))
    if format == "json":
        print_json(table.to_dict())
    else:
        typer.echo(table.to_text())
