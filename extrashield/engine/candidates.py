"""Values to try for an unknown fact, to find out whether learning it could change the outcome.

The values come from the rules themselves (`Candidates(exprs)`, one per evaluator; the batch engine tries
the same ones): both truth values and every enumeration value; numbers at, between and on either side of
every number the rules compare a number with; dates on either side of the decision date, of every
anniversary the rules compare with it (a fact plus N years against the decision date: a limitation period,
an age), of every fixed date they compare a date with, and of the known date another fact is compared with
(a contract's end against its start plus a year); and representative lists. A rule with a new threshold
brings its own values: no list here to keep up to date.

Each kind of fact gets the values of every comparison of that kind in the rules, not only those of its own
path: whether a value is possible also depends on other facts (the order of dates, in the consistency
check), and the spread of all the rules' values covers more of them than a fact's own thresholds alone.
Of values that every comparison of the rules reading the fact takes the same way, only the first is tried
(`Candidates._distinct`: they cannot lead to different outcomes), unless the consistency check reads the
fact or a rule compares it with another fact.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extrashield.engine import expr as E
from extrashield.facts import paths
from extrashield.facts.case import CONSISTENCY_FACTS, ONGOING, Case, Spec, spec_at
from extrashield.facts.dates import add_years, shift


@dataclass(frozen=True)
class Thresholds:
    """What the rules compare facts with: numbers, whole years before the decision date (0: the decision
    date itself; a fact plus N years against the decision date gives N), fixed dates, and other facts:
    (fact, other fact, N) where the fact is compared with the other plus N years (abstract paths; an item
    field with a field of the same item)."""

    numbers: tuple[float, ...] = ()
    years: tuple[int, ...] = ()
    dates: tuple[dt.date, ...] = ()
    relative: tuple[tuple[str, str, int], ...] = ()


# One side of a comparison: a fact (its abstract path) or the decision date, plus whole years; or a constant.
_Fact = tuple[str, int]  # (path, years added)
_DECISION = "decision_date"


def thresholds(exprs: Iterable[E.Expr]) -> Thresholds:
    """The values the rules `exprs` compare facts with. A comparison the walk cannot read raises, so that
    no rule's threshold is left out unnoticed."""
    numbers: set[float] = set()
    years: set[int] = {0}  # the decision date itself: every date is tried on either side of it
    dates: set[dt.date] = set()
    relative: set[tuple[str, str, int]] = set()

    def side(e: E.Expr, in_list: str | None) -> list[_Fact | E.Const]:
        if isinstance(e, E.Field):
            return [(e.path, 0)]
        if isinstance(e, E.Item) and in_list is not None:
            return [(f"{in_list}{paths.EVERY}.{e.key}", 0)]
        if isinstance(e, E.Const):
            return [e]
        if isinstance(e, E.AddYears) and isinstance(e.years, E.Const):
            years = int(e.years.value)
            return [s if isinstance(s, E.Const) else (s[0], s[1] + years) for s in side(e.day, in_list)]
        if isinstance(e, E.Choose):
            return [s for _, b in e.branches for s in side(b, in_list)]
        if isinstance(e, E.Cond):
            return side(e.x, in_list)
        raise ValueError(
            f"the search for depends_on cannot read the comparison operand {e!r}: teach engine/candidates.py "
            "which values it compares"
        )

    def compare(a: _Fact | E.Const, b: _Fact | E.Const) -> None:
        for x, y in ((a, b), (b, a)):
            if isinstance(x, E.Const) or x[0] == _DECISION:
                continue  # a constant, or the decision date (never unknown): nothing to try
            path, plus = x
            if isinstance(y, E.Const):
                value = y.value
                if isinstance(value, dt.date):
                    dates.add(add_years(value, -plus))  # fact + plus years against a date
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    numbers.add(value)
            elif y[0] == _DECISION:
                years.add(plus - y[1])  # fact + plus years against the decision date + y[1] years
            else:
                relative.add((path, y[0], y[1] - plus))  # fact + plus years against another fact + y[1] years

    def walk(e: E.Expr, in_list: str | None) -> None:
        if isinstance(e, E.Cmp):
            for a in side(e.a, in_list):
                for b in side(e.b, in_list):
                    compare(a, b)
        elif isinstance(e, E.Is):
            for s in side(e.x, in_list):
                if not isinstance(s, E.Const) and s[0] != _DECISION:
                    for v in e.values:
                        compare(s, E.Const(v))
        inner = e.path if isinstance(e, E.Any_) else in_list
        for c in e.children():
            walk(c, inner)

    for root in exprs:
        walk(root, None)
    return Thresholds(
        tuple(sorted(numbers)),
        tuple(sorted(years)),
        tuple(sorted(dates)),
        tuple(sorted(relative)),
    )


# How the rules read a fact's value (not only whether it is known): compared with `op` against a constant
# or the decision date plus years, the fact (plus years) on the left or the right; or tested with `Is`.
_Observation = tuple[str, bool, int, Any]  # (op or "is", fact on the left, years added, other side)
_INEXACT = -(10**6)  # years added in two steps: not one shift of the fact


def observations(exprs: Iterable[E.Expr]) -> dict[str, tuple[_Observation, ...] | None]:
    """For each fact the rules compare (abstract path), every comparison and `Is` test that reads its value,
    under every version and every reading (each branch of a `Choose`); None for a fact compared with another
    fact, whose outcome depends on that other fact's value too. The walk is `thresholds`'s: an operand it
    cannot read raises there."""
    out: dict[str, list[_Observation] | None] = {}

    def side(e: E.Expr, in_list: str | None) -> list[_Fact | E.Const]:
        if isinstance(e, E.Field):
            return [(e.path, 0)]
        if isinstance(e, E.Item) and in_list is not None:
            return [(f"{in_list}{paths.EVERY}.{e.key}", 0)]
        if isinstance(e, E.AddYears) and isinstance(e.years, E.Const):
            # years added twice are not their sum added once (29 February 2024 + 1 + 3 is 28 February 2028,
            # + 4 is 29 February): such a fact is not read here (`_INEXACT`), and keeps every value
            years = int(e.years.value)
            return [
                s if isinstance(s, E.Const) else (s[0], s[1] + years if s[1] == 0 else _INEXACT)
                for s in side(e.day, in_list)
            ]
        if isinstance(e, E.Choose):
            return [s for _, b in e.branches for s in side(b, in_list)]
        if isinstance(e, E.Cond):
            return side(e.x, in_list)
        return [e] if isinstance(e, E.Const) else []  # (`thresholds` refuses any other operand)

    def note(x: _Fact | E.Const, obs: _Observation | None) -> None:
        if isinstance(x, E.Const) or x[0] == _DECISION:
            return
        seen = out.setdefault(x[0], [])
        if seen is None:
            return
        if obs is None or x[1] == _INEXACT:
            out[x[0]] = None
        else:
            seen.append(obs)

    def other(y: _Fact | E.Const) -> Any:
        if isinstance(y, E.Const):
            return y
        return (_DECISION, y[1]) if y[0] == _DECISION and y[1] != _INEXACT else None

    def walk(e: E.Expr, in_list: str | None) -> None:
        if isinstance(e, E.Cmp):
            for a in side(e.a, in_list):
                for b in side(e.b, in_list):
                    for x, y, left in ((a, b, True), (b, a, False)):
                        if not isinstance(x, E.Const):
                            o = other(y)
                            note(x, None if o is None else (e.op, left, x[1], o))
        elif isinstance(e, E.Is):
            for x in side(e.x, in_list):
                if not isinstance(x, E.Const):
                    note(x, ("is", True, x[1], e.values))
        inner = e.path if isinstance(e, E.Any_) else in_list
        for c in e.children():
            walk(c, inner)

    for root in exprs:
        walk(root, None)
    # (a test met under several versions or readings is listed once)
    return {k: None if v is None else tuple(dict.fromkeys(v)) for k, v in out.items()}


_OPS: dict[str, Any] = {
    "<": lambda x, y: x < y,
    "<=": lambda x, y: x <= y,
    ">": lambda x, y: x > y,
    ">=": lambda x, y: x >= y,
    "==": lambda x, y: x == y,
}


def _signature(value: Any, seen: tuple[_Observation, ...], day: dt.date) -> tuple[Any, ...]:
    """What the observations `seen` of a fact make of `value` on the decision date `day`, computed as the
    rules compute them (`expr.Cmp`, `expr.Is`, `expr.AddYears`). Only dates and numbers are told apart by
    it; any other value (the text "ongoing") is its own signature."""
    if isinstance(value, bool) or not isinstance(value, dt.date | int | float):
        return ("value", value)
    out: list[Any] = [type(value) is dt.date]
    for op, left, plus, other in seen:
        x: Any = value
        if plus:
            if not isinstance(value, dt.date):
                return ("value", value)
            x = add_years(value, plus)
        if op == "is":
            only = other[0] if len(other) == 1 else None
            out.append(x == only and type(x) is type(only) if len(other) == 1 else x in other)
            continue
        y = other.value if isinstance(other, E.Const) else add_years(day, other[1])
        if y is None or type(y) is str:
            out.append(None)
        else:
            out.append(_OPS[op](x, y) if left else _OPS[op](y, x))
    return tuple(out)


def _number_values(thresholds: tuple[float, ...]) -> tuple[float, ...]:
    """Each threshold, a value between each two, one below the lowest and one above the highest: a value on
    either side of, and at, every threshold, whatever the comparison."""
    if not thresholds:
        return (1,)  # read, but compared with nothing: known or unknown is all that can matter
    out: list[float] = []
    if thresholds[0] > 0:
        out.append(thresholds[0] / 2)
    for low, high in itertools.pairwise(thresholds):
        out += [low, (low + high) / 2]
    out += [thresholds[-1], thresholds[-1] * 1.5 if thresholds[-1] > 0 else 1]
    return tuple(out)


class Candidates:
    """The values tried for the unknown facts the rules `exprs` read."""

    def __init__(self, exprs: Iterable[E.Expr]) -> None:
        exprs = list(exprs)
        self.thresholds = thresholds(exprs)
        self.numbers = _number_values(self.thresholds.numbers)
        # the facts whose equivalent values are tried once (`_distinct`): not compared with another fact,
        # not read by the consistency check (hand-written code, whose comparisons no walk can see)
        self.observed = {
            path: seen
            for path, seen in observations(exprs).items()
            if seen is not None and paths.list_of(path) not in CONSISTENCY_FACTS
        }
        self._kept: dict[tuple[str, dt.date], list[Any]] = {}

    def _distinct(self, path: str, values: list[Any], case: Case) -> list[Any]:
        """`values` less those equivalent to an earlier one: for a fact in `observed`, two values that every
        comparison and `Is` test of the rules that reads the fact (`observations`) takes the same way give
        the same value to each of those nodes, hence to every node above them (a node's value is a function
        of its children's), hence the same outcome: trying both is trying one of them twice. The rules read a
        date or a number in no other way: as an operand, only through Cmp, Is and AddYears (`thresholds`
        refuses any other), and otherwise only whether it is known (IsNull, IfNull), which every value is.
        tests/core/test_candidates.py checks the single-case search against trying every value.

        The values of such a fact depend on its path and the decision date only (no other fact is compared
        with it), so each set is worked out once per decision date and kept (the search asks for them for
        every case, the batch engine for every batch)."""
        abstract = paths.abstract(path)
        seen = self.observed.get(abstract)
        if seen is None:
            return values
        key = (abstract, case.decision_date)
        hit = self._kept.get(key)
        if hit is None:
            kept: dict[tuple[Any, ...], Any] = {}
            for v in values:
                kept.setdefault(_signature(v, seen, case.decision_date), v)
            if len(self._kept) >= 4096:  # a long-running server meets many decision dates
                self._kept.clear()
            hit = self._kept[key] = list(kept.values())
        return list(hit)

    def _dates(self, path: str, case: Case) -> list[dt.date]:
        # held within the calendar: every case gets the same number of values (the batch engine relies on
        # it; it refuses rules that compare two facts, whose values depend on the case)
        day = case.decision_date
        out = []
        for years in self.thresholds.years:
            edge = add_years(day, -years)
            out += [shift(edge, -1), edge, shift(edge, 1)]
        for edge in self.thresholds.dates:
            out += [shift(edge, -1), edge, shift(edge, 1)]
        for edge in self._relative(path, case):
            out += [shift(edge, -1), edge, shift(edge, 1)]
        return out

    def _relative(self, path: str, case: Case) -> list[dt.date]:
        """The known dates of the other facts the fact at `path` is compared with, plus the years between."""
        if not self.thresholds.relative:
            return []
        place = paths.item(path)  # an item field: its partners are fields of the same item
        abstract = paths.abstract(path)
        out = []
        for fact, other, years in self.thresholds.relative:
            if fact != abstract:
                continue
            if paths.EVERY in other:
                other_list, other_key = other.split(paths.EVERY + ".", 1)
                if place is None or other_list != place[0]:
                    continue  # a field of some other item: no one value to try
                value = case.facts[other_list][place[1]][other_key]
            else:
                value = case.facts.get(other)
            if isinstance(value, dt.date):
                out.append(add_years(value, years))
        return out

    def values(self, path: str, case: Case, read: frozenset[str] | None = None) -> list[Any]:
        """The values to try for the unknown fact at `path` (a concrete path).

        For an unknown list, items vary only in the fields the rules read (`read` holds paths such as
        ``person.military_service[*].combat``); the others stay unknown, which keeps the set small."""
        spec = spec_at(path)
        kind = spec.kind
        if kind == "bool":
            return [True, False]
        if kind == "enum":
            return list(spec.values)
        if kind == "date":
            return self._distinct(path, self._dates(path, case), case)
        if kind == "date_or_ongoing":
            return self._distinct(path, [ONGOING, *self._dates(path, case)], case)
        if kind == "number":
            numbers = [n for n in self.numbers if spec.maximum is None or n <= spec.maximum]
            return self._distinct(path, numbers, case)
        if kind == "list":
            names = list(spec.fields)
            choices = [
                _item_values(spec.fields[n], case)
                if read is None or f"{path}{paths.EVERY}.{n}" in read or spec.fields[n].required
                else [None]
                for n in names
            ]
            lists: list[Any] = [()]
            for combo in itertools.product(*choices):
                lists.append((dict(zip(names, combo)),))
            return lists
        return []  # free text, names and countries outside lists decide nothing


def _item_values(spec: Spec, case: Case) -> list[Any]:
    """The values of a field in the one item of a representative list: a few, not every threshold (the
    product over the fields of an item would be too large to try)."""
    day = case.decision_date
    if spec.kind == "bool":
        return [True, False]
    if spec.kind == "enum":
        return list(spec.values)
    if spec.kind == "country":
        other = case.facts.get("request.requesting_state") or "US"
        return ["RU", other if other != "RU" else "US"]
    if spec.kind == "date":
        return [None] if spec.open_bound else [shift(day, -400)]
    if spec.kind == "date_or_ongoing":
        return [ONGOING, shift(day, -1)]
    if spec.kind == "number":
        return [1, 15]
    return [None]


def substitute(facts: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `facts` with the fact at the concrete `path` set to `value`."""
    out = dict(facts)
    place = paths.item(path)
    if place is None:
        out[path] = value
        return out
    list_path, index, key = place
    items = list(out[list_path])
    items[index] = {**items[index], key: value}
    out[list_path] = tuple(items)
    return out
