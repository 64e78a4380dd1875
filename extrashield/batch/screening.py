"""Screening: the batch engine over record batches, with the single-case path for the rows it cannot take.

`Screener.screen(batch)` takes one record batch of cases (the Arrow form of docs/contract.md §3) and returns one
record batch of results, in order (the columns of `results.result_schema`: `id`, `outcome`, `applies`, `depends_on`,
`error`, `questions`, `notes`, each ground's status, and a person list's own columns). Valid rows go
through the vectorised engine (`extrashield.engine.vector.interpreter`); rows the bulk checks mark go one by one through
`extrashield.assess`, so an invalid row gets exactly the message `validate_case` gives (`outcome`
`invalid`), and a row the checks marked by excess is still answered correctly.

`screen_records(cases)` does the same for Python mappings (e.g. parsed JSON), for library users.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pyarrow as pa

from extrashield.batch.results import STATUS_CODE, questions, result_schema, statuses
from extrashield.batch.rows import (
    InputBatch,
    ListColumns,
    Raw,
    check_row,
    id_of,
    records_to_arrow,
    rows_at,
    rows_of,
)
from extrashield.engine.evaluator import Evaluator
from extrashield.engine.grounds import NOT_IN_FORCE
from extrashield.engine.vector.arrow_cases import to_table
from extrashield.engine.vector.interpreter import INVALID, OUTCOME_CODE, OUTCOME_NAMES, BatchEvaluator
from extrashield.engine.vector.within import partial_spans, settle, spans_of
from extrashield.engine.within import assess_within
from extrashield.errors import CaseError
from extrashield.facts.dates import parse_iso

if TYPE_CHECKING:
    from extrashield.batch.formats.base import Reader
    from extrashield.batch.person_lists import ListRows
    from extrashield.facts.person_columns import Summary

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Screened:
    """The results of one batch as arrays (before they become a record batch)."""

    outcome: np.ndarray  # uint8 codes of OUTCOME_NAMES
    batch: pa.RecordBatch
    summary: Summary | None = None  # for a person list: what could not be read in this batch


def _list_array(rows: np.ndarray, values: pa.Array, n: int) -> pa.ListArray:
    """A list per row from (row, value) pairs already sorted by row."""
    offsets = np.zeros(n + 1, np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


class Screener:
    """Screens batches under one decision date override and one set of readings."""

    def __init__(
        self,
        *,
        decision_date: str | dt.date | None = None,
        readings: Mapping[str, str] | None = None,
        depends: bool = True,
        evaluator: Evaluator | None = None,
    ) -> None:
        if evaluator is None:
            from extrashield import default_evaluator

            evaluator = default_evaluator()
        self.evaluator = evaluator
        self.engine = BatchEvaluator(evaluator)
        self.readings = evaluator.resolve_readings(readings)  # raises ReadingError naming the reading
        self.day: dt.date | None = None
        if decision_date is not None:
            try:
                self.day = parse_iso(decision_date)
            except ValueError as exc:
                raise CaseError("decision_date", str(exc)) from None
        self.depends = depends
        self.needed = self.engine.needed_facts()
        self.provision_ids = pa.array([p.id for p in self.engine.provisions], pa.string())
        self.outcome_names = pa.array(OUTCOME_NAMES, pa.string())
        self.schema = result_schema([p.id for p in self.engine.provisions])

    def screen(
        self,
        batch: pa.RecordBatch | pa.StructArray,
        raw: Raw,
        pre_invalid: np.ndarray | None = None,
        listed: ListColumns | None = None,
    ) -> Screened:
        """Results for one batch. `raw(indices)` gives the original rows (parsed JSON, or Python values)
        for the single-case path; `pre_invalid` marks rows a reader already found invalid. For a person
        list, `listed` brings the errors of rows found invalid while reading (given as they are, without the
        single-case path), the notes and the list's own columns."""
        conv = to_table(
            batch, needed=self.needed, decision_date=self.day, horizon=self.evaluator.lawbook.horizon
        )
        n = conv.table.n
        suspect = conv.suspect if pre_invalid is None else conv.suspect | pre_invalid
        errors: list[str | None] = [None] * n
        if listed is not None and listed.errors.null_count < n:
            given = np.asarray(listed.errors.is_valid().to_numpy(zero_copy_only=False), bool)
            errors = listed.errors.to_pylist()
            suspect = suspect & ~given
        else:
            given = None
        good = np.flatnonzero(~suspect if given is None else ~(suspect | given))
        table = conv.table if len(good) == n else conv.table.take(good)
        res = self.engine.evaluate(table, self.readings, depends=self.depends)
        if listed is not None and listed.partial_dates.num_columns:  # the comparisons they settle
            spans = spans_of(listed.partial_dates, good)
            res = settle(self.engine, table, res, spans, self.readings, depends=self.depends)

        outcome = np.full(n, OUTCOME_CODE[INVALID], np.uint8)
        outcome[good] = res.outcome
        status = np.full((len(self.engine.provisions), n), -1, np.int8)  # -1: none (an invalid row)
        status[:, good] = np.where(res.in_force, res.values, STATUS_CODE[NOT_IN_FORCE])
        # (row, provision index) for the grounds that apply, row-major so each row keeps the order of GROUNDS
        r_app, g_app = np.nonzero(res.applies().T)
        app_rows, app_vals = [good[r_app]], [self.provision_ids.take(pa.array(g_app))]
        dep_rows = [good[res.depends_rows]]
        dep_vals = [pa.array(res.depends_paths, pa.string())]
        slow = np.flatnonzero(suspect)
        slow_rows = raw(slow.tolist()) if len(slow) else []
        if len(slow):
            self._single_cases(
                slow, slow_rows, outcome, status, errors, app_rows, app_vals, dep_rows, dep_vals, listed
            )
        applies = self._merge(app_rows, app_vals, n)
        depends = self._merge(dep_rows, dep_vals, n)
        ids = conv.ids
        if len(slow):  # rows the reader could not convert have no id column value: take it from the raw row
            ids = self._ids(ids, slow, slow_rows)
        notes = pa.nulls(n, pa.string()) if listed is None else listed.notes
        columns = [
            ids,
            self.outcome_names.take(pa.array(outcome)),
            applies,
            depends,
            pa.array(errors, pa.string()),
            questions(depends),
            notes,
            *(statuses(row) for row in status),
        ]
        schema = self.schema
        if listed is not None and listed.own.num_columns:
            columns += [
                c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in listed.own.columns
            ]
            schema = pa.schema([*schema, *listed.own.schema])
        result = pa.RecordBatch.from_arrays(columns, schema=schema)
        return Screened(outcome, result, None if listed is None else listed.summary)

    def _ids(self, ids: pa.Array, slow: np.ndarray, rows: list[Any]) -> pa.Array:
        values = ids.to_pylist()
        for i, row in zip(slow.tolist(), rows):
            if values[i] is None:
                values[i] = id_of(row)
        return pa.array(values, pa.string())

    @staticmethod
    def _merge(rows: list[np.ndarray], values: list[pa.Array], n: int) -> pa.ListArray:
        all_rows = np.concatenate(rows).astype(np.int64)
        order = np.argsort(all_rows, kind="stable")
        vals = pa.concat_arrays([v.cast(pa.string()) for v in values]).dictionary_encode()
        codes = vals.indices.cast(pa.int32()).take(pa.array(order))
        return _list_array(all_rows[order], pa.DictionaryArray.from_arrays(codes, vals.dictionary), n)

    def _single_cases(
        self,
        slow: np.ndarray,
        rows: list[Any],
        outcome: np.ndarray,
        status: np.ndarray,
        errors: list[str | None],
        app_rows: list[np.ndarray],
        app_vals: list[pa.Array],
        dep_rows: list[np.ndarray],
        dep_vals: list[pa.Array],
        listed: ListColumns | None = None,
    ) -> None:
        a_rows: list[int] = []
        a_vals: list[str] = []
        d_rows: list[int] = []
        d_vals: list[str] = []
        for i, row in zip(slow.tolist(), rows):
            try:
                answer = self._assess(row, i, listed)
            except CaseError as exc:
                errors[i] = str(exc)
                continue
            outcome[i] = OUTCOME_CODE[answer.outcome]
            status[:, i] = [STATUS_CODE[g.status] for g in answer.grounds]
            for p in answer.applies:
                a_rows.append(i)
                a_vals.append(p)
            if self.depends:
                for path, _question in answer.depends_on:
                    d_rows.append(i)
                    d_vals.append(path)
        app_rows.append(np.array(a_rows, np.int64))
        app_vals.append(pa.array(a_vals, pa.string()))
        dep_rows.append(np.array(d_rows, np.int64))
        dep_vals.append(pa.array(d_vals, pa.string()))

    def _assess(self, row: Any, i: int, listed: ListColumns | None) -> Any:
        """Row `i` of a batch answered as `assess` answers one case (within the spans of its partial dates,
        for a person list). Raises CaseError for an invalid row."""
        from extrashield import assess
        from extrashield.facts.case import validate_case

        check_row(row)
        spans = {} if listed is None else partial_spans(listed.partial_dates, i)
        if spans:
            return assess_within(
                self.evaluator, validate_case(row, decision_date=self.day), spans, self.readings
            )
        return assess(row, decision_date=self.day, readings=self.readings)

    def open_questions(self, batch: InputBatch) -> list[list[str]]:
        """Each row's `open_questions` as `assess` gives them (docs/contract.md §5: the readings of the law on
        which its outcome turns, such as `point7.volunteer_formations` for a volunteer, and an entry into
        force not yet certain), by the same single-case path; none for an invalid row. An assessment a row
        (some 0.5 ms): for the few rows of `match`'s pairs, not for a list screened."""
        out: list[list[str]] = []
        for i, row in enumerate(batch.raw(list(range(_rows(batch.data))))):
            try:
                out.append([q.id for q in self._assess(row, i, batch.listed).open_questions])
            except CaseError:
                out.append([])
        return out


def _rows(data: pa.RecordBatch | pa.StructArray) -> int:
    return data.num_rows if isinstance(data, pa.RecordBatch) else len(data)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def in_order(
    work: Callable[[T], R], items: Iterable[T], workers: int | None = None, pool: Executor | None = None
) -> Iterator[R]:
    """`work` over `items` on `workers` threads (or on `pool`), results in input order, with at most
    `workers + 1` items in flight, so memory stays flat on a file of any length."""
    workers = workers or default_workers()
    if workers == 1 and pool is None:
        yield from map(work, items)
        return
    own = pool is None
    if pool is None:
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="screen")
    try:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


# --- several processes -------------------------------------------------------------------------------------
# The batch engine spends much of its time in Python between numpy calls, holding the GIL, so threads
# share one core more than they use two. Batches that carry their own rows (Parquet) go to forked worker
# processes instead: each inherits the parent's screener (law, rules, compiled code) without re-loading it,
# and a record batch crosses the process boundary as Arrow buffers.

_WORKER_SCREENERS: tuple[Screener, ...] = ()


def _set_worker_screeners(screeners: tuple[Screener, ...]) -> None:
    global _WORKER_SCREENERS
    _WORKER_SCREENERS = screeners


def _screen_in_worker(
    item: tuple[pa.RecordBatch, np.ndarray | None, ListColumns | None] | ListRows,
) -> tuple[Screened, ...]:
    assert _WORKER_SCREENERS, "worker process started without a screener"
    if isinstance(item, tuple):
        data, invalid, listed = item
        raw = rows_of(data)
    else:  # a person list's rows as they came: read into cases here, in the worker
        b = item.cases()
        data, raw, invalid, listed = b.data, b.raw, b.invalid, b.listed
    return tuple(s.screen(data, raw, invalid, listed) for s in _WORKER_SCREENERS)


def can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _fork_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> ProcessPoolExecutor:
    """Worker processes forked from this one, so they inherit its loaded law and compiled rules."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=initializer,
        initargs=initargs,
    )


def _ready(batch: InputBatch | ListRows) -> InputBatch:
    return batch if isinstance(batch, InputBatch) else batch.cases()


def screen_batches_under(
    screeners: tuple[Screener, ...],
    batches: Iterable[InputBatch | ListRows],
    workers: int | None = None,
    self_contained: bool = False,
) -> Iterator[tuple[tuple[Screened, ...], int]]:
    """For each input batch (`rows.InputBatch`, or a person list's `person_lists.ListRows`, read into cases
    where it is screened), in order: (its result under each of `screeners`, e.g. two dates or readings for
    `impact`; its size). With more than one worker: forked processes when the batches hold their own rows
    (`self_contained`, e.g. Parquet, person lists) and the platform forks safely, threads otherwise."""
    workers = workers or default_workers()
    if workers > 1 and self_contained and can_fork():
        pool = _fork_pool(workers, _set_worker_screeners, (screeners,))
        try:
            pool.submit(int).result()  # start every worker now, before the reader starts Arrow's threads
            sizes: deque[int] = deque()

            def data_of() -> Iterator[
                tuple[pa.RecordBatch, np.ndarray | None, ListColumns | None] | ListRows
            ]:
                for b in batches:
                    sizes.append(b.size)
                    yield (b.data, b.invalid, b.listed) if isinstance(b, InputBatch) else b

            for results in in_order(_screen_in_worker, data_of(), workers, pool):
                yield results, sizes.popleft()
        finally:
            pool.shutdown(cancel_futures=True)
        return

    def work(batch: InputBatch | ListRows) -> tuple[tuple[Screened, ...], int]:
        b = _ready(batch)
        return tuple(s.screen(b.data, b.raw, b.invalid, b.listed) for s in screeners), b.size

    yield from in_order(work, batches, workers)


_WORKER_FILE: tuple[Reader | None, str, int] = (None, "", 0)
# The largest part a worker screens whole, in batches: its results are held until the part is done, and the
# reading process holds those of `workers + 1` parts, so a larger part goes batch by batch instead.
GROUP_BATCHES = 2


def _set_worker_file(screeners: tuple[Screener, ...], reader: Reader, path: str, batch_size: int) -> None:
    global _WORKER_FILE
    _set_worker_screeners(screeners)
    _WORKER_FILE = (reader, path, batch_size)


def _screen_part(index: int) -> list[tuple[tuple[Screened, ...], int]]:
    from pathlib import Path

    reader, path, batch_size = _WORKER_FILE
    assert reader is not None and reader.read_part is not None, "worker process started without a file"
    return [
        (tuple(s.screen(b.data, b.raw, b.invalid, b.listed) for s in _WORKER_SCREENERS), b.size)
        for b in reader.read_part(Path(path), index, batch_size)
    ]


def screen_file_under(
    screeners: tuple[Screener, ...],
    reader: Reader,
    path: Any,
    batch_size: int,
    workers: int | None = None,
    decision_date: Any = None,
) -> Iterator[tuple[tuple[Screened, ...], int]]:
    """As `screen_batches_under` for the file at `path`, read by `reader` (a format's `Reader`). When the
    reader splits a file into parts (Parquet's row groups), each worker process reads its own parts (so
    reading is shared between the cores too, and no batch is copied between processes). A worker returns
    a whole part's results at once, so a file of a single part, or with parts of more than `GROUP_BATCHES`
    batches, is read by this process and its batches handed to the workers."""
    workers = workers or default_workers()
    sizes = reader.parts(path) if reader.parts is not None else []
    parts = len(sizes)
    if workers == 1 or parts < 2 or max(sizes) > GROUP_BATCHES * batch_size or not can_fork():
        # a person list's rows go to the workers as they came, each read into cases by the worker that
        # screens it: the reading process only splits the file into batches
        batches = (
            reader.read_rows(path, batch_size)
            if reader.read_rows is not None
            else reader.read(path, batch_size, decision_date)
        )
        yield from screen_batches_under(screeners, batches, workers, reader.self_contained)
        return
    pool = _fork_pool(workers, _set_worker_file, (screeners, reader, str(path), batch_size))
    try:
        for part in in_order(_screen_part, range(parts), workers, pool):
            yield from part
    finally:
        pool.shutdown(cancel_futures=True)


def screen_records(
    cases: Iterable[Any],
    *,
    decision_date: str | dt.date | None = None,
    readings: Mapping[str, str] | None = None,
    batch_size: int = 65536,
    screener: Screener | None = None,
    mapping: Mapping[str, str] | None = None,
    open_questions: bool = False,
) -> list[dict[str, Any]]:
    """Screen Python mappings: cases of docs/contract.md §3, or the rows of a person list (§3b), told apart by
    their keys (all rows' keys, as a file's header: `person_list.detect_layout`; a `mapping` of their keys to
    §3b columns makes them a person list). One result dict per row, in order: the columns of
    `results.result_schema`, and for a person list each row's own keys (values as their text); with
    `open_questions`, each row's (`Screener.open_questions`: an assessment a row). A table (a
    pandas or polars DataFrame, a pyarrow Table) is a TypeError naming `frames.screen_frame`, which takes it:
    iterated, a DataFrame gives its column names."""
    from extrashield.batch.person_lists import list_batch, tell
    from extrashield.batch.rows import TableBatch, cell_text, text_table
    from extrashield.batch.table_kinds import not_records
    from extrashield.facts.person_list import Layout

    wrong = not_records(cases)
    if wrong is not None:
        raise wrong
    s = screener or Screener(decision_date=decision_date, readings=readings)
    rows = list(cases)
    keys = list(
        dict.fromkeys(k for row in rows if isinstance(row, Mapping) for k in row if isinstance(k, str))
    )
    told = tell(keys, mapping, s.schema.names)
    out: list[dict[str, Any]] = []
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        if told.layout is Layout.CASES:
            arr, invalid = records_to_arrow(chunk, s.day)
            b = InputBatch(arr, rows_at(chunk), invalid, len(chunk))
            res = s.screen(b.data, b.raw, b.invalid)
        else:
            assert told.plan is not None
            cells = [
                [cell_text(row.get(k)) for k in keys] if isinstance(row, Mapping) else [None] * len(keys)
                for row in chunk
            ]
            problems = [
                None if isinstance(row, Mapping) else f"row: expected a mapping, got {type(row).__name__}"
                for row in chunk
            ]
            got = TableBatch(text_table(keys, cells), problems if any(problems) else None, len(chunk))
            b = list_batch(got, told.plan, told.own, start + 1)
            res = s.screen(b.data, b.raw, b.invalid, b.listed)
        screened = res.batch.to_pylist()
        if open_questions:
            for row, asked in zip(screened, s.open_questions(b)):
                row["open_questions"] = asked
        out.extend(screened)
    return out
