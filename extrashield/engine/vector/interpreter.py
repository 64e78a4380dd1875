"""The batch evaluator: the same rule trees as the single-case evaluator, interpreted over columns.

One law, two engines. `BatchEvaluator` walks the expression trees of `extrashield.rules.GROUNDS` (the node
classes of `expr.py`) and computes each node for every row at once with numpy, in three-valued int8 codes
(0 false, 1 unknown, 2 true: AND is min, OR is max, NOT is 2 - x). No rule is written twice: a new ground
built from the existing node types works here unchanged; a new node type needs one method below (and the
property test in tests/test_batch_agrees.py says so at once).

The law version applied to a row is the one in force on that row's decision date (Art. 4 CPC); readings
are resolved by `Choose` exactly as in `Expr.fn`.

`depends_on` follows `search.unknowns` exactly: for an undetermined row, an unknown fact is listed iff
some candidate value of it (the evaluator's `candidates`, the same values), learnt alone, changes the
outcome, where only the grounds that were unknown and read the fact are recomputed. Here that is done per fact for all rows at once: the rows
where the fact is unknown are gathered, each candidate is put in the fact's column, and the touched grounds
are evaluated again. In such a trial only the nodes that read the varied fact are computed; every other node
is gathered from the first evaluation (`Base`), since its value cannot have changed. Of many candidates, the
first few are tried on every row and the others only on the rows they left open (`_any_change`).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from extrashield.engine import expr as E
from extrashield.engine.evaluator import Evaluator
from extrashield.engine.grounds import ALLOWS_REFUSAL, BARS, OUTCOMES
from extrashield.engine.vector.columns import (
    FALSE,
    TRUE,
    UNKNOWN,
    Col,
    ListCol,
    Replaced,
    Table,
    concat_cols,
    const_col,
    day_number,
    encode,
    kind_of_spec,
    null_like,
)
from extrashield.engine.vector.contradictions import FACTS as CONSISTENCY_FACTS
from extrashield.engine.vector.contradictions import contradicting
from extrashield.engine.verdict import ExtraditionVerdict
from extrashield.facts.case import CASE_SPEC, Case, Spec
from extrashield.facts.paths import list_of

INVALID = "invalid"
# Outcome codes of the batch engine: the outcomes of docs/contract.md §4, then `invalid` for rows that do not
# validate.
OUTCOME_NAMES: tuple[str, ...] = (
    *(o.value for o in OUTCOMES),
    INVALID,
)  # plain texts, for Arrow's dictionaries
OUTCOME_CODE = {name: np.uint8(i) for i, name in enumerate(OUTCOME_NAMES)}
BARRED, MAY_REFUSE, PERMITTED, UNDETERMINED = (OUTCOME_CODE[o] for o in OUTCOMES)
# depends_on: the candidates of a fact tried on every row before the others are tried on the rows still open
FIRST_TRIED = 3


# --- the schema of facts, in the order `unknown_paths` yields them -----------------------------------------


@dataclass(frozen=True)
class Slot:
    """A fact of the case format: a scalar, a whole list, or a field of the items of a list."""

    path: str  # abstract path, e.g. person.military_service[*].combat
    spec: Spec
    order: int  # position in the order of `Case.facts`
    list_path: str | None = None  # for an item field: the list
    key: str | None = None  # for an item field: the field within the item
    field_order: int = 0


def _slots(spec: Spec = CASE_SPEC, prefix: str = "") -> list[Slot]:
    out: list[Slot] = []
    for name, sub in spec.fields.items():
        path = prefix + name
        if sub.kind == "object":
            out.extend(_slots(sub, path + "."))
        elif sub.kind == "list":
            out.append(Slot(path, sub, 0))
            for j, (key, item) in enumerate(sub.fields.items()):
                out.append(Slot(f"{path}[*].{key}", item, 0, path, key, j))
        else:
            out.append(Slot(path, sub, 0))
    # the position in `Case.facts`: a list and the fields of its items share the list's position
    order, numbered = 0, []
    for s in out:
        if s.list_path is None:
            order += 1
        numbered.append(Slot(s.path, s.spec, order, s.list_path, s.key, s.field_order))
    return numbered


SLOTS: tuple[Slot, ...] = tuple(_slots())
SCALAR_SLOTS = {s.path: s for s in SLOTS if s.list_path is None and s.spec.kind != "list"}
LIST_SLOTS = {s.path: s for s in SLOTS if s.spec.kind == "list"}


# --- interpreting the expression tree over columns ---------------------------------------------------------


class Frame:
    """Where an expression is evaluated: n rows, each the case `rows[i]` of the table (None: the identity)
    and, inside `Any_`, the list item `item[1][i]` of the list `item[0]`."""

    __slots__ = ("base", "item", "memo", "n", "rows", "table")

    def __init__(
        self,
        table: Table,
        n: int,
        rows: np.ndarray | None,
        item: tuple[ListCol, np.ndarray] | None,
        base: Base | None = None,
    ):
        self.table, self.n, self.rows, self.item = table, n, rows, item
        self.memo: dict[int, Col] = {}
        self.base = base


@dataclass(frozen=True)
class Base:
    """A trial frame's link to the evaluation it varies: row i of the trial is row `rows[i]` of the frame
    `memo` came from, with only the fact `changed` replaced. A node that does not read `changed` has the
    value it had there, so it is gathered from `memo` instead of computed again."""

    memo: dict[int, Col]
    rows: np.ndarray
    changed: str


_CMP: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}


def _as_tri(c: Col, where: str) -> np.ndarray:
    if c.kind == "tri":
        return c.data
    if c.kind == "null":
        return np.broadcast_to(UNKNOWN, c.known.shape)
    raise TypeError(f"{where}: expected a condition, got a value of kind {c.kind}")


def _most(codes: np.ndarray, n: int) -> np.ndarray:
    """The greatest code of each column of `codes` (G x n; false where G is 0), as `outcome` combines grounds."""
    return codes.max(axis=0) if len(codes) else np.zeros(n, np.int8)


def _reduce(op: np.ufunc, codes: list[np.ndarray], n: int, empty: np.int8) -> np.ndarray:
    if not codes:
        return np.full(n, empty, np.int8)
    out = np.array(np.broadcast_to(codes[0], (n,)), np.int8)
    for c in codes[1:]:
        op(out, c, out=out)
    return out


def _tri(match: np.ndarray, known: np.ndarray) -> Col:
    # bit arithmetic on the booleans' bytes (2 where true and known, 1 where unknown): ~8x nested np.where
    known = np.array(known, bool)
    out = np.bitwise_and(match, known).view(np.int8) << 1
    out |= (~known).view(np.int8)
    return Col("tri", out, known)


class Interpreter:
    """Evaluates rule expressions over a `Table` for one set of readings."""

    def __init__(self, readings: Mapping[str, str]) -> None:
        self.rd = readings
        self._consts: dict[tuple[int, int], Col] = {}  # constants as columns, by node and length
        self._refs: dict[int, frozenset[str]] = {}  # the facts each node reads, by node
        self._dispatch: dict[type, Callable[[Any, Frame], Col]] = {
            E.Field: self._field,
            E.Item: self._item,
            E.Const: self._const,
            E.IsNull: self._isnull,
            E.Is: self._is,
            E.Cmp: self._cmp,
            E.And: self._and,
            E.Or: self._or,
            E.Not: self._not,
            E.IfNull: self._ifnull,
            E.Any_: self._any,
            E.Choose: self._choose,
            E.AddYears: self._addyears,
            E.Cond: self._cond,
        }

    def top(self, table: Table, base: Base | None = None) -> Frame:
        return Frame(table, table.n, None, None, base)

    def refs(self, e: E.Expr) -> frozenset[str]:
        hit = self._refs.get(id(e))
        if hit is None:
            hit = self._refs[id(e)] = e.refs()
        return hit

    def condition(self, e: E.Expr, frame: Frame) -> np.ndarray:
        """The three-valued codes of a condition (a ground's test)."""
        return _as_tri(self.eval(e, frame), type(e).__name__)

    def eval(self, e: E.Expr, frame: Frame) -> Col:
        hit = frame.memo.get(id(e))
        if hit is not None:
            return hit
        base = frame.base
        if base is not None and type(e) is not E.Const:
            known = base.memo.get(id(e))
            if known is not None and base.changed not in self.refs(e):
                out = frame.memo[id(e)] = known.take(base.rows)
                return out
        method = self._dispatch.get(type(e))
        if method is None:
            raise TypeError(
                f"the batch engine has no rule for the expression node {type(e).__name__}; "
                "add one to extrashield/engine/vector/interpreter.py"
            )
        out = method(e, frame)
        frame.memo[id(e)] = out
        return out

    # leaves
    def _field(self, e: E.Field, f: Frame) -> Col:
        t = f.table
        if e.path in t.lists:
            lc = t.lists[e.path]
            known = lc.known if f.rows is None else lc.known[f.rows]
            return Col("list", np.zeros(f.n, np.int8), known)
        col = t.scalars.get(e.path)
        if col is None:
            raise KeyError(f"the batch table has no column for the fact {e.path!r}")
        return col if f.rows is None else col.take(f.rows)

    def _item(self, e: E.Item, f: Frame) -> Col:
        if f.item is None:
            raise TypeError(f"Item({e.key!r}) outside a list (Any_)")
        lc, child = f.item
        return lc.items[e.key].take(child)

    def _const(self, e: E.Const, f: Frame) -> Col:
        key = (id(e), f.n)
        hit = self._consts.get(key)
        if hit is None:
            hit = self._consts[key] = const_col(e.value, f.n)
        return hit

    # tests
    def _isnull(self, e: E.IsNull, f: Frame) -> Col:
        known = self.eval(e.x, f).known
        return Col("tri", np.where(known, FALSE, TRUE).astype(np.int8), np.ones(f.n, bool))

    def _is(self, e: E.Is, f: Frame) -> Col:
        c = self.eval(e.x, f)
        values, single = e.values, len(e.values) == 1

        # Python's `v == only and type(v) is type(only)` for one value, `v in values` for several
        def same(v: Any, kind: type) -> bool:
            return type(v) is kind if single else isinstance(v, kind)

        if c.kind == "null":
            return _tri(np.zeros(f.n, bool), c.known)
        if c.kind == "tri":
            hits_true = any(v == True and (not single or type(v) is bool) for v in values)  # noqa: E712
            hits_false = any(v == False and (not single or type(v) is bool) for v in values)  # noqa: E712
            match = ((c.data == TRUE) & hits_true) | ((c.data == FALSE) & hits_false)
            return _tri(match, c.known)
        if c.kind == "cat":
            codes = [c.vocab.index(v) for v in values if same(v, str) and v in c.vocab]
            # a lookup table over the vocabulary (slot -1, an unknown value, is the last entry): one gather
            lut = np.zeros(len(c.vocab) + 1, bool)
            lut[codes] = True
            return _tri(lut[c.data], c.known)
        if c.kind == "date":
            days = [day_number(v) for v in values if type(v) is dt.date]
            match = np.isin(c.data, days)
            if c.ongoing is not None:
                match = np.where(c.ongoing, any(v == "ongoing" for v in values), match)
            return _tri(match, c.known)
        if c.kind == "num":
            # the batch holds numbers as floats, so 7 and 7.0 are the same value here
            nums = [
                float(v)
                for v in values
                if isinstance(v, int | float) and not (single and isinstance(v, bool))
            ]
            return _tri(np.isin(c.data, nums), c.known)
        raise TypeError(f"Is over a value of kind {c.kind}")

    def _cmp(self, e: E.Cmp, f: Frame) -> Col:
        a, b = self.eval(e.a, f), self.eval(e.b, f)
        op = _CMP[e.op]
        if a.kind == "null" or b.kind == "null" or a.kind == "cat" or b.kind == "cat":
            return _tri(np.zeros(f.n, bool), np.zeros(f.n, bool))  # unknown, or text: not comparable
        if a.kind == "date" and b.kind == "date":
            return _tri(op(a.data, b.data), a.known_date & b.known_date)
        numeric = ("num", "tri")
        if a.kind in numeric and b.kind in numeric:

            def num(c: Col) -> np.ndarray:
                return c.data if c.kind == "num" else (c.data == TRUE).astype(np.float64)

            return _tri(op(num(a), num(b)), a.known & b.known)
        raise TypeError(f"Cmp {e.op!r} between a {a.kind} and a {b.kind}")

    # logic
    def _and(self, e: E.And, f: Frame) -> Col:
        codes = [self.condition(x, f) for x in e.xs]
        out = _reduce(np.minimum, codes, f.n, TRUE)
        return Col("tri", out, out != UNKNOWN)

    def _or(self, e: E.Or, f: Frame) -> Col:
        codes = [self.condition(x, f) for x in e.xs]
        out = _reduce(np.maximum, codes, f.n, FALSE)
        return Col("tri", out, out != UNKNOWN)

    def _not(self, e: E.Not, f: Frame) -> Col:
        c = self.eval(e.x, f)
        if c.kind == "null":
            return c
        out = (TRUE - _as_tri(c, "Not")).astype(np.int8)
        return Col("tri", out, c.known)

    def _ifnull(self, e: E.IfNull, f: Frame) -> Col:
        absent = ~self.eval(e.x, f).known
        then, other = self.eval(e.then, f), self.eval(e.otherwise, f)
        if then.kind == "null" and other.kind == "null":
            return then
        if then.kind == "null":
            then = null_like(other, f.n)
        if other.kind == "null":
            other = null_like(then, f.n)
        if then.kind != other.kind or then.vocab != other.vocab:
            raise TypeError(f"IfNull branches of kinds {then.kind} and {other.kind}")
        ongoing = None
        if then.ongoing is not None or other.ongoing is not None:
            z = np.zeros(f.n, bool)
            ongoing = np.where(
                absent,
                z if then.ongoing is None else then.ongoing,
                z if other.ongoing is None else other.ongoing,
            )
        return Col(
            then.kind,
            np.where(absent, then.data, other.data),
            np.where(absent, then.known, other.known),
            ongoing,
            then.vocab,
        )

    def _any(self, e: E.Any_, f: Frame) -> Col:
        lc = f.table.lists[e.path]
        if f.rows is None:
            starts, lens, known = lc.offsets[:-1], lc.lengths, lc.known
            rows = np.repeat(np.arange(f.n, dtype=np.int64), lens)
            child = np.arange(int(lc.offsets[-1]), dtype=np.int64)
            new_starts = starts
        else:
            from extrashield.engine.vector.columns import gather_ranges

            child, new_off = gather_ranges(lc.offsets, f.rows)
            lens, known, new_starts = np.diff(new_off), lc.known[f.rows], new_off[:-1]
            rows = np.repeat(f.rows, lens)
        inner = Frame(f.table, len(child), rows, (lc, child))
        per_item = self.condition(e.pred, inner)
        out = np.zeros(f.n, np.int8)  # an empty list: false
        nonempty = lens > 0
        if len(per_item):
            out[nonempty] = np.maximum.reduceat(per_item, new_starts[nonempty])
        out[~known] = UNKNOWN  # an unknown list: unknown
        return Col("tri", out, out != UNKNOWN)

    def _choose(self, e: E.Choose, f: Frame) -> Col:
        return self.eval(e.branch(self.rd), f)

    def _addyears(self, e: E.AddYears, f: Frame) -> Col:
        d, y = self.eval(e.day, f), self.eval(e.years, f)
        if d.kind == "null" or y.kind == "null":
            return Col("date", np.zeros(f.n, np.int32), np.zeros(f.n, bool))
        if d.kind != "date" or y.kind != "num":
            raise TypeError(f"AddYears of a {d.kind} and a {y.kind}")
        known = d.known_date & y.known
        if y.data.strides == (0,) and y.known.all() and len(d.data):
            # a constant number of years (the usual case: limitation periods): compute each calendar day in
            # the column's range once and look the rows up, instead of taking every row's date apart
            lo, hi = int(d.data.min()), int(d.data.max())
            if hi - lo <= 4 * len(d.data) + 1024:
                span = np.arange(lo, hi + 1, dtype=np.int64)
                table = add_years(span, np.full(len(span), int(np.trunc(y.data[0])), np.int64))
                return Col("date", table[d.data - lo], known)
        years = np.where(known, np.trunc(np.nan_to_num(y.data)), 0).astype(np.int64)
        return Col("date", add_years(d.data, years), known)

    def _cond(self, e: E.Cond, f: Frame) -> Col:
        return self.eval(e.x, f)


def add_years(days: np.ndarray, years: np.ndarray) -> np.ndarray:
    """`dates.add_years` over day numbers: the same day `years` later, 29 February falling to 28 February.
    Integer calendar arithmetic (H. Hinnant's civil-from-days and days-from-civil), since numpy's datetime64
    unit casts take milliseconds per column."""
    y, m, d = civil_from_days(np.asarray(days, np.int64))
    y2 = y + np.asarray(years, np.int64)
    leap = (y2 % 4 == 0) & ((y2 % 100 != 0) | (y2 % 400 == 0))
    d = np.where((m == 2) & (d == 29) & ~leap, 28, d)
    return days_from_civil(y2, m, d).astype(np.int32)


def civil_from_days(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day numbers since 1970-01-01 to (year, month 1-12, day 1-31), proleptic Gregorian."""
    z = z + 719468
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (m <= 2), m, d


def days_from_civil(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """(year, month 1-12, day) to day numbers since 1970-01-01, proleptic Gregorian."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * np.where(m > 2, m - 3, m + 9) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


# --- the batch answer -------------------------------------------------------------------------------------


@dataclass
class BatchResult:
    """Per row: the value of every ground (G x n codes), whether it was in force, the outcome code, and
    `depends_on` as (row, fact path) pairs in the order of `unknown_paths`."""

    values: np.ndarray  # int8, G x n
    in_force: np.ndarray  # bool, G x n
    outcome: np.ndarray  # uint8, n (codes of OUTCOME_NAMES)
    depends_rows: np.ndarray  # int64, sorted by row then by fact order
    depends_paths: list[str]  # one per entry of depends_rows

    def applies(self) -> np.ndarray:
        """G x n: the ground applies (true and in force)."""
        return (self.values == TRUE) & self.in_force

    def depends_lists(self) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(self.outcome.shape[0])]
        for r, p in zip(self.depends_rows.tolist(), self.depends_paths):
            out[r].append(p)
        return out


class BatchEvaluator:
    """The grounds of an `Evaluator` (same rules, same law data) evaluated over a `Table`."""

    def __init__(self, evaluator: Evaluator) -> None:
        if type(evaluator.verdict) is not ExtraditionVerdict:
            raise TypeError(
                "the batch engine combines grounds by the extradition outcome order only (`outcome` below)"
            )
        if evaluator.candidates.thresholds.relative:
            # a fact compared with another fact is tried at values that differ from row to row
            raise TypeError(
                "the batch engine tries the same values in every row of a decision date: no rule may "
                "compare two facts"
            )
        self.evaluator = evaluator
        self.grounds = evaluator.grounds
        self.provisions = evaluator.provisions
        self.lawbook = evaluator.lawbook
        self.refs = evaluator.refs
        self.bars = np.array([g.effect == BARS for g in self.grounds])
        self.refusals = np.array([g.effect == ALLOWS_REFUSAL for g in self.grounds])
        read = frozenset().union(*self.refs) if self.refs else frozenset()
        # the facts some rule reads: only these can ever be in depends_on
        self.fact_slots = tuple(s for s in SLOTS if s.path in read)
        self.horizon = day_number(self.lawbook.horizon)
        # per ground with dated tests (engine/dated.py): (test index, first day, first day after) of each
        # version whose test is not the first one; a day outside them all takes the first test
        self.spans = tuple(
            tuple(
                (
                    n,
                    day_number(v.valid_from) if v.valid_from else None,
                    day_number(v.valid_until) if v.valid_until else None,
                )
                for v in p.versions
                for n in (g.variant(p, v),)
                if n
            )
            for g, p in zip(self.grounds, self.provisions)
        )

    # columns a table needs: the facts the rules read, the decision date and what candidates read
    def needed_facts(self) -> frozenset[str]:
        # the facts of the contradictions too: depends_on's trials check the values they try against them
        out = {"decision_date", "request.requesting_state", *CONSISTENCY_FACTS}
        for s in self.fact_slots:
            out.add(s.list_path or s.path)
            if s.spec.asked_when is not None:
                out.add(s.spec.asked_when[0])
        return frozenset(out)

    def in_force(self, day: np.ndarray) -> np.ndarray:
        out = np.zeros((len(self.grounds), len(day)), bool)
        for i, p in enumerate(self.provisions):
            for v in p.versions:
                ok = np.ones(len(day), bool)
                if v.valid_from is not None:
                    ok &= day >= day_number(v.valid_from)
                if v.valid_until is not None:
                    ok &= day < day_number(v.valid_until)
                out[i] |= ok
        return out

    def ground_values(self, i: int, interp: Interpreter, frame: Frame, day: np.ndarray) -> np.ndarray:
        """Ground `i` on every row of `frame`: the test of the version in force on the row's decision day
        `day` (a day with no version in force takes the first test: its value counts for nothing)."""
        g = self.grounds[i]
        if not self.spans[i]:
            return interp.condition(g.test, frame)
        which = np.zeros(len(day), np.int64)
        for n, start, end in self.spans[i]:
            rows = np.ones(len(day), bool)
            if start is not None:
                rows &= day >= start
            if end is not None:
                rows &= day < end
            which[rows] = n
        out = np.empty(len(day), np.int8)
        for n in np.unique(which).tolist():
            rows = which == n
            out[rows] = interp.condition(g.tests[n], frame)[rows]
        return out

    def outcome(self, values: np.ndarray, in_force: np.ndarray) -> np.ndarray:
        eff = np.where(in_force, values, FALSE)  # a ground not in force counts for nothing
        n = values.shape[1]
        bars = eff[self.bars].max(axis=0) if self.bars.any() else np.zeros(n, np.int8)
        refusals = eff[self.refusals].max(axis=0) if self.refusals.any() else np.zeros(n, np.int8)
        return np.select(
            [bars == TRUE, bars == UNKNOWN, refusals == TRUE, refusals == UNKNOWN],
            [BARRED, UNDETERMINED, MAY_REFUSE, UNDETERMINED],
            PERMITTED,
        ).astype(np.uint8)

    def evaluate(
        self, table: Table, readings: Mapping[str, str] | None = None, *, depends: bool = True
    ) -> BatchResult:
        """Every ground, the outcome and (unless `depends` is False) depends_on for every row.

        Rows must be valid cases with decision dates on or after the law data's horizon (`arrow_cases`
        checks both and sends other rows to the single-case path).
        """
        rd = self.evaluator.resolve_readings(readings)
        interp = Interpreter(rd)
        frame = interp.top(table)
        values = np.empty((len(self.grounds), table.n), np.int8)
        for i in range(len(self.grounds)):
            values[i] = self.ground_values(i, interp, frame, table.decision_date.data)
        in_force = self.in_force(table.decision_date.data)
        outcome = self.outcome(values, in_force)
        rows, paths = np.zeros(0, np.int64), list[str]()
        if depends:
            rows, paths = self._depends(table, interp, frame, values, in_force, outcome)
        return BatchResult(values, in_force, outcome, rows, paths)

    # --- depends_on -------------------------------------------------------------------------------------

    def _any_change(
        self,
        interp: Interpreter,
        trial: Table,
        memo: dict[int, Col],
        tiled: np.ndarray,
        slot: Slot,
        touched: Sequence[int],
        values: np.ndarray,
        in_force: np.ndarray,
        k: int,
        m: int,
    ) -> np.ndarray:
        """For each of the `m` rows, whether any of its `k` candidates (the trial rows `tiled`, candidate by
        candidate: trial row j * m + i is candidate j of row i) changes the outcome: the ending every `_try_*`
        shares.

        A row is in depends_on as soon as one candidate changes its outcome, as the single-case search stops
        at the first value that does: with many candidates (dates, numbers, lists), the first few are tried
        on every row and the others only on the rows none of those changed (the first one or two decide most
        rows; a representative list is found at its first item in nearly every row, out of 129)."""
        rows = tiled[:m]
        # the part of the outcome the grounds that do not read the fact hold, per row: it stays as it is
        untouched = np.ones(len(self.grounds), bool)
        untouched[list(touched)] = False
        eff = np.where(in_force[:, rows], values[:, rows], FALSE)
        rest = (_most(eff[self.bars & untouched], m), _most(eff[self.refusals & untouched], m))
        ending = (interp, trial, memo, tiled, slot, touched, values, in_force, rest, m)
        if k <= 2 * FIRST_TRIED:
            return np.asarray(self._changes(*ending, np.arange(k * m)).reshape(k, m).any(axis=0))
        found = np.asarray(
            self._changes(*ending, np.arange(FIRST_TRIED * m)).reshape(FIRST_TRIED, m).any(axis=0)
        )
        open_rows = np.flatnonzero(~found)
        if len(open_rows):
            later = (np.arange(FIRST_TRIED, k)[:, None] * m + open_rows).ravel()
            changed = self._changes(*ending, later)
            found[open_rows] = changed.reshape(k - FIRST_TRIED, len(open_rows)).any(axis=0)
        return found

    def _changes(
        self,
        interp: Interpreter,
        trial: Table,
        memo: dict[int, Col],
        tiled: np.ndarray,
        slot: Slot,
        touched: Sequence[int],
        values: np.ndarray,
        in_force: np.ndarray,
        rest: tuple[np.ndarray, np.ndarray],
        m: int,
        sel: np.ndarray,
    ) -> np.ndarray:
        """Whether the outcome of each trial row of `sel` differs from undetermined once the touched grounds
        that were unknown are recomputed (`rest`: what the other grounds hold, bars and refusals, per row of
        the m). A tried value that contradicts what the row says is no possible answer: it changes nothing
        (as in `search.unknowns`).

        The outcome is `outcome`'s over the grounds, in two parts: only the touched grounds are gathered for
        the trial rows, not all of them, since the others are the same for every candidate of a row."""
        if len(sel) < len(tiled):
            trial = trial.take(sel)
        rows = tiled[sel]
        frame = interp.top(trial, Base(memo, rows, slot.path))
        bars, refusals = rest[0][sel % m], rest[1][sel % m]
        for i in touched:
            value, force = values[i, rows], in_force[i, rows]
            open_ = force & (value == UNKNOWN)
            if open_.any():
                value = np.where(open_, self.ground_values(i, interp, frame, trial.decision_date.data), value)
            if self.bars[i] or self.refusals[i]:
                into = bars if self.bars[i] else refusals
                np.maximum(into, np.where(force, value, FALSE), out=into)
        # not undetermined, as `outcome` reads the bars and the refusals
        changed = (bars == TRUE) | ((bars == FALSE) & (refusals != UNKNOWN))
        fact = list_of(slot.path)
        if fact in CONSISTENCY_FACTS:
            changed &= ~contradicting(trial.scalars, trial.lists, trial.decision_date.data, reading=fact)
        return changed

    def _depends(
        self,
        table: Table,
        interp: Interpreter,
        frame: Frame,
        values: np.ndarray,
        in_force: np.ndarray,
        outcome: np.ndarray,
    ) -> tuple[np.ndarray, list[str]]:
        """`frame`: the evaluation of the grounds on `table`, whose nodes the trials reuse."""
        memo = frame.memo
        undetermined = outcome == UNDETERMINED
        open_ = in_force & (values == UNKNOWN)
        found_rows: list[np.ndarray] = []
        found_keys: list[np.ndarray] = []
        found_paths: list[list[str]] = []
        if not undetermined.any():
            return np.zeros(0, np.int64), []
        for slot in self.fact_slots:
            touched = [i for i, r in enumerate(self.refs) if slot.path in r]
            if not touched:
                continue
            reads_open = open_[touched].any(axis=0) & undetermined
            if slot.list_path is None and slot.spec.kind != "list":
                rows = reads_open & ~table.scalars[slot.path].known
                if slot.spec.asked_when is not None:  # `unknown_paths` asks this only in some cases
                    other, value = slot.spec.asked_when
                    rows &= interp.condition(E.Is(E.Field(other), (value,)), frame) == TRUE
                derived = self.evaluator.derived.get(slot.path)
                if derived is not None:  # null means "derived": unknown only where the derivation is
                    # (a node of a ground's rule: already computed in `frame`)
                    rows &= interp.condition(derived, frame) == UNKNOWN
                rows = np.flatnonzero(rows)
                if len(rows) == 0 or slot.spec.open_bound:
                    continue
                changed = self._try_scalar(table, interp, memo, slot, rows, touched, values, in_force)
                hit = rows[changed]
                found_rows.append(hit)
                found_keys.append(np.full(len(hit), slot.order * 2**32, np.int64))
                found_paths.append([slot.path] * len(hit))
            elif slot.list_path is None:
                rows = np.flatnonzero(reads_open & ~table.lists[slot.path].known)
                if len(rows) == 0:
                    continue
                changed = self._try_list(table, interp, memo, slot, rows, touched, values, in_force)
                hit = rows[changed]
                found_rows.append(hit)
                found_keys.append(np.full(len(hit), slot.order * 2**32, np.int64))
                found_paths.append([slot.path] * len(hit))
            else:
                if slot.spec.open_bound:
                    continue
                assert slot.list_path is not None and slot.key is not None  # not a whole fact: an item field
                lc = table.lists[slot.list_path]
                parent = np.repeat(np.arange(table.n, dtype=np.int64), lc.lengths)
                items = np.flatnonzero(~lc.items[slot.key].known & reads_open[parent])
                if len(items) == 0:
                    continue
                changed = self._try_item(table, interp, memo, slot, items, parent, touched, values, in_force)
                hit = items[changed]
                index = hit - lc.offsets[parent[hit]]
                found_rows.append(parent[hit])
                found_keys.append(slot.order * 2**32 + index * 64 + slot.field_order)
                found_paths.append([f"{slot.list_path}[{i}].{slot.key}" for i in index.tolist()])
        if not found_rows:
            return np.zeros(0, np.int64), []
        rows = np.concatenate(found_rows)
        keys = np.concatenate(found_keys)
        paths = [p for ps in found_paths for p in ps]
        order = np.lexsort((keys, rows))
        return rows[order], [paths[i] for i in order.tolist()]

    def _candidate_keys(
        self, table: Table, rows: np.ndarray, with_state: bool
    ) -> tuple[np.ndarray, list[Case]]:
        """Stand-in cases for the candidate values: one per distinct decision date (and requesting state, which
        list candidates read), and for each row the index of its stand-in."""
        day = table.decision_date.data[rows].astype(np.int64)
        key = day * 1024
        state = table.scalars.get("request.requesting_state")
        if with_state and state is not None:
            key = key + np.where(state.known[rows], state.data[rows], -1) + 1
        uniq, inverse = np.unique(key, return_inverse=True)
        stubs = []
        for k in uniq.tolist():
            d, s = divmod(k, 1024)
            facts: dict[str, Any] = {"request.requesting_state": None}
            if with_state and state is not None and s > 0:
                facts["request.requesting_state"] = state.vocab[s - 1]
            day_ = dt.date(1970, 1, 1) + dt.timedelta(days=d)
            facts["decision_date"] = day_
            stubs.append(Case(facts, day_, {}))
        return inverse.reshape(-1), stubs

    def _candidate_cols(
        self, slot: Slot, like: Col, rows_inverse: np.ndarray, stubs: list[Case], concrete: str
    ) -> list[Col]:
        """Candidate j of the fact, per row, as columns shaped like `like`."""
        per_stub = [self.evaluator.candidates.values(concrete, s) for s in stubs]
        # values equivalent on one decision date are tried once (`Candidates._distinct`), so their number
        # may differ between dates: a shorter set is filled up with its last value, tried again to no effect
        k = max(len(c) for c in per_stub)
        per_stub = [c + c[-1:] * (k - len(c)) for c in per_stub]
        out = []
        for j in range(k):
            col = encode(like.kind, [c[j] for c in per_stub], like.vocab)
            out.append(col.take(rows_inverse))
        return out

    def _try_scalar(
        self,
        table: Table,
        interp: Interpreter,
        memo: dict[int, Col],
        slot: Slot,
        rows: np.ndarray,
        touched: list[int],
        values: np.ndarray,
        in_force: np.ndarray,
    ) -> np.ndarray:
        # every candidate at once: the rows are repeated once per candidate (one evaluation, not K)
        inverse, stubs = self._candidate_keys(table, rows, with_state=False)
        col = table.scalars[slot.path]
        cands = self._candidate_cols(slot, col, inverse, stubs, slot.path)
        k, m = len(cands), len(rows)
        if k == 0:
            return np.zeros(m, bool)
        tiled = np.tile(rows, k)
        trial = table.take(tiled)
        trial = trial.with_scalar(
            slot.path, trial.scalars[slot.path].put(np.arange(k * m), concat_cols(cands))
        )
        return self._any_change(interp, trial, memo, tiled, slot, touched, values, in_force, k, m)

    def _try_list(
        self,
        table: Table,
        interp: Interpreter,
        memo: dict[int, Col],
        slot: Slot,
        rows: np.ndarray,
        touched: list[int],
        values: np.ndarray,
        in_force: np.ndarray,
    ) -> np.ndarray:
        lc = table.lists[slot.path]
        # the requesting state is read by the values of a list's country fields only (`candidates._item_values`)
        with_state = any(f.kind == "country" for f in slot.spec.fields.values())
        inverse, stubs = self._candidate_keys(table, rows, with_state=with_state)
        per_stub = [self.evaluator.candidates.values(slot.path, s) for s in stubs]
        k, m = len(per_stub[0]), len(rows)
        if k == 0:
            return np.zeros(m, bool)
        lengths: list[Any] = []
        picks: list[Any] = []
        flat: list[Any] = []  # every item of every candidate list of every stand-in case
        for j in range(k):
            lists = [c[j] for c in per_stub]
            length = len(lists[0])
            if any(len(x) != length for x in lists):
                raise AssertionError(f"list candidates for {slot.path} differ in length between cases")
            lengths.append(np.full(m, length, np.int64))
            # item p of row r is item p of the candidate list of the row's stand-in case
            picks.append(len(flat) + np.repeat(inverse, length) * length + np.tile(np.arange(length), m))
            flat.extend(x[p] for x in lists for p in range(length))
        offsets = np.zeros(k * m + 1, np.int64)
        np.cumsum(np.concatenate(lengths), out=offsets[1:])
        tiled = np.tile(rows, k)
        pick = np.concatenate(picks).astype(np.int64)
        items = {
            key: encode(col.kind, [item[key] for item in flat], col.vocab).take(pick)
            for key, col in lc.items.items()
        }
        trial = table.take(tiled).with_list(slot.path, ListCol(offsets, np.ones(k * m, bool), items))
        return self._any_change(interp, trial, memo, tiled, slot, touched, values, in_force, k, m)

    def _try_item(
        self,
        table: Table,
        interp: Interpreter,
        memo: dict[int, Col],
        slot: Slot,
        items: np.ndarray,
        parent: np.ndarray,
        touched: list[int],
        values: np.ndarray,
        in_force: np.ndarray,
    ) -> np.ndarray:
        assert slot.list_path is not None and slot.key is not None
        rows = parent[items]
        lc = table.lists[slot.list_path]
        # an item field's values depend on the decision date only (a country field gets none to try)
        inverse, stubs = self._candidate_keys(table, rows, with_state=False)
        concrete = f"{slot.list_path}[0].{slot.key}"
        cands = self._candidate_cols(slot, lc.items[slot.key], inverse, stubs, concrete)
        k, m = len(cands), len(items)
        if k == 0:
            return np.zeros(m, bool)
        tiled = np.tile(rows, k)
        trial = table.take(tiled)
        sub_lc = trial.lists[slot.list_path]
        pos = sub_lc.offsets[:-1] + np.tile(items - lc.offsets[rows], k)  # the item in the gathered table
        new_lc = ListCol(
            sub_lc.offsets,
            sub_lc.known,
            Replaced(sub_lc.items, slot.key, sub_lc.items[slot.key].put(pos, concat_cols(cands))),
        )
        trial = trial.with_list(slot.list_path, new_lc)
        return self._any_change(interp, trial, memo, tiled, slot, touched, values, in_force, k, m)


def kind_for(path: str) -> str:
    from extrashield.facts.case import spec_at

    return kind_of_spec(spec_at(path))
