"""Countries as people write them (extrashield.facts.country_names): codes in any case and names in English
and Russian read back to the ISO code; a name that fits two countries, a former state or a place that is not a
state is unknown with a note, never a guess."""

from __future__ import annotations

import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from extrashield.facts.countries import CODES
from extrashield.facts.country_names import load_table, name_key, names, read_countries, read_country

AMBIGUOUS = {code for codes in names().codes.values() if len(codes) > 1 for code in codes}
# Codes whose CLDR name is written with a form the reader treats as ambiguous in no case; every code has one.
CODE_LIST = sorted(CODES)


def _cased(text: str, how: int) -> str:
    return (text, text.lower(), text.upper(), f" {text} ")[how]


@given(st.sampled_from(CODE_LIST), st.integers(0, 3))
def test_a_code_in_any_case_reads_back_to_itself(code: str, how: int) -> None:
    written = _cased(code, how)
    got = read_country(written)
    if written.strip().lower() in ("no", "na") and written.strip() != "NO":
        assert got.value is None and got.problem == "word-like code"
    else:
        assert got.value == code
        assert (got.note is None) == (written.strip() == code)


@given(st.sampled_from(CODE_LIST), st.sampled_from(["en", "ru"]), st.integers(0, 3))
def test_the_cldr_name_of_every_country_in_english_and_russian_reads_back_to_its_code(
    code: str, locale: str, how: int
) -> None:
    name = Locale(locale).territories[code]
    got = read_country(_cased(name, how))
    assert got.value == code, got.note
    assert got.note is not None and code in got.note


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Nepal", "NP"),
        ("Непал", "NP"),
        ("Russian Federation", "RU"),
        ("Россия", "RU"),
        ("РФ", "RU"),
        ("Российская Федерация", "RU"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Кот-д’Ивуар", "CI"),
        ("Ivory Coast", "CI"),
        ("Korea, Republic of", "KR"),
        ("Южная Корея", "KR"),
        ("КНДР", "KP"),
        ("Congo, The Democratic Republic of the", "CD"),
        ("ДР Конго", "CD"),
        ("Republic of the Congo", "CG"),
        ("Guinea", "GN"),
        ("Guinea-Bissau", "GW"),
        ("Гвинея", "GN"),
        ("Equatorial Guinea", "GQ"),
        ("the Netherlands", "NL"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Burma", "MM"),
        ("Белоруссия", "BY"),
        ("Беларусь", "BY"),
        ("Кыргызстан", "KG"),
        ("Киргизия", "KG"),
        ("США", "US"),
        ("USA", "US"),
        ("Соединённые Штаты Америки", "US"),
        ("UK", "GB"),
        ("Великобритания", "GB"),
        ("Kosovo", "XK"),
        ("NPL", "NP"),
        ("Исламская Республика Иран", "IR"),
        ("St. Kitts & Nevis", "KN"),
        ("Saint Kitts and Nevis", "KN"),
    ],
)
def test_names_in_english_and_russian_read_as_their_country(written: str, code: str) -> None:
    got = read_country(written)
    assert got.value == code, got.note
    assert got.note == f"{written!r} read as {code} ({names().english[code]})"


@pytest.mark.parametrize(
    ("written", "problem", "named"),
    [
        ("Congo", "ambiguous country", ["CD", "CG"]),
        ("Конго", "ambiguous country", ["CD", "CG"]),
        ("Korea", "ambiguous country", ["KP", "KR"]),
        ("Корея", "ambiguous country", ["KP", "KR"]),
        ("Virgin Islands", "ambiguous country", ["VG", "VI"]),
        ("USSR", "former state", []),
        ("СССР", "former state", []),
        ("Yugoslavia", "former state", []),
        ("Zaire", "former state", []),
        ("England", "not a state", ["GB"]),
        ("Англия", "not a state", ["GB"]),
        ("Tehran", "unknown country", []),
        ("Guine", "unknown country", []),
        ("Abkhazia", "unknown country", []),
        ("no", "word-like code", ["NO"]),
        ("NA", "word-like code", ["NA"]),
    ],
)
def test_a_country_that_cannot_be_told_with_certainty_is_unknown_and_named(
    written: str, problem: str, named: list[str]
) -> None:
    got = read_country(written)
    assert got.value is None and got.unreadable and got.problem == problem
    assert got.note is not None and got.note.startswith(repr(written))
    assert all(code in got.note for code in named)


def test_names_are_matched_whole_never_by_prefix_or_similarity() -> None:
    assert read_country("Guinea B").value is None
    assert read_country("Nigeri").value is None
    assert read_country("Niger").value == "NE" and read_country("Nigeria").value == "NG"
    assert read_country("Dominica").value == "DM" and read_country("Dominican Republic").value == "DO"


def test_a_nationality_is_a_list_separated_by_semicolons_or_none() -> None:
    assert read_countries("RU;NP").value == ("RU", "NP")
    got = read_countries("ru; Nepal; RU")
    assert got.value == ("RU", "NP")
    assert got.note is not None and "given twice" in got.note
    assert read_countries("none").value == () and read_countries("none").note is None
    assert read_countries("нет").value == ()
    assert read_countries("без гражданства").value == ()


def test_a_list_with_one_unreadable_country_is_unknown_as_a_whole() -> None:
    got = read_countries("NP; Congo")
    assert got.value is None and got.unreadable and got.problem == "ambiguous country"
    assert got.note is not None and "so the list is unknown" in got.note


def test_countries_separated_by_commas_or_slashes_are_read_when_each_part_is_one() -> None:
    assert read_countries("Nepal, India").value == ("NP", "IN")
    assert read_countries("RU/UA").value == ("RU", "UA")
    assert read_countries("Korea, Republic of").value == ("KR",)  # one name with a comma, read whole first


def test_only_codes_of_the_case_format_are_produced() -> None:
    produced = {code for codes in names().codes.values() for code in codes} | set(names().alpha3.values())
    assert produced <= CODES


def test_the_name_key_folds_case_accents_yo_punctuation_and_a_leading_the() -> None:
    assert name_key("Côte d’Ivoire") == name_key("COTE D'IVOIRE") == "cote divoire"
    assert name_key("Соединённые  Штаты") == name_key("соединенные штаты")
    assert name_key("The Gambia") == "gambia"
    assert name_key("Китайская Народная Республика") != name_key("Китаиская Народная Республика")  # й stays


def test_the_names_the_table_takes_from_opensanctions_are_in_rigours_territory_data() -> None:
    import yaml
    from rigour.territories import lookup_territory

    from extrashield.facts.country_names import TABLE

    raw = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    from_rigour = [
        (row["name"], row["code"]) for row in raw["names"] if row["source"] == "rigour_territories"
    ]
    assert from_rigour
    for name, code in from_rigour:
        territory = lookup_territory(name)
        assert territory is not None and territory.code == code.lower(), name
        assert name not in territory.places  # a real name of the country, not a city in it


def test_the_table_is_checked_strictly_naming_the_key(tmp_path: pytest.TempPathFactory) -> None:
    from extrashield.errors import LawDataError
    from extrashield.facts.country_names import TABLE

    bad = TABLE.read_text(encoding="utf-8").replace(
        "{name: UK, code: GB, source: cldr_en}", "{name: UK, code: ZZ, source: cldr_en}"
    )
    path = tmp_path / "country-names.yaml"  # type: ignore[operator]
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(LawDataError, match=r"names\[0\]\.code"):
        load_table(path)
