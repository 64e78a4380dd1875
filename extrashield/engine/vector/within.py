"""Partial dates over a batch: `engine.within` for many rows at once, with the same days and the same rule.

A row with partial dates (a person list's `partial_dates`, a column of `struct<earliest, latest>` per fact
path) is repeated once per possible case (`within.worlds`: the days to try of each interval, combined), the
days put into its columns, the repeats that contradict the row dropped (`contradictions`), and the batch
engine run over them all. Where every repeat of a row gets the same outcome and the same value of every
ground, that is the row's answer, and its `depends_on` is every fact any repeat names, in the order they
first appear; elsewhere the row keeps the answer with those dates unknown. The days are worked out once per
distinct (interval, decision date): a list holds few distinct years and months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pyarrow as pa

from extrashield.engine.vector.columns import Col, ListCol, Replaced, Table, day_number, from_day_number
from extrashield.engine.vector.contradictions import contradicting
from extrashield.engine.vector.interpreter import BatchEvaluator, BatchResult
from extrashield.engine.within import DateEdges, edges_of, settling, worlds
from extrashield.facts import paths
from extrashield.facts.partial_dates import PartialDate

_ABSENT = -(1 << 40)  # no interval for this fact on this row (day numbers are never this far off)
Spans = Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # path -> (earliest, latest, present)


def spans_of(partial: pa.Table, rows: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The intervals of a batch's `partial_dates` (one struct column per fact path) at `rows`, as day
    numbers: (earliest, latest, present) per path."""
    out = {}
    for path in partial.column_names:
        col = partial.column(path).take(pa.array(rows, pa.int64())).combine_chunks()
        present = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), bool)
        if not present.any():
            continue
        first = col.field("earliest").cast(pa.int32()).fill_null(0)
        last = col.field("latest").cast(pa.int32()).fill_null(0)
        out[path] = (
            np.asarray(first.to_numpy(zero_copy_only=False), np.int64),
            np.asarray(last.to_numpy(zero_copy_only=False), np.int64),
            present,
        )
    return out


def partial_spans(partial: pa.Table, i: int) -> dict[str, PartialDate]:
    """The intervals of row `i` of a batch's `partial_dates`, by fact path (for the single-case path)."""
    out = {}
    for path in partial.column_names:
        span = partial.column(path)[i].as_py()
        if span is not None:
            out[path] = PartialDate(span["earliest"], span["latest"])
    return out


def _place(table: Table, path: str, present: np.ndarray) -> np.ndarray:
    """Rows where the fact at `path` can take a day: a scalar the table holds, or an item its row has."""
    place = paths.item(path)
    if place is None:
        return present & (path in table.scalars)
    list_path, index, key = place
    if list_path not in table.lists or key not in table.lists[list_path].items:
        return np.zeros_like(present)
    return present & table.lists[list_path].known & (table.lists[list_path].lengths > index)


def _put(table: Table, path: str, where: np.ndarray, days: np.ndarray) -> Table:
    """`table` with the fact at `path` set to `days` on the rows `where`."""
    place = paths.item(path)
    if place is None:
        col = table.scalars[path]
        day = Col(col.kind, days.astype(col.data.dtype), np.ones(len(where), bool))
        return table.with_scalar(path, col.put(where, day))
    list_path, index, key = place
    lc = table.lists[list_path]
    col = lc.items[key]
    day = Col(col.kind, days.astype(col.data.dtype), np.ones(len(where), bool))
    at = lc.offsets[:-1][where] + index
    items = Replaced(lc.items, key, col.put(at, day))
    return table.with_list(list_path, ListCol(lc.offsets, lc.known, items))


def settle(
    engine: BatchEvaluator,
    table: Table,
    res: BatchResult,
    spans: Spans,
    readings: Mapping[str, str],
    *,
    depends: bool = True,
) -> BatchResult:
    """`res` (the batch engine's result for `table`) with the rows whose partial dates `spans` settle the
    answer answered (see the module's docstring)."""
    edges = edges_of(engine.evaluator)
    known = {
        p: (first, last, _place(table, p, present))
        for p, (first, last, present) in spans.items()
        if edges.decides(p)
    }
    known = {p: s for p, s in sorted(known.items()) if s[2].any()}  # in `settling`'s order
    if not known:
        return res
    rows = np.flatnonzero(np.logical_or.reduce([s[2] for s in known.values()]))
    day = table.decision_date.data[rows].astype(np.int64)
    # per row, its intervals and decision date; the possible cases of each distinct combination, once
    key = np.stack(
        [day]
        + [
            np.where(present[rows], col[rows], _ABSENT)
            for first, last, present in known.values()
            for col in (first, last)
        ],
        axis=1,
    )
    distinct, group = np.unique(key, axis=0, return_inverse=True)
    group = group.reshape(-1)
    trial_row: list[np.ndarray] = []
    trial_days: dict[str, list[np.ndarray]] = {p: [] for p in known}
    for g, combo in enumerate(distinct.tolist()):
        members = rows[group == g]
        combo_spans = {
            p: PartialDate(from_day_number(combo[1 + 2 * k]), from_day_number(combo[2 + 2 * k]))
            for k, p in enumerate(known)
            if combo[1 + 2 * k] != _ABSENT
        }
        cases = _worlds(edges, combo_spans, from_day_number(combo[0]))
        trial_row.append(np.repeat(members, len(cases)))
        for p in known:
            each = np.asarray([w.get(p, _ABSENT) for w in cases], np.int64)
            trial_days[p].append(np.tile(each, len(members)))
    order = np.argsort(np.concatenate(trial_row), kind="stable")  # by row, each row's cases in order
    base = np.concatenate(trial_row)[order]
    trial = table.take(base)
    for p in known:
        put = np.concatenate(trial_days[p])[order]
        where = np.flatnonzero(put != _ABSENT)
        if len(where):
            trial = _put(trial, p, where, put[where])
    possible = ~contradicting(trial.scalars, trial.lists, trial.decision_date.data)
    if not possible.all():
        keep = np.flatnonzero(possible)
        trial, base = trial.take(keep), base[keep]
    if not len(base):
        return res
    return _merge(res, engine.evaluate(trial, readings, depends=depends), base, trial.n)


def _worlds(edges: DateEdges, spans: Mapping[str, PartialDate], decision: dt.date) -> list[dict[str, int]]:
    ordered = settling(edges, spans)
    return [{p: day_number(d) for p, d in zip(ordered, days)} for days in worlds(edges, ordered, decision)]


def _merge(res: BatchResult, tried: BatchResult, base: np.ndarray, m: int) -> BatchResult:
    """`res` with each row of `base` (the row of each trial, sorted) answered where its trials agree."""
    starts = np.flatnonzero(np.r_[True, base[1:] != base[:-1]])
    rows = base[starts]
    first = np.repeat(starts, np.diff(np.r_[starts, m]))  # each trial's row's first trial
    # the status of every ground (a ground not in force has one status, whatever its test gives)
    status = np.where(tried.in_force, tried.values, np.int8(-1))
    same = (status == status[:, first]).all(axis=0) & (tried.outcome == tried.outcome[first])
    agreed = np.logical_and.reduceat(same, starts)
    settled_rows, settled_first = rows[agreed], starts[agreed]
    if not len(settled_rows):
        return res
    values, outcome = res.values.copy(), res.outcome.copy()
    values[:, settled_rows] = tried.values[:, settled_first]
    outcome[settled_rows] = tried.outcome[settled_first]
    # depends_on: the facts any trial of a settled row names, each once, in the order they first appear
    is_settled = np.zeros(len(res.outcome), bool)
    is_settled[settled_rows] = True
    t_rows = base[tried.depends_rows]
    mine = is_settled[t_rows]
    new_rows = t_rows[mine]
    new_paths = [p for p, k in zip(tried.depends_paths, mine.tolist()) if k]
    seen: set[tuple[int, str]] = set()
    kept_rows, kept_paths = [], []
    for r, p in zip(new_rows.tolist(), new_paths):
        if (r, p) not in seen:
            seen.add((r, p))
            kept_rows.append(r)
            kept_paths.append(p)
    old = ~is_settled[res.depends_rows]
    all_rows = np.concatenate([res.depends_rows[old], np.asarray(kept_rows, np.int64)])
    all_paths = [p for p, k in zip(res.depends_paths, old.tolist()) if k] + kept_paths
    by_row = np.argsort(all_rows, kind="stable")
    return BatchResult(
        values, res.in_force, outcome, all_rows[by_row], [all_paths[i] for i in by_row.tolist()]
    )
