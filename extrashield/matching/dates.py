"""What two birth dates, each known to the year, the month or the day, say about one person."""

from __future__ import annotations

from dataclasses import dataclass

from extrashield.i18n import _
from extrashield.matching.person import BirthDate


@dataclass(frozen=True, slots=True)
class DateEvidence:
    score: float  # 1 same day ... 0 years apart
    text: str


def compare_birth_dates(a: BirthDate | None, b: BirthDate | None) -> DateEvidence | None:
    """None when either date is unknown: an unknown date neither supports nor weakens a match."""
    if a is None or b is None:
        return None
    if a.year != b.year:
        gap = abs(a.year - b.year)
        if gap == 1 and not _other_day(a, b):
            return DateEvidence(
                0.25,
                _("birth years one apart ({a} and {b}): a typo or an age-based estimate").format(a=a, b=b),
            )
        if gap == 1:
            # a typo in the year keeps the month and day, and an estimate from an age gives no month: two
            # full dates a year apart that differ in the month or the day as well are two birthdays
            return DateEvidence(0.1, _("born a year apart on other days ({a} and {b})").format(a=a, b=b))
        return DateEvidence(0.0, _("birth dates {gap} years apart ({a} and {b})").format(gap=gap, a=a, b=b))
    if a.month is None or b.month is None:
        return DateEvidence(0.8, _("birth dates agree to the year ({a} and {b})").format(a=a, b=b))
    if a.month != b.month:
        if a.day is not None and b.day is not None and a.day == b.month and a.month == b.day:
            return DateEvidence(
                0.7, _("same birth date with day and month swapped ({a} and {b})").format(a=a, b=b)
            )
        return DateEvidence(0.3, _("same birth year, other month ({a} and {b})").format(a=a, b=b))
    if a.day is None or b.day is None:
        return DateEvidence(0.85, _("birth dates agree to the month ({a} and {b})").format(a=a, b=b))
    if a.day != b.day:
        return DateEvidence(0.3, _("same birth month, other day ({a} and {b})").format(a=a, b=b))
    return DateEvidence(1.0, _("same birth date ({a})").format(a=a))


def _other_day(a: BirthDate, b: BirthDate) -> bool:
    """Both dates name the month and disagree in the month or, where both give it, the day."""
    if a.month is None or b.month is None:
        return False
    return a.month != b.month or (a.day is not None and b.day is not None and a.day != b.day)


__all__ = ["DateEvidence", "compare_birth_dates"]
