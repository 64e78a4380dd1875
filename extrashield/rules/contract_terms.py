"""Conditions on one military-service contract, for the eligibility rules.

They read the fields of the current list item, so the same condition serves the person's own contracts
(`person.military_service`) and a relative's (`person.family_in_service`, which uses the same keys).
"""

from __future__ import annotations

import datetime as dt

from extrashield.engine.expr import (
    DECISION_DATE,
    UNKNOWN,
    AddYears,
    And,
    Choose,
    Cmp,
    Cond,
    Const,
    IfNull,
    Is,
    Item,
    Not,
    Or,
)
from extrashield.i18n import N_
from extrashield.rules.upk_464 import NOT_ENDED, STARTED

# The special military operation began on 24.02.2022; the decree of 05.11.2025 names this date and
# Decree No. 10 speaks of "the period of the special military operation" (law/ru/citizenship/simplified.yaml).
# No end of that period is known, so it is treated as continuing.
SMO_START = dt.date(2022, 2, 24)

ONGOING = ("ongoing",)

MILITARY_CONTRACT = Cond(
    "military_service_contract",
    N_("the contract is one of military service in the Armed Forces or another military formation"),
    Choose(
        "citizenship.volunteer_formations",
        (
            ("excluded", Is(Item("formation"), ("armed_forces", "other_military_formation"))),
            (
                "included",
                Is(Item("formation"), ("armed_forces", "other_military_formation", "volunteer_formation")),
            ),
        ),
    ),
)

BEGAN = STARTED  # "the contract began on or before the decision date" (Art. 464(1)(7) rule, reused)
SERVING = Cond(
    "serving_on_decision_date",
    N_("the contract had begun and had not ended on the decision date"),
    And(STARTED.x, NOT_ENDED.x),
)

CONCLUDED_DURING_SMO = Cond(
    "concluded_during_smo",
    N_("the contract was concluded on or after 24.02.2022 (during the special military operation)"),
    Cmp(">=", Item("contract_from"), Const(SMO_START)),
)

# The decree of 05.11.2025's second branch: "served in that period under an earlier contract", i.e. a
# contract concluded before 24.02.2022 under which the person was still serving on or after that day
# (a contract concluded later must meet the first branch: at least one year).
SERVED_DURING_SMO = Cond(
    "served_during_smo_under_earlier_contract",
    N_("the person served on or after 24.02.2022 under a contract concluded before that date"),
    And(
        Cmp("<", Item("contract_from"), Const(SMO_START)),
        STARTED.x,
        Or(Is(Item("contract_until"), ONGOING), Cmp(">", Item("contract_until"), Const(SMO_START))),
    ),
)

# The term as concluded when stated; otherwise a contract that actually ran a year was one of at least a
# year (a shorter stated term would have ended it sooner), and anything else stays unknown.
_RAN_A_YEAR = Or(
    And(
        Is(Item("contract_until"), ONGOING),
        Cmp("<=", AddYears(Item("contract_from"), Const(1)), DECISION_DATE),
    ),
    Cmp("<=", AddYears(Item("contract_from"), Const(1)), Item("contract_until")),
)
TERM_AT_LEAST_ONE_YEAR = Cond(
    "term_at_least_one_year",
    N_(
        "the contract was concluded for at least one year (or, its term not stated, it ran for at least a year)"
    ),
    IfNull(
        Item("contract_term_years"),
        Or(_RAN_A_YEAR, UNKNOWN),
        Cmp(">=", Item("contract_term_years"), Const(1)),
    ),
)

SERVED_THREE_YEARS = Cond(
    "served_three_years",
    N_("the person had served under the contract for at least three years by the decision date"),
    And(
        Cmp("<=", AddYears(Item("contract_from"), Const(3)), DECISION_DATE),
        Or(
            Is(Item("contract_until"), ONGOING),
            Cmp("<=", AddYears(Item("contract_from"), Const(3)), Item("contract_until")),
        ),
    ),
)

DISCHARGED_ON_LISTED_GROUND = Cond(
    "discharged_on_listed_ground",
    N_("the person was discharged on health grounds, on reaching the age limit or on expiry of the contract"),
    Is(Item("discharge_ground"), ("health", "age", "contract_end")),
)

DISCHARGED_DURING_SMO = Cond(
    "discharged_during_smo",
    N_("the contract ended on or after 24.02.2022 and by the decision date"),
    And(
        Not(Is(Item("contract_until"), ONGOING)),
        Cmp(">=", Item("contract_until"), Const(SMO_START)),
        Cmp("<=", Item("contract_until"), DECISION_DATE),
    ),
)
