"""JSON Schemas for the OpenAPI document, derived from the case format's own spec and from the typed
models of the answer (never written twice).

The bodies are read as raw JSON and checked by the case validator; these schemas document them. Each
object of the case format is a named component (`Case`, `Person`, `Citizenship`…), referenced as
``#/components/schemas/NAME``: `COMPONENTS` holds them, and `extrashield.adapters.api.openapi` puts them into the
document."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from extrashield.engine.answer_model import MODELS, Day, Outcome, json_schemas
from extrashield.engine.grounds import Status
from extrashield.facts.case import Spec, spec_at
from extrashield.rules import GROUNDS

DATE = {"type": "string", "format": "date"}
REF = "#/components/schemas/{model}"

# The component of each object (or list item) of the case format, by its path in the case.
CASE_PARTS = {
    "": "Case",
    "person": "Person",
    "person.citizenships": "Citizenship",
    "person.asylum_in_russia": "AsylumInRussia",
    "person.military_service": "MilitaryService",
    "person.family_in_service": "FamilyMember",
    "request": "ExtraditionRequest",
    "request.offense": "Offense",
    "request.guarantees": "Guarantees",
    "russian_proceedings": "RussianProceedings",
}
COMPONENTS: dict[str, dict[str, Any]] = {}  # filled below: the case's parts, then the API's own models
_NAMES: dict[int, str] = {}  # id(spec) -> component name (Spec objects are module constants)


def ref(name: str) -> dict[str, Any]:
    return {"$ref": REF.format(model=name)}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(spec: Spec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {name: spec_schema(sub, required=sub.required) for name, sub in spec.fields.items()},
        "additionalProperties": False,
    }
    req = [name for name, sub in spec.fields.items() if sub.required]
    if req:
        out["required"] = req
    return out


def spec_schema(spec: Spec, *, required: bool = False) -> dict[str, Any]:
    """The schema of a field of the case format; an object (or a list's item) of the case is a reference to its component."""
    kind = spec.kind
    name = _NAMES.get(id(spec))
    if kind == "object":
        out = ref(name) if name else _object(spec)
    elif kind == "list":
        out = {"type": "array", "items": ref(name) if name else _object(Spec("object", fields=spec.fields))}
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
    else:
        scalars: dict[str, dict[str, Any]] = {
            "bool": {"type": "boolean"},
            "date": DATE,
            "date_or_ongoing": {"anyOf": [DATE, {"type": "string", "const": "ongoing"}]},
            "number": {"type": "number", "minimum": 0},
            "enum": {"type": "string", "enum": list(spec.values)},
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "str": {"type": "string"},
            "strings": {"type": "array", "items": {"type": "string"}},
        }
        out = scalars[kind]
    if spec.doc or spec.question:
        out = {**out, "description": spec.doc or spec.question}
    return out if required else _nullable(out)


def _case_components() -> None:
    for path, name in CASE_PARTS.items():
        _NAMES[id(spec_at(path))] = name
    for path, name in CASE_PARTS.items():
        spec = spec_at(path)
        schema = _object(spec if spec.kind == "object" else Spec("object", fields=spec.fields))
        COMPONENTS[name] = {**schema, "title": name, **({"description": spec.doc} if spec.doc else {})}


_case_components()
COMPONENTS["Case"] = {
    **{k: v for k, v in COMPONENTS["Case"].items() if k != "required"},
    **(
        {"required": rest}
        if (rest := [f for f in COMPONENTS["Case"].get("required", []) if f != "decision_date"])
        else {}
    ),
    "properties": {
        **COMPONENTS["Case"]["properties"],
        "decision_date": _nullable(DATE) | {"description": "The day the extradition decision is taken"},
    },
    "description": "A case (docs/contract.md §3). Over HTTP its `decision_date` may be left out where the request "
    "gives one elsewhere: `/v1/assess?decision_date=`, `/v1/timeline?from=`, a decision's own "
    "`decision_date`; else it is required (422 naming it).",
}
CASE_REF = ref("Case")


def case_schema_with_optional_date(description: str) -> dict[str, Any]:
    """The case, for an endpoint that can take `decision_date` from elsewhere (`description` says where)."""
    return {**CASE_REF, "description": description}


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    law_digest: str


class TimelineEvent(BaseModel):
    """Something that happens on `day`: a fact's date is reached, or a provision starts or stops."""

    day: Day
    kind: Literal["fact", "law", "law_uncertain"]
    what: str
    ref: str = Field(description="The fact path(s) or the provision id")


class Interval(BaseModel):
    """Days `from` (included) to `until` (excluded) with one outcome and one set of applying grounds."""

    model_config = ConfigDict(populate_by_name=True)
    from_: Day = Field(alias="from")
    until: Day
    outcome: Outcome
    applies: list[str] = Field(description="The provision ids of the grounds that apply")
    events: list[TimelineEvent] = Field(description="The events on the interval's first day")
    unknown: list[str] = Field(description="The grounds unknown on some day of the interval")
    depends_on: list[str] = Field(description="The unknown facts the outcome turns on")
    open_questions: list[str] = Field(description="The ids of the open questions of law it turns on")


class Timeline(BaseModel):
    """A person's timeline over [from, until) (docs/contract.md §6, `extrashield timeline --format json`)."""

    model_config = ConfigDict(populate_by_name=True)
    id: str | None
    from_: Day = Field(alias="from")
    until: Day
    law_digest: str
    interpretations: dict[str, str]
    intervals: list[Interval]
    events: list[TimelineEvent] = Field(
        description="Every event that changes some ground's status, and every law event"
    )


class _ScreenedRowColumns(BaseModel):
    """One line of `/v1/screen`'s JSON Lines (one per input row, in order): the columns of docs/contract.md
    §6, one per ground named by its provision id, then a person list's own columns (any other key)."""

    model_config = ConfigDict(extra="allow")
    id: str | None
    outcome: Literal["barred", "may_refuse", "permitted", "undetermined", "invalid"]
    applies: list[str] = Field(description="The provision ids of the grounds that apply")
    depends_on: list[str] = Field(description="The unknown facts whose value could change the outcome")
    error: str | None = Field(
        default=None,
        description="Only on an invalid row: the field (for a person list, the column) and the problem",
    )
    questions: list[str] = Field(
        description="The question of each fact of depends_on, in its order, as /v1/assess words it"
    )
    notes: str | None = Field(
        description="For a person list: what reading the row's values normalised or "
        "could not read, separated by '; '; null for cases"
    )


# One key per ground, named by its provision id (docs/contract.md §4), holding its status (null: invalid row).
ScreenedRow: type[BaseModel] = create_model(
    "ScreenedRow",
    __base__=_ScreenedRowColumns,
    __doc__=_ScreenedRowColumns.__doc__,
    **{
        f"ground_{i}": (Status | None, Field(alias=g.provision, description=f"The status of {g.provision}"))
        for i, g in enumerate(GROUNDS)
    },  # type: ignore[call-overload]
)


class ErrorMessage(BaseModel):
    """An error in words (401, 403, 404, 409, 413, 415, 503): no input is echoed."""

    detail: str


class InternalError(BaseModel):
    """500: anything unexpected. The server log has the id; nothing else reaches the client."""

    detail: Literal["internal error"]
    error_id: str


COMPONENTS.update(json_schemas((*MODELS, Health, Timeline, ScreenedRow, ErrorMessage, InternalError), REF))
ANSWER = ref("Answer")
TIMELINE = ref("Timeline")
ERROR = ref("ErrorMessage")


def body(schema: dict[str, Any], media: str = "application/json") -> dict[str, Any]:
    """`openapi_extra` for an endpoint that reads its body itself."""
    return {"requestBody": {"required": True, "content": {media: {"schema": schema}}}}


def json_response(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}
