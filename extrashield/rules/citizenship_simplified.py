"""Who may apply for Russian citizenship under a simplified procedure for contract service, on a date.

Law: extrashield/law/ru/citizenship/simplified.yaml: the September 2022 amendment of Law 62-FZ (until
26.10.2023), the Decree of 30.09.2022 (amended May 2023), Decree No. 10 of 04.01.2024 (under Art. 16(9)
of Law 138-FZ) and the temporary procedure of the decree of 05.11.2025. Each is a route: the person may
apply if any route in force is open. Each criterion gives the test of its provision's first version and,
for each later version that changes it, that version's id in the law data with its test.

A grant of citizenship moves the person from Art. 464(1)(7) CPC to Art. 61(1) of the Constitution and
Art. 464(1)(1) CPC: see `extrashield.facts.whatif.grant_russian_citizenship`.

Choices where the sources are silent (docs/case-format.md lists them):
- "serving during the special military operation" (Decree No. 10, (a)) is read as serving on the
  decision date; a discharged person comes in through (b) or through a contract concluded from 24.02.2022.
- the term of a contract: the stated `contract_term_years`, else a contract that ran a year counts.
- family members: the relative's contract is checked; the relative's own sex and age (temporary
  procedure: men aged 18-65) are not, for want of those facts.
"""

from __future__ import annotations

from extrashield.engine.expr import And, Any_, Choose, Cond, Const, Expr, Field, Is, Item, Not, Or
from extrashield.i18n import N_
from extrashield.rules.contract_terms import (
    BEGAN,
    CONCLUDED_DURING_SMO,
    DISCHARGED_DURING_SMO,
    DISCHARGED_ON_LISTED_GROUND,
    MILITARY_CONTRACT,
    SERVED_DURING_SMO,
    SERVED_THREE_YEARS,
    SERVING,
    TERM_AT_LEAST_ONE_YEAR,
)
from extrashield.rules.personal_status import FOREIGN_CITIZEN, NOT_RUSSIAN_CITIZEN, age_between, citizen_of
from extrashield.services.eligibility import ROUTE, Criterion, EligibilityRules

SERVICE = "person.military_service"
FAMILY = "person.family_in_service"

STATUTE_62FZ = "ru.citizenship.simplified.contract_service_law"
DECREE_2022 = "ru.citizenship.simplified.decree_2022"
DECREE_10 = "ru.citizenship.simplified.decree_10"
TEMPORARY_2025 = "ru.citizenship.simplified.temporary_procedure_2025"
PRESIDENTIAL_CATEGORIES = "ru.citizenship.simplified.presidential_categories"

SPOUSE_CHILD_PARENT = Cond(
    "spouse_child_or_parent",
    N_("the person is the spouse, child or parent of the serviceman"),
    Is(Item("relation"), ("spouse", "child", "parent")),
)


def own_contract(key: str, text: str, pred: Expr) -> Cond:
    return Cond(key, text, Any_(SERVICE, pred))


def relative_contract(key: str, text: str, relation: Expr, pred: Expr) -> Cond:
    return Cond(key, text, Any_(FAMILY, And(relation, pred)))


# --- Law 62-FZ (the old citizenship law), by version ----------------------------------------------------

_THREE_YEARS = And(MILITARY_CONTRACT, SERVED_THREE_YEARS)
_ONE_YEAR_CONTRACT = And(MILITARY_CONTRACT, BEGAN, TERM_AT_LEAST_ONE_YEAR)

STATUTE = Criterion(
    STATUTE_62FZ,
    ROUTE,
    test=And(
        FOREIGN_CITIZEN,
        own_contract(
            "three_years_service",
            N_("served under a military contract for at least three years"),
            _THREE_YEARS,
        ),
    ),
    # the amending law of September 2022; 62-FZ lost force on 26.10.2023, with no version after
    from_version=(
        (
            "law-2022-09",
            And(
                FOREIGN_CITIZEN,
                own_contract(
                    "one_year_contract",
                    N_("concluded a military contract of at least one year"),
                    _ONE_YEAR_CONTRACT,
                ),
            ),
        ),
    ),
    summary="Law 62-FZ: three years' contract service; from September 2022, a contract of at least one year.",
)

# --- Decree of 30.09.2022 ----------------------------------------------------------------------------------

_SMO_YEAR_CONTRACT = And(MILITARY_CONTRACT, BEGAN, CONCLUDED_DURING_SMO, TERM_AT_LEAST_ONE_YEAR)

DECREE_2022_RULE = Criterion(
    DECREE_2022,
    ROUTE,
    # The original version: a contract (a six months' combat condition rests on one weak source and is
    # not applied: open question combat_requirement).
    test=own_contract(
        "concluded_contract", N_("concluded a military-service contract"), And(MILITARY_CONTRACT, BEGAN)
    ),
    from_version=(
        (
            "decree-690-amended-2023",
            Or(
                own_contract(
                    "smo_one_year_contract",
                    N_(
                        "concluded, during the special military operation, a military contract of at least one year"
                    ),
                    _SMO_YEAR_CONTRACT,
                ),
                relative_contract(
                    "family_of_smo_contractor",
                    N_("is the spouse, child or parent of someone who concluded such a contract"),
                    SPOUSE_CHILD_PARENT,
                    _SMO_YEAR_CONTRACT,
                ),
            ),
        ),
    ),
    summary="Decree of 30.09.2022: contract servicemen; from May 2023, a one-year contract during the SMO, and family.",
)

# --- Decree No. 10 of 04.01.2024 -------------------------------------------------------------------------

MINIMUM_TERM_10 = Cond(
    "decree10_minimum_term",
    N_(
        "the contract meets the minimum term of Decree No. 10 (none under the default reading; one year under decree10.minimum_service=one_year)"
    ),
    Choose(
        "decree10.minimum_service", (("any_contract", Const(True)), ("one_year", TERM_AT_LEAST_ONE_YEAR.x))
    ),
)
_LIMB_A = And(MILITARY_CONTRACT, BEGAN, Or(CONCLUDED_DURING_SMO, SERVING), MINIMUM_TERM_10)
_LIMB_B = And(MILITARY_CONTRACT, DISCHARGED_DURING_SMO, DISCHARGED_ON_LISTED_GROUND)

DECREE_10_RULE = Criterion(
    DECREE_10,
    ROUTE,
    test=And(
        FOREIGN_CITIZEN,
        Or(
            own_contract(
                "decree10_a",
                N_("(a) concluded a military contract during the special military operation, or is serving"),
                _LIMB_A,
            ),
            own_contract(
                "decree10_b",
                N_(
                    "(b) was discharged during the special military operation for health, age or end of contract"
                ),
                _LIMB_B,
            ),
            relative_contract(
                "decree10_c",
                N_("(c) is the spouse, child or parent of a person under (a) or (b)"),
                SPOUSE_CHILD_PARENT,
                Or(_LIMB_A, _LIMB_B),
            ),
        ),
    ),
    summary="Decree No. 10: contract servicemen of the SMO, those discharged for health, age or end of contract, and their spouses, children and parents.",
)

# --- Temporary procedure, decree of 05.11.2025 ----------------------------------------------------------

MALE = Cond("male", N_("the person is a man"), Is(Field("person.sex"), ("male",)))
CAPABLE = Cond("legally_capable", N_("the person has full legal capacity"), Field("person.legally_capable"))
NOT_BELARUSIAN = Cond(
    "not_citizen_of_belarus",
    N_("the person is not a citizen of Belarus (the temporary procedure does not apply to them)"),
    Not(citizen_of("BY", "citizen_of_belarus", N_("the person is a citizen of Belarus")).x),
)
# "concluded after 24.02.2022 a contract of at least one year, or served in that period under an earlier
# contract, including those discharged for age, health or expiry of the contract": a contract that ended
# must have ended on one of those grounds.
_QUALIFYING_2025 = And(
    MILITARY_CONTRACT,
    BEGAN,
    Or(And(CONCLUDED_DURING_SMO, TERM_AT_LEAST_ONE_YEAR), SERVED_DURING_SMO),
    Cond(
        "serving_or_discharged_on_listed_ground",
        N_("still serving, or discharged for health, age or end of contract"),
        Or(SERVING.x, DISCHARGED_ON_LISTED_GROUND.x),
    ),
)
RELATIVE_2025 = Cond(
    "covered_relative",
    N_("the person is the serviceman's spouse or child (parents only under temporary_2025.parents=included)"),
    Choose(
        "temporary_2025.parents",
        (
            ("excluded", Is(Item("relation"), ("spouse", "child"))),
            ("included", Is(Item("relation"), ("spouse", "child", "parent"))),
        ),
    ),
)

TEMPORARY_2025_RULE = Criterion(
    TEMPORARY_2025,
    ROUTE,
    test=And(
        NOT_BELARUSIAN,
        Or(
            Cond(
                "temporary_2025_own",
                N_("a capable man aged 18 to 65 with a qualifying contract"),
                And(
                    MALE,
                    age_between(18, 65),
                    CAPABLE,
                    own_contract(
                        "qualifying_contract_2025",
                        N_(
                            "a contract of at least one year concluded from 24.02.2022, or service in that period"
                        ),
                        _QUALIFYING_2025,
                    ),
                ),
            ),
            relative_contract(
                "temporary_2025_family",
                N_("the spouse or child of a serviceman with a qualifying contract"),
                RELATIVE_2025,
                _QUALIFYING_2025,
            ),
        ),
    ),
    summary="Temporary procedure of 05.11.2025: men aged 18-65 with a one-year contract since 24.02.2022 or service in that period, and family; not Belarus citizens.",
)

CITIZENSHIP = EligibilityRules(
    question="citizenship",
    title=N_(
        "May the person apply for Russian citizenship under a simplified procedure for contract service (or as family)?"
    ),
    scope=NOT_RUSSIAN_CITIZEN,
    scope_text=N_("A Russian citizen has nothing to apply for."),
    criteria=(STATUTE, DECREE_2022_RULE, DECREE_10_RULE, TEMPORARY_2025_RULE),
    notes=(PRESIDENTIAL_CATEGORIES,),
)
