"""The OpenAPI document, made to say what the server does.

FastAPI documents its own 422 (``HTTPValidationError``: ``loc``, ``msg``, ``type``) for every operation with
parameters, but every 422 this server sends, FastAPI's checks included, has the shape of
`problems.PROBLEM_SCHEMA` (``loc``, ``field``, ``msg``): each 422 of the document references that schema.
Query parameters that are dates are declared ``format: date``, and readings ``KEY=VALUE`` by a pattern.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .inputs import READING_PATTERN
from .problems import PROBLEM_SCHEMA

INVALID_REF = {"$ref": "#/components/schemas/InvalidInput"}
DATE_PARAMETERS = ("date", "decision_date", "from", "to")
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")


def _with(schema: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` added to the string branch of `schema` (a string, or anyOf string/null)."""
    if schema.get("type") == "string":
        return {**schema, **extra}
    if "anyOf" in schema:
        return {**schema, "anyOf": [_with(s, extra) if s.get("type") == "string" else s for s in schema["anyOf"]]}
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return {**schema, "items": _with(schema["items"], extra)}
    return schema


def fix(doc: dict[str, Any]) -> dict[str, Any]:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas["InvalidInput"] = PROBLEM_SCHEMA
    for path_item in doc.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            response = operation.get("responses", {}).get("422")
            if response is not None:
                response["content"] = {"application/json": {"schema": INVALID_REF}}
                response.setdefault("description", "Invalid input; `field` names it")
            for param in operation.get("parameters", []):
                if param.get("in") != "query" or "schema" not in param:
                    continue
                if param["name"] in DATE_PARAMETERS:
                    param["schema"] = _with(param["schema"], {"format": "date"})
                elif param["name"] == "reading":
                    param["schema"] = _with(param["schema"], {"pattern": READING_PATTERN})
    for name in _FASTAPI_ERRORS:  # no longer referenced
        schemas.pop(name, None)
    return doc


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = fix(get_openapi(title=app.title, version=app.version, description=app.description,
                                                 routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
