"""Candidate pairs: the keys survive scripts, order and dropped words, and keep far fewer pairs than N x M."""

from __future__ import annotations

import itertools

from extrashield.matching import Index, blocking_keys, candidate_pairs

from .helpers import person


def shares_a_key(a: str, b: str, born: str | None = None, countries: str = "") -> bool:
    return bool(blocking_keys(person(a, born, countries)) & blocking_keys(person(b, born)))


def test_keys_survive_scripts_order_and_passport_latin() -> None:
    assert shares_a_key("José Manuel Hernández Ruiz", "Эрнандес Руис Хосе", countries="CU")
    assert shares_a_key("राम बहादुर थापा", "Тхапа Рам")
    assert shares_a_key("عبد الرحمن الشمري", "Абдуррахман аш-Шаммари")
    assert shares_a_key("김정은", "Ким Чен Ын", countries="KP")
    assert shares_a_key("习近平", "Си Цзиньпин", countries="CN")
    keys = blocking_keys(person("", passport="ERNANDES KHOSE")) & blocking_keys(
        person("José Hernández", countries="CU")
    )
    assert keys


def test_a_typo_in_one_word_is_survived_through_the_birth_year() -> None:
    assert shares_a_key("Arjun Yadav", "Ядаф Арджун", born="1991", countries="IN")


def test_a_korean_given_name_joined_on_one_side_meets_it_by_syllable_without_a_birth_year() -> None:
    for joined, split in (
        ("Jeong Daehyun", "Чон Дэ Хён"),
        ("Kim Jongun", "Ким Чен Ын"),
        ("Чон Дэхён", "JEONG DAE HYUN"),
    ):
        assert blocking_keys(person(joined, None, "KR")) & blocking_keys(person(split, None, "KR"))


def test_blocking_keeps_far_fewer_pairs_than_every_pair() -> None:
    given = ["Рам", "Сита", "Хари", "Гопал", "Кришна", "Сунил"]
    family = ["Тхапа", "Гурунг", "Магар", "Таманг", "Раи"]
    recruits = [
        person(f"{f} {g}", f"{1980 + n % 20}") for n, (g, f) in enumerate(itertools.product(given, family))
    ]
    wanted = [person("Ram Thapa", "1980", "NP"), person("Sunil Rai", "1999", "NP")]
    pairs = list(candidate_pairs(wanted, recruits))
    assert (0, 0) in pairs  # Тхапа Рам, born 1980
    assert len(pairs) < len(wanted) * len(recruits) / 3


def test_an_overfull_key_is_used_only_when_nothing_else_finds_the_person() -> None:
    recruits = [person("Ким Чен Ын", str(1950 + n)) for n in range(40)]
    index = Index.build(recruits)
    # the name keys hold all 40 persons, more than max_block: the birth year's key alone decides
    assert index.candidates(person("Kim Jong Un", "1984", "KP"), max_block=10) == {34}
    # with no birth year there is no other key: the overfull ones are used
    assert len(index.candidates(person("Kim Jong Un", None, "KP"), max_block=10)) == 40
