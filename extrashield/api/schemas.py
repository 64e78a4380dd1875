"""JSON Schemas for the OpenAPI document, derived from the case format's own spec (never written twice).

The bodies are read as raw JSON and checked by the case validator; these schemas document them."""

from __future__ import annotations

from typing import Any

from ..core.answer import ANSWER_SCHEMA
from ..core.case import CASE_SPEC, Spec

DATE = {"type": "string", "format": "date"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def spec_schema(spec: Spec, *, required: bool = False) -> dict[str, Any]:
    kind = spec.kind
    if kind == "object":
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: spec_schema(sub, required=sub.required) for name, sub in spec.fields.items()},
            "additionalProperties": False,
        }
        req = [name for name, sub in spec.fields.items() if sub.required]
        if req:
            out["required"] = req
    elif kind == "list":
        item = spec_schema(Spec("object", fields=spec.fields))
        out = {"type": "array", "items": item}
    else:
        scalars: dict[str, dict[str, Any]] = {
            "bool": {"type": "boolean"},
            "date": DATE,
            "date_or_ongoing": {"anyOf": [DATE, {"const": "ongoing"}]},
            "number": {"type": "number", "minimum": 0},
            "enum": {"enum": list(spec.values)},
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "str": {"type": "string"},
            "strings": {"type": "array", "items": {"type": "string"}},
        }
        out = scalars[kind]
    if spec.doc or spec.question:
        out = {**out, "description": spec.doc or spec.question}
    return out if required else _nullable(out)


CASE_SCHEMA: dict[str, Any] = {**spec_schema(CASE_SPEC, required=True), "title": "Case (DESIGN.md §3)"}


def case_schema_with_optional_date(description: str) -> dict[str, Any]:
    """The case's schema for an endpoint that can take `decision_date` from elsewhere (a query parameter,
    the range of a timeline, a decision's own field): not required there, and `description` says why."""
    required = [name for name in CASE_SCHEMA.get("required", []) if name != "decision_date"]
    out = {k: v for k, v in CASE_SCHEMA.items() if k != "required"}
    if required:
        out["required"] = required
    date = dict(CASE_SCHEMA["properties"]["decision_date"])
    doc = date.pop("description", "")
    out["properties"] = {**CASE_SCHEMA["properties"],
                         "decision_date": {**_nullable(date), "description": f"{doc}. {description}" if doc else description}}
    return out
ANSWER: dict[str, Any] = {k: v for k, v in ANSWER_SCHEMA.items() if not k.startswith("$")}


def body(schema: dict[str, Any], media: str = "application/json") -> dict[str, Any]:
    """`openapi_extra` for an endpoint that reads its body itself."""
    return {"requestBody": {"required": True, "content": {media: {"schema": schema}}}}


def json_response(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}
