"""Linking two lists: every candidate pair of blocking, scored, at or above a threshold.

The one loop the command line (`match`), the HTTP API and the benchmarks share, so that speed work on
blocking and scoring reaches them all. Pure: persons in, scored pairs out.

What makes it fast enough for 20,000 x 100,000 (benchmarks/match_scale.py, RESULTS.md): each person's
names are analysed and keys made once (`prepare`, kept on the person), not once per pair; a pair whose
birth dates and citizenships alone keep it below the threshold (`score_ceiling`: namesakes born years
apart, most of what blocking finds in long lists) is not scored in full; and with `workers` > 1 the right
list is cut into parts, each analysed, indexed and scored against the whole left list in its own process
(this one and forked ones, which share the left list's analysis and rigour's name tables with the parent),
with what blocking and the name frequencies need of the whole list summed from the parts; and the cycle
collector makes no full pass meanwhile (`_without_full_collections`).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from extrashield.matching.blocking import MAX_BLOCK, Index, blocking_keys
from extrashield.matching.frequency import NameFrequencies
from extrashield.matching.person import Person
from extrashield.matching.scoring import DEFAULT_THRESHOLD, PairScore, score_ceiling, score_pair

CHUNK = 256  # left persons whose links a process sends at a time: enough to amortise the pickling


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


# The cycle collector's full passes walk every tracked object not frozen: while a list is analysed and its
# pairs scored, the heap grows by analysed names and by the caches of word and name pairs (262,144 entries each),
# so each full pass walks more, and they took a fifth of the CPU of `match` (a 1,000-wanted slice of the
# 20,000 x 100,000 lists: 22 full passes, 5.2 s of 12.5 s of linking, and not one object freed by them:
# benchmarks/RESULTS.md, session 26). Young cycles are still collected by the passes of generations 0 and 1.
NO_FULL_PASS = 1 << 30  # gen1 passes between full passes: never, while linking


@contextmanager
def _without_full_collections() -> Iterator[None]:
    """The collector's full passes held back (see NO_FULL_PASS); the thresholds as they were afterwards.
    CPython 3.11 to 3.13 (3.14's incremental collector makes no full pass of this kind)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], NO_FULL_PASS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _links(
    i: int,
    person: Person,
    index: Index,
    right: Sequence[Person],
    threshold: float,
    max_block: int,
    frequencies: NameFrequencies | None,
    sizes: dict[str, int] | None = None,
) -> list[Link]:
    found = [
        Link(i, j, score_pair(person, right[j], frequencies))
        for j in index.candidates(person, max_block, sizes=sizes)
        if score_ceiling(person, right[j]) >= threshold
    ]
    found = [f for f in found if f.score.score >= threshold]
    found.sort(key=lambda f: (*f.score.best_first, f.right))
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

    `progress` is called with the number of left persons done since its last call. `workers` > 1 splits
    the right list between that many processes, this one and forked ones (the same pairs in the same
    order: `_in_parts`); where processes cannot be forked, or the right list is short, the work stays in
    this process. `name_frequencies`: discount names of common words by their frequencies on both lists
    (frequency.py).
    """
    split = (
        workers > 1 and len(right) >= MIN_PART * workers and "fork" in multiprocessing.get_all_start_methods()
    )
    with _without_full_collections():
        if split:
            yield from _in_parts(left, right, threshold, max_block, progress, workers, name_frequencies)
            return
        index = Index.build(right)
        frequencies = NameFrequencies.of_lists(left, right) if name_frequencies else None
        for i, person in enumerate(left):
            yield from _links(i, person, index, right, threshold, max_block, frequencies)
            if progress is not None:
                progress(1)


MIN_PART = 1000  # right persons per process, at least, for the right list to be split


@dataclass
class _Part:
    """The share of the work of one process: right[start:stop], its index, and what it was told of the
    whole list."""

    left: Sequence[Person]
    right: Sequence[Person]
    start: int
    stop: int
    threshold: float
    max_block: int
    name_frequencies: bool
    index: Index | None = None

    def count(self, first: bool) -> tuple[dict[str, int], NameFrequencies | None]:
        """Analyse this part (keys and names), index it, and count what the whole list's figures are
        summed from: the postings of the left persons' keys, and the name words (the left list's once,
        by the first part)."""
        self.index = Index.build(self.right, self.start, self.stop)
        wanted_keys = {key for person in self.left for key in blocking_keys(person)}
        part = self.right[self.start : self.stop]
        counted = (
            NameFrequencies.of_lists(self.left if first else (), part) if self.name_frequencies else None
        )
        return self.index.sizes(wanted_keys), counted

    def links(
        self, bounds: tuple[int, int], sizes: dict[str, int], frequencies: NameFrequencies | None
    ) -> list[list[Link]]:
        """The links of left[bounds] with this part, per left person."""
        assert self.index is not None
        return [
            _links(
                i, self.left[i], self.index, self.right, self.threshold, self.max_block, frequencies, sizes
            )
            for i in range(*bounds)
        ]


# What a forked process reads: set in the parent just before the fork, so the children inherit it
_parts: list[_Part] = []


def _child(k: int, conn: Connection, chunks: list[tuple[int, int]]) -> None:
    """A forked process: count its part, hear the whole list's figures, send its links chunk by chunk."""
    try:
        part = _parts[k]
        counted = part.count(first=False)
        gc.freeze()  # the part's analysed names: not looked at again by the collector's passes while scoring
        conn.send(counted)
        sizes, frequencies = conn.recv()
        for bounds in chunks:
            conn.send(part.links(bounds, sizes, frequencies))
    except BaseException as exc:  # the parent raises it: a child must not die in silence
        conn.send(exc)
        raise
    finally:
        conn.close()


def _received(conn: Connection) -> Any:
    got = conn.recv()
    if isinstance(got, BaseException):
        raise RuntimeError("a linking process failed") from got
    return got


def _in_parts(
    left: Sequence[Person],
    right: Sequence[Person],
    threshold: float,
    max_block: int,
    progress: Callable[[int], None] | None,
    workers: int,
    name_frequencies: bool,
) -> Iterator[Link]:
    """The right list cut into `workers` parts, each analysed, indexed and linked with the whole left list
    in its own process (this one and forked ones), so that the analysis of a long right list, the bulk of
    what linking needs before its first pair, runs on every core too, and each process keeps only its
    part's analysed names. The left list is analysed once, here, before the fork (the processes share it,
    and rigour's name tables built on the way). What blocking and the name-frequency discount need of the
    whole right list is summed from the parts (postings of the left persons' keys, name-word counts) and
    told to every process, so that the pairs and scores are those of one process. The links of each chunk
    of the left list are merged, best first."""
    global _parts
    prepare(left)
    cuts = [len(right) * k // workers for k in range(workers + 1)]
    _parts = [
        _Part(left, right, cuts[k], cuts[k + 1], threshold, max_block, name_frequencies)
        for k in range(workers)
    ]
    chunks = [(start, min(start + CHUNK, len(left))) for start in range(0, len(left), CHUNK)]
    context = multiprocessing.get_context("fork")
    # objects alive now are not looked at again by the collector: in the children its passes would write
    # to every page of the inherited heap and copy it
    gc.freeze()
    children: list[tuple[Any, Connection]] = []
    try:
        for k in range(1, workers):
            ours, theirs = context.Pipe()
            child = context.Process(target=_child, args=(k, theirs, chunks), daemon=True)
            child.start()
            theirs.close()
            children.append((child, ours))
        sizes, frequencies = _parts[0].count(first=True)
        gc.freeze()
        for _, conn in children:
            their_sizes, their_frequencies = _received(conn)
            for key, n in their_sizes.items():
                sizes[key] = sizes.get(key, 0) + n
            if frequencies is not None:
                frequencies.add(their_frequencies)
        for _, conn in children:
            conn.send((sizes, frequencies))
        for bounds in chunks:
            merged = _parts[0].links(bounds, sizes, frequencies)
            for _, conn in children:
                for mine, theirs_ in zip(merged, _received(conn), strict=True):
                    mine += theirs_
            for found in merged:
                found.sort(key=lambda f: (*f.score.best_first, f.right))
                yield from found
            if progress is not None:
                progress(bounds[1] - bounds[0])
        for child, _ in children:
            child.join()
    finally:
        for child, conn in children:
            conn.close()
            if child.is_alive():
                child.terminate()
                child.join()
        _parts = []
        gc.unfreeze()


__all__ = ["Link", "link", "prepare"]
