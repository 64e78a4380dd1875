"""Python API for the neighbouring rules of the recruitment drive: contract eligibility, simplified
citizenship, the reported blacklist (a media report) and the figures ledger.

    >>> from extrashield.services import recruitment
    >>> recruitment.contract_eligibility(case, decision_date="2026-01-15").to_dict()["outcome"]
    >>> recruitment.blacklist_check("KE", "2026-01-15").answer      # 'yes' (a media report)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from extrashield.errors import CaseError
from extrashield.facts.case import Case, validate_case
from extrashield.facts.dates import parse_iso
from extrashield.facts.whatif import grant_russian_citizenship
from extrashield.i18n import N_
from extrashield.services.eligibility import EligibilityAnswer, EligibilityEvaluator
from extrashield.sources.blacklist import Blacklist, BlacklistAnswer, default_blacklist
from extrashield.sources.figures import Ledger, default_ledger
from extrashield.sources.lawbook import default_lawbook

__all__ = [
    "blacklist_check",
    "citizenship_eligibility",
    "contract_eligibility",
    "grant_russian_citizenship",
    "ledger",
]

# said after a citizenship answer (eligibility_report translates it)
INTERPLAY = N_(
    "Once granted, the person is a Russian citizen: Art. 61(1) of the Constitution and Art. 464(1)(1) CPC bar "
    "extradition, in place of Art. 464(1)(7). Try: extrashield assess CASE.json --grant-citizenship YYYY-MM-DD."
)
# the same without the command to try, for a page (which has its own what-if form)
INTERPLAY_LAW = N_(
    "Once granted, the person is a Russian citizen: Art. 61(1) of the Constitution and Art. 464(1)(1) CPC bar "
    "extradition, in place of Art. 464(1)(7)."
)


@lru_cache(maxsize=2)
def _evaluator(question: str) -> EligibilityEvaluator:
    if question == "contract":
        from extrashield.rules.contract_eligibility import CONTRACT as rules
    else:
        from extrashield.rules.citizenship_simplified import CITIZENSHIP as rules
    return EligibilityEvaluator(default_lawbook(), rules)


def _case(case: Mapping[str, Any] | Case, decision_date: str | dt.date | None) -> Case:
    if isinstance(case, Case):
        if decision_date is None:
            return case
        try:
            return case.with_decision_date(parse_iso(decision_date))
        except ValueError as exc:
            raise CaseError("decision_date", str(exc)) from None
    return validate_case(case, decision_date=decision_date)


def _citizenships_on(case: Case) -> list[str] | None:
    cits = case.facts.get("person.citizenships")
    if cits is None:
        return None
    day = case.decision_date
    return [
        c["country"]
        for c in cits
        if c["country"] != "RU"
        and (c["from"] is None or c["from"] <= day)
        and (c["until"] is None or day < c["until"])
    ]


def contract_eligibility(
    case: Mapping[str, Any] | Case,
    *,
    decision_date: str | dt.date | None = None,
    readings: Mapping[str, str] | None = None,
) -> EligibilityAnswer:
    """May the person conclude a military-service contract on the decision date? With the conflicting
    claims about stateless persons, and the reported blacklist shown apart (a media report, no legal effect)."""
    valid = _case(case, decision_date)
    answer = _evaluator("contract").evaluate(valid, readings)
    stateless = next(c for c in answer.criteria if c.criterion.provision == "ru.military.contract.stateless")
    shown = stateless.value is not False or any(q.id == "stateless.start_date" for q in answer.open_questions)
    if shown:
        claims = default_ledger().about_provision("ru.military.contract.stateless")
        answer.extra["conflicts"] = [
            {
                "provision": "ru.military.contract.stateless",
                "question": "From when could stateless persons conclude a contract?",
                "rules_follow": "07.07.2025",
                "why": next(
                    q.why
                    for q in answer.lawbook.provisions["ru.military.contract.stateless"].open_questions
                    if q.id == "stateless.start_date"
                ),
                "claims": [c.to_dict() for c in claims],
            }
        ]
    countries = _citizenships_on(valid)
    bl = default_blacklist()
    answer.extra["reported_practice"] = {
        "status": "media_report",
        "legal_effect": "none",
        "note": "The informal 2026 country blacklist is a media report, not law: it does not change the answer above.",
        "countries_known": countries is not None,
        "checks": [bl.check(c, valid.decision_date).to_dict() for c in (countries or [])],
    }
    return answer


def citizenship_eligibility(
    case: Mapping[str, Any] | Case,
    *,
    decision_date: str | dt.date | None = None,
    readings: Mapping[str, str] | None = None,
) -> EligibilityAnswer:
    """May the person apply for Russian citizenship under a simplified procedure on the decision date?"""
    answer = _evaluator("citizenship").evaluate(_case(case, decision_date), readings)
    answer.extra["interplay"] = INTERPLAY
    return answer


def blacklist() -> Blacklist:
    return default_blacklist()


def blacklist_check(country: str, day: str | dt.date) -> BlacklistAnswer:
    try:
        d = parse_iso(day)
    except ValueError as exc:
        raise CaseError("date", str(exc)) from None
    return default_blacklist().check(country, d)


def ledger() -> Ledger:
    return default_ledger()
