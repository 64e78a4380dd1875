"""Error responses. Invalid input: 422 with ``{"detail": [{"loc": [...], "field": "...", "msg": "..."}]}``,
naming the field in the case format's own notation. Anything unexpected: 500 with an error id and
nothing else, so no stack trace, SQL or personal data ever reaches a client; the error id is the request's
id (`X-Request-ID`). The server log gets the id, the route template, the exception class and the code
locations: not the path, query or body, nor the message (each may quote personal data)."""

from __future__ import annotations

import logging
import traceback
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles

from extrashield.adapters.http.inputs import PathError, QueryError
from extrashield.errors import CaseError, ReadingError
from extrashield.facts.paths import steps
from extrashield.i18n import DEFAULT, N_, _, language

log = logging.getLogger("extrashield.adapters.api")

# FastAPI's own checks (query and path parameters) say what is wrong in pydantic's English; these are its
# messages by error type, with the names of its context values, for the other languages.
VALIDATION_MESSAGES = {
    "missing": N_("Field required"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
}


def validation_message(err: Mapping[str, Any]) -> str:
    """The message of one of FastAPI's validation errors in the current language (pydantic's own, in
    English or for an error type without a translation)."""
    msg = str(err.get("msg", "invalid"))
    template = VALIDATION_MESSAGES.get(str(err.get("type")))
    if template is None or language() == DEFAULT:
        return msg
    try:
        return _(template).format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):  # a context value the template does not expect: pydantic's words
        return msg


def loc_of(path: str, where: str = "body") -> list[str | int]:
    """``person.citizenships[0].country`` -> ``["body", "person", "citizenships", 0, "country"]``."""
    return [where] if path == where else [where, *steps(path)]


def detail(path: str, problem: str, where: str = "body") -> list[dict[str, Any]]:
    """The `detail` of a 422: ``[{"loc": [...], "field": "...", "msg": "..."}]``."""
    return [{"loc": loc_of(path, where), "field": path, "msg": problem}]


def invalid(path: str, problem: str, where: str = "body") -> JSONResponse:
    return JSONResponse({"detail": detail(path, problem, where)}, status_code=422)


def case_error_detail(
    exc: CaseError, query_fields: tuple[str, ...] = (), readings_in: str = "query"
) -> list[dict[str, Any]]:
    """A CaseError as the `detail` of a 422. A `QueryError`, or a field named in `query_fields`, is located
    in the query string; readings (``reading KEY``) in `readings_in`, with the key named in the message."""
    if isinstance(exc, ReadingError) or exc.path == "reading" or exc.path.startswith("reading "):
        key = exc.path[len("reading") :].strip()
        return detail("reading", f"{key}: {exc.problem}" if key else exc.problem, readings_in)
    where = (
        "path"
        if isinstance(exc, PathError)
        else "query"
        if isinstance(exc, QueryError) or exc.path in query_fields
        else "body"
    )
    return detail(exc.path, exc.problem, where)


def case_error(exc: CaseError, query_fields: tuple[str, ...] = ()) -> JSONResponse:
    """A CaseError as a 422; a field that came from the query string is located there. Readings always
    come from the query (`reading=KEY=VALUE`)."""
    return JSONResponse({"detail": case_error_detail(exc, query_fields)}, status_code=422)


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["loc", "field", "msg"],
                "properties": {
                    "loc": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "description": "Where: `body`, `query` (or `path`, `header`), then the path in it",
                    },
                    "field": {"type": "string", "description": "The field in the case format's notation"},
                    "msg": {"type": "string", "description": "The problem"},
                },
            },
        }
    },
    "required": ["detail"],
    "title": "InvalidInput",
}
# `{"detail": "…"}` (401, 403, 404, 409, 413, 415, 503): the `ErrorMessage` component (extrashield.adapters.api.schemas).
MESSAGE_SCHEMA: dict[str, Any] = {"$ref": "#/components/schemas/ErrorMessage"}
INVALID_RESPONSE: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "Invalid input; `field` names it",
        "content": {"application/json": {"schema": PROBLEM_SCHEMA}},
    }
}
# Endpoints that read a JSON body (extrashield.adapters.http.inputs.json_body) also answer 415 for another Content-Type.
JSON_BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **INVALID_RESPONSE,
    415: {
        "description": "The body was declared as something else than application/json (or application/*+json)",
        "content": {"application/json": {"schema": MESSAGE_SCHEMA}},
    },
}


class _NoTraceback(logging.Filter):
    """Starlette re-raises an unexpected error after our handler has answered 500, and uvicorn would then
    log its full traceback, message included (which may quote personal data). Our handler has already
    logged the error id and the code locations; keep uvicorn's line but drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and str(record.msg).startswith("Exception in ASGI application"):
            record.exc_info = None
            record.exc_text = None
            record.msg = "Exception in ASGI application (details under 'internal error <id>' above)"
        return True


def quiet_server_tracebacks() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _NoTraceback) for f in logger.filters):
        logger.addFilter(_NoTraceback())


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this request's path, and OPTIONS. Each method is asked of the
    router in turn (a route matches FULL only for its own methods), so included routers count too."""
    routes = request.app.router.routes
    # a Mount (/static) has moved its prefix into root_path by now; match from the app's own root
    scope = {
        **request.scope,
        "root_path": request.scope.get("app_root_path", request.scope.get("root_path", "")),
    }
    found = {
        m
        for m in _METHODS
        for route in routes
        if not isinstance(route, Mount) and route.matches({**scope, "method": m})[0] == Match.FULL
    }
    for route in routes:  # a mount matches every method; StaticFiles (/static) answers GET and HEAD
        if (
            isinstance(route, Mount)
            and isinstance(route.app, StaticFiles)
            and route.matches(scope)[0] == Match.FULL
        ):
            found |= {"GET", "HEAD"}
    return [*(m for m in _METHODS if m in found), "OPTIONS"]


def install(app: FastAPI) -> None:
    quiet_server_tracebacks()

    @app.exception_handler(CaseError)
    async def _case(_request: Request, exc: CaseError) -> JSONResponse:
        return case_error(exc)  # a QueryError is located in the query, anything else in the body

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own checks (query parameters, path parameters): same shape as ours, no input echoed.
        detail = []
        for err in exc.errors():
            loc = list(err.get("loc", ()))
            field = ".".join(str(p) for p in loc[1:]) or str(loc[0] if loc else "request")
            detail.append({"loc": loc, "field": field, "msg": validation_message(err)})
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            # Starlette's Allow names the methods of the first route that matched the path only; each
            # method is a route of its own here, so gather them all. OPTIONS itself is answered (204).
            allow = ", ".join(allowed_methods(request))
            if request.method == "OPTIONS":
                return Response(status_code=204, headers={"Allow": allow})
            return JSONResponse({"detail": exc.detail}, status_code=405, headers={"Allow": allow})
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The request's id (also in the X-Request-ID header and the access log line), the route template,
        # the exception's class and code locations: never the path, query, body or the exception's message.
        from extrashield.adapters.http.middleware import route_of

        error_id = getattr(request.state, "request_id", None) or uuid.uuid4().hex[:16]
        where = " <- ".join(
            f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}"
            for f in reversed(traceback.extract_tb(exc.__traceback__)[-6:])
        )
        log.error(
            "internal error %s on %s %s: %s at %s",
            error_id,
            request.method,
            route_of(request.scope),
            exc.__class__.__name__,
            where,
        )
        return JSONResponse(
            {"detail": "internal error", "error_id": error_id},
            status_code=500,
            headers={"X-Request-ID": error_id},
        )
