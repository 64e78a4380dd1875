"""The other ways out of Russia that the 2026 package closes for foreign contract servicemen.

Besides extradition (Art. 464(1)(7) CPC, 50-FZ), the same package of bills bars administrative expulsion
(bill No. 1075363-8, Code of Administrative Offences Art. 4.1) and, by a companion bill amending Federal
Laws 114-FZ and 115-FZ, deportation, transfer under a readmission agreement, a decision that the stay is
undesirable and cancellation of a residence permit. A presidential decree of 30.12.2024 already shielded
unlawfully present migrants who sign a Defence Ministry contract from deportation; it is known only from press
reports (a paraphrase), and its condition of unlawful presence is the case's `person.lawfully_in_russia`. And a
Russian citizen may not be expelled at all (Constitution Art. 61(1)).

Each shield is a labelled rule citing its provision, like a ground of refusal; its provision has effect
`none` in the law data because it is no ground of refusal of *extradition*. A route is closed when some
shield in force applies (`extrashield.engine.verdict.RouteVerdict`).

The persons covered are described in the reports as foreign citizens and stateless persons who serve or
served under contract in the Armed Forces or other military formations of Russia, with no combat
condition. The rules reuse the point-7 conditions on the contract (qualifying formation, with the same
reading on volunteer formations, and the contract having begun by the decision date) rather than copy them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from extrashield.engine.expr import And, Any_, Cond, Field, Is, Item, Not
from extrashield.engine.grounds import BARS, Ground
from extrashield.i18n import N_
from extrashield.rules.status import FOREIGN_OR_STATELESS, RUSSIAN_CITIZEN
from extrashield.rules.upk_464 import NOT_ENDED, QUALIFYING_FORMATION, SERVICE, STARTED

NO_EFFECT_ON_EXTRADITION: Final = "none"  # the effect these provisions have in the law data

SERVES_OR_SERVED = Cond(
    "serves_or_served",
    N_(
        "the person serves or served under contract in the Armed Forces or another military formation of the "
        "Russian Federation (a contract that began on or before the decision date)"
    ),
    Any_(SERVICE, And(QUALIFYING_FORMATION, STARTED)),
)
FOREIGN_CONTRACT_SERVICEMAN = And(FOREIGN_OR_STATELESS, SERVES_OR_SERVED)

# The decree, as reported, concerns unlawfully present migrants ("незаконные мигранты"): those of them who sign a
# Defence Ministry contract. Unlawful presence is the case's `person.lawfully_in_russia` on the decision date,
# false; unknown, it is asked (whether the decree judges it on another day is an open question of the data).
UNLAWFULLY_PRESENT = Cond(
    "unlawfully_present",
    N_(
        "the person is not lawfully present in Russia (the decree, as reported, concerns unlawfully present migrants)"
    ),
    Not(Field("person.lawfully_in_russia")),
)
# The decree speaks of migrants who sign a contract with the Defence Ministry: the Armed Forces only, and
# (the narrower reading, taken because the text was not read) only while the contract runs.
DEFENCE_MINISTRY_CONTRACT = Cond(
    "defence_ministry_contract_running",
    N_(
        "the person is serving on the decision date under a contract with the Defence Ministry (the Armed Forces)"
    ),
    Any_(
        SERVICE,
        And(
            Cond(
                "armed_forces",
                N_("the contract is with the Armed Forces"),
                Is(Item("formation"), ("armed_forces",)),
            ),
            STARTED,
            NOT_ENDED,
        ),
    ),
)

CITIZEN_NOT_EXPELLED = Ground(
    "ru.const.61.1",
    BARS,
    RUSSIAN_CITIZEN,
    "A Russian citizen may not be expelled from Russia (nor extradited); the removal measures apply to foreigners only.",
)
EXPULSION_BAR = Ground(
    "ru.koap.4.1.expulsion_bar",
    NO_EFFECT_ON_EXTRADITION,
    FOREIGN_CONTRACT_SERVICEMAN,
    "No administrative expulsion of a foreign or stateless contract serviceman; a fine or compulsory work instead.",
)
DEPORTATION_BAR = Ground(
    "ru.fz115.deportation_bar",
    NO_EFFECT_ON_EXTRADITION,
    FOREIGN_CONTRACT_SERVICEMAN,
    "No deportation of a foreign or stateless person who serves or served under contract.",
)
DECREE_DEPORTATION_SHIELD = Ground(
    "ru.decree.2024-12-30.deportation_shield",
    NO_EFFECT_ON_EXTRADITION,
    And(FOREIGN_OR_STATELESS, UNLAWFULLY_PRESENT, DEFENCE_MINISTRY_CONTRACT),
    "Unlawfully present migrants who sign a Defence Ministry contract are protected from deportation (decree of 30.12.2024).",
)
READMISSION_BAR = Ground(
    "ru.fz115.readmission_bar",
    NO_EFFECT_ON_EXTRADITION,
    FOREIGN_CONTRACT_SERVICEMAN,
    "No transfer under a readmission agreement of a foreign or stateless person who serves or served under contract.",
)
UNDESIRABILITY_BAR = Ground(
    "ru.fz114.undesirability_bar",
    NO_EFFECT_ON_EXTRADITION,
    FOREIGN_CONTRACT_SERVICEMAN,
    "No decision that the stay of a foreign or stateless person who serves or served under contract is undesirable.",
)
RESIDENCE_PERMIT_BAR = Ground(
    "ru.fz115.residence_permit_bar",
    NO_EFFECT_ON_EXTRADITION,
    FOREIGN_CONTRACT_SERVICEMAN,
    "No cancellation of the residence permit of a foreign or stateless person who serves or served under contract.",
)


@dataclass(frozen=True)
class Route:
    """A way a person can be made to leave Russia, and the shields that close it."""

    id: str
    title: str
    shields: tuple[Ground, ...]
    if_closed: str  # what happens instead, or what closing it means


ROUTES: tuple[Route, ...] = (
    Route(
        "administrative_expulsion",
        N_("Administrative expulsion (выдворение) under the Code of Administrative Offences"),
        (CITIZEN_NOT_EXPELLED, EXPULSION_BAR),
        N_(
            "Instead of expulsion: a fine of 1,000-50,000 roubles or 100-200 hours of compulsory work, and possibly a "
            "ban of one to seven years on attending official sports events (as reported; bill text not read)."
        ),
    ),
    Route(
        "deportation",
        N_("Deportation (депортация) under Federal Law No. 115-FZ"),
        (CITIZEN_NOT_EXPELLED, DEPORTATION_BAR, DECREE_DEPORTATION_SHIELD),
        N_(
            "No deportation decision may be taken; the companion bill would also annul deportation decisions taken "
            "after 24.02.2022 (reported at first reading only)."
        ),
    ),
    Route(
        "readmission",
        N_("Transfer to a foreign state under a readmission agreement (115-FZ)"),
        (CITIZEN_NOT_EXPELLED, READMISSION_BAR),
        N_("No decision to transfer the person under a readmission agreement may be taken."),
    ),
    Route(
        "undesirability_of_stay",
        N_("Decision that the person's stay in Russia is undesirable (114-FZ)"),
        (CITIZEN_NOT_EXPELLED, UNDESIRABILITY_BAR),
        N_(
            "No decision on the undesirability of stay (which leads to an entry ban and an obligation to leave) may be taken."
        ),
    ),
    Route(
        "residence_permit_cancellation",
        N_("Cancellation of a residence permit (115-FZ)"),
        (CITIZEN_NOT_EXPELLED, RESIDENCE_PERMIT_BAR),
        N_("The residence permit may not be cancelled."),
    ),
)

__all__ = ["ROUTES", "Route"]
