"""Rule expressions: one definition of each legal test, evaluated on one case or on a column batch.

A rule is a tree of these nodes. `fn(readings)` compiles it into a closure over one case; the batch
engine (`extrashield.engine.vector.interpreter`) interprets the same tree over numpy columns. Values follow Kleene's
three-valued logic: True, False and None (unknown). Readings (named interpretations of the law) are
resolved when the tree is compiled, so a compiled rule is specific to one set of readings.

Closures take ``(F, it, T)``: the case's flat facts, the current list item as ``(index, item)`` (or None),
and a trace list that labelled conditions (`Cond`) append to (or None when no explanation is wanted).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from extrashield.facts.dates import add_years

Fn = Callable[[Mapping[str, Any], Any, Any], Any]
Readings = Mapping[str, str]


class Expr:
    def fn(self, rd: Readings) -> Fn:  # pragma: no cover - abstract
        raise NotImplementedError

    def refs(self) -> frozenset[str]:
        """The facts this expression reads: paths, with ``[*].key`` for list items."""
        return frozenset()

    def readings(self) -> frozenset[str]:
        """The reading keys this expression depends on."""
        out: frozenset[str] = frozenset()
        for c in self.children():
            out |= c.readings()
        return out

    def children(self) -> tuple[Expr, ...]:
        return ()


@dataclass(frozen=True)
class Field(Expr):
    """A fact of the case by its path, e.g. ``person.stateless``."""

    path: str

    def fn(self, rd: Readings) -> Fn:
        path = self.path
        return lambda F, it, T: F[path]

    def refs(self) -> frozenset[str]:
        return frozenset({self.path})


@dataclass(frozen=True)
class Item(Expr):
    """A field of the current list item (inside `Any`)."""

    key: str

    def fn(self, rd: Readings) -> Fn:
        key = self.key
        return lambda F, it, T: it[1][key]

    def refs(self) -> frozenset[str]:
        return frozenset({"[*]." + self.key})


@dataclass(frozen=True)
class Const(Expr):
    value: Any

    def fn(self, rd: Readings) -> Fn:
        v = self.value
        return lambda F, it, T: v


UNKNOWN = Const(None)
DECISION_DATE = Field("decision_date")


@dataclass(frozen=True)
class IsNull(Expr):
    """Definitely true or false: the value is absent. For open bounds, where null is known."""

    x: Expr

    def fn(self, rd: Readings) -> Fn:
        g = self.x.fn(rd)
        return lambda F, it, T: g(F, it, T) is None

    def refs(self) -> frozenset[str]:
        return self.x.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.x,)


@dataclass(frozen=True)
class Is(Expr):
    """The value is one of `values`; unknown when the value is unknown."""

    x: Expr
    values: tuple[Any, ...]

    def fn(self, rd: Readings) -> Fn:
        g, values = self.x.fn(rd), self.values
        if len(values) == 1:
            only = values[0]

            def one(F: Mapping[str, Any], it: Any, T: Any) -> Any:
                v = g(F, it, T)
                return None if v is None else v == only and type(v) is type(only)

            return one

        def many(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            v = g(F, it, T)
            return None if v is None else v in values

        return many

    def refs(self) -> frozenset[str]:
        return self.x.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.x,)


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Cmp(Expr):
    """Compare two numbers or two dates; unknown if either is unknown (or not of a comparable kind)."""

    op: str
    a: Expr
    b: Expr

    def fn(self, rd: Readings) -> Fn:
        ga, gb, op = self.a.fn(rd), self.b.fn(rd), _OPS[self.op]

        def cmp(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            x = ga(F, it, T)
            y = gb(F, it, T)
            if x is None or y is None or type(x) is str or type(y) is str:
                return None
            return op(x, y)

        return cmp

    def refs(self) -> frozenset[str]:
        return self.a.refs() | self.b.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.a, self.b)


@dataclass(frozen=True)
class And(Expr):
    xs: tuple[Expr, ...]

    def __init__(self, *xs: Expr) -> None:
        object.__setattr__(self, "xs", xs)

    def fn(self, rd: Readings) -> Fn:
        gs = tuple(x.fn(rd) for x in self.xs)

        def and_(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            unknown = False
            for n, g in enumerate(gs):
                v = g(F, it, T)
                if v is False:
                    if T is not None:  # go on, so that the explanation shows every condition
                        for rest in gs[n + 1 :]:
                            rest(F, it, T)
                    return False
                if v is None:
                    unknown = True
            return None if unknown else True

        return and_

    def refs(self) -> frozenset[str]:
        return frozenset().union(*(x.refs() for x in self.xs))

    def children(self) -> tuple[Expr, ...]:
        return self.xs


@dataclass(frozen=True)
class Or(Expr):
    xs: tuple[Expr, ...]

    def __init__(self, *xs: Expr) -> None:
        object.__setattr__(self, "xs", xs)

    def fn(self, rd: Readings) -> Fn:
        gs = tuple(x.fn(rd) for x in self.xs)

        def or_(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            unknown = False
            for n, g in enumerate(gs):
                v = g(F, it, T)
                if v is True:
                    if T is not None:  # go on, so that the explanation shows every condition
                        for rest in gs[n + 1 :]:
                            rest(F, it, T)
                    return True
                if v is None:
                    unknown = True
            return None if unknown else False

        return or_

    def refs(self) -> frozenset[str]:
        return frozenset().union(*(x.refs() for x in self.xs))

    def children(self) -> tuple[Expr, ...]:
        return self.xs


@dataclass(frozen=True)
class Not(Expr):
    x: Expr

    def fn(self, rd: Readings) -> Fn:
        g = self.x.fn(rd)

        def not_(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            v = g(F, it, T)
            return None if v is None else not v

        return not_

    def refs(self) -> frozenset[str]:
        return self.x.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.x,)


@dataclass(frozen=True)
class IfNull(Expr):
    """`then` where `x` is absent (unknown), `otherwise` where it is present. The test is definite.

    With `otherwise` the very node `x` it reads "x, or `then` where x is unknown": x is computed (and its
    conditions explained) once, by every engine."""

    x: Expr
    then: Expr
    otherwise: Expr

    def fn(self, rd: Readings) -> Fn:
        gx, gt = self.x.fn(rd), self.then.fn(rd)
        if self.otherwise is self.x:

            def either(F: Mapping[str, Any], it: Any, T: Any) -> Any:
                v = gx(F, it, T)
                return gt(F, it, T) if v is None else v

            return either
        go = self.otherwise.fn(rd)
        return lambda F, it, T: gt(F, it, T) if gx(F, it, T) is None else go(F, it, T)

    def refs(self) -> frozenset[str]:
        return self.x.refs() | self.then.refs() | self.otherwise.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.x, self.then, self.otherwise)


@dataclass(frozen=True)
class Any_(Expr):
    """Some item of the list at `path` satisfies `pred` (Kleene OR over the items).

    An unknown list gives unknown; an empty list gives false.
    """

    path: str
    pred: Expr

    def fn(self, rd: Readings) -> Fn:
        path, g = self.path, self.pred.fn(rd)

        def any_(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            items = F[path]
            if items is None:
                return None
            unknown = False
            found = False
            for i, item in enumerate(items):
                v = g(F, (i, item, path), T)
                if v is True:
                    found = True
                    if T is None:
                        return True
                elif v is None:
                    unknown = True
            return True if found else (None if unknown else False)

        return any_

    def refs(self) -> frozenset[str]:
        return frozenset({self.path}) | frozenset(
            self.path + r if r.startswith("[*]") else r for r in self.pred.refs()
        )

    def children(self) -> tuple[Expr, ...]:
        return (self.pred,)


@dataclass(frozen=True)
class Choose(Expr):
    """Pick a branch by the value of a reading, when the rule is compiled."""

    key: str
    branches: tuple[tuple[str, Expr], ...]

    def fn(self, rd: Readings) -> Fn:
        return dict(self.branches)[rd[self.key]].fn(rd)

    def refs(self) -> frozenset[str]:
        return frozenset().union(*(e.refs() for _, e in self.branches))

    def readings(self) -> frozenset[str]:
        return super().readings() | {self.key}

    def children(self) -> tuple[Expr, ...]:
        return tuple(e for _, e in self.branches)

    def branch(self, rd: Readings) -> Expr:
        return dict(self.branches)[rd[self.key]]


@dataclass(frozen=True)
class AddYears(Expr):
    """A date plus a whole number of years (29 February falls to 28 February)."""

    day: Expr
    years: Expr

    def fn(self, rd: Readings) -> Fn:
        gd, gy = self.day.fn(rd), self.years.fn(rd)

        def add(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            d, y = gd(F, it, T), gy(F, it, T)
            if d is None or y is None or not isinstance(d, dt.date):
                return None
            return add_years(d, int(y))

        return add

    def refs(self) -> frozenset[str]:
        return self.day.refs() | self.years.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.day, self.years)


@dataclass(frozen=True)
class Cond(Expr):
    """A labelled condition: its value is shown in the explanation with the facts it came from."""

    key: str
    text: str
    x: Expr

    def fn(self, rd: Readings) -> Fn:
        g = self.x.fn(rd)
        # what the explanation shows: whole facts by path, and fields of the current list item
        refs = (
            tuple(sorted(r for r in self.x.refs() if "[*]" not in r)),
            tuple(sorted(r[4:] for r in self.x.refs() if r.startswith("[*].") and "[*]" not in r[4:])),
        )

        def cond(F: Mapping[str, Any], it: Any, T: Any) -> Any:
            if T is None:
                return g(F, it, T)
            slot = len(T)
            T.append(None)  # keep the explanation in reading order: this condition before its parts
            v = g(F, it, T)
            T[slot] = (self, v, None if it is None else (it[0], it[2]), refs)
            return v

        return cond

    def refs(self) -> frozenset[str]:
        return self.x.refs()

    def children(self) -> tuple[Expr, ...]:
        return (self.x,)


def walk(e: Expr) -> list[Expr]:
    out = [e]
    for c in e.children():
        out.extend(walk(c))
    return out


def stated_or_derived(roots: tuple[Expr, ...] | list[Expr]) -> dict[str, Expr]:
    """The facts the rules read only as "the stated value, or else a derivation": `IfNull(Field(p), derived,
    p)` with `p` the field itself or a condition on nothing but it (e.g. `limitation_expired`, derived from
    the offence when null). For such a fact null is not unknown where its derivation is known: the
    derivation is its value (docs/contract.md §3). Returns each such path with its derivation."""
    found: dict[str, Expr] = {}
    uses: dict[str, int] = {}
    for root in roots:
        for node in walk(root):
            if isinstance(node, Field):
                uses[node.path] = uses.get(node.path, 0) + 1
            elif isinstance(node, IfNull) and isinstance(node.x, Field):
                stated = node.otherwise.x if isinstance(node.otherwise, Cond) else node.otherwise
                if stated == node.x and node.x.path not in node.then.refs():
                    found[node.x.path] = node.then
                    uses[node.x.path] = uses.get(node.x.path, 0) - 2  # the test and the stated value
    # a fact also read elsewhere, directly, is an ordinary fact there: null is unknown
    return {path: derived for path, derived in found.items() if uses.get(path, 0) == 0}
