"""The figures ledger (extrashield/data/figures.yaml, docs/data-formats.md §4) grouped for the Figures
page: claims about one quantity side by side, and which of them disagree.

Two figures about one quantity conflict when the ranges their wording allows cannot both hold ("about
18 000" and "at least 18 000" agree; "about 120" and "128" agree; "2 years" and "5 years" do not) and
they count the same moment (the same `as_of`, or one of them undated). Legal claims name their
conflicts in the data (`conflicts_with`). The ledger is read with a safe YAML loader and never changes
at run time, so it is cached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

FIGURES_FILE = Path(__file__).resolve().parent.parent / "data" / "figures.yaml"
ABOUT = 0.1  # "about N": within 10 % of N


def _iso(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def _range(claim: dict[str, Any]) -> tuple[float, float]:
    v = float(claim["value"])
    kind = claim["value_kind"]
    if kind == "about":
        return v * (1 - ABOUT), v * (1 + ABOUT)
    if kind == "at_least":
        return v, float("inf")
    if kind == "more_than":
        return v + 1e-9, float("inf")
    if kind == "up_to":
        return 0.0, v
    return v, v


def figures_conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["as_of"] is not None and b["as_of"] is not None and a["as_of"] != b["as_of"]:
        return False  # different moments: a change over time, not a disagreement
    (lo1, hi1), (lo2, hi2) = _range(a), _range(b)
    return hi1 < lo2 or hi2 < lo1


@dataclass
class Quantity:
    quantity: str
    kind: str  # figure | legal_claim
    claims: list[dict[str, Any]]
    conflicts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def conflicting_ids(self) -> set[str]:
        return {i for pair in self.conflicts for i in pair}

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "kind": self.kind,
            "claims": self.claims,
            "conflicts": [list(p) for p in self.conflicts],
        }


@dataclass
class Ledger:
    description: str
    quantities: list[Quantity]

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "quantities": [q.to_dict() for q in self.quantities]}


@lru_cache(maxsize=1)
def load_ledger(path: Path = FIGURES_FILE) -> Ledger:
    import yaml  # only the Figures page needs it

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_quantity: dict[str, Quantity] = {}
    for raw in data.get("claims", []):
        claim = _iso(raw)
        q = by_quantity.setdefault(claim["quantity"], Quantity(claim["quantity"], claim["kind"], []))
        q.claims.append(claim)
    for q in by_quantity.values():
        seen: set[frozenset[str]] = set()
        for n, a in enumerate(q.claims):
            for b in q.claims[n + 1:]:
                if q.kind == "legal_claim":
                    clash = b["id"] in (a.get("conflicts_with") or []) or a["id"] in (b.get("conflicts_with") or [])
                else:
                    clash = figures_conflict(a, b)
                if clash and frozenset((a["id"], b["id"])) not in seen:
                    seen.add(frozenset((a["id"], b["id"])))
                    q.conflicts.append((a["id"], b["id"]))
    # Quantities with several claims first (the point of the page), then the rest in file order.
    ordered = sorted(by_quantity.values(), key=lambda q: (len(q.claims) < 2, not q.conflicts))
    return Ledger(str(data.get("description", "")), ordered)
