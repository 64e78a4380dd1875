"""Russian Cyrillic read letter by letter into Latin: the one reading that scripts.py (any script's
words), spelling.py and korean.py (the Soviet Korean family names) share, in a module of its own so that
none of them imports another for it."""

from __future__ import annotations

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Central Asian and other Cyrillic letters met in recruits' records
    "ғ": "g",
    "қ": "k",
    "ң": "ng",
    "ү": "u",
    "ұ": "u",
    "ө": "o",
    "һ": "h",
    "ҳ": "h",
    "ӣ": "i",
    "ӯ": "u",
    "ҷ": "j",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ў": "u",
    "ә": "a",
    "ј": "y",
    "љ": "ly",
    "њ": "ny",
    "ћ": "ch",
    "ђ": "dj",
    "џ": "dzh",
}


def cyrillic_reading(word: str) -> str:
    """`Эрнандес` -> `ernandes`, `Цзиньпин` -> `tszinpin`; a word's first е is `ye`, as said (Ен, Евгений)."""
    lowered = word.casefold()
    head = "ye" if lowered.startswith("е") else ""
    return head + "".join(_CYRILLIC.get(c, c) for c in (lowered[1:] if head else lowered) if c.isalpha())


__all__ = ["cyrillic_reading"]
