"""Result rows as JSON Lines are written column by column; each line must be exactly what
`json.dumps(row, ensure_ascii=False)` writes, whatever the id, the error, the notes or a person list's own
columns hold."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from extrashield.batch.formats.jsonl import result_json_lines
from extrashield.batch.results import RESULT_SCHEMA
from extrashield.engine.grounds import STATUSES
from extrashield.rules import GROUNDS

OWN = pa.schema(
    [pa.field("name", pa.string()), pa.field("age", pa.int64()), pa.field("notes (input)", pa.string())]
)
SCHEMA = pa.schema([*RESULT_SCHEMA, *OWN])


def reference(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        row = {name: row[name] for name in SCHEMA.names}  # the columns' order, as the batch has it
        if row["error"] is None:
            del row["error"]
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


names = st.lists(
    st.sampled_from(
        [
            "ru.upk.464.1.7",
            "ru.const.61.1",
            "person.military_service[0].combat",
            "request.offense.intentional",
        ]
    ),
    max_size=3,
)
rows = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.none() | st.text(max_size=12),
            "outcome": st.sampled_from(["barred", "may_refuse", "permitted", "undetermined", "invalid"]),
            "applies": names,
            "depends_on": names,
            "error": st.none() | st.text(max_size=20),
            "questions": st.lists(st.text(max_size=20), max_size=2),
            "notes": st.none() | st.text(max_size=20),
            **{g.provision: st.none() | st.sampled_from(STATUSES) for g in GROUNDS},
            "name": st.none() | st.text(max_size=12),
            "age": st.none() | st.integers(-10, 10**12),
            "notes (input)": st.none() | st.text(max_size=12),
        }
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_each_line_is_what_json_dumps_writes(batch_rows: list[dict[str, Any]]) -> None:
    batch = pa.RecordBatch.from_pylist(batch_rows, schema=SCHEMA)
    assert result_json_lines(batch) == reference(batch_rows)


def test_quotes_backslashes_control_characters_and_non_ascii_ids_are_escaped_as_json_does() -> None:
    batch_rows = [
        {
            "id": text,
            "outcome": "invalid",
            "applies": [],
            "depends_on": [],
            "error": f'bad "{text}"',
            "questions": [f"what of {text}?"],
            "notes": f"note {text}",
            **{g.provision: None for g in GROUNDS},
            "name": text,
            "age": None,
            "notes (input)": text,
        }
        for text in ['q"uote', "back\\slash", "new\nline", "ctl\x01", "ünï€ødé", "\u2028"]
    ]
    out = result_json_lines(pa.RecordBatch.from_pylist(batch_rows, schema=SCHEMA))
    assert out == reference(batch_rows)
    assert [json.loads(line)["id"] for line in out.rstrip("\n").split("\n")] == [r["id"] for r in batch_rows]
