"""Compile a rule expression into straight-line Python source, for speed on one case.

The closures of `Expr.fn` are the reference semantics; this module produces functions with the same
values and the same explanation trace, without a Python call per node (about three times faster). A
property test checks that both agree on random cases (tests/core/test_codegen.py). A node type this
module does not know is evaluated through its closure, so a new node never breaks the fast path.

The generated function is ``f(F, T)``: `F` the case's flat facts, `T` a trace list (or None), exactly
as the closures' ``(F, None, T)``.

A third kind of code explains as it evaluates (`Emitter(..., shown_fact=...)`): each labelled condition
writes its `because` line and its structured `conditions` entry directly, as the answer (answer.py)
would from the trace, without going through the trace. answer.py uses it to build a whole answer in one
generated function; a property test checks it against the trace-based explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from extrashield.engine.expr import (
    AddYears,
    And,
    Any_,
    Choose,
    Cmp,
    Cond,
    Const,
    Expr,
    Field,
    IfNull,
    Is,
    IsNull,
    Item,
    Not,
    Or,
    Readings,
    walk,
)
from extrashield.engine.pysource import PySource
from extrashield.facts.dates import add_years

Compiled = Callable[[Mapping[str, Any], Any], Any]
_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "=="}


def _is_many(v: Any, values: tuple[Any, ...]) -> Any:
    return None if v is None else v in values


# List items (e.g. the third contract) whose condition texts are prepared when the code is generated;
# later items get theirs built when met.
PREPARED_ITEMS = 8
_WORDS = ((True, "true"), (False, "false"), (None, "unknown"))


class ByTruth(dict):  # type: ignore[type-arg]
    """A table keyed by a three-valued result (True, False, None); any other value counts by its truth,
    as `tri.show` words it."""

    def __missing__(self, value: Any) -> Any:
        return self[bool(value)]


def cond_heads(cond: Cond, where: str) -> tuple[ByTruth, ByTruth]:
    """A condition's `because` line without facts ("text [item]: word"), and its start when facts follow
    ("text [item]: word (")."""
    return (
        ByTruth({v: f"{cond.text}{where}: {w}" for v, w in _WORDS}),
        ByTruth({v: f"{cond.text}{where}: {w} (" for v, w in _WORDS}),
    )


ItemTexts = tuple[ByTruth, ByTruth, tuple[tuple[str, str, str, str, str], ...]]


def item_texts(cond: Cond, index: int, list_path: str) -> ItemTexts:
    """A condition's texts on item `index` of `list_path`: its heads, and for each item field it reads,
    `fact_texts` of the field's concrete path."""
    plain, open_ = cond_heads(cond, f" [{list_path.rsplit('.', 1)[-1]}[{index}]]")
    return plain, open_, tuple(fact_texts(f"{list_path}[{index}].{key}") for key in cond_refs(cond)[1])


def fact_texts(path: str) -> tuple[str, str, str, str, str]:
    """A fact's path, the start of its text, and its text when true, false and null, as
    `answer.shown_fact` writes them."""
    return path, f"{path} = ", f"{path} = true", f"{path} = false", null_text(path)


@cache
def null_text(path: str) -> str:
    """How a null fact is shown: unknown, except for an open bound, where null says something known
    (docs/contract.md §3: `asylum_in_russia.ended_on` null is "still in effect")."""
    from extrashield.facts.case import spec_at

    spec = spec_at(path)
    if spec.open_bound:
        meaning = spec.doc.split("absent: ", 1)[1] if "absent: " in spec.doc else "open"
        return f"{path} = none ({meaning})"
    return f"{path} = unknown"


class Emitter(PySource):
    """Writes the code of one function (`source`), expression by expression.

    `traced` evaluates every part of a conjunction or disjunction and every list item, as an explanation
    needs. With `shown_fact` (answer.shown_fact) the code explains as it goes: each `Cond` writes its
    `because` line into the list `B` and its `conditions` entry into `C`, with the facts' texts kept per
    answer in the dict `S`, instead of appending to a trace."""

    def __init__(
        self, rd: Readings, traced: bool, shown_fact: Callable[[str, Any], tuple[str, Any]] | None = None
    ) -> None:
        super().__init__({"_add_years": add_years, "_date_type": dt.date, "_is_many": _is_many})
        self.rd = rd
        self.traced = traced or shown_fact is not None
        self.explained = shown_fact is not None
        if shown_fact is not None:

            def shown_fact_in(S: dict[str, tuple[str, Any]], path: str, value: Any) -> tuple[str, Any]:
                hit = S[path] = shown_fact(path, value)
                return hit

            self.consts.update(_shown_fact_in=shown_fact_in, _item_texts=item_texts, _date=dt.date)
        self.shown: dict[str, tuple[str, str]] = {}  # fact path -> variables of its text and JSON value

    def show_facts(self, d: int, paths: Iterable[str]) -> None:
        """Format these whole facts once, here, for every condition after this point that shows them."""
        for path in paths:
            self.shown[path] = self._fact(d, f"F[{path!r}]", [repr(t) for t in fact_texts(path)])

    def emit(self, e: Expr, d: int, ctx: tuple[str, str, str, str] | None) -> str:
        """Emit code computing `e` at indentation `d`; return the variable holding its value.

        `ctx` is the current list item: (index variable, row variable, list path constant, list path)."""
        v = self.var()
        if isinstance(e, Field):
            self.put(d, f"{v} = F[{e.path!r}]")
        elif isinstance(e, Item):
            assert ctx is not None, "Item outside Any_"
            self.put(d, f"{v} = {ctx[1]}[{e.key!r}]")
        elif isinstance(e, Const):
            self.put(d, f"{v} = {self.const(e.value)}")
        elif isinstance(e, IsNull):
            x = self.emit(e.x, d, ctx)
            self.put(d, f"{v} = {x} is None")
        elif isinstance(e, Is):
            x = self.emit(e.x, d, ctx)
            if e.values == (True,):
                self.put(d, f"{v} = None if {x} is None else {x} is True")
            elif all(isinstance(val, str) for val in e.values):
                self.put(d, f"{v} = None if {x} is None else {x} in {self.const(frozenset(e.values))}")
            else:
                self.put(d, f"{v} = _is_many({x}, {self.const(e.values)})")
        elif isinstance(e, Cmp):
            a = self.emit(e.a, d, ctx)
            b = self.emit(e.b, d, ctx)
            self.put(
                d,
                f"{v} = None if ({a} is None or {b} is None or type({a}) is str or type({b}) is str) "
                f"else {a} {_OPS[e.op]} {b}",
            )
        elif isinstance(e, Not):
            x = self.emit(e.x, d, ctx)
            self.put(d, f"{v} = None if {x} is None else not {x}")
        elif isinstance(e, (And, Or)):
            self._junction(e, v, d, ctx)
        elif isinstance(e, IfNull):
            x = self.emit(e.x, d, ctx)
            self.put(d, f"if {x} is None:")
            t = self.emit(e.then, d + 1, ctx)
            self.put(d + 1, f"{v} = {t}")
            self.put(d, "else:")
            o = x if e.otherwise is e.x else self.emit(e.otherwise, d + 1, ctx)  # "x, or then": x once
            self.put(d + 1, f"{v} = {o}")
        elif isinstance(e, Any_):
            self._any(e, v, d)
        elif isinstance(e, Choose):
            x = self.emit(e.branch(self.rd), d, ctx)
            self.put(d, f"{v} = {x}")
        elif isinstance(e, AddYears):
            a = self.emit(e.day, d, ctx)
            b = self.emit(e.years, d, ctx)
            # `_add` written out: one call fewer in the limitation rules, which depends_on runs often
            self.put(
                d,
                f"{v} = None if ({a} is None or {b} is None or not isinstance({a}, _date_type)) "
                f"else _add_years({a}, int({b}))",
            )
        elif isinstance(e, Cond):
            if self.explained:
                self._explained(e, v, d, ctx)
            elif self.traced:
                slot = self.var("s")
                self.put(d, f"{slot} = len(T)")
                self.put(d, "T.append(None)")
                x = self.emit(e.x, d, ctx)
                item = "None" if ctx is None else f"({ctx[0]}, {ctx[2]})"
                refs = self.const(cond_refs(e))
                self.put(d, f"T[{slot}] = ({self.const(e)}, {x}, {item}, {refs})")
                self.put(d, f"{v} = {x}")
            else:
                x = self.emit(e.x, d, ctx)
                self.put(d, f"{v} = {x}")
        else:  # a node this module does not know: call its closure
            if self.explained:  # its conditions would go to a trace: the caller explains from the trace
                raise NotImplementedError(f"no explained code for {type(e).__name__}")
            fn = self.const(e.fn(self.rd))
            it = "None" if ctx is None else f"({ctx[0]}, {ctx[1]}, {ctx[2]})"
            self.put(d, f"{v} = {fn}(F, {it}, {'T' if self.traced else 'None'})")
        return v

    def _explained(self, e: Cond, v: str, d: int, ctx: tuple[str, str, str, str] | None) -> None:
        """A condition that writes its own explanation: the same texts as answer.explain from a trace."""
        # A condition holding others keeps its place before theirs, as in the trace; a leaf condition
        # (the common case) is simply appended after its value is known.
        nested = _has_cond(e.x)
        if nested:
            slot = self.var("s")
            self.put(d, f"{slot} = len(B)")
            self.put(d, "B.append(None)")
            self.put(d, "C.append(None)")
        x = self.emit(e.x, d, ctx)
        whole, item_keys = cond_refs(e)
        shown: list[tuple[str, str, str]] = []  # (path expression, text variable, JSON value variable)
        if ctx is None:
            plain, open_ = (self.const(h) for h in cond_heads(e, ""))
            item = "None"
        else:
            index, row, _, list_path = ctx
            prepared = self.const(tuple(item_texts(e, i, list_path) for i in range(PREPARED_ITEMS)))
            texts = self.var("t")
            self.put(
                d,
                f"{texts} = {prepared}[{index}] if {index} < {PREPARED_ITEMS} else "
                f"_item_texts({self.const(e)}, {index}, {list_path!r})",
            )
            plain, open_, item = f"{texts}[0]", f"{texts}[1]", index
            for n, key in enumerate(item_keys):
                field = self.var("p")
                self.put(d, f"{field} = {texts}[2][{n}]")
                shown.append(
                    (f"{field}[0]", *self._fact(d, f"{row}[{key!r}]", [f"{field}[{k}]" for k in range(5)]))
                )
        for path in whole:
            hoisted = self.shown.get(path)
            if hoisted is None:  # not formatted up front (`show_facts`): here, for this condition only
                hoisted = self._fact(d, f"F[{path!r}]", [repr(t) for t in fact_texts(path)])
            shown.append((repr(path), *hoisted))
        if shown:  # one f-string: a single allocation for the whole line
            because = "f'{" + f"{open_}[{x}]" + "}" + "; ".join("{" + t + "}" for _, t, _ in shown) + ")'"
        else:
            because = f"{plain}[{x}]"
        facts = "{" + ", ".join(f"{p}: {j}" for p, _, j in shown) + "}"
        condition = f"{{'condition': {e.key!r}, 'item': {item}, 'value': {x}, 'facts': {facts}}}"
        if nested:
            self.put(d, f"B[{slot}] = {because}")
            self.put(d, f"C[{slot}] = {condition}")
        else:
            self.put(d, f"B.append({because})")
            self.put(d, f"C.append({condition})")
        self.put(d, f"{v} = {x}")

    def _fact(self, d: int, value: str, texts: list[str]) -> tuple[str, str]:
        """Code for one fact's text and JSON value (`texts` as from `fact_texts`): true, false, unknown,
        a text and a date written directly; any other value (a list) formatted once per answer in `S`.
        Returns the two variables."""
        text, js, f = self.var("t"), self.var("j"), self.var("f")
        path, start, if_true, if_false, if_unknown = texts
        self.put(d, f"{f} = {value}")
        self.put(d, f"if {f} is True:")
        self.put(d + 1, f"{text} = {if_true}; {js} = True")
        self.put(d, f"elif {f} is False:")
        self.put(d + 1, f"{text} = {if_false}; {js} = False")
        self.put(d, f"elif {f} is None:")
        self.put(d + 1, f"{text} = {if_unknown}; {js} = None")
        self.put(d, f"elif type({f}) is str:")
        self.put(d + 1, f"{text} = {start} + {f}; {js} = {f}")
        self.put(d, f"elif type({f}) is _date:")
        self.put(d + 1, f"{js} = {f}.isoformat(); {text} = {start} + {js}")
        self.put(d, "else:")
        self.put(d + 1, f"{text}, {js} = S.get({path}) or _shown_fact_in(S, {path}, {f})")
        return text, js

    def _junction(self, e: And | Or, v: str, d: int, ctx: tuple[str, str, str, str] | None) -> None:
        stop, rest = (False, True) if isinstance(e, And) else (True, False)
        # An explanation shows every condition, so when tracing every part holding one is evaluated (in
        # order); the parts without any are evaluated only while the value is still open.
        explained = [x for x in e.xs if _has_cond(x)] if self.traced else []
        if explained:
            parts = [self.emit(x, d, ctx) for x in explained]
            self.put(
                d,
                f"{v} = {stop} if ({' or '.join(f'{p} is {stop}' for p in parts)}) else "
                f"(None if ({' or '.join(f'{p} is None' for p in parts)}) else {rest})",
            )
            others = [x for x in e.xs if not _has_cond(x)]
            if not others:
                return
            self.put(d, f"if {v} is not {stop}:")
            d += 1
        else:
            others = list(e.xs)
            self.put(d, f"{v} = {rest}")
        depth = d
        for x in others:
            p = self.emit(x, depth, ctx)
            self.put(depth, f"if {p} is {stop}:")
            self.put(depth + 1, f"{v} = {stop}")
            self.put(depth, "else:")
            self.put(depth + 1, f"if {p} is None:")
            self.put(depth + 2, f"{v} = None")
            depth += 1

    def _any(self, e: Any_, v: str, d: int) -> None:
        items, i, row = self.var("items"), self.var("i"), self.var("row")
        path = self.const(e.path)
        self.put(d, f"{items} = F[{path}]")
        self.put(d, f"if {items} is None:")
        self.put(d + 1, f"{v} = None")
        self.put(d, "else:")
        self.put(d + 1, f"{v} = False")
        self.put(d + 1, f"for {i}, {row} in enumerate({items}):")
        p = self.emit(e.pred, d + 2, (i, row, path, e.path))
        self.put(d + 2, f"if {p} is True:")
        self.put(d + 3, f"{v} = True")
        if not self.traced or not _has_cond(e.pred):  # an explanation shows every item's conditions
            self.put(d + 3, "break")
        self.put(d + 2, f"elif {p} is None and {v} is False:")
        self.put(d + 3, f"{v} = None")


def _has_cond(e: Expr) -> bool:
    """Whether an explanation shows something of `e` (a labelled condition in it)."""
    return any(isinstance(n, Cond) for n in walk(e))


def cond_refs(cond: Cond) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The same (whole facts, item fields) pair that `Cond.fn` records."""
    refs = cond.x.refs()
    return (
        tuple(sorted(r for r in refs if "[*]" not in r)),
        tuple(sorted(r[4:] for r in refs if r.startswith("[*].") and "[*]" not in r[4:])),
    )


def compile_expr(e: Expr, rd: Readings, *, traced: bool) -> Compiled:
    """`f(F, T)`: the value of `e` on the facts `F`, appending to the trace `T` when `traced`."""
    em = Emitter(rd, traced)
    result = em.emit(e, 1, None)
    fn: Compiled = em.define(
        "def compiled(F, T):", f"    return {result}\n", f"<rule {getattr(e, 'key', type(e).__name__)}>"
    )
    return fn


class CompiledRule:
    """A drop-in for `e.fn(rd)`: the same ``(F, it, T)`` signature, generated code inside.

    Each variant (with or without explanation) is generated on its first use: a command that assesses
    one case should not pay for code it never runs. `variant(traced)` hands out the generated
    ``f(F, T)`` itself, so that a hot loop (the evaluator) skips this wrapper."""

    __slots__ = ("_variants", "expr", "rd")

    def __init__(self, e: Expr, rd: Readings) -> None:
        self.expr = e
        self.rd = rd
        self._variants: dict[bool, Compiled] = {}

    def variant(self, traced: bool) -> Compiled:
        fn = self._variants.get(traced)
        if fn is None:
            fn = self._variants[traced] = compile_expr(self.expr, self.rd, traced=traced)
        return fn

    def __call__(self, F: Mapping[str, Any], it: Any, T: Any) -> Any:
        return self.variant(T is not None)(F, T)


def compile_rule(e: Expr, rd: Readings) -> CompiledRule:
    """See `CompiledRule`."""
    return CompiledRule(e, rd)
