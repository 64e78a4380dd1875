"""Countries as people write them in person lists (docs/person-lists.md, "Countries").

A country is read from an ISO 3166-1 alpha-2 code in any case (`np`, `Np`), an alpha-3 code in capitals
(`NPL`), or a name in English or Russian (`Nepal`, `Непал`, `Russian Federation`, `Россия`). The names
come from maintained sources, loaded once on first use:

- pycountry: the ISO 3166-1 names (short, official and common) and their Russian translations from
  Debian's iso-codes, which pycountry ships;
- Babel: the Unicode CLDR display names in English and Russian;
- extrashield/data/country-names.yaml: CLDR's alternative names (Babel leaves them out), names in common
  use with their source, and the names that are ambiguous, of former states, or of places that are not
  states.

A name is matched whole after `name_key` folds case, accents on Latin letters, ё/е, punctuation and a
leading "the"; never by prefix or similarity (rigour's `lookup_territory` does fuzzy and weak matching,
which reads "Korea" as South Korea and "Congo" as the Republic of the Congo: guesses this reader must not
make, so rigour serves only as a source of names checked by the tests). A name that two sources give to
different countries is ambiguous, as are the names the YAML lists: unknown, with the candidates in the
note. Only codes of the case format (`facts.countries.CODES`) are ever produced.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extrashield.facts.countries import CODES
from extrashield.facts.lenient import (
    UNKNOWN_WORDS,
    Read,
    blank,
    plain,
    read_as,
    said_unknown,
    show,
    taken,
    unreadable,
)
from extrashield.i18n import N_, _, language

TABLE = Path(__file__).resolve().parent.parent / "data" / "country-names.yaml"
SEPARATOR = ";"
# What a nationality cell says for "no citizenship at all" (docs/contract.md §3b: `none`).
NONE_WORDS = frozenset(
    plain(w) for w in ("none", "нет", "no citizenship", "без гражданства", "лицо без гражданства")
)
# Two-letter cells that are codes but also words for "no" or "not available": which was meant cannot be told.
# NO in capitals is Norway (codes are written in capitals); NA is not even then (R and pandas write NA).
_WORD_LIKE_CODES = {"no": "NO", "na": "NA"}

_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼ`´‘"), None)
_PUNCTUATION = re.compile(r"[\s.,()\[\]/\\\-–—:;\"«»]+")


def name_key(text: str) -> str:
    """The key a country name is looked up by (see the module's docstring)."""
    text = unicodedata.normalize("NFD", plain(text))
    kept: list[str] = []
    for ch in text:
        # drop accents over Latin letters (Côte, São) and the stress mark of Russian dictionaries, keep й
        if unicodedata.combining(ch) and (ch == "\u0301" or (kept and kept[-1].isascii())):
            continue
        kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept)).translate(_APOSTROPHES).replace("&", " and ")
    words = _PUNCTUATION.sub(" ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Names:
    """Every name the reader knows, by `name_key`."""

    codes: dict[str, frozenset[str]]  # more than one code: ambiguous
    former: dict[str, str]  # the former state it names
    not_states: dict[str, str]  # the advice to give
    alpha3: dict[str, str]
    english: dict[str, str]  # code -> the English name notes show


def load_table(path: Path = TABLE) -> dict[str, list[tuple[str, object]]]:
    """The YAML table, checked strictly: {"names"|"ambiguous"|"former"|"not_states": [(name, what)]}."""
    from extrashield.sources.datafile import Check, read_yaml

    check = Check(path.name)
    data = check.mapping(
        read_yaml(path, path.name), "", ("sources", "names", "ambiguous", "former", "not_states")
    )
    sources = check.sources(data["sources"])
    fields = {"names": "code", "ambiguous": "codes", "former": "was", "not_states": "advice"}
    out: dict[str, list[tuple[str, object]]] = {}
    for part, field in fields.items():
        rows = data[part]
        if not isinstance(rows, list):
            raise check.fail(part, "expected a list")
        out[part] = []
        for i, row in enumerate(rows):
            key = f"{part}[{i}]"
            m = check.mapping(row, key, ("name", field, "source"))
            name = str(check.text(m["name"], f"{key}.name"))
            if m["source"] not in sources:
                raise check.fail(
                    f"{key}.source", f"unknown source {m['source']!r} (known: {', '.join(sources)})"
                )
            what: object
            if field == "code":
                what = check.country(m[field], f"{key}.code")
            elif field == "codes":
                codes = m[field]
                if not isinstance(codes, list) or len(codes) < 2:
                    raise check.fail(f"{key}.codes", "expected a list of at least two codes")
                what = tuple(check.country(c, f"{key}.codes") for c in codes)
            else:
                what = check.text(m[field], f"{key}.{field}")
            out[part].append((name, what))
    return out


def _library_names() -> Iterable[tuple[str, str]]:
    """(name, code) from pycountry (ISO names, Russian iso-codes translations) and Babel (CLDR en, ru)."""
    import pycountry
    from babel import Locale

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in CODES:
            continue
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                yield name, code
                yield russian.gettext(name), code
    for locale in ("en", "ru"):
        for code, name in Locale(locale).territories.items():
            if code in CODES:
                yield name, code


def _former_names() -> Iterable[tuple[str, str]]:
    """(name, what it was) for the states withdrawn from ISO 3166 (ISO 3166-3, via pycountry)."""
    import pycountry

    russian = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    for old in pycountry.historic_countries:
        name: str = old.name
        withdrawn = getattr(old, "withdrawal_date", "")
        was = f"{name.split(', ')[0]} (withdrawn from ISO 3166 in {withdrawn[:4]})" if withdrawn else name
        for written in (name, name.split(", ")[0], russian.gettext(name)):
            yield written, was
        if old.alpha_2 not in CODES:
            yield old.alpha_2, was


@lru_cache(maxsize=1)
def names() -> Names:
    import pycountry
    from babel import Locale

    table = load_table()
    found: dict[str, set[str]] = {}
    for name, code in _library_names():
        found.setdefault(name_key(name), set()).add(code)
    for written, listed in table["names"]:
        found.setdefault(name_key(written), set()).add(str(listed))
    for written, several in table["ambiguous"]:
        assert isinstance(several, tuple)
        found[name_key(written)] = {str(c) for c in several}
    current = {k: frozenset(v) for k, v in found.items()}
    former: dict[str, str] = {}
    for name, was in [*_former_names(), *((n, str(w)) for n, w in table["former"])]:
        key = name_key(name)
        if key not in current:  # a name still in use for a country wins (Burma is Myanmar)
            former.setdefault(key, was)
    not_states = {name_key(n): str(advice) for n, advice in table["not_states"]}
    alpha3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries if c.alpha_2 in CODES}
    alpha3["XKX"] = "XK"  # Kosovo: user-assigned in ISO, used by the EU and others
    cldr = Locale("en").territories
    english = {code: cldr.get(code, code) for code in CODES}
    return Names(current, former, not_states, alpha3, english)


def english_name(code: str) -> str:
    """A code's English name (CLDR), for text people read: ``Nepal``; an unknown code as given."""
    return names().english.get(code, code)


def describe(code: str) -> str:
    """A code with its name in the current language, as notes show it: ``NP (Nepal)``, ``NP (Непал)``."""
    return f"{code} ({local_name(code) if code in CODES else code})"


# Why a country cannot be read, as the notes of a person list say it in the language of the moment (the
# readers' results are cached per language); a page that has an English one says it in its language
# (`REASONS`, reformatted).
UNKNOWN_COUNTRY = N_(
    "is not a country code or a country name known in English or Russian; write the ISO 3166-1 code (e.g. NP)"
)
AMBIGUOUS = N_("may name {which}; write the code")
FORMER = N_("names a former state, {state}; write the present citizenship")
NOT_A_STATE = N_("is {what}")
REASONS = (UNKNOWN_COUNTRY, AMBIGUOUS, FORMER, NOT_A_STATE)


def local_name(code: str) -> str:
    """A country's name in the current language: English from our table, Russian from CLDR (Babel)."""
    from extrashield.i18n import language

    if language() == "ru":
        from babel import Locale

        return str(Locale.parse("ru").territories.get(code.upper()) or english_name(code))
    return english_name(code)


def read_country(value: object) -> Read[str]:
    """One country: an ISO alpha-2 code (any case), an alpha-3 code in capitals, or an English or Russian
    name. An ambiguous name, a former state or a place that is not a state is unreadable."""
    if blank(value):
        return Read(None)
    if not isinstance(value, str):
        return unreadable(value, _("is not a country"), "not a country")
    return _read_country(value.strip(), language())


@lru_cache(maxsize=4096)
def _read_country(text: str, lang: str) -> Read[str]:
    """One country's cell read, its note in `lang` (the current language, which keys the cache)."""
    upper = text.upper()
    if len(text) == 2 and text.lower() in _WORD_LIKE_CODES and text != "NO":
        code = _WORD_LIKE_CODES[text.lower()]
        return unreadable(
            text,
            _(
                "may be the code of {country} or a word for 'no' or 'not available'; write {name} for the country"
            ).format(country=describe(code), name=names().english[code]),
            "word-like code",
        )
    if len(text) == 2 and upper in CODES:
        return taken(text) if text == upper else read_as(upper, text, describe(upper))
    index = names()
    if len(text) == 3 and text == upper and upper in index.alpha3:
        code = index.alpha3[upper]
        return read_as(code, text, describe(code))
    key = name_key(text)
    codes = index.codes.get(key)
    if codes is not None and len(codes) == 1:
        code = next(iter(codes))
        return read_as(code, text, describe(code))
    if codes is not None:
        which = f" {_('or')} ".join(describe(c) for c in sorted(codes))
        return unreadable(text, _(AMBIGUOUS).format(which=which), "ambiguous country")
    if key in index.former:
        return unreadable(text, _(FORMER).format(state=index.former[key]), "former state")
    if key in index.not_states:
        return unreadable(text, _(NOT_A_STATE).format(what=index.not_states[key]), "not a state")
    if plain(text) in UNKNOWN_WORDS:
        return said_unknown(text)
    return unreadable(text, _(UNKNOWN_COUNTRY), "unknown country")


def read_countries(value: object) -> Read[tuple[str, ...]]:
    """The complete list of a person's citizenships: countries separated by `;`, or `none` (`нет`,
    "без гражданства") for none, which is the empty tuple. One unreadable country makes the whole list
    unknown (a list with a hole is not complete). Failing that, a cell that is not one country and whose
    parts separated by `,` or `/` all are (`Nepal, India`) is read as those, with a note."""
    if blank(value):
        return Read(None)
    if not isinstance(value, str):
        return unreadable(value, _("is not a list of countries"), "not a country")
    return _read_countries(value.strip(), language())


@lru_cache(maxsize=4096)
def _read_countries(text: str, lang: str) -> Read[tuple[str, ...]]:
    """A list of countries read, its note in `lang` (the current language, which keys the cache)."""
    if plain(text) in NONE_WORDS:
        return taken(()) if text == "none" else read_as((), text, _("none (no citizenship)"))
    parts = [p.strip() for p in text.split(SEPARATOR) if p.strip()]
    got = [_read_country(p, lang) for p in parts]
    if any(g.value is None for g in got) and SEPARATOR not in text:
        for other in (",", "/"):
            pieces = [p.strip() for p in text.split(other) if p.strip()]
            if len(pieces) > 1:
                tried = [_read_country(p, lang) for p in pieces]
                if all(t.value is not None for t in tried):
                    codes = _unique(str(t.value) for t in tried)
                    return Read(
                        codes,
                        _("{value} read as {codes} (countries are separated by '{separator}')").format(
                            value=show(text), codes=SEPARATOR.join(codes), separator=SEPARATOR
                        ),
                    )
    failed = [g for g in got if g.value is None]
    if failed:
        first = failed[0]
        if len(got) == 1:
            return Read(None, first.note, first.unreadable, first.problem)
        return Read(
            None,
            _("{value}: {note} (so the list is unknown)").format(value=show(text), note=first.note),
            True,
            first.problem,
        )
    codes = _unique(str(g.value) for g in got)
    notes = [g.note for g in got if g.note]
    if len(codes) < len(got):
        notes.append(_("a country given twice is counted once"))
    return Read(codes, "; ".join(notes) or None)


def _unique(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))
