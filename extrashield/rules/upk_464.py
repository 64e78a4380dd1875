"""Criminal Procedure Code, Art. 464: refusal to extradite.

Part 1 ("extradition is not permitted if") bars; Part 2 ("extradition may be refused if") allows refusal.
Point 7 of Part 1 was added by Federal Law No. 50-FZ of 08.03.2026 (bill 1075342-8).
"""

from __future__ import annotations

from extrashield.engine.expr import (
    DECISION_DATE,
    UNKNOWN,
    And,
    Any_,
    Choose,
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
from extrashield.engine.grounds import ALLOWS_REFUSAL, BARS, Ground
from extrashield.i18n import N_
from extrashield.rules.status import FOREIGN_OR_STATELESS, RUSSIAN_CITIZEN
from extrashield.rules.uk_limitation import LIMITATION_EXPIRED_DERIVED

SERVICE = "person.military_service"
PROC = "russian_proceedings."
OFFENSE = "request.offense."

# --- Part 1 -------------------------------------------------------------------------------------------

CITIZEN = Ground("ru.upk.464.1.1", BARS, RUSSIAN_CITIZEN, "The person is a Russian citizen.")

ASYLUM = Ground(
    "ru.upk.464.1.2",
    BARS,
    And(
        Cond(
            "asylum_granted",
            N_("Russia granted the person asylum because of possible persecution in the requesting state"),
            Field("person.asylum_in_russia.granted"),
        ),
        Cond(
            "asylum_in_effect",
            N_("the asylum was granted on or before the decision date and had not ended"),
            And(
                Cmp("<=", Field("person.asylum_in_russia.granted_on"), DECISION_DATE),
                Or(
                    IsNull(Field("person.asylum_in_russia.ended_on")),
                    Cmp(">", Field("person.asylum_in_russia.ended_on"), DECISION_DATE),
                ),
            ),
        ),
    ),
    "The person has been granted asylum in Russia.",
)

SAME_ACT_CLOSED = Ground(
    "ru.upk.464.1.3",
    BARS,
    Cond(
        "same_act_closed",
        N_("in Russia, for the same act, a judgment has become final or the proceedings were terminated"),
        Is(Field(PROC + "same_act"), ("final_judgment", "terminated")),
    ),
    "A final Russian judgment, or terminated proceedings, for the same act.",
)

# Stated in the case, or else derived from the offence under Criminal Code Arts. 15, 78, 83.
LIMITATION_EXPIRED = IfNull(
    Field(PROC + "limitation_expired"),
    LIMITATION_EXPIRED_DERIVED,
    Cond(
        "limitation_expired",
        N_("the Russian limitation period has expired"),
        Field(PROC + "limitation_expired"),
    ),
)
OTHER_LAWFUL_GROUND = Cond(
    "other_lawful_ground",
    N_("another lawful ground under Russian law prevents a case or the enforcement of a sentence"),
    Field(PROC + "other_lawful_ground"),
)
LIMITATION_OR_OTHER = Ground(
    "ru.upk.464.1.4",
    BARS,
    Or(LIMITATION_EXPIRED, OTHER_LAWFUL_GROUND),
    "Limitation has expired, or another lawful ground prevents a case or enforcement.",
)

COURT_OBSTACLES = Ground(
    "ru.upk.464.1.5",
    BARS,
    Cond(
        "court_found_obstacles",
        N_("a final decision of a Russian court found obstacles to extradition"),
        Field(PROC + "court_found_obstacles"),
    ),
    "A final Russian court decision found obstacles to extradition.",
)

NOT_A_CRIME = Ground(
    "ru.upk.464.1.6",
    BARS,
    Cond(
        "not_a_crime_in_russia",
        N_("the act is not a crime under Russian criminal law"),
        Not(Field(OFFENSE + "crime_under_russian_law")),
    ),
    "The act is not a crime under Russian criminal law.",
)

# Point 7. Which formations count is a reading: volunteer formations are excluded by default; private
# military companies are not "military formations of the Russian Federation" under either reading.
QUALIFYING_FORMATION = Cond(
    "qualifying_formation",
    N_("the contract is with the Armed Forces or another military formation of the Russian Federation"),
    Choose(
        "point7.volunteer_formations",
        (
            ("excluded", Is(Item("formation"), ("armed_forces", "other_military_formation"))),
            (
                "included",
                Is(Item("formation"), ("armed_forces", "other_military_formation", "volunteer_formation")),
            ),
        ),
    ),
)
# Began on or before the decision date. With no start date, a contract that ended by the decision date
# has certainly begun; otherwise it is unknown: "ongoing" says the person still serves, not since when,
# and taking a start before the decision date for granted would be undone by a later start date.
STARTED = Cond(
    "contract_began",
    N_("the contract began on or before the decision date"),
    IfNull(
        Item("contract_from"),
        Or(Cmp("<=", Item("contract_until"), DECISION_DATE), UNKNOWN),
        Cmp("<=", Item("contract_from"), DECISION_DATE),
    ),
)
NOT_ENDED = Cond(
    "contract_not_ended",
    N_("the contract had not ended on the decision date"),
    Or(Is(Item("contract_until"), ("ongoing",)), Cmp(">", Item("contract_until"), DECISION_DATE)),
)
COMBAT = Cond(
    "combat", N_("the person took part in combat operations as part of that formation"), Item("combat")
)

SERVING = Cond(
    "limb_a_serving",
    N_("limb (a): serving under contract on the decision date"),
    Any_(SERVICE, And(QUALIFYING_FORMATION, STARTED, NOT_ENDED)),
)
SERVED_WITH_COMBAT = Cond(
    "limb_b_served_with_combat",
    N_("limb (b): served under contract and took part in combat"),
    Any_(SERVICE, And(QUALIFYING_FORMATION, STARTED, COMBAT)),
)

CONTRACT_SERVICEMAN = Ground(
    "ru.upk.464.1.7",
    BARS,
    And(
        FOREIGN_OR_STATELESS,
        Choose(
            "point7.limbs",
            (
                ("two_limbs", Or(SERVING, SERVED_WITH_COMBAT)),
                # limb (b) already covers a serving person who took part in combat
                ("combat_required", SERVED_WITH_COMBAT),
            ),
        ),
    ),
    "A foreign or stateless contract serviceman who serves, or who served and took part in combat.",
)

PART_1 = (
    CITIZEN,
    ASYLUM,
    SAME_ACT_CLOSED,
    LIMITATION_OR_OTHER,
    COURT_OBSTACLES,
    NOT_A_CRIME,
    CONTRACT_SERVICEMAN,
)

# --- Part 2 -------------------------------------------------------------------------------------------

IN_RUSSIA_OR_AGAINST_IT = Ground(
    "ru.upk.464.2.1",
    ALLOWS_REFUSAL,
    Or(
        Cond(
            "committed_in_russia",
            N_("the act was committed on Russian territory"),
            Field(OFFENSE + "committed_in_russia"),
        ),
        Cond(
            "against_russian_interests",
            N_("the act was committed abroad against the interests of Russia"),
            Field(OFFENSE + "against_russian_interests"),
        ),
    ),
    "The act was committed in Russia, or abroad against Russia's interests.",
)

PROSECUTED_IN_RUSSIA = Ground(
    "ru.upk.464.2.2",
    ALLOWS_REFUSAL,
    Cond(
        "same_act_prosecuted",
        N_("the person is being prosecuted in Russia for the same act"),
        Is(Field(PROC + "same_act"), ("ongoing",)),
    ),
    "The person is being prosecuted in Russia for the same act.",
)

PRIVATE_PROSECUTION = Ground(
    "ru.upk.464.2.3",
    ALLOWS_REFUSAL,
    Cond(
        "private_prosecution",
        N_("the prosecution is one of private prosecution"),
        Field(OFFENSE + "private_prosecution"),
    ),
    "The prosecution is brought by way of private prosecution.",
)

PART_2 = (IN_RUSSIA_OR_AGAINST_IT, PROSECUTED_IN_RUSSIA, PRIVATE_PROSECUTION)
