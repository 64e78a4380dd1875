"""Linking two lists on Spark: the blocking of blocking.py as Spark joins, the scorer of scoring.py per pair
in Spark's Python tasks. The same pairs and scores as `linkage.link` (tests/spark says so).

Persons travel as rows of `PERSON_SCHEMA` (`persons_table`: the row's place in its list, its id, its
names, passport names, birth date in parts, citizenships), so that a task rebuilds exactly the `Person`
the local run compares. Then:

1. **keys**: each person's blocking keys (`blocking.blocking_keys`), a row per (person, key), made in the
   tasks (`mapInArrow`);
2. **candidates**: `Index.candidates` as joins. A key held by more right persons than its limit (`MAX_BLOCK`,
   `MAX_YEAR_BLOCK` for a birth-year key) is common; a left person is paired through its keys that are not
   common, or through its common keys when it has no other key the right list holds. Each pair once;
3. **scoring**: every candidate pair with both persons' columns, in the tasks: `score_ceiling` first (the
   cheap bound, as `link`), then `score_pair`; the pairs at or above the threshold, with each feature's
   score and the explanation in words (`explanation.explain`).

Spark's own engine does the joins and shuffles; Splink, whose Spark backend was considered, scores with its
own model (benchmarks/match_splink.py compares it), so it would not give this project's pairs and scores.
pyspark is the optional extra `spark`, imported where used.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from extrashield.matching.blocking import MAX_BLOCK, MAX_YEAR_BLOCK, blocking_keys
from extrashield.matching.frequency import NameFrequencies
from extrashield.matching.linkage import Link
from extrashield.matching.person import BirthDate, Person
from extrashield.matching.scoring import DEFAULT_THRESHOLD, score_ceiling, score_pair

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

PERSON_COLUMNS = (
    "row",
    "id",
    "names",
    "passport_names",
    "birth_year",
    "birth_month",
    "birth_day",
    "nationalities",
)
PERSON_DDL = (
    "row long, id string, names array<string>, passport_names array<string>, birth_year int, "
    "birth_month int, birth_day int, nationalities array<string>"
)
PAIR_DDL = (
    "left long, right long, score double, name_score double, birth_date_score double, "
    "nationality_score double, explanation string"
)
KEY_DDL = "row long, key string"
CACHED_PERSONS = 65536  # persons a scoring task keeps rebuilt (a left person meets many right ones)


def person_schema() -> pa.Schema:
    import pyarrow as pa

    texts = pa.list_(pa.string())
    return pa.schema(
        [
            pa.field("row", pa.int64()),
            pa.field("id", pa.string()),
            pa.field("names", texts),
            pa.field("passport_names", texts),
            pa.field("birth_year", pa.int32()),
            pa.field("birth_month", pa.int32()),
            pa.field("birth_day", pa.int32()),
            pa.field("nationalities", texts),
        ]
    )


def persons_table(persons: Sequence[Person]) -> pa.Table:
    """Persons as rows of `person_schema`, `row` their place in the list (nationalities sorted)."""
    import pyarrow as pa

    births = [p.birth_date for p in persons]
    return pa.table(
        {
            "row": pa.array(range(len(persons)), pa.int64()),
            "id": [p.id for p in persons],
            "names": [list(p.names) for p in persons],
            "passport_names": [list(p.passport_names) for p in persons],
            "birth_year": [None if b is None else b.year for b in births],
            "birth_month": [None if b is None else b.month for b in births],
            "birth_day": [None if b is None else b.day for b in births],
            "nationalities": [sorted(p.nationalities) for p in persons],
        },
        schema=person_schema(),
    )


def _person(row: dict[str, Any], prefix: str = "") -> Person:
    year = row[prefix + "birth_year"]
    return Person(
        id=row[prefix + "id"],
        names=tuple(row[prefix + "names"] or ()),
        passport_names=tuple(row[prefix + "passport_names"] or ()),
        birth_date=None
        if year is None
        else BirthDate(year, row[prefix + "birth_month"], row[prefix + "birth_day"]),
        nationalities=frozenset(row[prefix + "nationalities"] or ()),
    )


def persons_frame(spark: SparkSession, persons: Sequence[Person]) -> DataFrame:
    """Persons held here as a Spark DataFrame of `PERSON_DDL` rows."""
    return spark.createDataFrame(persons_table(persons), PERSON_DDL)


def _keys_task(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    for batch in batches:
        rows: list[int] = []
        keys: list[str] = []
        for row in batch.to_pylist():
            for key in sorted(blocking_keys(_person(row))):
                rows.append(row["row"])
                keys.append(key)
        yield pa.RecordBatch.from_arrays(
            [pa.array(rows, pa.int64()), pa.array(keys, pa.string())], names=["row", "key"]
        )


def candidates(
    left: DataFrame, right: DataFrame, max_block: int = MAX_BLOCK, max_year_block: int = MAX_YEAR_BLOCK
) -> DataFrame:
    """(left, right) for every candidate pair of `Index.candidates`, each once (see the module's text)."""
    from pyspark.sql import functions as F

    left_keys = left.mapInArrow(_keys_task, KEY_DDL)
    right_keys = right.mapInArrow(_keys_task, KEY_DDL).withColumnRenamed("row", "right")
    held = right_keys.groupBy("key").agg(F.count(F.lit(1)).alias("held"))
    limit = F.when(F.col("key").startswith("y|"), F.lit(max_year_block)).otherwise(F.lit(max_block))
    keyed = left_keys.join(held, "key").withColumn("common", F.col("held") > limit)
    rare = keyed.groupBy("row").agg(F.max(F.when(~F.col("common"), 1).otherwise(0)).alias("rare"))
    chosen = keyed.join(rare, "row").where(~F.col("common") | (F.col("rare") == 0))
    return (
        chosen.select(F.col("row").alias("left"), "key")
        .join(right_keys, "key")
        .select("left", "right")
        .distinct()
    )


class _ScoreTask:
    """Scores each candidate pair of a batch (both persons' columns on the row, prefixed `l_`, `r_`)."""

    def __init__(self, threshold: float, frequencies: NameFrequencies | None = None) -> None:
        self.threshold = threshold
        self.frequencies = frequencies  # shipped to the tasks with the task itself (pickled once a task)

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from extrashield.matching.explanation import explain

        seen: dict[tuple[str, int], Person] = {}  # analysed names and keys are kept on the person

        def person(row: dict[str, Any], side: str) -> Person:
            key = (side, row[side + "row"])
            found = seen.get(key)
            if found is None:
                if len(seen) >= CACHED_PERSONS:
                    seen.clear()
                found = seen[key] = _person(row, side)
            return found

        names = [f.split()[0] for f in PAIR_DDL.split(", ")]
        for batch in batches:
            out: dict[str, list[Any]] = {n: [] for n in names}
            for row in batch.to_pylist():
                a, b = person(row, "l_"), person(row, "r_")
                if score_ceiling(a, b) < self.threshold:
                    continue
                scored = score_pair(a, b, self.frequencies)
                if scored.score < self.threshold:
                    continue
                features = scored.features
                for name, value in (
                    ("left", row["l_row"]),
                    ("right", row["r_row"]),
                    ("score", scored.score),
                    ("name_score", features["name"]),
                    ("birth_date_score", features["birth_date"]),
                    ("nationality_score", features["nationality"]),
                    ("explanation", explain(scored)),
                ):
                    out[name].append(value)
            if out["left"]:
                yield pa.RecordBatch.from_pydict(out, schema=_pair_schema())


def _pair_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("left", pa.int64()),
            pa.field("right", pa.int64()),
            *(
                pa.field(n, pa.float64())
                for n in ("score", "name_score", "birth_date_score", "nationality_score")
            ),
            pa.field("explanation", pa.string()),
        ]
    )


def link_frames(
    left: DataFrame,
    right: DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = MAX_BLOCK,
    max_year_block: int = MAX_YEAR_BLOCK,
    frequencies: NameFrequencies | None = None,
) -> DataFrame:
    """The pairs of two DataFrames of persons (`PERSON_DDL`) scoring at least `threshold`, as a DataFrame of
    `PAIR_DDL` rows (`left`, `right`: the persons' `row`), in no order: `link`'s pairs and scores."""
    from pyspark.sql import functions as F

    def side(df: DataFrame, prefix: str) -> DataFrame:
        return df.select(*(F.col(c).alias(prefix + c) for c in PERSON_COLUMNS))

    pairs = candidates(left, right, max_block, max_year_block)
    joined = pairs.join(side(left, "l_"), pairs["left"] == F.col("l_row")).join(
        side(right, "r_"), pairs["right"] == F.col("r_row")
    )
    return joined.select(
        *(F.col("l_" + c) for c in PERSON_COLUMNS), *(F.col("r_" + c) for c in PERSON_COLUMNS)
    ).mapInArrow(_ScoreTask(threshold, frequencies), PAIR_DDL)


def link_on_spark(
    spark: SparkSession,
    left: Sequence[Person],
    right: Sequence[Person],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = MAX_BLOCK,
    name_frequencies: bool = True,
) -> list[Link]:
    """`link(left, right)` for persons held here, its candidates found and scored on Spark: the same
    `Link`s in the same order (each left person in order, best first). The pairs found are scored again
    here, to give each its `PairScore` (what the answers and explanations are made of): a few per left
    person, where Spark scored every candidate. The name frequencies are counted here, over both lists, as
    `link` counts them, and travel to the tasks: the same discount, so the same scores."""
    frequencies = NameFrequencies.of_lists(left, right) if name_frequencies else None
    found = link_frames(
        persons_frame(spark, left),
        persons_frame(spark, right),
        threshold=threshold,
        max_block=max_block,
        frequencies=frequencies,
    ).select("left", "right")
    links = [
        Link(i, j, score_pair(left[i], right[j], frequencies))
        for i, j in ((int(r[0]), int(r[1])) for r in found.collect())
    ]
    links.sort(key=lambda x: (x.left, *x.score.best_first, x.right))
    return links


__all__ = [
    "PAIR_DDL",
    "PERSON_DDL",
    "candidates",
    "link_frames",
    "link_on_spark",
    "person_schema",
    "persons_frame",
    "persons_table",
]
