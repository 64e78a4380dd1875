"""The case as the web pages carry it: JSON text in a hidden field (no server session), turned into form
widgets for one fact and back.

Every fact path of the case format (``person.military_service[0].combat``) maps to a place in the raw
JSON; answers are written there and the whole case is validated again by the core, so the web adds no
rule of its own and every error names the field as the core does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extrashield import default_evaluator
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import CASE_SPEC, ONGOING, Spec, spec_at
from extrashield.facts.case_json import read_case_object
from extrashield.facts.countries import CODES

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
LIST_ROWS = 3  # blank rows offered when a list is asked for; enough for nearly every real file
MAX_CASE_CHARS = 200_000  # a real case is a few kilobytes; refuse anything that is clearly not one

LABELS = {
    "armed_forces": "Armed Forces of the Russian Federation",
    "other_military_formation": "another military formation",
    "volunteer_formation": "a volunteer formation",
    "private_military_company": "a private military company",
    "prosecution": "prosecution",
    "sentence": "enforcement of a sentence",
    "treaty": "a treaty",
    "reciprocity": "reciprocity",
    "none": "none",
    "ongoing": "ongoing",
    "final_judgment": "ended in a final judgment",
    "terminated": "terminated",
}


def example_names() -> list[str]:
    return sorted(p.stem for p in EXAMPLES_DIR.glob("*.json"))


def load_example(name: str) -> dict[str, Any]:
    if name not in example_names():
        raise CaseError("example", f"unknown example {name!r} (known: {', '.join(example_names())})")
    data: dict[str, Any] = json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def parse_case_text(text: str | bytes, field_name: str = "case") -> dict[str, Any]:
    """The JSON of a pasted, uploaded (bytes) or hidden case, read as the API and the command line read
    it (extrashield.facts.case_json); a CaseError naming `field_name`, or the field within the case."""
    if len(text) > MAX_CASE_CHARS:
        raise CaseError(field_name, f"is longer than {MAX_CASE_CHARS} characters; a case is a few kilobytes")
    return read_case_object(text, field_name)


def check_fact(path: str, field: str = "fact") -> str:
    """`path` if it names a fact of the case format the interview can ask about (a field that is not an
    object; list items by index, then one of their fields: ``person.military_service[0].combat``), else a
    CaseError naming the form field: the fact paths come back from the browser and may be anything."""
    written = paths.parts(path)
    if written is not None and _askable(written):
        return path
    shown = path if len(path) <= 80 else path[:80] + "…"
    raise CaseError(
        field, f"unknown fact {shown!r}: expected a fact path such as person.military_service[0].combat"
    )


def _askable(written: list[tuple[str, int | None]]) -> bool:
    spec: Spec = CASE_SPEC
    for n, (name, index) in enumerate(written):
        if name not in spec.fields:
            return False
        spec = spec.fields[name]
        last = n == len(written) - 1
        if (index is not None) != (spec.kind == "list" and not last) or (last and spec.kind == "object"):
            return False
    return True


def set_path(raw: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of `raw` with the fact at `path` set (objects created on the way)."""
    out: dict[str, Any] = json.loads(json.dumps(raw))
    paths.put(out, path, value)
    return out


# -- widgets --------------------------------------------------------------------------------------


@dataclass
class Widget:
    """One form control for one fact (or one field of a list row). `name` is the form field."""

    kind: str  # bool | enum | date | date_or_ongoing | number | country | str | list
    name: str
    label: str
    path: str
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    rows: list[list[Widget]] = field(default_factory=list)  # list: LIST_ROWS rows of item widgets

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "name": self.name, "label": self.label, "fact": self.path}
        if self.options:
            d["options"] = [v for v, _ in self.options]
        if self.rows:
            d["item_fields"] = [w.to_dict() for w in self.rows[0]]
        return d


def _label(path: str, spec: Spec) -> str:
    return spec.question or spec.doc or path.rsplit(".", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def _used_item_fields() -> frozenset[str]:
    """List-item fields the grounds read: a row asks only those (the others are optional extensions)."""
    refs = frozenset().union(*default_evaluator().refs)
    return frozenset(r.split("[*].", 1)[1] for r in refs if "[*]." in r)


def widget_for(path: str, name: str = "answer") -> Widget:
    spec = spec_at(path)
    label = _label(path, spec)
    if spec.kind == "enum":
        return Widget(
            "enum", name, label, path, [(v, LABELS.get(v, v.replace("_", " "))) for v in spec.values]
        )
    if spec.kind == "list":
        used = _used_item_fields()
        rows = []
        for i in range(LIST_ROWS):
            rows.append(
                [
                    _item_widget(f"{path}[{i}].{k}", f"{name}-{i}-{k}", k, sub)
                    for k, sub in spec.fields.items()
                    if k in used
                ]
            )
        return Widget("list", name, label, path, rows=rows)
    return Widget(spec.kind, name, label, path, required=spec.required)


def _item_widget(path: str, name: str, key: str, spec: Spec) -> Widget:
    label = {
        "country": "Country (ISO code, e.g. NP)",
        "from": "Held from (blank: since before)",
        "until": "Held until (blank: still held)",
        "formation": "Formation",
        "contract_from": "Contract began",
        "contract_until": "Contract ended",
        "combat": "Took part in combat",
    }.get(key, _label(path, spec))
    w = widget_for(path, name) if spec.kind != "list" else Widget("str", name, label, path)
    w.label = label
    w.required = spec.required
    return w


# -- answers --------------------------------------------------------------------------------------


def _scalar(spec: Spec, path: str, form: Mapping[str, str], name: str) -> Any:
    """The JSON value of one answer; None means "don't know". Type errors name the fact."""
    text = (form.get(name) or "").strip()
    kind = spec.kind
    if kind == "date_or_ongoing":
        mode = form.get(f"{name}-mode", "")
        if mode == ONGOING:
            return ONGOING
        if mode == "date" and not text:
            raise CaseError(path, "give the date the contract ended, or choose another answer")
        return text or None
    if not text or text == "unknown":
        return None
    if kind == "bool":
        if text not in ("true", "false"):
            raise CaseError(path, f"expected yes, no or don't know, got {text!r}")
        return text == "true"
    if kind == "number":
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise CaseError(path, f"expected a number, got {text!r}") from None
        # whole numbers as integers, but not huge ones (the bound's message then quotes 1e+308, not 309 digits)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "country":
        code = text.upper()
        if code not in CODES:
            raise CaseError(
                path, f"expected an ISO 3166-1 alpha-2 country code such as RU or NP, got {text!r}"
            )
        return code
    return text  # enum, date, str: the core checks them with the whole case


def answer_value(path: str, form: Mapping[str, str], name: str = "answer") -> Any:
    """Read the answer to the question about `path` from the submitted form."""
    spec = spec_at(path)
    if spec.kind != "list":
        return _scalar(spec, path, form, name)
    mode = form.get(f"{name}-mode", "")
    if mode == "none":
        return []
    used = _used_item_fields()
    items: list[dict[str, Any]] = []
    for i in range(LIST_ROWS):
        item: dict[str, Any] = {}
        for key, sub in spec.fields.items():
            if key in used:
                value = _scalar(sub, f"{path}[{len(items)}].{key}", form, f"{name}-{i}-{key}")
                if value is not None:
                    item[key] = value
        if item:
            items.append(item)
    if not items:
        if mode == "some":
            raise CaseError(path, "fill in at least one entry, or choose another answer")
        return None  # "don't know", and nothing filled in
    return items  # entries filled in count even if "Yes, as listed below" was not ticked
