"""A person's status on the decision date beyond "Russian citizen or not" (see `status.py`): foreign
citizen, stateless person, citizen of a given state, age. Used by the eligibility rules (contract service,
simplified citizenship).

When `person.citizenships` is known it decides (the complete list, docs/contract.md §3); when it is unknown, a
stated `person.stateless: true` still tells that the person holds no citizenship; anything else stays
unknown.
"""

from __future__ import annotations

from extrashield.engine.expr import (
    DECISION_DATE,
    UNKNOWN,
    AddYears,
    And,
    Any_,
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
)
from extrashield.i18n import N_
from extrashield.rules.status import RUSSIAN_CITIZEN

CITIZENSHIPS = "person.citizenships"

HELD_ON_DECISION_DATE = And(
    Or(IsNull(Item("from")), Cmp("<=", Item("from"), DECISION_DATE)),
    Or(IsNull(Item("until")), Cmp(">", Item("until"), DECISION_DATE)),
)
_STATED_STATELESS = Is(Field("person.stateless"), (True,))


def _holds(country_test: Expr) -> Expr:
    return IfNull(
        Field(CITIZENSHIPS),
        And(Not(_STATED_STATELESS), UNKNOWN),  # list unknown: a stated stateless person holds none
        Any_(CITIZENSHIPS, And(country_test, HELD_ON_DECISION_DATE)),
    )


def citizen_of(country: str, key: str, text: str) -> Cond:
    """The person holds the citizenship of `country` on the decision date."""
    return Cond(key, text, _holds(Is(Item("country"), (country,))))


NOT_RUSSIAN_CITIZEN = Cond(
    "not_russian_citizen",
    N_("the person is not a citizen of the Russian Federation on the decision date"),
    Not(RUSSIAN_CITIZEN.x),
)

# A Russian citizen who also holds another citizenship is not a foreign citizen (docs/contract.md §3).
FOREIGN_CITIZEN = Cond(
    "foreign_citizen",
    N_(
        "the person is a foreign citizen on the decision date (holds another state's citizenship and not Russia's)"
    ),
    And(Not(RUSSIAN_CITIZEN.x), _holds(Not(Is(Item("country"), ("RU",))))),
)

STATELESS = Cond(
    "stateless",
    N_("the person is stateless on the decision date (holds no citizenship)"),
    IfNull(Field(CITIZENSHIPS), Field("person.stateless"), Not(Any_(CITIZENSHIPS, HELD_ON_DECISION_DATE))),
)


# Conditions made per age: answers translate their texts through these templates (i18n/answers.py).
AGED_AT_LEAST = N_("the person is aged {low} or over on the decision date")
AGED_BETWEEN = N_("the person is aged {low} to {high} on the decision date")


def age_at_least(low: int) -> Cond:
    """Aged `low` or over on the decision date (from the `low`th birthday)."""
    return Cond(
        f"aged_{low}_or_over",
        AGED_AT_LEAST.format(low=low),
        Cmp("<=", AddYears(Field("person.birth_date"), Const(low)), DECISION_DATE),
    )


def age_between(low: int, high: int) -> Cond:
    """Aged `low` to `high` inclusive on the decision date (from the `low`th birthday to the day before
    the (`high`+1)th)."""
    born = Field("person.birth_date")
    return Cond(
        f"aged_{low}_to_{high}",
        AGED_BETWEEN.format(low=low, high=high),
        And(
            Cmp("<=", AddYears(born, Const(low)), DECISION_DATE),
            Cmp(">", AddYears(born, Const(high + 1)), DECISION_DATE),
        ),
    )
