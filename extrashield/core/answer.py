"""The answer of DESIGN.md §5 as plain data, and its JSON Schema.

Each ground carries its provision, citation, the version used (with how certain its dates are), and
`because`: each labelled condition with its value and the facts it came from. `conditions` holds the
same explanation as structured data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .tri import show

if TYPE_CHECKING:
    from .evaluator import Assessment, GroundResult


def fmt(value: Any) -> str:
    if value is None:
        return "unknown"
    if value is True or value is False:
        return show(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "[" + "; ".join(_fmt_item(v) for v in value) + "]" if value else "[] (none)"
    return str(value)


def _fmt_item(item: Any) -> str:
    if not isinstance(item, Mapping):
        return str(item)
    return ", ".join(f"{k}={fmt(v)}" for k, v in item.items() if v is not None) or "{}"


def json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {k: json_value(v) for k, v in value.items()}
    return value


class _Shown:
    """Formats each fact once per answer: the same fact stands behind many conditions."""

    def __init__(self, facts: Mapping[str, Any]) -> None:
        self.facts = facts
        self.cache: dict[str, tuple[str, Any]] = {}

    def get(self, path: str, value: Any) -> tuple[str, Any]:
        hit = self.cache.get(path)
        if hit is None:
            hit = self.cache[path] = (f"{path} = {fmt(value)}", json_value(value))
        return hit


def explain(result: GroundResult, shown: _Shown) -> tuple[list[str], list[dict[str, Any]]]:
    facts = shown.facts
    because: list[str] = []
    conditions: list[dict[str, Any]] = []
    if result.version is None:
        day = facts["decision_date"]
        first = next((v for v in result.provision.versions if v.valid_from and v.valid_from > day), None)
        note = f"no version of {result.provision.citation} is in force on {day}"
        if first is not None:
            note += f"; it applies from {first.valid_from} ({first.valid_from_certainty})"
        return [note], []
    for cond, value, item, (whole, item_keys) in result.trace:
        texts = []
        used = {}
        if item is not None:
            index, list_path = item
            row = facts[list_path][index]
            for key in item_keys:
                text, js = shown.get(f"{list_path}[{index}].{key}", row[key])
                texts.append(text)
                used[f"{list_path}[{index}].{key}"] = js
        for path in whole:
            text, js = shown.get(path, facts[path])
            texts.append(text)
            used[path] = js
        where = f" [{item[1].rsplit('.', 1)[-1]}[{item[0]}]]" if item is not None else ""
        word = "unknown" if value is None else ("true" if value else "false")
        because.append(f"{cond.text}{where}: {word} ({'; '.join(texts)})" if texts else f"{cond.text}{where}: {word}")
        conditions.append({"condition": cond.key, "item": None if item is None else item[0], "value": value, "facts": used})
    return because, conditions


def answer_dict(a: Assessment) -> dict[str, Any]:
    shown = _Shown(a.case.facts)
    grounds = []
    for r in a.grounds:
        because, conditions = explain(r, shown)
        grounds.append({
            "provision": r.provision.id,
            "effect": r.provision.effect,
            "status": r.status,
            "citation": r.provision.citation,
            "title": r.provision.title.en,
            "version": r.version.summary() if r.version is not None else None,
            "because": because,
            "conditions": conditions,
        })
    temporal = a.lawbook.provisions.get("ru.upk.4")
    temporal_version = temporal.version_on(a.decision_date) if temporal else None
    return {
        "id": a.case.id,
        "outcome": a.outcome,
        "decision_date": a.decision_date.isoformat(),
        "law_digest": a.lawbook.digest,
        "interpretations": dict(a.readings),
        "applies": a.applies,
        "grounds": grounds,
        "depends_on": [{"fact": f, "question": q} for f, q in a.depends_on],
        "outcome_on_every_value": (
            None if a.every_value is None else {"fact": a.every_value[0], "outcome": a.every_value[1]}
        ),
        "also_unknown": [{"fact": f, "question": q} for f, q in a.also_unknown],
        "open_questions": [
            {
                **(q.extra or {}),  # a provider's structured details (e.g. `treaty`); the keys below win
                "id": q.id,
                "kind": q.kind,
                "provision": q.provision,
                "question": q.question,
                "current": q.current,
                "alternatives": q.alternatives,
                "law_question": q.law_question,
                "sources": q.sources,
            }
            for q in a.open_questions
        ],
        "law_in_time": {
            "provision": "ru.upk.4",
            "rule": "the law in force on the decision date applies",
            "version": temporal_version.summary() if temporal_version else None,
        },
    }


_FACT = {
    "type": "object",
    "required": ["fact", "question"],
    "properties": {"fact": {"type": "string"}, "question": {"type": "string"}},
    "additionalProperties": False,
}

ANSWER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://extrashield.invalid/schema/answer-v1.json",
    "title": "extrashield answer (DESIGN.md §5)",
    "type": "object",
    "required": ["outcome", "decision_date", "law_digest", "interpretations", "grounds", "depends_on", "open_questions"],
    "properties": {
        "id": {"type": ["string", "null"]},
        "outcome": {"enum": ["barred", "may_refuse", "permitted", "undetermined"]},
        "decision_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "law_digest": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
        "interpretations": {"type": "object", "additionalProperties": {"type": "string"}},
        "applies": {"type": "array", "items": {"type": "string"}},
        "grounds": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["provision", "effect", "status", "citation", "version", "because"],
                "properties": {
                    "provision": {"type": "string", "pattern": r"^ru\.[a-z]+(\.[0-9a-z]+)+$"},
                    "effect": {"enum": ["bars", "allows_refusal"]},
                    "status": {"enum": ["applies", "does_not_apply", "unknown", "not_in_force"]},
                    "citation": {"type": "string"},
                    "title": {"type": "string"},
                    "version": {
                        "type": ["object", "null"],
                        "required": ["valid_from", "certainty"],
                        "properties": {
                            "valid_from": {"type": ["string", "null"]},
                            "valid_until": {"type": ["string", "null"]},
                            "certainty": {"enum": ["official", "reported", "inferred", None]},
                            "act": {"type": "string"},
                            "text_confidence": {"enum": ["V", "V-partial", "M", "I", "S"]},
                        },
                    },
                    "because": {"type": "array", "items": {"type": "string"}},
                    "conditions": {"type": "array"},
                },
            },
        },
        "depends_on": {"type": "array", "items": _FACT},
        "also_unknown": {"type": "array", "items": _FACT},
        "outcome_on_every_value": {
            "type": ["object", "null"],
            "required": ["fact", "outcome"],
            "properties": {"fact": {"type": "string"}, "outcome": {"enum": ["barred", "may_refuse", "permitted"]}},
        },
        "open_questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "kind", "provision", "question", "alternatives"],
                "properties": {
                    "id": {"type": "string"},
                    "kind": {"type": "string"},
                    "provision": {"type": "string"},
                    "question": {"type": "string"},
                    "alternatives": {"type": "array"},
                },
            },
        },
        "law_in_time": {"type": "object"},
    },
}


if __name__ == "__main__":  # python -m extrashield.core.answer > docs/answer.schema.json
    import json

    print(json.dumps(ANSWER_SCHEMA, indent=2, ensure_ascii=False))
