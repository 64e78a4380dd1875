"""Facts known only to lie within an interval of days: a partial date (`2024`, `2024-06`) of a person list
(docs/contract.md §3b, `facts.partial_dates.PartialDate`), decided where the interval settles it.

A comparison of a date fact `x` with a fixed day (the decision date, a date of the law), or of `x` plus N
years with one (`AddYears`: an anniversary, a limitation period, an age), is a threshold in `x`: `AddYears`
never moves a later day before an earlier one, so as `x` runs through its interval the comparison changes
its value at most once. The interval therefore splits, at the days where some comparison of the rules
changes, into stretches on which every comparison of `x` holds one value, and so does every answer (the
rules read a date only through comparisons, and through whether it is known, which it is on every day of
the interval). Trying one day of each stretch tries every answer the interval allows. With one threshold
this is the two ends of the interval; the rules with two (an age between 18 and 65) are not monotone in
the date, and the stretches, not the ends alone, are what makes them exact.

`DateEdges.days` gives those days: the first and the last day of each stretch (the last too, so that
where two partial dates must be in order, contract_until after contract_from, the days tried include a
pair in order whenever the intervals allow one). With several partial dates, every combination of their
days (`worlds`) is a possible case, unless it contradicts the case (`check_consistency`): then it is no
possible answer and is not tried. When every possible case gets the same answer (the outcome and the status
of every ground, so the same grounds apply) the partial dates settle it and it holds; `depends_on` is then
every fact whose learning could change the outcome in some of them. Otherwise the dates stay unknown: the
answer is the case's with those facts unknown, as before.

Not settled here: a date the rules compare with another fact (a contract's end against its start plus a
year, engine/candidates.py `relative`): its stretches would depend on the other date's, so it stays unknown
(the extradition grounds compare no two facts; the batch engine refuses rules that do).

`assess_within` does this for one case (the single-case path); `engine.vector.within` for a batch, over
the same days, so that both agree row by row (tests/core/test_within.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic

from extrashield.engine import expr as E
from extrashield.engine.assessment import Assessment, GroundResult, OpenQuestionResult
from extrashield.engine.candidates import substitute, thresholds
from extrashield.engine.verdict import OutcomeT
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import Case, check_consistency
from extrashield.facts.dates import add_years, shift
from extrashield.facts.partial_dates import PartialDate


@dataclass
class _Compared:
    """What the rules compare one date fact with."""

    years: set[int] = field(default_factory=set)  # the fact plus N years against the decision date
    dates: set[dt.date] = field(default_factory=set)  # against a fixed day (already less the years added)
    other_fact: bool = False  # against another fact


def _facts_in(e: E.Expr, in_list: str | None) -> set[str]:
    """The facts (abstract paths) an operand of a comparison reads."""
    if isinstance(e, E.Field):
        return {e.path}
    if isinstance(e, E.Item) and in_list is not None:
        return {f"{in_list}{paths.EVERY}.{e.key}"}
    return {f for c in e.children() for f in _facts_in(c, in_list)}


class DateEdges:
    """The days where a comparison of the rules `exprs` with a date fact changes its value."""

    def __init__(self, exprs: Iterable[E.Expr]) -> None:
        self.compared: dict[str, _Compared] = {}
        self.read: set[str] = set()
        for e in exprs:
            self.read |= {paths.abstract(r) for r in e.refs()}
            self._walk(e, None)

    def _walk(self, e: E.Expr, in_list: str | None) -> None:
        if isinstance(e, E.Cmp):
            facts = _facts_in(e.a, in_list) | _facts_in(e.b, in_list)
            decision = "decision_date" in facts
            facts.discard("decision_date")
            # the thresholds of this comparison alone, read as the search reads them (inside its list)
            found = thresholds([E.Any_(in_list, e) if in_list is not None else e])
            for f in facts:
                c = self.compared.setdefault(f, _Compared())
                c.other_fact |= len(facts) > 1
                if decision:
                    c.years |= set(found.years)
                c.dates |= set(found.dates)
        inner = e.path if isinstance(e, E.Any_) else in_list
        for child in e.children():
            self._walk(child, inner)

    def reads(self, path: str) -> bool:
        """Some rule reads the fact at `path` (a concrete path)."""
        return paths.abstract(path) in self.read

    def settles(self, path: str) -> bool:
        """Its interval can settle comparisons: the rules compare it with fixed days only."""
        c = self.compared.get(paths.abstract(path))
        return c is None or not c.other_fact

    def decides(self, path: str) -> bool:
        """A partial date at `path` may settle something: a rule reads it, comparing it with fixed days only."""
        return self.reads(path) and self.settles(path)

    def days(self, path: str, earliest: dt.date, latest: dt.date, decision: dt.date) -> tuple[dt.date, ...]:
        """The first and last day of each stretch of [earliest, latest] on which every comparison of the
        fact holds one value, in order (see the module's docstring)."""
        c = self.compared.get(paths.abstract(path), _Compared())
        starts: set[dt.date] = set()  # first days of a stretch: a comparison differs from the day before
        for years in c.years:
            near = add_years(decision, -years)
            for k in range(-3, 5):  # 29 February makes an anniversary fall a day off either way
                day = shift(near, k)
                a, b = add_years(shift(day, -1), years), add_years(day, years)
                if (a < decision) != (b < decision) or (a <= decision) != (b <= decision):
                    starts.add(day)
        for day in c.dates:  # a fixed day less N years: each day around it may start a stretch
            starts |= {shift(day, k) for k in range(-2, 4)}
        inner = sorted(d for d in starts if earliest < d <= latest)
        ends = [shift(d, -1) for d in inner]
        return tuple(sorted({earliest, latest, *inner, *ends}))


_EDGES: weakref.WeakKeyDictionary[Any, DateEdges] = weakref.WeakKeyDictionary()


def edges_of(evaluator: Any) -> DateEdges:
    """The `DateEdges` of an evaluator's rules (every test of every term), made once per evaluator."""
    got = _EDGES.get(evaluator)
    if got is None:
        got = _EDGES[evaluator] = DateEdges(t for tests in evaluator.tests for t in tests)
    return got


def settling(edges: DateEdges, spans: Mapping[str, PartialDate]) -> dict[str, PartialDate]:
    """The partial dates that can settle something, in the one order both paths use: read by a rule,
    compared with fixed days only, and not a whole day."""
    return {p: s for p, s in sorted(spans.items()) if s.exact is None and edges.decides(p)}


def worlds(
    edges: DateEdges, spans: Mapping[str, PartialDate], decision: dt.date
) -> list[tuple[dt.date, ...]]:
    """Every combination of the days to try of `spans` (as `settling` orders them), the first path's
    days varying slowest."""
    return list(itertools.product(*(edges.days(p, s.earliest, s.latest, decision) for p, s in spans.items())))


def _known_only(span: PartialDate) -> str:
    text = str(span)
    return f"in {text}" if ".." not in text else f"between {span.earliest} and {span.latest}"


class Within(Generic[OutcomeT]):
    """The answer for a case with partial dates: `assessment` is the answer of the first possible case
    when the dates settle it (`settled`), else the case's with those dates unknown. `to_dict()` writes
    each date as its interval, and says in `because` whether the interval settles each condition."""

    def __init__(
        self,
        assessment: Assessment[OutcomeT],
        spans: Mapping[str, PartialDate],
        days: Sequence[dt.date] = (),
        others: Sequence[Assessment[OutcomeT]] = (),
    ) -> None:
        self.assessment = assessment
        self.spans = dict(spans)
        self.days = tuple(days)  # the first possible case's day of each span (when settled)
        self.others = tuple(others)  # the other possible cases (when settled)

    @property
    def settled(self) -> bool:
        return bool(self.days)

    @property
    def outcome(self) -> OutcomeT:
        return self.assessment.outcome

    @property
    def grounds(self) -> list[GroundResult]:
        return self.assessment.grounds

    @property
    def applies(self) -> list[str]:
        return self.assessment.applies

    @property
    def depends_on(self) -> list[tuple[str, str]]:
        return self.assessment.depends_on

    @property
    def open_questions(self) -> list[OpenQuestionResult]:
        return self.assessment.open_questions

    def to_dict(self) -> dict[str, Any]:
        out = self.assessment.to_dict()
        if not self.settled:
            for g in out["grounds"]:
                g["because"] = [self._unsettled(line) for line in g["because"]]
            return out
        every = (self.assessment, *self.others)
        for i, g in enumerate(out["grounds"]):
            traces = [a.traces[i] for a in every]
            for j, line in enumerate(g["because"]):
                if j >= len(g["conditions"]):
                    break
                cond = g["conditions"][j]
                values = {t[j][1] if j < len(t) else "absent" for t in traces}  # (cond, value, …)
                for (path, span), day in zip(self.spans.items(), self.days):
                    line = self._rewrite(line, cond, path, span, day, len(values) == 1)
                g["because"][j] = line
        return out

    def _unsettled(self, line: str) -> str:
        for path, span in self.spans.items():
            if f"{path} = unknown" in line:
                line += f"; {path} is known only to lie {_known_only(span)}, which does not settle the answer"
        return line

    @staticmethod
    def _rewrite(
        line: str, cond: dict[str, Any], path: str, span: PartialDate, day: dt.date, same: bool
    ) -> str:
        """A line of `because` (and its condition) with the day tried for `path` written as its interval."""
        iso, key = day.isoformat(), path.rsplit(".", 1)[-1]
        if f"{path} = {iso}" not in line and f"{key}={iso}" not in line:
            return line  # the condition does not read the date
        line = line.replace(f"{path} = {iso}", f"{path} = {span}").replace(f"{key}={iso}", f"{key}={span}")
        facts = cond["facts"]
        for name, value in facts.items():
            if name == path:
                facts[name] = str(span)
            elif isinstance(value, list):  # a whole list (`person.military_service = [...]`)
                for item in value:
                    if isinstance(item, dict) and item.get(key) == iso:
                        item[key] = str(span)
        if same:
            return f"{line}; {path} is known only to lie {_known_only(span)}, which settles this"
        word = "true" if cond["value"] is True else "false" if cond["value"] is False else "unknown"
        cond["value"] = None
        line = line.replace(f": {word} (", ": unknown (", 1)
        return f"{line}; {path} is known only to lie {_known_only(span)}, and the day decides this"


def _key(a: Assessment[Any]) -> tuple[Any, ...]:
    """What must agree between the possible cases: the outcome and every ground's status."""
    return (a.outcome, tuple(g.status for g in a.grounds))


def assess_within(
    evaluator: Any,
    case: Case,
    spans: Mapping[str, PartialDate],
    readings: Mapping[str, str] | None = None,
) -> Within[Any]:
    """Assess `case` (valid, with the facts of `spans` unknown in it) knowing that each fact of `spans`
    (a concrete path) is a day of its interval (see the module's docstring)."""
    edges = edges_of(evaluator)
    spans = settling(edges, spans)
    if not spans:
        return Within(evaluator.assess(case, readings), {})
    possible: list[tuple[tuple[dt.date, ...], Assessment[Any]]] = []
    for days in worlds(edges, spans, case.decision_date):
        facts: Mapping[str, Any] = case.facts
        for path, day in zip(spans, days):
            facts = substitute(facts, path, day)
        try:
            check_consistency(facts)
        except CaseError:
            continue  # the dates contradict the case (a contract ending before it began): not possible
        possible.append((days, evaluator.assess(Case(facts, case.decision_date, case.raw), readings)))
    if not possible or len({_key(a) for _, a in possible}) > 1:
        return Within(evaluator.assess(case, readings), spans)
    (days, first), others = possible[0], [a for _, a in possible[1:]]
    first.depends_on = _union(a.depends_on for _, a in possible)
    named = {p for p, _ in first.depends_on}
    first.also_unknown = [q for q in _union(a.also_unknown for _, a in possible) if q[0] not in named]
    if any(a.every_value != first.every_value for a in others):
        first.every_value = None
    if any(a.open_questions != first.open_questions for a in others):
        # what another reading would change differs with the day: said as for the dates unknown
        first.open_questions = evaluator.assess(case, readings).open_questions
    return Within(first, spans, days, others)


def _union(lists: Iterable[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The facts of every list, each once, in the order they first appear (the order the batch keeps)."""
    out: dict[str, tuple[str, str]] = {}
    for entries in lists:
        for entry in entries:
            out.setdefault(entry[0], entry)
    return list(out.values())
