"""The person's status on the decision date: Russian citizen, or foreign citizen / stateless person.

A person is a Russian citizen on a date if an `RU` entry of `person.citizenships` covers it (`from`
included, `until` excluded; an absent bound is open). When the list is unknown, a person stated to be
stateless is not a Russian citizen; otherwise citizenship is unknown. A Russian citizen who also holds
another citizenship is not a foreign citizen (docs/contract.md §3), so "foreign or stateless" is exactly
"not a Russian citizen".
"""

from __future__ import annotations

from extrashield.engine.expr import (
    DECISION_DATE,
    UNKNOWN,
    And,
    Any_,
    Cmp,
    Cond,
    Field,
    IfNull,
    Is,
    IsNull,
    Item,
    Not,
    Or,
)
from extrashield.i18n import N_

CITIZENSHIPS = "person.citizenships"

_COVERS_DECISION_DATE = And(
    Or(IsNull(Item("from")), Cmp("<=", Item("from"), DECISION_DATE)),
    Or(IsNull(Item("until")), Cmp(">", Item("until"), DECISION_DATE)),
)

RUSSIAN_CITIZEN = Cond(
    "russian_citizen",
    N_("the person is a citizen of the Russian Federation on the decision date"),
    IfNull(
        Field(CITIZENSHIPS),
        # list unknown: a stated stateless person is no citizen; anything else stays unknown
        And(Not(Is(Field("person.stateless"), (True,))), UNKNOWN),
        Any_(CITIZENSHIPS, And(Is(Item("country"), ("RU",)), _COVERS_DECISION_DATE)),
    ),
)

FOREIGN_OR_STATELESS = Cond(
    "foreign_or_stateless",
    N_("the person is a foreign citizen or a stateless person on the decision date (not a Russian citizen)"),
    Not(RUSSIAN_CITIZEN.x),
)
