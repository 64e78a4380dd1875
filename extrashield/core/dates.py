"""Dates: ISO parsing that refuses impossible dates, and calendar arithmetic."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(value: object) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; raise ValueError with a plain reason otherwise."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date YYYY-MM-DD, got a date-time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date YYYY-MM-DD, got {type(value).__name__}")
    if not _ISO.match(value):
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February falls to 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


ONE_DAY = dt.timedelta(days=1)
