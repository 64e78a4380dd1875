"""Dates and numbers as each language writes them (issue 19 item 3), with Babel's CLDR data: 12 April 2026
and 12.04.2026, 18,000 and 18 000. Templates use them as filters: `{{ d|day }}`, `{{ n|number }}`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from extrashield.i18n import language, pgettext

# the forms: the day in words in English, the numeric form Russian documents use
DATE_FORMATS = {"en": "d MMMM y", "ru": "dd.MM.y"}


def day(value: Any) -> str:
    """A date (or an ISO date's text) in the current language; anything else (blank, a partial date, a
    word) as it is."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    lang = language()
    return format_date(value, DATE_FORMATS[lang], locale=lang)


def text_day(value: dt.date | str, lang: str | None = None) -> str:
    """A day inside a report's, the memo's or a picture's sentences: 12.04.2026 in Russian (as Russian
    documents write it), ISO in English (those texts have always said 2026-04-12, and tools read them); a
    text that is not an ISO date as it is. `lang` defaults to the current language."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    return day.strftime("%d.%m.%Y") if (lang or language()) == "ru" else day.isoformat()


def number(value: Any, pattern: str | None = None) -> str:
    """A number in the current language's digit grouping and decimal sign (`pattern`: CLDR's, e.g. "0.00"
    for two decimals); anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return format_decimal(value, format=pattern, locale=language())


def date_certainty(code: str) -> str:
    """How sure a date of the law is (the data's `certainty`: official, reported, inferred…), said of the
    date in the current language ("дата: выведена": Russian agrees the word with дата, so these words have
    a context of their own, apart from the bare words other texts use); an unknown code as it is."""
    words: dict[str, Callable[[], str]] = {
        "official": lambda: pgettext("a date's certainty", "official"),
        "reported": lambda: pgettext("a date's certainty", "reported"),
        "inferred": lambda: pgettext("a date's certainty", "inferred"),
        "assumed": lambda: pgettext("a date's certainty", "assumed"),
        "recalled": lambda: pgettext("a date's certainty", "recalled"),
        "uncertain": lambda: pgettext("a date's certainty", "uncertain"),
    }
    return words[code]() if code in words else code
