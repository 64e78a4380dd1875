"""Cases as columns: the batch engine's view of many validated cases at once.

A `Table` holds the facts of n cases the way `Case.facts` holds one case's, but as numpy columns:

- a scalar fact is a `Col`: `data` (one value per row), `known` (False where the fact is unknown), and for
  `date_or_ongoing` facts an `ongoing` mask (the value is the text ``"ongoing"``, which is known but is
  not a date, so comparisons with it are unknown, as in the single-case evaluator);
- a list fact (`person.citizenships`, `person.military_service`) is a `ListCol`: Arrow-style offsets into
  flattened item columns, and `known` (False where the whole list is unknown; an unknown list has no items).

Kinds of `Col` (the `kind` attribute) and their `data`:
    tri   int8 three-valued codes: 0 false, 1 unknown, 2 true (`known` is data != 1)
    date  int32 days since 1970-01-01
    num   float64
    cat   int32 index into `vocab` (texts, enumerations, countries); -1 where unknown
    null  nothing is known (a `Const(None)`): adapts to any other kind
    opaque  only `known` is meaningful (lists of names): rules may test it for null and nothing else
    list  the value of `Field(list path)`: only `known` is meaningful
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from extrashield.facts.case import ONGOING, Spec

FALSE, UNKNOWN, TRUE = np.int8(0), np.int8(1), np.int8(2)
EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def from_day_number(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(n))


@dataclass(frozen=True)
class Col:
    kind: str
    data: np.ndarray
    known: np.ndarray
    ongoing: np.ndarray | None = None
    vocab: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.known)

    def take(self, idx: np.ndarray) -> Col:
        return Col(
            self.kind,
            self.data[idx],
            self.known[idx],
            None if self.ongoing is None else self.ongoing[idx],
            self.vocab,
        )

    def put(self, where: np.ndarray, other: Col) -> Col:
        """A copy with the rows at `where` (indices) taken from `other` (one value per index)."""
        if other.kind == "null":
            other = null_like(self, len(where))
        if other.kind != self.kind or (self.kind == "cat" and other.vocab != self.vocab):
            raise TypeError(f"cannot put a {other.kind} column into a {self.kind} column")
        data, known = np.array(self.data), np.array(self.known)
        data[where], known[where] = other.data, other.known
        ongoing = None
        if self.ongoing is not None or other.ongoing is not None:
            ongoing = np.zeros(len(known), bool) if self.ongoing is None else np.array(self.ongoing)
            ongoing[where] = False if other.ongoing is None else other.ongoing
        return Col(self.kind, data, known, ongoing, self.vocab)

    @property
    def known_date(self) -> np.ndarray:
        """Known and a date (not "ongoing")."""
        return self.known if self.ongoing is None else self.known & ~self.ongoing


def tri_col(codes: np.ndarray) -> Col:
    return Col("tri", codes, codes != UNKNOWN)


def null_col(n: int) -> Col:
    return Col("null", np.zeros(n, np.int8), np.zeros(n, bool))


def null_like(col: Col, n: int) -> Col:
    """An all-unknown column of the same kind as `col`."""
    fill = {"tri": UNKNOWN, "date": 0, "num": np.nan, "cat": -1}.get(col.kind, 0)
    data = np.full(n, fill, dtype=col.data.dtype)
    return Col(
        col.kind, data, np.zeros(n, bool), None if col.ongoing is None else np.zeros(n, bool), col.vocab
    )


@dataclass(frozen=True)
class ListCol:
    offsets: np.ndarray  # int64, n + 1, offsets[0] == 0
    known: np.ndarray  # bool, n
    items: Mapping[str, Col]  # item field -> column over all items

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, idx: np.ndarray) -> ListCol:
        child, offsets = gather_ranges(self.offsets, idx)
        return ListCol(offsets, self.known[idx], Taken(self.items, child))


class Taken(Mapping[str, Any]):
    """The columns of `source` at rows `idx`, each taken on first use: the depends_on trials gather a few
    thousand rows many times over, and each trial reads only the columns of the grounds it recomputes."""

    __slots__ = ("_done", "_idx", "_source")

    def __init__(self, source: Mapping[str, Any], idx: np.ndarray) -> None:
        self._source, self._idx = source, idx
        self._done: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        hit = self._done.get(key)
        if hit is None:
            hit = self._done[key] = self._source[key].take(self._idx)
        return hit

    def __contains__(self, key: object) -> bool:
        return key in self._source

    def __iter__(self) -> Iterator[str]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


class Replaced(Mapping[str, Any]):
    """`source` with one entry replaced, without touching (or taking) the others."""

    __slots__ = ("_key", "_source", "_value")

    def __init__(self, source: Mapping[str, Any], key: str, value: Any) -> None:
        self._source, self._key, self._value = source, key, value

    def __getitem__(self, key: str) -> Any:
        return self._value if key == self._key else self._source[key]

    def __contains__(self, key: object) -> bool:
        return key == self._key or key in self._source

    def __iter__(self) -> Iterator[str]:
        yield from self._source
        if self._key not in self._source:
            yield self._key

    def __len__(self) -> int:
        return len(self._source) + (self._key not in self._source)


def gather_ranges(offsets: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The item positions of rows `idx` (in row order) and the new offsets of those rows."""
    starts = offsets[:-1][idx]
    lens = offsets[1:][idx] - starts
    new = np.zeros(len(idx) + 1, np.int64)
    np.cumsum(lens, out=new[1:])
    total = int(new[-1])
    child = np.repeat(starts - new[:-1], lens) + np.arange(total, dtype=np.int64)
    return child, new


@dataclass(frozen=True)
class Table:
    """n validated cases as columns: `scalars` by fact path, `lists` by list path."""

    n: int
    scalars: Mapping[str, Col]
    lists: Mapping[str, ListCol] = field(default_factory=dict)

    @property
    def decision_date(self) -> Col:
        return self.scalars["decision_date"]

    def take(self, idx: np.ndarray) -> Table:
        return Table(len(idx), Taken(self.scalars, idx), Taken(self.lists, idx))

    def with_scalar(self, path: str, col: Col) -> Table:
        return replace(self, scalars=Replaced(self.scalars, path, col))

    def with_list(self, path: str, col: ListCol) -> Table:
        return replace(self, lists=Replaced(self.lists, path, col))


# --- Python values to columns ---------------------------------------------------------------------------


def kind_of_spec(spec: Spec) -> str:
    return {
        "bool": "tri",
        "date": "date",
        "date_or_ongoing": "date",
        "number": "num",
        "enum": "cat",
        "country": "cat",
        "str": "cat",
        "strings": "opaque",
        "list": "list",
    }[spec.kind]


def encode(kind: str, values: Sequence[Any], vocab: tuple[str, ...] = ()) -> Col:
    """Python fact values (as in `Case.facts`, None for unknown) as a column of `kind`."""
    n = len(values)
    known = np.array([v is not None for v in values], bool)
    if kind == "tri":
        return tri_col(np.array([UNKNOWN if v is None else (TRUE if v else FALSE) for v in values], np.int8))
    if kind == "date":
        ongoing = (
            np.array([v == ONGOING for v in values], bool)
            if any(isinstance(v, str) for v in values)
            else None
        )
        data = np.array([day_number(v) if isinstance(v, dt.date) else 0 for v in values], np.int32)
        return Col("date", data, known, ongoing)
    if kind == "num":
        return Col("num", np.array([np.nan if v is None else float(v) for v in values], np.float64), known)
    if kind == "cat":
        index = {s: i for i, s in enumerate(vocab)}
        extra = sorted({v for v in values if v is not None and v not in index})
        if extra:  # free-text columns take their vocabulary from the data: extend it
            vocab = (*vocab, *extra)
            index.update({s: len(index) + i for i, s in enumerate(extra)})
        data = np.array([-1 if v is None else index[v] for v in values], np.int32)
        return Col("cat", data, known, None, vocab)
    if kind == "opaque":
        return Col("opaque", np.zeros(n, np.int8), known)
    raise ValueError(f"cannot encode values of kind {kind}")


def const_col(value: Any, n: int) -> Col:
    """A constant as a column of n rows (broadcast, not copied)."""

    def full(v: Any, dtype: Any) -> np.ndarray:
        return np.broadcast_to(np.array(v, dtype=dtype), (n,))

    yes, no = full(True, bool), full(False, bool)
    if value is None:
        return Col("null", full(0, np.int8), no)
    if isinstance(value, bool):
        return Col("tri", full(TRUE if value else FALSE, np.int8), yes)
    if isinstance(value, int | float):
        return Col("num", full(float(value), np.float64), yes)
    if isinstance(value, dt.datetime):
        raise TypeError("a rule constant must be a date, not a date-time")
    if isinstance(value, dt.date):
        return Col("date", full(day_number(value), np.int32), yes)
    if isinstance(value, str):
        if value == ONGOING:
            return Col("date", full(0, np.int32), yes, yes)
        return Col("cat", full(0, np.int32), yes, None, (value,))
    raise TypeError(f"a rule constant of type {type(value).__name__} has no column form")


def concat_cols(cols: Iterable[Col]) -> Col:
    cols = list(cols)
    first = cols[0]
    ongoing = None
    if any(c.ongoing is not None for c in cols):
        ongoing = np.concatenate([np.zeros(len(c), bool) if c.ongoing is None else c.ongoing for c in cols])
    return Col(
        first.kind,
        np.concatenate([c.data for c in cols]),
        np.concatenate([c.known for c in cols]),
        ongoing,
        first.vocab,
    )
