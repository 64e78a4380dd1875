"""The figures ledger: claims about the recruitment drive, as reported (docs/data-formats.md §4).

Claims, not facts: all are kept, grouped by the quantity they are about, and compared.

When do two claims about the same quantity *disagree*? (docs/figures.md)
- Figures: the same quantity (so the same thing counted, in the same unit), about the same time: both
  stocks at the same date, or both flows over the same period; and values that cannot both be true. Each
  value stands for the set of numbers it allows: `exact` v: {v}; `about` v: v ± 10 %; `at_least` v:
  v and more; `more_than` v: v+1 and more; `up_to` v: 0..v. Two claims disagree when these sets do not
  meet. When either claim has no date, the time cannot be matched: disjoint sets are then a
  `possible_disagreement`. Claims at different dates, or a stock and a flow, are `not_comparable`
  (counts change over time), and are listed as a series.
- Legal claims: they disagree when the ledger records the contradiction (`conflicts_with`, which must be
  symmetric); the values alone cannot tell, because a month-precision date (`2025-07-01` for "July
  2025") is consistent with the exact day (`2025-07-07`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extrashield.i18n import N_
from extrashield.sources.datafile import CONFIDENCE, DATA_DIR, Check, read_yaml

FIGURES_FILE = DATA_DIR / "figures.yaml"

FIGURE_KINDS = ("exact", "about", "at_least", "more_than", "up_to")
LEGAL_KINDS = ("date", "category")
UNITS = ("people", "countries", "cases", "complaints", "years")
ABOUT_TOLERANCE = 0.10  # "about 18,000" allows 16,200 to 19,800

DISAGREE = "disagree"
POSSIBLE = "possible_disagreement"
CONSISTENT = "consistent"
NOT_COMPARABLE = "not_comparable"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def to_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


@dataclass(frozen=True)
class Claim:
    id: str
    kind: str
    group: str | None
    quantity: str
    value: Any
    value_kind: str
    unit: str | None
    scope: str
    as_of: dt.date | Period | None
    as_of_note: str | None
    said_by: str
    reported_by: str
    url: str | None
    date_reported: dt.date | None
    confidence: str
    note: str | None
    provision: str | None = None
    conflicts_with: tuple[str, ...] = ()
    rules_follow: str | None = None

    def bounds(self) -> tuple[float, float]:
        """The numbers this figure allows (see the module docstring)."""
        v = float(self.value)
        return {
            "exact": (v, v),
            "about": (v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)),
            "at_least": (v, float("inf")),
            "more_than": (v + 1, float("inf")),
            "up_to": (0.0, v),
        }[self.value_kind]

    def shown_value(self) -> str:
        if self.kind == "legal_claim":
            return self.value.isoformat() if isinstance(self.value, dt.date) else str(self.value)
        words = {
            "exact": "",
            "about": "about ",
            "at_least": "at least ",
            "more_than": "more than ",
            "up_to": "up to ",
        }
        return f"{words[self.value_kind]}{self.value:,} {self.unit}"

    def shown_as_of(self) -> str:
        if self.as_of is None:
            return "date unknown"
        if isinstance(self.as_of, Period):
            return f"within {self.as_of.start} – {self.as_of.end}"
        return f"as of {self.as_of}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "group": self.group,
            "quantity": self.quantity,
            "value": self.value.isoformat() if isinstance(self.value, dt.date) else self.value,
            "value_kind": self.value_kind,
            "unit": self.unit,
            "shown": self.shown_value(),
            "scope": self.scope,
            "as_of": self.as_of.to_json()
            if isinstance(self.as_of, Period)
            else (self.as_of.isoformat() if self.as_of else None),
            "as_of_note": self.as_of_note,
            "said_by": self.said_by,
            "reported_by": self.reported_by,
            "url": self.url,
            "url_missing": self.url is None,
            "date_reported": self.date_reported.isoformat() if self.date_reported else None,
            "confidence": self.confidence,
            "note": self.note,
        }
        if self.kind == "legal_claim":
            out.update(
                {
                    "provision": self.provision,
                    "conflicts_with": list(self.conflicts_with),
                    "rules_follow": self.rules_follow,
                }
            )
        return out


# why two claims do or do not disagree: made in English, said in another language where they are shown
# (the page finds the template that made a text and says its claims in the page's words)
LAW_CONTRADICTS = N_("the ledger records that these statements about the law contradict each other")
LAW_NO_CONTRADICTION = N_("no contradiction recorded")
LAW_SAME_VALUE = N_("no contradiction recorded (same value)")
DATE_AND_PERIOD = N_("a count at a date and a count within a period: counts change over time")
DIFFERENT_TIMES = N_("different dates or periods: counts change over time")
CANNOT_BOTH_AT = N_("{a} and {b} cannot both be true {when}")
CANNOT_BOTH_DATE_MISSING = N_("{a} and {b} cannot both be true at one time, and a date is missing")
CAN_BOTH = N_("{a} and {b} can both be true")
WHY_TEMPLATES = (CANNOT_BOTH_DATE_MISSING, CAN_BOTH, CANNOT_BOTH_AT)  # the most specific first


def compare(a: Claim, b: Claim) -> tuple[str, str]:
    """The verdict on two claims about the same quantity, and why."""
    if a.kind == "legal_claim":
        if b.id in a.conflicts_with:
            return DISAGREE, LAW_CONTRADICTS
        return CONSISTENT, LAW_SAME_VALUE if a.value == b.value else LAW_NO_CONTRADICTION
    if a.as_of is None or b.as_of is None:
        timing = "time_unknown"
    elif a.as_of == b.as_of:
        timing = "same_time"
    else:
        kinds = {type(a.as_of).__name__, type(b.as_of).__name__}
        return NOT_COMPARABLE, DATE_AND_PERIOD if len(kinds) == 2 else DIFFERENT_TIMES
    (a_lo, a_hi), (b_lo, b_hi) = a.bounds(), b.bounds()
    shown = {"a": a.shown_value(), "b": b.shown_value()}
    if a_hi < b_lo or b_hi < a_lo:
        if timing == "same_time":
            return DISAGREE, CANNOT_BOTH_AT.format(**shown, when=a.shown_as_of())
        return POSSIBLE, CANNOT_BOTH_DATE_MISSING.format(**shown)
    return CONSISTENT, CAN_BOTH.format(**shown)


@dataclass(frozen=True)
class Quantity:
    name: str
    kind: str
    unit: str | None
    claims: tuple[Claim, ...]

    def comparisons(self) -> list[dict[str, Any]]:
        out = []
        for i, a in enumerate(self.claims):
            for b in self.claims[i + 1 :]:
                verdict, why = compare(a, b)
                out.append({"a": a.id, "b": b.id, "verdict": verdict, "why": why})
        return out

    def to_dict(self) -> dict[str, Any]:
        comps = self.comparisons()
        follow = sorted({c.rules_follow.split(" — ")[0] for c in self.claims if c.rules_follow})
        return {
            "quantity": self.name,
            "kind": self.kind,
            "unit": self.unit,
            "claims": [c.to_dict() for c in self.claims],
            "comparisons": comps,
            "disagreements": [c for c in comps if c["verdict"] in (DISAGREE, POSSIBLE)],
            **({"rules_follow": follow} if self.kind == "legal_claim" else {}),
        }


@dataclass(frozen=True)
class Ledger:
    description: str
    claims: tuple[Claim, ...]

    def quantities(self) -> list[Quantity]:
        order: dict[str, list[Claim]] = {}
        for c in self.claims:
            order.setdefault(c.quantity, []).append(c)
        return [Quantity(q, cs[0].kind, cs[0].unit, tuple(cs)) for q, cs in order.items()]

    def quantity(self, name: str) -> Quantity | None:
        return next((q for q in self.quantities() if q.name == name), None)

    def about_provision(self, provision: str) -> list[Claim]:
        return [c for c in self.claims if c.provision == provision]

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "disagreement_rule": DISAGREEMENT_RULE,
            "quantities": [q.to_dict() for q in self.quantities()],
        }


DISAGREEMENT_RULE = N_(
    "Figures disagree when they count the same quantity at the same date (or over the same period) and the "
    "values cannot both be true (exact v = v; about v = v ± 10%; at least v = v or more; more than v = v+1 or "
    "more; up to v = 0..v). With a date missing, such a pair is a possible disagreement; claims at different "
    "dates are not compared. Legal claims disagree where the ledger records the contradiction."
)  # translated where it is shown

_COMMON = (
    "id",
    "kind",
    "group",
    "quantity",
    "value",
    "value_kind",
    "unit",
    "scope",
    "as_of",
    "as_of_note",
    "said_by",
    "reported_by",
    "url",
    "date_reported",
    "confidence",
    "note",
)
_LEGAL = ("provision", "conflicts_with", "rules_follow")


def _as_of(chk: Check, value: Any, key: str) -> dt.date | Period | None:
    if isinstance(value, dict):
        m = chk.mapping(value, key, ("from", "to"))
        start = chk.date(m["from"], f"{key}.from", nullable=False)
        end = chk.date(m["to"], f"{key}.to", nullable=False)
        assert start is not None and end is not None
        if end < start:
            raise chk.fail(f"{key}.to", "must not be before from")
        return Period(start, end)
    return chk.date(value, key)


def parse_ledger(data: Any, name: str = "figures.yaml") -> Ledger:
    """Validate the ledger (docs/data-formats.md §4); errors name the file and the key."""
    chk = Check(name)
    m = chk.mapping(data, "", ("description", "claims"))
    raw = m["claims"]
    if not isinstance(raw, list) or not raw:
        raise chk.fail("claims", "expected a non-empty list")
    claims: list[Claim] = []
    for i, c in enumerate(raw):
        k = f"claims[{i}]"
        kind = chk.choice(
            c.get("kind") if isinstance(c, dict) else None, f"{k}.kind", ("figure", "legal_claim")
        )
        cm = chk.mapping(c, k, _COMMON + (_LEGAL if kind == "legal_claim" else ()))
        cid = str(chk.slug(cm["id"], f"{k}.id"))
        k = f"claims[{i}] ({cid})"
        if any(x.id == cid for x in claims):
            raise chk.fail(f"{k}.id", "duplicate id")
        if kind == "figure":
            value_kind = chk.choice(cm["value_kind"], f"{k}.value_kind", FIGURE_KINDS)
            value: Any = chk.integer(cm["value"], f"{k}.value")
            unit = chk.choice(cm["unit"], f"{k}.unit", UNITS)
        else:
            value_kind = chk.choice(cm["value_kind"], f"{k}.value_kind", LEGAL_KINDS)
            if value_kind == "date":
                value = chk.date(cm["value"], f"{k}.value", nullable=False)
            else:
                value = chk.slug(cm["value"], f"{k}.value")
            if cm["unit"] is not None:
                raise chk.fail(f"{k}.unit", "must be null for a legal claim")
            unit = None
        as_of = _as_of(chk, cm["as_of"], f"{k}.as_of")
        as_of_note = chk.text(cm["as_of_note"], f"{k}.as_of_note", nullable=as_of is not None)
        confidence = chk.choice(cm["confidence"], f"{k}.confidence", CONFIDENCE)
        url = chk.url(cm["url"], f"{k}.url", nullable=True)
        note = chk.text(cm["note"], f"{k}.note", nullable=True)
        if url is None and confidence != "S" and note is None:
            raise chk.fail(
                f"{k}.note", "a claim without a URL (and not a seed report, S) must say why in its note"
            )
        claim = Claim(
            id=cid,
            kind=kind,
            group=chk.slug(cm["group"], f"{k}.group", nullable=True),
            quantity=str(chk.slug(cm["quantity"], f"{k}.quantity")),
            value=value,
            value_kind=value_kind,
            unit=unit,
            scope=str(chk.text(cm["scope"], f"{k}.scope")),
            as_of=as_of,
            as_of_note=as_of_note,
            said_by=str(chk.text(cm["said_by"], f"{k}.said_by")),
            reported_by=str(chk.text(cm["reported_by"], f"{k}.reported_by")),
            url=url,
            date_reported=chk.date(cm["date_reported"], f"{k}.date_reported"),
            confidence=confidence,
            note=note,
        )
        if kind == "legal_claim":
            conflicts = cm["conflicts_with"]
            if not isinstance(conflicts, list) or not all(isinstance(x, str) for x in conflicts):
                raise chk.fail(f"{k}.conflicts_with", "expected a list of claim ids")
            claim = Claim(
                **{
                    **claim.__dict__,
                    "provision": chk.text(cm["provision"], f"{k}.provision"),
                    "conflicts_with": tuple(conflicts),
                    "rules_follow": chk.text(cm["rules_follow"], f"{k}.rules_follow"),
                }
            )
        first = next((x for x in claims if x.quantity == claim.quantity), None)
        if first is not None and (first.kind, first.unit) != (claim.kind, claim.unit):
            raise chk.fail(
                f"{k}.unit",
                f"quantity {claim.quantity!r} is counted in {first.unit or first.kind} by {first.id}; a quantity has one kind and unit",
            )
        claims.append(claim)
    by_id = {c.id: c for c in claims}
    for c in claims:
        for other in c.conflicts_with:
            k = f"claims ({c.id}).conflicts_with"
            o = by_id.get(other)
            if o is None:
                raise chk.fail(k, f"unknown claim id {other!r}")
            if o.quantity != c.quantity:
                raise chk.fail(k, f"{other!r} is about {o.quantity}, not {c.quantity}")
            if c.id not in o.conflicts_with:
                raise chk.fail(k, f"{other!r} does not list {c.id!r} back (conflicts must be symmetric)")
    return Ledger(description=str(chk.text(m["description"], "description")), claims=tuple(claims))


def load_ledger(path: Path | str = FIGURES_FILE) -> Ledger:
    p = Path(path)
    return parse_ledger(read_yaml(p, p.name), p.name)


@lru_cache(maxsize=1)
def default_ledger() -> Ledger:
    return load_ledger()
