"""Linking two lists: every candidate pair of blocking, scored, at or above a threshold.

The one loop the command line (`match`), the HTTP API and the benchmarks share, so that speed work on
blocking and scoring reaches them all. Pure: persons in, scored pairs out.

What makes it fast enough for 20,000 x 100,000 (benchmarks/match_scale.py, RESULTS.md): each person's
names are analysed and keys made once (`prepare`, kept on the person), not once per pair; a pair whose
birth dates and citizenships alone keep it below the threshold (`score_ceiling`: namesakes born years
apart, most of what blocking finds in long lists) is not scored in full; and with `workers` > 1 the left
list is cut into chunks scored in this process and forked ones, which share the index, the analysed names,
the name frequencies and rigour's name tables with the parent instead of building their own.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from extrashield.matching.blocking import MAX_BLOCK, Index, blocking_keys
from extrashield.matching.frequency import NameFrequencies
from extrashield.matching.person import Person
from extrashield.matching.scoring import DEFAULT_THRESHOLD, PairScore, score_ceiling, score_pair

CHUNK = 256  # left persons per task of a worker: large enough to amortise the pickling of the results


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate pair: `left[left]` and `right[right]` of the lists linked, and its score."""

    left: int
    right: int
    score: PairScore


def prepare(persons: Iterable[Person]) -> None:
    """Analyse every person's names and make their blocking keys now, once (they are kept on the person):
    the work a list needs before any pair is compared, and in one process, so that workers forked later
    share it."""
    for person in persons:
        blocking_keys(person)


def _links(
    i: int,
    person: Person,
    index: Index,
    right: Sequence[Person],
    threshold: float,
    max_block: int,
    frequencies: NameFrequencies | None,
) -> list[Link]:
    found = [
        Link(i, j, score_pair(person, right[j], frequencies))
        for j in index.candidates(person, max_block)
        if score_ceiling(person, right[j]) >= threshold
    ]
    found = [f for f in found if f.score.score >= threshold]
    found.sort(key=lambda f: (-f.score.score, f.right))
    return found


def link(
    left: Sequence[Person],
    right: Sequence[Person],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = MAX_BLOCK,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    name_frequencies: bool = True,
) -> Iterator[Link]:
    """The pairs scoring at least `threshold`, for each left person in order, best first.

    `progress` is called with the number of left persons done since its last call. `workers` > 1 scores
    chunks of the left list in that many processes, this one and forked ones (the same pairs in the same
    order); where
    processes cannot be forked, or the left list is short, the work stays in this process.
    `name_frequencies`: discount names of common words by their frequencies on both lists (frequency.py).
    """
    index = Index.build(right)
    frequencies = NameFrequencies.of_lists(left, right) if name_frequencies else None
    if workers > 1 and len(left) > CHUNK and "fork" in multiprocessing.get_all_start_methods():
        yield from _in_workers(left, right, index, threshold, max_block, progress, workers, frequencies)
        return
    for i, person in enumerate(left):
        yield from _links(i, person, index, right, threshold, max_block, frequencies)
        if progress is not None:
            progress(1)


# What forked workers read: set in the parent just before the fork, so the children inherit it
_shared: tuple[Sequence[Person], Sequence[Person], Index, float, int, NameFrequencies | None] | None = None


def _chunk(bounds: tuple[int, int]) -> list[Link]:
    assert _shared is not None
    left, right, index, threshold, max_block, frequencies = _shared
    out: list[Link] = []
    for i in range(*bounds):
        out += _links(i, left[i], index, right, threshold, max_block, frequencies)
    return out


def _in_workers(
    left: Sequence[Person],
    right: Sequence[Person],
    index: Index,
    threshold: float,
    max_block: int,
    progress: Callable[[int], None] | None,
    workers: int,
    frequencies: NameFrequencies | None,
) -> Iterator[Link]:
    """Every `workers`-th chunk scored here, the others in `workers` - 1 forked processes: this process
    would otherwise only wait, and each child holds its own copy of every page of the inherited heap it
    touches (reference counts are written on reading) and its own caches, so one child fewer is a
    copy fewer (a third less memory at 20,000 x 100,000) for the same use of the cores."""
    global _shared
    chunks = [(start, min(start + CHUNK, len(left))) for start in range(0, len(left), CHUNK)]
    mine = {k for k in range(len(chunks)) if k % workers == workers - 1}
    _shared = (left, right, index, threshold, max_block, frequencies)
    # objects alive now are not looked at again by the collector: in the children its passes would write
    # to every page of the inherited heap and copy it
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            theirs = pool.imap(_chunk, [c for k, c in enumerate(chunks) if k not in mine])
            for k, (start, end) in enumerate(chunks):
                yield from _chunk((start, end)) if k in mine else next(theirs)
                if progress is not None:
                    progress(end - start)
    finally:
        _shared = None
        gc.unfreeze()


__all__ = ["Link", "link", "prepare"]
