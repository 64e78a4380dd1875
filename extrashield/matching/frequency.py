"""How common each name word is on the lists being linked, and what a name match made of common words is
worth when no birth date confirms it: Splink's term-frequency adjustment, in this scorer's terms.

Splink weighs an exact match on a value by how often the value occurs in the data linked (a match on
`Smith` says less than one on `Zbyszewski`), with the frequencies taken over both datasets of a link. Here
the same idea is told as a count a reader can check, the *chance namesakes*: how many recruits would carry
the matched name words by chance, were the words drawn independently at their shares among the persons on
both lists (`Mohammed` 1 in 30, `Ali` 1 in 50: 100,000 recruits hold some 67 Mohammed Ali). Name words come
in national sets (a Korean family name and given syllables are common together among Koreans and rare
among everyone), so the shares are taken among the citizens of the pair's country where the lists hold
enough of them (`MIN_GROUP`), and the recruits counted are that country's. A birth date that agrees
divides the count by the chance of two strangers' dates agreeing so far (the same day: 1 in 13,000; the
same year: 1 in 36). A word matched only as a different spelling is not counted as shared (it may be
another name), one matched as a typo counts as more common than it is; a name that shares no word at all
(each matched only as a different spelling) has every searched recruit of the group as a chance namesake.

Up to `FREE_NAMESAKES` chance namesakes the name match stands; above, each tenfold costs `PER_TENFOLD` of the
score, at most `MAX_DISCOUNT`. So Ram Thapa with no birth date on one side, on lists where Ram and Thapa
are common among the Nepalis, is no longer "possibly the same person", while Ram Thapa born the same day,
or a rare name, still is.

The counts are made once per run from both lists (`NameFrequencies.of_lists`: one pass over the persons'
analysed names, which blocking needs anyway), keyed by each name word's folds (spelling.fold: one name in
Latin, Cyrillic or another script mostly folds alike). A pair scored without lists (`score_pair` with no
frequencies: the labelled sets) has no discount; the HTTP API counts a stored list once and each call's
queries on top (`plus`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extrashield.matching.dates import DateEvidence
from extrashield.matching.languages import conventions
from extrashield.matching.names import Word, WordKind, names_of
from extrashield.matching.person import Person

# Set on benchmarks/match_scale.py's lists (RESULTS.md): the most precision for a recall of planted pairs
# of at least 0.95. Up to 0.03 chance namesakes a name stands: were 1 wanted person in 10 among the recruits,
# a name-only match of 0.03 chance namesakes would still be the same person 3 times in 4
FREE_NAMESAKES = 0.03
PER_TENFOLD = 0.15  # taken from the score for each tenfold more chance namesakes
MAX_DISCOUNT = 0.3
# A word matched only as a different spelling (words.py: under 0.8) may be another name: it is not counted
# as shared; one matched as a close spelling (a typo) counts as a word `CLOSE_SPREAD` times as common
DIFFERENT_SPELLING = 0.8
SAME_NAME = 0.95
CLOSE_SPREAD = 3.0
MIN_GROUP = 100  # citizens of a country on both lists from whom its names' frequencies are taken
KNOWN = "*"  # the group of the searched persons whose citizenship is known
COMMON_SHARE = 1 / 500  # a word held by more persons than this is named in the explanation as common

# The chance that two different persons' birth dates agree as far as the evidence says (dates.py scores),
# for persons born over some 36 years: the same day, the same month, the same year, day and month swapped.
# Anything less than agreement (a date unknown, other months, years apart) confirms nothing.
_DATE_CHANCE = ((0.95, 1 / 13000), (0.84, 1 / 430), (0.75, 1 / 36), (0.65, 1 / 6500))


@dataclass(frozen=True, slots=True)
class FrequencyEvidence:
    """What the frequencies of the matched name words say about a pair."""

    words: tuple[tuple[str, float], ...]  # each matched word (as the recruit's record has it), its share
    group: str  # whose names the shares are of: a country's citizens on both lists, or "" for everyone
    listed: int  # persons of the group on both lists (the shares' denominator)
    namesakes: float  # recruits expected to share the matched words by chance, after the birth dates
    confirmed: bool  # the birth dates agree (the namesakes above are divided by their chance agreement)
    discount: float  # taken from the score


def _date_chance(date: DateEvidence | None) -> float | None:
    if date is None:
        return None
    return next((chance for floor, chance in _DATE_CHANCE if date.score >= floor), None)


class NameFrequencies:
    """How many persons on both lists hold each name word (by fold), over everyone and among the citizens
    of each country, and how many recruits are searched."""

    def __init__(
        self,
        counts: Counter[tuple[str, str]],
        persons: Counter[str],
        searched: Counter[str],
        base: NameFrequencies | None = None,
    ) -> None:
        # by group: "" is every person, a country code its citizens
        self.counts = counts  # (group, fold): persons holding a word of that fold
        self.persons = persons  # group: persons on both lists
        self.searched = searched  # group: persons on the searched (right) list; KNOWN: those of any country
        self.base = base  # counts made before (a stored list's), added to these without being copied

    def plus(self, left: Iterable[Person]) -> NameFrequencies:
        """These counts, made by `of_lists([], right)`, with the persons of `left` counted in: what
        `of_lists(left, right)` gives, without counting `right` again (the HTTP API counts a stored list once
        when it loads it, and the queries of each call on top)."""
        more = NameFrequencies.of_lists(list(left), [])
        return NameFrequencies(more.counts, more.persons, more.searched, base=self)

    def _held(self, group: str, fold: str) -> int:
        return self.counts.get((group, fold), 0) + (self.base._held(group, fold) if self.base else 0)

    def listed(self, group: str) -> int:
        """Persons of the group on both lists."""
        return self.persons[group] + (self.base.listed(group) if self.base else 0)

    def _searched(self, group: str) -> int:
        return self.searched[group] + (self.base._searched(group) if self.base else 0)

    @classmethod
    def of_lists(cls, left: Iterable[Person], right: Sequence[Person]) -> NameFrequencies:
        """Counted once over both lists: each person once per fold of their name words, in every group
        they belong to."""
        counts: Counter[tuple[str, str]] = Counter()
        persons: Counter[str] = Counter()
        searched: Counter[str] = Counter()
        for side in (left, right):
            for person in side:
                groups = ("", *person.nationalities)
                folds = {
                    fold
                    for name in names_of(person, conventions(person.nationalities))
                    for word in name.words
                    if word.kind is WordKind.NAME
                    for fold in word.folds
                }
                persons.update(groups)
                counts.update((group, fold) for group in groups for fold in folds)
                if side is right:
                    searched.update(groups)
                    if person.nationalities:
                        searched[KNOWN] += 1
        return cls(counts, persons, searched)

    def add(self, other: NameFrequencies) -> None:
        """Add the counts of other persons (another part of the lists, counted in another process)."""
        self.counts.update(other.counts)
        self.persons.update(other.persons)
        self.searched.update(other.searched)

    def group(self, a: frozenset[str], b: frozenset[str]) -> str:
        """Whose names a pair's names are counted among: the citizens of the country both persons hold,
        or that the one whose citizenship is known holds, when there are at least `MIN_GROUP` of them on
        the lists; otherwise everyone. Name words come in national sets (Korean family names and given
        syllables, Chinese, Russian), so counted over everyone, three Korean words would seem rare
        together when among Koreans they are common."""
        pool = a & b if a and b else a | b
        known = sorted((c for c in pool if self.listed(c) >= MIN_GROUP), key=lambda c: (-self.listed(c), c))
        return known[0] if known else ""

    def share(self, word: Word, group: str = "") -> float:
        """The share of the group's persons holding the word (its commonest fold), at least one person's."""
        held = max((self._held(group, f) for f in word.folds), default=0)
        return max(1, held) / max(1, self.listed(group))

    def searched_in(self, group: str) -> float:
        """The searched persons of a group, counting those of no known citizenship in the group's share."""
        everyone = self._searched("")
        if not group or not self._searched(KNOWN):
            return float(everyone)
        return everyone * self._searched(group) / self._searched(KNOWN)

    def evidence(
        self,
        matched: Iterable[tuple[Word, Word, float]],
        date: DateEvidence | None,
        countries: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    ) -> FrequencyEvidence | None:
        """The chance namesakes of a pair whose names share the `matched` words ((left, right, how alike):
        name words, not initials or patronymics, which say little), of these citizenships; None when no name
        word was aligned at all. A pair whose aligned words are all different spellings (under
        `DIFFERENT_SPELLING`) shares no word: any searched recruit of the group is as much its namesake, and
        only a birth date agreeing on a short list keeps it (on the scale lists of 20,000 x 100,000 all 41
        such pairs at the threshold were false: benchmarks/RESULTS.md, session 26)."""
        group = self.group(*countries)
        words: list[tuple[str, float]] = []
        product = 1.0
        aligned = False
        for left, right, alike in matched:
            aligned = True
            if alike < DIFFERENT_SPELLING:
                continue
            share = max(self.share(left, group), self.share(right, group))
            product *= share if alike >= SAME_NAME else min(1.0, share * CLOSE_SPREAD)
            words.append((right.text, share))
        if not aligned:
            return None
        chance = _date_chance(date)
        namesakes = self.searched_in(group) * product * (1.0 if chance is None else chance)
        discount = 0.0
        if namesakes > FREE_NAMESAKES:
            discount = min(MAX_DISCOUNT, PER_TENFOLD * math.log10(namesakes / FREE_NAMESAKES))
        return FrequencyEvidence(
            tuple(words), group, self.listed(group), namesakes, chance is not None, round(discount, 4)
        )


__all__ = [
    "CLOSE_SPREAD",
    "COMMON_SHARE",
    "DIFFERENT_SPELLING",
    "FREE_NAMESAKES",
    "MAX_DISCOUNT",
    "PER_TENFOLD",
    "FrequencyEvidence",
    "NameFrequencies",
]
