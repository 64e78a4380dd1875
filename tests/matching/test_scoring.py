"""The score of a pair in [0, 1], its per-feature scores and its explanation in words."""

from __future__ import annotations

from extrashield.matching import DEFAULT_THRESHOLD, LIKELY_MATCH, explain, person_from_row, score_pair
from extrashield.matching.scoring import NAMES_ALONE

from .helpers import names_say, person

JOSE = person("José Manuel Hernández Ruiz", "1994-07-12", "CU")


def test_the_same_person_across_scripts_is_a_likely_match() -> None:
    pair = score_pair(JOSE, person("Эрнандес Руис Хосе Мануэль", "1994", "CU"))
    assert pair.score >= LIKELY_MATCH


def test_a_namesake_born_ten_years_apart_falls_below_the_threshold() -> None:
    pair = score_pair(JOSE, person("Эрнандес Руис Хосе Мануэль", "2004-07-12", "CU"))
    assert pair.name.score >= 0.9
    assert pair.score < DEFAULT_THRESHOLD


def test_a_relative_with_the_same_family_name_falls_below_the_threshold() -> None:
    pair = score_pair(JOSE, person("Эрнандес Руис Луис", "1994-07-12", "CU"))
    assert pair.score < DEFAULT_THRESHOLD


def test_scores_and_features_are_between_zero_and_one() -> None:
    for other in (person("Хосе Эрнандес"), person("Ким Чен Ын", "1984"), person("", passport="KHOSE RUIS")):
        pair = score_pair(JOSE, other)
        assert 0.0 <= pair.score <= 1.0
        assert set(pair.features) == {"name", "birth_date", "nationality"}
        assert all(v is None or 0.0 <= v <= 1.0 for v in pair.features.values())


def test_unknown_dates_and_citizenships_neither_raise_nor_lower_the_name_score() -> None:
    pair = score_pair(person("José Hernández"), person("Хосе Эрнандес"))
    assert pair.birth_date is None and pair.nationality is None
    assert names_say(pair) == round(pair.name.score, 4)


def test_names_alone_make_at_most_a_possible_match() -> None:
    # no birth date on one side: a perfect name is held just below "likely match", and says so
    alone = score_pair(
        person("Sunil Wickramasinghe", None, "LK"), person("Сунил Викрамасингхе", "1983-09", "LK")
    )
    assert alone.birth_date is None and alone.held is not None and alone.held >= LIKELY_MATCH
    assert alone.score == NAMES_ALONE < LIKELY_MATCH
    assert f"held at {NAMES_ALONE:.2f}" in explain(alone) and explain(alone).startswith(
        "Possibly the same person"
    )
    # a birth date on both sides that agrees makes the same names a likely match
    dated = score_pair(
        person("Sunil Wickramasinghe", "1983", "LK"), person("Сунил Викрамасингхе", "1983-09", "LK")
    )
    assert dated.held is None and dated.score >= LIKELY_MATCH
    # a pair below the hold keeps its score
    lower = score_pair(person("Sunil Wickramasinghe"), person("Сунил Викрамасинг"))
    assert lower.held is None or lower.held > NAMES_ALONE


def test_of_two_pairs_held_on_names_alone_the_better_names_come_first() -> None:
    exact, typo = (
        score_pair(person("Sunil Wickramasinghe"), person(recruit))
        for recruit in ("Сунил Викрамасингхе", "Сунил Бикрамасингхе")
    )
    assert exact.score == typo.score == NAMES_ALONE
    assert sorted([typo, exact], key=lambda p: p.best_first) == [exact, typo]


def test_different_citizenships_lower_the_score() -> None:
    same = score_pair(person("Ali Hassan", "1990", "SO"), person("Али Хасан", "1990", "SO"))
    other = score_pair(person("Ali Hassan", "1990", "SO"), person("Али Хасан", "1990", "IQ"))
    assert other.score < same.score


def test_the_score_does_not_depend_on_which_list_a_person_is_in() -> None:
    a, b = JOSE, person("Эрнандес Хосе", "1994-07", "CU")
    assert score_pair(a, b).score == score_pair(b, a).score


def test_the_explanation_names_each_word_the_dates_and_the_citizenships() -> None:
    text = explain(score_pair(JOSE, person("Эрнандес Хосе", "1994", "CU")))
    for word in ("José", "Хосе", "Hernández", "Эрнандес", "Manuel", "1994-07-12", "1994", "CU"):
        assert word in text
    assert "may be left out" in text  # Manuel and Ruiz are missing from the record


def test_a_row_of_a_person_list_is_read_with_its_passport_latin_apart() -> None:
    row = {
        "id": "17",
        "name": "Эрнандес Хосе",
        "latin_name": "ERNANDES KHOSE",
        "birth_date": "12.07.1994",
        "nationality": "cu;RU",
        "formation": "kept for the answer, ignored here",
    }
    p = person_from_row(row)
    assert p.id == "17" and p.names == ("Эрнандес Хосе",) and p.passport_names == ("ERNANDES KHOSE",)
    assert str(p.birth_date) == "1994-07-12" and p.nationalities == frozenset({"CU", "RU"})


def test_an_unreadable_cell_is_noted_and_left_unknown() -> None:
    p = person_from_row({"name": "Хосе", "birth_date": "not a date", "nationality": "Cuba"}, default_id="3")
    assert p.id == "3" and p.birth_date is None and p.nationalities == frozenset()
    assert len(p.notes) == 2


def test_a_very_long_name_is_cut_not_refused() -> None:
    pair = score_pair(person("Хосе " * 3000), JOSE)
    assert 0.0 <= pair.score <= 1.0


def test_a_namesake_born_a_year_apart_on_another_day_falls_below_the_threshold() -> None:
    pair = score_pair(JOSE, person("Эрнандес Руис Хосе Мануэль", "1995-03-02", "CU"))
    assert pair.name.score >= 0.9
    assert pair.score < DEFAULT_THRESHOLD
    typo = score_pair(JOSE, person("Эрнандес Руис Хосе Мануэль", "1995-07-12", "CU"))
    assert typo.score >= DEFAULT_THRESHOLD


def test_the_same_name_and_year_with_another_nationality_is_no_likely_match() -> None:
    # Sherzod Tursunov (UZ, 1990) and Турсунов Шерзод (TJ, 12.12.1990): two persons, both citizenships
    # known, not dual
    pair = score_pair(person("Sherzod Tursunov", "1990", "UZ"), person("Турсунов Шерзод", "1990-12-12", "TJ"))
    assert pair.score < LIKELY_MATCH
    assert pair.score >= DEFAULT_THRESHOLD  # still shown to a person: a record may keep a former citizenship


def test_another_nationality_with_the_same_birth_day_is_still_a_likely_match() -> None:
    pair = score_pair(
        person("Sherzod Tursunov", "1990-12-12", "UZ"), person("Турсунов Шерзод", "1990-12-12", "TJ")
    )
    assert pair.score >= LIKELY_MATCH


def test_a_shared_citizenship_among_two_is_no_other_nationality() -> None:
    dual = score_pair(
        person("Sherzod Tursunov", "1990", "UZ TJ"), person("Турсунов Шерзод", "1990-12-12", "TJ")
    )
    assert dual.score >= LIKELY_MATCH


def test_the_same_consonants_make_one_name_only_when_the_letters_are_half_alike() -> None:
    from extrashield.matching.names import analyse
    from extrashield.matching.words import compare_words

    def word_match(a: str, b: str) -> tuple[float, str]:
        match = compare_words(analyse(a).words[0], analyse(b).words[0])
        return match.score, match.how

    # one name in two traditions: the consonants kept, the vowels changed (0.56 letter by letter)
    assert word_match("Fernando", "Pranandu") == (0.85, "same consonants, other vowels")
    # two family names whose consonant classes happen to agree (sbrb, sbkb), the letters hardly alike
    for a, b in (("Sifirov", "DZHOBUROV"), ("Shovokov", "Зопаков")):
        score, how = word_match(a, b)
        assert how == "different spelling" and score < 0.5


def test_two_different_patronymics_make_two_persons_and_one_left_out_does_not() -> None:
    andrey = person("Andrey Olegovich Vizuenko", None, "RU")
    other_father = score_pair(andrey, person("Визуенко Андрей Борисович", None, "RU"))
    same_father = score_pair(andrey, person("Визуенко Андрей Олегович", None, "RU"))
    left_out = score_pair(
        person("Andrey Vizuenko", None, "RU"), person("Визуенко Андрей Борисович", None, "RU")
    )
    assert other_father.score < DEFAULT_THRESHOLD
    assert names_say(same_father) >= LIKELY_MATCH and names_say(left_out) >= LIKELY_MATCH
    assert "'Olegovich' facing a different patronymic in the other record" in explain(other_father)
    assert "a patronymic, which the other record does not give" in explain(left_out)


def test_chinese_given_names_with_the_same_consonants_and_other_vowels_are_other_names() -> None:
    # Qiangrong and Цзяньсян (Jianxiang), Zhonglin and Цзяньлинь (Jianlin): other syllables, not one name
    # (on lists, the name-frequency discount then counts the shared family name only)
    for wanted, recruit in (("Lin Qiangrong", "Линь Цзяньсян"), ("Zheng Zhonglin", "Чжэн Цзяньлинь")):
        pair = score_pair(person(wanted, None, "CN"), person(recruit, None, "CN"))
        assert pair.score < LIKELY_MATCH
        assert "same consonants, other vowels" not in explain(pair)
    # the same name across scripts still is one
    assert (
        names_say(score_pair(person("Lin Jianxiang", None, "CN"), person("Линь Цзяньсян", None, "CN")))
        >= LIKELY_MATCH
    )
