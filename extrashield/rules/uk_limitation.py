"""Criminal Code Arts. 15, 78 and 83: has the Russian limitation period expired? (feeds Art. 464(1)(4))

Used only when the case leaves `russian_proceedings.limitation_expired` unknown; a stated value always
wins. The derivation is an ordinary rule expression, so the single-case explainer shows each step with
its citation and the batch engine interprets it unchanged.

Choices made here (each recorded as an open question in the law data):

- Category (Art. 15): the wording in force since 28.06.2019 is used for every act, whatever its date.
  Which wording applies to an older act (Arts. 9-10) is open (`art15.temporal_application`).
- Start of the period: the day of the crime (`offense.committed_on`, Art. 78(2)) for a request for
  prosecution; the day the sentence became final (`offense.sentence_final_on`, Art. 83(1)) for a
  request to enforce a sentence.
- Expiry day: a period of N years from day D has expired from D + N years + 1 day. On the anniversary
  itself it has not yet expired: the period "runs from the day of the crime" and, like a procedural
  period counted in years, ends at the end of the corresponding day of the last year (CPC Art. 128(2)).
  This is the later of the two possible days, so the tool never reports a bar one day too early;
  the other reading (expired on the anniversary) is open (`art78.expiry_day`).
- Suspension (Art. 78(3), Art. 83(2)): if the running was suspended we do not know for how long, so
  an otherwise elapsed period gives unknown; it can never make a period expire.
- Life imprisonment (Art. 78(4): an act punishable by it; Art. 83(3): a person sentenced to it, which a
  stated term of years imposed rules out): the court decides whether to apply limitation, so an
  elapsed period gives unknown. Life imprisonment is a "more severe penalty", so the act is especially
  grave (Art. 15(5)). When the case does not say whether the act carries life imprisonment, a maximum
  term of ten years or less, or a negligent act, rules it out: life imprisonment exists only for
  especially grave crimes (Art. 57(1), recalled, not in the law data: open question
  `art15.life_only_especially_grave`), and only intentional acts are especially grave (Art. 15(5)). A
  case stating life imprisonment with either is refused (`case.check_consistency`). Both articles also
  name the death penalty; `life_imprisonment` is read as covering it (open question `art78.4.death_penalty`).
- No limitation (Art. 78(5)): never expires.
- Unknown category: each period is also written "if the crime is of this category, this period has run",
  over all categories. The categories are exclusive and exhaustive, so on known facts this is the one
  period that applies, and it still finds an expired period when every possible one has run out (e.g.
  intent unknown, maximum seven years, eleven years ago). An unknown purpose is not joined this way (see
  PERIODS).
"""

from __future__ import annotations

from functools import cache

from extrashield.engine.expr import (
    DECISION_DATE,
    UNKNOWN,
    AddYears,
    And,
    Cmp,
    Cond,
    Const,
    Expr,
    Field,
    IfNull,
    Is,
    IsNull,
    Not,
    Or,
)
from extrashield.i18n import N_

OFFENSE = "request.offense."
PROC = "russian_proceedings."

MAX = Field(OFFENSE + "max_penalty_years")
INTENTIONAL = Field(OFFENSE + "intentional")
LIFE = Field(OFFENSE + "life_imprisonment")
COMMITTED_ON = Field(OFFENSE + "committed_on")
SENTENCE_FINAL_ON = Field(OFFENSE + "sentence_final_on")


def _above(years: int) -> Expr:
    return Cmp(">", MAX, Const(years))


def _at_most(years: int) -> Expr:
    return Cmp("<=", MAX, Const(years))


# --- Art. 15: categories by the maximum penalty, wording since 28.06.2019 ------------------------------
# An act punishable by life imprisonment is especially grave whatever its term of imprisonment, so the
# lower categories also need "not punishable by life imprisonment". Life imprisonment exists only for
# especially grave crimes (Art. 57(1), recalled: open question art15.life_only_especially_grave), which
# are intentional acts punishable by more than ten years (Art. 15(5)); so when the case does not say, a
# maximum of ten years or less, or a negligent act, rules it out; otherwise it stays unknown.
NOT_LIFE = Or(Not(LIFE), And(IsNull(LIFE), Or(_at_most(10), Not(INTENTIONAL))))
MINOR = And(NOT_LIFE, _at_most(3))
# Art. 15(3): intentional acts above three and up to five years, and negligent acts above three years. Written
# so that an act above three and up to five years is medium whatever its intent (both branches agree there):
# (3, 5] OR (negligent AND above 3) is the same set as the statute's, but needs no intent inside (3, 5].
MEDIUM = And(NOT_LIFE, Or(And(_above(3), _at_most(5)), And(Not(INTENTIONAL), _above(3))))
GRAVE = And(NOT_LIFE, INTENTIONAL, _above(5), _at_most(10))
ESPECIALLY_GRAVE = Or(Not(NOT_LIFE), And(INTENTIONAL, _above(10)))

CATEGORIES: tuple[tuple[str, str, str, Expr, int], ...] = (
    # (point of Arts. 78(1)/83(1), category, part of Art. 15, predicate, years)
    ("a", "a crime of minor gravity", "15(2)", MINOR, 2),
    ("b", "a crime of medium gravity", "15(3)", MEDIUM, 6),
    ("c", "a grave crime", "15(4)", GRAVE, 10),
    ("d", "an especially grave crime", "15(5)", ESPECIALLY_GRAVE, 15),
)
YEARS_IN_WORDS = {2: "two", 6: "six", 10: "ten", 15: "fifteen"}
# how the explanation says which day counts (open question art78.expiry_day / art83.expiry_day)
EXPIRY = " (the period runs to the end of its anniversary: expired from the day after)"


@cache  # one node per (start, years): the batch engine computes each node once
def elapsed(start: Expr, years: int) -> Expr:
    """`years` counted from `start` have run out by the decision date (expired the day after the
    anniversary; see the module docstring)."""
    return Cmp(">", DECISION_DATE, AddYears(start, Const(years)))


def _each_category(article: str, start: Expr, since: str) -> Expr:
    """For every category: if the crime is of that category, its period has elapsed. The categories of
    Art. 15 are exclusive and cover every act, so on known facts this is the period of the one category
    that applies; with the category unknown it is still true when every possible period has run out."""
    steps: list[Expr] = []
    for point, category, part, predicate, years in CATEGORIES:
        steps.append(
            Cond(
                f"art{article}_1_{point}_if",
                f"Criminal Code Art. {article}(1)({point}): if it is {category} (Art. {part}), "
                f"{YEARS_IN_WORDS[years]} years have passed since {since}{EXPIRY}",
                Or(Not(predicate), elapsed(start, years)),
            )
        )
    return And(*steps)


def _its_category(article: str, start: Expr, since: str) -> Expr:
    """Some category holds and its period has elapsed (Kleene OR): false when no possible period has run
    out, even with the category unknown."""
    steps: list[Expr] = []
    for point, category, part, predicate, years in CATEGORIES:
        steps.append(
            Cond(
                f"art{article}_1_{point}",
                f"Criminal Code Art. {article}(1)({point}): {YEARS_IN_WORDS[years]} years after {category} "
                f"(Art. {part}) have passed since {since}{EXPIRY}",
                And(predicate, elapsed(start, years)),
            )
        )
    return Or(*steps)


def _either(sure: Expr, other: Expr) -> Expr:
    """Two sound readings of the same question, each definite where the other may not be: `sure`, or
    `other` where `sure` is unknown (Kleene logic alone cannot join them; `sure` is computed once)."""
    return IfNull(sure, other, sure)


def _period(article: str, start: Expr, since: str) -> Expr:
    return _either(_each_category(article, start, since), _its_category(article, start, since))


PURPOSE = Field("request.purpose")
IS_PROSECUTION, IS_SENTENCE = Is(PURPOSE, ("prosecution",)), Is(PURPOSE, ("sentence",))
P78 = _period("78", COMMITTED_ON, "the day of the crime")
P83 = _period("83", SENTENCE_FINAL_ON, "the sentence became final")
# The purpose selects the article. (Joining "for each purpose, its period has run" as for the categories
# would also settle an unknown purpose when both periods have run out, but doubles the work of depends_on's
# search for every case; that rare case stays unknown, and the question is asked.)
PERIODS = Or(
    And(
        Cond(
            "limitation_purpose_prosecution",
            N_(
                "the request is for prosecution: Criminal Code Art. 78 applies, the period runs from the day of the crime"
            ),
            IS_PROSECUTION,
        ),
        P78,
    ),
    And(
        Cond(
            "limitation_purpose_sentence",
            N_(
                "the request is to enforce a sentence: Criminal Code Art. 83 applies, the period runs from the day the sentence became final"
            ),
            IS_SENTENCE,
        ),
        P83,
    ),
)

HAS_LIMITATION = Cond(
    "limitation_applies_to_act",
    N_("Criminal Code Art. 78(5): the act is not one to which no limitation period applies"),
    Not(Field(OFFENSE + "no_limitation")),
)
PERIOD_ELAPSED = Cond(
    "limitation_period_elapsed",
    N_(
        "the limitation period for the category of the crime has elapsed by the decision date "
        "(category under Criminal Code Art. 15 as worded since 28.06.2019)"
    ),
    PERIODS,
)
# A suspension of unknown length can only lengthen the period: true gives unknown, never false.
NOT_SUSPENDED = Cond(
    "limitation_not_suspended",
    N_(
        "Criminal Code Art. 78(3) / Art. 83(2): the running of the period was not suspended by evasion "
        "(if it was, its length is not known: unknown)"
    ),
    Or(Not(Field(PROC + "limitation_suspended")), UNKNOWN),
)
# Art. 78(4) concerns an act *punishable* by life imprisonment; Art. 83(3) a person *sentenced* to death or
# life imprisonment. A stated term of imprisonment imposed (`sentence_years`) is a sentence to a term, not to
# life; without it, a sentence to life is possible only for an act punishable by life.
NOT_SENTENCED_TO_LIFE = Or(Not(IsNull(Field(OFFENSE + "sentence_years"))), NOT_LIFE)
NO_COURT_DISCRETION = Cond(
    "limitation_no_court_discretion",
    N_(
        "Criminal Code Art. 78(4) / Art. 83(3): for prosecution, the act is not punishable by life imprisonment; "
        "for a sentence, the person was not sentenced to life imprisonment (a term of years was imposed, or the act "
        "is not punishable by life) (otherwise the court decides whether to apply limitation: unknown; life "
        "imprisonment not stated is ruled out by a maximum of ten years or less, or by a negligent act, Arts. 15(5), 57(1))"
    ),
    Or(And(Or(Not(IS_PROSECUTION), NOT_LIFE), Or(Not(IS_SENTENCE), NOT_SENTENCED_TO_LIFE)), UNKNOWN),
)

LIMITATION_EXPIRED_DERIVED = Cond(
    "limitation_expired_derived",
    N_(
        "the Russian limitation period has expired (not stated; derived from the offence under Criminal Code Arts. 15, 78 and 83)"
    ),
    And(HAS_LIMITATION, PERIOD_ELAPSED, NOT_SUSPENDED, NO_COURT_DISCRETION),
)
