"""Which ways of removing a person from Russia are closed on a date, and why (`extrashield removal`).

Extradition is assessed as by `extrashield.assess`; the other routes (administrative expulsion,
deportation, readmission, undesirability of stay, residence-permit cancellation) by the shields of
`extrashield.rules.removal` through `extrashield.services.shields.shield_evaluator`. Same case format, same
three-valued logic, same citations.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extrashield.engine.evaluator import Assessment, Evaluator
from extrashield.engine.grounds import BARRED, MAY_REFUSE, PERMITTED, UNDETERMINED, Outcome
from extrashield.facts.case import Case, validate_case
from extrashield.facts.dates import parse_iso
from extrashield.i18n import N_, _, language
from extrashield.i18n.conventions import text_day
from extrashield.present.report import OUTCOME_NAME
from extrashield.services.shields import (
    CLOSED,
    OPEN,
    UNKNOWN,
    RouteResult,
    adoption_condition_words,
    assess_route,
    shield_evaluator,
)
from extrashield.sources.lawbook import Lawbook, default_lawbook

MAY_BE_REFUSED = "may_be_refused"
_EXTRADITION_STATUS = {BARRED: CLOSED, MAY_REFUSE: MAY_BE_REFUSED, PERMITTED: OPEN, UNDETERMINED: UNKNOWN}


@lru_cache(maxsize=1)
def _route_evaluators() -> tuple[tuple[Any, Evaluator[Outcome]], ...]:
    return _evaluators_for(default_lawbook())


def _evaluators_for(book: Lawbook) -> tuple[tuple[Any, Evaluator[Outcome]], ...]:
    from extrashield.rules.removal import ROUTES

    return tuple((route, shield_evaluator(book, route.shields)) for route in ROUTES)


@dataclass
class RemovalAnswer:
    case: Case
    extradition: Assessment
    routes: list[RouteResult]

    def to_dict(self) -> dict[str, Any]:
        x = self.extradition
        applying = [r for r in x.grounds if r.value is True and r.version is not None]
        return {
            "id": self.case.id,
            "decision_date": self.case.decision_date.isoformat(),
            "law_digest": x.lawbook.digest,
            "interpretations": dict(x.readings),
            "routes": [
                {
                    "route": "extradition",
                    "title": N_("Extradition to a foreign state (Criminal Procedure Code, Arts. 462-464)"),
                    "status": _EXTRADITION_STATUS[x.outcome],
                    "outcome": x.outcome,
                    "closed_by": [r.provision.id for r in applying if r.provision.effect == "bars"],
                    "law_confirmed": None
                    if x.outcome != BARRED
                    else any(
                        not any(q.id.endswith(".adoption") for q in r.provision.open_questions)
                        for r in applying
                        if r.provision.effect == "bars"
                    ),
                    "if_closed": N_(
                        "The request must be refused; see `extrashield assess` for every ground."
                    ),
                    "grounds_applying": [
                        {
                            "provision": r.provision.id,
                            "citation": r.provision.citation,
                            "effect": r.provision.effect,
                        }
                        for r in applying
                    ],
                    "depends_on": [{"fact": f, "question": q} for f, q in x.depends_on],
                    "open_questions": x.to_dict()["open_questions"],
                },
                *(r.to_dict() for r in self.routes),
            ],
        }


def assess_removal(
    case: Mapping[str, Any] | Case,
    *,
    decision_date: str | dt.date | None = None,
    readings: Mapping[str, str] | None = None,
    lawbook: Lawbook | None = None,
) -> RemovalAnswer:
    """Every removal route on the decision date, under the bundled law or `lawbook` (another law data, whose
    evaluators are built afresh). Raises `CaseError` naming the field for invalid input."""
    from extrashield import assess, evaluator_for
    from extrashield.engine.readings import check_mapping

    if isinstance(case, Case):
        day = parse_iso(decision_date) if isinstance(decision_date, str) else decision_date
        valid = case if day is None else case.with_decision_date(day)
    else:
        valid = validate_case(case, decision_date=decision_date)
    if lawbook is None:
        extradition = assess(valid, readings=readings)
        book, evaluators = default_lawbook(), _route_evaluators()
    else:
        check_mapping(readings)
        extradition = evaluator_for(lawbook).assess(valid, readings)
        book, evaluators = lawbook, _evaluators_for(lawbook)
    valid = extradition.case
    routes = []
    for route, evaluator in evaluators:
        summaries = {g.provision: g.summary for g in route.shields}
        routes.append(
            assess_route(evaluator, book, route.id, route.title, route.if_closed, valid, readings, summaries)
        )
    return RemovalAnswer(valid, extradition, routes)


# --- the report for people -----------------------------------------------------------------------------

_WORDS = {
    CLOSED: N_("CLOSED"),
    OPEN: N_("OPEN"),
    UNKNOWN: N_("UNKNOWN"),
    MAY_BE_REFUSED: N_("MAY BE REFUSED"),
}
SHIELD_STATUS = {
    "applies": N_("applies"),
    "does_not_apply": N_("does not apply"),
    "unknown": N_("unknown"),
}


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def removal_report(answer: RemovalAnswer) -> str:
    """The report in the current language (extrashield.i18n); citations and the data's notes as the data
    gives them."""
    from extrashield.i18n import answers

    d = answers.answer(answer.to_dict())
    out = [
        _("REMOVAL ROUTES on {day}").format(day=text_day(d["decision_date"]))
        + (_(" · case {id}").format(id=d["id"]) if d.get("id") else ""),
        _("Readings: ") + ", ".join(f"{k}={v}" for k, v in d["interpretations"].items()),
        _(
            "closed: a shield in force applies · open: no shield found, the usual procedure applies · "
            "unknown: depends on facts not known, or on whether a bill became law"
        ),
        "",
    ]
    for r in d["routes"]:
        word = _(_WORDS[r["status"]])
        if r.get("rests_on_paraphrase"):
            word += " " + _(
                "(ON A PARAPHRASE: the text of the act that closes it was not read; law not confirmed)"
            )
        out.append(f"{_(r['title'])}: {word}")
        if r["route"] == "extradition":
            for g in r["grounds_applying"]:
                out.append(
                    _wrap(
                        "- "
                        + _("{citation} [{provision}] applies ({effect})").format(
                            citation=cited(g["provision"], g["citation"]),
                            provision=g["provision"],
                            effect=_("bars extradition") if g["effect"] == "bars" else _("allows refusal"),
                        ),
                        "    ",
                    )
                )
            for q in r["open_questions"]:
                if q["kind"] == "treaty_collision":
                    out.append(_wrap(_("! Treaty collision: ") + q["question"], "    "))
        else:
            for s in r["shields"]:
                out += _shield_lines(s)
            if r["status"] == CLOSED:
                out.append(_wrap(_("Instead: ") + _(r["if_closed"]), "    "))
        for q in r["depends_on"]:
            out.append(_wrap(f"? {q['question']} ({q['fact']})", "    "))
        for q in r["open_questions"]:
            if q["kind"] == "treaty_collision":
                continue
            if r["route"] == "extradition":
                alts = "; ".join(
                    _("under {reading}: {outcome}").format(
                        reading=x.get("reading") or x.get("if"), outcome=_(OUTCOME_NAME[x["outcome"]])
                    )
                    for x in q["alternatives"]
                )
            else:  # a removal route: each alternative as the route's status
                alts = "; ".join(
                    (
                        _("under {reading}").format(reading=x["reading"])
                        if x.get("reading")
                        else _("if {condition}").format(
                            condition=adoption_condition_words(x["if"], text_day) or x["if"]
                        )
                    )
                    + f": {_(_WORDS[x['status']]).lower()}"
                    for x in q["alternatives"]
                )
                alts = alts[:1].upper() + alts[1:]
            out.append(_wrap(f"! [{q['id']}] {q['question']} {alts}.", "    "))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def cited(provision: str, citation: str) -> str:
    """A provision as the report's language cites it: its Russian label in Russian (п. 7 ч. 1 ст. 464 УПК
    РФ), the data's English citation otherwise."""
    p = default_lawbook().provisions.get(provision)
    return p.label.ru if language() == "ru" and p is not None and p.label.ru else citation


def _shield_lines(s: dict[str, Any]) -> list[str]:
    """One shield of a removal route: its status, why, and the doubts about the law behind it."""
    if s["status"] == "not_in_force":
        return [
            _wrap(
                "- "
                + _("{citation}: not in force on the decision date ({why})").format(
                    citation=cited(s["provision"], s["citation"]), why=s["law_why"]
                ),
                "    ",
            )
        ]
    status = _(SHIELD_STATUS[s["status"]]) if s["status"] in SHIELD_STATUS else s["status"].replace("_", " ")
    out = [_wrap(f"- {cited(s['provision'], s['citation'])} [{s['provision']}]: {status}", "    ")]
    if s["status"] in ("applies", "unknown"):
        out += [_wrap(_("because {reason}").format(reason=line), "      ") for line in s["because"]]
    doubtful = s["law_status"] == "adoption_not_confirmed" or (
        s["paraphrase"] and s["status"] != "does_not_apply"
    )
    if s["law_status"] == "adoption_not_confirmed":
        out.append(_wrap(_("caution: adoption not confirmed. ") + s["law_why"], "      "))
    if s["paraphrase"] and s["status"] != "does_not_apply":
        out.append(
            _wrap(
                _("caution: its wording is known only from a paraphrase (I), not from the act's text."),
                "      ",
            )
        )
    if doubtful:
        # a shield that rests on a bill or a paraphrase: its other open questions (who it covers, from when);
        # the adoption question stands at the route when the route turns on it
        out += [
            _wrap(_("open question [{id}]: {question}").format(id=q["id"], question=q["question"]), "      ")
            for q in s["law_questions"]
            if not q["id"].endswith(".adoption")
        ]
    return out
