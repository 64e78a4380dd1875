"""docs/contract.md agrees with the code it describes.

Each test reads the page's tables and compares them with what the code defines: the grounds of
`extrashield.rules.GROUNDS`, the outcomes and statuses of `core.grounds`, the fields of `core.case.CASE_SPEC`,
the answer's JSON Schema, the registered commands and the columns `screen` writes. A change on either side
that the other does not follow fails here, naming what differs.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extrashield import assess
from extrashield.batch.formats import FORMATS, input_for, output_for
from extrashield.batch.results import RESULT_SCHEMA
from extrashield.engine.grounds import OUTCOMES, STATUSES, outcome_of
from extrashield.facts.case import CASE_SPEC, Spec, validate_case
from extrashield.facts.person_list import PERSON_LIST_COLUMNS
from extrashield.rules import GROUNDS
from extrashield.sources.lawbook import default_lawbook

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")


def _inlined(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with each `{"$ref": "#/$defs/NAME"}` replaced by that definition (the answer's schema
    names its parts under `$defs`)."""
    if isinstance(node, dict):
        if set(node) == {"$ref"} and node["$ref"].startswith("#/$defs/"):
            return _inlined(defs[node["$ref"].rsplit("/", 1)[1]], defs)
        return {k: _inlined(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inlined(v, defs) for v in node]
    return node


_PUBLISHED = json.loads((ROOT / "docs" / "answer.schema.json").read_text(encoding="utf-8"))
SCHEMA = _inlined(_PUBLISHED, _PUBLISHED.get("$defs", {}))

# How the §3 table words each kind of `Spec` (core/case.py).
KIND_WORDS = {
    "str": "text",
    "strings": "list of text",
    "date": "date",
    "date_or_ongoing": "date or `ongoing`",
    "number": "number",
    "bool": "boolean",
    "enum": "one of",
    "country": "country",
    "object": "object",
    "list": "list",
}


def section(number: str) -> str:
    """The text of `## §<number> …` up to the next `## ` heading."""
    match = re.search(rf"^## §{re.escape(number)} .*?$(.*?)(?=^## |\Z)", DOC, re.MULTILINE | re.DOTALL)
    assert match, f"docs/contract.md has no section §{number}"
    return match.group(1)


def subsection(text: str, title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}$(.*?)(?=^### |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no subsection {title!r}"
    return match.group(1)


def tables(text: str) -> list[list[dict[str, str]]]:
    """Every Markdown table of `text`, as rows keyed by the header's cells."""
    found: list[list[dict[str, str]]] = []
    for block in re.findall(r"(?:^\|.*\|\n)+", text, re.MULTILINE):
        lines = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()]
        header, rows = lines[0], lines[2:]  # lines[1] is the |---| rule
        found.append([dict(zip(header, row, strict=True)) for row in rows])
    return found


def table_with(text: str, first_column: str) -> list[dict[str, str]]:
    matches = [t for t in tables(text) if t and next(iter(t[0])) == first_column]
    assert len(matches) == 1, f"expected one table with first column {first_column!r}, found {len(matches)}"
    return matches[0]


def code_names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def name_of(cell: str) -> str:
    names = code_names(cell)
    assert len(names) == 1, f"expected one `name` in {cell!r}"
    return names[0]


def json_blocks(text: str) -> list[Any]:
    return [json.loads(block) for block in re.findall(r"^```json\n(.*?)^```", text, re.MULTILINE | re.DOTALL)]


@cache
def is_command(name: str) -> bool:
    """Whether `extrashield NAME --help` works: the command exists (click exits 2 for an unknown one)."""
    run = subprocess.run(
        [sys.executable, "-m", "extrashield", name, "--help"],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode in (0, 2), run.stderr
    return run.returncode == 0


def case_fields() -> dict[str, Spec]:
    """Every field path the validator accepts, `[]` marking a list's items, from CASE_SPEC itself."""
    out: dict[str, Spec] = {}

    def walk(spec: Spec, prefix: str) -> None:
        for name, sub in spec.fields.items():
            out[prefix + name] = sub
            if sub.kind == "object":
                walk(sub, f"{prefix}{name}.")
            elif sub.kind == "list":
                walk(sub, f"{prefix}{name}[].")

    walk(CASE_SPEC, "")
    return out


def test_the_sections_keep_the_numbers_other_pages_cite() -> None:
    numbers = re.findall(r"^## §(\S+) ", DOC, re.MULTILINE)
    assert numbers == ["1", "2", "3", "3b", "4", "5", "6"]


# --- §3 The case format ------------------------------------------------------------------------------


def test_every_field_the_validator_accepts_is_in_the_field_table_and_nothing_else() -> None:
    documented = [name_of(row["field"]) for row in table_with(section("3"), "field")]
    assert len(documented) == len(set(documented)), "a field is listed twice"
    assert set(documented) == set(case_fields())


def test_each_field_has_the_type_and_enumerated_values_the_validator_checks() -> None:
    fields = case_fields()
    for row in table_with(section("3"), "field"):
        path = name_of(row["field"])
        spec = fields[path]
        assert row["type"] == KIND_WORDS[spec.kind], path
        if spec.kind == "enum":
            assert code_names(row["values"]) == list(spec.values), path
        elif spec.kind == "date_or_ongoing":
            assert code_names(row["values"]) == ["ongoing"], path
        else:
            assert row["values"] == "", path


def test_only_required_fields_say_required_and_only_open_bounds_say_open_bound() -> None:
    fields = case_fields()
    for row in table_with(section("3"), "field"):
        path = name_of(row["field"])
        spec = fields[path]
        expected = "required" if spec.required else "open bound" if spec.open_bound else "unknown"
        assert row["null or missing"] == expected, path


def test_the_case_example_is_valid_and_gives_the_answer_shown_in_section_5() -> None:
    (case,) = json_blocks(section("3"))
    validate_case(case)  # raises, naming the field, if the example is not a valid case
    (shown,) = json_blocks(section("5"))
    answer = assess(case).to_dict()
    for key in (
        "id",
        "outcome",
        "decision_date",
        "interpretations",
        "applies",
        "depends_on",
        "open_questions",
    ):
        assert shown[key] == answer[key], key
    grounds = {g["provision"]: g for g in answer["grounds"]}
    for ground in shown["grounds"]:
        actual = grounds[ground["provision"]]
        for key in ("effect", "status", "citation"):
            assert ground[key] == actual[key], (ground["provision"], key)
        assert ground["version"].items() <= actual["version"].items()
    # the page says every ground it leaves out does not apply
    left_out = set(grounds) - {g["provision"] for g in shown["grounds"]}
    assert {grounds[p]["status"] for p in left_out} == {"does_not_apply"}


# --- §3b Person lists ----------------------------------------------------------------------------------


def test_the_person_list_table_has_exactly_the_fixed_columns_in_order() -> None:
    columns = [name_of(row["column"]) for row in table_with(section("3b"), "column")]
    assert columns == list(PERSON_LIST_COLUMNS)


def test_person_lists_name_the_commands_that_read_them() -> None:
    assert is_command("screen") and is_command("match")
    opening = section("3b").lstrip().split("\n\n")[0]
    assert "`extrashield screen`" in opening and "`extrashield match` reads" in opening


# --- §4 Provision ids, statuses, outcomes, readings ---------------------------------------------------


def test_every_ground_of_the_rules_is_in_the_provision_table_with_its_effect_in_order() -> None:
    rows = table_with(section("4"), "id")
    documented = [(name_of(row["id"]), name_of(row["effect"])) for row in rows]
    assert documented == [(g.provision, g.effect) for g in GROUNDS]


def test_the_documented_statuses_are_the_code_statuses() -> None:
    rows = table_with(subsection(section("4"), "Statuses"), "status")
    assert [name_of(row["status"]) for row in rows] == list(STATUSES)
    ground_schema = SCHEMA["properties"]["grounds"]["items"]["properties"]
    assert ground_schema["status"]["enum"] == list(STATUSES)


def test_the_documented_outcome_order_decides_as_the_code_does() -> None:
    rows = table_with(subsection(section("4"), "Outcomes"), "order")
    assert [int(row["order"]) for row in rows] == list(range(1, len(rows) + 1))
    assert {name_of(row["outcome"]) for row in rows} == set(OUTCOMES)

    # Each row's condition read from its words: the effect named, and whether a ground of it "applies" or
    # "is unknown"; a row naming no effect holds always. The first row that holds must be the code's outcome.
    def condition(when: str) -> tuple[str, bool | None] | None:
        effects = [n for n in code_names(when) if n in ("bars", "allows_refusal")]
        if not effects:
            return None
        return effects[0], (True if "applies" in when else None if "unknown" in when else False)

    steps = [(condition(row["when"]), name_of(row["outcome"])) for row in rows]
    assert steps[-1][0] is None and all(c is not None for c, _ in steps[:-1])
    values = (True, False, None)
    for bars, refusals in itertools.product(
        itertools.chain.from_iterable(itertools.product(values, repeat=n) for n in range(3)),
        repeat=2,
    ):
        held = {"bars": bars, "allows_refusal": refusals}
        documented = next(out for cond, out in steps if cond is None or cond[1] in held[cond[0]])
        assert documented == outcome_of(bars, refusals), (bars, refusals)


def test_the_point7_readings_are_those_of_the_law_data_with_their_defaults() -> None:
    readings = default_lawbook().readings
    rows = table_with(subsection(section("4"), "Point 7 and its readings"), "reading")
    assert {name_of(row["reading"]) for row in rows} == {k for k in readings if k.startswith("point7.")}
    for row in rows:
        reading = readings[name_of(row["reading"])]
        assert code_names(row["values"]) == list(reading.values)
        assert name_of(row["default"]) == reading.default


# --- §5 The answer ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "where, schema",
    [
        ("answer", SCHEMA),
        ("grounds entry", SCHEMA["properties"]["grounds"]["items"]),
    ],
)
def test_the_documented_keys_are_the_schema_keys_and_required_ones_always_present(
    where: str,
    schema: dict[str, Any],
) -> None:
    key_tables = [t for t in tables(section("5")) if t and next(iter(t[0])) == "key"]
    assert len(key_tables) == 2, "expected the answer's table and the grounds entry's table"
    rows = key_tables[0] if where == "answer" else key_tables[1]
    assert {name_of(r["key"]) for r in rows} == set(schema["properties"])
    assert {name_of(r["key"]) for r in rows if r["always present"] == "yes"} == set(schema["required"])
    assert {r["always present"] for r in rows} <= {"yes", "no"}


# --- §6 Interfaces ---------------------------------------------------------------------------------------


def test_a_command_heading_is_marked_planned_exactly_when_the_command_does_not_exist() -> None:
    headings = re.findall(r"^### `extrashield (\w+)`(.*)$", section("6"), re.MULTILINE)
    assert {name for name, _ in headings} >= {"assess", "timeline", "screen", "match"}
    for name, rest in headings:
        assert ("(planned)" in rest) == (not is_command(name)), name


def test_the_screen_columns_are_the_result_columns_in_their_order() -> None:
    rows = table_with(subsection(section("6"), "`extrashield screen`"), "column")
    assert all(r["written"] == "yes" for r in rows)
    documented: list[str] = []
    for row in rows:
        names = code_names(row["column"])
        # the row of the per-ground columns names no column: it stands for one per provision id, in §4's order
        documented += [names[0]] if names else [g.provision for g in GROUNDS]
    assert documented == RESULT_SCHEMA.names


def test_the_screen_extensions_are_those_the_format_registry_reads_and_writes() -> None:
    read_words = {
        "flattened cases, or a person list": "csv",
        "JSON Lines": "jsonl",
        "Parquet": "parquet",
        "XLSX: the first sheet, cases flattened as in CSV or a person list": "xlsx",
    }
    rows = table_with(subsection(section("6"), "`extrashield screen`"), "extension")
    for row in rows:
        extension = name_of(row["extension"])
        read, written = input_for(f"table{extension}"), output_for(f"table{extension}")
        if row["read as"] == "**planned**":
            assert read is None, extension
        else:
            assert read is not None and read.name == read_words[row["read as"]], extension
        if row["written as"] == "**planned**":
            assert written is None, extension
        else:  # "JSON; one array of result objects": the title of the format, then what it holds
            assert written is not None and written.title == row["written as"].split(";")[0], extension


def test_every_format_the_registry_reads_or_writes_has_a_row_for_its_first_ending() -> None:
    rows = table_with(subsection(section("6"), "`extrashield screen`"), "extension")
    listed = {name_of(row["extension"]) for row in rows}
    for fmt in FORMATS:
        for side in (fmt.reader, fmt.writer):
            if side is not None:
                assert side.suffixes[0] in listed, f"docs/contract.md §6 has no row for {side.suffixes[0]}"
