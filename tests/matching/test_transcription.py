"""Each piece of the field's knowledge, on the names it was written for: a foreign name meets the Russian
record's spelling of it (Russian practical transcription) and the Latin of a Russian passport."""

from __future__ import annotations

import pytest

from extrashield.matching.languages import UNKNOWN, Convention
from extrashield.matching.names import WordKind, analyse, names_of
from extrashield.matching.palladius import pinyin_to_palladius
from extrashield.matching.person import person_from_row
from extrashield.matching.scoring import compare_names
from extrashield.matching.scripts import Script, reading, script_of
from extrashield.matching.words import compare_words

from .helpers import name


def same_name(a: str, b: str, countries: str = "", passport: bool = False) -> float:
    return compare_names(name(a, countries), name(b, countries, passport)).score


@pytest.mark.parametrize(
    ("notice", "record", "countries"),
    [
        ("José Manuel Hernández Ruiz", "Хосе Мануэль Эрнандес Руис", "CU"),  # j, silent h, z
        ("Guillermo Castillo Quintero", "Гильермо Кастийо Кинтеро", "CO"),  # ll, gu, qu
        ("João Paulo Gonçalves", "Жуан Паулу Гонсалвес", "BR"),  # ão, final o, ç
        ("Lucas Sousa", "Лукас Соуза", "BR"),  # intervocalic s
        ("Jean Pierre Mbarga", "Жан Пьер Мбарга", "CM"),  # French j, silent final e
        ("Maxamed Cabdullaahi Xasan", "Мохамед Абдуллахи Хасан", "SO"),  # Somali x and c
        ("Jasur Xolmatov", "Жасур Холматов", "UZ"),  # Uzbek x
        ("Rajesh Sharma", "Раджеш Шарма", "IN"),  # j as дж
        ("Bishnu Bhattarai", "Бишну Баттарай", "NP"),  # aspirate dropped by Russian
        ("Petrović Milan", "Петрович Милан", "RS"),  # ć as ч
        ("Zhang Zhiqiang", "Чжан Чжицян", "CN"),  # pinyin against Palladius
        ("Kim Jong Un", "Ким Чен Ын", "KP"),  # North Korean romanisation against Kontsevich
        ("Choe Song Il", "Чхве Сон Ир", "KP"),
        ("Lee Song Il", "Ри Сон Иль", "KP"),  # 이 and 리
    ],
)
def test_a_foreign_name_meets_its_russian_transcription(notice: str, record: str, countries: str) -> None:
    assert same_name(notice, record, countries) >= 0.85


def test_russian_passport_latin_is_read_as_icao_not_by_the_foreign_convention() -> None:
    assert same_name("José Manuel Hernández Ruiz", "KHOSE MANUEL ERNANDES RUIS", "CU", passport=True) >= 0.95


@pytest.mark.parametrize(
    ("native", "record"),
    [
        ("राम बहादुर थापा", "Тхапа Рам Бахадур"),  # Devanagari: the final inherent vowel is not read
        ("विजय सिंह चौहान", "Виджай Сингх Чаухан"),  # च is ch, the anusvara before h is n
        ("কমল", "Камал"),  # Bengali
        ("කමල් පෙරේරා", "Перера Камал"),  # Sinhala, which ICU does not transliterate
        ("முருகன் செல்வராஜ்", "Селварадж Муруган"),  # Tamil ச read s
        ("习近平", "Си Цзиньпин"),  # Han, read in pinyin, written in Palladius
        ("김정은", "Ким Чон Ын"),  # Hangul written in one run
        ("Драган Јовановић", "Йованович Драган"),  # Serbian Cyrillic
    ],
)
def test_a_name_in_its_native_script_meets_the_russian_record(native: str, record: str) -> None:
    assert same_name(native, record) >= 0.85


def test_sinhala_letters_are_read_with_their_inherent_and_marked_vowels() -> None:
    assert reading("පෙරේරා", Script.SINHALA) == "perera"
    assert reading("බණ්ඩාර", Script.SINHALA) == "bandara"


def test_devanagari_drops_only_the_final_short_vowel() -> None:
    assert reading("राम", Script.DEVANAGARI) == "ram"
    assert reading("थापा", Script.DEVANAGARI) == "thapa"  # a written long ā stays


@pytest.mark.parametrize(
    ("pinyin", "palladius"),
    [
        ("xi", "си"),
        ("jinping", "цзиньпин"),
        ("zhang", "чжан"),
        ("wei", "вэй"),
        ("hui", "хуэй"),
        ("xu", "сюй"),
        ("jun", "цзюнь"),
        ("guo", "го"),
        ("zi", "цзы"),
        ("shi", "ши"),
        ("liu", "лю"),
    ],
)
def test_pinyin_is_written_by_palladius(pinyin: str, palladius: str) -> None:
    assert pinyin_to_palladius(pinyin) == palladius


def test_a_word_that_is_not_pinyin_is_left_alone() -> None:
    assert pinyin_to_palladius("hernandez") is None


def test_script_of_a_word_is_the_script_of_most_of_its_letters() -> None:
    assert script_of("Эрнандес") is Script.CYRILLIC
    assert script_of("محمد") is Script.ARABIC
    assert script_of("김정은") is Script.HANGUL


class TestArabic:
    @pytest.mark.parametrize(
        "spelling",
        [
            "عبد الرحمن الشمري",
            "Abd al-Rahman al-Shammari",
            "Abdulrahman Al Shammari",
            "Абдуррахман аш-Шаммари",
            "Абд ар-Рахман аш-Шаммари",
        ],
    )
    def test_abd_al_compounds_and_sun_letter_articles_are_one_name(self, spelling: str) -> None:
        assert same_name(spelling, "Абдуррахман аш-Шаммари", "SY") >= 0.85

    def test_the_article_is_a_particle_not_a_name(self) -> None:
        words = name("ash-Shammari", "SY").words
        assert [w.kind for w in words] == [WordKind.PARTICLE, WordKind.NAME]

    def test_a_short_word_like_an_article_is_a_name_when_it_stands_alone(self) -> None:
        assert [w.kind for w in name("An Myong", "KP").words] == [WordKind.NAME, WordKind.NAME]

    @pytest.mark.parametrize(
        "spelling", ["Nasr al-Din", "Nasreddin", "Насреддин", "Наср ад-Дин", "نصر الدين"]
    )
    def test_ad_din_compounds_are_one_name(self, spelling: str) -> None:
        assert same_name(spelling, "Nasruddin", "SY") >= 0.85

    @pytest.mark.parametrize(
        "spelling",
        ["Mohammed", "Muhammad", "Mohamed", "Maxamed", "Md.", "Мухаммед", "Магомед", "محمد", "মোহাম্মদ"],
    )
    def test_every_spelling_of_muhammad_is_one_name(self, spelling: str) -> None:
        assert "muhamad" in name(spelling).words[0].folds

    def test_mahmud_is_not_muhammad_however_close(self) -> None:
        mahmud, muhammad = name("Mahmoud").words[0], name("Мухаммед").words[0]
        assert compare_words(mahmud, muhammad).score < 0.6
        assert compare_words(name("محمود").words[0], name("Махмуд").words[0]).score >= 0.9

    def test_arabic_script_is_compared_by_its_letters_with_short_vowels_free(self) -> None:
        assert compare_words(name("يوسف").words[0], name("Юсуф").words[0]).score >= 0.9
        assert compare_words(name("حسين").words[0], name("Хасан").words[0]).score < 0.7

    def test_tha_is_read_as_the_russian_s(self) -> None:
        assert same_name("الحوثي", "аль-Хуси", "YE") >= 0.85


class TestCentralAsian:
    def test_patronymic_is_tagged_and_costs_little_when_missing(self) -> None:
        record = name("Шарипов Фаррух Рустамович", "TJ")
        assert [w.kind for w in record.words] == [WordKind.NAME, WordKind.NAME, WordKind.PATRONYMIC]
        assert same_name("Farrukh Sharipov", "Шарипов Фаррух Рустамович", "TJ") >= 0.9

    def test_an_ovich_family_name_is_not_taken_for_a_patronymic(self) -> None:
        assert [w.kind for w in name("Milan Petrović", "RS").words] == [WordKind.NAME, WordKind.NAME]
        assert [w.kind for w in name("Петрович Милан").words] == [WordKind.NAME, WordKind.NAME]
        assert same_name("Milan Petrović", "Николич Милан", "RS") < 0.6

    def test_uulu_is_a_particle(self) -> None:
        assert [w.kind for w in name("Асанбек уулу Нурлан", "KG").words] == [
            WordKind.NAME,
            WordKind.PARTICLE,
            WordKind.NAME,
        ]
        assert same_name("Nurlan Asanbek uulu", "Асанбек уулу Нурлан", "KG") >= 0.95

    def test_zoda_and_ov_are_one_family_name(self) -> None:
        assert same_name("Farrukh Sharipzoda", "Шарипов Фаррух", "TJ") >= 0.85

    def test_the_female_form_is_not_the_same_family_name(self) -> None:
        male, female = name("Sharipov", "TJ").words[0], name("Шарипова", "TJ").words[0]
        assert compare_words(male, female).score < 0.6


def test_a_spelling_no_rule_covers_is_found_in_rigours_name_tables() -> None:
    # Цой is the Soviet Koreans' spelling of 최 (Choi, Choe), not Kontsevich's Чхве
    assert compare_words(name("Choi", "KP").words[0], name("Цой").words[0]).score >= 0.9


def test_name_order_does_not_matter() -> None:
    assert same_name("Ram Bahadur Thapa", "Тхапа Рам Бахадур", "NP") == same_name(
        "Thapa Ram Bahadur", "Рам Бахадур Тхапа", "NP"
    )


def test_initials_match_the_names_they_stand_for() -> None:
    assert same_name("J. M. Hernández Ruiz", "Эрнандес Руис Хосе Мануэль", "CU") >= 0.85
    assert same_name("Rustam Karimov", "Каримов Р.", "TJ") >= 0.75


def test_a_dropped_middle_name_costs_little_and_a_different_given_name_much() -> None:
    dropped = same_name("Ram Bahadur Thapa", "Тхапа Рам", "NP")
    other = same_name("Ram Bahadur Thapa", "Тхапа Сита", "NP")
    assert dropped >= 0.75
    assert other < 0.5


def test_a_persons_names_are_those_analysed_by_the_pairs_conventions_in_any_script() -> None:
    rows = [
        {"name": "Хосе Эрнандес", "latin_name": "KHOSE ERNANDES"},
        {"name": "José Hernández"},
        {"name": "김정은"},
    ]
    spanish, korean = Convention.SPANISH, Convention.KOREAN
    for row in rows:
        for convs in (
            frozenset(),
            frozenset({spanish}),
            frozenset({spanish, korean}),
            frozenset({korean}),
            UNKNOWN,
        ):
            person = person_from_row(row)
            names_of(person, frozenset({Convention.ARABIC}))  # met first in a pair of other conventions
            expected = (
                *(analyse(n, convs) for n in person.names),
                *(analyse(n, convs, passport=True) for n in person.passport_names),
            )
            assert names_of(person, convs) == expected
