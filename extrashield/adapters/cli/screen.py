"""`extrashield screen INPUT OUTPUT`: the answer for every row of a table of cases (docs/contract.md §6)."""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
import time
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from extrashield.adapters.cli.common import fail, parse_readings
from extrashield.adapters.cli.options import MapFileOption, MapOption
from extrashield.batch.formats import (
    FORMATS,
    INPUTS,
    OUTPUTS,
    Format,
    Reader,
    either,
    input_for,
    named,
    names,
    output_for,
    reader_of,
    writer_of,
)
from extrashield.i18n import N_, _, ngettext

# Rows per record batch. The batch engine's memory grows with the rows of a batch it screens at once, most with
# rows left undetermined (depends_on tries a dozen facts' candidate values on each, and partial dates the days
# their interval spans): on a list generated like a real one (benchmarks/real_list.py, 9 rows in 10
# undetermined), 5-7 KB a row in flight. With the reading process and two workers, 16,384 rows peaked at
# 598 MB for the whole process tree on 5M rows before partial dates were decided (more since), 32,768 and
# 131,072 (1.6 GB) were over 600 MB; 8,192 leaves about 100 MB to spare (benchmarks/RESULTS.md). Fewer rows
# cost time per batch: mostly determined cases screen about 2.5x faster per row in batches of 131,072
# (say --batch-rows 131072 where memory allows).
BATCH_ROWS = 8192


class Engine(str, Enum):
    """Where the rows are screened: here (processes of this machine), or on a Spark cluster."""

    LOCAL = "local"
    SPARK = "spark"


ENGINE_HELP = (
    "local: this machine's cores (--workers); spark: a Spark cluster (--master), reading Parquet or CSV from any "
    "path Spark reads and writing Parquet parts (pip install 'extrashield[spark]'; docs/spark.md)."
)


def _first_suffixes(side: tuple[Format, ...], output: bool) -> list[str]:
    return [(writer_of(f) if output else reader_of(f)).suffixes[0] for f in side]


# The help of the arguments and options that name formats, made from the registry (batch/formats/).
INPUT_HELP = (
    "Cases: "
    + either([reader_of(f).suffixes[0] + (f" ({f.layout})" if f.layout else "") for f in INPUTS])
    + "."
)
OUTPUT_HELP = f"Results: {either(_first_suffixes(OUTPUTS, output=True))}, one row per input row."
INPUT_FORMAT_HELP = f"{either(names(INPUTS))} (default: from the extension)."
OUTPUT_FORMAT_HELP = f"{either(names(OUTPUTS))} (default: from the extension)."
WORKERS_HELP = (
    "Batches screened side by side: processes for "
    + either([f.title for f in INPUTS if reader_of(f).self_contained])
    + " input, threads otherwise (default: the number of cores, at most 4)."
)
FORMATS_HELP = "\n".join(
    [
        "Formats, from the extension of the file name (upper or lower case) or named with --input-format and "
        "--output-format:",
        "",
        "\b",
    ]
    + [
        f"- {f.name}: {f.described}"
        + (f"; reads {', '.join(f.reader.suffixes)}" if f.reader else "")
        + (f"; writes {', '.join(f.writer.suffixes)}" if f.writer else "")
        for f in FORMATS
    ]
)


def _format(path: Path, explicit: str | None, output: bool) -> Format:
    """The format named with --input-format/--output-format, or the one the file name's extension says."""
    side = OUTPUTS if output else INPUTS
    if explicit:
        found = named(explicit, side)
        if found is None:
            fail(
                _("unknown format {name} (known: {known})").format(
                    name=repr(explicit), known=", ".join(names(side))
                )
            )
        return found
    found = output_for(path) if output else input_for(path)
    if found is None:
        endings = either(_first_suffixes(side, output))
        fail(
            _(
                "{path}: cannot tell the format from the extension (use {endings}, or say it with {option})"
            ).format(path=path, endings=endings, option="--output-format" if output else "--input-format")
        )
    return found


def open_input(path: Path, input_format: str | None) -> Format:
    if path.is_dir():
        fail(_("{path}: is a directory, not a file of cases").format(path=path))
    if not path.is_file():
        fail(_("{path}: no such file").format(path=path))
    return _format(path, input_format, output=False)


def check_output(input: Path, output: Path) -> None:
    """Refuse an output that is the input file (by any path or link): writing it would destroy the cases."""
    try:
        same = output.exists() and input.samefile(output)
    except OSError:
        same = False
    if same:
        fail(_("{path}: is the input file; write the results to another file").format(path=output))


def cannot_write(output: Path, exc: OSError, what: str = N_("the results")) -> str:
    """Why `what` (marked with N_) cannot be written to `output`, plainly."""
    parent = output.parent
    if not parent.is_dir():
        why = _("the directory {path} does not exist").format(path=parent)
    elif output.is_dir():
        why = _("it is a directory")
    elif isinstance(exc, PermissionError) or not os.access(parent, os.W_OK):
        why = _("permission denied")
    else:
        why = exc.strerror or str(exc)
    return _("{path}: cannot write {what}: {why}").format(path=output, what=_(what), why=why)


def cannot_read(input: Path, exc: Exception) -> str:
    """Why the cases cannot be read from `input`, plainly."""
    if isinstance(exc, UnicodeDecodeError):
        why = _("not valid UTF-8 text")
    elif isinstance(exc, PermissionError):
        why = _("permission denied")
    elif isinstance(exc, IsADirectoryError):
        why = _("it is a directory")
    elif isinstance(exc, OSError):
        why = exc.strerror or str(exc)
    else:
        why = str(exc)
    return _("{path}: cannot read the cases: {why}").format(path=input, why=why)


def make_screener(decision_date: str | None, readings: dict[str, str], depends: bool = True) -> Any:
    from extrashield.batch.screening import Screener
    from extrashield.errors import CaseError

    try:
        return Screener(decision_date=decision_date, readings=readings, depends=depends)
    except CaseError as exc:
        fail(str(exc))


PROGRESS_BATCH_ROWS = 8192  # on a terminal, batches this small, so that the bar moves several times a second


class Progress:
    """A Rich progress bar on a terminal (stderr): the share of the file done, the rows screened, rows per
    second and the time left; nothing when stderr is not a terminal (pipes and files get no control codes).
    The whole is the file's size or its rows, as its format counts them cheaply (`Reader.total`)."""

    def __init__(self, input: Path, reader: Reader, fmt: Format) -> None:
        self.bar: Any = None
        self.rows = 0
        if not sys.stderr.isatty():
            return
        with read_errors(input, fmt):
            total, _unit = reader.total(input)
        from rich.console import Console
        from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(
            TextColumn(_("screening")),
            BarColumn(),
            TaskProgressColumn(),
            # Rich formats the column's text with the task: the placeholders stay as Rich names them
            TextColumn(_("{task.fields[rows]:,} rows, {task.fields[rate]} rows/s")),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.started = time.monotonic()
        self.task = self.bar.add_task("screen", total=total or None, rows=0, rate="…")

    @property
    def shown(self) -> bool:
        return self.bar is not None

    def advance(self, size: int, rows: int) -> None:
        if self.bar is None:
            return
        self.rows += rows
        elapsed = time.monotonic() - self.started
        rate = f"{self.rows / elapsed:,.0f}" if elapsed > 0 else "…"
        self.bar.update(self.task, advance=size, rows=self.rows, rate=rate)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def batch_rows_for(told: Any, bar: Progress) -> int:
    """Rows per batch, unless given: smaller while a bar is shown; the same for cases and person lists (`told`),
    whose batches, once read, weigh the same in the batch engine."""
    return PROGRESS_BATCH_ROWS if bar.shown else BATCH_ROWS


def read_mapping(pairs: list[str] | None, mapping_file: Path | None) -> dict[str, str]:
    """`--map-file` (YAML or CSV, by its extension), then each `--map` (which wins for a header both map)."""
    from extrashield.facts.person_list import HeaderError, parse_map_pair, parse_mapping

    mapping: dict[str, str] = {}
    if mapping_file is not None:
        kind = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}.get(mapping_file.suffix.lower())
        if kind is None:
            fail(_("--map-file {path}: expected a .yaml, .yml or .csv file").format(path=mapping_file))
        try:
            text = mapping_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            fail(
                _("--map-file {path}: cannot read it ({problem})").format(
                    path=mapping_file, problem=exc.__class__.__name__
                )
            )
        try:
            mapping.update(parse_mapping(text, kind))
        except HeaderError as exc:
            fail(f"--map-file {mapping_file}: {exc}")
    for pair in pairs or ():
        try:
            theirs, ours = parse_map_pair(pair)
        except HeaderError as exc:
            fail(f"--map {exc}")
        mapping[theirs] = ours
    return mapping


def table_reader(
    input: Path, fmt: Format, mapping: dict[str, str], result_names: list[str]
) -> tuple[Reader, Any]:
    """The reader of `input`: of cases, or of the person list its header says it is
    (`batch.person_lists`); and what was told. A header that cannot be used is exit 2, naming it."""
    from extrashield.batch.person_lists import list_reader, tell_layout
    from extrashield.facts.person_list import HeaderError

    reader = reader_of(fmt)
    try:
        with read_errors(input, fmt):
            told = tell_layout(reader, input, mapping, result_names)
    except HeaderError as exc:
        fail(_("{path}: column {problem}").format(path=input, problem=exc))
    except ValueError as exc:  # rows.TableError: no header to read, an empty sheet…
        fail(f"{input}: {exc}")
    return (list_reader(reader, told) if told.is_list else reader), told


def screen_command(
    input: Annotated[str, typer.Argument(metavar="INPUT", help=INPUT_HELP)],
    output: Annotated[str, typer.Argument(metavar="OUTPUT", help=OUTPUT_HELP)],
    decision_date: Annotated[
        str | None,
        typer.Option(
            "--decision-date",
            metavar="YYYY-MM-DD",
            help="Decide every row as of this date instead of its own.",
        ),
    ] = None,
    reading: Annotated[
        list[str] | None,
        typer.Option(
            "--reading",
            metavar="KEY=VALUE",
            help="An interpretation, e.g. point7.limbs=combat_required (repeatable).",
        ),
    ] = None,
    map_: MapOption = None,
    map_file: MapFileOption = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help=INPUT_FORMAT_HELP)] = None,
    output_format: Annotated[str | None, typer.Option("--output-format", help=OUTPUT_FORMAT_HELP)] = None,
    no_depends: Annotated[
        bool,
        typer.Option(
            "--no-depends-on", help="Skip depends_on and questions (faster; the columns are left empty)."
        ),
    ] = False,
    workers: Annotated[int | None, typer.Option("--workers", min=1, max=64, help=WORKERS_HELP)] = None,
    batch_rows: Annotated[
        int | None,
        typer.Option(
            "--batch-rows",
            min=1,
            max=4_194_304,
            help=f"Rows per batch: memory grows with batch rows x workers, speed too (default {BATCH_ROWS}"
            + (
                ""
                if PROGRESS_BATCH_ROWS >= BATCH_ROWS
                else f"; {PROGRESS_BATCH_ROWS} while a progress bar is shown"
            )
            + ").",
        ),
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help=ENGINE_HELP)] = Engine.LOCAL,
    master: Annotated[
        str, typer.Option("--master", metavar="URL", help="With --engine spark: Spark's master URL.")
    ] = "local[*]",
) -> None:
    """Screen a table of cases or a person list: one output row per input row, in order, with id, outcome,
    applies, depends_on, error, questions (the questions of depends_on, in words), notes (what reading a
    person list's values did), each ground's status under its provision id, and a person list's own
    columns. Invalid rows get outcome "invalid" and an error naming the field or column; the others go on.

    The header tells a person list (docs/contract.md §3b: name, nationality, contract_from…, in any case
    and spacing) from cases (§3), and a line on stderr says which was read and why. A person list's own
    headers are mapped with --map or --map-file; a header that maps to nothing is said once and passed
    through.

    JSON Lines and CSV are read as UTF-8 (a leading byte-order mark is skipped); blank lines are not cases
    and get no output row. OUTPUT may not be INPUT.

    Example: extrashield screen extrashield/examples/cases.jsonl results.csv
    """
    if engine is Engine.SPARK:
        from extrashield.adapters.cli.spark import screen_on_spark

        if workers is not None or batch_rows is not None:
            fail(_("--workers and --batch-rows are the local engine's: Spark's cores are its --master's"))
        screen_on_spark(
            input,
            output,
            master=master,
            input_format=input_format,
            output_format=output_format,
            decision_date=decision_date,
            readings=parse_readings(reading),
            mapping=read_mapping(map_, map_file),
            depends=not no_depends,
        )
        return
    from extrashield.batch.screening import screen_file_under
    from extrashield.facts.person_columns import Summary

    # Paths here (a Spark path such as hdfs://host/x stays text above: a Path would fold its //)
    in_path, out_path = Path(input), Path(output)

    in_fmt = open_input(in_path, input_format)
    out_fmt = _format(out_path, output_format, output=True)
    check_output(in_path, out_path)
    mapping = read_mapping(map_, map_file)
    screener = make_screener(decision_date, parse_readings(reading), depends=not no_depends)
    reader, told = table_reader(in_path, in_fmt, mapping, screener.schema.names)
    try:
        writer = writer_of(out_fmt).open(out_path, told.output_schema(screener.schema))
    except OSError as exc:
        fail(cannot_write(out_path, exc))
    for message in told.messages():
        typer.echo(f"{in_path}: {message}", err=True)
    bar = Progress(in_path, reader, in_fmt)
    rows_per_batch = batch_rows or batch_rows_for(told, bar)
    counts: dict[str, int] = {}
    summary = Summary()
    try:
        with read_errors(in_path, in_fmt):  # (a failure to write is caught, and named, first)
            stream = screen_file_under((screener,), reader, in_path, rows_per_batch, workers, screener.day)
            for (result,), size in stream:
                try:
                    writer.write(result.batch)
                except OSError as exc:
                    fail(cannot_write(out_path, exc))
                for name, n in zip(*_tally(result.outcome)):
                    counts[name] = counts.get(name, 0) + n
                if result.summary is not None:
                    summary.merge(result.summary)
                bar.advance(size, result.batch.num_rows)
    except BaseException:
        with contextlib.suppress(OSError):
            writer.close()
        raise
    finally:
        bar.stop()
    if told.is_list and not counts:
        with contextlib.suppress(OSError):
            writer.close()
            out_path.unlink()
        fail(_("{path}: the list has a header and no rows: nothing to screen").format(path=in_path))
    try:
        writer.close()
    except OSError as exc:
        fail(cannot_write(out_path, exc))
    typer.echo(screened_summary(counts, out_path), err=True)
    for line in summary.advice():
        typer.echo(f"{in_path}: {line}", err=True)


@contextlib.contextmanager
def read_errors(input: Path, fmt: Format) -> Iterator[None]:
    """A failure to read `input` as a message naming it (exit 2) instead of a traceback."""
    import pyarrow as pa

    try:
        yield
    except pa.ArrowException as exc:  # Arrow refuses a damaged file: say which file, not a traceback
        if isinstance(exc, OSError) and not isinstance(exc, pa.ArrowInvalid):
            fail(cannot_read(input, exc))
        fail(
            _("{path}: not a readable {format} file ({problem})").format(
                path=input, format=fmt.name, problem=exc
            )
        )
    except (OSError, UnicodeDecodeError) as exc:
        fail(cannot_read(input, exc))


def screened_summary(counts: dict[str, int], output: Path | str) -> str:
    """The closing line: rows screened, by outcome (its code, as the output holds it), and where."""
    total = sum(counts.values())
    said = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    return ngettext(
        "{total} row screened: {said} -> {path}", "{total} rows screened: {said} -> {path}", total
    ).format(total=total, said=said or _("none"), path=output)


def _tally(codes: Any) -> tuple[list[str], list[int]]:
    import numpy as np

    from extrashield.engine.vector.interpreter import OUTCOME_NAMES

    counts = np.bincount(codes, minlength=len(OUTCOME_NAMES))
    return [OUTCOME_NAMES[i] for i in range(len(counts)) if counts[i]], [int(c) for c in counts if c]


# The command's help: its own, then the formats of the registry.
SCREEN_HELP = f"{inspect.cleandoc(screen_command.__doc__ or '')}\n\n{FORMATS_HELP}"
