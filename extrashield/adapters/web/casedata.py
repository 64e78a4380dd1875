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
from extrashield.adapters.web.words import say
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import CASE_SPEC, ONGOING, Spec, spec_at
from extrashield.facts.case_json import read_case_object
from extrashield.i18n import N_, _, language, reformatted

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
LIST_ROWS = 3  # blank rows offered when a list is asked for; enough for nearly every real file
MAX_CASE_CHARS = 200_000  # a real case is a few kilobytes; refuse anything that is clearly not one

# marked for the catalogue, translated where shown (`_(label)` in the templates and answer_text)
LABELS = {
    "armed_forces": N_("Armed Forces of the Russian Federation"),
    "other_military_formation": N_("another military formation"),
    "volunteer_formation": N_("a volunteer formation"),
    "private_military_company": N_("a private military company"),
    "prosecution": N_("prosecution"),
    "sentence": N_("enforcement of a sentence"),
    "treaty": N_("a treaty"),
    "reciprocity": N_("reciprocity"),
    "none": N_("none"),
    "ongoing": N_("ongoing"),
    "final_judgment": N_("ended in a final judgment"),
    "terminated": N_("terminated"),
}


def example_names() -> list[str]:
    return sorted(p.stem for p in EXAMPLES_DIR.glob("*.json"))


def load_example(name: str) -> dict[str, Any]:
    if name not in example_names():
        raise CaseError(
            "example",
            _("unknown example {name!r} (known: {known})").format(
                name=name, known=", ".join(example_names())
            ),
        )
    data: dict[str, Any] = json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def parse_case_text(text: str | bytes, field_name: str = "case") -> dict[str, Any]:
    """The JSON of a pasted, uploaded (bytes) or hidden case, read as the API and the command line read
    it (extrashield.facts.case_json); a CaseError naming `field_name`, or the field within the case."""
    if len(text) > MAX_CASE_CHARS:
        raise CaseError(
            field_name,
            _("is longer than {n} characters; a case is a few kilobytes").format(n=MAX_CASE_CHARS),
        )
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
        field,
        _("unknown fact {path!r}: expected a fact path such as {example}").format(
            path=shown, example="person.military_service[0].combat"
        ),
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


@lru_cache(maxsize=2)
def _used_item_fields(topic: str = "decision") -> frozenset[str]:
    """List-item fields the rules of the topic read (the extradition grounds, or the eligibility criteria):
    a row asks only those (the others are optional extensions, kept as they are when a row is changed)."""
    if topic == "eligibility":
        from extrashield.services.recruitment import _evaluator

        terms = [r for q in ("contract", "citizenship") for r in _evaluator(q).evaluator.refs]
    else:
        terms = list(default_evaluator().refs)
    refs: frozenset[str] = frozenset().union(*terms)
    return frozenset(r.split("[*].", 1)[1] for r in refs if "[*]." in r)


def list_rows(path: str, value: Any = None) -> int:
    """How many rows a list question offers: LIST_ROWS, or one more than the entries already given."""
    spec = spec_at(path)
    given = len(value) if isinstance(value, list | tuple) else 0
    return min(max(LIST_ROWS, given + 1), spec.max_items or LIST_ROWS)


@lru_cache(maxsize=2)
def treaty_options(lang: str = "en") -> tuple[tuple[str, str], ...]:
    """The treaties of the data, by id, with their titles in `lang` (the data has both): `request.treaty`
    is chosen, never typed."""
    from extrashield.sources.treaties import load_treaties

    return tuple(
        (t.id, f"{t.title.get(lang) or t.title.get('en') or t.id} ({t.id})") for t in load_treaties().values()
    )


def widget_for(path: str, name: str = "answer", topic: str = "decision", rows: int = LIST_ROWS) -> Widget:
    spec = spec_at(path)
    label = _label(path, spec)
    if path == "request.treaty":  # chosen from the treaties of the data, so no id needs typing
        return Widget(
            "select",
            name,
            N_("Which treaty does the request rest on?"),
            path,
            list(treaty_options(language())),
        )
    if spec.kind == "enum":
        return Widget(
            "enum", name, label, path, [(v, LABELS.get(v, v.replace("_", " "))) for v in spec.values]
        )
    if spec.kind == "list":
        used = _used_item_fields(topic)
        items = [
            [
                _item_widget(f"{path}[{i}].{k}", f"{name}-{i}-{k}", k, sub)
                for k, sub in spec.fields.items()
                if k in used
            ]
            for i in range(rows)
        ]
        return Widget("list", name, label, path, rows=items)
    return Widget(spec.kind, name, label, path, required=spec.required)


def _item_widget(path: str, name: str, key: str, spec: Spec) -> Widget:
    label = {
        "country": N_("Country (code or name, e.g. NP or Nepal)"),
        "from": N_("Held from (blank: since before)"),
        "until": N_("Held until (blank: still held)"),
        "formation": N_("Formation"),
        "contract_from": N_("Contract began"),
        "contract_until": N_("Contract ended"),
        "combat": N_("Took part in combat"),
        "contract_term_years": N_("Contract term (years)"),
        "discharge_ground": N_("Ground of discharge"),
        "relation": N_("The person is the serviceman's"),
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
            raise CaseError(path, _("give the date the contract ended, or choose another answer"))
        return text or None
    if not text or text == "unknown":
        return None
    if kind == "strings":  # names: several in one field, separated by semicolons
        return [part.strip() for part in text.split(";") if part.strip()] or None
    if kind == "bool":
        if text not in ("true", "false"):
            raise CaseError(path, _("expected yes, no or don't know, got {value!r}").format(value=text))
        return text == "true"
    if kind == "number":
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise CaseError(path, _("expected a number, got {value!r}").format(value=text)) from None
        # whole numbers as integers, but not huge ones (the bound's message then quotes 1e+308, not 309 digits)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "country":
        # a code, or a name in English or Russian ("Nepal", "Непал"), read as the person lists read them
        from extrashield.facts.country_names import REASONS, read_country
        from extrashield.facts.lenient import show

        read = read_country(text)
        if read.value is None:
            quoted = show(text)
            why = (read.note or "").removesuffix("; taken as unknown").removeprefix(quoted + " ")
            raise CaseError(
                path,
                f"{quoted} {reformatted(why, *REASONS) or _(why)}"
                if why
                else _("expected a country code such as RU or NP, or its name, got {value!r}").format(
                    value=text
                ),
            )
        return read.value
    return text  # enum, date, str: the core checks them with the whole case


def _rows_given(form: Mapping[str, str], name: str, path: str) -> int:
    """The number of rows the list question offered (its hidden `-rows` field), within the list's bound."""
    text = (form.get(f"{name}-rows") or "").strip()
    bound = spec_at(path).max_items or LIST_ROWS
    return min(int(text), bound) if text.isdigit() and len(text) < 4 else LIST_ROWS


def filled_rows(
    path: str, form: Mapping[str, str], name: str = "answer", topic: str = "decision"
) -> list[int]:
    """The rows of a list answer with something filled in, in order: entry n of the list is row
    `filled_rows(...)[n]` of the form (to tie an error about entry n to its row)."""
    spec = spec_at(path)
    used = _used_item_fields(topic)
    out = []
    for i in range(_rows_given(form, name, path)):
        keys = [k for k in spec.fields if k in used]
        if any(
            (form.get(f"{name}-{i}-{k}") or "").strip() not in ("", "unknown")
            or form.get(f"{name}-{i}-{k}-mode") in (ONGOING, "date")
            for k in keys
        ):
            out.append(i)
    return out


def answer_value(
    path: str,
    form: Mapping[str, str],
    name: str = "answer",
    topic: str = "decision",
    before: Any = None,
) -> Any:
    """Read the answer to the question about `path` from the submitted form. For a list, `before` is the
    list as the case held it: the fields a row does not ask keep their values (row n is entry n)."""
    spec = spec_at(path)
    if spec.kind != "list":
        return _scalar(spec, path, form, name)
    mode = form.get(f"{name}-mode", "")
    if mode == "none":
        return []
    used = _used_item_fields(topic)
    old = list(before) if isinstance(before, list) else []
    items: list[dict[str, Any]] = []
    for i in filled_rows(path, form, name, topic):
        item: dict[str, Any] = {}
        for key, sub in spec.fields.items():
            if key in used:
                value = _scalar(sub, f"{path}[{len(items)}].{key}", form, f"{name}-{i}-{key}")
                if value is not None:
                    item[key] = value
        kept = old[i] if i < len(old) and isinstance(old[i], dict) else {}
        items.append({**{k: v for k, v in kept.items() if k not in used}, **item})
    if not items:
        if mode == "some":
            raise CaseError(path, _("fill in at least one entry, or choose another answer"))
        return None  # "don't know", and nothing filled in
    return items  # entries filled in count even if "Yes, as listed below" was not ticked


def error_field(
    error_path: str, fact: str, form: Mapping[str, str], name: str = "answer", topic: str = "decision"
) -> str:
    """The form field an error about `error_path` belongs to, in the question about `fact`: the field of
    its row for a list entry, else the question's own control (`name`, or `name-mode` for a choice)."""
    spec = spec_at(fact)
    if spec.kind == "list" and error_path.startswith(fact + "["):
        place = paths.item(error_path)
        rows = filled_rows(fact, form, name, topic)
        if place is not None and place[1] < len(rows) and place[2] in spec.fields:
            return f"{name}-{rows[place[1]]}-{place[2]}"
    return f"{name}-mode" if spec.kind in ("list", "date_or_ongoing") else name


def form_values(path: str, value: Any, name: str = "answer", topic: str = "decision") -> dict[str, str]:
    """The form fields that show `value`, the answer the case holds for `path` (to change an answer)."""
    spec = spec_at(path)
    if value is None:
        return {}
    if spec.kind == "list":
        out = {f"{name}-mode": "some" if value else "none", f"{name}-rows": str(list_rows(path, value))}
        used = _used_item_fields(topic)
        for i, item in enumerate(value if isinstance(value, list) else []):
            for key, sub in spec.fields.items():
                if key in used and isinstance(item, dict):
                    out.update(_scalar_fields(sub, item.get(key), f"{name}-{i}-{key}"))
        return out
    return _scalar_fields(spec, value, name)


def _scalar_fields(spec: Spec, value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if spec.kind == "date_or_ongoing":
        return {f"{name}-mode": ONGOING} if value == ONGOING else {f"{name}-mode": "date", name: str(value)}
    if spec.kind == "bool":
        return {name: "true" if value else "false"}
    if spec.kind == "strings" and isinstance(value, list):
        return {name: "; ".join(str(v) for v in value)}
    return {name: str(value)}


def answer_text(path: str, value: Any) -> str:
    """An answer in words, for the review of the answers (not JSON)."""
    spec = spec_at(path)
    if value is None:
        return _("not known")
    if spec.kind == "list":
        if not value:
            return _("none")
        return "; ".join(_item_text(spec, item) for item in value if isinstance(item, dict))
    if spec.kind == "strings":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return _word(value)


def _word(value: Any) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, str):
        return _(LABELS.get(value, value.replace("_", " ")))
    return str(value)


def _item_text(spec: Spec, item: Mapping[str, Any]) -> str:
    words = []
    for key in spec.fields:
        v = item.get(key)
        if v is not None:
            words.append(
                _word(v) if key in ("country", "formation", "relation") else f"{say(key)} {_word(v)}"
            )
    return ", ".join(words) or _("(an entry with nothing known)")
