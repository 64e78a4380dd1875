"""Birth dates known to the year, the month or the day, and what two of them say."""

from __future__ import annotations

import pytest

from extrashield.matching.dates import compare_birth_dates, date_score
from extrashield.matching.person import BirthDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-05-14", BirthDate(1990, 5, 14)),
        ("14.05.1990", BirthDate(1990, 5, 14)),
        ("1990-05", BirthDate(1990, 5)),
        ("1990", BirthDate(1990)),
    ],
)
def test_the_four_date_forms_of_a_person_list_are_read(text: str, expected: BirthDate) -> None:
    assert BirthDate.parse(text) == expected


@pytest.mark.parametrize("text", ["1990-02-30", "14/05/1990", "May 1990", "1990-13"])
def test_an_unreadable_or_impossible_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        BirthDate.parse(text)


def d(text: str) -> BirthDate:
    return BirthDate.parse(text)


def test_an_unknown_date_says_nothing() -> None:
    assert compare_birth_dates(d("1990"), None) is None


def test_dates_rank_from_same_day_to_years_apart() -> None:
    same = compare_birth_dates(d("1990-05-14"), d("1990-05-14"))
    year_only = compare_birth_dates(d("1990-05-14"), d("1990"))
    swapped = compare_birth_dates(d("1990-05-04"), d("1990-04-05"))
    other_day = compare_birth_dates(d("1990-05-14"), d("1990-05-20"))
    year_apart = compare_birth_dates(d("1990-05-14"), d("1991-05-14"))
    decade = compare_birth_dates(d("1990-05-14"), d("2000-05-14"))
    ranked = [same, year_only, swapped, other_day, year_apart, decade]
    assert all(e is not None for e in ranked)
    scores = [e.score for e in ranked if e is not None]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0 and scores[-1] == 0.0


def test_a_partial_date_agrees_with_a_full_one_in_its_year_or_month() -> None:
    evidence = compare_birth_dates(d("1993-04"), d("1993-04-12"))
    assert evidence is not None and evidence.score >= 0.8
    assert "month" in evidence.text


def test_the_explanation_gives_both_dates() -> None:
    evidence = compare_birth_dates(d("1990-05-14"), d("2000"))
    assert evidence is not None
    assert "1990-05-14" in evidence.text and "2000" in evidence.text and "10 years" in evidence.text


def test_two_full_dates_a_year_apart_on_other_days_say_more_against_than_a_typo_in_the_year() -> None:
    typo = compare_birth_dates(d("1990-05-14"), d("1991-05-14"))
    estimate = compare_birth_dates(d("1990-05-14"), d("1991"))
    other_days = compare_birth_dates(d("1990-05-14"), d("1991-08-02"))
    assert typo is not None and estimate is not None and other_days is not None
    assert other_days.score < typo.score == estimate.score
    assert "a year apart on other days" in other_days.text


def test_the_score_alone_is_the_score_of_the_evidence_for_every_pair_of_date_forms() -> None:
    forms = ["1990", "1990-05", "1990-05-14", "1990-05-20", "1990-06", "1991", "1991-05-14", "1991-08-02"]
    dates = [d(f) for f in [*forms, "1989-05", "2000-05-14", "1990-04-05", "1990-05-04"]]
    for a in [None, *dates]:
        for b in [None, *dates]:
            evidence = compare_birth_dates(a, b)
            assert date_score(a, b) == (None if evidence is None else evidence.score)
