"""Dates as people write them (extrashield.facts.partial_dates): every accepted form of a day reads back to
that day, a year or a month to the interval of its days, and an ambiguous or impossible date is unknown
with a note, never a guess."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extrashield.facts.partial_dates import ONGOING, PartialDate, read_date, read_date_or_ongoing

days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))

FORMS = {
    "iso": lambda d: d.isoformat(),
    "dotted": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year:04d}",
    "dotted, no zeros": lambda d: f"{d.day}.{d.month}.{d.year:04d}",
    "year first, slashes": lambda d: f"{d.year:04d}/{d.month:02d}/{d.day:02d}",
    "year first, dots": lambda d: f"{d.year:04d}.{d.month:02d}.{d.day:02d}",
    "with midnight": lambda d: f"{d.isoformat()} 00:00:00",
    "with a time": lambda d: f"{d.isoformat()}T14:30",
}


@given(days, st.sampled_from(sorted(FORMS)))
def test_every_accepted_form_of_a_day_reads_back_to_that_day(day: dt.date, form: str) -> None:
    got = read_date(FORMS[form](day))
    assert got.value == PartialDate.day(day)
    assert got.value is not None and got.value.exact == day
    assert (got.note is None) == (form == "iso")


@given(days)
def test_a_slashed_date_is_read_only_when_one_order_alone_gives_a_real_day(day: dt.date) -> None:
    day_first = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    got = read_date(day_first)
    if day.day > 12 or day.day == day.month:
        assert got.value == PartialDate.day(day)
    else:
        assert got.value is None and got.unreadable and got.problem == "day and month order"


@given(days)
def test_a_year_or_a_month_is_the_interval_of_its_days(day: dt.date) -> None:
    year = read_date(f"{day.year:04d}").value
    assert year is not None and (year.earliest, year.latest) == (
        dt.date(day.year, 1, 1),
        dt.date(day.year, 12, 31),
    )
    month = read_date(f"{day.year:04d}-{day.month:02d}").value
    assert month is not None and month.earliest <= day <= month.latest
    assert month.earliest.day == 1 and month.latest.day == calendar.monthrange(day.year, day.month)[1]
    assert read_date(f"{day.month:02d}.{day.year:04d}").value == month
    assert year.exact is None and month.exact is None


def test_a_partial_date_shows_as_written_in_iso() -> None:
    assert str(PartialDate.year(2024)) == "2024"
    assert str(PartialDate.month(2024, 2)) == "2024-02"
    assert PartialDate.month(2024, 2).latest == dt.date(2024, 2, 29)
    assert str(PartialDate.day(dt.date(2024, 6, 5))) == "2024-06-05"
    with pytest.raises(ValueError):
        PartialDate(dt.date(2024, 2, 1), dt.date(2024, 1, 1))


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("05/06/2024", "day and month order"),
        ("05-06-2024", "day and month order"),
        ("05.06.24", "two-digit year"),
        ("31.02.2024", "not a real date"),
        ("2024-13", "not a real date"),
        ("2024-02-30", "not a real date"),
        ("2024-06-05T10:00+03:00", "time zone"),
        ("June 2024", "not a date"),
        ("45000", "not a date"),
    ],
)
def test_dates_that_cannot_be_read_with_certainty_are_unknown_and_named(cell: str, problem: str) -> None:
    got = read_date(cell)
    assert got.value is None and got.unreadable and got.problem == problem
    assert got.note is not None and got.note.startswith(repr(cell)) and got.note.endswith("taken as unknown")


def test_typed_dates_are_taken_and_a_date_time_gives_its_day() -> None:
    assert read_date(dt.date(2024, 6, 5)).value == PartialDate.day(dt.date(2024, 6, 5))
    got = read_date(dt.datetime(2024, 6, 5, 23, 59))
    assert got.value == PartialDate.day(dt.date(2024, 6, 5)) and got.note is not None
    assert read_date(2024).value == PartialDate.year(2024)


@pytest.mark.parametrize("cell", ["ongoing", "Ongoing", "по настоящее время", "по н.в."])
def test_ongoing_is_read_in_english_and_russian(cell: str) -> None:
    got = read_date_or_ongoing(cell)
    assert got.value == ONGOING
    assert (got.note is None) == (cell == "ongoing")


def test_a_contract_end_may_also_be_a_date() -> None:
    assert read_date_or_ongoing("01.05.2025").value == PartialDate.day(dt.date(2025, 5, 1))
    assert read_date_or_ongoing("still").unreadable
