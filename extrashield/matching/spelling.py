"""From a word's Latin reading to keys that survive transliteration: `fold` for scoring, `skeleton` for blocking.

Conventions first (`respell`): a Latin name is read the way its language says it, as a Russian clerk would
have heard it (Russian practical transcription): Spanish `José Hernández Ruiz` is Хосе Эрнандес Руис (j is
х, an initial h is silent, z is с), Portuguese `João Gonçalves` is Жуан Гонсалвес (j is ж, ç is с, final o
is у), French `Jean Pierre` is Жан Пьер (j is ж, final e and s are silent), Somali `Xasan Cabdi` is Хасан Абди (x is х, c is the silent ʿayn), Uzbek `Xolmatov` is Холматов,
Indian and Nepali aspirates (`Thapa`, `Bhattarai`) are often written without the х.

Then `fold` removes what transliteration systems disagree on: one symbol for ш/sh/sch (S), ч/ц/ch/ts (C),
ж/дж/j/zh/dzh (J); kh/х -> h; y -> i; w -> v; q, ck and hard c -> k; soft c -> s; an h after a consonant
dropped (th, bh, gh: Тхапа = Тапа); ou/oo -> u, ee -> i; doubled letters single. A fold is compared by
edit distance, vowels and all.

`skeleton` keeps consonant classes only (b/p/f/v, k/g, s/z/C/S/J, t/d, l/r, m, n), without vowels or h:
the key a name keeps across Latin, Cyrillic and the vowel-less Arabic script (`Мохамед`, `Muhammad` and
محمد are all `mt`). Used to find candidates, never alone to decide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extrashield.matching.cyrillic import cyrillic_reading
from extrashield.matching.korean import fold_korean
from extrashield.matching.languages import Convention
from extrashield.matching.palladius import pinyin_to_palladius

Rule = tuple[re.Pattern[str], str]


def _rules(*pairs: tuple[str, str]) -> list[Rule]:
    return [(re.compile(p), r) for p, r in pairs]


_SPANISH = _rules(
    (r"ll", "y"),
    (r"ñ", "ny"),
    (r"qu", "k"),
    (r"gu(?=[eéií])", "g"),
    (r"(?<!c)h", ""),
    (r"g(?=[eéiíy])", "j"),
    (r"j", "h"),
    (r"z", "s"),
    (r"c(?=[eéiíy])", "s"),
    (r"y$", "i"),
)
_PORTUGUESE = _rules(
    (r"oão", "uan"),
    (r"ão", "an"),
    (r"ães", "ains"),
    (r"õe", "oin"),
    (r"lh", "ly"),
    (r"nh", "ny"),
    (r"ç", "s"),
    (r"ch", "sh"),
    (r"x", "sh"),
    (r"qu(?=[eéiíy])", "k"),
    (r"gu(?=[eéií])", "g"),
    (r"g(?=[eéiíy])", "zh"),
    (r"j", "zh"),
    (r"^h", ""),
    (r"(?<=[aeiouáéíóúâêô])s(?=[aeiouáéíóúâêô])", "z"),
    (r"os$", "us"),
    (r"o$", "u"),
)
_FRENCH = _rules(
    (r"eau", "o"),
    (r"au", "o"),
    (r"ou", "u"),
    (r"oi", "ua"),
    (r"chr", "kr"),
    (r"ch", "sh"),
    (r"qu", "k"),
    (r"gn", "ny"),
    (r"g(?=[eéèêiy])", "zh"),
    (r"j", "zh"),
    (r"ç", "s"),
    (r"ean$", "an"),
    (r"(?<=[aeiouy])s(?=[aeiouy])", "z"),
    (r"(?<=[a-z]{2})e$", ""),
    (r"(?<=[a-z]{2})(?:s|t|d|x|z)$", ""),
)
_SOMALI = _rules((r"x", "h"), (r"(?:^|(?<=[aeiou]))c(?=[aeiou])", ""), (r"dh", "d"), (r"q", "k"))
_SOUTH_ASIAN = _rules((r"ph", "p"), (r"aa", "a"), (r"ee", "i"), (r"oo", "u"))
_CENTRAL_ASIAN = _rules((r"x", "h"), (r"q", "k"), (r"ğ", "g"))
_ARABIC = _rules((r"ou", "u"), (r"ee", "i"), (r"oo", "u"), (r"th", "s"), (r"dh", "z"))  # Усман, Хуси

_BY_CONVENTION: dict[Convention, list[Rule]] = {
    Convention.SPANISH: _SPANISH,
    Convention.PORTUGUESE: _PORTUGUESE,
    Convention.FRENCH: _FRENCH,
    Convention.SOMALI: _SOMALI,
    Convention.SOUTH_ASIAN: _SOUTH_ASIAN,
    Convention.CENTRAL_ASIAN: _CENTRAL_ASIAN,
    Convention.ARABIC: _ARABIC,
}


def _apply(rules: list[Rule], text: str) -> str:
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=262144)
def respell(word: str, convention: Convention) -> str | None:
    """A Latin word (lower case, diacritics kept) read by a language's convention, in lower-case ASCII;
    None when the convention does not change it or does not apply (a Chinese word that is not pinyin)."""
    from rigour.text import ascii_text

    if convention is Convention.CHINESE:
        cyr = pinyin_to_palladius(word)
        return cyrillic_reading(cyr) if cyr else None
    if convention is Convention.KOREAN:
        return None  # Korean spellings are folded together, not respelt (see korean.py)
    rules = _BY_CONVENTION.get(convention)
    if rules is None:
        return None
    out = ascii_text(_apply(rules, word)).lower()
    return out if out != ascii_text(word).lower() else None


_FOLD = _rules(
    (r"[^a-z]", ""),
    (r"shch|sch|sh", "S"),
    (r"tch|tsh|ch|ts|tz|cz", "C"),
    (r"dzh|dj|zh|dz|j", "J"),
    (r"kh", "h"),
    (r"ph", "f"),
    (r"(?<=[bcdfgklmnpqrstvwxzCSJ])h", ""),
    (r"ck|q", "k"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"x", "ks"),
    (r"w", "v"),
    (r"y", "i"),
    (r"(?<=[aeou])i(?=ev)", ""),  # -ayev, -oyev: Russian writes Мирзаев, its е said ye after a vowel
    (r"ou|oo", "u"),
    (r"ee", "i"),
    (r"(.)\1+", r"\1"),
)


_FOLD_ABJAD = [rule for rule in _FOLD if rule[0].pattern != r"(?<=[bcdfgklmnpqrstvwxzCSJ])h"]


@lru_cache(maxsize=262144)
def fold(reading: str, korean: bool = False, abjad: bool = False) -> str:
    """The general fold of a lower-case ASCII reading (see the module's text). A reading of Arabic script
    keeps its h after a consonant: with no vowels written, every h follows a consonant (محمود, mhmwd)."""
    text = fold_korean(reading) if korean else reading
    return _apply(_FOLD_ABJAD if abjad else _FOLD, text)


_CLASSES = str.maketrans(
    {
        "b": "b",
        "p": "b",
        "f": "b",
        "v": "b",
        "k": "k",
        "g": "k",
        "s": "s",
        "z": "s",
        "C": "s",
        "S": "s",
        "J": "s",
        "t": "t",
        "d": "t",
        "l": "r",
        "r": "r",
        "m": "m",
        "n": "n",
        "a": None,
        "e": None,
        "i": None,
        "o": None,
        "u": None,
        "h": None,
    }
)
_REPEAT = re.compile(r"(.)\1+")


@lru_cache(maxsize=262144)
def skeleton(folded: str) -> str:
    """Consonant classes of a fold, repeats merged (see the module's text)."""
    return _REPEAT.sub(r"\1", folded.translate(_CLASSES))


_VOWEL_MARKS = str.maketrans(dict.fromkeys("aeiou", "."))


@lru_cache(maxsize=262144)
def consonants(folded: str) -> str:
    """Consonant classes of a fold, neighbours of one class merged, as in a skeleton, but not the same
    class met again across a vowel: Dabubekov has five, `tbbkb`, Типаков four, `tbkb` (their skeletons
    are one); Насретдин's т and д are one, `nsrtn`, as in Nasruddin."""
    marked = folded.translate(_VOWEL_MARKS).translate(_CLASSES)  # a vowel kept as "." between classes
    return _REPEAT.sub(r"\1", marked).replace(".", "")


ARTICLES = frozenset(
    "al el ul ad ar as ash at az an ath adh ed er es et ez en".split()
)  # al- and assimilated
PARTICLES = ARTICLES | frozenset(
    # Arabic and Somali filiation, Spanish and Portuguese linking words, Central Asian "son/daughter of"
    "bin ibn ben bint binti de del la las los da das do dos du y e van von uulu kyzy kizi qizi ugli ogli "
    "ogly oglu uly".split()
)
_ABD = re.compile(r"^abd(?:[aeiou]?l|(?:[aeiou](?=(.)\1)))?")
_ALLAH = frozenset({"lah", "lh", "la", "ah", "a", "llah", "ullah", "allah"})
_DIN = re.compile(r"(?<=[a-z]{3})(?:[aeiu]l?)?d(?:in|een|ine)$")
_MUHAMMAD = re.compile(r"^(?:m[aeiou][hg][aeiou]m[aeiou]?[dt]|mhmd|m[ao]g[ao]med|mo?h?d|muhd)$")


def arabic_compound(reading: str, plain: str | None = None) -> str:
    """`abdurrahman`, `abdulrahman`, `abd al-rahman` (joined by the caller) -> `abdrahman`; `abdullah` and
    its forms -> `abdulla`; `nasreddin`, `nasruddin`, `nasr ad-din` -> `nasruddin`; every Muhammad ->
    `muhamad` (Mohammed, Mohamed, Muhammad, Mukhammad, Magomed, Maxamed, Mohd, Md). The compounds are
    written `abdu` + the second name without its first vowel (`abdurahman`, `abduziz`), as Arabic script
    gives no vowel there."""
    text = re.sub(r"(.)\1+", r"\1", reading)
    text = re.sub(r"kh", "h", text)
    base = re.sub(r"kh", "h", re.sub(r"(.)\1+", r"\1", plain if plain is not None else reading))
    if _MUHAMMAD.match(text.replace("x", "h")) and _MUHAMMAD.match(base.replace("x", "h")):
        return "muhamad"  # (checked on the word as written too: محمود read without its و is not محمد)
    if text.startswith("abd") and len(text) > 3 and not text.startswith("abdi"):
        rest = _ABD.sub("", reading, count=1)
        rest = re.sub(r"^(.)\1", r"\1", rest)  # the sun letter's doubling: abdur-rahman
        if rest.startswith(("al", "el", "ul")) and len(rest) > 4:
            rest = rest[2:]
        if re.sub(r"(.)\1+", r"\1", rest) in _ALLAH or rest == "":
            return "abdulla"
        return "abdu" + rest.lstrip("aeiou")  # abdu-: no digraph across the join (abd + zyz is not dz)
    if len(text) > 5 and text.endswith(("din", "deen", "dine")) and _DIN.search(text):
        return _DIN.sub("uddin", text)
    return text


def stem(folded: str) -> tuple[str, str] | None:
    """A surname's stem and grammatical gender, for the forms one family name takes across Russian and
    Central Asian records: `Sharipov`, `Sharipzoda`, `Sharip` (male) and `Sharipova` (female) share
    the stem `Sarip`. None for a word with no such ending."""
    for suffix, gender in (
        ("zoda", "m"),
        ("zade", "m"),
        ("zod", "m"),
        ("ova", "f"),
        ("eva", "f"),
        ("ina", "f"),
        ("ov", "m"),
        ("ev", "m"),
        ("in", "m"),
    ):
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            return folded[: -len(suffix)], gender
    return None


__all__ = ["ARTICLES", "PARTICLES", "arabic_compound", "consonants", "fold", "respell", "skeleton", "stem"]
