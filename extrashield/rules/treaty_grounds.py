"""The treaties' own conditions, each a test over the case's facts, to compare with the Code's grounds.

A treaty file's refusal ground that `covers` a ground of the Code (docs/treaties-and-states.md) says which
ground it corresponds to, not that the two have the same condition: the European Convention obliges
extradition for an act punishable by at least one year, where the Code bars it unless the maximum is more
than one year. So each such entry has its own test here, keyed by the treaty and the entry's id: true
where the treaty lets Russia refuse on that ground (a refusal ground that applies, or a condition of the
duty to extradite that is not met), false where the treaty obliges extradition although the Code's ground
applies. `services/treaty_collision.py` compares the two on the case, so a collision is raised exactly where
they give different outcomes; `tests/treaties/test_treaty_grounds.py` walks every `covers` of the data and
finds its test here.

What the case format does not hold stays unknown, as a labelled condition on `UNKNOWN`: the part of a
sentence still to be served, a threshold cut off in the text read, a provision whose reach the text read
does not settle. Conditions on the requesting state's own law (its penalty, its limitation period) belong
to the treaty's duty as a whole, stated with the duty in the collision question; the Code has no such
condition to compare them with, so they are not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from extrashield.engine.expr import UNKNOWN, And, Cmp, Cond, Const, Expr, Field, IfNull, Is, Not, Or
from extrashield.i18n import N_
from extrashield.rules import constitution_63, upk_462, upk_464
from extrashield.rules.status import RUSSIAN_CITIZEN

OFFENSE = "request.offense."
SAME = N_("the same condition as the Code's")  # `compared` is said in words: marked, translated where shown


@dataclass(frozen=True)
class TreatyTest:
    """One treaty condition. `covers` repeats the treaty file's `covers` (a test checks they agree);
    `compared` says in words how the condition stands to the Code's."""

    treaty: str
    ground: str
    covers: str
    test: Expr
    compared: str


# --- the Russian maximum penalty against a one-year threshold ------------------------------------------

MAX = Field(OFFENSE + "max_penalty_years")
LIFE = Is(Field(OFFENSE + "life_imprisonment"), (True,))

AT_LEAST_ONE_YEAR = Cond(
    "penalty_at_least_one_year",
    N_("Russian criminal law punishes the act with imprisonment of at least one year (or a harsher penalty)"),
    IfNull(MAX, Or(LIFE, UNKNOWN), Cmp(">=", MAX, Const(1))),
)
BELOW_ONE_YEAR = And(upk_462.FOR_PROSECUTION, Not(AT_LEAST_ONE_YEAR))
AT_LEAST_ONE_YEAR_VS_CODE = N_(
    "at least one year where the Code requires more than one year: they part at a maximum of exactly one year"
)

# Russia-China Art. 2(1): «一年以上» may include exactly one year or render the Code's "more than one year".
CN_THRESHOLD_MET = Cond(
    "penalty_reaches_cn_threshold",
    N_(
        "Russian criminal law punishes the act with imprisonment of «一年以上» (one year or more, or more than one "
        "year), or a harsher penalty"
    ),
    IfNull(
        MAX,
        Or(LIFE, UNKNOWN),
        Or(
            Cmp(">", MAX, Const(1)),
            And(
                Cmp(">=", MAX, Const(1)),
                Cond(
                    "cn_one_year_included",
                    N_(
                        "for Russia «一年以上» includes a maximum of exactly one year (the Russian text was not read)"
                    ),
                    UNKNOWN,
                ),
            ),
        ),
    ),
)
CN_BELOW_THRESHOLD = And(upk_462.FOR_PROSECUTION, Not(CN_THRESHOLD_MET))

# --- sentences to enforce --------------------------------------------------------------------------------

SENTENCE = Field(OFFENSE + "sentence_years")
UNDER_FOUR_MONTHS = And(
    upk_462.FOR_SENTENCE,
    Cond(
        "sentence_under_four_months",
        N_("the imprisonment imposed is less than four months (4/12 of a year)"),
        Cmp("<", SENTENCE, Const(4 / 12)),
    ),
)
UNDER_SIX_MONTHS = And(upk_462.FOR_SENTENCE, upk_462.SENTENCE_UNDER_SIX_MONTHS)
# less than six months imposed is less than six months left to serve; more imposed may still leave less
REMAINING_UNDER_SIX_MONTHS = And(
    upk_462.FOR_SENTENCE,
    Or(
        upk_462.SENTENCE_UNDER_SIX_MONTHS,
        Cond(
            "remaining_under_six_months",
            N_(
                "less than six months of the sentence remain to be served (the case gives the sentence imposed, not what remains)"
            ),
            UNKNOWN,
        ),
    ),
)
BR_REMAINING_BELOW = And(
    upk_462.FOR_SENTENCE,
    Cond(
        "remaining_below_br_threshold",
        N_(
            "the part of the sentence still to be served is below Art. 2(2)'s threshold (cut off at «не менее од…»; "
            "the case does not give the part still to be served)"
        ),
        UNKNOWN,
    ),
)

# --- other grounds -------------------------------------------------------------------------------------

DOUBLE_CRIMINALITY = Or(upk_462.NOT_CRIMINAL_IN_RUSSIA, upk_462.NOT_CRIMINAL_IN_REQUESTING_STATE)
FINAL_JUDGMENT = Cond(
    "same_act_final_judgment",
    N_("in Russia, for the same act, a judgment has become final"),
    Is(Field("russian_proceedings.same_act"), ("final_judgment",)),
)
TERMINATED = Cond(
    "same_act_terminated",
    N_("in Russia, proceedings for the same act were terminated (or not brought)"),
    Is(Field("russian_proceedings.same_act"), ("terminated",)),
)
IN_RUSSIA = Cond(
    "committed_in_russia",
    N_("the act was committed on Russian territory"),
    Field(OFFENSE + "committed_in_russia"),
)
# ECE Art. 7(2) (recalled): an act committed outside the requesting state's territory may be refused in some
# cases. The case says whether the act was against Russia's interests abroad, not where abroad.
ECE_PLACE = Or(
    IN_RUSSIA,
    And(
        Cond(
            "against_russian_interests",
            N_("the act was committed abroad against the interests of Russia"),
            Field(OFFENSE + "against_russian_interests"),
        ),
        Cond(
            "ece_art7_2_reaches_it",
            N_(
                "Art. 7(2) allows refusal of this act committed abroad (where abroad, and whether Russian law would "
                "prosecute such an act, the case does not say)"
            ),
            UNKNOWN,
        ),
    ),
)
PLACE_ONLY = N_(
    "only an act committed on the requested party's territory, where the Code also covers acts abroad against Russia's interests"
)

TESTS: tuple[TreatyTest, ...] = (
    # European Convention on Extradition
    TreatyTest("ece-1957", "ece.art2.double_criminality", "ru.upk.462.1", DOUBLE_CRIMINALITY, SAME),
    TreatyTest(
        "ece-1957", "ece.art2.penalty_threshold", "ru.upk.462.3.1", BELOW_ONE_YEAR, AT_LEAST_ONE_YEAR_VS_CODE
    ),
    TreatyTest(
        "ece-1957",
        "ece.art2.sentence_threshold",
        "ru.upk.462.3.2",
        UNDER_FOUR_MONTHS,
        N_("at least four months where the Code requires six: they part between four and six months"),
    ),
    TreatyTest(
        "ece-1957",
        "ece.art3.political_offence",
        "ru.const.63.2",
        constitution_63.POLITICAL_PERSECUTION,
        N_("a political offence; the Constitution's ground prevails over any treaty anyway"),
    ),
    TreatyTest(
        "ece-1957",
        "ece.art3.persecution",
        "ru.const.63.2",
        constitution_63.POLITICAL_PERSECUTION,
        N_("persecution on political grounds; the Constitution's ground prevails over any treaty anyway"),
    ),
    TreatyTest("ece-1957", "ece.art3.persecution_asylum", "ru.upk.464.1.2", upk_464.ASYLUM.test, SAME),
    TreatyTest("ece-1957", "ece.art6.own_national", "ru.upk.464.1.1", RUSSIAN_CITIZEN, SAME),
    TreatyTest(
        "ece-1957",
        "ece.art7.place_of_commission",
        "ru.upk.464.2.1",
        ECE_PLACE,
        N_("an act in the requested party's territory, and an act abroad only in some cases (Art. 7(2))"),
    ),
    TreatyTest(
        "ece-1957", "ece.art8.pending_proceedings", "ru.upk.464.2.2", upk_464.PROSECUTED_IN_RUSSIA.test, SAME
    ),
    TreatyTest(
        "ece-1957",
        "ece.art9.final_judgment",
        "ru.upk.464.1.3",
        FINAL_JUDGMENT,
        N_("a final judgment (mandatory); with Art. 9's second sentence, the Code's condition"),
    ),
    TreatyTest(
        "ece-1957",
        "ece.art9.decision_not_to_prosecute",
        "ru.upk.464.1.3",
        TERMINATED,
        N_("proceedings terminated (optional); with Art. 9's first sentence, the Code's condition"),
    ),
    TreatyTest(
        "ece-1957",
        "ece.art10.lapse_of_time",
        "ru.upk.464.1.4",
        upk_464.LIMITATION_EXPIRED,
        N_("lapse of time only, where the Code also bars on another lawful ground"),
    ),
    # Minsk Convention
    TreatyTest("minsk-1993", "minsk.art56.double_criminality", "ru.upk.462.1", DOUBLE_CRIMINALITY, SAME),
    TreatyTest(
        "minsk-1993",
        "minsk.art56.penalty_threshold",
        "ru.upk.462.3.1",
        BELOW_ONE_YEAR,
        AT_LEAST_ONE_YEAR_VS_CODE,
    ),
    TreatyTest("minsk-1993", "minsk.art56.sentence_threshold", "ru.upk.462.3.2", UNDER_SIX_MONTHS, SAME),
    TreatyTest("minsk-1993", "minsk.art57.own_national", "ru.upk.464.1.1", RUSSIAN_CITIZEN, SAME),
    TreatyTest(
        "minsk-1993",
        "minsk.art57.limitation_or_other_lawful_ground",
        "ru.upk.464.1.4",
        upk_464.LIMITATION_OR_OTHER.test,
        SAME,
    ),
    TreatyTest(
        "minsk-1993", "minsk.art57.final_judgment", "ru.upk.464.1.3", upk_464.SAME_ACT_CLOSED.test, SAME
    ),
    TreatyTest(
        "minsk-1993",
        "minsk.art57.private_prosecution",
        "ru.upk.464.2.3",
        upk_464.PRIVATE_PROSECUTION.test,
        N_("the same condition, but refusal is mandatory where the Code only allows it"),
    ),
    TreatyTest("minsk-1993", "minsk.art57.place_of_commission", "ru.upk.464.2.1", IN_RUSSIA, PLACE_ONLY),
    # Chisinau Convention
    TreatyTest(
        "chisinau-2002",
        "chisinau.art66.penalty_threshold",
        "ru.upk.462.3.1",
        BELOW_ONE_YEAR,
        AT_LEAST_ONE_YEAR_VS_CODE,
    ),
    TreatyTest("chisinau-2002", "chisinau.refusal.own_national", "ru.upk.464.1.1", RUSSIAN_CITIZEN, SAME),
    TreatyTest(
        "chisinau-2002",
        "chisinau.refusal.limitation_or_other_lawful_ground",
        "ru.upk.464.1.4",
        upk_464.LIMITATION_OR_OTHER.test,
        SAME,
    ),
    TreatyTest(
        "chisinau-2002",
        "chisinau.refusal.final_judgment",
        "ru.upk.464.1.3",
        upk_464.SAME_ACT_CLOSED.test,
        SAME,
    ),
    TreatyTest(
        "chisinau-2002",
        "chisinau.refusal.private_prosecution",
        "ru.upk.464.2.3",
        upk_464.PRIVATE_PROSECUTION.test,
        N_("the same condition, but refusal is mandatory where the Code only allows it"),
    ),
    TreatyTest(
        "chisinau-2002", "chisinau.refusal.place_of_commission", "ru.upk.464.2.1", IN_RUSSIA, PLACE_ONLY
    ),
    TreatyTest(
        "chisinau-2002",
        "chisinau.refusal.refugee_or_persecution",
        "ru.upk.464.1.2",
        upk_464.ASYLUM.test,
        SAME,
    ),
    # Russia-Brazil treaty
    TreatyTest(
        "ru-br-extradition", "ru-br.art2.double_criminality", "ru.upk.462.1", DOUBLE_CRIMINALITY, SAME
    ),
    TreatyTest(
        "ru-br-extradition",
        "ru-br.art2.penalty_threshold",
        "ru.upk.462.3.1",
        BELOW_ONE_YEAR,
        AT_LEAST_ONE_YEAR_VS_CODE,
    ),
    TreatyTest(
        "ru-br-extradition",
        "ru-br.art2.remaining_sentence",
        "ru.upk.462.3.2",
        BR_REMAINING_BELOW,
        N_(
            "the part still to be served against a threshold cut off in the text read, where the Code looks at "
            "the sentence imposed (six months)"
        ),
    ),
    # Russia-China treaty
    TreatyTest(
        "ru-cn-extradition-1995", "ru-cn.art2.double_criminality", "ru.upk.462.1", DOUBLE_CRIMINALITY, SAME
    ),
    TreatyTest(
        "ru-cn-extradition-1995",
        "ru-cn.art2.penalty_threshold",
        "ru.upk.462.3.1",
        CN_BELOW_THRESHOLD,
        N_(
            "«一年以上», which may include a maximum of exactly one year, where the Code requires more than one year"
        ),
    ),
    TreatyTest(
        "ru-cn-extradition-1995",
        "ru-cn.art2.remaining_sentence",
        "ru.upk.462.3.2",
        REMAINING_UNDER_SIX_MONTHS,
        N_(
            "six months still to be served, where the Code requires six months imposed: they agree wherever the "
            "Code bars"
        ),
    ),
    TreatyTest("ru-cn-extradition-1995", "ru-cn.art3.own_national", "ru.upk.464.1.1", RUSSIAN_CITIZEN, SAME),
)

BY_GROUND: dict[tuple[str, str], TreatyTest] = {(t.treaty, t.ground): t for t in TESTS}


def treaty_test(treaty: str, ground: str) -> TreatyTest | None:
    """The test of the treaty's refusal ground `ground`, or None if it has none here."""
    return BY_GROUND.get((treaty, ground))
