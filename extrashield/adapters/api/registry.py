"""Registry endpoints: persons, service records, requests, sources, decisions, the audit log.

Everything here holds or reveals personal data, so every endpoint needs a token: reading needs the
reader role, writing the editor role, the audit log (which holds every past state of every record) the
admin role. There is no delete: the registry loses nothing, and corrections are updates, kept in the
audit log with what was there before.

Every read that answers with personal data is first appended to the access log (who, when, the route,
the kind and id or the list's filters; never a value of the record): `read_logged`, which the registry
pages share (extrashield.adapters.http.logged_reads). If the entry cannot be written, the client gets 503
and no data.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.api.auth import Admin, Editor, Reader
from extrashield.adapters.api.schemas import body, case_schema_with_optional_date, json_response, spec_schema
from extrashield.adapters.http.inputs import json_body
from extrashield.adapters.http.logged_reads import read_logged, registry_of
from extrashield.adapters.http.problems import INVALID_RESPONSE, JSON_BODY_RESPONSES, MESSAGE_SCHEMA, invalid
from extrashield.adapters.registry.decision_index import DEFAULT_SORT, OUTCOMES, SORTS, parse_query
from extrashield.adapters.registry.records import KINDS, Kind
from extrashield.adapters.registry.schema import MAX_INTEGER
from extrashield.adapters.registry.store import MAX_PAGE, Conflict, NotFound, Registry
from extrashield.adapters.registry.users import User
from extrashield.errors import CaseError
from extrashield.facts.case import CASE_SPEC

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"At most {MAX_PAGE}.")]
# At most MAX_INTEGER (2^31 - 1, a PostgreSQL INTEGER), so a larger one is a 422 naming it on every backend.
Offset = Annotated[int, Query(ge=0, le=MAX_INTEGER, description=f"At most {MAX_INTEGER}.")]
PersonFilter = Annotated[str | None, Query(max_length=36, description="Only the records of this person.")]
Cursor = Annotated[
    str | None,
    Query(
        max_length=200,
        description=(
            "Continue after the last record of the previous page: the value of its `X-Next-Cursor` header (also in "
            'its `Link: <...>; rel="next"` header). Following cursors visits every record once; not with `offset`.'
        ),
    ),
]
NameQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        description=(
            "Only persons one of whose names matches, in any script: every word of the query begins a word of a name, "
            'or sounds alike and differs by few letters, after transliteration to ASCII ("Тапа" finds "Thapa"). '
            "Case and accents are ignored. Logged without its value."
        ),
    ),
]
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or an unknown, forged or revoked one"},
    403: {"description": "The token's role is too low"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No such record (the id is not echoed)",
        "content": {"application/json": {"schema": MESSAGE_SCHEMA}},
    }
}

log = logging.getLogger("extrashield.adapters.api")
_P = CASE_SPEC.fields["person"].fields
_R = CASE_SPEC.fields["request"].fields
_TEXT = {"anyOf": [{"type": "string", "maxLength": 10_000}, {"type": "null"}]}
_ID = {"type": "string", "maxLength": 36}
_IDS = {"anyOf": [{"type": "array", "items": _ID}, {"type": "null"}]}
_META = {
    "id": _ID,
    "created_at": {"type": "string"},
    "created_by": {"type": "string"},
    "updated_at": {"type": "string"},
    "updated_by": {"type": "string"},
    "version": {"type": "integer"},
}


def _obj(props: dict[str, Any], required: tuple[str, ...] = (), title: str | None = None) -> dict[str, Any]:
    """An object schema; a `title` names its component in the OpenAPI document (extrashield.adapters.api.openapi)."""
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if title is not None:
        out["title"] = title
    if required:
        out["required"] = list(required)
    return out


_SERVICE_ITEM = CASE_SPEC.fields["person"].fields["military_service"].fields
BODIES: dict[str, dict[str, Any]] = {
    "person": {
        "names": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "minItems": 1,
            "description": "Every spelling, in every script the files use",
        },
        **{k: spec_schema(_P[k]) for k in ("birth_date", "citizenships", "stateless", "asylum_in_russia")},
        "notes": _TEXT,
    },
    "source": {
        "title": {"type": "string", "minLength": 1, "maxLength": 10_000},
        "url": _TEXT,
        "publisher": _TEXT,
        "date": spec_schema(_P["birth_date"]) | {"description": "YYYY-MM-DD"},
        "notes": _TEXT,
    },
    "service_record": {
        "person_id": _ID,
        **{k: spec_schema(s) for k, s in _SERVICE_ITEM.items()},
        "source_ids": _IDS,
        "notes": _TEXT,
    },
    "request": {
        "person_id": _ID,
        "reference": _TEXT,
        **{
            k: spec_schema(_R[k])
            for k in ("requesting_state", "received_on", "purpose", "legal_basis", "offense", "guarantees")
        },
        "source_ids": _IDS,
        "notes": _TEXT,
    },
}
DECISION_BODY = _obj(
    {
        "case": case_schema_with_optional_date(
            "May be left out when the decision's own decision_date is given."
        )
        | {"description": "The case to assess; or leave it out and give person_id (and request_id)"},
        "person_id": _ID,
        "request_id": _ID,
        "decision_date": {"type": "string", "format": "date"},
        "readings": {"type": "object", "additionalProperties": {"type": "string"}},
        "russian_proceedings": spec_schema(CASE_SPEC.fields["russian_proceedings"]),
        "notes": _TEXT,
    },
    title="NewDecision",
)


async def list_page(
    request: Request,
    user: User,
    kind_name: str,
    *,
    person_id: str | None,
    limit: int,
    offset: int,
    cursor: str | None,
    name: str | None = None,
) -> Any:
    """One page of a list endpoint: a bare JSON array, as before cursors, and when the page is full the
    cursor of the next one in `X-Next-Cursor` and in `Link: <...>; rel="next"` (RFC 8288). The last
    page has neither header. Bad `cursor` or `name`: 422 naming it."""
    from extrashield.adapters.registry.access import GIVEN
    from extrashield.adapters.registry.names import query_words
    from extrashield.adapters.registry.paging import decode_cursor, encode_cursor

    after = words = None
    if cursor is not None:
        if offset:
            return invalid("offset", "give either offset or cursor, not both", "query")
        try:
            after = decode_cursor(cursor)
        except ValueError as exc:
            return invalid("cursor", str(exc), "query")
    if name is not None:
        try:
            words = query_words(name)
        except ValueError as exc:
            return invalid("name", str(exc), "query")
    # A name is personal: logged as "(given)" whatever it looks like (safe_query would keep one that looks
    # like a date). The cursor is logged as "(given)" by safe_query (it is not an id, a number or a date).
    query = {
        "person_id": person_id,
        "name": None if name is None else GIVEN,
        "limit": limit,
        "offset": offset,
        "cursor": cursor,
    }
    rows = await read_logged(
        request,
        user,
        kind_name,
        lambda reg: reg.list(
            kind_name, person_id=person_id, limit=limit, offset=offset, after=after, name=words
        ),
        query=query,
    )
    headers = {}
    if len(rows) == limit:
        token = encode_cursor(rows[-1])
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "offset")]
        url = request.url.path + "?" + urlencode([*params, ("cursor", token)])
        headers = {"X-Next-Cursor": token, "Link": f'<{url}>; rel="next"'}
    return JSONResponse(rows, headers=headers)


# The filters of the registry's decisions page (decision_index.parse_query checks them: 422 naming one).
DecisionName = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Only decisions whose person has a name that matches, in any script (as `name` on persons). "
        "Logged without its value.",
    ),
]
OutcomeFilter = Annotated[
    str | None, Query(max_length=40, description=f"Only this outcome: one of {', '.join(OUTCOMES)}.")
]
StateFilter = Annotated[
    str | None,
    Query(max_length=40, description="Only requests from this state (ISO 3166-1 alpha-2, e.g. NP)."),
]
DayFrom = Annotated[
    str | None,
    Query(alias="from", max_length=40, description="Only decision dates on or after (YYYY-MM-DD)."),
]
DayTo = Annotated[
    str | None, Query(alias="to", max_length=40, description="Only decision dates on or before (YYYY-MM-DD).")
]
SortFilter = Annotated[
    str | None,
    Query(
        max_length=40,
        description=f"Order: one of {', '.join(SORTS)}, each optionally after '-' (descending); "
        f"default {DEFAULT_SORT}.",
    ),
]


async def _filtered_decisions(
    request: Request,
    user: User,
    filters: dict[str, str],
    person_id: str | None,
    limit: int,
    offset: int,
    cursor: str | None,
) -> Any:
    """A page of the decisions that match `filters`, in their `sort` order, as whole records (the list
    without filters gives them so); how many match in all in `X-Total-Count`, the next page by `offset`
    in `Link: <...>; rel="next"`. A cursor pages the list in stored order, so it is not taken here."""
    if cursor is not None:
        return invalid(
            "cursor", "pages the list in stored order; with filters or sort, page with offset", "query"
        )
    if person_id is not None:
        return invalid("person_id", "does not combine with name, outcome, state, from, to or sort", "query")
    try:
        query = parse_query(filters)
    except CaseError as exc:
        return invalid(exc.path, exc.problem, "query")
    counted: dict[str, int] = {}

    def read(reg: Registry) -> list[dict[str, Any]]:  # a list: the access log counts what it returns
        rows, counted["total"] = reg.find_decisions(query, limit=limit, offset=offset)
        return [reg.get("decision", row["id"]) for row in rows]

    rows = await read_logged(
        request, user, "decision", read, query={"limit": limit, "offset": offset, **query.logged()}
    )
    total = counted["total"]
    headers = {"X-Total-Count": str(total)}
    if offset + len(rows) < total:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
        url = request.url.path + "?" + urlencode([*params, ("offset", str(offset + len(rows)))])
        headers["Link"] = f'<{url}>; rel="next"'
    return JSONResponse(rows, headers=headers)


_TOTAL_HEADER = {
    "X-Total-Count": {
        "description": "With a filter or `sort`: how many decisions match in all",
        "schema": {"type": "integer"},
    }
}
_PAGE_HEADERS = {
    "X-Next-Cursor": {
        "description": "The `cursor` of the next page; absent on the last page",
        "schema": {"type": "string"},
    },
    "Link": {
        "description": 'The next page\'s URL as `<...>; rel="next"`; absent on the last page',
        "schema": {"type": "string"},
    },
}


def _record_routes(router: APIRouter, kind: Kind) -> None:
    props = BODIES[kind.name]
    model = kind.name.title().replace("_", "")  # service_record -> ServiceRecord
    record_schema = _obj({**props, **_META}, (*kind.required, *_META), f"Stored{model}")
    base = f"/v1/{kind.path}"
    tag: list[str | Enum] = [kind.path]

    async def list_records(
        request: Request,
        user: Reader,
        person_id: PersonFilter = None,
        limit: Limit = 100,
        offset: Offset = 0,
        cursor: Cursor = None,
    ) -> Any:
        if person_id is not None and not Registry.filters_by_person(kind.name):
            # a filter that cannot apply would return every record: refuse it instead
            return invalid(
                "person_id",
                f"{kind.path} cannot be filtered by person; ask for /v1/{kind.path}/{{id}}",
                "query",
            )
        return await list_page(
            request, user, kind.name, person_id=person_id, limit=limit, offset=offset, cursor=cursor
        )

    async def list_persons(
        request: Request,
        user: Reader,
        person_id: PersonFilter = None,
        name: NameQuery = None,
        limit: Limit = 100,
        offset: Offset = 0,
        cursor: Cursor = None,
    ) -> Any:
        if person_id is not None:
            return invalid(
                "person_id",
                f"{kind.path} cannot be filtered by person; ask for /v1/{kind.path}/{{id}}",
                "query",
            )
        return await list_page(
            request, user, kind.name, person_id=None, limit=limit, offset=offset, cursor=cursor, name=name
        )

    async def create_record(request: Request, user: Editor) -> Any:
        data = await json_body(request)
        stored = await run_in_threadpool(registry_of(request).create, kind, data, user.name)
        return JSONResponse(stored, status_code=201, headers={"Location": f"{base}/{stored['id']}"})

    async def get_record(request: Request, user: Reader, record_id: str) -> Any:
        return await read_logged(
            request, user, kind.name, lambda reg: reg.get(kind.name, record_id), record_id=record_id
        )

    async def update_record(
        request: Request,
        user: Editor,
        record_id: str,
        if_version: Annotated[
            int | None,
            Query(ge=1, le=MAX_INTEGER, description="Refuse (409) unless the record is at this version."),
        ] = None,
    ) -> Any:
        data = await json_body(request)
        return await run_in_threadpool(
            lambda: registry_of(request).update(kind, record_id, data, user.name, if_version=if_version)
        )

    list_schema = {"type": "array", "items": record_schema}
    router.add_api_route(
        base,
        list_persons if kind.name == "person" else list_records,
        methods=["GET"],
        name=f"list_{kind.name}s",
        tags=tag,
        summary=f"List {kind.path}",
        responses={200: json_response(list_schema) | {"headers": _PAGE_HEADERS}, **_AUTH, **INVALID_RESPONSE},
    )
    router.add_api_route(
        base,
        create_record,
        methods=["POST"],
        name=f"create_{kind.name}",
        tags=tag,
        status_code=201,
        summary=f"Create a {kind.name.replace('_', ' ')}",
        openapi_extra=body(_obj(props, kind.required, f"New{model}")),
        responses={201: json_response(record_schema, "Created"), **_AUTH, **JSON_BODY_RESPONSES},
    )
    router.add_api_route(
        f"{base}/{{record_id}}",
        get_record,
        methods=["GET"],
        name=f"get_{kind.name}",
        tags=tag,
        summary=f"One {kind.name.replace('_', ' ')}",
        responses={200: json_response(record_schema), **_AUTH, **_NOT_FOUND},
    )
    router.add_api_route(
        f"{base}/{{record_id}}",
        update_record,
        methods=["PATCH"],
        name=f"update_{kind.name}",
        tags=tag,
        summary=f"Change a {kind.name.replace('_', ' ')} (fields left out keep their value; null clears)",
        openapi_extra=body(_obj(props, title=f"{model}Changes")),
        responses={
            200: json_response(record_schema),
            **_AUTH,
            **_NOT_FOUND,
            **JSON_BODY_RESPONSES,
            409: {"description": "The record is not at `if_version`"},
        },
    )


def build_router() -> APIRouter:
    router = APIRouter()
    for kind in KINDS.values():
        _record_routes(router, kind)

    @router.get(
        "/v1/decisions",
        tags=["decisions"],
        summary="List stored decisions",
        responses={
            200: {"description": "Successful Response", "headers": {**_PAGE_HEADERS, **_TOTAL_HEADER}},
            **_AUTH,
            **INVALID_RESPONSE,
        },
    )
    async def list_decisions(
        request: Request,
        user: Reader,
        person_id: PersonFilter = None,
        name: DecisionName = None,
        outcome: OutcomeFilter = None,
        state: StateFilter = None,
        date_from: DayFrom = None,
        date_to: DayTo = None,
        sort: SortFilter = None,
        limit: Limit = 100,
        offset: Offset = 0,
        cursor: Cursor = None,
    ) -> Any:
        given = (("name", name), ("outcome", outcome), ("state", state), ("from", date_from), ("to", date_to))
        filters = {k: v for k, v in (*given, ("sort", sort)) if v is not None}
        if not filters:
            return await list_page(
                request, user, "decision", person_id=person_id, limit=limit, offset=offset, cursor=cursor
            )
        return await _filtered_decisions(request, user, filters, person_id, limit, offset, cursor)

    @router.post(
        "/v1/decisions",
        tags=["decisions"],
        status_code=201,
        openapi_extra=body(DECISION_BODY),
        summary="Assess and keep a decision (the case as assessed, the readings, the answer, the law digest)",
        responses={**_AUTH, **JSON_BODY_RESPONSES},
    )
    async def create_decision(request: Request, user: Editor) -> Any:
        data = await json_body(request)
        stored = await run_in_threadpool(registry_of(request).record_decision, data, user.name)
        return JSONResponse(stored, status_code=201, headers={"Location": f"/v1/decisions/{stored['id']}"})

    @router.get(
        "/v1/decisions/{decision_id}",
        tags=["decisions"],
        summary="One stored decision",
        responses={**_AUTH, **_NOT_FOUND},
    )
    async def get_decision(request: Request, user: Reader, decision_id: str) -> Any:
        return await read_logged(
            request, user, "decision", lambda reg: reg.get("decision", decision_id), record_id=decision_id
        )

    @router.get(
        "/v1/decisions/{decision_id}/replay",
        tags=["decisions"],
        summary="Re-assess a stored decision with today's law data and say what would change",
        responses={**_AUTH, **_NOT_FOUND},
    )
    async def replay_decision(request: Request, user: Reader, decision_id: str) -> Any:
        from extrashield.adapters.registry.replay import compare

        stored = await read_logged(
            request, user, "decision", lambda reg: reg.get("decision", decision_id), record_id=decision_id
        )
        return (await run_in_threadpool(compare, stored)).to_dict()

    @router.get(
        "/v1/audit",
        tags=["audit"],
        summary="The audit log, oldest first, after entry `after_seq`",
        responses=_AUTH,
    )
    async def audit(request: Request, user: Admin, after_seq: Offset = 0, limit: Limit = 100) -> Any:
        return await read_logged(
            request,
            user,
            "audit",
            lambda reg: reg.audit(after_seq=after_seq, limit=limit),
            query={"after_seq": after_seq, "limit": limit},
        )

    @router.get(
        "/v1/audit/verify",
        tags=["audit"],
        responses={**_AUTH, **INVALID_RESPONSE},
        summary="Check the audit chain, the anchors given, and the records and users against it",
    )
    async def verify(
        request: Request,
        user: Admin,
        expect_head: Annotated[
            list[str] | None,
            Query(
                description=(
                    "SEQ:HASH of an entry published earlier (GET /v1/audit/head): it must still have this "
                    "hash, and the chain must go on from it. May be repeated."
                )
            ),
        ] = None,
    ) -> Any:
        from extrashield.adapters.registry.audit import parse_anchor

        anchors = []
        for text in expect_head or []:
            try:
                anchors.append(parse_anchor(text))
            except ValueError as exc:
                return invalid("expect_head", str(exc), "query")
        reg = registry_of(request)
        verdict = (await run_in_threadpool(reg.verify, anchors)).to_dict()
        verdict["access_log"] = (await run_in_threadpool(reg.verify_access_log)).to_dict()
        return verdict

    @router.get(
        "/v1/audit/head",
        tags=["audit"],
        responses=_AUTH,
        summary="The audit chain's newest entry (seq, hash, at, anchor SEQ:HASH), to keep outside the database",
    )
    async def head(request: Request, user: Admin) -> Any:
        return await run_in_threadpool(registry_of(request).head)

    @router.get(
        "/v1/access-log",
        tags=["audit"],
        responses={**_AUTH, **INVALID_RESPONSE},
        summary="Reads of personal data, oldest first, after entry `after_seq` (who, when, route, what; no personal values)",
    )
    async def access_log(
        request: Request,
        user: Admin,
        after_seq: Offset = 0,
        limit: Limit = 100,
        user_name: Annotated[
            str | None, Query(alias="user", max_length=100, description="Only this user's reads.")
        ] = None,
        since: Annotated[
            str | None,
            Query(
                max_length=40,
                description="Only reads at or after this date (YYYY-MM-DD, UTC) or ISO timestamp.",
            ),
        ] = None,
    ) -> Any:
        from extrashield.adapters.registry.access import parse_since

        try:
            since_at = None if since is None else parse_since(since)
        except ValueError as exc:
            return invalid("since", str(exc), "query")
        # Reading who read what is itself logged (the filters without the user name's value).
        return await read_logged(
            request,
            user,
            "access_log",
            lambda reg: reg.access_log(user=user_name, since=since_at, after_seq=after_seq, limit=limit),
            query={"user": user_name, "since": since, "after_seq": after_seq, "limit": limit},
        )

    return router


def install(app: FastAPI) -> None:
    app.include_router(build_router())

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": f"no {exc.kind.replace('_', ' ')} with that id"}, status_code=404)

    @app.exception_handler(OperationalError)
    async def _unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        # The database is down or locked for too long: say so (503, retry later), without its message.
        log.error("registry unavailable: %s", exc.__class__.__name__)
        return JSONResponse(
            {"detail": "the registry is unavailable; try again later"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Conflict)
    async def _conflict(_request: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)


__all__ = ["install"]
