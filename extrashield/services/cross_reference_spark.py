"""`match` for two person lists held by Spark: the rows `extrashield match` writes, as a Spark DataFrame.

`cross_reference_spark(wanted, recruits)` takes two Spark DataFrames of person lists (docs/contract.md §3b,
their own headers mapped as `match --map-wanted/--map-recruits` maps them) and returns the DataFrame of
candidate pairs `match` writes (docs/matching.md: the pair, its score, verdict and explanation, each
feature's score, the extradition answer for the two rows taken as one person, both rows' own columns),
ordered as `match` orders them. Three stages, each the local code run in Spark's tasks:

1. **reading** each list a batch at a time as `read_list` reads it (`list_batch`, the values normalised,
   the matcher's `Person` of each row, rows numbered across partitions as `screen_spark` numbers them);
2. **linking** (`matching.spark.link_frames`): blocking as Spark joins, `score_pair` in the tasks;
3. **answering**: each pair with both rows' values, merged and answered by the batch engine, and its row
   assembled, by `cross_reference`'s own functions (`merge`, `_answered`) on a batch of pairs.

What `match` refuses (a list with no `name` column, an unknown header) is refused here on the driver, from
the DataFrames' columns, before any row is read. A row `match` would stop at (not UTF-8, a cell over 1 MiB)
cannot come from a DataFrame, whose cells are already read; a cell over 1 MiB is emptied and its row marked,
as `screen` does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from extrashield.matching.blocking import MAX_BLOCK
from extrashield.matching.thresholds import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from extrashield.batch.formats.base import Reader
    from extrashield.batch.person_lists import Told
    from extrashield.services.cross_reference import PersonList

VALUE = "v_"  # a row's normalised §3b values (cross_reference.MERGED_COLUMNS), carried for the merge
OWN = "o_"  # a row's own columns, carried for the output by their place (o_0, o_1…: a header may hold a dot)
SIDES = (("wanted", "l_"), ("recruits", "r_"))


def _told(df: DataFrame, mapping: Mapping[str, str] | None, role: str) -> Told:
    """The list's layout, with `read_list`'s refusals (`ListError`) for one that cannot be matched."""
    from pyspark.sql.pandas.types import to_arrow_schema

    from extrashield.batch.person_lists import tell
    from extrashield.services.cross_reference import ListError

    told = tell(df.columns, mapping, ())
    plan = told.plan
    if plan is None or not told.is_list:
        raise ListError(f"the {role} list: no column is a person-list column (docs/contract.md §3b)")
    if plan.header_of("name") is None and plan.header_of("latin_name") is None:
        raise ListError(f"the {role} list: no `name` column (its columns: {', '.join(told.headers)})")
    types = to_arrow_schema(df.schema)
    return dataclasses.replace(told, types={f.name: f.type for f in types})


def _list_ddl(told: Told) -> Any:
    """The Spark schema of a list read for matching: persons, normalised values, notes, own columns."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema

    from extrashield.matching.spark import person_schema
    from extrashield.services.cross_reference import MERGED_COLUMNS

    types = told.types or {}
    fields = [
        *person_schema(),
        *(pa.field(VALUE + c, pa.string()) for c in MERGED_COLUMNS),
        pa.field("notes", pa.string()),
        *(pa.field(f"{OWN}{i}", types.get(h, pa.string())) for i, (h, _o) in enumerate(told.own)),
    ]
    return from_arrow_schema(pa.schema(fields))


@dataclasses.dataclass(frozen=True)
class _ReadTask:
    """Reads each batch of a list's rows as `read_list` does (pickled to the executors)."""

    told: Any
    names: tuple[str, ...]
    offsets: dict[int, int]
    expected: Any  # pa.Schema

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from extrashield.batch.person_lists import list_batch
        from extrashield.batch.rows import TableBatch
        from extrashield.batch.spark import ROW, first_row
        from extrashield.matching.spark import persons_table
        from extrashield.services.cross_reference import _normalised, _persons

        plan = self.told.plan
        for batch in batches:
            if batch.num_rows == 0:
                continue
            table = pa.Table.from_batches([batch]).rename_columns([*self.names, ROW])
            first = first_row(table.column(ROW)[0].as_py(), self.offsets)
            table = table.drop_columns([ROW])
            read = list_batch(TableBatch(table, None, table.num_rows), plan, self.told.own, first)
            assert read.listed is not None
            values = _normalised(read.data, read.listed.partial_dates, table, plan.header_of)
            got = _list(self.told)
            _persons(got, read.data.column("id"), values, read.listed.notes)
            persons = persons_table(got.persons)
            rows = pa.array(range(first - 1, first - 1 + table.num_rows), pa.int64())
            columns = [rows, *persons.columns[1:], *values.columns, pa.array(got.notes, pa.string())]
            columns += list(read.listed.own.columns)
            out = pa.Table.from_arrays(columns, schema=self.expected.remove_metadata())
            yield from out.cast(self.expected).to_batches()


def _list(told: Told, role: str = "list") -> PersonList:
    from extrashield.services.cross_reference import ListSource, PersonList

    # no file: the source names only the role (the reader is never used past reading)
    return PersonList(ListSource(role, Path(role), cast("Reader", None)), told)


def read_list_spark(df: DataFrame, mapping: Mapping[str, str] | None = None, role: str = "list") -> DataFrame:
    """A person list held by Spark read for matching: per row its `row` (its place in the list, from 0), its
    person (`matching.spark.PERSON_DDL`), its normalised values (`v_…`), notes and own columns (`o_…`)."""
    from pyspark.sql.pandas.types import to_arrow_schema

    from extrashield.batch.spark import numbered

    told = _told(df, mapping, role)
    schema = _list_ddl(told)
    names = tuple(df.columns)
    df, offsets = numbered(df)
    df = df.toDF(*(f"c{i}" for i in range(len(df.columns))))  # dotted names reach the task (batch/spark.py)
    return df.mapInArrow(_ReadTask(told, names, offsets, to_arrow_schema(schema)), schema)


@dataclasses.dataclass(frozen=True)
class _AnswerTask:
    """Answers a batch of linked pairs and assembles `match`'s rows, with `cross_reference._answered`."""

    settings: tuple[Any, tuple[tuple[str, str], ...], bool, str]
    told: tuple[Any, Any]  # the wanted list's and the recruits'
    explained: bool
    expected: Any  # pa.Schema
    frequencies: Any = None  # matching.frequency.NameFrequencies of both lists, as link counts them

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from extrashield.batch.results import plain
        from extrashield.batch.spark import screener_for
        from extrashield.matching import Link, score_pair
        from extrashield.matching.spark import _person
        from extrashield.services.cross_reference import MERGED_COLUMNS, _answered, output_schema

        screener = screener_for(self.settings)
        for batch in batches:
            if batch.num_rows == 0:
                continue
            table = pa.Table.from_batches([batch])
            rows = table.to_pylist()
            lists = []
            for (role, prefix), told in zip(SIDES, self.told):
                got = _list(told, role)
                got.ids = [r[prefix + "id"] for r in rows]
                got.notes = [r[prefix + "notes"] for r in rows]
                got.values = pa.table({c: table.column(prefix + VALUE + c) for c in MERGED_COLUMNS})
                got.own = pa.table(
                    {o: table.column(f"{prefix}{OWN}{i}") for i, (_h, o) in enumerate(told.own)}
                )
                lists.append(got)
            w, r = lists
            links = [
                Link(k, k, score_pair(_person(row, "l_"), _person(row, "r_"), self.frequencies))
                for k, row in enumerate(rows)
            ]
            schema = output_schema(screener.schema, w, r, explained=self.explained, judged=False)
            out = plain(_answered(links, w, r, screener, schema, self.explained, None, {}))
            order = pa.table({"l_row": table.column("l_row"), "r_row": table.column("r_row")})
            result = pa.Table.from_batches([out]).append_column("l_row", order.column("l_row"))
            result = result.append_column("r_row", order.column("r_row"))
            yield from result.cast(self.expected).to_batches()


def cross_reference_spark(
    wanted: DataFrame,
    recruits: DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    decision_date: Any = None,
    readings: Mapping[str, str] | None = None,
    map_wanted: Mapping[str, str] | None = None,
    map_recruits: Mapping[str, str] | None = None,
    explained: bool = False,
    max_block: int = MAX_BLOCK,
) -> DataFrame:
    """The rows `extrashield match` writes for two person lists held by Spark (see the module's text), in
    its order (by `wanted_id`, then score from highest, then the lists' order). Raises `ListError` for a
    list that cannot be matched and, as `screen_spark`, for a decision date or reading."""
    import pyarrow as pa
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    from extrashield.batch.results import plain_schema
    from extrashield.batch.spark import screener_for, settings_of
    from extrashield.matching.spark import PERSON_COLUMNS, link_frames
    from extrashield.services.cross_reference import output_schema

    settings = settings_of(decision_date, readings, True)
    screener = screener_for(settings)
    told = (_told(wanted, map_wanted, "wanted"), _told(recruits, map_recruits, "recruits"))
    lists = (
        read_list_spark(wanted, map_wanted, "wanted"),
        read_list_spark(recruits, map_recruits, "recruits"),
    )
    persons = [df.select(*PERSON_COLUMNS) for df in lists]
    # The name-frequency discount of `link`, counted over both lists. Counted here, on the driver: both lists'
    # persons are brought to it for the count (and dropped after; the Counter of name folds is kept), so the
    # counts and scores are the local run's. That holds both lists' persons in the driver's memory for a
    # moment: at cluster scale this count is the one to turn into a Spark aggregation.
    from extrashield.matching.frequency import NameFrequencies
    from extrashield.matching.spark import _person as person_of

    left_persons, right_persons = ([person_of(r.asDict()) for r in df.toLocalIterator()] for df in persons)
    frequencies = NameFrequencies.of_lists(left_persons, right_persons)
    del left_persons, right_persons
    pairs = link_frames(*persons, threshold=threshold, max_block=max_block, frequencies=frequencies).select(
        "left", "right"
    )
    for (_role, prefix), df, key in zip(SIDES, lists, ("left", "right")):
        side = df.select(*(F.col(c).alias(prefix + c) for c in df.columns))
        pairs = pairs.join(side, pairs[key] == F.col(prefix + "row"))
    pairs = pairs.drop("left", "right")
    # the output's schema, from empty lists of the same columns
    empty = [_list(t, role) for t, (role, _) in zip(told, SIDES)]
    for got, t in zip(empty, told):
        types = t.types or {}
        got.own = pa.schema([pa.field(o, types.get(h, pa.string())) for h, o in t.own]).empty_table()
    schema = plain_schema(output_schema(screener.schema, *empty, explained=explained, judged=False))
    schema = pa.schema([*schema, pa.field("l_row", pa.int64()), pa.field("r_row", pa.int64())])
    spark_schema = from_arrow_schema(schema)
    task = _AnswerTask(settings, told, explained, to_arrow_schema(spark_schema), frequencies)
    answered = pairs.mapInArrow(task, spark_schema)
    ordered = answered.orderBy(F.col("wanted_id"), F.col("score").desc(), F.col("l_row"), F.col("r_row"))
    return ordered.drop("l_row", "r_row")


__all__ = ["cross_reference_spark", "read_list_spark"]
