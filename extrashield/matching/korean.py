"""Korean names: Hangul read syllable by syllable, and the spellings of one Korean sound brought together.

A North Korean is Kim Jong Un in a notice (the North's own romanisation), 김정은 in Hangul and Ким Чен Ын
or Ким Чон Ын in Russian (Kontsevich's system). ICU writes 김정은 as one run, `gimjeong-eun` (Revised
Romanisation), with neither the syllable breaks nor the initial consonants a Russian or a Northern spelling
uses. The reading here keeps one syllable per part of the name and voiceless initials (Ким, Пак); `fold`
then removes what the systems disagree on: voiced or voiceless (j/ch, g/k, b/p, d/t), l or r, final `ng`
(Kontsevich writes н), ŏ/eo/o, ŭ/eu/ы/u, ae/e, aspiration marks (Чхве, Choe).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extrashield.matching.cyrillic import cyrillic_reading

_FIRST = 0xAC00
_LAST = 0xD7A3
_INITIAL = [
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "",
    "ch",
    "tch",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
]
_FINAL = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]


def is_hangul(char: str) -> bool:
    return _FIRST <= ord(char) <= _LAST


def hangul_syllables(word: str) -> list[str]:
    """`김정은` -> ['kim', 'chong', 'un']: one Latin syllable per Hangul block (other letters dropped)."""
    out: list[str] = []
    for char in word:
        if not is_hangul(char):
            continue
        index = ord(char) - _FIRST
        initial, rest = divmod(index, 21 * 28)
        medial, final = divmod(rest, 28)
        syllable = _INITIAL[initial] + _MEDIAL[medial] + _FINAL[final]
        if syllable == "ri" and not out:
            syllable = "ri"  # 리 (North) / 이 (South, Lee, Yi): kept as written
        out.append(syllable)
    return out


def doubled_vowels(reading: str) -> str:
    """The South's Latin writes u and i doubled (Yoon 윤, Soon 순, Joo 주, Hee 희: Юн, Сун, Чу, Хи): read
    before doubled letters are made single, which would make Yoon Yon, the fold of 영."""
    return reading.replace("oo", "u").replace("ee", "i")


_FOLDS = [
    (re.compile(r"chzh"), "ch"),  # Kontsevich writes ㅈ as чж inside a word (Чжэсок, Jae-seok)
    (re.compile(r"chh|tch"), "ch"),
    (re.compile(r"(?<=h)yun"), "yon"),  # 현 is Hyun in the South's usual Latin, Hyeon, Хён (휸 names no one)
    (re.compile(r"(?<=[kpt])h"), ""),  # Kontsevich's aspiration: кх, тх, пх
    (re.compile(r"(?<=[^aeiouy])y(?:eo|o|e)"), "e"),  # 혁 is Хёк and Хек (Russian writes е for ё)
    (re.compile(r"eo|ŏ"), "o"),
    (re.compile(r"^ye"), "yo"),  # 영 is Ён and, in Soviet Korean spelling, Ен
    (re.compile(r"eu|ŭ"), "u"),
    (re.compile(r"(?<=[^aeiouwy])ui"), "i"),  # 희 is Hui, Heui and Хи: ŭi after a consonant is said i
    (re.compile(r"y(?![aeiou])"), "u"),  # the Cyrillic ы read as y: Ын = un
    # 영, 용, 연 are Yong, Yeon in Latin, Ён in Russian and EN in a Russian passport (ICAO writes Ё as E):
    # an initial yo is e (not before o: Yoon, Yoo are 윤, 유)
    (re.compile(r"^yo(?!o)"), "e"),
    (re.compile(r"ae|oe"), "e"),
    (re.compile(r"ch[vw]e"), "che"),  # Чхве, Choe
    (re.compile(r"ng"), "n"),
    (re.compile(r"j"), "ch"),
    (re.compile(r"g"), "k"),
    (re.compile(r"b"), "p"),
    (re.compile(r"d"), "t"),
    (re.compile(r"l"), "r"),
    (re.compile(r"sh"), "s"),
]


_RI = frozenset(
    {"ri", "li", "lee", "le", "yi", "i", "rhee", "rhie", "rhe", "ry"}
)  # 리 in the North, 이 in the South


def _fold_sounds(latin: str) -> str:
    if latin in _RI:
        return "ri"
    text = latin
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return text


# Family names whose usual spelling no sound rule gives, each with its Hangul. The Koryo-saram (Soviet
# Koreans, deported to Central Asia in 1937) kept the surnames of their Hamgyong dialect as first written
# in Russian, before Kontsevich's system: 정 is Тен, not Чон; 조 is Тё; 장 is Тян; 변 is Пян; 신 is Шин
# or Шен; 이 is Ли or Ни and 임 is Лим; and a surname of one open syllable takes 가 ("family"): 유 Югай,
# 오 Огай, 허 Хегай, 고 Когай. Their Russian passports write them in ICAO Latin (TEN, TIAN, IUGAI).
# The South's conventional Latin spellings of a few surnames (Suh, Chung, Park, Oh, Koh, Noh, Ahn, Woo, Choi)
# are in the same table for the same reason.
_SURNAMES = {
    "정": ("Тен", "Тён", "TEN"),
    "조": ("Тё",),  # not its passport Latin TE, which is also Тэ, Kontsevich's 대 (Dae)
    "장": ("Тян", "TIAN"),
    "변": ("Пян", "PIAN"),
    "신": ("Шин", "Шен", "SHEN"),
    "이": ("Ни", "NI"),
    "임": ("Лим", "LIM", "Рим"),  # and 림, Rim, the North's spelling of the same name
    "유": ("Югай", "IUGAI"),
    "오": ("Огай", "OGAI", "Oh"),
    "허": ("Хегай", "KHEGAI"),
    "고": ("Когай", "KOGAI", "Koh"),
    "최": ("Цой", "TSOI", "Choi"),
    "서": ("Suh",),
    "박": ("Park",),
    "노": ("Noh",),
    "안": ("Ahn",),
    "우": ("Woo",),
}


def _latin(spelling: str) -> str:
    text = spelling.lower() if spelling.isascii() else cyrillic_reading(spelling)
    return _as_read(doubled_vowels(text))


def _as_read(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text).replace("kh", "h")  # as every reading reaches the fold


@lru_cache(maxsize=1)
def _surname_folds() -> dict[str, str]:
    """Each spelling in `_SURNAMES`, as read -> the fold of its Hangul (built on first use). Keyed by the
    spelling, not by its fold: folds merge syllables the table's spellings must not take along (Тё folds
    as Тхэ, Дэ and Dae do, and 조 is none of 태 and 대)."""
    return {
        _latin(spelling): _fold_sounds("".join(hangul_syllables(hangul)))
        for hangul, spellings in _SURNAMES.items()
        for spelling in spellings
    }


_ONE_SYLLABLE = re.compile(r"^[^aeiou]*[aeiou]+[^aeiou]*$")


def is_syllable(folded: str) -> bool:
    """A word's fold holds one Korean syllable: one run of vowels (`Con`, `hen`, `kvon`; not `tehen`)."""
    return len(folded) <= 6 and _ONE_SYLLABLE.match(folded) is not None


def fold_korean(latin: str) -> str:
    """One Korean sound, one spelling: `jong`, `chŏng`, `chon` and `jeong` all give `chon`, and so does
    the Soviet Korean family name `ten` (see `_SURNAMES`)."""
    found = _surname_folds().get(_as_read(latin))
    return found if found is not None else _fold_sounds(latin)


__all__ = ["doubled_vowels", "fold_korean", "hangul_syllables", "is_hangul", "is_syllable"]
