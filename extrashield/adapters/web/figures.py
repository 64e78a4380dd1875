"""The Figures page's view of the figures ledger: claims about one quantity side by side, and which of
them disagree. The disagreement rule is the core's (extrashield/sources/figures.py, docs/figures.md): this
module only groups and marks claims for the page and draws its charts (each in both layouts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extrashield.adapters.web.words import say
from extrashield.i18n import N_, _, conventions, ngettext, template_values
from extrashield.present.pictures import NARROW, WIDE, ClaimRow, claims_svg
from extrashield.sources.figures import (
    DISAGREE,
    DISAGREEMENT_RULE,
    POSSIBLE,
    WHY_TEMPLATES,
    Claim,
    default_ledger,
)

# The quantities of the figures ledger in words (`say(quantity)`), marked for the catalogue.
QUANTITIES = (
    N_("africans fighting"),
    N_("africans fighting countries"),
    N_("art464 point7 refusal type"),
    N_("cuba trafficking ring arrests"),
    N_("cubans fighting"),
    N_("decree10 language exam waived"),
    N_("foreign contracts signed"),
    N_("foreign contracts signed countries"),
    N_("foreign recruits captured countries"),
    N_("foreign recruits countries"),
    N_("foreign recruits killed"),
    N_("foreign recruits total"),
    N_("india recruiter arrests kerala"),
    N_("india trafficker arrests cbi"),
    N_("indians duped cbi case"),
    N_("indians recruited"),
    N_("kazakhstan criminal cases art170"),
    N_("kazakhstan criminal cases art172"),
    N_("kenya trafficking charge victims"),
    N_("kenyans recruited"),
    N_("kyrgyzstan mercenarism max penalty years"),
    N_("kyrgyzstan mercenarism sentence years"),
    N_("nepal recruiter arrests"),
    N_("nepalis missing"),
    N_("nepalis serving"),
    N_("recruitment blacklist countries"),
    N_("sri lanka family complaints"),
    N_("sri lanka recruiter arrests"),
    N_("stateless contract eligible from"),
    N_("tajik fighters killed listed"),
    N_("tajikistan criminal cases fighters"),
    N_("uzbekistan mercenarism sentence years"),
)


# the values of legal claims said in words (`shown_words`), marked for the catalogue
LEGAL_VALUES = (N_("mandatory"), N_("discretionary"), N_("waived"), N_("not waived"))
# how a figure's number is qualified, around the number in words
QUALIFIED = {
    "about": N_("about {amount}"),
    "at_least": N_("at least {amount}"),
    "more_than": N_("more than {amount}"),
    "up_to": N_("up to {amount}"),
}


def _counted(unit: str | None, count: int) -> str:
    """A count of `unit` as a template of `{n}`, in the plural form the current language takes for it."""
    if unit == "people":
        return ngettext("{n} person", "{n} people", count)
    if unit == "countries":
        return ngettext("{n} country", "{n} countries", count)
    if unit == "years":
        return ngettext("{n} year", "{n} years", count)
    if unit == "cases":
        return ngettext("{n} case", "{n} cases", count)
    if unit == "complaints":
        return ngettext("{n} complaint", "{n} complaints", count)
    return "{n}" + (f" {unit}" if unit else "")


def shown_words(claim: Mapping[str, Any]) -> str:
    """What a claim (`Claim.to_dict()`) says, in the current language: a number in its digit grouping with
    its unit and qualifier ("about 18,000 people" / «примерно 18 000 человек»), a date as the language
    writes it, a legal claim's value in words. The ledger's `shown` is the same in English."""
    value = claim["value"]
    if claim["kind"] == "legal_claim" or not isinstance(value, int | float):
        return conventions.day(value) if claim.get("value_kind") == "date" else say(value)
    count = int(value) if isinstance(value, int) or float(value).is_integer() else 2  # a fraction: plural
    amount = _counted(claim.get("unit"), count).format(n=conventions.number(value))
    qualifier = QUALIFIED.get(claim.get("value_kind") or "")
    return _(qualifier).format(amount=amount) if qualifier else amount


def as_of_words(claim: Mapping[str, Any]) -> str:
    """The date or period a claim is about, in the current language (the ledger's `shown_as_of`)."""
    as_of = claim.get("as_of")
    if as_of is None:
        return _("date unknown")
    if isinstance(as_of, Mapping):
        return _("within {start} – {end}").format(
            start=conventions.day(as_of["from"]), end=conventions.day(as_of["to"])
        )
    return _("as of {day}").format(day=conventions.day(as_of))


def why_words(claims: Sequence[Mapping[str, Any]], disagreement: Mapping[str, Any]) -> str:
    """Why two claims (of one quantity, `claims`) disagree, in the current language: the core's reason
    (sources/figures.py `compare`) with the claims said in the page's words."""
    why = str(disagreement["why"])
    by_id = {c["id"]: c for c in claims}
    a, b = by_id.get(disagreement["a"]), by_id.get(disagreement["b"])
    for template in WHY_TEMPLATES:
        if a is not None and b is not None and template_values(why, template) is not None:
            return _(template).format(a=shown_words(a), b=shown_words(b), when=as_of_words(a))
    return _(why)


@dataclass
class QuantityView:
    quantity: str
    kind: str  # figure | legal_claim
    unit: str | None
    claims: list[dict[str, Any]]
    disagreements: list[dict[str, Any]] = field(default_factory=list)  # {"a", "b", "verdict", "why"}

    @property
    def conflicts(self) -> list[dict[str, Any]]:
        return self.disagreements

    @property
    def conflicting_ids(self) -> set[str]:
        return {d[k] for d in self.disagreements for k in ("a", "b")}

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "kind": self.kind,
            "unit": self.unit,
            "claims": self.claims,
            "disagreements": self.disagreements,
        }


@dataclass
class LedgerView:
    description: str
    rule: str
    quantities: list[QuantityView]

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "disagreement_rule": self.rule,
            "quantities": [q.to_dict() for q in self.quantities],
        }


def ledger_view() -> LedgerView:
    ledger = default_ledger()
    views = []
    for q in ledger.quantities():
        d = q.to_dict()
        view = QuantityView(q.name, q.kind, q.unit, d["claims"], d["disagreements"])
        verdicts: dict[str, str] = {}
        for dis in view.disagreements:
            for k in ("a", "b"):
                # a sure disagreement outranks a possible one for the claim's mark
                if verdicts.get(dis[k]) != DISAGREE:
                    verdicts[dis[k]] = dis["verdict"]
        for c in view.claims:
            c["conflict"] = verdicts.get(c["id"])  # None | disagree | possible_disagreement
            c["conflict_with"] = [
                dis["b"] if dis["a"] == c["id"] else dis["a"]
                for dis in view.disagreements
                if c["id"] in (dis["a"], dis["b"])
            ]
        views.append(view)
    # Quantities with several claims first (the point of the page), those that disagree before the others.
    views.sort(key=lambda v: (len(v.claims) < 2, not v.disagreements))
    return LedgerView(ledger.description, DISAGREEMENT_RULE, views)


def _row(c: Claim, label: str, conflict: bool) -> ClaimRow:
    low, high = c.bounds()
    from extrashield.present.plain import scrub  # "(seed report 001)": the research's, not the reader's

    source = scrub(c.reported_by) + (f", {conventions.day(c.date_reported)}" if c.date_reported else "")
    d = c.to_dict()
    return ClaimRow(label, float(c.value), low, high, shown_words(d), as_of_words(d), source, c.url, conflict)


def _both(title: str, rows: list[ClaimRow], ids: str) -> dict[str, str]:
    """The chart in both layouts; the page shows one by the screen's width."""
    return {
        "wide": claims_svg(title, rows, width=WIDE, ids=f"{ids}-wide"),
        "narrow": claims_svg(title, rows, width=NARROW, ids=f"{ids}-narrow"),
    }


def figure_charts(view: LedgerView) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The chart of every claim counted in people (largest first: 3 to 18,000 on one axis), and one
    chart per quantity that several claims are about."""
    claims = {c.id: c for c in default_ledger().claims}
    people: list[ClaimRow] = []
    charts: dict[str, dict[str, str]] = {}
    for q in view.quantities:
        if q.kind != "figure":
            continue
        name = say(q.quantity)
        name = name[:1].upper() + name[1:]
        if q.unit == "people":
            people += [
                _row(claims[c["id"]], f"{name}: {c['said_by']}", c["conflict"] is not None) for c in q.claims
            ]
        if len(q.claims) > 1:
            rows = [_row(claims[c["id"]], c["said_by"], c["conflict"] is not None) for c in q.claims]
            charts[q.quantity] = _both(name, rows, f"chart-{q.quantity}")
    people.sort(key=lambda r: -r.value)
    return _both(_("Claims counted in people, largest first"), people, "chart-people"), charts


__all__ = [
    "DISAGREE",
    "POSSIBLE",
    "LedgerView",
    "QuantityView",
    "as_of_words",
    "figure_charts",
    "ledger_view",
    "shown_words",
    "why_words",
]
