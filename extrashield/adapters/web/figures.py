"""The Figures page's view of the figures ledger: claims about one quantity side by side, and which of
them disagree. The disagreement rule is the core's (extrashield/sources/figures.py, docs/figures.md): this
module only groups and marks claims for the page and its chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extrashield.sources.figures import DISAGREE, DISAGREEMENT_RULE, POSSIBLE, default_ledger


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


__all__ = ["DISAGREE", "POSSIBLE", "LedgerView", "QuantityView", "ledger_view"]
