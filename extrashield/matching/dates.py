"""What two birth dates, each known to the year, the month or the day, say about one person."""

from __future__ import annotations

from dataclasses import dataclass

from extrashield.i18n import N_, reformatted
from extrashield.matching.person import BirthDate


@dataclass(frozen=True, slots=True)
class DateEvidence:
    score: float  # 1 same day ... 0 years apart
    text: str


def compare_birth_dates(a: BirthDate | None, b: BirthDate | None) -> DateEvidence | None:
    """None when either date is unknown: an unknown date neither supports nor weakens a match."""
    if a is None or b is None:
        return None
    score, said = _compared(a, b)
    return DateEvidence(score, said.format(a=a, b=b, gap=abs(a.year - b.year)))


def date_score(a: BirthDate | None, b: BirthDate | None) -> float | None:
    """`compare_birth_dates(a, b).score` without its words: asked for every candidate pair of two lists
    (scoring.score_ceiling), where writing the words cost more than the comparison."""
    if a is None or b is None:
        return None
    return _compared(a, b)[0]


def _compared(a: BirthDate, b: BirthDate) -> tuple[float, str]:
    """The score of two known dates and the words that say it (a template of `a`, `b` and `gap`)."""
    if a.year != b.year:
        gap = abs(a.year - b.year)
        if gap == 1 and not _other_day(a, b):
            return 0.25, _YEAR_APART
        if gap == 1:
            # a typo in the year keeps the month and day, and an estimate from an age gives no month: two
            # full dates a year apart that differ in the month or the day as well are two birthdays
            return 0.1, _YEAR_AND_DAY_APART
        return 0.0, _YEARS_APART
    if a.month is None or b.month is None:
        return 0.8, _SAME_YEAR_ONLY_KNOWN
    if a.month != b.month:
        if a.day is not None and b.day is not None and a.day == b.month and a.month == b.day:
            return 0.7, _SWAPPED
        return 0.3, _OTHER_MONTH
    if a.day is None or b.day is None:
        return 0.85, _SAME_MONTH_ONLY_KNOWN
    if a.day != b.day:
        return 0.3, _OTHER_DAY
    return 1.0, _SAME_DAY


# What two dates say, in English (a pair's score is data, made once); `words` says it in the current language
_YEAR_APART = N_("birth years one apart ({a} and {b}): a typo or an age-based estimate")
_YEAR_AND_DAY_APART = N_("born a year apart on other days ({a} and {b})")
_YEARS_APART = N_("birth dates {gap} years apart ({a} and {b})")
_SAME_YEAR_ONLY_KNOWN = N_("birth dates agree to the year ({a} and {b})")
_SWAPPED = N_("same birth date with day and month swapped ({a} and {b})")
_OTHER_MONTH = N_("same birth year, other month ({a} and {b})")
_SAME_MONTH_ONLY_KNOWN = N_("birth dates agree to the month ({a} and {b})")
_OTHER_DAY = N_("same birth month, other day ({a} and {b})")
_SAME_DAY = N_("same birth date ({a})")


def words(text: str) -> str:
    """A `DateEvidence.text` in the current language."""
    return reformatted(text, *_TEMPLATES) or text


_TEMPLATES = (
    _YEAR_APART,
    _YEAR_AND_DAY_APART,
    _YEARS_APART,
    _SAME_YEAR_ONLY_KNOWN,
    _SWAPPED,
    _OTHER_MONTH,
    _SAME_MONTH_ONLY_KNOWN,
    _OTHER_DAY,
    _SAME_DAY,
)


def _other_day(a: BirthDate, b: BirthDate) -> bool:
    """Both dates name the month and disagree in the month or, where both give it, the day."""
    if a.month is None or b.month is None:
        return False
    return a.month != b.month or (a.day is not None and b.day is not None and a.day != b.day)


__all__ = ["DateEvidence", "compare_birth_dates", "date_score", "words"]
