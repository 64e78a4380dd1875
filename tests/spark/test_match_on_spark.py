"""Matching on Spark finds the pairs `link` finds, with the same scores, features and explanations: on the
labelled pairs of benchmarks/data/match and on generated lists of namesakes in two scripts, with blocks
small enough that common keys are left out as `Index.candidates` leaves them out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield.matching import BirthDate, Person, explain, link, person_from_row
from extrashield.matching.blocking import MAX_BLOCK
from extrashield.matching.frequency import NameFrequencies
from extrashield.matching.spark import link_frames, persons_frame

PAIRS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "match" / "pairs.jsonl"
SMALL = settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))


def here(left: Sequence[Person], right: Sequence[Person], threshold: float, max_block: int) -> list[Any]:
    return sorted(
        (
            x.left,
            x.right,
            x.score.score,
            x.score.features["name"],
            x.score.features["birth_date"],
            x.score.features["nationality"],
            explain(x.score),
        )
        for x in link(left, right, threshold=threshold, max_block=max_block)
    )


def there(
    spark: Any, left: Sequence[Person], right: Sequence[Person], threshold: float, max_block: int
) -> list[Any]:
    found = link_frames(
        persons_frame(spark, left),
        persons_frame(spark, right),
        threshold=threshold,
        max_block=max_block,
        frequencies=NameFrequencies.of_lists(left, right),  # counted as `link` counts them, here
    )
    return sorted(tuple(r) for r in found.collect())


def test_the_labelled_pairs_link_on_spark_as_here(spark: Any) -> None:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()[:150]]
    left = [person_from_row(r["wanted"]) for r in rows]
    right = [person_from_row(r["recruit"]) for r in rows]
    for threshold, max_block in ((0.5, MAX_BLOCK), (0.3, 2)):
        expected = here(left, right, threshold, max_block)
        assert len(expected) > len(rows) / 2
        assert there(spark, left, right, threshold, max_block) == expected


GIVEN = ["Ram", "Рам", "Yoel", "Йоэль", "Kasun", "Касун", "Muhammad", "Мухаммад", "Sita"]
FAMILY = ["Thapa", "Тапа", "Pérez", "Перес", "Wijesinghe", "Виджесингхе", "Karimov", "Каримов"]
person = st.builds(
    lambda ident, words, born, countries, passport: Person(
        id=ident,
        names=(" ".join(words),) if words else (),
        passport_names=(passport,) if passport else (),
        birth_date=born,
        nationalities=frozenset(countries),
    ),
    st.text("abc", min_size=1, max_size=3),
    st.lists(st.sampled_from(GIVEN + FAMILY), min_size=0, max_size=3),
    st.one_of(
        st.none(),
        st.builds(BirthDate, st.sampled_from([1988, 1990, 1991])),
        st.builds(BirthDate, st.sampled_from([1990, 1991]), st.just(6), st.sampled_from([None, 2, 3])),
    ),
    st.sets(st.sampled_from(["NP", "CU", "LK", "UZ", "RU"]), max_size=2),
    st.sampled_from(["", "RAM THAPA", "KHOSE PERES"]),
)


@SMALL
@given(
    left=st.lists(person, min_size=1, max_size=25),
    right=st.lists(person, min_size=1, max_size=25),
    max_block=st.sampled_from([1, 3, MAX_BLOCK]),
)
def test_generated_lists_link_on_spark_as_here(
    spark: Any, left: list[Person], right: list[Person], max_block: int
) -> None:
    assert there(spark, left, right, 0.5, max_block) == here(left, right, 0.5, max_block)


def test_two_person_lists_held_by_spark_cross_reference_as_match_does(spark: Any) -> None:
    import pyarrow as pa

    from extrashield.batch.formats import input_for, reader_of
    from extrashield.batch.screening import Screener
    from extrashield.services.cross_reference import ListSource, cross_reference
    from extrashield.services.cross_reference_spark import cross_reference_spark

    examples = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
    paths = [examples / "wanted.csv", examples / "recruits.csv"]
    sources = [ListSource(role, p, reader_of(input_for(p))) for role, p in zip(("wanted", "recruits"), paths)]
    options: dict[str, Any] = {"threshold": 0.5, "explained": True}
    local = cross_reference(*sources, Screener(decision_date="2026-04-01"), **options)
    expected = pa.Table.from_batches(local.batches, schema=local.schema).to_pylist()
    frames = [spark.read.option("header", True).option("escape", '"').csv(str(p)).na.fill("") for p in paths]
    found = cross_reference_spark(*frames, decision_date="2026-04-01", **options)
    assert len(expected) >= 6
    assert [r.asDict(recursive=True) for r in found.collect()] == expected
