"""The answer of docs/contract.md §5 as typed models: the one source of its JSON Schema.

`docs/answer.schema.json` (`python -m extrashield.engine.answer_model > docs/answer.schema.json`) and the
`Answer` components of the OpenAPI document (`extrashield.adapters.api.openapi`) are both generated from these
models. The answer itself is built as plain dicts by `extrashield.engine.answer` (these models are never
instantiated on that path: pydantic stays out of the command line's start-up); tests check every answer
against the schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Required

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, models_json_schema
from typing_extensions import TypedDict  # pydantic needs this one on Python 3.11

Outcome = Literal["barred", "may_refuse", "permitted", "undetermined"]
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
Day = Annotated[str, Field(pattern=ISO_DATE, description="YYYY-MM-DD")]
SCHEMA_ID = "https://extrashield.invalid/schema/answer-v1.json"
# The default of a key the contract (docs/contract.md §5) does not promise in every answer: it makes the key
# not required; the schema shows no default (the answer has the key or leaves it out).
OPTIONAL: Any = None


class _Closed(BaseModel):
    """Every key is listed: the answer has no others."""

    model_config = ConfigDict(extra="forbid")


class Fact(_Closed):
    """An unknown fact and the question that asks for it."""

    fact: str = Field(description="The fact's path in the case, e.g. person.military_service[0].combat")
    question: str


class Version(_Closed):
    """The version of a provision used on the decision date, with how certain its dates are."""

    valid_from: str | None
    certainty: Literal["official", "reported", "inferred", "assumed", "recalled"] | None
    id: str = Field(
        OPTIONAL,
        description="The version's id in the law data, unique within its provision "
        "(docs/law-data.md), e.g. 50-fz",
    )
    valid_until: str | None = OPTIONAL
    act: str = OPTIONAL
    text_confidence: Literal["V", "V-partial", "M", "I", "S"] = OPTIONAL


class Condition(_Closed):
    """One labelled condition of a ground's rule: its value and the facts it came from."""

    condition: str = Field(description="The condition's key in the rule")
    item: int | None = Field(
        description="For a condition about one item of a list (a contract, a "
        "citizenship): its index; else null"
    )
    value: bool | None = Field(description="true, false, or null for unknown")
    facts: dict[str, Any] = Field(
        description="Each fact the condition read, by its path, with its value (null: unknown)"
    )


class Ground(_Closed):
    """A ground the law in force knows, with its status and why."""

    provision: str = Field(pattern=r"^ru\.[a-z]+(\.[0-9a-z]+)+$")
    effect: Literal["bars", "allows_refusal"]
    status: Literal["applies", "does_not_apply", "unknown", "not_in_force"]
    citation: str
    version: Version | None = Field(description="null when no version is in force on the decision date")
    because: list[str] = Field(
        description="Each condition with its value and the facts it came from, in words"
    )
    title: str = OPTIONAL
    conditions: list[Condition] = Field(
        OPTIONAL, description="`because` as structured data (empty when not in force)"
    )


class EveryValue(_Closed):
    """The one outcome that every value of a single unknown fact would give."""

    fact: str
    outcome: Literal["barred", "may_refuse", "permitted"]


# A TypedDict: `reading` and `if` are left out, never null (and `if` is a Python keyword).
Alternative = TypedDict(
    "Alternative",
    {
        "outcome": Required[Outcome],
        "reading": Annotated[str, Field(description="The other reading of the law")],
        "if": Annotated[str, Field(description="The other assumption, e.g. in force on a day")],
    },
    total=False,
)
Alternative.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
Alternative.__doc__ = "The outcome under another reading of the law (`reading`) or another assumption (`if`)."


class OpenQuestion(BaseModel):
    """A question of law the outcome turns on. A provider may add structured details (e.g. `treaty`,
    `candidates`, `priority_rule` for a treaty collision)."""

    model_config = ConfigDict(extra="allow")
    id: str
    kind: str = Field(description="reading, entry_into_force, …")
    provision: str
    question: str
    alternatives: list[Alternative]
    current: str = Field(OPTIONAL, description="The reading or assumption the answer used")
    law_question: str | None = OPTIONAL
    sources: list[str] = OPTIONAL


class LawInTime(_Closed):
    """Which law applies: the law in force on the decision date (Art. 4 CPC)."""

    provision: str
    rule: str
    version: Version | None


class Answer(_Closed):
    """The answer for one case (docs/contract.md §5)."""

    outcome: Outcome
    decision_date: Day
    law_digest: str = Field(
        pattern="^sha256:[0-9a-f]{64}$",
        description="The law data the answer rests on: every file under law/ and data/ "
        "(provisions, legislative history, treaties, state profiles, figures, blacklist)",
    )
    interpretations: dict[str, str] = Field(description="The reading of each open question of law used")
    grounds: list[Ground] = Field(description="Every ground the law in force knows, each with its status")
    depends_on: list[Fact] = Field(description="The unknown facts whose value could change the outcome")
    open_questions: list[OpenQuestion] = Field(
        description="The readings of the law on which the outcome turns"
    )
    id: str | None = Field(OPTIONAL, description="The case's id, if it has one")
    applies: list[str] = Field(OPTIONAL, description="The provision ids of the grounds that apply")
    also_unknown: list[Fact] = Field(OPTIONAL, description="Unknown facts that cannot change the outcome")
    outcome_on_every_value: EveryValue | None = OPTIONAL
    law_in_time: LawInTime = OPTIONAL


MODELS: tuple[type[BaseModel], ...] = (Answer,)


class _NoFieldTitles(GenerateJsonSchema):
    """No `title` on each property (pydantic's default; models keep theirs, which name them), and no
    `default` (`OPTIONAL` only marks a key as not always present)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: Any) -> Any:
        return self.generate_inner(schema["schema"])


def json_schemas(models: tuple[type[BaseModel], ...], ref_template: str) -> dict[str, dict[str, Any]]:
    """Each model, and each model it uses, by name: the JSON Schema a client reads (serialisation mode),
    references written with `ref_template` (`#/components/schemas/{model}` for OpenAPI)."""
    top, defs = models_json_schema(
        [(m, "serialization") for m in models], ref_template=ref_template, schema_generator=_NoFieldTitles
    )
    out: dict[str, dict[str, Any]] = dict(defs.get("$defs", {}))
    for (model, _mode), ref in top.items():
        assert ref["$ref"] == ref_template.format(model=model.__name__)
    return out


def answer_schema() -> dict[str, Any]:
    """The published JSON Schema of the answer (docs/answer.schema.json): `Answer` with its parts under `$defs`."""
    defs = json_schemas(MODELS, "#/$defs/{model}")
    answer = defs.pop("Answer")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "extrashield answer (docs/contract.md §5)",
        **{k: v for k, v in answer.items() if k != "title"},
        "$defs": defs,
    }


if __name__ == "__main__":  # python -m extrashield.engine.answer_model > docs/answer.schema.json
    import json

    print(json.dumps(answer_schema(), indent=2, ensure_ascii=False))
