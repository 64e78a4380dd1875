"""Contradictions between facts, over columns: `case.check_consistency` for a batch of cases.

Two uses: the rows of a column batch that say contradictory things go to the single-case path, which
refuses them with its message (`arrow_cases`); and depends_on's search skips a value tried for an unknown
fact that contradicts what the row already says, as the single-case search does (`batch`). Each check
names the facts it reads, so that a trial varying one fact runs only the checks that read it.
`tests/core/test_contradictions.py` keeps these checks in step with `check_consistency`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from extrashield.engine.vector.columns import FALSE, TRUE, Col, ListCol

Scalars = Mapping[str, Col]
Lists = Mapping[str, ListCol]
Check = Callable[[Scalars, Lists, np.ndarray], np.ndarray]

CITIZENSHIPS = "person.citizenships"
STATELESS = "person.stateless"
ASYLUM = "person.asylum_in_russia."
OFFENSE = "request.offense."
CONTRACTS = "person.military_service"


def any_per_row(lc: ListCol, per_item: np.ndarray) -> np.ndarray:
    """Per row: some item of its list is marked in `per_item`."""
    n = len(lc.known)
    out = np.zeros(n, bool)
    if len(per_item):
        nonempty = lc.lengths > 0
        out[nonempty] = np.logical_or.reduceat(per_item, lc.offsets[:-1][nonempty])
    return out


def covers(lc: ListCol, day: np.ndarray) -> np.ndarray:
    """Per citizenship item: held on its row's decision date (`from` included, `until` excluded)."""
    parent = np.repeat(np.arange(len(lc.known), dtype=np.int64), lc.lengths)
    d = day[parent]
    f, u = lc.items["from"], lc.items["until"]
    return (~f.known | (f.data <= d)) & (~u.known | (d < u.data))


def _citizenship_bounds(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    cits = lists[CITIZENSHIPS]
    f, u = cits.items["from"], cits.items["until"]
    return any_per_row(cits, f.known & u.known & (u.data <= f.data))


def _stateless_but_held(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    cits = lists[CITIZENSHIPS]
    return (s[STATELESS].data == TRUE) & cits.known & any_per_row(cits, covers(cits, day))


def _not_stateless_but_none(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    cits = lists[CITIZENSHIPS]
    return (s[STATELESS].data == FALSE) & cits.known & (cits.lengths == 0)


def _asylum_not_granted_but_dated(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    return (s[ASYLUM + "granted"].data == FALSE) & (
        s[ASYLUM + "granted_on"].known | s[ASYLUM + "ended_on"].known
    )


def _asylum_ends_before_granted(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    g_on, e_on = s[ASYLUM + "granted_on"], s[ASYLUM + "ended_on"]
    return g_on.known & e_on.known & (e_on.data <= g_on.data)


def _code(col: Col, value: str) -> int:
    """The code of `value` in a category column, or -1 (never a code) when its vocabulary lacks it."""
    return col.vocab.index(value) if value in col.vocab else -1


def _treaty_without_treaty_basis(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    treaty, basis = s["request.treaty"], s["request.legal_basis"]
    return treaty.known & basis.known & (basis.data != _code(basis, "treaty"))


def _russia_requesting(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    state = s["request.requesting_state"]
    return state.known & (state.data == _code(state, "RU"))


def _life_not_especially_grave(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    most = s[OFFENSE + "max_penalty_years"]
    low = most.known & (np.nan_to_num(most.data, nan=np.inf) <= 10)
    return (s[OFFENSE + "life_imprisonment"].data == TRUE) & (
        low | (s[OFFENSE + "intentional"].data == FALSE)
    )


def _contract_ends_before_start(s: Scalars, lists: Lists, day: np.ndarray) -> np.ndarray:
    mil = lists[CONTRACTS]
    start, end = mil.items["contract_from"], mil.items["contract_until"]
    return any_per_row(mil, start.known & end.known_date & (end.data <= start.data))


# (the facts a check reads, the check): as in `case.check_consistency`
CHECKS: tuple[tuple[frozenset[str], Check], ...] = (
    (frozenset({CITIZENSHIPS}), _citizenship_bounds),
    (frozenset({STATELESS, CITIZENSHIPS, "decision_date"}), _stateless_but_held),
    (frozenset({STATELESS, CITIZENSHIPS}), _not_stateless_but_none),
    (
        frozenset({ASYLUM + "granted", ASYLUM + "granted_on", ASYLUM + "ended_on"}),
        _asylum_not_granted_but_dated,
    ),
    (frozenset({ASYLUM + "granted_on", ASYLUM + "ended_on"}), _asylum_ends_before_granted),
    (frozenset({"request.treaty", "request.legal_basis"}), _treaty_without_treaty_basis),
    (frozenset({"request.requesting_state"}), _russia_requesting),
    (
        frozenset({OFFENSE + "life_imprisonment", OFFENSE + "max_penalty_years", OFFENSE + "intentional"}),
        _life_not_especially_grave,
    ),
    (frozenset({CONTRACTS}), _contract_ends_before_start),
)
FACTS = frozenset().union(*(facts for facts, _ in CHECKS))


def contradicting(
    scalars: Scalars, lists: Lists, day: np.ndarray, *, reading: str | None = None
) -> np.ndarray:
    """Per row: the facts contradict each other. With `reading`, only the checks that read that fact (a
    whole fact's path, or a list's path for a field of its items)."""
    out = np.zeros(len(day), bool)
    for facts, check in CHECKS:
        if reading is None or reading in facts:
            out |= check(scalars, lists, day)
    return out
