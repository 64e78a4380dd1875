"""The Figures page's view of the figures ledger: claims about one quantity side by side, and which of
them disagree. The disagreement rule is the core's (extrashield/sources/figures.py, docs/figures.md): this
module only groups and marks claims for the page and draws its charts (each in both layouts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extrashield.adapters.web.words import say
from extrashield.i18n import N_, _
from extrashield.present.pictures import NARROW, WIDE, ClaimRow, claims_svg
from extrashield.sources.figures import DISAGREE, DISAGREEMENT_RULE, POSSIBLE, Claim, default_ledger

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

    source = scrub(c.reported_by) + (f", {c.date_reported}" if c.date_reported else "")
    return ClaimRow(
        label, float(c.value), low, high, c.shown_value(), c.shown_as_of(), source, c.url, conflict
    )


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


__all__ = ["DISAGREE", "POSSIBLE", "LedgerView", "QuantityView", "figure_charts", "ledger_view"]
