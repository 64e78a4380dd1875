"""Small builders for the matcher's tests."""

from __future__ import annotations

from extrashield.matching import BirthDate, Person
from extrashield.matching.languages import conventions
from extrashield.matching.names import Name, analyse
from extrashield.matching.scoring import PairScore


def person(name: str = "", born: str | None = None, countries: str = "", passport: str = "") -> Person:
    return Person(
        id=name or passport,
        names=(name,) if name else (),
        passport_names=(passport,) if passport else (),
        birth_date=BirthDate.parse(born) if born else None,
        nationalities=frozenset(countries.split()),
    )


def name(text: str, countries: str = "", passport: bool = False) -> Name:
    return analyse(text, conventions(countries.split()), passport)


def names_say(pair: PairScore) -> float:
    """The pair's score before names alone were held below "likely match" (scoring.NAMES_ALONE): what a
    test of name knowledge on records without birth dates asks about."""
    return pair.score if pair.held is None else pair.held
