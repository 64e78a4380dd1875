"""Linking two lists: every candidate pair of blocking, scored, at or above a threshold.

The one loop the command line (`match`), the HTTP API and the benchmarks share, so that speed work on
blocking and scoring reaches them all. Pure: persons in, scored pairs out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from extrashield.matching.blocking import MAX_BLOCK, Index
from extrashield.matching.person import Person
from extrashield.matching.scoring import DEFAULT_THRESHOLD, PairScore, score_pair


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate pair: `left[left]` and `right[right]` of the lists linked, and its score."""

    left: int
    right: int
    score: PairScore


def link(
    left: Sequence[Person],
    right: Sequence[Person],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = MAX_BLOCK,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Link]:
    """The pairs scoring at least `threshold`, for each left person in order, best first.

    `progress` is called with the number of left persons done since its last call.
    """
    index = Index.build(right)
    for i, person in enumerate(left):
        found = [Link(i, j, score_pair(person, right[j])) for j in index.candidates(person, max_block)]
        found = [f for f in found if f.score.score >= threshold]
        found.sort(key=lambda f: (-f.score.score, f.right))
        yield from found
        if progress is not None:
            progress(1)


__all__ = ["Link", "link"]
