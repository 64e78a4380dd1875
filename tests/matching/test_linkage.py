"""link(): the one loop over two lists - candidates from blocking, scored, above the threshold, best first."""

import dataclasses
import gc
import json
from pathlib import Path

import pytest

from extrashield.matching import (
    DEFAULT_THRESHOLD,
    Index,
    Person,
    link,
    linkage,
    person_from_row,
    score_ceiling,
    score_pair,
)
from extrashield.matching.frequency import NameFrequencies

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "match"


def _people(*rows: dict[str, str]) -> list[Person]:
    return [person_from_row(r) for r in rows]


def test_a_cross_script_pair_is_linked_and_an_unrelated_name_is_not() -> None:
    wanted = _people({"id": "w1", "name": "José Manuel Hernández Ruiz", "birth_date": "1990-04-02"})
    recruits = _people(
        {"id": "r1", "name": "Иван Петров", "birth_date": "1990-04-02"},
        {"id": "r2", "name": "Хосе Мануэль Эрнандес Руис", "birth_date": "1990"},
    )
    links = list(link(wanted, recruits))
    assert [(x.left, x.right) for x in links] == [(0, 1)]


def test_pairs_come_best_first_within_each_wanted_person_and_progress_counts_every_person() -> None:
    wanted = _people({"name": "Ram Bahadur Thapa", "birth_date": "1995-01-10"}, {"name": "Nobody Atall"})
    recruits = _people(
        {"name": "Рам Бахадур Тапа"},
        {"name": "Рам Бахадур Тхапа", "birth_date": "1995-01-10"},
    )
    done: list[int] = []
    links = list(link(wanted, recruits, threshold=0.0, progress=done.append))
    scores = [x.score.score for x in links if x.left == 0]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2
    assert links[0].right == 1
    assert sum(done) == 2


def _labelled(limit: int) -> tuple[list[Person], list[Person]]:
    """Both sides of the labelled pairs (benchmarks/data/match), as two lists."""
    rows = [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = rows[:limit]
    return [person_from_row(r["wanted"]) for r in rows], [person_from_row(r["recruit"]) for r in rows]


def _fresh(p: Person) -> Person:
    # a copy with nothing derived yet: scored as if met for the first time
    return dataclasses.replace(p)


def test_link_gives_every_candidate_pair_scoring_at_least_the_threshold_in_processes_or_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(linkage, "MIN_PART", 1)  # split even these short lists between processes
    wanted, recruits = _labelled(600)
    index = Index.build([_fresh(r) for r in recruits])
    # the name frequencies of both lists, as link counts them
    frequencies = NameFrequencies.of_lists([_fresh(w) for w in wanted], [_fresh(r) for r in recruits])
    expected = []
    for i, w in enumerate(wanted):
        scored = [
            (j, score_pair(_fresh(w), _fresh(recruits[j]), frequencies).score)
            for j in index.candidates(_fresh(w))
        ]
        kept = sorted(((-s, j) for j, s in scored if s >= DEFAULT_THRESHOLD))
        expected += [(i, j, -s) for s, j in kept]
    assert len(expected) > 250  # the true pairs and some namesakes
    for workers in (1, 2, 3):
        got = [(x.left, x.right, x.score.score) for x in link(wanted, recruits, workers=workers)]
        assert got == expected


def test_a_list_split_between_processes_finds_the_pairs_of_one_process_when_keys_are_common(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # with blocks of at most 2 persons, most keys are common over the whole list but not within a part:
    # each process must leave out the keys the whole list makes common, and fall back on them only for a
    # person with no other key anywhere
    monkeypatch.setattr(linkage, "MIN_PART", 1)
    wanted, recruits = _labelled(400)
    one = [(x.left, x.right, x.score.score) for x in link(wanted, recruits, max_block=2, threshold=0.5)]
    assert one
    for workers in (2, 4):
        fresh = ([_fresh(w) for w in wanted], [_fresh(r) for r in recruits])
        got = [
            (x.left, x.right, x.score.score)
            for x in link(*fresh, max_block=2, threshold=0.5, workers=workers)
        ]
        assert got == one


def test_the_score_ceiling_is_never_below_the_score() -> None:
    wanted, recruits = _labelled(400)
    index = Index.build(recruits)
    below = [
        (w.names, recruits[j].names)
        for w in wanted
        for j in index.candidates(w)
        if score_pair(w, recruits[j]).score > score_ceiling(w, recruits[j])
    ]
    assert below == []
    years_apart = person_from_row({"name": "Ram Thapa", "birth_date": "1990", "nationality": "NP"})
    assert score_ceiling(years_apart, person_from_row({"name": "Рам Тхапа", "birth_date": "1980"})) < 0.75


def test_linking_holds_back_the_collectors_full_passes_and_restores_its_thresholds_after() -> None:
    wanted, recruits = _labelled(50)
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    links = list(link(wanted, recruits, progress=lambda _: during.append(gc.get_threshold())))
    assert links
    assert during and all(t == (before[0], before[1], linkage.NO_FULL_PASS) for t in during)
    assert gc.get_threshold() == before
