"""Pages about one case: the decision, the timeline, the case as a download (the interview is in
routes_interview.py).

The case travels in a hidden form field (JSON), so the pages need no server session. The buttons that carry
a case POST it; the decision at the end of an interview is a GET whose URL carries the interview's state
(interview_state.py: Back and Reload work, and the address is the link to it); `extrashield serve` keeps
uvicorn's access log off and the app's own log names the route template, never the URL. The bundled
examples can be opened by GET.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.web.casedata import load_example
from extrashield.adapters.web.forms import (
    form_fields,
    hidden_case,
    optional_day,
)
from extrashield.adapters.web.interview_state import FIELD, read_token
from extrashield.adapters.web.render import check_format, page, problem
from extrashield.adapters.web.routes_registry import save_control
from extrashield.adapters.web.views import decision_data, readings_from, timeline_data
from extrashield.errors import CaseError

router = APIRouter()


def _case_json(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


def _decision_page(
    request: Request, raw: dict[str, Any], readings: dict[str, str], save: dict[str, Any], **context: Any
) -> Response:
    """The decision page; `save` says whether the save control is shown (routes_registry.save_control)."""
    data = decision_data(raw, readings)
    if context.get("what_if"):
        data["what_if"] = context["what_if"]  # as `extrashield assess --grant-citizenship --format json`
    return page(request, "decision.html", data, case_json=_case_json(raw), save=save, **context)


@router.post("/decision")
async def decision_post(request: Request) -> Response:
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
        readings = readings_from(request.query_params.getlist("reading"), fields)
        save = await run_in_threadpool(save_control, request)
        return _decision_page(request, raw, readings, save)
    except CaseError as exc:
        return problem(request, exc)


@router.get("/decision")
def decision_get(request: Request, example: str = "") -> Response:
    """A bundled example's decision (no personal data), or the decision at the end of an interview: the
    state in the URL (`s`, interview_state.py), so that Back, Reload and the link work."""
    check_format(request)
    pairs = request.query_params.getlist("reading")
    try:
        token = request.query_params.get(FIELD)
        if token:
            state = read_token(token)
            readings = {**state.readings, **readings_from(pairs, {})}
            readings_from([], {f"r:{k}": v for k, v in readings.items()})
            grant = request.query_params.get("grant_citizenship")
            if grant:  # the what-if of the eligibility page (the command line's --grant-citizenship)
                from extrashield.facts.whatif import grant_russian_citizenship

                raw = grant_russian_citizenship(state.case, grant)
                return _decision_page(
                    request,
                    raw,
                    readings,
                    {"user": None, "can_save": False},  # a hypothesis is no decision to keep
                    what_if={"grant_russian_citizenship": grant},
                    headers={"referrer-policy": "no-referrer"},
                )
            interview = {
                "review": state.url("/interview/review"),
                "link": state.url("/decision"),
                "ended": request.query_params.get("from") == "interview",
            }
            return _decision_page(
                request,
                state.case,
                readings,
                save_control(request),
                interview=interview,
                headers={"referrer-policy": "no-referrer"},
            )
        raw = load_example(example)
        return _decision_page(request, raw, readings_from(pairs, {}), save_control(request), example=example)
    except CaseError as exc:
        return problem(request, exc)


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
