"""The day a limitation period expires, as an open question where the outcome turns on it.

The rules (rules/uk_limitation.py) take a period of N years from day D as expired from D + N years + 1 day:
the later of the two possible days, so a bar is never reported a day too early. The other reading, expired
on the anniversary itself, is the open question `art78.expiry_day` (for prosecution) or `art83.expiry_day`
(for a sentence) of the law data. On a decision date that is an anniversary of the start of the period, the
answer says whether the outcome would differ under that reading.

The other reading on day D is the rules' own reading with the period started a day earlier (it then
expires on D), so the alternative outcome comes from the same rules, evaluated once more; and only on an
anniversary, which keeps this off the path of every other case.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from extrashield.engine.evaluator import OpenQuestionResult
from extrashield.facts.case import Case
from extrashield.facts.dates import add_years, shift
from extrashield.i18n import N_, _, answers, template_values

if TYPE_CHECKING:
    from extrashield.engine.evaluator import Assessment

KIND = "limitation_expiry_day"
# The question, made in English (the API's answers stay English) and said in the command line's language
# by i18n/answers.py from the same templates: the law data's question, then the anniversary.
DEFAULT_QUESTION = N_("On which day has the limitation period expired?")
ANNIVERSARY = N_("{question} The decision date {day} is an anniversary of {field} ({start}).")
PERIODS = (2, 6, 10, 15)  # Criminal Code Arts. 78(1), 83(1)
# (purpose, the fact the period runs from, the provision, its open question)
STARTS = {
    "prosecution": ("request.offense.committed_on", "ru.uk.78", "art78.expiry_day"),
    "sentence": ("request.offense.sentence_final_on", "ru.uk.83", "art83.expiry_day"),
}


def expiry_day_questions(a: Assessment) -> list[OpenQuestionResult]:
    """The open-question provider for `Evaluator(open_question_providers=...)`."""
    facts = a.case.facts
    if facts.get("russian_proceedings.limitation_expired") is not None:
        return []  # stated, not derived
    start_of = STARTS.get(facts.get("request.purpose"))  # type: ignore[arg-type]
    if start_of is None:
        return []
    path, provision_id, question_id = start_of
    start = facts.get(path)
    day = a.decision_date
    if (
        not isinstance(start, dt.date)
        or day.year - start.year not in PERIODS
        or add_years(start, day.year - start.year) != day
    ):
        return []  # not an anniversary (the common case, decided without date arithmetic)
    earlier = dict(facts)
    earlier[path] = shift(start, -1)
    other = a.evaluator.assess(Case(earlier, day, a.case.raw), dict(a.readings)).outcome
    if other == a.outcome:
        return []
    provision = a.lawbook.provisions.get(provision_id)
    question = next((q for q in provision.open_questions if q.id == question_id), None) if provision else None
    return [
        OpenQuestionResult(
            id=question_id,
            kind=KIND,
            provision=provision_id,
            question=ANNIVERSARY.format(
                question=question.question if question else DEFAULT_QUESTION,
                day=day,
                field=path.rsplit(".", 1)[-1],
                start=start,
            ),
            current="expired from the day after the anniversary",
            alternatives=[{"reading": "expired on the anniversary", "outcome": other.value}],
            sources=[s.url for s in question.sources if s.url] if question else [],
            law_question=question_id if question else None,
        )
    ]


def _anniversary_words(q: dict[str, Any], text: str) -> str | None:
    """A limitation day's question (ANNIVERSARY) in the current language."""
    values = template_values(text, ANNIVERSARY)
    if values is None:
        return None
    return _(ANNIVERSARY).format(**{**values, "question": _(values["question"])})


answers.COMPOSED["limitation_expiry_day"] = _anniversary_words
