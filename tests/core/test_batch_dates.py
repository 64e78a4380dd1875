"""The batch engine's date handling agrees with the single-case path, value by value."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from extrashield.engine.vector.arrow_cases import parse_dates
from extrashield.engine.vector.columns import day_number, from_day_number
from extrashield.engine.vector.interpreter import add_years, civil_from_days, days_from_civil
from extrashield.facts.dates import add_years as add_years_one
from extrashield.facts.dates import parse_iso

TRICKY = [
    "2026-03-19",
    "2024-02-29",
    "2023-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "0001-01-01",
    "9999-12-31",
    "0000-01-01",
    "2026-3-19",
    " 2026-03-19",
    "2026-03-19 ",
    "2026-03-19\n",
    "2026/03/19",
    "20260319",
    "ongoing",
    "Ongoing",
    "",
    "2026-03-1x",
    "٢٠٢٦-٠٣-١٩",
    "2026-03-19T00:00",
    None,
]


def _single(text: str | None, allow_ongoing: bool) -> tuple[int, bool, bool, bool]:
    """(day, good, bad, ongoing) as validate_case would see the text."""
    if text is None:
        return 0, False, False, False
    if allow_ongoing and text == "ongoing":
        return 0, False, False, True
    try:
        return day_number(parse_iso(text)), True, False, False
    except ValueError:
        return 0, False, True, False


def test_parse_dates_accepts_and_refuses_exactly_the_texts_the_single_case_parser_does() -> None:
    for allow_ongoing in (False, True):
        days, good, bad, ongoing = parse_dates(pa.array(TRICKY, pa.string()), allow_ongoing)
        for i, text in enumerate(TRICKY):
            day, g, b, o = _single(text, allow_ongoing)
            assert bool(good[i]) == g, text
            assert bool(bad[i]) == b, text
            assert (bool(ongoing[i]) if ongoing is not None else False) == o, text
            if g:
                assert int(days[i]) == day, text


def test_parse_dates_reads_date32_columns_as_days() -> None:
    values = [dt.date(2026, 3, 19), None, dt.date(1999, 12, 31)]
    days, good, bad, _ = parse_dates(pa.array(values, pa.date32()), False)
    assert days.tolist()[0] == day_number(values[0]) and days.tolist()[2] == day_number(values[2])
    assert good.tolist() == [True, False, True] and not bad.any()


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9000, 12, 31)), st.integers(0, 100))
def test_add_years_over_columns_equals_the_single_case_calendar(day: dt.date, years: int) -> None:
    out = add_years(np.array([day_number(day)]), np.array([years]))
    assert from_day_number(int(out[0])) == add_years_one(day, years)


def test_29_february_falls_to_28_february_in_a_common_year() -> None:
    out = add_years(np.array([day_number(dt.date(2024, 2, 29))] * 2), np.array([1, 4]))
    assert [from_day_number(int(x)) for x in out] == [dt.date(2025, 2, 28), dt.date(2028, 2, 29)]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_civil_calendar_round_trip(day: dt.date) -> None:
    y, m, d = civil_from_days(np.array([day_number(day)], np.int64))
    assert (int(y[0]), int(m[0]), int(d[0])) == (day.year, day.month, day.day)
    assert int(days_from_civil(y, m, d)[0]) == day_number(day)
