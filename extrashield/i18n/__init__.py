"""Texts for people in Russian and English: one gettext catalogue (extrashield/i18n/<lang>/LC_MESSAGES/
messages.po, compiled to messages.mo), managed with Babel (extrashield/i18n/babel.cfg, docs/i18n.md).

The language is a context variable, so that a command (`--lang`) or a request (`Accept-Language`) sets it
once and every text made while answering follows it, in whatever thread or task answers. English is the
source language: an English msgid is its own translation, and a text the catalogue lacks stays English.

Texts defined once at import (a rule's condition, a field's question) are marked with `N_` and translated
where they are shown, with `_`; texts made at the moment (a report line, an error) use `_` at once.
The catalogues are read with the standard library's gettext (Babel is needed only to extract and compile,
not at run time: it would add to every command's start-up).
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "ru")
DEFAULT = "en"
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent

_current: ContextVar[str] = ContextVar("extrashield_language", default=DEFAULT)


class _Catalogue(_gettext.GNUTranslations):
    """A compiled catalogue whose empty text stays empty: gettext answers "" with the catalogue's header
    (Project-Id-Version…), and an empty value of the data (a date's certainty not given) reaches `_`."""

    def gettext(self, message: str) -> str:
        return super().gettext(message) if message else message

    def pgettext(self, context: str, message: str) -> str:
        return super().pgettext(context, message) if message else message


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of `lang` (English: none, the msgids are English)."""
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=False, class_=_Catalogue)


def language() -> str:
    """The language texts are made in now."""
    return _current.get()


def set_language(lang: str) -> None:
    """Make texts in `lang` from now on in this context (a command's run, a request's task)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    _current.set(lang)


@contextlib.contextmanager
def using(lang: str) -> Iterator[None]:
    """Make texts in `lang` within the block."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """`message` in the current language."""
    lang = _current.get()
    return message if lang == DEFAULT else translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for `n` in the current language (Russian has three)."""
    lang = _current.get()
    if lang == DEFAULT:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language where the same English word needs two translations."""
    lang = _current.get()
    return message if lang == DEFAULT else translations(lang).pgettext(context, message)


_ = gettext


def data_text(text: str | None) -> str:
    """A text of the law or research data (written in English, the data files' one language for what is
    not a statute's text) in the current language: its translation in the catalogue, where
    extract.law_texts put it (babel.cfg names which texts), else the English. No text stays empty
    (gettext of "" would be the catalogue's header)."""
    return gettext(text) if text else ""


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it: it is translated where it is shown."""
    return message


def reformatted(text: str, *templates: str) -> str | None:
    """`text`, made in English by formatting one of `templates` (marked with N_), in the current language:
    that template's translation with the same values. None when no template made it. For texts formatted
    where no language is known yet (a rule's condition per age, a timeline's event), so that they are
    made once, in English, and translated where they are shown."""
    for template in templates:
        values = template_values(text, template)
        if values is not None:
            return gettext(template).format(**values)
    return None


def template_values(text: str, template: str) -> dict[str, str] | None:
    """The values `template` was formatted with to make `text`; None when it did not make it."""
    m = _template_pattern(template).fullmatch(text)
    return None if m is None else m.groupdict()


@cache
def _template_pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*)", re.escape(template)), re.DOTALL)


def language_of_locale(environ: Mapping[str, str] | None = None) -> str:
    """The language of the locale as POSIX chooses it (LC_ALL, then LC_MESSAGES, then LANG; the first one
    set wins): Russian for ru, ru_RU.UTF-8 and the like, English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ru" if value.lower().startswith("ru") else DEFAULT
    return DEFAULT


def language_of_accept(header: str | None) -> str:
    """The language an `Accept-Language` header prefers among ours (RFC 9110 §12.5.4): the highest q-value
    wins, the earlier of equals; `*` stands for English; none of ours, or no header: English."""
    best, best_q = DEFAULT, 0.0
    for part in (header or "").split(","):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip().lower()
        q = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = DEFAULT if tag == "*" else tag.split("-", 1)[0]
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best


def install_jinja(env: Any) -> None:
    """Give a Jinja2 environment `_`, `gettext`, `ngettext` and `{% trans %}` in the current language (the
    context variable is read at each call, so one environment serves every request). New-style gettext:
    `_('%(n)s cases', n=3)` formats and escapes in the template."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=gettext, ngettext=ngettext, pgettext=pgettext, newstyle=True)
