"""Pages about one case: the guided interview, the decision, the timeline, the case as a download.

The case travels in a hidden form field (JSON), so the pages need no server session and a half-done
interview lives only in the user's browser. Pages that carry a case are POSTed (personal data stays out
of URLs and access logs); the bundled examples can be opened by GET.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from extrashield.adapters.web.casedata import answer_value, check_fact, example_names, load_example, set_path
from extrashield.adapters.web.forms import (
    form_fields,
    hidden_case,
    hidden_list,
    optional_day,
    starting_case,
    text_fields,
)
from extrashield.adapters.web.render import check_format, page, problem
from extrashield.adapters.web.views import decision_data, readings_from, step_data, timeline_data
from extrashield.errors import CaseError

router = APIRouter()


def _case_json(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


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


@router.post("/decision")
async def decision_post(request: Request) -> Response:
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
        readings = readings_from(request.query_params.getlist("reading"), fields)
        data = decision_data(raw, readings)
    except CaseError as exc:
        return problem(request, exc)
    return page(request, "decision.html", data, case_json=_case_json(raw))


@router.get("/decision")
def decision_example(request: Request, example: str = "") -> Response:
    """A bundled example's decision (no personal data, so a GET link is fine)."""
    check_format(request)
    try:
        raw = load_example(example)
        data = decision_data(raw, readings_from(request.query_params.getlist("reading"), {}))
    except CaseError as exc:
        return problem(request, exc)
    return page(request, "decision.html", data, case_json=_case_json(raw), example=example)


@router.post("/case/download")
async def case_download(request: Request) -> Response:
    try:
        raw = hidden_case(await form_fields(request))
    except CaseError as exc:
        return problem(request, exc)
    name = "".join(ch for ch in str(raw.get("id") or "case") if ch.isalnum() or ch in "-_")[:60] or "case"
    return Response(
        json.dumps(raw, ensure_ascii=False, indent=2) + "\n",
        media_type="application/json",
        headers={"content-disposition": f'attachment; filename="{name}.json"', "cache-control": "no-store"},
    )


def _timeline(
    request: Request, raw: dict[str, Any], fields: dict[str, str], pairs: list[str], example: str = ""
) -> Response:
    try:
        readings = readings_from(pairs, fields)
        start = optional_day(fields.get("from"), "from")
        until = optional_day(fields.get("to"), "to")
        try:
            built = timeline_data(raw, readings, start, until)
        except CaseError as exc:  # the core names its command-line options; the form names its fields
            raise CaseError(
                exc.path.lstrip("-"), exc.problem.replace("--from", "from").replace("--to", "to")
            ) from None
    except CaseError as exc:
        return problem(request, exc)
    return page(
        request,
        "timeline.html",
        built["data"],
        svg=built["svg"],
        svg_narrow=built["svg_narrow"],
        case_json=_case_json(raw),
        example=example,
    )


@router.post("/timeline")
async def timeline_post(request: Request) -> Response:
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
    except CaseError as exc:
        return problem(request, exc)
    return _timeline(request, raw, fields, request.query_params.getlist("reading"))


@router.get("/timeline")
def timeline_example(request: Request, example: str = "") -> Response:
    check_format(request)
    try:
        raw = load_example(example)
    except CaseError as exc:
        return problem(request, exc)
    fields = {k: v for k, v in request.query_params.items() if k in ("from", "to")}
    return _timeline(request, raw, fields, request.query_params.getlist("reading"), example)
