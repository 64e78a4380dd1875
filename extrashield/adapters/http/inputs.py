"""Reading what a client sends: a JSON body (raw, so that our validator, not pydantic, names the field;
read by the same reader as the command line's, extrashield.facts.case_json), its Content-Type, and query
parameters that may be given once only (``reading=KEY=VALUE`` is read by extrashield.engine.readings)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from extrashield.errors import CaseError
from extrashield.facts.case import NUL, NUL_PROBLEM
from extrashield.facts.case_json import read_case_json
from extrashield.i18n import _

JSON_TYPES = "application/json (or application/*+json)"


class QueryError(CaseError):
    """Invalid input in a query parameter: its 422 is located in ``query``, not in the body."""


class PathError(CaseError):
    """Invalid input in a path parameter (an id in the URL): its 422 is located in ``path``."""


def no_nul(request: Request) -> None:
    """Refuse a NUL character in any query parameter (name or value) or path parameter, naming it (422):
    PostgreSQL text cannot hold one, so it could only fail later, and on one backend only. Every route
    depends on this (`create_app`)."""
    for name, value in request.query_params.multi_items():
        if NUL in name or NUL in value:
            raise QueryError(name, _(NUL_PROBLEM))
    for name, value in request.path_params.items():
        if isinstance(value, str) and NUL in value:
            raise PathError(name, _(NUL_PROBLEM))


class UnsupportedMediaType(HTTPException):
    def __init__(self) -> None:
        super().__init__(415, f"unsupported Content-Type: send the body as {JSON_TYPES}, UTF-8")


def is_json_type(content_type: str | None) -> bool:
    """A missing Content-Type, application/json or application/*+json (charset, if given, UTF-8)."""
    if not content_type or not content_type.strip():
        return True
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        return False
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


def check_json_type(request: Request) -> None:
    """415 for a body declared as anything but JSON (text/plain, a form, XML...)."""
    if not is_json_type(request.headers.get("content-type")):
        raise UnsupportedMediaType()


async def json_body(request: Request) -> Any:
    check_json_type(request)
    return read_case_json(await request.body(), "body")


def single(query: QueryParams, name: str) -> str | None:
    """The value of a query parameter that may be given once (the same value twice is accepted)."""
    values = query.getlist(name)
    if not values:
        return None
    if any(v != values[0] for v in values[1:]):
        raise QueryError(
            name, _("given {count} times with different values; give it once").format(count=len(values))
        )
    return values[0]
