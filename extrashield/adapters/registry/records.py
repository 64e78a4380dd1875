"""The kinds of record the registry keeps, and the checks on what a client may write into them.

Facts that also appear in a case (a person's citizenships, a contract, a request) are checked by the
case validator itself, so that the registry accepts exactly what an assessment would, and an error
names the field in the client's own terms (``citizenships[0].country``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from extrashield.errors import CaseError
from extrashield.facts.case import validate_case
from extrashield.facts.case_json import find_problem
from extrashield.facts.dates import parse_iso

# A date before any law this tool knows, on which consistency checks tied to the decision date are moot.
_NEUTRAL_DAY = "1900-01-01"
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Kind:
    """One kind of record: its name in URLs and the audit log, and the fields a client writes."""

    name: str  # audit log entity name
    path: str  # URL segment
    fields: tuple[str, ...]
    required: tuple[str, ...]
    check: Callable[[dict[str, Any]], None]
    references: Mapping[str, str]  # field -> kind it must point at


def _case_check(
    data: dict[str, Any],
    fields: tuple[str, ...],
    wrap: Callable[[dict[str, Any]], dict[str, Any]],
    prefix: str,
) -> None:
    subset = {k: data[k] for k in fields if data.get(k) is not None}
    try:
        validate_case({"decision_date": _NEUTRAL_DAY, **wrap(subset)})
    except CaseError as exc:
        path = exc.path[len(prefix) :] if exc.path.startswith(prefix) else exc.path
        raise CaseError(path, exc.problem) from None


def _text(data: dict[str, Any], name: str) -> None:
    v = data.get(name)
    if v is not None and (not isinstance(v, str) or len(v) > MAX_TEXT):
        raise CaseError(name, f"expected text of at most {MAX_TEXT} characters")


def _ids(data: dict[str, Any], name: str) -> None:
    v = data.get(name)
    if v is None:
        data[name] = []
    elif not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise CaseError(name, "expected a list of source ids")


def _date(data: dict[str, Any], name: str) -> None:
    v = data.get(name)
    if v is not None:
        try:
            parse_iso(v)
        except ValueError as exc:
            raise CaseError(name, str(exc)) from None


def _check_person(data: dict[str, Any]) -> None:
    names = data.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise CaseError("names", "expected a non-empty list of names (in every script the files use)")
    _case_check(
        data,
        ("names", "birth_date", "citizenships", "stateless", "asylum_in_russia"),
        lambda s: {"person": s},
        "person.",
    )
    _text(data, "notes")


def _check_service(data: dict[str, Any]) -> None:
    _case_check(
        data,
        ("formation", "contract_from", "contract_until", "combat"),
        lambda s: {"person": {"military_service": [s]}},
        "person.military_service[0].",
    )
    _ids(data, "source_ids")
    _text(data, "notes")


def _check_request(data: dict[str, Any]) -> None:
    _case_check(
        data,
        ("requesting_state", "received_on", "purpose", "legal_basis", "offense", "guarantees"),
        lambda s: {"request": s},
        "request.",
    )
    _ids(data, "source_ids")
    _text(data, "reference")
    _text(data, "notes")


def _check_source(data: dict[str, Any]) -> None:
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        raise CaseError("title", "is required (what the source is)")
    for name in ("title", "url", "publisher", "notes"):
        _text(data, name)
    _date(data, "date")


PERSON = Kind(
    "person",
    "persons",
    ("names", "birth_date", "citizenships", "stateless", "asylum_in_russia", "notes"),
    ("names",),
    _check_person,
    {},
)
SOURCE = Kind(
    "source", "sources", ("title", "url", "publisher", "date", "notes"), ("title",), _check_source, {}
)
SERVICE_RECORD = Kind(
    "service_record",
    "service-records",
    ("person_id", "formation", "contract_from", "contract_until", "combat", "source_ids", "notes"),
    ("person_id",),
    _check_service,
    {"person_id": "person"},
)
REQUEST = Kind(
    "request",
    "requests",
    (
        "person_id",
        "reference",
        "requesting_state",
        "received_on",
        "purpose",
        "legal_basis",
        "offense",
        "guarantees",
        "source_ids",
        "notes",
    ),
    ("person_id",),
    _check_request,
    {"person_id": "person"},
)
KINDS: dict[str, Kind] = {k.name: k for k in (PERSON, SOURCE, SERVICE_RECORD, REQUEST)}
BY_PATH: dict[str, Kind] = {k.path: k for k in KINDS.values()}


def refuse_unstorable(body: Mapping[str, Any]) -> None:
    """A NUL character or a lone surrogate anywhere in a body (a name, a note, an id, a key) is refused
    naming the field: PostgreSQL text cannot hold the one, UTF-8 the other. The JSON reader refuses them
    already; this covers bodies built in Python (the web pages' forms)."""
    problem = find_problem(body, "body")
    if problem is not None:
        raise problem


def checked(kind: Kind, body: Any, *, partial_of: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The writable fields of `body`, checked. With `partial_of` (an update), missing fields keep the
    stored value and ``null`` clears one. Raises CaseError naming the field."""
    if not isinstance(body, Mapping):
        raise CaseError("body", "expected a JSON object")
    refuse_unstorable(body)
    for key in body:
        if key not in kind.fields:
            raise CaseError(str(key), f"unknown field (allowed here: {', '.join(kind.fields)})")
    data: dict[str, Any] = {k: partial_of.get(k) for k in kind.fields} if partial_of is not None else {}
    data.update(body)
    data = {k: data.get(k) for k in kind.fields}
    for name in kind.required:
        if data.get(name) is None:
            raise CaseError(name, "is required")
    for name in kind.references:
        if not isinstance(data[name], str):
            raise CaseError(name, "expected the id of a stored record")
    kind.check(data)
    return data


def now() -> str:
    """UTC, to the microsecond, as ISO text (what the registry stores and hashes)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
