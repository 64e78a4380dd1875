"""`extrashield screen INPUT OUTPUT`: the answer for every row of a table of cases (DESIGN.md §6)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .common import fail, parse_readings

BATCH_ROWS = 131072  # rows per record batch: memory stays flat, numpy calls stay large


def open_input(path: Path, input_format: str | None) -> str:
    from ..case_tables import format_of

    if not path.is_file():
        fail(f"{path}: no such file")
    try:
        return format_of(path, input_format)
    except ValueError as exc:
        fail(str(exc))


def make_screener(decision_date: str | None, readings: dict[str, str], depends: bool = True) -> Any:
    from ..core.errors import CaseError
    from ..screening import Screener

    try:
        return Screener(decision_date=decision_date, readings=readings, depends=depends)
    except CaseError as exc:
        fail(str(exc))


def progress(total: int, unit: str) -> Any:
    """A Rich progress bar on a terminal; nothing otherwise (pipes and files get no control codes)."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    p = Progress(TextColumn("screening"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
                 console=Console(stderr=True), transient=True)
    p.start()
    p.add_task("screen", total=total)
    p.unit = unit  # type: ignore[attr-defined]
    return p


def screen_command(
    input: Annotated[Path, typer.Argument(metavar="INPUT", help="Cases: .parquet, .jsonl or .csv (docs/csv-format.md).")],
    output: Annotated[Path, typer.Argument(metavar="OUTPUT", help="Results: .parquet, .jsonl or .csv, one row per input row.")],
    decision_date: Annotated[Optional[str], typer.Option("--decision-date", metavar="YYYY-MM-DD", help="Decide every row as of this date instead of its own.")] = None,
    reading: Annotated[Optional[list[str]], typer.Option("--reading", metavar="KEY=VALUE", help="An interpretation, e.g. point7.limbs=combat_required (repeatable).")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="parquet, jsonl or csv (default: from the extension).")] = None,
    output_format: Annotated[Optional[str], typer.Option("--output-format", help="parquet, jsonl or csv (default: from the extension).")] = None,
    no_depends: Annotated[bool, typer.Option("--no-depends-on", help="Skip depends_on (faster; the column is left empty).")] = False,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=64, help="Batches screened side by side: processes for Parquet input, threads otherwise (default: the number of cores, at most 4).")] = None,
    batch_rows: Annotated[int, typer.Option("--batch-rows", min=1, max=4_194_304, help="Rows per batch: memory grows with batch rows x workers.")] = BATCH_ROWS,
) -> None:
    """Screen a table of cases: one output row per input row, in order, with id, outcome, applies,
    depends_on and error. Invalid rows get outcome "invalid" and an error naming the field; the others go on.

    Example: extrashield screen extrashield/examples/cases.jsonl results.csv
    """
    from ..case_tables import ResultWriter, count_hint, format_of, read_batches
    from ..screening import screen_batches_under, screen_parquet_under

    in_fmt = open_input(input, input_format)
    try:
        out_fmt = format_of(output, output_format)
    except ValueError as exc:
        fail(str(exc))
    screener = make_screener(decision_date, parse_readings(reading), depends=not no_depends)
    counts: dict[str, int] = {}
    bar = progress(*count_hint(input, in_fmt))
    try:
        with ResultWriter(output, out_fmt) as writer:
            if in_fmt == "parquet":
                stream = screen_parquet_under((screener,), input, batch_rows, workers)
            else:
                stream = screen_batches_under((screener,), read_batches(input, in_fmt, batch_rows, screener.day), workers)
            for (result,), size in stream:
                writer.write(result.batch)
                for name, n in zip(*_tally(result.outcome)):
                    counts[name] = counts.get(name, 0) + n
                if bar is not None:
                    bar.advance(bar.task_ids[0], size)
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{input}: cannot read or write ({exc.__class__.__name__}: {exc})")
    except Exception as exc:  # Arrow refuses a damaged file: say which file, not a traceback
        import pyarrow as pa

        if isinstance(exc, pa.ArrowException):
            fail(f"{input}: not a readable {in_fmt} file ({exc})")
        raise
    finally:
        if bar is not None:
            bar.stop()
    total = sum(counts.values())
    summary = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    typer.echo(f"{total} rows screened: {summary or 'none'} -> {output}", err=True)


def _tally(codes: Any) -> tuple[list[str], list[int]]:
    import numpy as np

    from ..core.batch import OUTCOME_NAMES

    counts = np.bincount(codes, minlength=len(OUTCOME_NAMES))
    return [OUTCOME_NAMES[i] for i in range(len(counts)) if counts[i]], [int(c) for c in counts if c]
