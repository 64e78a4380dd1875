"""The one reader of case JSON (extrashield.facts.case_json) that the command line, the API and the web
pages share: bytes or text in, the value out, or a CaseError naming the field and the problem."""

from __future__ import annotations

import pytest

from extrashield.errors import CaseError
from extrashield.facts.case_json import read_case_json, read_case_object

BIG = "9" * 5000


def _error(raw: bytes | str, where: str = "body") -> CaseError:
    with pytest.raises(CaseError) as info:
        read_case_json(raw, where)
    return info.value


def test_a_well_formed_case_reads_as_plain_dicts() -> None:
    value = read_case_json(b'{"decision_date": "2026-04-01", "person": {"names": ["A", "\\u0411"]}}')
    assert value == {"decision_date": "2026-04-01", "person": {"names": ["A", "Б"]}}
    assert (
        type(value) is dict and type(value["person"]) is dict
    )  # the validator's fast path needs plain dicts


@pytest.mark.parametrize(
    "raw", [b'\xef\xbb\xbf{"decision_date": "2026-04-01"}', '\ufeff{"decision_date": "2026-04-01"}']
)
def test_a_utf8_byte_order_mark_is_skipped(raw: bytes | str) -> None:
    assert read_case_json(raw) == {"decision_date": "2026-04-01"}


def test_a_key_given_twice_is_refused_naming_it() -> None:
    exc = _error(b'{"decision_date": "2026-04-01", "decision_date": "2026-05-01"}')
    assert (exc.path, exc.problem) == ("decision_date", "given twice in the same object")
    nested = _error(b'{"person": {"military_service": [{"combat": true, "combat": false}]}}')
    assert nested.path == "person.military_service[0].combat"


def test_an_integer_too_long_to_read_is_refused_naming_the_field() -> None:
    exc = _error('{"request": {"offense": {"max_penalty_years": ' + BIG + "}}}")
    assert (exc.path, exc.problem) == ("request.offense.max_penalty_years", "number too large")
    assert read_case_json('{"n": ' + "9" * 4000 + "}")["n"] > 0  # long, but readable: the validator decides


def test_a_lone_surrogate_is_refused_naming_the_field() -> None:
    exc = _error(b'{"id": "\\ud800", "decision_date": "2026-04-01"}')
    assert (exc.path, exc.problem) == ("id", "contains a lone surrogate, not valid Unicode text")
    assert _error(b'{"person": {"names": ["ok", "x\\uDFFF"]}}').path == "person.names[1]"
    in_a_name = _error(b'{"\\ud800": 1}')
    assert (
        "surrogate" in in_a_name.problem and in_a_name.path == "\\ud800"
    )  # printable: the escape, not the code point
    in_a_name.path.encode("utf-8")
    assert _error('{"id": "\ud800"}').path == "id"  # text already decoded (a web form) is checked too


def test_a_surrogate_pair_is_one_valid_character() -> None:
    assert read_case_json(b'{"id": "\\ud83d\\ude00"}') == {"id": "\U0001f600"}


def test_the_first_problem_in_document_order_is_reported() -> None:
    exc = _error(b'{"a": "\\ud800", "b": {"c": 1, "c": 2}}')
    assert exc.path == "a"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (b'{"id": "\xff"}', "not valid UTF-8"),
        (b'{"decision_date": ', "not valid JSON"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_problems_with_the_text_as_a_whole_name_where_it_came_from(raw: bytes, problem: str) -> None:
    exc = _error(raw, "case.json")
    assert exc.path == "case.json" and problem in exc.problem


def test_read_case_object_wants_an_object() -> None:
    with pytest.raises(CaseError, match="expected a JSON object"):
        read_case_object(b"[]", "case_file")
