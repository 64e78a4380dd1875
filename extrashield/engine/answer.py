"""The answer of docs/contract.md §5 as plain data, and its JSON Schema.

Each ground carries its provision, citation, the version used (with how certain its dates are), and
`because`: each labelled condition with its value and the facts it came from. `conditions` holds the
same explanation as structured data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from extrashield.engine.codegen import ByTruth, Emitter, cond_refs, null_text
from extrashield.engine.expr import Cond, walk
from extrashield.engine.grounds import APPLIES, DOES_NOT_APPLY, NOT_IN_FORCE, UNKNOWN
from extrashield.engine.tri import show

if TYPE_CHECKING:
    from extrashield.engine.assessment import Assessment, Assessor, GroundResult
    from extrashield.engine.plans import DayPlan
    from extrashield.sources.lawbook import Provision


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


def shown_fact(path: str, value: Any) -> tuple[str, Any]:
    """`(f"{path} = {fmt(value)}", json_value(value))`, with the common scalar types first."""
    kind = type(value)
    if value is None:
        return null_text(path), None
    if kind is bool:
        return (f"{path} = true" if value else f"{path} = false"), value
    if kind is str:
        return f"{path} = {value}", value
    if kind is int or kind is float:
        return f"{path} = {value}", value
    if kind is dt.date:
        iso = value.isoformat()
        return f"{path} = {iso}", iso
    if kind is tuple and value and all(type(item) is dict for item in value):
        text, js = _shown_rows(value)
        return f"{path} = {text}", js
    return f"{path} = {fmt(value)}", json_value(value)


def _shown_rows(rows: tuple[dict[str, Any], ...]) -> tuple[str, list[dict[str, Any]]]:
    """`fmt` and `json_value` of a non-empty list of items (citizenships, contracts) in one pass."""
    texts = []
    js = []
    for row in rows:
        parts = []
        out: dict[str, Any] = {}
        for key, v in row.items():
            if v is None:
                out[key] = None
                continue
            kind = type(v)
            if kind is str:
                parts.append(f"{key}={v}")
                out[key] = v
            elif kind is dt.date:
                iso = v.isoformat()
                parts.append(f"{key}={iso}")
                out[key] = iso
            elif kind is bool:
                parts.append(f"{key}=true" if v else f"{key}=false")
                out[key] = v
            else:
                parts.append(f"{key}={fmt(v)}")
                out[key] = json_value(v)
        texts.append(", ".join(parts) or "{}")
        js.append(out)
    return "[" + "; ".join(texts) + "]", js


class _Shown:
    """Formats each fact once per answer: the same fact stands behind many conditions."""

    def __init__(self, facts: Mapping[str, Any]) -> None:
        self.facts = facts
        self.cache: dict[str, tuple[str, Any]] = {}

    def get(self, path: str, value: Any) -> tuple[str, Any]:
        hit = self.cache.get(path)
        if hit is None:
            text = null_text(path) if value is None else f"{path} = {fmt(value)}"
            hit = self.cache[path] = (text, json_value(value))
        return hit


def explain(result: GroundResult, shown: _Shown) -> tuple[list[str], list[dict[str, Any]]]:
    """`because` and `conditions` of one ground from its trace: the reference for the generated code."""
    facts = shown.facts
    because: list[str] = []
    conditions: list[dict[str, Any]] = []
    if result.version is None:
        return [_not_in_force(result.provision, facts["decision_date"])], []
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
        because.append(
            f"{cond.text}{where}: {word} ({'; '.join(texts)})" if texts else f"{cond.text}{where}: {word}"
        )
        conditions.append(
            {"condition": cond.key, "item": None if item is None else item[0], "value": value, "facts": used}
        )
    return because, conditions


def reference_grounds(a: Assessment[Any]) -> list[dict[str, Any]]:
    """The answer's `grounds`, explained from the traces (slower; the reference `AnswerPlan` is tested
    against, and the fallback for rules it cannot generate code for)."""
    shown = _Shown(a.case.facts)
    grounds = []
    for r in a.grounds:
        because, conditions = explain(r, shown)
        grounds.append(
            {
                "provision": r.provision.id,
                "effect": r.provision.effect,
                "status": r.status.value,
                "citation": r.provision.citation,
                "title": r.provision.title.en,
                "version": r.version.summary() if r.version is not None else None,
                "because": because,
                "conditions": conditions,
            }
        )
    return grounds


def _not_in_force(provision: Provision, day: dt.date) -> str:
    before, after = _not_in_force_parts(provision, day)
    return f"{before}{day}{after}"


def _not_in_force_parts(provision: Provision, day: dt.date) -> tuple[str, str]:
    """The note of a ground not in force on `day`, before and after the date."""
    first = next((v for v in provision.versions if v.valid_from and v.valid_from > day), None)
    after = (
        f"; it applies from {first.valid_from} ({first.valid_from_certainty})" if first is not None else ""
    )
    return f"no version of {provision.citation} is in force on ", after


def _literal(value: Any) -> str:
    """Python source for a constant of the answer (text or null)."""
    if value is not None and type(value) is not str:
        raise TypeError(f"not a text constant: {value!r}")
    return repr(value)


def _texts_only(d: dict[str, Any]) -> dict[str, Any]:
    """A template of texts and nulls: a shallow copy of it shares nothing mutable."""
    for v in d.values():
        _literal(v)
    return d


GroundsFn = Callable[[Mapping[str, Any], dict[str, Any]], list[dict[str, Any]]]


class AnswerPlan:
    """The answer's `grounds`, as one generated function per set of readings and stretch of days on which
    the same versions are in force (`Evaluator._day`): the provision, citation, title and version of each
    ground are literals in the code, and each ground's rule is evaluated by code that writes its
    explanation as it goes (codegen.Emitter with `shown_fact`). Every call builds fresh dicts and lists
    throughout: nothing is shared between two answers or with the law data."""

    def __init__(self, evaluator: Assessor[Any]) -> None:
        self.evaluator = evaluator
        self.temporal = evaluator.lawbook.provisions.get("ru.upk.4")
        self._grounds: dict[tuple[tuple[str, ...], int], GroundsFn | None] = {}
        self._seen: set[tuple[tuple[str, ...], int]] = set()

    def grounds_fn(self, readings: tuple[str, ...], law: DayPlan) -> GroundsFn | None:
        """The generated function for these readings and this stretch of days, or None: then the grounds
        are explained from the traces. Compiling the function takes about 20 ms, so the first answer of
        each kind is explained from the traces (a command that answers once stays quick), and the code
        is generated when a second one is asked for."""
        key = (readings, law.stretch)
        fn = self._grounds.get(key)
        if fn is not None or key in self._grounds:
            return fn
        if key not in self._seen:
            self._seen.add(key)
            return None
        ev = self.evaluator
        try:
            fn = self._generate(dict(zip(ev.reading_keys, readings)), law)
        except NotImplementedError:
            fn = None  # a rule node without generated code: always explain from the traces
        self._grounds[key] = fn
        return fn

    def _generate(self, rd: Mapping[str, str], law: DayPlan) -> GroundsFn:
        ev = self.evaluator
        em = Emitter(rd, traced=True, shown_fact=shown_fact)
        # the answer holds plain texts (`_literal`), not the enum members
        status = em.const(ByTruth({True: APPLIES.value, False: DOES_NOT_APPLY.value, None: UNKNOWN.value}))
        if None in law.versions:  # the note of a ground not in force names the decision date
            em.put(1, "day = str(F['decision_date'])")
        # each whole fact that a condition in force shows is formatted once, up front
        em.show_facts(
            1,
            sorted(
                {
                    path
                    for test, version in zip(law.tests, law.versions)
                    if version is not None
                    for node in walk(test)
                    if isinstance(node, Cond)
                    for path in cond_refs(node)[0]
                }
            ),
        )
        names = []
        # each ground's test is that of its version in force, the same on every day of the stretch
        for i, (test, provision, version) in enumerate(zip(law.tests, ev.provisions, law.versions)):
            # Constant parts are copied from a template (faster than a dict display of eight keys); the
            # template is never handed out, and the copy gets fresh lists and a fresh version dict.
            template = em.const(
                _texts_only(
                    {
                        "provision": provision.id,
                        "effect": provision.effect,
                        "status": NOT_IN_FORCE.value if version is None else None,
                        "citation": provision.citation,
                        "title": provision.title.en,
                        "version": None,
                        "because": None,
                        "conditions": None,
                    }
                )
            )
            name = f"g{i}"
            names.append(name)
            em.put(1, f"{name} = {template}.copy()")
            if version is None:
                # the first version after the decision date is the same on every day of the stretch
                before, after = _not_in_force_parts(provision, law.day)
                em.put(1, f"{name}['because'] = [{_literal(before)} + day + {_literal(after)}]")
                em.put(1, f"{name}['conditions'] = []")
                continue
            em.put(1, "B = []")
            em.put(1, "C = []")
            value = em.emit(test, 1, None)
            em.put(1, f"{name}['status'] = {status}[{value}]")
            em.put(1, f"{name}['version'] = {em.const(_texts_only(version.summary()))}.copy()")
            em.put(1, f"{name}['because'] = B")
            em.put(1, f"{name}['conditions'] = C")
        em.put(1, f"return [{', '.join(names)}]")
        fn: GroundsFn = em.define("def grounds(F, S):", "", "<answer grounds>")
        return fn

    def build(self, a: Assessment[Any]) -> dict[str, Any]:
        fn = self.grounds_fn(a.plan.key, a.law)
        grounds = fn(a.case.facts, {}) if fn is not None else reference_grounds(a)
        temporal_version = self.temporal.version_on(a.decision_date) if self.temporal else None
        return {
            "id": a.case.id,
            "outcome": str(a.outcome),  # the plain text, not the enum member
            "decision_date": a.decision_date.isoformat(),
            "law_digest": a.lawbook.digest,
            "interpretations": dict(a.readings),
            "applies": a.applies,
            "grounds": grounds,
            "depends_on": [{"fact": f, "question": q} for f, q in a.depends_on],
            "outcome_on_every_value": (
                None
                if a.every_value is None
                else {"fact": a.every_value[0], "outcome": str(a.every_value[1])}
            ),
            "also_unknown": [{"fact": f, "question": q} for f, q in a.also_unknown],
            # copies: the assessment keeps its open questions, and each answer must be its own
            "open_questions": [
                {
                    # a provider's structured details (e.g. `treaty`); the keys below win
                    **({k: _fresh(v) for k, v in q.extra.items()} if q.extra else {}),
                    "id": q.id,
                    "kind": q.kind,
                    "provision": q.provision,
                    "question": q.question,
                    "current": q.current,
                    "alternatives": [dict(x) for x in q.alternatives],  # each {str: str}
                    "law_question": q.law_question,
                    "sources": list(q.sources),
                }
                for q in a.open_questions
            ],
            "law_in_time": {
                "provision": "ru.upk.4",
                "rule": "the law in force on the decision date applies",
                "version": temporal_version.summary() if temporal_version else None,
            },
        }


def _fresh(value: Any) -> Any:
    """A copy of JSON-like data, down to the last dict and list."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value


def answer_dict(a: Assessment[Any]) -> dict[str, Any]:
    """The answer of docs/contract.md §5 for an assessment (the same as `a.to_dict()`)."""
    return a.evaluator.answer(a)


def __getattr__(name: str) -> Any:
    """`ANSWER_SCHEMA`: the answer's JSON Schema, generated from the typed models of
    `extrashield.engine.answer_model` when first asked for (pydantic stays out of the command line's start-up)."""
    if name == "ANSWER_SCHEMA":
        from extrashield.engine.answer_model import answer_schema

        schema = answer_schema()
        globals()["ANSWER_SCHEMA"] = schema
        return schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":  # python -m extrashield.engine.answer > docs/answer.schema.json
    import json

    from extrashield.engine.answer_model import answer_schema

    print(json.dumps(answer_schema(), indent=2, ensure_ascii=False))
