"""The OpenAPI document is one clients can be generated from: named components for the case, the answer
and the errors (the answer's the same as docs/answer.schema.json, both generated from the typed models),
typed `items` on every array, one shape per name, and a stable operationId on every operation."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import extrashield
from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import forget_registries
from extrashield.engine.answer_model import answer_schema

ROOT = Path(__file__).resolve().parents[2]
# Every operation of the API by its operationId. A route renamed, added or removed changes this list:
# generated clients call these names.
OPERATIONS = {
    ("post", "/v1/assess"): "assess",
    ("post", "/v1/timeline"): "timeline",
    ("post", "/v1/screen"): "screen",
    ("get", "/v1/law"): "getLaw",
    ("get", "/v1/law/provisions"): "listProvisions",
    ("get", "/v1/law/provisions/{provision_id}"): "getProvision",
    ("get", "/v1/persons"): "listPersons",
    ("post", "/v1/persons"): "createPerson",
    ("get", "/v1/persons/{record_id}"): "getPerson",
    ("patch", "/v1/persons/{record_id}"): "updatePerson",
    ("get", "/v1/service-records"): "listServiceRecords",
    ("post", "/v1/service-records"): "createServiceRecord",
    ("get", "/v1/service-records/{record_id}"): "getServiceRecord",
    ("patch", "/v1/service-records/{record_id}"): "updateServiceRecord",
    ("get", "/v1/requests"): "listRequests",
    ("post", "/v1/requests"): "createRequest",
    ("get", "/v1/requests/{record_id}"): "getRequest",
    ("patch", "/v1/requests/{record_id}"): "updateRequest",
    ("get", "/v1/sources"): "listSources",
    ("post", "/v1/sources"): "createSource",
    ("get", "/v1/sources/{record_id}"): "getSource",
    ("patch", "/v1/sources/{record_id}"): "updateSource",
    ("get", "/v1/decisions"): "listDecisions",
    ("post", "/v1/decisions"): "createDecision",
    ("get", "/v1/decisions/{decision_id}"): "getDecision",
    ("get", "/v1/decisions/{decision_id}/replay"): "replayDecision",
    ("get", "/v1/audit"): "listAuditEntries",
    ("get", "/v1/audit/verify"): "verifyAudit",
    ("get", "/v1/audit/head"): "getAuditHead",
    ("get", "/v1/access-log"): "listAccessLog",
    ("get", "/v1/health"): "getHealth",
    ("get", "/v1/lists"): "listPersonLists",
    ("put", "/v1/lists/{name}"): "putPersonList",
    ("get", "/v1/lists/{name}"): "getPersonList",
    ("delete", "/v1/lists/{name}"): "deletePersonList",
    ("post", "/v1/match/{name}"): "match",
    ("post", "/v1/lists/{name}/judgements"): "createJudgement",
    ("get", "/v1/lists/{name}/judgements"): "listJudgements",
    ("get", "/v1/lists/{name}/confirmed"): "exportConfirmed",
}
CASE_PARTS = {
    "Case",
    "Person",
    "Citizenship",
    "AsylumInRussia",
    "MilitaryService",
    "FamilyMember",
    "ExtraditionRequest",
    "Offense",
    "Guarantees",
    "RussianProceedings",
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db')}/registry.sqlite3"
    app = create_app(url)
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        yield client.get("/openapi.json").json()
    forget_registries()


def _walk(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}/{i}")


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def test_every_operation_has_its_operation_id_from_the_list(doc: dict[str, Any]) -> None:
    found = {(method, path): op.get("operationId") for method, path, op in _operations(doc)}
    assert found == OPERATIONS


def test_every_array_declares_the_type_of_its_items(doc: dict[str, Any]) -> None:
    bare = [where for where, node in _walk(doc) if node.get("type") == "array" and "items" not in node]
    assert bare == []


def test_every_reference_names_a_component(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    refs = {node["$ref"] for _, node in _walk(doc) if isinstance(node.get("$ref"), str)}
    assert refs and all(r.startswith("#/components/schemas/") for r in refs)
    assert {r.rsplit("/", 1)[1] for r in refs} <= set(schemas)


def test_objects_in_operations_are_named_components(doc: dict[str, Any]) -> None:
    """No object with properties is written inline in an operation (a generator would name it after the
    path), and FastAPI's default names (`Response …`, `HTTPValidationError`) are gone."""
    inline = [
        where
        for where, node in _walk(doc["paths"])
        if node.get("type") == "object" and node.get("properties")
    ]
    assert inline == []
    names = set(doc["components"]["schemas"])
    assert not any(n.startswith(("Response", "HTTPValidationError", "ValidationError")) for n in names)
    assert (
        CASE_PARTS
        | {
            "Answer",
            "Ground",
            "Condition",
            "OpenQuestion",
            "Alternative",
            "Timeline",
            "ScreenedRow",
            "InvalidInput",
            "ErrorMessage",
            "InternalError",
            "StoredPerson",
            "NewPerson",
            "PersonChanges",
            "NewDecision",
        }
        <= names
    )


def test_the_answer_components_are_the_published_answer_schema(doc: dict[str, Any]) -> None:
    """docs/answer.schema.json is up to date, and its `$defs` are the document's components, reference for reference."""
    published = json.loads((ROOT / "docs" / "answer.schema.json").read_text(encoding="utf-8"))
    assert published == answer_schema()
    schemas = doc["components"]["schemas"]
    as_component = json.loads(json.dumps(published).replace('"#/$defs/', '"#/components/schemas/'))
    for name, schema in as_component["$defs"].items():
        assert schemas[name] == schema, name
    top = {k: v for k, v in as_component.items() if k not in ("$schema", "$id", "$defs", "title")}
    assert {k: v for k, v in schemas["Answer"].items() if k != "title"} == top
    grounds = schemas["Ground"]["properties"]
    assert grounds["conditions"]["items"] == {"$ref": "#/components/schemas/Condition"}
    assert schemas["OpenQuestion"]["properties"]["alternatives"]["items"] == {
        "$ref": "#/components/schemas/Alternative"
    }


def test_real_answers_validate_against_the_published_schema() -> None:
    schema = json.loads((ROOT / "docs" / "answer.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    seen_alternative = seen_condition = False
    for file in sorted((ROOT / "extrashield" / "examples").glob("*.json")):
        case = json.loads(file.read_text(encoding="utf-8"))
        for readings in ({}, {"point7.limbs": "combat_required", "point7.volunteer_formations": "included"}):
            answer = json.loads(json.dumps(extrashield.assess(case, readings=readings).to_dict()))
            validator.validate(answer)
            seen_condition |= any(g["conditions"] for g in answer["grounds"])
            seen_alternative |= any(q["alternatives"] for q in answer["open_questions"])
    assert seen_condition and seen_alternative  # the arrays whose items the schema now types were exercised


def test_a_change_to_an_answer_key_is_refused_by_the_schema() -> None:
    schema = json.loads((ROOT / "docs" / "answer.schema.json").read_text(encoding="utf-8"))
    case = json.loads((ROOT / "extrashield" / "examples" / "nepali-serving.json").read_text(encoding="utf-8"))
    answer = json.loads(json.dumps(extrashield.assess(case).to_dict()))
    answer["grounds"][0]["conditions"].append({"condition": "x", "item": None, "value": "yes", "facts": {}})
    assert not jsonschema.Draft202012Validator(schema).is_valid(answer)


def test_assessing_does_not_load_the_typed_models() -> None:
    """The models are for the schema only: the command line's start-up stays without pydantic."""
    probe = (
        "import sys, json, extrashield\n"
        "extrashield.assess(json.load(open('extrashield/examples/nepali-serving.json'))).to_dict()\n"
        "print('pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_the_case_body_is_the_case_component(doc: dict[str, Any]) -> None:
    for path in ("/v1/assess", "/v1/timeline"):
        body = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body["$ref"] == "#/components/schemas/Case", path
    case = doc["components"]["schemas"]["Case"]
    assert case["properties"]["person"] == {
        "anyOf": [{"$ref": "#/components/schemas/Person"}, {"type": "null"}]
    }
    citizenships = doc["components"]["schemas"]["Person"]["properties"]["citizenships"]["anyOf"][0]
    assert citizenships["items"] == {"$ref": "#/components/schemas/Citizenship"}


def test_errors_reference_one_component_each(doc: dict[str, Any]) -> None:
    expected = {
        "401": "ErrorMessage",
        "403": "ErrorMessage",
        "404": "ErrorMessage",
        "409": "ErrorMessage",
        "413": "ErrorMessage",
        "415": "ErrorMessage",
        "422": "InvalidInput",
        "500": "InternalError",
        "503": "ErrorMessage",
    }
    seen = set()
    for method, path, op in _operations(doc):
        for status, response in op["responses"].items():
            if status in expected:
                seen.add(status)
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": f"#/components/schemas/{expected[status]}"}, (method, path, status)
    assert seen == set(expected)
    update = doc["paths"]["/v1/persons/{record_id}"]["patch"]["responses"]
    assert {"200", "404", "409", "413", "415", "422", "503"} <= set(update)


def test_screen_describes_its_bodies_and_its_streamed_lines(doc: dict[str, Any]) -> None:
    op = doc["paths"]["/v1/screen"]["post"]
    bodies = op["requestBody"]["content"]
    assert {
        "application/x-ndjson",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.apache.parquet",
        "application/octet-stream",
        "multipart/form-data",
    } <= set(bodies)
    assert bodies["multipart/form-data"]["schema"] == {"$ref": "#/components/schemas/ScreenUpload"}
    lines = op["responses"]["200"]["content"]["application/x-ndjson"]
    assert lines["x-item-schema"] == {"$ref": "#/components/schemas/ScreenedRow"}
    fmt = next(p for p in op["parameters"] if p["name"] == "format")
    assert fmt["schema"]["anyOf"][0]["enum"] == ["jsonl", "csv", "xlsx", "parquet"]
    assert {p["name"] for p in op["parameters"]} >= {"format", "decision_date", "reading", "map"}
    row = doc["components"]["schemas"]["ScreenedRow"]
    assert {"questions", "notes", "ru.upk.464.1.7"} <= set(row["required"]) and row[
        "additionalProperties"
    ] is True
