"""The person a matcher compares: names in any script, a birth date that may be partial, citizenships.

Rows come from the person-list reader (docs/contract.md §3b) as plain mappings; this module only picks the
columns the matcher needs. It does not check the list: a value it cannot read is left unknown and noted,
so that one bad cell never hides a candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_YMD = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A birth date known to the year, the month or the day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day without a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1 to 12")
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # raises ValueError for 31 February

    @classmethod
    def parse(cls, text: str) -> BirthDate:
        """`YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY-MM` or `YYYY`; ValueError otherwise."""
        value = text.strip()
        if m := _YMD.match(value):
            year, month, day = m.groups()
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        if m := _DMY.match(value):
            day, month, year = m.groups()
            return cls(int(year), int(month), int(day))
        raise ValueError(f"expected a date YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY, got {text!r}")

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True, slots=True)
class Person:
    """One row of a person list, as the matcher sees it."""

    id: str
    names: tuple[str, ...]
    # names in the Latin of a Russian passport (ICAO Doc 9303: KHOSE for Хосе), read by no foreign convention
    passport_names: tuple[str, ...] = ()
    birth_date: BirthDate | None = None
    nationalities: frozenset[str] = frozenset()  # ISO 3166-1 alpha-2, upper case
    notes: tuple[str, ...] = field(default=(), compare=False)
    # what the matcher derives from the person (analysed names, blocking keys), made once per person
    # rather than once per pair (names.names_of, blocking.blocking_keys); not part of the person's value
    derived: dict[object, object] = field(default_factory=dict, init=False, compare=False, repr=False)


def _split(value: object) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def person_from_row(row: Mapping[str, object], default_id: str = "") -> Person:
    """The matcher's view of a §3b row: `name`, `aliases`, `latin_name`, `birth_date`, `nationality`.

    Nationalities are taken as ISO codes (the list reader turns country names into codes); anything that
    is not two letters is noted and left out rather than guessed.
    """
    notes: list[str] = []
    names = [*_split(row.get("name")), *_split(row.get("aliases"))]
    birth: BirthDate | None = None
    raw_birth = row.get("birth_date")
    if raw_birth not in (None, ""):
        try:
            birth = BirthDate.parse(str(raw_birth))
        except ValueError as exc:
            notes.append(f"birth_date: {exc}")
    codes: set[str] = set()
    for value in _split(row.get("nationality")):
        if len(value) == 2 and value.isalpha():
            codes.add(value.upper())
        elif value.casefold() != "none":
            notes.append(f"nationality: {value!r} is not an ISO 3166-1 alpha-2 code")
    ident = row.get("id")
    return Person(
        id=str(ident) if ident not in (None, "") else default_id,
        names=tuple(dict.fromkeys(names)),
        passport_names=tuple(dict.fromkeys(_split(row.get("latin_name")))),
        birth_date=birth,
        nationalities=frozenset(codes),
        notes=tuple(notes),
    )


__all__ = ["BirthDate", "Person", "person_from_row"]
