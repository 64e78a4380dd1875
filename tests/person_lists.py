"""Helpers for the tests of person lists in `screen`: a person written as a flat row of docs/contract.md §3b
(values in the forms people write them) and as the case of §3 it stands for, and a table screened in this
process as `extrashield screen` screens it."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

from extrashield.batch.formats import input_for, reader_of
from extrashield.batch.person_lists import Told, list_reader, tell_layout
from extrashield.batch.screening import Screener
from extrashield.facts.partial_dates import PartialDate, read_date

PARTIAL = ("2023", "2024", "2024-06", "2025-01")  # years and months: unknown in a case, an interval beside it


def is_partial(value: Any) -> bool:
    """A year (`2024`) or a month (`2024-06`), not a day."""
    return isinstance(value, str) and value != "ongoing" and len(value) < len("YYYY-MM-DD")


PARTIAL_PATHS = {
    "birth_date": "person.birth_date",
    "contract_from": "person.military_service[0].contract_from",
    "contract_until": "person.military_service[0].contract_until",
}


def partial_dates(person: dict[str, Any]) -> dict[str, PartialDate]:
    """The intervals of a person's partial dates, by fact path (as a list's row keeps them beside its case)."""
    out = {}
    for column, path in PARTIAL_PATHS.items():
        if is_partial(person.get(column)):
            span = read_date(person[column]).value
            assert span is not None
            out[path] = span
    return out


def answered_within(person: dict[str, Any]) -> dict[str, Any]:
    """What the single-case path answers for a person's case knowing the intervals of its partial dates, in
    the columns of a screen's result row."""
    import extrashield
    from extrashield.engine.within import assess_within
    from extrashield.facts.case import validate_case

    got = assess_within(
        extrashield.default_evaluator(), validate_case(nested_case(person)), partial_dates(person)
    )
    return {
        "outcome": str(got.outcome),
        "applies": got.applies,
        "depends_on": [p for p, _ in got.depends_on],
        "questions": [q for _, q in got.depends_on],
        **{g.provision.id: g.status.value for g in got.grounds},
    }


def screened(
    path: Path, screener: Screener | None = None, mapping: dict[str, str] | None = None, batch_size: int = 16
) -> tuple[list[dict[str, Any]], Told]:
    """The result rows for a file, read and screened as `screen` does it, and what was told of its layout."""
    s = screener or Screener()
    fmt = input_for(path)
    assert fmt is not None, path
    reader = reader_of(fmt)
    told = tell_layout(reader, path, mapping, s.schema.names)
    if told.is_list:
        reader = list_reader(reader, told)
    rows: list[dict[str, Any]] = []
    for b in reader.read(path, batch_size, s.day):
        rows.extend(s.screen(b.data, b.raw, b.invalid, b.listed).batch.to_pylist())
    return rows, told


BOOLEANS = {True: ("true", "yes", "Y", "1", "да", "TRUE"), False: ("false", "no", "n", "0", "нет", "No")}
COUNTRY_NAMES = {
    "NP": ("Nepal", "Непал", "np", "NPL"),
    "IN": ("India", "Индия"),
    "LK": ("Sri Lanka", "Шри-Ланка"),
    "CU": ("Cuba", "Куба"),
    "KG": ("Kyrgyzstan", "Киргизия"),
    "RU": ("Russia", "Россия"),
    "US": ("United States", "США"),
}
FORMATION_WORDS = {
    "armed_forces": ("Armed Forces", "army", "ВС РФ"),
    "private_military_company": ("PMC", "ЧВК"),
    "volunteer_formation": ("Volunteer formation", "добровольческое формирование"),
    "other_military_formation": ("Other military formation",),
}


def written(value: Any, kind: str, rng: random.Random) -> str:
    """A value of a person as a person might write it in a cell (the canonical form, or another with one
    meaning); "" for unknown."""
    if value is None:
        return ""
    if kind == "boolean":
        return rng.choice(BOOLEANS[value])
    if kind == "date":
        if is_partial(value) or value == "ongoing" or rng.random() < 0.5:
            return str(value)
        y, m, d = value.split("-")
        return f"{d}.{m}.{y}"
    if kind == "countries":
        if not value:
            return rng.choice(("none", "None"))
        return ";".join(rng.choice((c, *COUNTRY_NAMES.get(c, ()))) for c in value)
    if kind == "country":
        return str(rng.choice((value, *COUNTRY_NAMES.get(value, ()))))
    if kind == "formation":
        return str(rng.choice((value, *FORMATION_WORDS.get(value, ()))))
    return str(value)


KINDS = {
    "birth_date": "date",
    "nationality": "countries",
    "stateless": "boolean",
    "formation": "formation",
    "contract_from": "date",
    "contract_until": "date",
    "combat": "boolean",
    "requesting_state": "country",
    "purpose": "text",
    "decision_date": "date",
    "name": "text",
    "offence": "text",
}


def flat_row(person: dict[str, Any], rng: random.Random) -> dict[str, str]:
    return {"id": person["id"], **{k: written(person.get(k), kind, rng) for k, kind in KINDS.items()}}


def nested_case(person: dict[str, Any]) -> dict[str, Any]:
    """The case of §3 a flat row stands for (docs/person-lists.md, "A row as a case"); a partial date is
    unknown in it (its interval: `partial_dates`)."""

    def whole(day: Any) -> Any:
        return None if is_partial(day) else day

    case: dict[str, Any] = {"id": person["id"], "decision_date": person["decision_date"]}
    p: dict[str, Any] = {}
    if person.get("name"):
        p["names"] = [person["name"]]
    if whole(person.get("birth_date")) is not None:
        p["birth_date"] = person["birth_date"]
    if person.get("nationality") is not None:
        p["citizenships"] = [{"country": c} for c in person["nationality"]]
    if person.get("stateless") is not None:
        p["stateless"] = person["stateless"]
    service = {k: person.get(k) for k in ("formation", "contract_from", "contract_until", "combat")}
    if any(v is not None for v in service.values()):
        item = {k: v for k, v in service.items() if v is not None and whole(v) is not None}
        p["military_service"] = [item]
    if p:
        case["person"] = p
    request = {k: person[k] for k in ("requesting_state", "purpose") if person.get(k) is not None}
    if person.get("offence"):
        request["offense"] = {"description": person["offence"]}
    if request:
        case["request"] = request
    return case


def csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def jsonl_text(cases: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
