"""Values to try for an unknown fact, to find out whether learning it could change the outcome.

Each set covers every behaviour the rules can tell apart: both truth values, every enumeration value,
dates on either side of the decision date (and of the limitation anniversaries the rules compare with),
numbers on either side of every statutory threshold, and representative lists.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from extrashield.facts.case import ONGOING, Case, Spec, spec_at
from extrashield.facts.dates import add_years, shift
from extrashield.facts import paths

ONE_DAY = dt.timedelta(days=1)
# Thresholds the rules compare numbers with (years): Art. 462(3) (6 months, one year) and the crime
# categories of Criminal Code Art. 15 (3, 5, 10 years), with a value on each side.
NUMBERS = (0.25, 0.5, 1, 1.5, 3, 4, 5, 7, 10, 15)
# Limitation periods of Criminal Code Arts. 78 and 83 (years): dates this far before the decision date
# sit on the boundary of a limitation rule.
ANNIVERSARIES = (2, 6, 10, 15)


def _dates(day: dt.date) -> list[dt.date]:
    # held within the calendar: every case gets the same number of values (the batch engine relies on it)
    out = [shift(day, -1), day, shift(day, 1)]
    for years in ANNIVERSARIES:
        edge = add_years(day, -years)
        out += [shift(edge, -1), edge, shift(edge, 1)]
    return out


def _item_values(spec: Spec, case: Case) -> list[Any]:
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


def candidates(path: str, case: Case, read: frozenset[str] | None = None) -> list[Any]:
    """The values to try for the unknown fact at `path` (a concrete path).

    For an unknown list, items vary only in the fields the rules read (`read` holds paths such as
    ``person.military_service[*].combat``); the others stay unknown, which keeps the set small."""
    spec = spec_at(path)
    day = case.decision_date
    kind = spec.kind
    if kind == "bool":
        return [True, False]
    if kind == "enum":
        return list(spec.values)
    if kind == "date":
        return _dates(day)
    if kind == "date_or_ongoing":
        return [ONGOING, *_dates(day)]
    if kind == "number":
        return list(NUMBERS)
    if kind == "list":
        names = list(spec.fields)
        choices = [
            _item_values(spec.fields[n], case) if read is None or f"{path}[*].{n}" in read or spec.fields[n].required else [None]
            for n in names
        ]
        lists: list[Any] = [()]
        for combo in itertools.product(*choices):
            lists.append((dict(zip(names, combo)),))
        return lists
    return []  # free text, names and countries outside lists decide nothing


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
