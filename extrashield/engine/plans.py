"""What the evaluator keeps per set of readings and per stretch of days between two dates of the law: the
rules compiled for the readings and the day's tests (`ReadingPlan`), and the versions in force with the
uncertain entries into force and the test each ground applies (`DayPlan`). Prepared once per evaluator;
nothing here depends on a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from extrashield.engine.codegen import Compiled, CompiledRule
from extrashield.engine.expr import Expr
from extrashield.engine.grounds import Ground
from extrashield.sources.lawbook import Provision, Reading


class DayPlan:
    """What the law alone says about every day of one stretch between two of its dates: the version of
    each ground in force, whether each term is in force (the verdict's `conditions` after the grounds:
    always), the versions whose entry into force is uncertain on such a day, and the test each term
    applies then."""

    __slots__ = ("day", "in_force", "pending", "stretch", "tests", "variants", "versions")

    def __init__(
        self,
        grounds: Sequence[Ground],
        provisions: Sequence[Provision],
        stretch: int,
        day: dt.date,
        conditions: Sequence[Expr] = (),
    ) -> None:
        self.stretch = stretch  # which stretch between two dates of the law
        self.day = day  # one day of it
        self.versions = tuple(p.version_on(day) for p in provisions)
        self.in_force = tuple(v is not None for v in self.versions) + (True,) * len(conditions)
        # versions not in force on `day` that may already have been (in place of the version in force, if
        # any): (ground index, version)
        self.pending = tuple(
            (i, v)
            for i, p in enumerate(provisions)
            for v in p.versions
            if v.earliest_possible_from and v.valid_from and v.earliest_possible_from <= day < v.valid_from
        )
        # the test of the version in force (engine/dated.py); for a ground not in force, of the version
        # that may already be (its value is needed only to ask about that entry into force); a condition
        # has one test
        maybe = dict(reversed(self.pending))
        self.variants = tuple(
            g.variant(p, self.versions[i] or maybe.get(i))
            for i, (g, p) in enumerate(zip(grounds, provisions))
        ) + (0,) * len(conditions)
        self.tests = tuple(g.tests[n] for g, n in zip(grounds, self.variants)) + tuple(conditions)


class ReadingPlan:
    """The rules compiled for one set of readings and one test per term (`DayPlan.variants`), as the
    generated functions themselves."""

    __slots__ = ("_alternatives", "_traced", "_traced_asked", "key", "refs", "rules", "untraced", "variants")

    def __init__(
        self, key: tuple[str, ...], variants: tuple[int, ...], rules: tuple[CompiledRule, ...]
    ) -> None:
        self.key = key  # the value of each of the evaluator's reading keys
        self.variants = variants  # which test of each term
        self.rules = rules
        self.refs = tuple(frozenset(r.expr.refs()) for r in rules)  # the facts each of these tests reads
        self.untraced: tuple[Compiled, ...] = tuple(r.variant(False) for r in rules)
        self._traced: tuple[Compiled, ...] | None = None
        self._traced_asked = False
        # per reading key: (key, reading, [(other value, grounds that read the key, their rules)])
        self._alternatives: (
            list[tuple[str, Reading, list[tuple[str, tuple[int, ...], tuple[Compiled, ...]]]]] | None
        ) = None

    @property
    def traced(self) -> tuple[Compiled, ...]:
        """The rules that explain. The first time, the closures of the expressions (the reference
        semantics; nothing to compile, which keeps a command that answers once quick); from the second
        time on, generated code."""
        if self._traced is None:
            if not self._traced_asked:
                self._traced_asked = True
                return tuple(_traced_closure(r) for r in self.rules)
            self._traced = tuple(r.variant(True) for r in self.rules)
        return self._traced


def _traced_closure(rule: CompiledRule) -> Compiled:
    fn = rule.expr.fn(rule.rd)
    return lambda F, T: fn(F, None, T)
