"""Values as people write them in person lists (docs/person-lists.md): read leniently, and reported.

Every reader here takes one cell (text, or a value a typed file already holds) and returns a `Read`: the
value in the case format of docs/contract.md §3, or unknown, with a note that says what was done to it.
Three kinds of result:

- taken as written (`note` is None): the cell already is the canonical form (`true`, `2024-06-05`, `NP`);
- read (`note` says how): a form with exactly one meaning (`да` is true, `05.06.2024` is 2024-06-05);
- unknown (`value` None): the cell is empty, says "unknown" in words (`n/a`, `неизвестно`), or cannot be
  read with certainty; then `unreadable` is true and the note names the problem and the fix. An ambiguous
  value is never guessed: `05/06/2024` (5 June or May 6?) is unreadable.

This module holds what every kind of value shares and the plain kinds (booleans, choices, text); dates
are in `partial_dates`, countries in `country_names`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from extrashield.i18n import N_, _

T = TypeVar("T")

NUL = "\x00"


@dataclass(frozen=True, slots=True)
class Read(Generic[T]):
    """One cell, read. `value` None is unknown; `note` None means taken as written (or empty)."""

    value: T | None
    note: str | None = None
    unreadable: bool = False
    # A short, fixed phrase naming the kind of problem (e.g. "day and month order"), the same for every
    # cell with that problem, so a list can say once that most rows fail for one reason (`person_list`).
    problem: str | None = None


def taken(value: T) -> Read[T]:
    return Read(value)


# A note is made in the language of the moment (a command's run, a screener's), from these templates; the
# readers' results are cached per language (person_columns, country_names).
READ_AS = N_("{value} read as {shown}")
TAKEN_AS_UNKNOWN = N_("{value} {why}; taken as unknown")
SAID_UNKNOWN = N_("{value} read as unknown")


def read_as(value: T, original: object, shown: str) -> Read[T]:
    return Read(value, _(READ_AS).format(value=show(original), shown=shown))


def unreadable(original: object, why: str, problem: str) -> Read[T]:
    """Unknown because the cell cannot be read with certainty: `why` (in the current language) explains
    and says how to write it; `problem` is the fixed English phrase that names the kind."""
    return Read(None, _(TAKEN_AS_UNKNOWN).format(value=show(original), why=why), True, problem)


def said_unknown(text: str) -> Read[Any]:
    """A cell that says in words that the value is unknown (one of UNKNOWN_WORDS)."""
    return Read(None, _(SAID_UNKNOWN).format(value=show(text)))


EMPTY: Read[object] = Read(None)


def show(value: object) -> str:
    """A cell as a note quotes it."""
    if isinstance(value, str):
        return repr(value.strip())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def plain(text: str) -> str:
    """The key a word is looked up by: NFKC, case folded, spaces squashed, ё as е (Russian writes both)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(text.split())


# Cells that say in words that the value is not known. They are unknown, as an empty cell is, with a note
# (not unreadable: the writer meant unknown). "NA" is not here: in a country column it is Namibia.
UNKNOWN_WORDS = frozenset(
    plain(w)
    for w in (
        "unknown",
        "n/a",
        "?",
        "-",
        "—",
        "–",
        "not known",
        "неизвестно",
        "нет данных",
        "н/д",
        "не известно",
    )
)


def _said_unknown(text: str) -> Read[Any] | None:
    return said_unknown(text) if plain(text) in UNKNOWN_WORDS else None


def blank(value: object) -> bool:
    """An empty cell: missing, None, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


# --- booleans -----------------------------------------------------------------------------------------

# The forms of docs/contract.md §3b, in English and Russian, any case. `y`/`n` are in the contract's
# issue (16) though not in its table; nothing else is guessed (`t`, `+`, `ok` are unreadable).
_TRUE = frozenset({"true", "yes", "y", "1", "да"})
_FALSE = frozenset({"false", "no", "n", "0", "нет"})


def read_boolean(value: object) -> Read[bool]:
    """true/false/yes/no/y/n/1/0/да/нет in any case; a typed true/false (or integer 1/0) as it is."""
    if blank(value):
        return Read(None)
    if value is True or value is False:
        return taken(value)
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return read_as(value == 1, value, "true" if value == 1 else "false")
    if not isinstance(value, str):
        return unreadable(value, _("is not a yes or no"), "not a boolean")
    key = plain(value)
    if key in _TRUE or key in _FALSE:
        result = key in _TRUE
        if value.strip() == ("true" if result else "false"):
            return taken(result)
        return read_as(result, value, "true" if result else "false")
    said = _said_unknown(value)
    if said is not None:
        return said
    return unreadable(value, _("is not one of true, false, yes, no, 1, 0, да, нет"), "not a boolean")


# --- choices ------------------------------------------------------------------------------------------


def choice_key(text: str) -> str:
    """The key a choice is looked up by: `plain`, and spaces, hyphens and underscores as one."""
    return "_".join(plain(text).replace("-", " ").replace("_", " ").split())


def read_choice(value: object, values: tuple[str, ...], synonyms: Mapping[str, str], what: str) -> Read[str]:
    """One of `values` (the case format's words), in any case and spacing, or a synonym (keys written
    as `choice_key` makes them) that names exactly one of them. `what` (marked with N_) names the kind, in
    the note and as the problem ("not a formation")."""
    if blank(value):
        return Read(None)
    if not isinstance(value, str):
        return unreadable(value, _("is not {what}").format(what=_(what)), f"not {what}")
    if value in values:
        return taken(value)
    key = choice_key(value)
    found = key if key in values else synonyms.get(key)
    if found is not None:
        return read_as(found, value, found)
    said = _said_unknown(value)
    if said is not None:
        return said
    return unreadable(
        value,
        _("is not {what} (one of {values})").format(what=_(what), values=", ".join(values)),
        f"not {what}",
    )


# --- text ---------------------------------------------------------------------------------------------


def read_text(value: object) -> Read[str]:
    """Free text, trimmed (spaces around a value are never worth a note). A NUL character cannot be held
    (docs/contract.md §3): unreadable."""
    if blank(value):
        return Read(None)
    text = value if isinstance(value, str) else str(value)
    if NUL in text:
        return unreadable(text.replace(NUL, "\\x00"), _("contains a NUL character (U+0000)"), "NUL character")
    return taken(text.strip())


def read_texts(value: object, separator: str = ";") -> Read[tuple[str, ...]]:
    """Several texts separated by `separator` (empty parts dropped)."""
    one = read_text(value)
    if one.value is None:
        return Read(None, one.note, one.unreadable, one.problem)
    parts = tuple(p.strip() for p in one.value.split(separator) if p.strip())
    return Read(parts or None)
