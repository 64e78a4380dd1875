"""What the registry lists stored decisions by, and the query of that list.

A saved decision carries whom and what it concerns, taken from its case when it is saved (`summary_of`):
the person's names in every script the case gives, the file's reference, and the requesting state; with
the outcome and the decision date it already had. These are columns of `decisions` (audited with the
rest of the record). Its names are also kept as search and sort keys (`keys_of`, table `decision_keys`,
derived data outside the audited record, as `person_names` is for persons): each word transliterated to
ASCII with its Soundex code (names.py, rigour), so "Ivanov" finds "Иванов" and the reverse, and the first
name's ICU collation key for Russian, so the list sorts as a Russian reader expects.

`DecisionQuery` is the list's query (filters, sort, name search), read from a page's or a client's
parameters by `parse_query`, which names the parameter that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from extrashield.errors import CaseError
from extrashield.facts.dates import parse_iso
from extrashield.i18n import N_

SUMMARY_FIELDS = ("names", "reference", "requesting_state")
OUTCOMES = ("barred", "may_refuse", "permitted", "undetermined")
# sort -> what it orders by; "-" before a sort reverses it
SORTS = {  # the words are shown on the registry's page, in its language (marked for the catalogue)
    "saved": N_("date saved"),
    "name": N_("name"),  # Russian alphabetical order, then Latin (names.sort_key)
    "date": N_("decision date"),
    "state": N_("requesting state"),
    "outcome": N_("outcome"),
    "reference": N_("reference"),
}
DEFAULT_SORT = "-saved"
_STATE = re.compile(r"^[A-Z]{2}$")
MAX_REFERENCE = 200  # characters of a reference kept in a list's column (the case keeps it whole)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def summary_of(case: Mapping[str, Any], request_reference: str | None = None) -> dict[str, Any]:
    """The `decisions` columns a case gives: `names` (the person's, as given, or None), `reference` (the
    case's `reference`, else the stored request's, else the case's own `id`: the name a lawyer gave the
    file) and `requesting_state`."""
    person = case.get("person")
    request = case.get("request")
    names = person.get("names") if isinstance(person, Mapping) else None
    kept = [n for n in names if _text(n)] if isinstance(names, list) else []
    state = request.get("requesting_state") if isinstance(request, Mapping) else None
    reference = next(
        (t for t in (_text(case.get("reference")), _text(request_reference), _text(case.get("id"))) if t),
        None,
    )
    return {
        "names": kept or None,
        "reference": reference,
        "requesting_state": state if isinstance(state, str) and _STATE.match(state) else None,
    }


def keys_of(decision_id: str, names: Sequence[str] | None) -> dict[str, Any]:
    """The `decision_keys` row of a decision's names: words and Soundex codes each between spaces (so that
    ``LIKE '% iva%'`` finds a word's beginning), and the first name's Russian sort key."""
    from extrashield.adapters.registry.names import name_keys, sort_key

    pairs = name_keys(names or ())
    return {
        "decision_id": decision_id,
        "tokens": " " + "".join(f"{token} " for token, _ in pairs),
        "phonetics": " " + "".join(f"{code} " for _, code in pairs),
        "sort_name": sort_key(names[0]) if names else None,
    }


@dataclass(frozen=True)
class DecisionQuery:
    """The registry's list of decisions: only those matching every filter given, in the order `sort`."""

    name: str | None = None  # as typed: a name in any script
    words: tuple[str, ...] = ()  # its words as search keys (names.query_words)
    outcome: str | None = None
    requesting_state: str | None = None
    date_from: str | None = None  # decision dates from (inclusive)
    date_to: str | None = None  # ... to (inclusive)
    sort: str = DEFAULT_SORT

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def filtered(self) -> bool:
        return any((self.name, self.outcome, self.requesting_state, self.date_from, self.date_to))

    def params(self, **changes: str | None) -> dict[str, str]:
        """The query as URL parameters (only those given; `changes` replace some), for links that keep it."""
        values: dict[str, str | None] = {
            "name": self.name,
            "outcome": self.outcome,
            "state": self.requesting_state,
            "from": self.date_from,
            "to": self.date_to,
            "sort": None if self.sort == DEFAULT_SORT else self.sort,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    def logged(self) -> dict[str, Any]:
        """The filters for the access log (access.safe_query keeps dates, and replaces the name)."""
        from extrashield.adapters.registry.access import GIVEN

        return {
            "name": GIVEN if self.name else None,
            "outcome": self.outcome,
            "state": self.requesting_state,
            "from": self.date_from,
            "to": self.date_to,
            "sort": self.sort,
        }


def _day(params: Mapping[str, str], key: str) -> str | None:
    value = _text(params.get(key))
    if value is None:
        return None
    try:
        return parse_iso(value).isoformat()
    except ValueError as exc:
        raise CaseError(key, str(exc)) from None


def parse_query(params: Mapping[str, str]) -> DecisionQuery:
    """A `DecisionQuery` from parameters `name`, `outcome`, `state`, `from`, `to`, `sort` (empty ones are
    left out). Raises CaseError naming the parameter that is wrong."""
    from extrashield.adapters.registry.names import query_words

    name = _text(params.get("name"))
    words: tuple[str, ...] = ()
    if name is not None:
        try:
            words = tuple(query_words(name))
        except ValueError as exc:
            raise CaseError("name", str(exc)) from None
    outcome = _text(params.get("outcome"))
    if outcome is not None and outcome not in OUTCOMES:
        raise CaseError("outcome", f"expected one of {', '.join(OUTCOMES)}")
    state = _text(params.get("state"))
    if state is not None:
        state = state.upper()
        if not _STATE.match(state):
            raise CaseError("state", "expected an ISO 3166-1 alpha-2 country code such as NP or UA")
    date_from, date_to = _day(params, "from"), _day(params, "to")
    if date_from and date_to and date_from > date_to:
        raise CaseError("to", f"is before from ({date_from})")
    sort = _text(params.get("sort")) or DEFAULT_SORT
    if sort.lstrip("-") not in SORTS or sort.startswith("--"):
        raise CaseError("sort", f"expected one of {', '.join(SORTS)}, each optionally after '-'")
    return DecisionQuery(name, words, outcome, state, date_from, date_to, sort)


__all__ = [
    "DEFAULT_SORT",
    "OUTCOMES",
    "SORTS",
    "SUMMARY_FIELDS",
    "DecisionQuery",
    "keys_of",
    "parse_query",
    "summary_of",
]
