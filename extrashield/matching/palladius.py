"""Chinese names: pinyin to Russian Cyrillic by the Palladius system (Палладий), the Russian standard.

Russian records write a Chinese recruit as Palladius spells him (Xi Jinping is Си Цзиньпин, Zhang Wei is
Чжан Вэй), while wanted notices use pinyin. Generic transliteration compares `xi` with `si` and `zhang`
with `chzhan` and misses; rigour and ICU know pinyin but not Palladius, so the table is kept here. Both
spellings are then read by the same Cyrillic reading, so they meet.

Only standard Mandarin pinyin is covered (no Wade-Giles, no Cantonese): a word that is not a run of pinyin
syllables is left alone.
"""

from __future__ import annotations

from functools import lru_cache

_INITIALS = {
    "b": "б",
    "p": "п",
    "m": "м",
    "f": "ф",
    "d": "д",
    "t": "т",
    "n": "н",
    "l": "л",
    "g": "г",
    "k": "к",
    "h": "х",
    "j": "цз",
    "q": "ц",
    "x": "с",
    "zh": "чж",
    "ch": "ч",
    "sh": "ш",
    "r": "ж",
    "z": "цз",
    "c": "ц",
    "s": "с",
}
# Finals after a consonant. The i/ü-finals soften the consonant (ли, лю, лян), which Cyrillic writes with
# the vowel letter itself.
_FINALS = {
    "a": "а",
    "o": "о",
    "e": "э",
    "ai": "ай",
    "ei": "эй",
    "ao": "ао",
    "ou": "оу",
    "an": "ань",
    "en": "энь",
    "ang": "ан",
    "eng": "эн",
    "ong": "ун",
    "er": "эр",
    "i": "и",
    "ia": "я",
    "ie": "е",
    "iao": "яо",
    "iu": "ю",
    "ian": "янь",
    "in": "инь",
    "iang": "ян",
    "ing": "ин",
    "iong": "юн",
    "u": "у",
    "ua": "уа",
    "uo": "о",
    "uai": "уай",
    "ui": "уй",
    "uan": "уань",
    "un": "унь",
    "uang": "уан",
    "v": "юй",
    "ve": "юэ",
    "ue": "юэ",
    "van": "юань",
    "vn": "юнь",
}
# Syllables with no initial consonant.
_BARE = {
    "a": "а",
    "o": "о",
    "e": "э",
    "ai": "ай",
    "ei": "эй",
    "ao": "ао",
    "ou": "оу",
    "an": "ань",
    "en": "энь",
    "ang": "ан",
    "eng": "эн",
    "er": "эр",
    "yi": "и",
    "ya": "я",
    "ye": "е",
    "yao": "яо",
    "you": "ю",
    "yan": "янь",
    "yin": "инь",
    "yang": "ян",
    "ying": "ин",
    "yong": "юн",
    "yu": "юй",
    "yue": "юэ",
    "yuan": "юань",
    "yun": "юнь",
    "wu": "у",
    "wa": "ва",
    "wo": "во",
    "wai": "вай",
    "wei": "вэй",
    "wan": "вань",
    "wen": "вэнь",
    "wang": "ван",
    "weng": "вэн",
}
_SIBILANTS_HARD = {"z", "c", "s"}  # zi, ci, si: цзы, цы, сы
_SIBILANTS_SOFT = {"zh", "ch", "sh", "r"}  # zhi, chi, shi, ri: чжи, чи, ши, жи
_PALATALS = {"j", "q", "x"}  # ju, qu, xu are jü, qü, xü


def _syllable(text: str) -> str | None:
    if text in _BARE:
        return _BARE[text]
    for size in (2, 1):
        initial, final = text[:size], text[size:]
        if initial not in _INITIALS or not final:
            continue
        if initial in _PALATALS:
            if final.startswith("u"):  # xu = xü
                final = "v" + final[1:]
            if final[0] not in "iv":
                return None
        if final == "i" and initial in _SIBILANTS_HARD:
            return _INITIALS[initial] + "ы"
        if final == "ui" and initial == "h":
            return "хуэй"
        if final in ("e", "ei") and initial in _SIBILANTS_SOFT:
            return _INITIALS[initial] + "э" + ("й" if final == "ei" else "")
        cyr = _FINALS.get(final)
        if cyr is None:
            return None
        if initial in _PALATALS and final.startswith("i"):
            # цзя, ся, цзе: the palatal initial is already soft
            return _INITIALS[initial] + cyr
        return _INITIALS[initial] + cyr
    return None


_SYLLABLES: dict[str, str] = {}
for _ini in ["", *_INITIALS]:
    for _fin in {*_FINALS, *_BARE}:
        _s = _ini + _fin
        if len(_s) <= 6 and (_c := _syllable(_s)) is not None:
            _SYLLABLES[_s] = _c
_LONGEST = max(len(s) for s in _SYLLABLES)


@lru_cache(maxsize=65536)
def pinyin_to_palladius(word: str) -> str | None:
    """`jinping` -> `цзиньпин`; None when the word is not a run of pinyin syllables.

    Of the ways to cut the word into syllables, the one with the fewest syllables wins, and at equal count
    the one whose syllables start with a consonant (`xian` is one syllable, `xi'an` must carry its
    apostrophe).
    """
    text = word.casefold().replace("ü", "v").replace("'", "")
    if not text.isascii() or not text.isalpha():
        return None
    best: list[tuple[int, str] | None] = [None] * (len(text) + 1)
    best[0] = (0, "")
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - _LONGEST), end):
            prev = best[start]
            piece = _SYLLABLES.get(text[start:end])
            if prev is None or piece is None:
                continue
            # a syllable may start with a vowel only at the start of the word (pinyin writes an apostrophe)
            if start > 0 and text[start] in "aeo":
                continue
            candidate = (prev[0] + 1, prev[1] + piece)
            current = best[end]
            if current is None or candidate[0] < current[0]:
                best[end] = candidate
    final = best[len(text)]
    return final[1] if final is not None else None


__all__ = ["pinyin_to_palladius"]
