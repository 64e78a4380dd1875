"""extrashield: when Russia must or may refuse extradition, explained down to the provision.

>>> import extrashield
>>> answer = extrashield.assess(case_mapping, decision_date="2026-04-01",
...                             readings={"point7.limbs": "combat_required"})
>>> answer.to_dict()["outcome"]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from extrashield.engine.evaluator import Assessment, Evaluator
from extrashield.engine.grounds import Effect, Ground, Outcome, Status
from extrashield.engine.readings import check_mapping
from extrashield.errors import CaseError, ExtrashieldError, LawDataError, ReadingError, RuleError
from extrashield.facts.case import Case, validate_case
from extrashield.sources.lawbook import Lawbook, default_lawbook, load_lawbook

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_evaluator() -> Evaluator:
    """The bundled rules bound to the bundled law data (built once per process)."""
    return evaluator_for(default_lawbook())


def evaluator_for(lawbook: Lawbook, grounds: Sequence[Ground] | None = None) -> Evaluator:
    """The extradition evaluator over `lawbook` (e.g. another law directory, `load_lawbook(DIR)`), with the
    bundled rules or `grounds`, and the bundled providers of open questions. Raises `RuleError` when a
    rule names a version the law data does not have."""
    from extrashield.rules import GROUNDS
    from extrashield.services.limitation_day import expiry_day_questions
    from extrashield.services.treaty_collision import treaty_collisions

    # Treaty collisions (issue 8) add open questions; they read treaty data only when a case needs it.
    # The expiry day of a limitation period is asked about only on an anniversary of its start.
    return Evaluator(
        lawbook,
        GROUNDS if grounds is None else grounds,
        open_question_providers=(treaty_collisions, expiry_day_questions),
    )


def assess(
    case: Mapping[str, Any] | Case,
    *,
    decision_date: str | dt.date | None = None,
    readings: Mapping[str, str] | None = None,
) -> Assessment:
    """Assess one case (docs/contract.md §3); `to_dict()` of the result is the answer of §5.

    `decision_date` overrides the case's own; `readings` selects interpretations such as
    ``{"point7.limbs": "combat_required"}``. Raises `CaseError` naming the field for invalid input, and
    `ReadingError` (a `CaseError`) for readings that are not a mapping of text to text.
    """
    check_mapping(readings)
    if isinstance(case, Case):
        valid = case if decision_date is None else case.with_decision_date(_day(decision_date))
    else:
        try:
            valid = validate_case(case, decision_date=decision_date)
        except CaseError as exc:
            from extrashield.facts.case_json import find_problem

            # text no case can hold (a NUL, a lone surrogate) is named at its first place in document order,
            # as the command line's JSON reader and `screen` name it; looked for only once the case is
            # refused, so that a valid case pays nothing for it
            first = find_problem(case, "case") if isinstance(case, Mapping) else None
            if first is None:
                raise
            raise first from exc
    return default_evaluator().assess(valid, readings)


def _day(value: str | dt.date) -> dt.date:
    from extrashield.facts.dates import parse_iso

    try:
        return parse_iso(value)
    except ValueError as exc:
        raise CaseError("decision_date", str(exc)) from None


__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "Effect",
    "Evaluator",
    "ExtrashieldError",
    "LawDataError",
    "Lawbook",
    "Outcome",
    "ReadingError",
    "RuleError",
    "Status",
    "__version__",
    "assess",
    "default_evaluator",
    "default_lawbook",
    "evaluator_for",
    "load_lawbook",
    "validate_case",
]
