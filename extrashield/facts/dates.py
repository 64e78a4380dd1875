"""Dates: ISO parsing that refuses impossible dates, and calendar arithmetic."""

from __future__ import annotations

import datetime as dt
import re

from extrashield.i18n import _

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(value: object) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; raise ValueError with a plain reason otherwise."""
    if isinstance(value, dt.datetime):
        raise ValueError(_("expected a date YYYY-MM-DD, got a date-time"))
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(_("expected a date YYYY-MM-DD, got {value}").format(value=type(value).__name__))
    if not _ISO.match(value):
        raise ValueError(_("expected a date YYYY-MM-DD, got {value}").format(value=repr(value)))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("{value} is not a real calendar date").format(value=repr(value))) from None


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February falls to 28 February in a common year.

    A day past the calendar's last (9999-12-31) or before its first is that last or first day: the rules
    only compare such a day with a decision date, and every decision date lies within the calendar."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held within the calendar (see `add_years`)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


ONE_DAY = dt.timedelta(days=1)
