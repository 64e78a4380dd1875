"""The fact-path notation (docs/contract.md §3) has one reader and writer, extrashield.facts.paths, which the
engine, the web pages, the API's error locations and the scenario files share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import CASE_SPEC, spec_at, unknown_paths, validate_case

PACKAGE = Path(__file__).resolve().parents[2] / "extrashield"
EXAMPLES = PACKAGE / "examples"


def test_a_path_reads_as_names_and_item_indices() -> None:
    assert paths.steps("person.military_service[1].contract_from") == [
        "person",
        "military_service",
        1,
        "contract_from",
    ]
    assert paths.parts("person.military_service[1].contract_from") == [
        ("person", None),
        ("military_service", 1),
        ("contract_from", None),
    ]


def test_any_text_reads_as_steps_but_only_the_notation_as_parts() -> None:
    # an error may name a field the format does not know; the API still locates it
    assert paths.steps("person.Name Given") == ["person", "Name Given"]
    for bad in (
        "",
        "person..stateless",
        "person.citizenships[0][1]",
        "person.citizenships[1000].from",
        "Person.x",
        "person.x[a]",
    ):
        assert paths.parts(bad) is None, bad


def test_the_rules_read_every_item_where_a_case_names_one() -> None:
    assert paths.abstract("person.citizenships[12].country") == "person.citizenships[*].country"
    assert paths.abstract("request.offense.category") == "request.offense.category"
    assert (
        paths.unindexed("person.citizenships[12].country")
        == paths.unindexed("person.citizenships[*].country")
        == "person.citizenships.country"
    )
    assert paths.list_of("person.citizenships[3].until") == "person.citizenships"
    assert paths.list_of("person.stateless") == "person.stateless"


def test_a_field_of_one_item_splits_into_list_index_and_field() -> None:
    assert paths.item("person.military_service[2].combat") == ("person.military_service", 2, "combat")
    assert paths.item("person.military_service[2]") is None
    assert paths.item("person.military_service") is None


@pytest.mark.parametrize("example", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_every_unknown_fact_of_an_example_names_a_field_of_the_format(example: str) -> None:
    case = validate_case(json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8")))
    for path in unknown_paths(case):
        spec = spec_at(path)
        place = paths.item(path)
        if place is not None:
            list_path, index, key = place
            assert spec is spec_at(list_path).fields[key]
            assert index < len(case.facts[list_path])
        assert paths.parts(path) is not None and [
            name for name, _ in paths.parts(path) or ()
        ] == paths.unindexed(path).split(".")


def test_the_empty_path_is_the_whole_case() -> None:
    assert spec_at("") is CASE_SPEC


def test_put_makes_the_objects_on_the_way() -> None:
    raw: dict[str, object] = {"person": {"stateless": None}}
    paths.put(raw, "request.offense.category", "grave")
    paths.put(raw, "person.stateless", True)
    assert raw == {"person": {"stateless": True}, "request": {"offense": {"category": "grave"}}}


def test_put_sets_a_field_of_an_item_or_the_item_itself() -> None:
    raw = {"person": {"citizenships": [{"country": "US"}, {"country": "FR"}]}}
    paths.put(raw, "person.citizenships[1].country", "DE")
    paths.put(raw, "person.citizenships[0]", {"country": "RU"})
    assert raw == {"person": {"citizenships": [{"country": "RU"}, {"country": "DE"}]}}


@pytest.mark.parametrize("path", ["person.citizenships[2].country", "person.military_service[0].combat"])
def test_put_refuses_an_item_the_case_does_not_have(path: str) -> None:
    raw = {"person": {"citizenships": [{"country": "US"}, {"country": "FR"}]}}
    with pytest.raises(CaseError) as err:
        paths.put(raw, path, "DE")
    assert (err.value.path, err.value.problem) == (path, "refers to a list entry that the case does not have")


def test_the_notation_is_parsed_nowhere_else() -> None:
    # A second regex for the notation drifts from this one unnoticed (issue 14: three copies had grown).
    owner = PACKAGE / "facts" / "paths.py"
    found = [
        str(p.relative_to(PACKAGE))
        for p in sorted(PACKAGE.rglob("*.py"))
        if p != owner and any(s in p.read_text(encoding="utf-8") for s in (r"\[\d", r"[^.\[\]]", r"\[(\d"))
    ]
    assert found == []
