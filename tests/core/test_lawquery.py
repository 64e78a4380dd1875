"""Queries on the law over time: the law on a date, a provision's versions, the difference between dates."""

from __future__ import annotations

import datetime as dt

import pytest

from extrashield.errors import CaseError
from extrashield.sources.lawbook import default_lawbook
from extrashield.sources.lawquery import ENDED, IN_FORCE, NOT_YET, diff, find, law_on, show_text, status_on

D = dt.date
BOOK = default_lawbook()


@pytest.mark.parametrize("day,status", [(D(2026, 3, 18), NOT_YET), (D(2026, 3, 19), IN_FORCE)])
def test_point_7_status_on_either_side_of_its_entry_into_force(day: D, status: str) -> None:
    assert status_on(BOOK["ru.upk.464.1.7"], day)[0] == status


def test_a_provision_whose_last_version_ended_is_ended() -> None:
    ended = [p for p in BOOK.provisions.values() if p.versions[-1].valid_until is not None]
    assert ended, "the law data has provisions that ended"
    p = ended[0]
    assert status_on(p, p.versions[-1].valid_until)[0] == ENDED


def test_law_on_a_date_lists_every_provision_with_its_status() -> None:
    rows = {r["id"]: r for r in law_on(BOOK, D(2026, 4, 1))}
    assert set(rows) == set(BOOK.provisions)
    assert rows["ru.upk.464.1.7"]["status"] == IN_FORCE
    assert rows["ru.upk.464.1.7"]["version"]["certainty"] == "inferred"


def test_diff_across_19_march_2026_adds_point_7() -> None:
    d = diff(BOOK, D(2026, 3, 18), D(2026, 3, 19))
    assert [c["provision"] for c in d["added"]] == ["ru.upk.464.1.7"]
    assert d["changed"] == [] and d["ended"] == []
    assert [s["provision"] for s in d["steps"]] == ["ru.upk.464.1.7"]


def test_diff_across_the_2011_change_of_art_15_shows_a_changed_version() -> None:
    d = diff(BOOK, D(2011, 1, 1), D(2012, 1, 1))
    changed = {c["provision"]: c for c in d["changed"]}
    assert changed["ru.uk.15"]["after"]["valid_from"] == "2011-12-08"


def test_diff_refuses_a_reversed_range() -> None:
    with pytest.raises(CaseError):
        diff(BOOK, D(2026, 4, 1), D(2026, 3, 1))


def test_find_by_article_prefix_and_suggest_on_a_typo() -> None:
    assert {p.id for p in find(BOOK, "ru.upk.464")} >= {"ru.upk.464.1.1", "ru.upk.464.1.7", "ru.upk.464.2.3"}
    with pytest.raises(CaseError) as err:
        find(BOOK, "ru.upk.464.1.77")
    assert "ru.upk.464.1.7" in err.value.problem


def test_show_marks_the_version_in_force_and_lists_open_questions_in_russian() -> None:
    text = show_text(BOOK["ru.uk.15"], D(2015, 1, 1), "ru")
    assert "<- in force on 2015-01-01" in text
    assert "трех лет" in text
    assert "art15.temporal_application" in text
