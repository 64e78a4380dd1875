"""How alike two words of two names are, and why, in [0, 1].

In order: the same word; the same fold (one name in two transcriptions); one family name with another
ending (-ov, -zoda) or in its female form; Muhammad against another name; the same id in rigour's name
tables (not for two syllables of Chinese or Korean names, whose given names there join romanisations of
different syllables: Yong and Юн, 용 and 윤); a word in Arabic script against one in another script, compared letter by letter with the short
vowels free (`abjad_similarity`: rigour's and ICU's comparisons would count every vowel the Arabic
spelling does not write as an edit, and Yusuf against يوسف, read `ywsf`, would fail); otherwise edit
distance and Jaro-Winkler on the folds, without an ending both share (Markovich, Stankovich).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extrashield.i18n import N_
from extrashield.matching.names import Word, WordKind
from extrashield.matching.spelling import consonants


@dataclass(frozen=True, slots=True)
class WordMatch:
    score: float
    how: str  # in words, for the explanation (marked with N_: translated where it is shown)


NO_MATCH = WordMatch(0.0, N_("different"))
SAME_CONSONANTS_FLOOR = 0.5  # letter-by-letter likeness below which the same consonants say nothing


_Metric = Callable[[str, str], float]
_metrics: tuple[_Metric, _Metric] | None = None


def _rigour_metrics() -> tuple[_Metric, _Metric]:
    # imported on first use, once: an import statement in the function below costs more than the
    # comparison itself when it runs for every pair of words
    global _metrics
    if _metrics is None:
        from rigour.text import jaro_winkler, levenshtein

        _metrics = (levenshtein, jaro_winkler)
    return _metrics


def similarity(a: str, b: str) -> float:
    """Two folds: edit-distance similarity and Jaro-Winkler (rigour's implementations), weighted 65/35."""
    if not a or not b:
        return 0.0
    levenshtein, jaro_winkler = _metrics or _rigour_metrics()
    if levenshtein(a, b) == 2 and _swapped(a, b):
        # two neighbouring letters swapped is one typo, as in Damerau's distance (Chlo, Chol); rigour's
        # Jaro-Winkler gives a swap in a short word 0
        return 1.0 - 1 / len(a)
    edit = 1.0 - levenshtein(a, b) / max(len(a), len(b))
    return 0.65 * edit + 0.35 * jaro_winkler(a, b)  # Jaro-Winkler alone is lenient with short names


def _swapped(a: str, b: str) -> bool:
    """b is a with two neighbouring letters swapped (rigour has no Damerau distance, and this one case
    is all that is needed here)."""
    if len(a) != len(b) or len(a) < 3:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


# pairs of distinct words: 262,144 entries, not a million: at 20,000 x 100,000 the million held 460 MiB more
# in the two processes for 6 % less CPU (benchmarks/RESULTS.md, session 26, the lead's quiet runs)
@lru_cache(maxsize=262144)
def compare_words(a: Word, b: Word) -> WordMatch:
    if a.kind is WordKind.INITIAL or b.kind is WordKind.INITIAL:
        return _compare_initial(a, b)
    if a.text.casefold() == b.text.casefold():
        return WordMatch(1.0, N_("same"))
    if set(a.folds) & set(b.folds):
        return WordMatch(0.97, N_("same name in another transcription"))
    stem_a = {s for s, _ in a.stems}
    stem_b = {s for s, _ in b.stems}
    if stem_a & stem_b:
        genders_a = {g for s, g in a.stems if s in stem_b}
        genders_b = {g for s, g in b.stems if s in stem_a}
        if genders_a & genders_b:
            return WordMatch(0.88, N_("same family name with another ending (-ov, -zoda)"))
        return WordMatch(0.45, N_("same family name, male and female forms"))
    if ("muhamad" in a.folds) != ("muhamad" in b.folds):
        # every spelling of Muhammad is recognised (spelling.arabic_compound): a word that is not one of
        # them is another name, however close (Mahmud)
        return WordMatch(0.4, N_("Muhammad and another name"))
    # at 20,000 x 100,000 such syllables met by the tables were 8 false pairs to 3 true (Choi and Цой, now
    # in korean._SURNAMES; Hui and Хи)
    if a.symbols & b.symbols and not (a.syllabic and b.syllabic):
        return WordMatch(0.92, N_("same name in rigour's name tables"))
    if a.abjad != b.abjad:
        abjad, other = (a, b) if a.abjad else (b, a)
        best = max(abjad_similarity(x, y) for x in abjad.folds for y in other.folds)
        if best >= 0.999:
            return WordMatch(0.93, N_("same letters (Arabic script writes no short vowels)"))
        return WordMatch(best, N_("similar letters (Arabic script writes no short vowels)"))
    best = max(_stem_similarity(x, y) for x in a.folds for y in b.folds)
    if (
        SAME_CONSONANTS_FLOOR <= best < 0.85
        and set(a.skeletons) & set(b.skeletons)
        and min(len(s) for s in a.skeletons) >= 4
        and not (a.syllabic or b.syllabic)
        and _same_consonants(a, b)
    ):
        # four or more consonants in the same order, the vowels apart: one name in two traditions
        # (ප්‍රනාන්දු, Pranandu, is Fernando: 0.56 letter by letter); three are too few (Varma, Vikram:
        # brm), and so are four consonant classes with under half the letters alike (Sifirov and
        # DZHOBUROV, `sbrb`, 0.13: on long lists most such pairs are two names, benchmarks/RESULTS.md).
        # Counted one by one, not as the skeleton of blocking, which merges a class met twice across a
        # vowel (Dabubekov's b-b): Dabubekov is not Типаков. Not in a Chinese or Korean name, made of
        # syllables that differ by their vowels (Qiangrong and Цзяньсян, Jianxiang; Zhonglin and
        # Цзяньлинь): at 20,000 x 100,000 such pairs were false every one (benchmarks/RESULTS.md, session 26)
        return WordMatch(0.85, N_("same consonants, other vowels"))
    if best >= MIN_ROOT and _name_on_root(a, b):
        return WordMatch(round(min(best, ON_ROOT), 4), N_("another family name on the same root"))
    return WordMatch(best, N_("close spelling") if best >= 0.8 else N_("different spelling"))


def _same_consonants(a: Word, b: Word) -> bool:
    return any(x == y for x in {consonants(f) for f in a.folds} for y in {consonants(f) for f in b.folds})


# A Central Asian family name built on another's root with a second name element (Tursunbekov on Tursun,
# Karimjonov on Karim, Nurbaev on Nur): another family name, not the same one misspelt, however many
# letters the two share. Compared on the surname stems (spelling.stem), so that the endings, which
# `_stem_similarity` already sets aside, do not count.
_ROOT_ELEMENTS = ("bek", "bai", "Jon", "han", "kul", "ali")
ON_ROOT = 0.55  # below `scoring.MIN_WORD`: the two words are not aligned as one name
MIN_ROOT = 0.6


def _name_on_root(a: Word, b: Word) -> bool:
    for x, _ in a.stems:
        for y, _ in b.stems:
            short, long = sorted((x, y), key=len)
            rest = long[len(short) :]
            if long.startswith(short) and rest in _ROOT_ELEMENTS and len(short) >= 3:
                return True
    return False


# Endings many family names share (Russian, Serbian, Central Asian, Sinhala): two names are compared
# without the ending they share, so that Markovich and Stankovich are not alike for their -ovich
_SHARED_ENDINGS = (
    "oviC",
    "eviC",
    "ova",
    "eva",
    "ov",
    "ev",
    "ina",
    "in",
    "zoda",
    "zade",
    "Cenko",
    "singe",
    "uddin",
)


def _stem_similarity(x: str, y: str) -> float:
    common = _endings(x) & _endings(y)
    if common:
        ending = _SHARED_ENDINGS[min(common)]  # the first in the list that both have
        sx, sy = x[: -len(ending)], y[: -len(ending)]
        if len(sx) >= 3 and len(sy) >= 3:
            return similarity(sx, sy)
    return similarity(x, y)


@lru_cache(maxsize=262144)
def _endings(fold: str) -> frozenset[int]:
    """Which of the shared endings a fold has (their places in the list): found once per fold, not once
    per pair of words."""
    return frozenset(n for n, ending in enumerate(_SHARED_ENDINGS) if fold.endswith(ending))


_VOWELS = frozenset("aeiou")
_CLASS = {
    c: k
    for k, cs in {
        "b": "bpfv",
        "k": "kgq",
        "s": "szCSJ",
        "t": "td",
        "r": "rl",
        "m": "m",
        "n": "n",
        "h": "h",
    }.items()
    for c in cs
}


def _abjad_cost(x: str, y: str) -> float:
    """The cost of reading y (a Latin or Cyrillic fold) as a spelling of x (an Arabic-script fold, with
    long vowels as a, v (و) and i (ي), short vowels unwritten). Vowels y has that x lacks are free."""
    n, m = len(x), len(y)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + (0.0 if y[j - 1] in _VOWELS else 0.4 if y[j - 1] == "h" else 1.0)
    for i in range(1, n + 1):
        xc = x[i - 1]
        long_vowel = xc in "avi"
        drop_x = 0.8 if long_vowel else 0.3 if i == n and xc in "ht" else 1.0  # final ة is h or t or nothing
        cur = [prev[0] + drop_x] + [0.0] * m
        for j in range(1, m + 1):
            yc = y[j - 1]
            if xc == yc:
                sub = 0.0
            elif xc == "a" and (yc in "aeo" or (i == 1 and yc in _VOWELS)):
                sub = 0.0  # alif; at the start, the carrier of any vowel (إبراهيم, Ibrahim)
            elif xc == "v" and yc in "uov":
                sub = 0.0
            elif xc == "i" and yc in "ie":
                sub = 0.0
            elif xc in _CLASS and _CLASS.get(xc) == _CLASS.get(yc):
                sub = 0.1
            elif xc == "h" and yc in "gk":
                sub = 0.3  # Russian writes Arabic h as г (Ибрагим)
            else:
                sub = 2.0
            drop_y = 0.0 if yc in _VOWELS else 0.4 if yc == "h" else 1.0
            cur[j] = min(prev[j - 1] + sub, prev[j] + drop_x, cur[j - 1] + drop_y)
        prev = cur
    return prev[m]


@lru_cache(maxsize=262144)
def abjad_similarity(arabic: str, other: str) -> float:
    if not arabic or not other:
        return 0.0
    return max(0.0, 1.0 - 2.0 * _abjad_cost(arabic, other) / len(arabic))


def _compare_initial(a: Word, b: Word) -> WordMatch:
    if a.kind is WordKind.INITIAL and b.kind is WordKind.INITIAL:
        same = {f[:1] for f in a.folds} & {f[:1] for f in b.folds}
        return WordMatch(0.9, N_("same initial")) if same else NO_MATCH
    initial, full = (a, b) if a.kind is WordKind.INITIAL else (b, a)
    letters = {f[:1] for f in initial.folds} | {s[:1] for s in initial.skeletons if s}
    starts = {f[:1] for f in full.folds} | {s[:1] for s in full.skeletons if s}
    if letters & starts:
        return WordMatch(0.85, N_("initial of the name"))
    return NO_MATCH


__all__ = ["NO_MATCH", "WordMatch", "abjad_similarity", "compare_words", "similarity"]
