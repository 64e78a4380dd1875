"""`extrashield screen --engine spark`: the same screening on a Spark cluster (batch/spark.py, docs/spark.md).

Spark reads the input (Parquet, a file or a directory of parts; or CSV with a header row) from any path it
reads (a local path, hdfs://, s3a://…) and writes the results as Parquet, a directory of parts in the
input's order, as Spark writes. Every failure the local engine names before reading (a decision date, a
reading, a header or mapping, an unknown format) is exit 2 with the same message; pyspark missing is exit 2
naming how to install it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer

from extrashield.adapters.cli.common import fail
from extrashield.i18n import _

# The formats Spark reads and writes itself, by the endings of their paths (batch/formats/ names them so).
SPARK_INPUTS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}
SPARK_OUTPUTS = {".parquet": "parquet", ".pq": "parquet"}


def _format_of(path: str, explicit: str | None, known: Mapping[str, str], flag: str) -> str:
    if explicit is not None:
        if explicit not in known.values():
            fail(
                _("{flag} {explicit}: with --engine spark, one of {value}").format(
                    flag=flag, explicit=explicit, value=", ".join(sorted(set(known.values())))
                )
            )
        return explicit
    stripped = path.rstrip("/").lower()
    for suffix, name in known.items():
        if stripped.endswith(suffix):
            return name
    fail(
        _(
            "{path}: with --engine spark, name a path ending {endings} or say the format with {flag} ({formats})"
        ).format(
            path=path, endings=", ".join(known), flag=flag, formats=", ".join(sorted(set(known.values())))
        )
    )


def session_or_fail(master: str) -> Any:
    from extrashield.batch.spark import spark_session

    try:
        return spark_session(master)
    except ImportError as exc:
        fail(str(exc))
    except Exception as exc:  # Java missing, a master that cannot be reached
        fail(
            _("cannot start Spark on {master}: {problem}").format(
                master=master, problem=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            )
        )


def read_table(spark: Any, path: str, fmt: str) -> Any:
    """The input as a Spark DataFrame. CSV as `screen` reads it: every cell text (an empty cell empty, not
    null), quotes doubled inside quoted cells; a cell may not hold a line break (Spark splits a CSV file
    between tasks at line ends)."""
    from pyspark.errors import AnalysisException

    try:
        if fmt == "parquet":
            return spark.read.parquet(path)
        df = spark.read.option("header", True).option("escape", '"').option("encoding", "UTF-8").csv(path)
        return df.na.fill("")
    except AnalysisException as exc:
        fail(_("{path}: cannot read the cases: {why}").format(path=path, why=str(exc).splitlines()[0]))


def screen_on_spark(
    input: str,
    output: str,
    *,
    master: str,
    input_format: str | None,
    output_format: str | None,
    decision_date: str | None,
    readings: dict[str, str],
    mapping: dict[str, str],
    depends: bool,
) -> None:
    """`screen` on Spark (see the module's text): the results written, then their outcomes counted."""
    from extrashield.batch.person_lists import tell
    from extrashield.batch.spark import screen_spark, screener_for, settings_of
    from extrashield.errors import CaseError
    from extrashield.facts.person_list import HeaderError

    in_fmt = _format_of(input, input_format, SPARK_INPUTS, "--input-format")
    _format_of(output, output_format, SPARK_OUTPUTS, "--output-format")
    if input.rstrip("/") == output.rstrip("/"):
        fail(_("{path}: is the input; write the results to another path").format(path=output))
    try:
        screener = screener_for(settings_of(decision_date, readings, depends))
    except CaseError as exc:
        fail(str(exc))
    spark = session_or_fail(master)
    df = read_table(spark, input, in_fmt)
    try:
        told = tell(df.columns, mapping, screener.schema.names)
        results = screen_spark(
            df, decision_date=decision_date, readings=readings, mapping=mapping, depends=depends
        )
    except HeaderError as exc:
        fail(_("{path}: column {problem}").format(path=input, problem=exc))
    except ValueError as exc:  # rows.TableError: no header
        fail(f"{input}: {exc}")
    for message in told.messages():
        typer.echo(f"{input}: {message}", err=True)
    from pyspark.errors import AnalysisException

    try:
        results.write.mode("errorifexists").parquet(output)
    except AnalysisException as exc:
        fail(_("{path}: cannot write the results: {why}").format(path=output, why=str(exc).splitlines()[0]))
    counts = {
        r["outcome"]: r["count"] for r in spark.read.parquet(output).groupBy("outcome").count().collect()
    }
    if told.is_list and not counts:
        fail(_("{path}: the list has a header and no rows: nothing to screen").format(path=input))
    said = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    typer.echo(
        _("{total} rows screened on Spark: {said} -> {path}").format(
            total=sum(counts.values()), said=said or _("none"), path=output
        ),
        err=True,
    )


__all__ = ["SPARK_INPUTS", "SPARK_OUTPUTS", "read_table", "screen_on_spark", "session_or_fail"]
