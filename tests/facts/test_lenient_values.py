"""Booleans, choices and text as people write them (extrashield.facts.lenient): every accepted form reads
back to its value with a note, the canonical form without one, and anything else is unknown and named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extrashield.facts.lenient import read_boolean, read_choice, read_text, read_texts

TRUE_FORMS = ["true", "yes", "y", "1", "да"]
FALSE_FORMS = ["false", "no", "n", "0", "нет"]


def _cased(form: str, how: int) -> str:
    return (form, form.upper(), form.capitalize(), f"  {form} ")[how]


@given(
    st.sampled_from([(f, True) for f in TRUE_FORMS] + [(f, False) for f in FALSE_FORMS]), st.integers(0, 3)
)
def test_every_written_boolean_reads_back_to_its_value(form_and_value: tuple[str, bool], how: int) -> None:
    form, value = form_and_value
    got = read_boolean(_cased(form, how))
    assert got.value is value
    assert not got.unreadable
    canonical = form == ("true" if value else "false") and how in (0, 3)
    assert (got.note is None) == canonical


def test_typed_booleans_and_integers_read_as_themselves() -> None:
    assert read_boolean(True).value is True and read_boolean(True).note is None
    assert read_boolean(False).value is False
    assert read_boolean(1).value is True and read_boolean(0).value is False
    assert read_boolean(1).note == "1 read as true"


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_an_empty_cell_is_unknown_without_a_note(cell: object) -> None:
    got = read_boolean(cell)
    assert (got.value, got.note, got.unreadable) == (None, None, False)


@pytest.mark.parametrize("cell", ["unknown", "N/A", "неизвестно", "?"])
def test_unknown_written_in_words_is_unknown_and_noted_but_not_unreadable(cell: str) -> None:
    got = read_boolean(cell)
    assert got.value is None and not got.unreadable
    assert got.note == f"{cell!r} read as unknown"


@pytest.mark.parametrize("cell", ["maybe", "t", "+", "2", "yes!", "да нет"])
def test_anything_else_is_unknown_and_named_never_guessed(cell: str) -> None:
    got = read_boolean(cell)
    assert got.value is None and got.unreadable
    assert got.problem == "not a boolean"
    assert got.note is not None and got.note.startswith(repr(cell)) and "taken as unknown" in got.note


def test_a_choice_is_read_in_any_case_and_spacing_or_by_a_synonym() -> None:
    values = ("armed_forces", "volunteer_formation")
    synonyms = {"вс_рф": "armed_forces"}
    assert read_choice("armed_forces", values, synonyms, "a formation").note is None
    assert read_choice("Armed Forces", values, synonyms, "a formation").value == "armed_forces"
    assert read_choice("volunteer-formation", values, synonyms, "a formation").value == "volunteer_formation"
    got = read_choice("ВС РФ", values, synonyms, "a formation")
    assert (got.value, got.note) == ("armed_forces", "'ВС РФ' read as armed_forces")
    bad = read_choice("navy", values, synonyms, "a formation")
    assert bad.value is None and bad.problem == "not a formation"


def test_text_is_trimmed_and_a_nul_character_makes_it_unknown() -> None:
    assert read_text("  Ramesh  ").value == "Ramesh"
    got = read_text("Ram\x00esh")
    assert got.value is None and got.unreadable and "NUL" in (got.note or "")


def test_several_texts_are_split_at_semicolons_without_empty_parts() -> None:
    assert read_texts("Ramesh Thapa; R. Thapa;; ").value == ("Ramesh Thapa", "R. Thapa")
    assert read_texts(" ; ").value is None
