"""Reading a word written in any script as Latin letters that say how it sounds.

Most scripts go through rigour (`ascii_text`: its own tables for Cyrillic, Greek and Hangul, ICU for the
rest). Kept here is what that general transliteration gets wrong for names:

* Russian Cyrillic is read letter by letter with х as `h`, ж as `zh`, ц as `ts`, ы as `y`, й as `y`, ё as
  `yo` (Ён for the Korean 영): close to both the Russian passport's Latin (ICAO Doc 9303) and the foreign spelling the Russian
  clerk heard (Хосе is `hose`, near `Jose` read the Spanish way).
* Devanagari and Bengali: ICU writes the inherent vowel that is not spoken at the end of a word
  (राम as `rama`, बहादुर as `bahadura`); a name's last short `a` after a consonant is dropped, as
  Nepali, Hindi and Bengali speakers and the Russian transcriptions (Рам Бахадур) drop it.
* Sinhala: ICU as shipped with PyICU has no Sinhala transliterator (it returns the letters unchanged), so
  the common letters are mapped here.
* Han: each character read in pinyin (ICU), the family name first, the given name's characters joined
  into one word, as pinyin and Palladius write them.
* Arabic script: ICU writes consonants and long vowels only; the word is marked as written without
  vowels, and compared by its consonants.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache

from extrashield.matching.cyrillic import cyrillic_reading
from extrashield.matching.korean import hangul_syllables, is_hangul


class Script(str, Enum):
    LATIN = "Latin"
    CYRILLIC = "Cyrillic"
    ARABIC = "Arabic"
    DEVANAGARI = "Devanagari"
    BENGALI = "Bengali"
    SINHALA = "Sinhala"
    TAMIL = "Tamil"
    HAN = "Han"
    HANGUL = "Hangul"
    OTHER = "other"


_PREFIXES = {
    "LATIN": Script.LATIN,
    "CYRILLIC": Script.CYRILLIC,
    "ARABIC": Script.ARABIC,
    "DEVANAGARI": Script.DEVANAGARI,
    "BENGALI": Script.BENGALI,
    "SINHALA": Script.SINHALA,
    "TAMIL": Script.TAMIL,
    "CJK": Script.HAN,
    "HANGUL": Script.HANGUL,
}


@lru_cache(maxsize=4096)
def _char_script(char: str) -> Script | None:
    if not char.isalpha():
        return None
    if is_hangul(char):
        return Script.HANGUL
    name = unicodedata.name(char, "")
    return _PREFIXES.get(name.split(" ", 1)[0], Script.OTHER)


def script_of(word: str) -> Script:
    """The script most letters of the word are written in."""
    counts: dict[Script, int] = {}
    for char in word:
        script = _char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.OTHER
    return max(counts, key=lambda s: counts[s])


def scripts_in(text: str) -> set[Script]:
    return {s for c in text if (s := _char_script(c)) is not None}


_SINHALA_CONSONANTS = {
    "ක": "k",
    "ඛ": "kh",
    "ග": "g",
    "ඝ": "gh",
    "ඞ": "ng",
    "ඟ": "ng",
    "ච": "ch",
    "ඡ": "chh",
    "ජ": "j",
    "ඣ": "jh",
    "ඤ": "ny",
    "ඥ": "gn",
    "ට": "t",
    "ඨ": "th",
    "ඩ": "d",
    "ඪ": "dh",
    "ණ": "n",
    "ඬ": "nd",
    "ත": "t",
    "ථ": "th",
    "ද": "d",
    "ධ": "dh",
    "න": "n",
    "ඳ": "nd",
    "ප": "p",
    "ඵ": "ph",
    "බ": "b",
    "භ": "bh",
    "ම": "m",
    "ඹ": "mb",
    "ය": "y",
    "ර": "r",
    "ල": "l",
    "ව": "w",
    "ශ": "sh",
    "ෂ": "sh",
    "ස": "s",
    "හ": "h",
    "ළ": "l",
    "ෆ": "f",
}
_SINHALA_VOWELS = {
    "අ": "a",
    "ආ": "a",
    "ඇ": "a",
    "ඈ": "a",
    "ඉ": "i",
    "ඊ": "i",
    "උ": "u",
    "ඌ": "u",
    "එ": "e",
    "ඒ": "e",
    "ඓ": "ai",
    "ඔ": "o",
    "ඕ": "o",
    "ඖ": "au",
}
_SINHALA_SIGNS = {
    "ා": "a",
    "ැ": "a",
    "ෑ": "a",
    "ි": "i",
    "ී": "i",
    "ු": "u",
    "ූ": "u",
    "ෘ": "ru",
    "ෙ": "e",
    "ේ": "e",
    "ෛ": "ai",
    "ො": "o",
    "ෝ": "o",
    "ෞ": "au",
    "ෲ": "ru",
}
_SINHALA_VIRAMA = "්"


def sinhala_reading(word: str) -> str:
    """`පෙරේරා` -> `perera`: consonants carry an inherent `a` unless a vowel sign or the virama follows."""
    out: list[str] = []
    pending = False  # a consonant waiting for its vowel
    for char in word:
        if char in _SINHALA_CONSONANTS:
            if pending:
                out.append("a")
            out.append(_SINHALA_CONSONANTS[char])
            pending = True
        elif char in _SINHALA_SIGNS:
            out.append(_SINHALA_SIGNS[char])
            pending = False
        elif char == _SINHALA_VIRAMA:
            pending = False
        elif char in _SINHALA_VOWELS:
            if pending:
                out.append("a")
            out.append(_SINHALA_VOWELS[char])
            pending = False
        elif char in ("ං",):  # anusvara
            if pending:
                out.append("a")
            out.append("n")
            pending = False
        # zero-width joiners and other marks are skipped
    if pending:
        out.append("a")
    return "".join(out)


_FINAL_SCHWA = re.compile(r"(?<=[^aāiīuūeēoō\W])a$")


def _indic_reading(word: str) -> str:
    from normality import latinize_text
    from rigour.text import ascii_text

    latin = _FINAL_SCHWA.sub("", latinize_text(word).casefold())
    # ISO 15919 as ICU writes it: c is च (ch), ś and ṣ are sh, the nasal signs before a consonant are n
    for a, b in (
        ("ch", "chh"),
        ("c", "ch"),
        ("chhh", "chh"),
        ("ś", "sh"),
        ("ṣ", "sh"),
        ("ṁ", "n"),
        ("ṃ", "n"),
        ("ṅ", "n"),
        ("ñ", "n"),
    ):
        latin = latin.replace(a, b)
    return re.sub(r"[^a-z]", "", ascii_text(latin).lower())


def han_words(text: str) -> list[str]:
    """`习近平` -> ['xi', 'jinping']: the family name (first character), then the given name in one word."""
    from rigour.text import ascii_text

    syllables = [s for s in re.split(r"[^a-z]+", ascii_text(text).lower()) if s]
    if len(syllables) <= 1:
        return syllables
    return [syllables[0], "".join(syllables[1:])]


@lru_cache(maxsize=262144)
def reading(word: str, script: Script) -> str:
    """The word in lower-case ASCII, read by the rules of its script (see the module's text)."""
    if script is Script.LATIN:
        from rigour.text import ascii_text

        # Slavic háček and acute letters are digraphs in English and Russian spelling (Petrović, Петрович);
        # ASCII folding would drop the mark and read ć as c
        lowered = word.casefold()
        for a, b in (("č", "ch"), ("ć", "ch"), ("š", "sh"), ("ž", "zh"), ("đ", "dj")):
            lowered = lowered.replace(a, b)
        return ascii_text(lowered).lower()
    if script is Script.CYRILLIC:
        return cyrillic_reading(word)
    if script is Script.SINHALA:
        return sinhala_reading(word)
    if script in (Script.DEVANAGARI, Script.BENGALI):
        return _indic_reading(word)
    if script is Script.HANGUL:
        return "".join(hangul_syllables(word))
    from rigour.text import ascii_text

    latin = re.sub(r"[^a-z]", "", ascii_text(word).lower())
    if script is Script.TAMIL:
        latin = latin.replace("c", "s")  # ச: ICU's `c` is said s (Selvaraj, Селварадж)
    return latin


__all__ = ["Script", "han_words", "reading", "script_of", "scripts_in", "sinhala_reading"]
