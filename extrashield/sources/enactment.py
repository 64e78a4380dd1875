"""From a bill to a law that applies: the earliest day a bill, once adopted, could apply.

A bill binds no one. After the stage it reached, a federal law still needs the remaining readings in the
State Duma, approval by the Federation Council, the President's signature and official publication, and
applies only once it has entered into force. Each step still missing is counted at its minimum:

- No step has a minimum period that we know of. The Constitution sets only maximum periods: a law passed by
  the Duma goes to the Federation Council within five days and is approved by its vote or by not being
  considered within fourteen days (Art. 105(3)-(4)); an approved law goes to the President within five
  days, who signs and promulgates it within fourteen (Art. 107(1)-(2)). 50-FZ was signed and published on
  the same day (08.03.2026, law/history/bill-1075342-8.yaml), and the second and third readings of its
  bill fell on one day. So each missing step is taken on the day of the one before (0 days): the earliest
  day is a lower bound, never later than the real one. A longer minimum that may apply to some bills (the
  thirty days for the regions' comments on a bill of joint jurisdiction, recalled and not read) is not
  used, since it could only move the bound later.
- A federal law enters into force when ten days have run after the day of its official publication, unless
  it sets another date (Federal Law No. 5-FZ of 14.06.1994, art. 6, read only in a secondary statement).
  The first day in force is the eleventh after publication, as the law data dates 50-FZ (published
  08.03.2026, in force 19.03.2026). Applying that default to a bill whose text was not read is an
  inference: a law may enter into force on its publication, which the open questions
  `….start_if_adopted` of the law data record.

The sources of these rules are cited by those open questions; the computation is here, in one place
(`extrashield removal` reads a bill's shield from this day on, services/shields.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from extrashield.i18n import DEFAULT, N_, _, pgettext, using
from extrashield.i18n.conventions import text_day
from extrashield.sources.lawbook import Bill


@dataclass(frozen=True)
class Step:
    """A step from a bill to a law, with the least time it can take after the step before."""

    stage: str  # the stage it reaches (those of BILL_STAGES, then `signed` and `published`)
    words: str
    min_days: int
    basis: str  # why that minimum: the rule and where it is read, or what it rests on


# The steps every federal law takes after its introduction, in order (a committee's recommendation is no
# step of its own: the Duma may vote without one).
STEPS: Final = (
    Step(
        "first_reading",
        N_("first reading in the State Duma"),
        0,
        "no minimum period is known between introduction and the first reading",
    ),
    Step(
        "second_reading",
        N_("second reading in the State Duma"),
        0,
        "no minimum period is known between readings (the Duma's Rules of Procedure were not read)",
    ),
    Step(
        "third_reading",
        N_("third reading in the State Duma"),
        0,
        "no minimum period is known; the second and third readings of bill 1075342-8 fell on one day (26.02.2026)",
    ),
    Step(
        "federation_council",
        N_("approval by the Federation Council"),
        0,
        "Constitution Art. 105(3)-(4) sets only maxima: sent within five days, approved by vote or by not being "
        "considered within fourteen days",
    ),
    Step(
        "signed",
        N_("signature by the President"),
        0,
        "Constitution Art. 107(1)-(2) sets only maxima: sent within five days, signed within fourteen days",
    ),
    Step(
        "published",
        N_("official publication"),
        0,
        "no minimum; 50-FZ was signed and published on the official portal on one day (08.03.2026, reported)",
    ),
)
# The first day in force after the day of publication under the default rule (5-FZ art. 6): the ten days
# after that day must have run, so publication on 08.03 gives 19.03, as the law data dates 50-FZ.
DAYS_AFTER_PUBLICATION: Final = 11
TEN_DAY_RULE: Final = N_(
    "a federal law enters into force when ten days have run after the day of its official publication unless it "
    "sets another date (Federal Law No. 5-FZ art. 6, read only in a secondary statement); applied to a bill whose "
    "text was not read, an inference"
)
# `EarliestDay.why`, made in English for the data and said in the current language by `EarliestDay.words`
EARLIEST_WHY: Final = N_(
    "from the {stage} on {stage_date}, {steps} could each follow on the day of the step before (no minimum "
    "period is known: the Constitution, Arts. 105(3)-(4) and 107(1)-(2), sets only maximum periods), so "
    "official publication on {published} at the earliest; then {rule}: {day}"
)


def _stage_words(stage: str) -> str:
    """The stage a bill reached, as EARLIEST_WHY names it after "from the" (Russian: the genitive)."""
    words = {
        "introduced": pgettext("a bill's stage, from the", "introduced"),
        "committee": pgettext("a bill's stage, from the", "committee"),
        "first_reading": pgettext("a bill's stage, from the", "first reading"),
        "second_reading": pgettext("a bill's stage, from the", "second reading"),
        "third_reading": pgettext("a bill's stage, from the", "third reading"),
        "federation_council": pgettext("a bill's stage, from the", "federation council"),
        "signed": pgettext("a bill's stage, from the", "signed"),
        "published": pgettext("a bill's stage, from the", "published"),
    }
    return words.get(stage, stage.replace("_", " "))


_ORDER: Final = ("introduced", "committee", *(s.stage for s in STEPS))  # every stage of BILL_STAGES, in order


@dataclass(frozen=True)
class EarliestDay:
    """The earliest day an adopted law could apply, from the stage its bill reached: `day`, `inferred`."""

    stage: str
    stage_date: dt.date
    missing: tuple[Step, ...]  # the steps still to come, each at its minimum
    published: dt.date  # the earliest day of official publication
    day: dt.date  # the earliest day in force

    certainty: ClassVar[str] = "inferred"

    @property
    def why(self) -> str:
        """In English (the data): from the stage, the steps still missing at their minimum, then the ten days
        (the basis of each step is in `to_dict()["steps"]`)."""
        with using(DEFAULT):
            return self.words()

    def words(self) -> str:
        """`why` in the current language, days as it writes them in a sentence."""
        said = [_(s.words) for s in self.missing]
        steps = _(" and ").join(filter(None, (", ".join(said[:-1]), said[-1])))
        return _(EARLIEST_WHY).format(
            stage=_stage_words(self.stage),
            stage_date=text_day(self.stage_date),
            steps=steps,
            published=text_day(self.published),
            rule=_(TEN_DAY_RULE),
            day=text_day(self.day),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "certainty": self.certainty,
            "from_stage": self.stage,
            "from_stage_date": self.stage_date.isoformat(),
            "steps": [{"step": s.stage, "min_days": s.min_days, "basis": s.basis} for s in self.missing],
            "published_at_the_earliest": self.published.isoformat(),
            "why": self.why,
        }


def earliest_day(bill: Bill) -> EarliestDay:
    """The earliest day the law a bill would become could apply, from the stage the bill reached."""
    reached = _ORDER.index(bill.stage)
    missing = tuple(s for s in STEPS if _ORDER.index(s.stage) > reached)
    published = bill.stage_date + dt.timedelta(days=sum(s.min_days for s in missing))
    return EarliestDay(
        bill.stage, bill.stage_date, missing, published, published + dt.timedelta(days=DAYS_AFTER_PUBLICATION)
    )


__all__ = ["DAYS_AFTER_PUBLICATION", "STEPS", "EarliestDay", "Step", "earliest_day"]
