"""``KEY=VALUE`` readings are read by one parser, extrashield.engine.readings, for the command line, the API
and the web pages (tests/test_cli_input.py has the command line's wording of the same errors)."""

from __future__ import annotations

import pytest

from extrashield.adapters.http.problems import case_error_detail
from extrashield.engine.readings import readings_of
from extrashield.errors import CaseError, ReadingError


def test_pairs_become_a_mapping_with_spaces_around_key_and_value_dropped() -> None:
    assert readings_of([" point7.limbs = combat_required", "point7.volunteer_formations=included"]) == {
        "point7.limbs": "combat_required",
        "point7.volunteer_formations": "included",
    }
    assert readings_of(["a=b=c"]) == {"a": "b=c"}  # the first '=' ends the key


def test_the_same_value_twice_is_accepted() -> None:
    assert readings_of(["point7.limbs=two_limbs", "point7.limbs=two_limbs"]) == {"point7.limbs": "two_limbs"}


@pytest.mark.parametrize("pair", ["point7.limbs", "=two_limbs", "point7.limbs=", " = "])
def test_a_pair_without_key_or_value_is_refused_naming_the_parameter(pair: str) -> None:
    with pytest.raises(CaseError) as err:
        readings_of([pair], "reading")
    assert (err.value.path, err.value.problem) == (
        "reading",
        f"{pair!r}: expected KEY=VALUE, e.g. point7.limbs=combat_required",
    )


def test_a_key_given_twice_with_different_values_is_a_reading_error_naming_the_key() -> None:
    with pytest.raises(ReadingError) as err:
        readings_of(["point7.limbs=two_limbs", "point7.limbs=combat_required"], "reading")
    assert err.value.path == "reading point7.limbs"
    assert (
        err.value.problem
        == "given twice with different values ('two_limbs' and 'combat_required'); give it once"
    )


def test_the_api_locates_both_errors_in_the_reading_parameter() -> None:
    for pairs, msg in (
        (["point7.limbs"], "'point7.limbs': expected KEY=VALUE, e.g. point7.limbs=combat_required"),
        (
            ["point7.limbs=a", "point7.limbs=b"],
            "point7.limbs: given twice with different values ('a' and 'b'); give it once",
        ),
    ):
        with pytest.raises(CaseError) as err:
            readings_of(pairs)
        assert case_error_detail(err.value) == [{"loc": ["query", "reading"], "field": "reading", "msg": msg}]
