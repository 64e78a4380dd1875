"""Candidate pairs between two lists without comparing every row with every row.

Each person gets keys made of word skeletons (spelling.skeleton: consonant classes, the same in Latin,
Cyrillic and Arabic script for one name):

* `p|a|b`: the skeletons of two of the person's name words, in sorted order: survives a reversed name
  order, a dropped middle name or second surname, and a typo in any third word;
* `y|a|1990`: one word's skeleton with the birth year: survives a typo that changes the other words;
* `s|a`: the skeleton of a one-word name.

A Korean name written syllable by syllable is keyed as written and with its given name joined (names.py
`korean_given_joined`), as Russian records and notices write it either way.

Two persons are candidates when they share a key. A key held by more than `max_block` persons on the
indexed side (a very common pair of names) is not used to find candidates unless the person has no other
key: it would add many pairs and little recall. So is a `y` key held by more than `max_year_block`: one
common word and a birth year (Muhammad born in 1990) finds every namesake of that word born that year, two
thirds of all candidate pairs on lists of 100,000, and almost no true pair that a rarer key of the same
person does not find too (a typo in the one rare word of a name is what is lost: benchmarks/match_scale.py
measures it). Keys are made once per person and kept on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from extrashield.matching.languages import Convention, conventions
from extrashield.matching.names import WordKind, korean_joined, names_of
from extrashield.matching.person import Person

MAX_BLOCK = 5000
MAX_YEAR_BLOCK = 100


def _word_keys(person: Person) -> list[list[str]]:
    per_name: list[list[str]] = []
    convs = conventions(person.nationalities)
    names = list(names_of(person, convs))
    if Convention.KOREAN in convs:
        # a Korean given name written by syllable is keyed joined too (Чон Дэ Хён as Чон Дэхён), so that it
        # meets a record that writes it joined (Jeong Daehyun) without a birth year to share
        names += [j for joined in korean_joined(person, convs).values() for j in joined]
    for name in names:
        for word in name.words:
            if word.kind is WordKind.NAME:
                per_name.append([s or "~" + word.folds[0] for s in word.skeletons])
        per_name.append([])  # a separator between names
    return per_name


def blocking_keys(person: Person) -> frozenset[str]:
    """The keys of one person (see the module's text); made once and kept on the person."""
    found = person.derived.get("keys")
    if found is None:
        found = person.derived["keys"] = frozenset(_keys(person))
    return found  # type: ignore[return-value]


def _keys(person: Person) -> set[str]:
    keys: set[str] = set()
    year = person.birth_date.year if person.birth_date is not None else None
    group: list[list[str]] = []
    for word in _word_keys(person):
        if word:
            group.append(word)
            continue
        if len(group) == 1:
            keys.update(f"s|{s}" for s in group[0])
        for first, second in combinations(group, 2):
            for a in first:
                for b in second:
                    keys.add(f"p|{min(a, b)}|{max(a, b)}")
        if year is not None:
            keys.update(f"y|{s}|{year}" for word_ in group for s in word_)
        group = []
    return keys


@dataclass
class Index:
    """The persons of one list by key."""

    persons: Sequence[Person]
    by_key: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, persons: Sequence[Person], start: int = 0, stop: int | None = None) -> Index:
        """The index of `persons[start:stop]` (all by default), by their places in `persons`."""
        index = cls(persons)
        for i in range(start, len(persons) if stop is None else stop):
            for key in blocking_keys(persons[i]):
                index.by_key.setdefault(key, []).append(i)
        return index

    def sizes(self, keys: Iterable[str]) -> dict[str, int]:
        """How many persons of this index hold each of `keys` that it holds at all."""
        return {key: len(posting) for key in keys if (posting := self.by_key.get(key)) is not None}

    def candidates(
        self,
        person: Person,
        max_block: int = MAX_BLOCK,
        max_year_block: int = MAX_YEAR_BLOCK,
        sizes: Mapping[str, int] | None = None,
    ) -> set[int]:
        """The persons sharing a key with `person`, common keys left out unless it has no other.
        `sizes`: the keys' postings over the whole list when this index holds a part of it (linkage.py
        splits a list between processes), so that a key is common, and a person left with common keys
        only, as over the whole list."""
        keys = blocking_keys(person)
        found: set[int] = set()
        common: list[list[int]] = []
        rare_elsewhere = False  # a key not common over the whole list, held by persons of other parts only
        for key in keys:
            posting = self.by_key.get(key)
            size = len(posting or ()) if sizes is None else sizes.get(key, 0)
            cap = max_year_block if key.startswith("y|") else max_block
            if posting is None:
                rare_elsewhere = rare_elsewhere or 0 < size <= cap
                continue
            if size > cap:
                common.append(posting)
                continue
            found.update(posting)
        if not found and not rare_elsewhere:
            for posting in common:
                found.update(posting)
        return found


def candidate_pairs(
    left: Sequence[Person], right: Sequence[Person], max_block: int = MAX_BLOCK
) -> Iterator[tuple[int, int]]:
    """(i, j) for every candidate pair of left[i] and right[j], left in order."""
    index = Index.build(right)
    for i, person in enumerate(left):
        for j in sorted(index.candidates(person, max_block)):
            yield i, j


__all__ = ["MAX_BLOCK", "MAX_YEAR_BLOCK", "Index", "blocking_keys", "candidate_pairs"]
