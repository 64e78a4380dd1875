"""Public endpoints: assess one case (docs/contract.md §6), a person's timeline, and batch screening."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.datastructures import QueryParams

from extrashield.adapters.api.limits import (
    INLINE_ITEMS,
    assess_json,
    list_items,
    raise_failure,
    timeline_json,
)
from extrashield.adapters.api.schemas import (
    ANSWER,
    DATE,
    TIMELINE,
    body,
    case_schema_with_optional_date,
    json_response,
    ref,
)
from extrashield.adapters.api.screening import FORMAT_HELP, SCREEN_BODY
from extrashield.adapters.http.inputs import QueryError, json_body, single
from extrashield.adapters.http.problems import INVALID_RESPONSE, JSON_BODY_RESPONSES, case_error
from extrashield.engine.readings import PAIR_PATTERN, readings_of
from extrashield.errors import CaseError

router = APIRouter(tags=["assessment"])

ReadingParam = Annotated[
    list[str],
    Query(description="An interpretation, KEY=VALUE, e.g. point7.limbs=combat_required (repeatable)."),
]
DecisionDate = Annotated[
    str | None, Query(description="Decide as of this date (YYYY-MM-DD) instead of the case's own.")
]


def _query_day(query: QueryParams, name: str) -> dt.date | None:
    """A date query parameter given at most once (the same value twice is accepted), parsed."""
    from extrashield.facts.dates import parse_iso

    text = single(query, name)
    if text is None:
        return None
    try:
        return parse_iso(text)
    except ValueError as exc:
        raise QueryError(name, str(exc)) from None


def _decision_date_from_query(exc: CaseError, data: Any) -> bool:
    """Whether a `decision_date` error of a case assessed with the query's decision_date is about the
    query's value (else it is about the body's, which is validated as well)."""
    from extrashield.facts.case import validate_case

    if exc.path != "decision_date" or not isinstance(data, dict) or data.get("decision_date") is None:
        return exc.path == "decision_date"
    try:
        validate_case(data)  # the body alone: does its own decision_date fail?
    except CaseError as alone:
        return alone.path != "decision_date"
    return True


def _body_schema(description: str) -> dict[str, Any]:
    return body(case_schema_with_optional_date(description))


# The query parameters of /v1/assess are documented here and read straight from the request: FastAPI's
# parameter machinery cost about as much per request as the assessment itself.
READING_ITEM: dict[str, Any] = {"type": "string", "pattern": PAIR_PATTERN}
ASSESS_PARAMETERS = [
    {
        "name": "decision_date",
        "in": "query",
        "required": False,
        "description": "Decide as of this date (YYYY-MM-DD) instead of the case's own; then the case may leave "
        "its decision_date out. Given twice with different values: 422.",
        "schema": DATE,
    },
    {
        "name": "reading",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": True,
        "description": "An interpretation, KEY=VALUE, e.g. point7.limbs=combat_required (repeatable; a key given "
        "twice with different values: 422).",
        "schema": {"type": "array", "items": READING_ITEM},
    },
]


@router.post(
    "/v1/assess",
    summary="Assess one case",
    description="Body: a case (docs/contract.md §3). Returns the answer of docs/contract.md §5, or 422 naming the field.",
    openapi_extra={
        **_body_schema("Required, unless the decision_date query parameter is given."),
        "parameters": ASSESS_PARAMETERS,
    },
    responses={200: json_response(ANSWER, "The answer (docs/contract.md §5)"), **JSON_BODY_RESPONSES},
    response_class=JSONResponse,
)
async def assess_case(request: Request) -> Response:
    # A case with few list items is assessed inline (well under a few milliseconds, less than the trip to
    # another process); a longer one, which can take a quarter of a second, in the worker processes.
    query = request.query_params
    data: Any = None
    decision_date: dt.date | None = None
    try:
        decision_date = _query_day(query, "decision_date")
        readings = readings_of(query.getlist("reading"))
        data = await json_body(request)
        if list_items(data) <= INLINE_ITEMS:
            outcome = assess_json(data, decision_date, readings)
        else:
            outcome = await request.app.state.limits.cpu.run(assess_json, data, decision_date, readings)
        answer = raise_failure(outcome)
    except CaseError as exc:
        from_query = decision_date is not None and _decision_date_from_query(exc, data)
        return case_error(exc, ("decision_date",) if from_query else ())
    return Response(answer, media_type="application/json")


@router.post(
    "/v1/timeline",
    summary="A person's timeline",
    description="Body: a case (its decision_date may be left out). The intervals of [from, to) on which the "
    "outcome and the applying grounds stay the same (docs/contract.md §6, `extrashield timeline --format json`).",
    openapi_extra=_body_schema("May be left out: then `from`."),
    responses={200: json_response(TIMELINE, "The intervals"), **JSON_BODY_RESPONSES},
    response_class=JSONResponse,
)
async def timeline(
    request: Request,
    start: Annotated[str, Query(alias="from", description="First day (YYYY-MM-DD), included.")],
    until: Annotated[str, Query(alias="to", description="Last day (YYYY-MM-DD), excluded; after `from`.")],
    reading: ReadingParam = [],  # noqa: B006
) -> Response:
    query = request.query_params
    try:
        # `start`, `until` and `reading` are declared for FastAPI (required, documented); they are read
        # again from the query to refuse one given twice with different values.
        first, last = _query_day(query, "from"), _query_day(query, "to")
        if first is None or last is None:  # FastAPI has answered 422 before this; kept for the type checker
            raise QueryError("from" if first is None else "to", "is required (YYYY-MM-DD)")
        if last <= first:
            raise QueryError(
                "to", f"{last} must be after from ({first}): the range is [from, to), to excluded"
            )
        readings = readings_of(query.getlist("reading"))
        data = await json_body(request)
        if isinstance(data, dict) and data.get("decision_date") is None:
            data = {**data, "decision_date": first.isoformat()}
        # a timeline assesses the case on every date where something changes: in the worker processes
        result = raise_failure(
            await request.app.state.limits.cpu.run(timeline_json, data, first, last, readings)
        )
    except CaseError as exc:
        # The core names its command-line options (--from, --to); here they are query parameters.
        if exc.path in ("--from", "--to"):
            return case_error(
                QueryError(exc.path.lstrip("-"), exc.problem.replace("--from", "from").replace("--to", "to"))
            )
        return case_error(exc)
    return Response(result, media_type="application/json")


SCREEN_RESPONSE = {
    "description": "JSON Lines, streamed: one `ScreenedRow` (a JSON object) a line, one per row in, in order",
    "content": {
        "application/x-ndjson": {
            "schema": {"type": "string", "description": "Lines of ScreenedRow"},
            "x-item-schema": ref("ScreenedRow"),
        }
    },
}


@router.post(
    "/v1/screen",
    summary="Screen a table of cases or a person list",
    description="One JSON line out per row in, in order, as `extrashield screen` writes them (docs/contract.md §6): "
    "`id`, `outcome` (or `invalid` with `error` naming the field), `applies`, `depends_on`, `questions`, `notes`, "
    "each ground's status under its provision id, and a person list's own columns. The header tells a person "
    "list (§3b) from cases (§3); the response's `X-Extrashield-Layout` header says which was read (`cases` or "
    "`person-list`). The format comes from `format`, else from the Content-Type. CSV cases are flattened as in "
    "docs/csv-format.md. Blank lines are not rows.",
    openapi_extra=SCREEN_BODY,
    responses={200: SCREEN_RESPONSE, **INVALID_RESPONSE},
    response_class=StreamingResponse,
)
async def screen(
    request: Request,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
    decision_date: DecisionDate = None,
    reading: ReadingParam = [],  # noqa: B006
    map_: Annotated[
        list[str],
        Query(
            alias="map",
            description="A person list's own header read as a column of "
            '§3b, "their header=our column", e.g. "contract start=contract_from" '
            "(repeatable; makes the table a person list).",
        ),
    ] = [],  # noqa: B006
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from extrashield.adapters.api.screening import (
        LAYOUT_HEADER,
        RETRY_AFTER,
        Cleanup,
        SpooledResults,
        check_readable,
        format_of,
        is_form,
        layout_of,
        mapping_of,
        screener_for,
        spool,
        started_results,
    )

    limits = request.app.state.limits
    if not limits.screens.take():
        return JSONResponse(
            {"detail": f"busy: {limits.screens.size} screens are running; retry later"},
            status_code=503,
            headers={"Retry-After": RETRY_AFTER},
        )
    cleanup = Cleanup(limits.screens)  # deletes the spooled file and frees the slot, once, however it ends
    try:
        content_type = request.headers.get("content-type", "")
        try:
            fmt = None if is_form(content_type) else format_of(format, content_type)
            mapping = mapping_of(map_)
            screener = await run_in_threadpool(screener_for, decision_date, readings_of(reading))
            path, fmt = await spool(request, fmt, format, limits.spool, cleanup)
        except CaseError as exc:
            cleanup()
            return case_error(exc, ("format", "reading", "decision_date", "map"))
        try:
            await run_in_threadpool(check_readable, path, fmt)
            reader, told = await run_in_threadpool(layout_of, path, fmt, mapping, screener)
            body = await run_in_threadpool(started_results, path, reader, told, screener, limits.line_limit)
        except CaseError as exc:
            cleanup()
            return case_error(exc)
        response = SpooledResults(body, cleanup)
        response.headers[LAYOUT_HEADER] = "person-list" if told.is_list else "cases"
        return response
    except BaseException:
        cleanup()
        raise
