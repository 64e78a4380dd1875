"""Screening a Spark DataFrame: the same batch engine, run by Spark's executors on its Arrow record batches.

`screen_spark(df)` takes a Spark DataFrame of cases (docs/contract.md §3 nested, or flattened into dotted
columns) or of a person list (§3b) and returns a Spark DataFrame with the columns `screen` writes
(`results.plain_schema`: `id`, `outcome`, `applies`, `depends_on`, `error`, `questions`, `notes`, a status
per ground, then a person list's own columns), one row per input row, in the input's order. Nothing is
computed until Spark is asked for the rows (`write`, `collect`…).

Each Spark task gets its partition as Arrow record batches (`DataFrame.mapInArrow`) and hands each to
`frames.screened_batches`, the code `screen_frame` runs: the layout is told once on the driver from the
DataFrame's columns (`person_lists.tell`), the rules are the package's own, and no rule is written again
for Spark. Memory stays flat: a task holds one record batch at a time
(`spark.sql.execution.arrow.maxRecordsPerBatch` rows, set to the `screen` command's batch size by
`spark_session`), however large its partition.

A person list's row without an id gets its row number, as in a file. Spark numbers no rows, so a first,
cheap pass counts the rows of each partition (no column is read: from Parquet, the footers only), and each
task numbers its rows from the rows of the partitions before it.

The screener (the law loaded, the rules compiled) is built once per executor's Python worker and kept for
every task it runs (Spark reuses its Python workers); the law travels inside the installed package.
pyspark is the optional extra `spark` (`pip install 'extrashield[spark]'`): imported here only.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

    from extrashield.batch.screening import Screener

# Rows per record batch handed to a task: the `screen` command's batch size (adapters/cli/screen.py
# BATCH_ROWS, whose comment gives the memory it costs), so that an executor's Python worker holds what one
# `screen` worker holds.
ARROW_BATCH_ROWS = 8192
INSTALL = "pip install 'extrashield[spark]' (uv: uv sync --extra spark); Spark needs Java 17 or later"
ROW = "__extrashield_row"  # the column that carries each row's number to the tasks (dropped there)
_ROW_BITS = 33  # monotonically_increasing_id(): the partition index above bit 33, the row within it below

# (decision date, readings, depends, language) -> the screener an executor's Python worker built for them
_SCREENERS: dict[tuple[Any, ...], Screener] = {}


def spark_session(master: str = "local[*]", app_name: str = "extrashield") -> SparkSession:
    """A Spark session on `master` (`local[*]`, `local[2]`, `spark://host:7077`, `yarn`…), or the one already
    running (whose settings stay as they were made: a cluster's own come from spark-submit). ImportError
    naming how to install pyspark when it is not."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ImportError(f"Spark is not installed: {INSTALL}") from exc
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH_ROWS))
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # tasks in this machine's Python, which has extrashield (Spark would take the first `python3` on
        # the PATH); pyspark reads only the variable when it starts its workers. A cluster's executors have
        # their own Python, set by spark-submit (docs/spark.md)
        os.environ["PYSPARK_PYTHON"] = sys.executable
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def settings_of(
    decision_date: Any, readings: Mapping[str, str] | None, depends: bool
) -> tuple[Any, tuple[tuple[str, str], ...], bool, str]:
    """A screener's settings as a key (and as what a task is given to build its screener), with the
    language of the run: an executor's worker has no `--lang` of its own, so its rows' texts (`error`,
    `questions`) are made in the language the driver was asked for."""
    from extrashield.i18n import language

    return (decision_date, tuple(sorted((readings or {}).items())), depends, language())


def screener_for(settings: tuple[Any, tuple[tuple[str, str], ...], bool, str]) -> Screener:
    """The screener for these settings, built once per Python process (driver or executor's worker)."""
    found = _SCREENERS.get(settings)
    if found is None:
        from extrashield.batch.screening import Screener

        decision_date, readings, depends, language = settings
        found = _SCREENERS[settings] = Screener(
            decision_date=decision_date, readings=dict(readings), depends=depends, language=language
        )
    return found


def screen_spark(
    df: DataFrame,
    *,
    decision_date: Any = None,
    readings: Mapping[str, str] | None = None,
    mapping: Mapping[str, str] | None = None,
    depends: bool = True,
) -> DataFrame:
    """The results of screening every row of the Spark DataFrame `df` (see the module's text), as a Spark
    DataFrame. `decision_date`, `readings` and `mapping` (a person list's headers to §3b columns) as for
    `screen`. Raises what `screen` refuses before any row is read: `CaseError` for a decision date,
    `ReadingError` for a reading, `person_list.HeaderError` for a header or mapping."""
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    from extrashield.batch.person_lists import tell
    from extrashield.batch.results import plain_schema

    settings = settings_of(decision_date, readings, depends)
    screener = screener_for(settings)  # on the driver too: a wrong date or reading fails here, not in a task
    told = tell(df.columns, mapping, screener.schema.names)
    if told.is_list:
        types = to_arrow_schema(df.schema)
        told = dataclasses.replace(told, types={f.name: f.type for f in types})
    out = plain_schema(told.output_schema(screener.schema))
    spark_schema = from_arrow_schema(out)
    # what Spark expects back for that schema (its string and list types), cast to in the task
    expected = to_arrow_schema(spark_schema)
    names = tuple(df.columns)
    offsets: dict[int, int] | None = None
    if told.is_list:
        df, offsets = numbered(df)
    # Spark resolves each column by name to hand it to the task, and a dotted name (`person.birth_date`,
    # a flattened case's) as a field of a struct: the task gets them under plain names and renames them back
    df = df.toDF(*(f"c{i}" for i in range(len(df.columns))))
    return df.mapInArrow(_Task(settings, told, names, expected, offsets), spark_schema)


def numbered(df: DataFrame) -> tuple[DataFrame, dict[int, int]]:
    """`df` with a column of ids Spark gives each row (partition index, row within it), and the rows of
    the partitions before each partition (from a pass that counts them)."""
    from pyspark.sql import functions as F

    counts = dict(
        df.groupBy(F.spark_partition_id().alias("p")).count().rdd.map(lambda r: (r[0], r[1])).collect()
    )
    offsets: dict[int, int] = {}
    before = 0
    for p in sorted(counts):
        offsets[p] = before
        before += counts[p]
    return df.withColumn(ROW, F.monotonically_increasing_id()), offsets


def first_row(spark_id: int, offsets: Mapping[int, int]) -> int:
    """The number (from 1) of the row Spark gave `spark_id` (`numbered`)."""
    partition, row = spark_id >> _ROW_BITS, spark_id & ((1 << _ROW_BITS) - 1)
    return offsets.get(partition, 0) + row + 1


@dataclasses.dataclass(frozen=True)
class _Task:
    """What each Spark task runs on its partition's record batches (pickled to the executors)."""

    settings: tuple[Any, tuple[tuple[str, str], ...], bool, str]
    told: Any
    names: tuple[str, ...]  # the input's column names (the row numbers' column not among them)
    expected: Any  # pa.Schema
    offsets: dict[int, int] | None

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from extrashield.batch.frames import screened_batches

        screener = screener_for(self.settings)
        for batch in batches:
            if batch.num_rows == 0:
                continue
            table = pa.Table.from_batches([batch])
            table = table.rename_columns([*self.names, ROW][: table.num_columns])
            first = 1
            if self.offsets is not None:
                first = first_row(table.column(ROW)[0].as_py(), self.offsets)
                table = table.drop_columns([ROW])
            for result in screened_batches(table, self.told, screener, table.num_rows, first):
                yield _as(result, self.expected)


def _as(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """`batch` with the Arrow types Spark expects for the output schema (large or plain strings, say)."""
    import pyarrow as pa

    if batch.schema.equals(schema):
        return batch
    return pa.Table.from_batches([batch]).cast(schema).to_batches()[0]


__all__ = [
    "ARROW_BATCH_ROWS",
    "INSTALL",
    "first_row",
    "numbered",
    "screen_spark",
    "screener_for",
    "settings_of",
    "spark_session",
]
