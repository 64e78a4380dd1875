"""Cases in Arrow columns (docs/contract.md §3 as nested Arrow types) to a `Table`, validated in bulk.

`CASE_SCHEMA` is the case format as Arrow: objects are structs, lists are lists of structs, dates are
strings (``date32`` columns are accepted too), numbers float64 (any integer or float column is accepted),
enumerations and countries strings (dictionary-encoded strings are accepted).

`to_table` converts a record batch and checks every value with the rules of `validate_case`, all rows at
once. It does not write error messages: it marks the rows that break a rule ("suspect"), and the caller
runs those rows through `validate_case` and the single-case evaluator, which give the exact message of
the first invalid field. The checks may mark too much (the single-case path then answers the row), never
too little: the property test compares both paths on invalid rows too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from extrashield.engine.vector.columns import FALSE, TRUE, UNKNOWN, Col, ListCol, Table, day_number
from extrashield.engine.vector.contradictions import contradicting
from extrashield.facts.case import CASE_SPEC, ONGOING, Spec
from extrashield.facts.countries import CODES
from extrashield.facts.dates import parse_iso

COUNTRY_VOCAB: tuple[str, ...] = tuple(sorted(CODES))


def _arrow_type(spec: Spec) -> pa.DataType:
    kind = spec.kind
    if kind == "object":
        return pa.struct([pa.field(n, _arrow_type(s)) for n, s in spec.fields.items()])
    if kind == "list":
        return pa.list_(pa.struct([pa.field(n, _arrow_type(s)) for n, s in spec.fields.items()]))
    if kind == "bool":
        return pa.bool_()
    if kind == "number":
        return pa.float64()
    if kind == "strings":
        return pa.list_(pa.string())
    return pa.string()  # date, date_or_ongoing, enum, country, str


CASE_TYPE: pa.StructType = _arrow_type(CASE_SPEC)
CASE_SCHEMA: pa.Schema = pa.schema(list(CASE_TYPE))


def vocab_of(spec: Spec) -> tuple[str, ...]:
    if spec.kind == "enum":
        return spec.values
    if spec.kind == "country":
        return COUNTRY_VOCAB
    return ()


@dataclass
class Converted:
    table: Table
    suspect: np.ndarray  # bool per row: send to the single-case path
    ids: pa.Array  # string per row (null where absent or not text)


def _np_bool(arr: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _valid(arr: pa.Array) -> np.ndarray:
    if arr.null_count == 0:
        return np.ones(len(arr), bool)
    return _np_bool(arr.is_valid())


def _has_nul(text: pa.Array) -> np.ndarray:
    """Rows whose text (plain strings) holds a NUL character, which `validate_case` refuses."""
    return _np_bool(pc.match_substring(text, "\x00"))


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t)


def _text(arr: pa.Array) -> pa.Array | None:
    """The array as plain strings, or None if it does not hold texts."""
    t = arr.type
    if _is_text(t):
        return arr
    if pa.types.is_dictionary(t) and _is_text(t.value_type):
        return arr.cast(pa.string())
    if pa.types.is_string_view(t):
        return arr.cast(pa.string())
    return None


def parse_dates(
    arr: pa.Array, allow_ongoing: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """ISO dates in a string array: (days, is a real date, bad (present but not a date), is "ongoing")."""
    n = len(arr)
    valid = _valid(arr)
    ongoing = None
    if pa.types.is_date32(arr.type):
        days = np.asarray(pc.fill_null(arr.cast(pa.int32()), 0).to_numpy(zero_copy_only=False), np.int32)
        return days, valid, np.zeros(n, bool), (np.zeros(n, bool) if allow_ongoing else None)
    text = _text(arr)
    if text is None:  # a timestamp, a number...: present values are invalid
        return np.zeros(n, np.int32), np.zeros(n, bool), valid, (np.zeros(n, bool) if allow_ongoing else None)
    # A list repeats few distinct dates: parse each distinct text once, with the single-case parser (so both
    # paths accept exactly the same texts), and look the rows up.
    enc = pc.dictionary_encode(text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text)
    distinct = enc.dictionary.to_pylist()
    m = len(distinct)
    lut_days = np.zeros(m + 1, np.int32)  # slot m: a null row
    lut_good = np.zeros(m + 1, bool)
    lut_ongoing = np.zeros(m + 1, bool)
    for j, value in enumerate(distinct):
        if allow_ongoing and value == ONGOING:
            lut_ongoing[j] = True
            continue
        try:
            lut_days[j] = day_number(parse_iso(value))
            lut_good[j] = True
        except ValueError:
            pass
    index = np.asarray(pc.fill_null(enc.indices, m).to_numpy(zero_copy_only=False), np.intp)
    days, good = lut_days[index], lut_good[index]
    bad = valid & ~good
    if allow_ongoing:
        ongoing = lut_ongoing[index]
        bad &= ~ongoing
    return days, good, bad, ongoing


class _Walker:
    """Converts one record batch; collects columns and the suspect rows."""

    def __init__(self, n: int, needed: frozenset[str], override: bool) -> None:
        self.n = n
        self.override = override  # a decision date given for all rows: the case's own is not required
        self.needed = needed
        self.suspect = np.zeros(n, bool)
        self.scalars: dict[str, Col] = {}
        self.lists: dict[str, ListCol] = {}

    def mark(self, bad: np.ndarray, rows: np.ndarray | None) -> None:
        if rows is None:
            self.suspect |= bad
        elif bad.any():
            self.suspect[rows[bad]] = True

    def obj(
        self,
        spec: Spec,
        children: Mapping[str, pa.Array],
        present: np.ndarray,
        prefix: str,
        rows: np.ndarray | None,
        out: dict[str, Col],
    ) -> None:
        """An object: `children` by name (parent nulls merged), `present` where the object is not null."""
        for name in children:
            if name not in spec.fields:  # an unknown field (Parquet: a column that is not in the format)
                self.mark(present, rows)
        size = len(present)
        for name, sub in spec.fields.items():
            path = prefix + name
            arr = children.get(name)
            if arr is None:
                arr = pa.nulls(size)
            if sub.kind == "object":
                if pa.types.is_null(arr.type):
                    self.obj(sub, {}, np.zeros(size, bool), path + ".", rows, out)
                elif pa.types.is_struct(arr.type):
                    kids = dict(zip([f.name for f in arr.type], arr.flatten()))
                    self.obj(sub, kids, _valid(arr), path + ".", rows, out)
                else:
                    self.mark(_valid(arr), rows)
                    self.obj(sub, {}, np.zeros(size, bool), path + ".", rows, out)
            elif sub.kind == "list":
                self.list_(sub, arr, path, rows)
            else:
                col, bad = self.leaf(sub, arr, path)
                if sub.required and not (self.override and path == "decision_date"):
                    bad = bad | (present & ~col.known)
                self.mark(bad, rows)
                out[path] = col

    def leaf(self, spec: Spec, arr: pa.Array, path: str) -> tuple[Col, np.ndarray]:
        n = len(arr)
        kind = spec.kind
        valid = _valid(arr)
        nothing = np.zeros(n, bool)
        t = arr.type
        if pa.types.is_null(t):
            valid = nothing
        if kind == "bool":
            if pa.types.is_boolean(t):
                codes = np.where(valid, np.where(_np_bool(arr), TRUE, FALSE), UNKNOWN).astype(np.int8)
                return Col("tri", codes, valid), nothing
            return Col("tri", np.full(n, UNKNOWN, np.int8), nothing), valid
        if kind in ("date", "date_or_ongoing"):
            if pa.types.is_null(t):
                return Col(
                    "date", np.zeros(n, np.int32), nothing, nothing if kind == "date_or_ongoing" else None
                ), nothing
            days, good, bad, ongoing = parse_dates(arr, kind == "date_or_ongoing")
            known = good if ongoing is None else good | ongoing
            return Col("date", days, known, ongoing), bad
        if kind == "number":
            if pa.types.is_integer(t) or pa.types.is_floating(t):
                x = np.asarray(
                    pc.fill_null(arr.cast(pa.float64(), safe=False), np.nan).to_numpy(zero_copy_only=False),
                    np.float64,
                )
                ok = np.isfinite(x) & (x >= 0)
                if spec.maximum is not None:
                    ok &= x <= spec.maximum
                bad = valid & ~ok
                return Col("num", x, valid & ~bad), bad
            return Col("num", np.full(n, np.nan), nothing), valid
        if kind in ("enum", "country", "str"):
            text = _text(arr) if not pa.types.is_null(t) else None
            if (
                text is None
            ):  # an absent or non-text column: every value unknown, in the field's own vocabulary
                return Col("cat", np.full(n, -1, np.int32), nothing, None, vocab_of(spec)), valid
            if kind == "str":
                bad = _has_nul(text)
                if spec.check is not None:  # e.g. a treaty id must name a treaty of the data
                    bad = bad | self.checked(spec, text, path, valid)
                if path not in self.needed:
                    return Col("opaque", np.zeros(n, np.int8), valid), bad
                enc = (
                    pc.dictionary_encode(text).combine_chunks()
                    if isinstance(text, pa.ChunkedArray)
                    else pc.dictionary_encode(text)
                )
                codes = np.asarray(pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False), np.int32)
                return Col("cat", codes, valid, None, tuple(enc.dictionary.to_pylist())), bad
            vocab = vocab_of(spec)
            codes = np.asarray(
                pc.fill_null(pc.index_in(text, value_set=pa.array(vocab)), -1).to_numpy(zero_copy_only=False),
                np.int32,
            )
            bad = valid & (codes < 0)
            return Col("cat", codes, valid & ~bad, None, vocab), bad
        if kind == "strings":
            if pa.types.is_null(t):
                return Col("opaque", np.zeros(n, np.int8), nothing), nothing
            if (pa.types.is_list(t) or pa.types.is_large_list(t)) and (
                _is_text(t.value_type) or pa.types.is_null(t.value_type)
            ):
                flat = arr.flatten()
                bad = nothing.copy()
                nul = _has_nul(flat) if _is_text(flat.type) else np.zeros(len(flat), bool)
                if flat.null_count or nul.any():
                    parents = np.asarray(pc.list_parent_indices(arr).to_numpy(zero_copy_only=False))
                    # list_parent_indices counts only values under non-null lists, like flatten
                    bad[parents[~_valid(flat) | nul]] = True
                return Col("opaque", np.zeros(n, np.int8), valid), bad
            return Col("opaque", np.zeros(n, np.int8), nothing), valid
        raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover

    def checked(self, spec: Spec, text: pa.Array, path: str, valid: np.ndarray) -> np.ndarray:
        """Rows whose text fails the field's own check (run once per distinct value)."""
        from extrashield.errors import CaseError

        assert spec.check is not None
        distinct = pc.unique(text.filter(pa.array(valid))).to_pylist()
        refused = []
        for v in distinct:
            try:
                spec.check(v, path)
            except CaseError:
                refused.append(v)
        if not refused:
            return np.zeros(len(text), bool)
        return _np_bool(pc.is_in(text, value_set=pa.array(refused, pa.string())))

    def list_(self, spec: Spec, arr: pa.Array, path: str, rows: np.ndarray | None) -> None:
        n = len(arr)
        t = arr.type
        item_type = t.value_type if (pa.types.is_list(t) or pa.types.is_large_list(t)) else None
        if (
            pa.types.is_null(t)
            or item_type is None
            or not (pa.types.is_struct(item_type) or pa.types.is_null(item_type))
        ):
            if not pa.types.is_null(t):
                self.mark(_valid(arr), rows)
            empty = {k: self.leaf(s, pa.nulls(0), f"{path}[*].{k}")[0] for k, s in spec.fields.items()}
            self.lists[path] = ListCol(np.zeros(n + 1, np.int64), np.zeros(n, bool), empty)
            return
        known = _valid(arr)
        lens = np.asarray(pc.fill_null(pc.list_value_length(arr), 0).to_numpy(zero_copy_only=False), np.int64)
        if spec.max_items is not None:  # a list longer than the format accepts: refused with its message
            self.mark(lens > spec.max_items, rows)
        offsets = np.zeros(n + 1, np.int64)
        np.cumsum(lens, out=offsets[1:])
        items = arr.flatten()
        parent = np.repeat(np.arange(n, dtype=np.int64), lens)
        item_rows = parent if rows is None else rows[parent]
        self.mark(~_valid(items), item_rows)  # a null item: "expected an object, got null"
        if pa.types.is_struct(items.type):
            kids = dict(zip([f.name for f in items.type], items.flatten()))
        else:
            kids = {}
        cols: dict[str, Col] = {}
        self.obj(spec, kids, _valid(items), "", item_rows, cols)
        self.lists[path] = ListCol(offsets, known, cols)


def to_table(
    batch: pa.RecordBatch | pa.StructArray,
    *,
    needed: frozenset[str],
    decision_date: dt.date | None = None,
    horizon: dt.date | None = None,
) -> Converted:
    """Convert and check a batch of cases (top-level columns as in `CASE_SCHEMA`)."""
    if isinstance(batch, pa.StructArray):
        names = [f.name for f in batch.type]
        columns = batch.flatten()
        n = len(batch)
        top_valid = _valid(batch)
    else:
        names, columns, n = batch.schema.names, batch.columns, batch.num_rows
        top_valid = np.ones(n, bool)
    w = _Walker(n, needed, decision_date is not None)
    w.suspect |= ~top_valid
    children = dict(zip(names, columns))
    w.obj(CASE_SPEC, children, top_valid, "", None, w.scalars)
    if decision_date is not None:
        # the case's own decision date was checked above (validate_case does too); the override applies
        w.scalars["decision_date"] = Col(
            "date", np.full(n, day_number(decision_date), np.int32), np.ones(n, bool)
        )
    day = w.scalars["decision_date"]
    if horizon is not None:
        w.suspect |= day.known & (day.data < day_number(horizon))
    _consistency(w, day.data)
    # keep only what the rules (and depends_on) read: fewer columns to gather in the depends_on trials
    scalars = {k: c for k, c in w.scalars.items() if k in needed}
    lists = {k: c for k, c in w.lists.items() if k in needed}
    ids = children.get("id")
    text = None if ids is None else _text(ids)
    ids = pa.nulls(n, pa.string()) if text is None else text.cast(pa.string())
    return Converted(Table(n, scalars, lists), w.suspect, ids)


def _consistency(w: _Walker, day: np.ndarray) -> None:
    """The contradictions of `case.check_consistency`, marked (the message comes from validate_case)."""
    w.suspect |= contradicting(w.scalars, w.lists, day)
