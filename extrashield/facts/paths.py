"""The fact-path notation of the case format (docs/contract.md §3), read and written here only.

A path is field names joined by dots, ``person.asylum_in_russia.granted``; a list's name may be followed by
the index of one of its items, ``person.military_service[1].contract_from`` (the items are flat, so a path
holds at most one index). The rules read a field of every item, written ``[*]`` for the index:
``person.military_service[*].contract_from``; `Case.facts` keeps a whole list under the list's path.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from extrashield.errors import CaseError

# How any path is read, even one that names no field of the format (an error may locate such a field):
# a name, or an item's index in brackets; anything else is passed over.
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_INDEX = re.compile(r"\[(?:\d+|\*)\]")
# One dotted part of a path that comes from outside (a web form) and must be a fact path exactly. Three
# digits are far more than any list holds (facts/case.py caps them), and keep int() from a digit flood.
_PART = re.compile(r"([a-z_]+)(?:\[(\d{1,3})\])?")
EVERY = "[*]"


def steps(path: str) -> list[str | int]:
    """``person.citizenships[0].country`` -> ``["person", "citizenships", 0, "country"]``."""
    return [name if name else int(index) for name, index in _STEP.findall(path)]


def parts(path: str) -> list[tuple[str, int | None]] | None:
    """``person.citizenships[0].country`` -> ``[("person", None), ("citizenships", 0), ("country", None)]``;
    None when `path` is not written in the notation (the names are not checked against the format)."""
    out: list[tuple[str, int | None]] = []
    for part in path.split("."):
        m = _PART.fullmatch(part)
        if m is None:
            return None
        out.append((m[1], None if m[2] is None else int(m[2])))
    return out


def abstract(path: str) -> str:
    """The path as the rules read it: ``person.citizenships[0].country`` -> ``person.citizenships[*].country``."""
    return _INDEX.sub(EVERY, path)


def unindexed(path: str) -> str:
    """The field of the format a path names, indices dropped: ``person.citizenships.country``."""
    return _INDEX.sub("", path)


def list_of(path: str) -> str:
    """The list a path is in (``person.citizenships`` for ``person.citizenships[0].country``); a path in no
    list is its own."""
    return path.split("[", 1)[0]


def item(path: str) -> tuple[str, int, str] | None:
    """``person.citizenships[0].country`` -> ``("person.citizenships", 0, "country")``: the list, the item's
    index and its field; None for a path that is not a field of one item (a whole list, or a whole item)."""
    list_path, bracket, rest = path.partition("[")
    if not bracket:
        return None
    index, closed, key = rest.partition("].")
    if not closed:
        return None
    return list_path, int(index), key


def put(raw: dict[str, Any], path: str, value: Any) -> None:
    """Set the fact at `path` in a case as JSON (`raw`, changed in place), making the objects on the way.
    An index must name an item the list has: a CaseError names the path otherwise."""
    trail = steps(path)
    if not trail:
        raise CaseError(path, "is not a fact path")
    node: Any = raw
    for here, nxt in itertools.pairwise(trail):
        if isinstance(nxt, int):
            child = node.get(here) if isinstance(here, str) else None
            if not isinstance(child, list) or nxt >= len(child):
                raise CaseError(path, "refers to a list entry that the case does not have")
            node = child
        elif isinstance(here, int):
            node = node[here]
        else:
            if not isinstance(node.get(here), dict):
                node[here] = {}
            node = node[here]
    node[trail[-1]] = value
