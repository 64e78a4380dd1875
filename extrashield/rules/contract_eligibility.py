"""Who may conclude a military-service contract as a foreign citizen or stateless person, on a date.

Law: extrashield/law/ru/military/contract-eligibility.yaml (Art. 34 of Federal Law No. 53-FZ, Decree
No. 823 of 14.11.2022, Federal Law No. 269-FZ of 24.06.2023, the law in force from 07.07.2025 and the
decree of December 2025). Each criterion gives the test of its provision's first version and, for each
later version that changes it, that version's id in the law data with its test (engine/dated.py).

Eligible = not a Russian citizen, AND (may contract as a foreign citizen OR as a stateless person),
AND the fitness requirement AND the convictions requirement of the version in force.

Stateless persons: the rules follow 07.07.2025 (Vedomosti 09.09.2025, zaks.ru), not "July 2024" (The
Moscow Times 09.03.2026, RTVI 08.03.2026); reading `stateless.start_date=from_2024_07` models the other
claim, and the answer shows both claims (figures ledger, quantity `stateless_contract_eligible_from`).
The informal 2026 country blacklist is a media report and decides nothing here; the answer shows it
apart (`extrashield.sources.blacklist`).
"""

from __future__ import annotations

import datetime as dt

from extrashield.engine.expr import DECISION_DATE, UNKNOWN, And, Choose, Cmp, Cond, Const, Field, Is, Not, Or
from extrashield.i18n import N_
from extrashield.rules.personal_status import (
    FOREIGN_CITIZEN,
    NOT_RUSSIAN_CITIZEN,
    STATELESS,
    age_at_least,
    age_between,
)
from extrashield.services.eligibility import REQUIREMENT, ROUTE, Criterion, EligibilityRules

FOREIGNERS = "ru.military.contract.foreigners"
STATELESS_PERSONS = "ru.military.contract.stateless"
FITNESS = "ru.military.contract.limited_fitness"
CONVICTIONS = "ru.military.contract.expunged_convictions"
FIRST_TERM = "ru.military.contract.first_term"

# The first day of the month in the claim "July 2024" (figures ledger: mt_stateless_from_2024). A reported
# claim compared with the decision date under a reading, not a version's date: the law data has no
# version from July 2024 (reading stateless.start_date).
REPORTED_JULY_2024 = dt.date(2024, 7, 1)

LAWFULLY_PRESENT = Cond(
    "lawfully_in_russia",
    N_("the person is lawfully present in Russia"),
    Field("person.lawfully_in_russia"),
)

AS_FOREIGN_CITIZEN = Criterion(
    FOREIGNERS,
    ROUTE,
    # before Decree No. 823: foreign citizens aged 18 to 30 lawfully present in Russia (recalled [M])
    test=And(FOREIGN_CITIZEN, age_between(18, 30), LAWFULLY_PRESENT),
    from_version=(
        # Decree No. 823: foreign citizens, including in peacetime; no upper age or presence condition is
        # stated in the sources read, and the general minimum age of contract service, 18, is kept (open
        # question foreigners.age_limit)
        ("decree-823", And(FOREIGN_CITIZEN, age_at_least(18))),
    ),
    summary="A foreign citizen may conclude a contract (conditions of the version in force).",
)

STATELESS_ALLOWED_YET = Cond(
    "stateless_persons_admitted",
    N_(
        "the law in force admitted stateless persons to contract service on the decision date (the rules follow "
        "the law in force from 07.07.2025, not the July 2024 date reported by The Moscow Times and RTVI)"
    ),
    Choose(
        "stateless.start_date",
        (
            ("from_2025_07_07", Const(False)),
            ("from_2024_07", Cmp(">=", DECISION_DATE, Const(REPORTED_JULY_2024))),
        ),
    ),
)

AS_STATELESS_PERSON = Criterion(
    STATELESS_PERSONS,
    ROUTE,
    # the minimum age of 18 as for foreign citizens (open question foreigners.age_limit)
    test=And(STATELESS, STATELESS_ALLOWED_YET, age_at_least(18)),
    # the law of July 2025 admits stateless persons; the decree of December 2025 keeps its test
    from_version=(("law-2025-07", And(STATELESS, age_at_least(18))),),
    summary="A stateless person may conclude a contract (from 07.07.2025).",
)

FIT = Cond(
    "fit",
    N_("the military-medical commission found the person fit for military service"),
    Is(Field("person.fitness"), ("fit",)),
)
LIMITED = Cond(
    "limited_fitness",
    N_("the person was found of limited fitness"),
    Is(Field("person.fitness"), ("limited",)),
)
MOBILISATION = Cond(
    "mobilisation_period",
    N_("the decision date falls in a period of mobilisation, martial law or wartime"),
    Choose("contract.mobilisation_period", (("ongoing", Const(True)), ("ended", Const(False)))),
)
NO_LISTED_DISEASE = Cond(
    "no_listed_disease",
    N_("the person has no disease on the Defence Ministry's list"),
    Not(Field("person.fitness_listed_disease")),
)

# 269-FZ names citizens and foreign citizens; whether its exception reaches stateless persons (admitted from
# 07.07.2025) is open (limited_fitness.stateless_persons): for them the exception gives unknown.
NAMED_BY_269 = Cond(
    "limited_fitness_class_named",
    N_(
        "the person is a citizen or a foreign citizen, whom 269-FZ names (for a stateless person it is open whether "
        "the exception reaches him: unknown)"
    ),
    Or(Not(STATELESS), UNKNOWN),
)

FITNESS_MET = Criterion(
    FITNESS,
    REQUIREMENT,
    test=FIT,
    from_version=(("269-fz", Or(FIT, And(LIMITED, MOBILISATION, NO_LISTED_DISEASE, NAMED_BY_269))),),
    summary="Fit for service; from 269-FZ, limited fitness suffices during mobilisation unless a listed disease.",
)

NO_PRISON = Cond(
    "no_prison_sentence",
    N_("the person has not served a prison sentence"),
    Is(Field("person.prison_sentence"), ("none",)),
)
EXPUNGED = Cond(
    "conviction_expunged",
    N_("the person served a prison sentence and the conviction is expunged"),
    Is(Field("person.prison_sentence"), ("expunged",)),
)
# An unexpunged conviction after 269-FZ: the sources read do not say (open question
# expunged_convictions.scope), so the answer stays unknown rather than guessing either way.
NOT_EXPUNGED_UNSETTLED = Cond(
    "unexpunged_conviction_unsettled",
    N_(
        "the person served a prison sentence and the conviction is not expunged (whether this bars a contract is not settled in the sources)"
    ),
    And(Is(Field("person.prison_sentence"), ("not_expunged",)), UNKNOWN),
)

CONVICTIONS_MET = Criterion(
    CONVICTIONS,
    REQUIREMENT,
    # before 269-FZ: a served prison sentence barred a contract even after expungement
    test=NO_PRISON,
    from_version=(("269-fz", Or(NO_PRISON, EXPUNGED, NOT_EXPUNGED_UNSETTLED)),),
    summary="No prison sentence served; from 269-FZ, an expunged conviction no longer bars a contract.",
)

CONTRACT = EligibilityRules(
    question="contract",
    title=N_(
        "May the person conclude a military-service contract with Russia as a foreign citizen or stateless person?"
    ),
    scope=NOT_RUSSIAN_CITIZEN,
    scope_text=N_(
        "These rules cover foreign citizens and stateless persons; Russian citizens contract under the general rules (not modelled)."
    ),
    criteria=(AS_FOREIGN_CITIZEN, AS_STATELESS_PERSON, FITNESS_MET, CONVICTIONS_MET),
    notes=(FIRST_TERM,),
)
