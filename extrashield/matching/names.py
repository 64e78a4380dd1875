"""A person's name taken apart: words, what each word is (a name, a particle, an initial, a patronymic), and
each word's folds and skeletons in every reading that applies.

Analysis is per distinct name string and conventions (cached), and each person keeps the analysis of
their names (`names_of`): a list of 100,000 recruits has far fewer distinct names, and every pair that
meets a person or a name again reuses its analysis.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from extrashield.matching.languages import Convention
from extrashield.matching.person import Person
from extrashield.matching.scripts import Script, han_words, reading, script_of, scripts_in
from extrashield.matching.spelling import ARTICLES, PARTICLES, arabic_compound, fold, respell, skeleton, stem

MAX_NAME = 300  # characters of one name looked at; the rest of a longer cell is not a name
MAX_WORDS = 12


class WordKind(str, Enum):
    NAME = "name"
    PARTICLE = "particle"  # al-, bin, de, dos, uulu, ugli: links, not names
    INITIAL = "initial"
    PATRONYMIC = "patronymic"  # -ovich, -ovna: Russian records add them, foreign records lack them


@dataclass(frozen=True, slots=True, eq=False)
class Word:
    """Compared by identity, as `Name`: one object per distinct word and reading (`_word` is cached), so
    that the comparisons of pairs of words (words.compare_words) are cached by a cheap hash."""

    text: str  # as written (case kept)
    script: Script
    kind: WordKind
    folds: tuple[str, ...]  # one per reading (see spelling.fold), best first
    skeletons: tuple[str, ...]
    abjad: bool  # written without short vowels (Arabic script): compared by consonants
    stems: tuple[tuple[str, str], ...]  # surname stem and gender, see spelling.stem
    symbols: frozenset[str] = frozenset()  # rigour's name symbols (Wikidata ids of the given name)
    # read as Chinese or Korean: a name of syllables, each one unit, where another vowel is another syllable
    syllabic: bool = False

    @property
    def key(self) -> str:
        return self.skeletons[0] if self.skeletons else ""


@dataclass(frozen=True, slots=True, eq=False)
class Name:
    """Compared by identity: `analyse` gives one object per distinct name string and conventions, so a
    pair of names is cached by the pair of objects (scoring.compare_names)."""

    original: str
    words: tuple[Word, ...]

    @property
    def names(self) -> tuple[Word, ...]:
        """The words that carry the name (no particles)."""
        return tuple(w for w in self.words if w.kind is not WordKind.PARTICLE)


_APOSTROPHES = re.compile(r"['’ʼʻ`´]")
_SEPARATORS = re.compile(r"[\s,;:/\\()\[\]{}\"<>|_+*=!?]+")
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|yevich|ievich)$")


def _raw_words(text: str) -> list[tuple[str, bool]]:
    """The words of a name, each with whether a hyphen joins it to the next (al-Rashid, ad-Din)."""
    text = unicodedata.normalize("NFC", text)[:MAX_NAME]
    text = _APOSTROPHES.sub("", text).replace(".", ". ")
    words: list[tuple[str, bool]] = []
    for chunk in _SEPARATORS.split(text):
        parts = [p.strip(". ") for p in chunk.split("-")]
        parts = [p for p in parts if p]
        for n, part in enumerate(parts):
            dotted = chunk.endswith(".") and len(part) == 1
            words.append((part + ("." if dotted else ""), n < len(parts) - 1))
    return words


def _split_native(word: str, script: Script) -> list[str]:
    if script is Script.HAN:
        return han_words(word)
    if script is Script.HANGUL:
        from extrashield.matching.korean import hangul_syllables

        syllables = hangul_syllables(word)
        if len(syllables) > 1:
            # A Korean name in Hangul is one run: the family name is its first syllable
            return [syllables[0], "".join(syllables[1:])]
        return syllables
    if script is Script.ARABIC and word.startswith("ال") and len(word) > 3:
        return ["ال", word[2:]]  # the article is written joined
    if script is Script.ARABIC and word.startswith("عبد") and len(word) > 4:
        rest = word[3:]
        return ["عبد", *(["ال", rest[2:]] if rest.startswith("ال") and len(rest) > 3 else [rest])]
    return [word]


_JOINED_ARTICLE = re.compile(r"^(?:al|el)(?=[^aeiouy]{1,2}[aeiouy])")


# Arabic-script words that ICU reads without the letters that make them recognisable (ʿayn, alif)
_ARABIC_WORDS = {"ال": "al", "عبد": "abd", "بن": "bin", "ابن": "ibn", "بنت": "bint"}


def _readings(word: str, script: Script, conventions: frozenset[Convention], passport: bool) -> list[str]:
    """The word's readings, the plain one (its script's own reading) last."""
    if script in (Script.HAN, Script.HANGUL) and word.isascii():
        base = word  # already read by _split_native
    elif script is Script.ARABIC and word in _ARABIC_WORDS:
        return [_ARABIC_WORDS[word]]
    else:
        base = reading(word, script)
    out = [base]
    if script is Script.ARABIC and ("ظ" in word or "ض" in word):
        out.insert(0, reading(word.replace("ظ", "د").replace("ض", "د"), script))  # Kadhim, Кадим
    if script is Script.ARABIC and "ج" in word and Convention.EGYPTIAN in conventions:
        out.insert(0, reading(word.replace("ج", "گ"), script))  # گ is read g (Hegazy, Хегази)
    if script is Script.ARABIC and ("th" in base or "dh" in base):
        out.insert(0, base.replace("th", "s").replace("dh", "z"))  # ث and ذ: Russian writes с and з (Хуси)
    if script in (Script.LATIN, Script.CYRILLIC) and len(base) >= 6 and _JOINED_ARTICLE.match(base):
        out.insert(0, base[2:])  # an article written joined: Alhasan, Альхасан
    if script is Script.LATIN and not passport:
        lowered = word.casefold()
        for conv in sorted(conventions, key=lambda c: c.value):
            if (alt := respell(lowered, conv)) is not None:
                out.insert(0, alt)
    elif script is Script.HAN:
        if (alt := respell(base, Convention.CHINESE)) is not None:
            out.insert(0, alt)
    return list(dict.fromkeys(r for r in out if r))


def _is_particle(plain: str, attached: bool) -> bool:
    """al, bin, dos, uulu...; a short article (ad, ash, an) only when joined by a hyphen (ad-Din), as the
    same letters stand alone as names (An, As)."""
    if plain in ARTICLES:
        return attached or plain in ("al", "el", "ul")
    return plain in PARTICLES


Item = tuple[str, Script, list[str], bool]  # text, script, readings (plain last), joined by a hyphen


def _merge_compounds(items: list[Item]) -> list[Item]:
    """Abd al-X and X ad-Din written as two or three words become one word, as they are one name."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        text, script, readings, attached = items[i]
        first = readings[-1]
        if first in _ABD_WORDS and i + 1 < len(items):
            j = i + 1
            skipped = [items[j][0]] if items[j][2][-1] in ARTICLES and j + 1 < len(items) else []
            j += len(skipped)
            nxt_text, _, nxt, nxt_attached = items[j]
            joined = " ".join([text, *skipped, nxt_text])
            out.append((joined, script, ["abd" + ("al" if skipped else "") + r for r in nxt], nxt_attached))
            i = j + 1
            continue
        if first in ("din", "deen", "dine", "dyn") and out:
            prev_text, prev_script, prev, _ = out.pop()
            article = ""
            if prev[-1] in ARTICLES and out:
                article = prev_text
                prev_text, prev_script, prev, _ = out.pop()
            joined = " ".join(t for t in (prev_text, article, text) if t)
            out.append((joined, prev_script, [r + "uddin" for r in prev], attached))
            i += 1
            continue
        out.append(items[i])
        i += 1
    return out


_ABD_WORDS = frozenset({"abd", "abdel", "abdul", "abdal", "abdol", "abdou", "abdur", "abdoul"})


@lru_cache(maxsize=1 << 19)
def _word(
    text: str, script: Script, readings: tuple[str, ...], attached: bool, korean: bool, syllabic: bool = False
) -> Word:
    if korean:
        from extrashield.matching.korean import doubled_vowels

        readings = tuple(doubled_vowels(r) for r in readings)  # before doubled letters are made single
    plain = readings[-1]
    normal = [arabic_compound(r, plain) for r in readings]
    if _is_particle(plain, attached) and not korean:
        kind = WordKind.PARTICLE  # a Korean name has none: Дэ, Do, Bin, An are syllables of names
    elif len(text.rstrip(".")) == 1 and (text.endswith(".") or not korean):
        kind = WordKind.INITIAL  # a Korean family name may be one letter (O, 오)
    elif script in (Script.CYRILLIC, Script.LATIN) and _PATRONYMIC.search(plain):
        kind = WordKind.PATRONYMIC
    else:
        kind = WordKind.NAME
    folds = list(
        dict.fromkeys(fold(r, korean or script is Script.HANGUL, script is Script.ARABIC) for r in normal)
    )
    skeletons = list(dict.fromkeys(skeleton(f) for f in folds))
    stems = tuple(s for f in folds if (s := stem(f)) is not None)
    return Word(
        text=text,
        script=script,
        kind=kind,
        folds=tuple(folds),
        skeletons=tuple(skeletons),
        abjad=script is Script.ARABIC,
        stems=stems,
        symbols=name_symbols(text) if kind is WordKind.NAME else frozenset(),
        syllabic=syllabic,
    )


@lru_cache(maxsize=262144)
def name_symbols(word: str) -> frozenset[str]:
    """The ids rigour's name tables give one word (राम and Рам share Q19823792, Choi and Цой share
    several): spellings in scripts and traditions no rule here covers."""
    from rigour.names import NameTypeTag, analyze_names

    # without metaphones, numeric symbols and consolidation, which the NAME symbols of one word never
    # depend on: the call is then about 15 times cheaper (a third of the analysis of a list before)
    names = analyze_names(NameTypeTag.PER, [word], phonetics=False, numerics=False, consolidate=False)
    return frozenset(
        span.symbol.id
        for name in names
        for span in name.spans
        if len(span.parts) == 1 and span.symbol.category.value == "NAME"
    )


def analyse(text: str, conventions: frozenset[Convention] = frozenset(), passport: bool = False) -> Name:
    """Take a name apart. `passport` marks the Latin of a Russian passport (ICAO Doc 9303), which follows
    no foreign convention: KHOSE is Хосе, not a Spanish `kh`."""
    if conventions and (passport or Script.LATIN not in scripts_in(text)):
        # only Latin words are respelt by a convention (`_readings`); the Korean one changes words of every
        # script and the Egyptian one Arabic-script words: one analysis then serves every person whatever
        # their citizenship
        conventions = conventions & _ANY_SCRIPT
    return _analyse(text, conventions, passport)


_ANY_SCRIPT = frozenset({Convention.KOREAN, Convention.EGYPTIAN})
_SYLLABIC = frozenset({Convention.CHINESE, Convention.KOREAN})


@lru_cache(maxsize=1 << 19)
def _analyse(text: str, conventions: frozenset[Convention], passport: bool) -> Name:
    items: list[Item] = []
    for raw, attached in _raw_words(text):
        script = script_of(raw)
        pieces = _split_native(raw, script)
        for n, word in enumerate(pieces):
            readings = _readings(word, script, conventions, passport)
            if readings:
                joined = attached if n == len(pieces) - 1 else script is Script.ARABIC
                items.append((raw if word == raw else word, script, readings, joined))
        if len(items) >= MAX_WORDS:
            break
    korean = Convention.KOREAN in conventions
    syllabic = bool(conventions & _SYLLABIC)
    words = [_word(t, s, tuple(r), a, korean, syllabic) for t, s, r, a in _merge_compounds(items)]
    return Name(original=text, words=_patronymic_last(words))


def names_of(person: Person, conventions: frozenset[Convention]) -> tuple[Name, ...]:
    """A person's names, then passport names, analysed by these conventions: made once per person and
    conventions and kept on the person (`Person.derived`), as every pair the person is in needs them."""
    key = ("names", conventions)
    found = person.derived.get(key)
    if found is None:
        narrowed = conventions & _ANY_SCRIPT
        if narrowed != conventions and not _latin_names(person):
            # names in no Latin letters read alike by every convention but these (`analyse`): analysed once
            # for all the pairs' conventions that differ only in the others, not once for each
            found = names_of(person, narrowed)
        else:
            found = (
                *(analyse(n, conventions) for n in person.names),
                *(analyse(n, conventions, passport=True) for n in person.passport_names),
            )
        person.derived[key] = found
    return found  # type: ignore[return-value]


def _latin_names(person: Person) -> bool:
    """Whether a name of the person (not a passport name) has a word in Latin letters."""
    found = person.derived.get("latin")
    if found is None:
        found = person.derived["latin"] = any(Script.LATIN in scripts_in(n) for n in person.names)
    return bool(found)


def korean_joined(person: Person, conventions: frozenset[Convention]) -> dict[Name, tuple[Name, ...]]:
    """Each of a person's names (`names_of`) written syllable by syllable, with its joined writings
    (`korean_given_joined`); kept on the person as the names are."""
    key = ("korean", conventions)
    found = person.derived.get(key)
    if found is None:
        names = names_of(person, conventions)
        passports = len(person.names)  # the passport names come after the others
        found = {
            name: joined
            for i, name in enumerate(names)
            if (joined := korean_given_joined(name, conventions, i >= passports))
        }
        person.derived[key] = found
    return found  # type: ignore[return-value]


@lru_cache(maxsize=65536)
def korean_given_joined(name: Name, conventions: frozenset[Convention], passport: bool) -> tuple[Name, ...]:
    """A Korean name written syllable by syllable (Чон Дэ Хён, JEONG DAE HYUN, Dae-hyun Jeong) with its
    given name's syllables joined into one word, as Hangul (정대현), a Russian record (Чон Дэхён) and a
    notice (Jeong Daehyun) also write it: the family name first, then last, each told as the name written
    (`original`). Russian practice writes a Korean given name either way; the scorer compares a joined
    writing only with a name of fewer words (scoring.py), since joining two syllables that differ would
    make them a near spelling of one word (Ким Гук Иль is not Kim Kuk Min). Nothing for a name of fewer than three words or a word that is not one syllable."""
    from extrashield.matching.korean import is_syllable

    words = name.words
    if len(words) < 3 or not all(w.kind is WordKind.NAME and is_syllable(w.folds[0]) for w in words):
        return ()
    texts = [w.text for w in words]
    out = []
    for parts in ([texts[0], "".join(texts[1:])], ["".join(texts[:-1]), texts[-1]]):
        joined = analyse(" ".join(parts), conventions, passport)
        out.append(replace(joined, original=name.original))
    return tuple(out)


def _patronymic_last(words: list[Word]) -> tuple[Word, ...]:
    """A patronymic is a third name after the family and given names (Шарипов Фаррух Рустамович): in a
    name of two words, or in first place, an -ovich word is a family name (Petrović, Петрович)."""
    names = [w for w in words if w.kind in (WordKind.NAME, WordKind.PATRONYMIC)]
    if len(names) >= 3 and names[0].kind is WordKind.NAME:
        return tuple(words)
    return tuple(_as_name(w) if w.kind is WordKind.PATRONYMIC else w for w in words)


@lru_cache(maxsize=65536)
def _as_name(word: Word) -> Word:
    return replace(word, kind=WordKind.NAME)


__all__ = ["MAX_NAME", "Name", "Word", "WordKind", "analyse", "korean_joined", "names_of"]
