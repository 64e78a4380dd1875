"""Three-valued (Kleene) logic over Python values: True, False and None (unknown).

`true OR unknown` is true, `false AND unknown` is false, `NOT unknown` is unknown. The batch engine uses
the same logic on int8 codes (0 false, 1 unknown, 2 true), where AND is min, OR is max and NOT is 2 - x.
"""

from __future__ import annotations

from collections.abc import Iterable

Tri = bool | None


def t_and(values: Iterable[Tri]) -> Tri:
    unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def t_or(values: Iterable[Tri]) -> Tri:
    unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def t_not(v: Tri) -> Tri:
    return None if v is None else not v


def show(v: Tri) -> str:
    """The word used in explanations."""
    return "unknown" if v is None else ("true" if v else "false")
