"""`extrashield match WANTED RECRUITS OUTPUT`: who on a wanted list is among the recruits, and is their extradition
barred (docs/contract.md §6, docs/matching.md). The work is `services.cross_reference`; this module reads the
options, draws the progress, writes the rows and turns every failure into a message with exit code 2."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from extrashield.adapters.cli.common import fail, parse_readings
from extrashield.adapters.cli.db import DatabaseOption
from extrashield.adapters.cli.screen import (
    Engine,
    cannot_write,
    check_output,
    make_screener,
    open_input,
    read_mapping,
)
from extrashield.batch.formats import OUTPUTS, either, output_for, writer_of
from extrashield.i18n import N_, _, ngettext
from extrashield.matching.thresholds import DEFAULT_THRESHOLD, LIKELY_MATCH

if TYPE_CHECKING:
    from collections.abc import Sequence

    from extrashield.matching import Link, Person
    from extrashield.services.cross_reference import CrossReference, Linker, ListSource


class PhaseBar:
    """A Rich progress bar on a terminal (stderr), one line per phase (reading each list, indexing, scoring,
    answering, writing); nothing when stderr is not a terminal (pipes and files get no control codes)."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description:<20}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self.bar.start()

    def start(self, phase: str, total: int | None = None) -> None:
        if self.bar is None:
            return
        self._finish()
        self.task = self.bar.add_task(_(phase), total=total)  # phases are marked with N_ where named

    def _finish(self) -> None:
        """The phase before is done: its bar full (a phase whose whole was not known has none until now)."""
        if self.task is not None:
            done = next(t for t in self.bar.tasks if t.id == self.task).completed or 1
            self.bar.update(self.task, total=done, completed=done)

    def advance(self, amount: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task, amount)

    def stop(self) -> None:
        if self.bar is not None:
            self._finish()
            self.bar.stop()


def _source(role: str, path: Path, mapping: dict[str, str]) -> ListSource:
    from extrashield.batch.formats import reader_of
    from extrashield.services.cross_reference import ListSource

    return ListSource(role, path, reader_of(open_input(path, None)), mapping)


def match_command(
    wanted: Annotated[
        Path,
        typer.Argument(
            metavar="WANTED",
            help="The wanted list (docs/contract.md §3b: CSV, XLSX, JSON Lines or Parquet); its requesting_state, "
            "purpose and offence describe each request.",
        ),
    ],
    recruits: Annotated[
        Path,
        typer.Argument(
            metavar="RECRUITS",
            help="The recruits (a §3b list in any of those formats); their contract columns describe each "
            "person's service.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Argument(
            metavar="OUTPUT",
            help="One row per candidate pair: .csv, .xlsx, .jsonl, .json or .parquet.",
        ),
    ],
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            metavar="T",
            help=f"Write the pairs scoring at least T, from 0 to 1 (default {DEFAULT_THRESHOLD}: recall first, "
            f"a person judges the pairs; from {LIKELY_MATCH} a pair is a likely match, which names alone, with a "
            "birth date unknown on one side, never make).",
        ),
    ] = DEFAULT_THRESHOLD,
    decision_date: Annotated[
        str | None,
        typer.Option(
            "--decision-date",
            metavar="YYYY-MM-DD",
            help="Answer every pair as of this date (default: the wanted row's decision_date, else the "
            "recruit's).",
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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Add each feature's score as a column: name_score, birth_date_score, nationality_score "
            "(empty where a feature could not be compared).",
        ),
    ] = False,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="THEIRS=OURS",
            help='A header read as a §3b column in whichever list has it, e.g. "ФИО=name" (repeatable).',
        ),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map-file",
            metavar="FILE",
            help="Headers to map in either list, as --map: YAML (their header: our column) or CSV.",
        ),
    ] = None,
    map_wanted: Annotated[
        list[str] | None,
        typer.Option(
            "--map-wanted", metavar="THEIRS=OURS", help="A header of the wanted list only (repeatable)."
        ),
    ] = None,
    map_recruits: Annotated[
        list[str] | None,
        typer.Option(
            "--map-recruits", metavar="THEIRS=OURS", help="A header of the recruit list only (repeatable)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Processes that score pairs side by side (default: the number of cores, at most 4).",
        ),
    ] = None,
    judgements: Annotated[
        str | None,
        typer.Option(
            "--judgements",
            metavar="LIST",
            help="Apply what reviewers judged in the registry for the stored person list LIST (db lists, "
            "/registry/pairs): a pair judged no_match is not proposed again, the others carry a judgement "
            "column. Ids must be those of the stored rows.",
        ),
    ] = None,
    database: DatabaseOption = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: score on this machine's cores (--workers); spark: find and score the candidate pairs "
            "on a Spark cluster (--master), the lists read and the pairs answered here (docs/spark.md).",
        ),
    ] = Engine.LOCAL,
    master: Annotated[
        str, typer.Option("--master", metavar="URL", help="With --engine spark: Spark's master URL.")
    ] = "local[*]",
) -> None:
    """Cross-reference a wanted list with a list of recruits, across scripts: one output row per candidate
    pair scoring at least the threshold, ordered by wanted_id and then by score from highest, with both ids
    and names, the score (0 to 1), a verdict (likely match, possible match), the explanation in words, and
    the extradition answer for the two rows taken as one person on the decision date (outcome, applies,
    depends_on, questions, each ground's status), then both rows' own columns (wanted_…, recruit_…).

    Both lists are read as screen reads a person list (docs/person-lists.md): headers in any case and
    spacing, country names in English or Russian, partial dates, notes on what was read. A row that cannot
    be read at all stops the run (exit 2) naming the file, the row and the column; a value that cannot be
    read is unknown, with a note. No pair is not an error: the output then has its header only.

    Example: extrashield match extrashield/examples/wanted.csv extrashield/examples/recruits.csv pairs.csv
    --decision-date 2026-04-01
    """
    from extrashield.batch.screening import default_workers
    from extrashield.services.cross_reference import MAX_NAME_CHARS, ListError, cross_reference

    out_fmt = output_for(output)
    if out_fmt is None:
        endings = either([writer_of(f).suffixes[0] for f in OUTPUTS])
        fail(
            _("{path}: cannot tell the format from the extension (use {endings})").format(
                path=output, endings=endings
            )
        )
    for given in (wanted, recruits):
        open_input(given, None)
        check_output(given, output)
    shared = read_mapping(map_, map_file)
    own = {"wanted": read_mapping(map_wanted, None), "recruits": read_mapping(map_recruits, None)}
    screener = make_screener(decision_date, parse_readings(reading))
    judged = _judged(judgements, database) if judgements is not None else None
    try:
        sources = _sources(wanted, recruits, shared, own)
    except ListError as exc:
        fail(str(exc))
    linker = None
    if engine is Engine.SPARK:
        if workers is not None:
            fail(_("--workers is the local engine's: Spark's cores are its --master's"))
        linker = _spark_linker(master)
    bar = PhaseBar()
    started = time.monotonic()
    try:
        result = cross_reference(
            *sources,
            screener,
            threshold=threshold,
            explained=explain,
            phases=bar,
            judged=judged,
            workers=workers or default_workers(),
            linker=linker,
        )
    except ListError as exc:
        bar.stop()
        fail(str(exc))
    except BaseException:
        bar.stop()
        raise
    for got in (result.wanted, result.recruits):
        for line in got.told.messages():
            typer.echo(f"{got.source.path}: {line}", err=True)
        for line in got.summary.advice():
            typer.echo(f"{got.source.path}: {line}", err=True)
        for ids, singular, plural in (
            (
                got.unnamed,
                N_("{n} row without a name, never matched"),
                N_("{n} rows without a name, never matched"),
            ),
            (
                got.cut,
                N_("{n} row with a name over {most} characters, matched on its first words only"),
                N_("{n} rows with a name over {most} characters, matched on its first words only"),
            ),
        ):
            if ids:
                shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
                said = ngettext(singular, plural, len(ids)).format(n=len(ids), most=MAX_NAME_CHARS)
                typer.echo(f"{got.source.path}: {said} (id {shown})", err=True)
    try:
        _write(result, output, out_fmt, bar)
    finally:
        bar.stop()
    _tell(result, output, threshold, decision_date, time.monotonic() - started)


def _spark_linker(master: str) -> Linker:
    """`matching.spark.link_on_spark` on a session started now (exit 2 when Spark cannot start)."""
    from extrashield.adapters.cli.spark import session_or_fail
    from extrashield.matching.spark import link_on_spark

    spark = session_or_fail(master)

    def linker(left: Sequence[Person], right: Sequence[Person], threshold: float) -> list[Link]:
        return link_on_spark(spark, left, right, threshold=threshold)

    return linker


def _judged(name: str, database: str | None) -> dict[tuple[str, str], str]:
    """The judgements of the stored list `name`; exit 2 for a list the registry does not hold, 3 for a
    registry that cannot be opened (as the db commands)."""
    from extrashield.adapters.cli.db import _open_existing
    from extrashield.adapters.registry.person_lists import get_list, judgements
    from extrashield.adapters.registry.store import NotFound

    reg = _open_existing(database)
    try:
        get_list(reg, name)
    except NotFound:
        fail(
            _(
                "--judgements {name}: the registry holds no person list of that name (see: extrashield db lists show)"
            ).format(name=repr(name))
        )
    return judgements(reg, name)


def _sources(
    wanted: Path, recruits: Path, shared: dict[str, str], own: dict[str, dict[str, str]]
) -> tuple[ListSource, ListSource]:
    """Each list with its mapping: its own (`--map-wanted`, `--map-recruits`), and of the shared mapping
    (`--map`, `--map-file`) the headers it has. A shared header neither list has is a `ListError`."""
    from extrashield.services.cross_reference import ListError, list_headers

    sources = []
    used: set[str] = set()
    for role, path in (("wanted", wanted), ("recruits", recruits)):
        source = _source(role, path, {})
        headers = set(list_headers(source))
        mine = {h: c for h, c in shared.items() if h in headers}
        used.update(mine)
        sources.append(_source(role, path, {**mine, **own[role]}))
    missing = [h for h in shared if h not in used]
    if missing:
        raise ListError(
            _(
                "--map {header}: neither list has a column of that name (use --map-wanted or --map-recruits "
                "for a header of one list)"
            ).format(header=repr(missing[0]))
        )
    return sources[0], sources[1]


def _write(result: CrossReference, output: Path, fmt: Any, bar: PhaseBar) -> None:
    import pyarrow as pa

    try:
        writer = writer_of(fmt).open(output, result.schema)
    except OSError as exc:
        fail(cannot_write(output, exc))
    bar.start(N_("writing"), result.pairs)
    try:
        batches = result.batches or [pa.RecordBatch.from_pylist([], schema=result.schema)]
        for batch in batches:
            writer.write(batch)
            bar.advance(batch.num_rows)
        writer.close()
    except OSError as exc:
        with contextlib.suppress(OSError):
            writer.close()
        fail(cannot_write(output, exc))


def _tell(
    result: CrossReference, output: Path, threshold: float, decision_date: str | None, took: float
) -> None:
    """The last lines on stderr: how many pairs, how sure, which outcomes; or why there are none."""
    w, r = result.wanted, result.recruits
    if not result.pairs:
        typer.echo(
            _(
                "no pair of the {wanted} and {recruits} scored at least {threshold}: {path} has the header only"
            ).format(wanted=_wanted(w.rows), recruits=_recruits(r.rows), threshold=threshold, path=output),
            err=True,
        )
        return
    import pyarrow.compute as pc

    verdicts: dict[str, int] = {}
    found: set[str] = set()
    undated = 0
    for batch in result.batches:
        for item in pc.value_counts(batch.column("verdict")).to_pylist():
            verdicts[item["values"]] = verdicts.get(item["values"], 0) + item["counts"]
        found.update(batch.column("wanted_id").to_pylist())
        undated += pc.sum(
            pc.fill_null(pc.starts_with(batch.column("error"), "decision_date:"), False)
        ).as_py()
    said = ", ".join(f"{name} {n}" for name, n in sorted(verdicts.items()))
    outcomes = ", ".join(f"{name} {n}" for name, n in sorted(result.outcomes.items()))
    typer.echo(
        _(
            "{pairs} ({verdicts}) for {found} of {wanted} among {recruits}, in {took:.1f} s; answers: {outcomes} -> {path}"
        ).format(
            pairs=_pairs(result.pairs),
            verdicts=said,
            found=len(found),
            wanted=_wanted(w.rows),
            recruits=_recruits(r.rows),
            took=took,
            outcomes=outcomes,
            path=output,
        ),
        err=True,
    )
    if decision_date is None and undated:
        typer.echo(
            ngettext(
                "{n} pair with no decision date, so no answer: give --decision-date, or a decision_date column in the wanted list",
                "{n} pairs with no decision date, so no answer: give --decision-date, or a decision_date column in the wanted list",
                undated,
            ).format(n=undated),
            err=True,
        )


def _pairs(n: int) -> str:
    return ngettext("{n} pair", "{n} pairs", n).format(n=n)


def _wanted(n: int) -> str:
    # TRANSLATORS: said after "of" and "among" ("for 2 of 10 wanted persons"): Russian genitive
    return ngettext("{n} wanted person", "{n} wanted persons", n).format(n=n)


def _recruits(n: int) -> str:
    # TRANSLATORS: said after "of" and "among" ("among 20 recruits"): Russian genitive
    return ngettext("{n} recruit", "{n} recruits", n).format(n=n)
