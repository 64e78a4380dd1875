"""The OpenAPI document, made to say what the server does, and to generate clients from.

- Named components: the case and its parts (`Case`, `Person`…), the answer and its parts (`Answer`,
  `Ground`, `Condition`…, from the typed models of `extrashield.engine.answer_model`, as
  docs/answer.schema.json), the timeline, the lines of `/v1/screen`, the registry's records and the
  errors. An object schema written inline with a `title` is moved to the components under that title,
  so each shape is one component (two different shapes under one title are refused when the document is
  built); FastAPI's own titles for unnamed responses (`Response …`) are dropped.
- Every 422 references `InvalidInput` (``loc``, ``field``, ``msg``): FastAPI documents its own
  `HTTPValidationError`, but every 422 this server sends, FastAPI's checks included, has that shape.
  Other errors reference `ErrorMessage` (``{"detail": "…"}``), 500 `InternalError`; 413 is listed on every
  operation that takes a body, 503 on every one that opens the registry.
- Each operation has a stable `operationId` (`operation_id`, the app's `generate_unique_id_function`):
  the route's name in camelCase (`listPersons`), or the name given in `OPERATION_IDS`; tests hold the
  list, so that renaming a route is a visible change of the document.
- Query parameters that are dates are declared ``format: date``, and readings ``KEY=VALUE`` by a pattern.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from extrashield.adapters.api.schemas import COMPONENTS, ERROR, ref
from extrashield.adapters.api.screening import FORMATS
from extrashield.adapters.http.problems import PROBLEM_SCHEMA
from extrashield.engine.readings import PAIR_PATTERN

INVALID_REF = ref("InvalidInput")
DATE_PARAMETERS = ("date", "decision_date", "from", "to")
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")
# Where the route's own name does not read well as an operation.
OPERATION_IDS = {
    "assess_case": "assess",
    "law_summary": "getLaw",
    "health": "getHealth",
    "audit": "listAuditEntries",
    "verify": "verifyAudit",
    "head": "getAuditHead",
    "access_log": "listAccessLog",
}
_STANDARD = {
    "413": {
        "description": "The body is over the limit (1 MiB; 256 MiB for /v1/screen)",
        "content": {"application/json": {"schema": ERROR}},
    },
    "500": {
        "description": "Something unexpected; the server log has the error id",
        "content": {"application/json": {"schema": ref("InternalError")}},
    },
    "503": {
        "description": "The registry's database cannot be reached; try again later",
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds"}},
        "content": {"application/json": {"schema": ERROR}},
    },
}


def operation_id(route: APIRoute) -> str:
    """`list_service_records` -> `listServiceRecords`, unless `OPERATION_IDS` names it."""
    if route.name in OPERATION_IDS:
        return OPERATION_IDS[route.name]
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _with(schema: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` added to the string branch of `schema` (a string, or anyOf string/null)."""
    if schema.get("type") == "string":
        return {**schema, **extra}
    if "anyOf" in schema:
        return {
            **schema,
            "anyOf": [_with(s, extra) if s.get("type") == "string" else s for s in schema["anyOf"]],
        }
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return {**schema, "items": _with(schema["items"], extra)}
    return schema


class _Hoist:
    """Moves each titled inline object schema to the components; one shape per name."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas

    def __call__(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self(x) for x in node]
        if not isinstance(node, dict):
            return node
        out = {k: self(v) for k, v in node.items()}
        title = out.get("title")
        if isinstance(title, str) and title.startswith("Response "):  # FastAPI's name for an unnamed response
            out.pop("title")
        elif isinstance(title, str) and out.get("type") == "object":
            known = self.schemas.get(title)
            if known is not None and known != out:
                raise ValueError(f"two different schemas are both named {title!r} in the OpenAPI document")
            self.schemas[title] = out
            return ref(title)
        return out


def fix(doc: dict[str, Any]) -> dict[str, Any]:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_ERRORS:  # replaced by InvalidInput below
        schemas.pop(name, None)
    schemas.update(COMPONENTS)
    hoist = _Hoist(schemas)
    schemas["InvalidInput"] = PROBLEM_SCHEMA
    for path_item in doc.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            response = responses.get("422")
            if response is not None:
                response["content"] = {"application/json": {"schema": INVALID_REF}}
                response.setdefault("description", "Invalid input; `field` names it")
            if "requestBody" in operation:
                responses.setdefault("413", _STANDARD["413"])
            if operation.get("security"):  # registry endpoints: a token, and the database
                responses.setdefault("503", _STANDARD["503"])
            for status in ("401", "403", "404", "409", "415"):  # {"detail": "…"}
                if status in responses:
                    responses[status].setdefault("content", {"application/json": {"schema": ERROR}})
            responses.setdefault("500", _STANDARD["500"])
            for param in operation.get("parameters", []):
                if param.get("in") != "query" or "schema" not in param:
                    continue
                if param["name"] in DATE_PARAMETERS:
                    param["schema"] = _with(param["schema"], {"format": "date"})
                elif param["name"] == "format":
                    param["schema"] = _with(param["schema"], {"enum": list(FORMATS)})
                elif param["name"] == "reading":
                    param["schema"] = _with(param["schema"], {"pattern": PAIR_PATTERN})
            path_item[method] = hoist(operation)
    return doc


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = fix(
                get_openapi(
                    title=app.title, version=app.version, description=app.description, routes=app.routes
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
