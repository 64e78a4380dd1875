"""Person lists in the registry, `POST /v1/match/{list}` in yente's shape, and judgements of pairs
(issue 17 items 4, 5; docs/api.md, "Person lists and matching").

- `PUT /v1/lists/{name}` stores a person list (docs/contract.md §3b; the body a table as `/v1/screen` takes
  it), replacing the list of that name; `GET /v1/lists`, `GET` and `DELETE /v1/lists/{name}`.
- `POST /v1/match/{name}`: yente's `/match/{dataset}` against a stored list: `queries` keyed by the caller,
  `threshold` and `limit`; each result with `score`, `match`, `explanations`, and the extradition answer
  for the wanted and the listed person taken as one. The list is analysed once per version and kept
  (`services.list_matching.ListIndexes`), not per call. A pair judged no_match is left out; the others
  carry their judgement.
- `POST` and `GET /v1/lists/{name}/judgements`; `GET /v1/lists/{name}/confirmed`: the pairs judged a
  match, as a person list of merged rows that `screen` and `impact` read.

Reads of a list's rows are access-logged (kind `person_list`); every write is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.api.auth import Editor, Reader
from extrashield.adapters.api.schemas import body, json_response
from extrashield.adapters.api.screening import FORMAT_HELP, RETRY_AFTER, SCREEN_BODY
from extrashield.adapters.http.inputs import QueryError, json_body
from extrashield.adapters.http.list_indexes import indexes_of
from extrashield.adapters.http.logged_reads import read_logged, registry_of
from extrashield.adapters.http.problems import (
    INVALID_RESPONSE,
    JSON_BODY_RESPONSES,
    MESSAGE_SCHEMA,
    case_error,
)
from extrashield.adapters.registry import person_lists as stored
from extrashield.errors import CaseError
from extrashield.matching import DEFAULT_THRESHOLD
from extrashield.services.list_matching import MAX_QUERIES, match_queries, queries

router = APIRouter(tags=["matching"])
KIND = "person_list"  # in the access log
MAX_LIMIT = 500  # results per query, as yente's MAX_MATCHES
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or an unknown, forged or revoked one"},
    403: {"description": "The token's role is too low"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No list of that name", "content": {"application/json": {"schema": MESSAGE_SCHEMA}}}
}
_S = {"type": "string"}
_TEXTS = {"type": "array", "items": _S}
LIST_SCHEMA = {
    "type": "object",
    "title": "StoredPersonList",
    "properties": {
        "id": _S,
        "name": _S,
        "rows": {"type": "integer"},
        "columns": _TEXTS,
        "rows_digest": _S,
        "notes": {"anyOf": [_S, {"type": "null"}]},
        "created_at": _S,
        "created_by": _S,
        "updated_at": _S,
        "updated_by": _S,
        "version": {"type": "integer"},
        "reading_notes": _TEXTS,
    },
    "required": ["id", "name", "rows", "columns", "version"],
}
JUDGEMENT_BODY = {
    "type": "object",
    "title": "NewJudgement",
    "additionalProperties": False,
    "required": ["wanted_id", "recruit_id", "judgement"],
    "properties": {
        "wanted_id": {
            "type": "string",
            "maxLength": 200,
            "description": "A wanted row's id, or a query's key",
        },
        "recruit_id": {"type": "string", "maxLength": 200, "description": "The id of a row of the list"},
        "judgement": {"enum": list(stored.JUDGEMENTS)},
        "wanted": {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
                {"type": "null"},
            ],
            "description": "The wanted person's §3b row (kept for the export of confirmed matches)",
        },
        "score": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]},
        "notes": {"anyOf": [{"type": "string", "maxLength": 10_000}, {"type": "null"}]},
    },
}
JUDGEMENT_SCHEMA = {
    "type": "object",
    "title": "StoredJudgement",
    "properties": {
        **JUDGEMENT_BODY["properties"],  # type: ignore[dict-item]
        "id": _S,
        "list_id": _S,
        "created_at": _S,
        "created_by": _S,
        "updated_at": _S,
        "updated_by": _S,
        "version": {"type": "integer"},
    },
}
_VALUES = {"type": "array", "items": {"type": "string"}}
MATCH_BODY = {
    "type": "object",
    "title": "MatchRequest",
    "required": ["queries"],
    "properties": {
        "queries": {
            "type": "object",
            "maxProperties": MAX_QUERIES,
            "description": f"At most {MAX_QUERIES}, each keyed by a name of your choice",
            "additionalProperties": {
                "type": "object",
                "title": "MatchQuery",
                "required": ["schema", "properties"],
                "properties": {
                    "id": {"type": "string"},
                    "schema": {"enum": ["Person"]},
                    "properties": {"type": "object", "additionalProperties": _VALUES},
                },
            },
        },
        "weights": {"type": "object", "description": "yente's; accepted and not used"},
        "config": {"type": "object", "description": "yente's; accepted and not used"},
    },
}
FEATURE = {
    "type": "object",
    "title": "FeatureResult",
    "properties": {"score": {"type": ["number", "null"]}, "detail": _S},
}
RESULT = {
    "type": "object",
    "title": "MatchResult",
    "properties": {
        "id": _S,
        "schema": _S,
        "caption": _S,
        "properties": {"type": "object", "additionalProperties": _VALUES},
        "datasets": _TEXTS,
        "score": {"type": "number"},
        "match": {"type": "boolean"},
        "explanations": {"type": "object", "additionalProperties": FEATURE},
        "judgement": {"anyOf": [{"enum": list(stored.JUDGEMENTS)}, {"type": "null"}]},
        "row": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
        "extradition": {
            "type": "object",
            "title": "MergedAnswer",
            "properties": {
                "outcome": {"type": ["string", "null"]},
                "applies": _TEXTS,
                "depends_on": _TEXTS,
                "open_questions": {
                    **_TEXTS,
                    "description": "The readings of the law the answer turns on, as `assess` gives them",
                },
                "error": {"type": ["string", "null"]},
                "decision_date": _S,
            },
        },
    },
}
MATCH_RESPONSE = {
    "type": "object",
    "title": "MatchResponse",
    "properties": {
        "responses": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "title": "QueryMatches",
                "properties": {
                    "status": {"type": "integer"},
                    "results": {"type": "array", "items": RESULT},
                    "total": {
                        "type": "object",
                        "title": "MatchTotal",
                        "properties": {"value": {"type": "integer"}, "relation": _S},
                    },
                    "query": {"type": "object"},
                },
            },
        },
        "limit": {"type": "integer"},
    },
}


def _day(text: str | None) -> str | None:
    from extrashield.facts.dates import parse_iso

    if text is None:
        return None
    try:
        return parse_iso(text).isoformat()
    except ValueError as exc:
        raise QueryError("decision_date", str(exc)) from None


@router.get("/v1/lists", summary="The person lists stored for matching", responses={**_AUTH})
async def list_person_lists(request: Request, user: Reader) -> Any:
    return await read_logged(request, user, KIND, stored.person_lists, query={})


@router.put(
    "/v1/lists/{name}",
    summary="Store a person list (§3b) under a name, replacing the list of that name",
    description="The body is a person list as `/v1/screen` takes a table (JSON Lines, CSV, XLSX, Parquet; "
    "`format`, the Content-Type, or a multipart form with a `file` part). Its rows are stored as they came, "
    "each header read as its §3b column (or `map`), for `POST /v1/match/{name}` and the pairs page. 201 for a "
    "new list, 200 for a replaced one (its `version` goes up; its judgements stay). 422 naming the row and the "
    "column for a list without a `name` column, a row that cannot be read, a name over 1,000 characters, two "
    "rows with one `id`, or no rows.",
    openapi_extra=SCREEN_BODY,
    status_code=201,
    responses={201: json_response(LIST_SCHEMA), 200: json_response(LIST_SCHEMA), **_AUTH, **INVALID_RESPONSE},
)
async def put_person_list(
    request: Request,
    user: Editor,
    name: str,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
    map_: Annotated[
        list[str], Query(alias="map", description='"their header=our column" (repeatable), as /v1/screen')
    ] = [],  # noqa: B006
    notes: Annotated[str | None, Query(max_length=10_000, description="What the list is, for people")] = None,
) -> Response:
    from extrashield.adapters.api.screening import Cleanup, format_of, is_form, mapping_of, spool
    from extrashield.services.list_matching import read_list

    limits = request.app.state.limits
    if not limits.screens.take():  # reading a large list is work like a screen's: the same slots
        return JSONResponse(
            {"detail": "busy: too many uploads are being read; retry later"},
            status_code=503,
            headers={"Retry-After": RETRY_AFTER},
        )
    cleanup = Cleanup(limits.screens)
    try:
        try:
            stored.check_list_name(name)
        except CaseError as exc:
            return JSONResponse(
                {"detail": [{"loc": ["path", "name"], "field": "name", "msg": exc.problem}]}, status_code=422
            )
        content_type = request.headers.get("content-type", "")
        try:
            fmt = None if is_form(content_type) else format_of(format, content_type)
            mapping = mapping_of(map_)
            path, fmt = await spool(request, fmt, format, limits.spool, cleanup)
        except CaseError as exc:
            return case_error(exc, ("format", "map"))
        read = await run_in_threadpool(read_list, Path(path), fmt.name, mapping)
        reg = registry_of(request)
        meta = await run_in_threadpool(stored.save_list, reg, name, read.columns, read.rows, user.name, notes)
        return JSONResponse(
            {**meta, "reading_notes": read.notes},
            status_code=201 if meta["version"] == 1 else 200,
            headers={"Location": f"/v1/lists/{name}"},
        )
    finally:
        cleanup()


@router.get("/v1/lists/{name}", summary="A stored person list's metadata", responses={**_AUTH, **_NOT_FOUND})
async def get_person_list(request: Request, user: Reader, name: str) -> Any:
    return await run_in_threadpool(stored.get_list, registry_of(request), name)


@router.delete(
    "/v1/lists/{name}",
    summary="Delete a stored person list, its rows and its judgements (each deletion audited)",
    responses={**_AUTH, **_NOT_FOUND},
)
async def delete_person_list(request: Request, user: Editor, name: str) -> Any:
    return await run_in_threadpool(stored.delete_list, registry_of(request), name, user.name)


@router.post(
    "/v1/match/{name}",
    summary="Match persons against a stored list, in yente's request and response shape",
    description=f"As yente's `POST /match/{{dataset}}`: `queries` (at most {MAX_QUERIES}) keyed by the caller, "
    'each `{"schema": "Person", "properties": {"name": [...], "birthDate": [...], "nationality": [...]}}` '
    "(also `alias`, `weakAlias`, `previousName`, `firstName`, `middleName`, `fatherName`, `lastName`, "
    "`citizenship`, `country`, and for the extradition answer `requesting_state`, `purpose`, `offence`, "
    "`decision_date`). Per query: `results`, best first, at most `limit`: the list's rows that blocking "
    "proposes, each with `score`, `match` (score at least `threshold`), `explanations` (per feature: "
    "`score`, `detail`; and `name_frequency`, what common name words took from the score, counted over the "
    "list and the call's queries as `extrashield match` counts both lists), `judgement` (of the pair, if someone judged it; a pair judged no_match is left out) "
    "and `extradition` (the answer for the two persons taken as one, on `decision_date`); `total`: how many "
    "are a `match`. 422 naming the query and the property for bad input.",
    openapi_extra=body(MATCH_BODY),
    responses={200: json_response(MATCH_RESPONSE), **_AUTH, **_NOT_FOUND, **JSON_BODY_RESPONSES},
)
async def match(
    request: Request,
    user: Reader,
    name: str,
    threshold: Annotated[
        float, Query(ge=0, le=1, description="A result is a `match` at or above this score.")
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per query, at most 500.")] = 5,
    decision_date: Annotated[
        str | None,
        Query(
            description="The date of the extradition answer (YYYY-MM-DD; a query's `decision_date` first)."
        ),
    ] = None,
) -> Any:
    day = _day(decision_date)
    asked = queries(await json_body(request))
    reg = registry_of(request)
    indexes = indexes_of(request.app.state)

    def run() -> dict[str, Any]:
        index = indexes.get(reg, name)
        judged = stored.judgements(reg, name)
        out = match_queries(index, asked, judged, threshold=threshold, limit=limit, decision_date=day)
        returned = sum(len(r["results"]) for r in out.values())
        reg.log_access(
            user.name,
            f"{request.method} /v1/match/{{name}}",
            KIND,
            record_id=index.list_id,
            query={"threshold": threshold, "limit": limit, "queries": len(asked)},
            returned=returned,
        )
        return {"responses": out, "limit": limit}

    return await run_in_threadpool(run)


@router.post(
    "/v1/lists/{name}/judgements",
    summary="Judge a candidate pair: match, no_match or unsure (audited, with who judged)",
    openapi_extra=body(JUDGEMENT_BODY),
    status_code=201,
    responses={
        201: json_response(JUDGEMENT_SCHEMA, "A new judgement"),
        200: json_response(JUDGEMENT_SCHEMA, "The pair's earlier judgement, changed"),
        **_AUTH,
        **_NOT_FOUND,
        **JSON_BODY_RESPONSES,
    },
)
async def create_judgement(request: Request, user: Editor, name: str) -> Any:
    data = await json_body(request)
    row, new = await run_in_threadpool(stored.judge, registry_of(request), name, data, user.name)
    return JSONResponse(row, status_code=201 if new else 200)


@router.get(
    "/v1/lists/{name}/judgements",
    summary="The judgements of a list's pairs, oldest first",
    responses={
        200: json_response({"type": "array", "items": JUDGEMENT_SCHEMA}),
        **_AUTH,
        **_NOT_FOUND,
        **INVALID_RESPONSE,
    },
)
async def list_judgements(
    request: Request,
    user: Reader,
    name: str,
    judgement: Annotated[str | None, Query(description="Only match, no_match or unsure.")] = None,
) -> Any:
    if judgement is not None and judgement not in stored.JUDGEMENTS:
        raise QueryError("judgement", f"expected one of {', '.join(stored.JUDGEMENTS)}")
    return await read_logged(
        request,
        user,
        KIND,
        lambda reg: stored.list_judgements(reg, name, judgement),
        query={"judgement": judgement},
    )


@router.get(
    "/v1/lists/{name}/confirmed",
    summary="The pairs judged a match, as a person list of merged rows (for screen and impact)",
    description="One row per pair judged a match: the wanted and the listed person as one (§3b columns: "
    "the names and nationalities of both, the listed person's service, the wanted person's request), and "
    "`wanted_id`, `recruit_id`. `format`: csv (default), xlsx, jsonl or parquet.",
    responses={200: {"description": "The file"}, **_AUTH, **_NOT_FOUND, **INVALID_RESPONSE},
    response_class=Response,
)
async def export_confirmed(
    request: Request,
    user: Reader,
    name: str,
    format: Annotated[str, Query(description="csv, xlsx, jsonl or parquet.")] = "csv",
) -> Response:
    from extrashield.services.list_matching import confirmed_rows, write_rows

    if format not in EXPORTS:
        raise QueryError("format", f"expected one of {', '.join(EXPORTS)}")
    rows = await read_logged(
        request,
        user,
        KIND,
        lambda reg: confirmed_rows(stored.confirmed_pairs(reg, name)),
        query={"format": format},
    )
    fd, tmp = request.app.state.limits.spool.new_file(f".{format}")  # owner-only: it holds personal data
    os.close(fd)
    await run_in_threadpool(write_rows, Path(tmp), format, rows)
    return FileResponse(
        tmp,
        media_type=EXPORTS[format],
        filename=f"{name}-confirmed-{dt.date.today().isoformat()}.{format}",
        background=BackgroundTask(Path(tmp).unlink, missing_ok=True),
    )


def install(app: FastAPI) -> None:
    app.include_router(router)


__all__ = ["install"]
