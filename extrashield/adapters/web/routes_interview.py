"""The guided interview: one question at a time, chosen by the core, the case carried by the pages
(no server session)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from extrashield.adapters.web.casedata import answer_value, check_fact, example_names, set_path
from extrashield.adapters.web.forms import (
    form_fields,
    hidden_case,
    hidden_list,
    starting_case,
    text_fields,
)
from extrashield.adapters.web.render import check_format, page, problem
from extrashield.adapters.web.routes_case import _case_json
from extrashield.adapters.web.views import decision_data, readings_from, step_data
from extrashield.errors import CaseError

router = APIRouter()


def _step_or_decision(
    request: Request,
    raw: dict[str, Any],
    readings: dict[str, str],
    skipped: list[str],
    answered: list[str],
    status: int = 200,
    error: CaseError | None = None,
) -> Response:
    step = step_data(raw, readings, skipped, answered)
    if step["done"] and error is None:
        data = decision_data(raw, readings)
        data["interview"] = {"answered": step["answered"], "skipped": skipped}
        return page(request, "decision.html", data, case_json=_case_json(raw), from_interview=True)
    if error is not None and step["done"]:
        return problem(request, error)  # the interview is over: no question to show the error with
    if error is not None:
        step["error"] = {"field": error.path, "msg": error.problem}
    return page(
        request,
        "step.html",
        step,
        status=status,
        case_json=_case_json(raw),
        error=error,
        skipped_json=json.dumps(skipped),
        answered_json=json.dumps(answered),
    )


@router.get("/interview", summary="Start a guided interview")
def interview_start(request: Request) -> Response:
    check_format(request)
    return page(
        request,
        "start.html",
        {"examples": example_names(), "fields": ["decision_date", "case_file", "case_text", "example"]},
    )


@router.post("/interview")
async def interview_begin(request: Request) -> Response:
    check_format(request)
    async with request.form() as form:  # closing the form removes an upload's temporary file
        try:
            raw = await starting_case(form)
            readings = readings_from([], text_fields(form))
        except CaseError as exc:
            return problem(request, exc, "start.html", data_examples=example_names())
    return _step_or_decision(request, raw, readings, [], [])


@router.post("/interview/answer")
async def interview_answer(request: Request) -> Response:
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
        skipped = hidden_list(fields, "skipped")
        answered = hidden_list(fields, "answered")
        readings = readings_from([], fields)
        fact = fields.get("fact", "")
    except CaseError as exc:
        return problem(request, exc)
    if not fact:
        return problem(request, CaseError("fact", "is missing: which question is being answered?"))
    try:
        value = answer_value(check_fact(fact), fields)
        if value is None or fields.get("action") == "skip":
            skipped = [*skipped, fact]  # "don't know": never asked again in this interview
        else:
            candidate = set_path(raw, fact, value)
            hidden_case(
                {"case": _case_json(candidate)}
            )  # validated by the core: a bad answer names its field
            raw = candidate
            answered = [*answered, fact]
    except (CaseError, KeyError) as exc:
        error = exc if isinstance(exc, CaseError) else CaseError("fact", f"unknown fact {fact!r}")
        return _step_or_decision(request, raw, readings, skipped, answered, status=422, error=error)
    return _step_or_decision(request, raw, readings, skipped, answered)
