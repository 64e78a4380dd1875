"""Names in Russian through the API, end to end: GET /v1/decisions?sort=name orders them as a Russian reader
expects (ICU's Russian collation, the registry page's order: Ё with Е, Cyrillic before Latin, case
aside), and a Cyrillic name is stored as text that SQL LIKE finds in the decisions' index. On SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from extrashield.adapters.registry import open_registry

EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
NAMES = ["Ельцин Борис", "Zimmer Hans", "Ёлкин Пётр", "abel anna", "Абрамов Иван"]


def test_the_api_sorts_names_in_russian_order_and_like_finds_them(api: Any, db_url: str) -> None:
    case = json.loads((EXAMPLES / "nepali-serving.json").read_text(encoding="utf-8"))
    for name in NAMES:
        case["person"]["names"] = [name]
        r = api.post("/v1/decisions", json={"case": case}, headers=api.auth_as("editor"))
        assert r.status_code == 201, r.text
    listed = api.get("/v1/decisions?sort=name", headers=api.auth_as("reader")).json()
    assert [d["names"][0] for d in listed] == [
        "Абрамов Иван",
        "Ёлкин Пётр",
        "Ельцин Борис",
        "abel anna",
        "Zimmer Hans",
    ]
    reg = open_registry(db_url)
    with reg.engine.connect() as conn:
        found = conn.execute(
            sa.text("SELECT count(*) FROM decisions WHERE CAST(names AS TEXT) LIKE '%Ёлкин%'")
        ).scalar_one()
    assert found == 1
