"""Hypotheses about a case: "what if Russian citizenship is granted on date D?"

A grant adds an `RU` entry from D to the person's citizenships. From D the person is a Russian citizen:
Art. 61(1) of the Constitution and Art. 464(1)(1) CPC bar extradition, and Art. 464(1)(7) (foreign or
stateless contract servicemen) no longer applies. Simplified citizenship under Decree No. 10 waives the
renunciation of the other citizenship (Art. 15(1) point 4 of 138-FZ), so the other entries are kept.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

from extrashield.errors import CaseError
from extrashield.facts.dates import parse_iso

FIELD = "person.citizenships"


def grant_russian_citizenship(case: Mapping[str, Any], day: dt.date | str) -> dict[str, Any]:
    """A copy of the case mapping (docs/contract.md §3) in which the person becomes a Russian citizen on `day`.

    The citizenships must be known: adding one entry to an unknown list would claim the person held no
    other. `person.stateless: true` is dropped, because statelessness now ends on `day` and the list says
    so. Refused (CaseError) when the person already holds Russian citizenship on or after `day`.
    """
    try:
        grant = parse_iso(day)
    except ValueError as exc:
        raise CaseError("grant_citizenship", str(exc)) from None
    if not isinstance(case, Mapping):
        raise CaseError("case", "expected a JSON object")
    out = copy.deepcopy(dict(case))
    person = out.get("person")
    if not isinstance(person, dict) or not isinstance(person.get("citizenships"), list):
        raise CaseError(
            FIELD,
            "is unknown: list the person's citizenships (or [] for none) before asking what a grant of Russian citizenship would change",
        )
    cits = person["citizenships"]
    for i, c in enumerate(cits):
        if not isinstance(c, Mapping) or c.get("country") != "RU":
            continue
        until = c.get("until")
        try:
            ends = parse_iso(until) if until is not None else None
        except ValueError:
            continue  # validation of the case names this field
        if ends is None or ends > grant:
            raise CaseError(
                f"{FIELD}[{i}]", f"the person already holds Russian citizenship on or after {grant}"
            )
    cits.append({"country": "RU", "from": grant.isoformat()})
    if person.get("stateless") is True:
        del person["stateless"]
    return out
