"""Reading the submitted forms: the case from a hidden field, a paste, an upload, a bundled example or a
link's token; dates; the interview's bookkeeping fields. Every problem is a CaseError naming the form field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from extrashield.adapters.web.casedata import MAX_CASE_CHARS, check_fact, load_example, parse_case_text
from extrashield.adapters.web.interview_state import FIELD, InterviewState, read_token
from extrashield.adapters.web.views import readings_from
from extrashield.errors import CaseError
from extrashield.facts.case import validate_case
from extrashield.facts.case_json import read_case_json
from extrashield.facts.dates import parse_iso
from extrashield.i18n import _


def text_fields(form: FormData) -> dict[str, str]:
    """The text fields of a form (an upload is read separately); the last value wins."""
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


async def form_fields(request: Request) -> dict[str, str]:
    """A submitted form's text fields; the form is closed at once (no upload's temporary file lingers)."""
    async with request.form() as form:
        return text_fields(form)


def page_number(text: str, field: str) -> int:
    """A whole number from 0 to MAX_INTEGER (2^31 - 1) in a page's query (an offset, an audit entry): the
    bound of the API's parameters, which every database compares and pages with (docs/api.md)."""
    from extrashield.adapters.registry.schema import MAX_INTEGER

    value = text.strip()
    if value == "":
        return 0
    if not value.isascii() or not value.isdigit() or len(value) > 10 or int(value) > MAX_INTEGER:
        raise CaseError(
            field,
            _("expected a whole number from 0 to {max}, got {value!r}").format(
                max=MAX_INTEGER, value=text[:40]
            ),
        )
    return int(value)


def optional_day(value: str | None, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_iso(value.strip())
    except ValueError as exc:
        raise CaseError(field, str(exc)) from None


def hidden_case(form: FormData | dict[str, str]) -> dict[str, Any]:
    text = form.get("case")
    if not isinstance(text, str) or not text.strip():
        raise CaseError("case", _("is missing: start the interview again, or paste or upload a case"))
    raw = parse_case_text(text, "case")
    validate_case(raw)
    return raw


def linked_state(request: Request) -> InterviewState | None:
    """The case and readings a case page's link carries (`s`, interview_state.py), with the readings the
    query changes (`reading=KEY=VALUE`, or the `r:KEY` fields of a readings form sent by GET); None when the
    link carries no case."""
    token = request.query_params.get(FIELD)
    if token is None:
        return None
    state = read_token(token)
    query = {k: v for k, v in request.query_params.items() if k.startswith("r:")}
    readings = {**state.readings, **readings_from(request.query_params.getlist("reading"), query)}
    readings_from([], {f"r:{k}": v for k, v in readings.items()})  # a ReadingError names the bad one
    return replace(state, readings=readings)


def hidden_list(form: FormData | dict[str, str], name: str) -> list[str]:
    text = form.get(name)
    if not isinstance(text, str) or not text:
        return []
    try:
        value = read_case_json(text, name)
    except CaseError as exc:
        raise CaseError(name, _("is not a JSON list of fact paths ({error})").format(error=exc)) from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CaseError(name, _("expected a JSON list of fact paths"))
    return [check_fact(v, name) for v in value]


async def starting_case(form: FormData) -> dict[str, Any]:
    """The case an interview starts from: upload, then paste, then example, else an empty case."""
    upload = form.get("case_file")
    raw: dict[str, Any] | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        raw = parse_case_text(await upload.read(MAX_CASE_CHARS + 1), "case_file")
    elif isinstance(form.get("case_text"), str) and str(form.get("case_text")).strip():
        raw = parse_case_text(str(form.get("case_text")), "case_text")
    elif isinstance(form.get("example"), str) and form.get("example"):
        raw = load_example(str(form.get("example")))
    day = optional_day(str(form.get("decision_date") or ""), "decision_date")
    if raw is None:
        raw = {}
    if day is not None:
        raw["decision_date"] = day.isoformat()
    elif raw.get("decision_date") is None:
        raw["decision_date"] = dt.date.today().isoformat()
    validate_case(raw)
    return raw
