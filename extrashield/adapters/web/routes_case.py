"""Pages about one case: the decision, the timeline, the case as a download (the interview is in
routes_interview.py).

Every case page is a GET whose URL carries the case and its readings (the interview's token,
interview_state.py), so the pages need no server session and the browser's Back, Forward and Reload work;
the buttons that go from one case page to another are GET forms with that token. A case POSTed in a hidden
field (a paste, an upload, a script, a registry record) is answered with a 303 to that GET address
(Post/Redirect/Get); only a case too long for a link is answered directly, and its pages carry it by POST.
`extrashield serve` keeps uvicorn's access log off and the app's own log names the route template, never the
URL. The bundled examples are opened by GET with `example=NAME`.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.web.casedata import load_example
from extrashield.adapters.web.forms import form_fields, hidden_case, linked_state, optional_day
from extrashield.adapters.web.interview_state import case_token, case_url
from extrashield.adapters.web.render import (
    NO_REFERRER,
    attachment,
    case_file_name,
    check_format,
    page,
    problem,
    see_other,
    wants_json,
)
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
    token = case_token(raw, data["answer"]["interpretations"])
    return page(request, "decision.html", data, case_json=_case_json(raw), token=token, save=save, **context)


@router.post("/decision")
async def decision_post(request: Request) -> Response:
    """A case posted in a hidden field: a 303 to the decision's GET address (the case in the link)."""
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
        readings = readings_from(request.query_params.getlist("reading"), fields)
        url = case_url("/decision", raw, readings)
        if url is not None:
            return see_other(request, url)
        save = await run_in_threadpool(save_control, request)  # a case too long for a link: shown here
        return _decision_page(request, raw, readings, save)
    except CaseError as exc:
        return problem(request, exc)


@router.get("/decision")
def decision_get(request: Request, example: str = "") -> Response:
    """A bundled example's decision (no personal data), or a case's: the case in the URL (`s`,
    interview_state.py; the end of an interview, or another case page's link), so that Back, Reload and the
    link work."""
    check_format(request)
    pairs = request.query_params.getlist("reading")
    try:
        state = linked_state(request)
        if state is not None:
            readings = state.readings
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
                    headers=NO_REFERRER,
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
                headers=NO_REFERRER,
            )
        raw = load_example(example)
        return _decision_page(request, raw, readings_from(pairs, {}), save_control(request), example=example)
    except CaseError as exc:
        return problem(request, exc)


@router.post("/case/download")
async def case_download(request: Request) -> Response:
    """The case file of a case too long for a link (a linked case downloads from /interview/case.json)."""
    try:
        raw = hidden_case(await form_fields(request))
    except CaseError as exc:
        return problem(request, exc)
    return Response(
        json.dumps(raw, ensure_ascii=False, indent=2) + "\n",
        media_type="application/json",
        headers=attachment(case_file_name(raw)),
    )


TIMELINE_FIELDS = ("from", "to")


def _timeline(
    request: Request, raw: dict[str, Any], fields: dict[str, str], readings: dict[str, str], example: str = ""
) -> Response:
    """The timeline from `from` to `to` (form fields). A bad date comes back in the timeline's form as
    typed, the message next to its field (422), over the default span; the JSON twin answers a 422."""
    values = {k: fields.get(k, "") for k in TIMELINE_FIELDS}
    errors: dict[str, str] = {}
    days: dict[str, Any] = {}
    for name in TIMELINE_FIELDS:
        try:
            days[name] = optional_day(values[name], name)
        except CaseError as exc:
            errors[name] = exc.problem
    built = None
    if not errors:
        try:
            built = timeline_data(raw, readings, days["from"], days["to"])
        except CaseError as exc:  # the core names its command-line options; the form names its fields
            name = exc.path.lstrip("-")
            if name not in TIMELINE_FIELDS:
                return problem(request, exc)
            errors[name] = exc.problem.replace("--from", "from").replace("--to", "to")
    if errors:
        name, message = next(iter(errors.items()))
        if wants_json(request):
            return problem(request, CaseError(name, message))
        try:
            built = timeline_data(raw, readings, None, None)
        except CaseError as exc:
            return problem(request, exc)
    assert built is not None
    return page(
        request,
        "timeline.html",
        built["data"],
        status=422 if errors else 200,
        headers=NO_REFERRER,
        svg=built["svg"],
        svg_narrow=built["svg_narrow"],
        case_json=_case_json(raw),
        token=case_token(raw, built["data"]["timeline"]["interpretations"]),
        example=example,
        values=values if errors else {},
        errors=errors,
        focus=next(iter(errors), ""),
    )


@router.post("/timeline")
async def timeline_post(request: Request) -> Response:
    """A case posted in a hidden field: a 303 to the timeline's GET address (the case in the link)."""
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
        readings = readings_from(request.query_params.getlist("reading"), fields)
    except CaseError as exc:
        return problem(request, exc)
    dates = {k: fields[k] for k in TIMELINE_FIELDS if fields.get(k)}
    url = case_url("/timeline", raw, readings, **dates)
    if url is not None:
        return see_other(request, url)
    return _timeline(request, raw, fields, readings)


@router.get("/timeline")
def timeline_get(request: Request, example: str = "") -> Response:
    """A case's timeline (the case in the URL, `s`) or a bundled example's (`example`)."""
    check_format(request)
    try:
        state = linked_state(request)
        if state is not None:
            raw, readings = state.case, state.readings
        else:
            raw = load_example(example)
            readings = readings_from(request.query_params.getlist("reading"), {})
    except CaseError as exc:
        return problem(request, exc)
    fields = {k: v for k, v in request.query_params.items() if k in TIMELINE_FIELDS}
    return _timeline(request, raw, fields, readings, example if state is None else "")
