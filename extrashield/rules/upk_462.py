"""Criminal Procedure Code, Art. 462: the conditions of extradition (treaty or reciprocity, double
criminality, the penalty thresholds, the specialty guarantees). A condition that fails bars extradition."""

from __future__ import annotations

from extrashield.engine.expr import UNKNOWN, And, Cmp, Cond, Const, Field, IfNull, Is, Not, Or
from extrashield.engine.grounds import BARS, Ground
from extrashield.i18n import N_

OFFENSE = "request.offense."

NO_LEGAL_BASIS = Cond(
    "no_treaty_or_reciprocity",
    N_("the request rests on neither a treaty nor reciprocity"),
    Is(Field("request.legal_basis"), ("none",)),
)
NOT_CRIMINAL_IN_RUSSIA = Cond(
    "not_criminal_in_russia",
    N_("the act is not punishable under Russian criminal law"),
    Not(Field(OFFENSE + "crime_under_russian_law")),
)
NOT_CRIMINAL_IN_REQUESTING_STATE = Cond(
    "not_criminal_in_requesting_state",
    N_("the act is not punishable under the law of the requesting state"),
    Not(Field(OFFENSE + "crime_under_requesting_law")),
)

NO_BASIS_OR_DOUBLE_CRIMINALITY = Ground(
    provision="ru.upk.462.1",
    effect=BARS,
    test=Or(NO_LEGAL_BASIS, NOT_CRIMINAL_IN_RUSSIA, NOT_CRIMINAL_IN_REQUESTING_STATE),
    summary="Extradition needs a treaty or reciprocity, and an act punishable under both laws.",
)

FOR_PROSECUTION = Cond(
    "for_prosecution",
    N_("extradition is requested for prosecution"),
    Is(Field("request.purpose"), ("prosecution",)),
)
FOR_SENTENCE = Cond(
    "for_sentence",
    N_("extradition is requested to enforce a sentence"),
    Is(Field("request.purpose"), ("sentence",)),
)

# The maximum imprisonment is the stated term, or life imprisonment when no term is stated. A stated term of
# one year or less rules life imprisonment out (it exists only for especially grave crimes, punishable by
# more than ten years: Criminal Code Arts. 15(5), 57(1)), so life is then not asked about; a case stating
# both is refused (`case.check_consistency`).
PENALTY_OVER_ONE_YEAR = Cond(
    "penalty_over_one_year",
    N_(
        "Russian criminal law punishes the act with imprisonment of more than one year (or a harsher penalty)"
    ),
    IfNull(
        Field(OFFENSE + "max_penalty_years"),
        Or(Is(Field(OFFENSE + "life_imprisonment"), (True,)), UNKNOWN),
        Cmp(">", Field(OFFENSE + "max_penalty_years"), Const(1)),
    ),
)

PENALTY_TOO_LOW = Ground(
    provision="ru.upk.462.3.1",
    effect=BARS,
    test=And(FOR_PROSECUTION, Not(PENALTY_OVER_ONE_YEAR)),
    summary="For prosecution, the Russian maximum penalty must exceed one year of imprisonment.",
)

SENTENCE_UNDER_SIX_MONTHS = Cond(
    "sentence_under_six_months",
    N_("the imprisonment imposed is less than six months"),
    Cmp("<", Field(OFFENSE + "sentence_years"), Const(0.5)),
)

SENTENCE_TOO_SHORT = Ground(
    provision="ru.upk.462.3.2",
    effect=BARS,
    test=And(FOR_SENTENCE, SENTENCE_UNDER_SIX_MONTHS),
    summary="To enforce a sentence, the imprisonment imposed must be at least six months.",
)

NO_GUARANTEES = Ground(
    provision="ru.upk.462.3.3",
    effect=BARS,
    test=Or(
        Cond(
            "no_specialty_guarantee",
            N_(
                "the requesting state has not guaranteed specialty (prosecution only for the offence in the request, freedom to leave)"
            ),
            Not(Field("request.guarantees.specialty")),
        ),
        Cond(
            "no_onward_guarantee",
            N_("the requesting state has not guaranteed no onward extradition without Russia's consent"),
            Not(Field("request.guarantees.no_onward_extradition")),
        ),
    ),
    summary="The requesting state must guarantee specialty and no onward extradition.",
)
