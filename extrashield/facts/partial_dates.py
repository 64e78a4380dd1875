"""Dates as people write them in person lists (docs/person-lists.md), and partial dates.

A `PartialDate` is the closed interval of days a written date allows, both ends included:
`2024-06-05` is the one day [2024-06-05, 2024-06-05]; `2024-06` is [2024-06-01, 2024-06-30]; `2024` is
[2024-01-01, 2024-12-31]. The true day is one of them, none more likely than another. The case format
(docs/contract.md §3) holds only whole days, so a person list's row keeps a partial date beside its case
(`person_list.PersonRow.partial_dates`), where a comparison that the whole interval settles can be decided:
a contract "from 2024" began before any day of 2025, and may or may not have begun by 2024-06-01.

Forms read (`read_date`), each with a note unless it is ISO already:

| written | read as |
|---|---|
| `2024-06-05` | that day (ISO, no note) |
| `05.06.2024`, `5.6.2024` | 5 June 2024 (day first, the Russian order) |
| `2024-06`, `06.2024` | June 2024 |
| `2024` | the year 2024 |
| `2024/06/05`, `2024.06.05` | year first: 5 June 2024 |
| `13/06/2024`, `06/13/2024` | the one order that gives a real day |
| `2024-06-05 00:00:00`, `2024-06-05T14:30` | the day (spreadsheets add a time) |

Unreadable, so unknown with a note: `05/06/2024` (day and month may be either way round), `05.06.24` (which
century?), a time with a zone (the day depends on it), an impossible day (`31.02.2024`), anything else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from extrashield.facts.lenient import (
    UNKNOWN_WORDS,
    Read,
    blank,
    plain,
    read_as,
    said_unknown,
    taken,
    unreadable,
)
from extrashield.i18n import N_, _

ONGOING = "ongoing"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """The days [earliest, latest] (both included) that a written date allows; one day when exact."""

    earliest: dt.date
    latest: dt.date

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise ValueError(f"latest {self.latest} is before earliest {self.earliest}")

    @classmethod
    def day(cls, day: dt.date) -> PartialDate:
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> PartialDate:
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def year(cls, year: int) -> PartialDate:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def exact(self) -> dt.date | None:
        """The day, when only one is possible."""
        return self.earliest if self.earliest == self.latest else None

    @property
    def unit(self) -> str:
        """What the date is known to: `day`, `month`, `year`, or `span` (another interval)."""
        text = str(self)
        return "span" if ".." in text else {4: "year", 7: "month"}.get(len(text), "day")

    def __str__(self) -> str:
        """As written in ISO: `2024-06-05`, `2024-06`, `2024`, or `earliest..latest` for another span."""
        e, last = self.earliest, self.latest
        if e == last:
            return e.isoformat()
        if e.day == 1 and last == PartialDate.month(e.year, e.month).latest:
            return f"{e.year:04d}-{e.month:02d}"
        if (e.month, e.day, last.month, last.day) == (1, 1, 12, 31) and e.year == last.year:
            return f"{e.year:04d}"
        return f"{e.isoformat()}..{last.isoformat()}"


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", re.ASCII)
_EITHER_ORDER = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})", re.ASCII)
_SHORT_YEAR = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2}", re.ASCII)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_MONTH_YEAR = re.compile(r"(\d{1,2})[./](\d{4})", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?", re.ASCII)
_WITH_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*(?:Z|[+-]\d{2}:?\d{2})", re.ASCII)

_HOW = N_("write YYYY-MM-DD or DD.MM.YYYY")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _not_real(text: str) -> Read[PartialDate]:
    return unreadable(text, _("is not a real calendar date"), "not a real date")


def read_date(value: object) -> Read[PartialDate]:
    """A date in one of the forms of the module's table, or a typed date (a date-time: its day)."""
    if blank(value):
        return Read(None)
    if isinstance(value, dt.datetime):
        return read_as(PartialDate.day(value.date()), value, value.date().isoformat())
    if isinstance(value, dt.date):
        return taken(PartialDate.day(value))
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return read_as(PartialDate.year(value), value, _("the year {year}").format(year=value))
    if not isinstance(value, str):
        return unreadable(value, _("is not a date ({how})").format(how=_(_HOW)), "not a date")
    text = value.strip()
    if m := _ISO.fullmatch(text):
        day = _day(int(m[1]), int(m[2]), int(m[3]))
        return taken(PartialDate.day(day)) if day else _not_real(text)
    if m := _DOTTED.fullmatch(text):
        day = _day(int(m[3]), int(m[2]), int(m[1]))
        return read_as(PartialDate.day(day), text, day.isoformat()) if day else _not_real(text)
    if m := _YEAR_FIRST.fullmatch(text):
        day = _day(int(m[1]), int(m[2]), int(m[3]))
        return read_as(PartialDate.day(day), text, day.isoformat()) if day else _not_real(text)
    if m := _EITHER_ORDER.fullmatch(text):
        return _either_order(text, int(m[1]), int(m[3]), int(m[4]))
    if _SHORT_YEAR.fullmatch(text):
        return unreadable(
            text, _("has a two-digit year (which century?); {how}").format(how=_(_HOW)), "two-digit year"
        )
    if m := _ISO_MONTH.fullmatch(text):
        return _month(text, int(m[1]), int(m[2]), canonical=len(m[2]) == 2)
    if m := _MONTH_YEAR.fullmatch(text):
        return _month(text, int(m[2]), int(m[1]), canonical=False)
    if _YEAR.fullmatch(text):
        year = int(text)
        return taken(PartialDate.year(year)) if year >= 1 else _not_real(text)
    if m := _WITH_TIME.fullmatch(text):
        day = _day(*(int(p) for p in m[1].split("-")))
        return read_as(PartialDate.day(day), text, day.isoformat()) if day else _not_real(text)
    if _WITH_ZONE.fullmatch(text):
        return unreadable(
            text,
            _("is a time with a time zone, whose day depends on the zone; {how}").format(how=_(_HOW)),
            "time zone",
        )
    if plain(text) in UNKNOWN_WORDS:
        return said_unknown(text)
    return unreadable(
        text, _("is not a date in a known form ({how}, YYYY-MM or YYYY)").format(how=_(_HOW)), "not a date"
    )


def _month(text: str, year: int, month: int, *, canonical: bool) -> Read[PartialDate]:
    if not 1 <= month <= 12 or year < 1:
        return _not_real(text)
    span = PartialDate.month(year, month)
    return taken(span) if canonical else read_as(span, text, str(span))


def _either_order(text: str, first: int, second: int, year: int) -> Read[PartialDate]:
    """`a/b/YYYY`: day/month in most of the world, month/day in the United States. Read only when one
    order alone gives a real day, or both give the same day."""
    as_dm, as_md = _day(year, second, first), _day(year, first, second)
    if as_dm is None and as_md is None:
        return _not_real(text)
    if as_dm is not None and as_md is not None and as_dm != as_md:
        return unreadable(
            text,
            _("may be {one} or {other} (day and month may be either way round); {how}").format(
                one=as_dm.isoformat(), other=as_md.isoformat(), how=_(_HOW)
            ),
            "day and month order",
        )
    day = as_dm or as_md
    assert day is not None
    return read_as(
        PartialDate.day(day),
        text,
        _("{day} (the only order that gives a real day)").format(day=day.isoformat()),
    )


# "Still serving" as Russian service records write it, besides the contract's `ongoing`.
_ONGOING_WORDS = frozenset(
    plain(w) for w in (ONGOING, "по настоящее время", "настоящее время", "по н.в.", "н.в.")
)


def read_date_or_ongoing(value: object) -> Read[PartialDate | str]:
    """A date as `read_date`, or `ongoing` (any case, or the Russian "по настоящее время", "по н.в.")."""
    if isinstance(value, str) and plain(value) in _ONGOING_WORDS:
        return taken(ONGOING) if value.strip() == ONGOING else read_as(ONGOING, value, ONGOING)
    got = read_date(value)
    return Read(got.value, got.note, got.unreadable, got.problem)
