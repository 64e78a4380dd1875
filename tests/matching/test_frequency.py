"""The name-frequency discount (Splink's term-frequency adjustment): a name of words common on the lists
linked, with no birth date to confirm it, is not a match by its name alone; a rare name or a confirming
date still is."""

from __future__ import annotations

from extrashield.matching import DEFAULT_THRESHOLD, Person, explain, link, score_pair
from extrashield.matching.frequency import NameFrequencies

from .helpers import person


def _recruits(common: int, rare: int = 200) -> list[Person]:
    """`common` Ram Thapas born on other days of other years, and `rare` persons of names met once."""
    out = [person("Тапа Рам", f"{1970 + n % 30}-0{1 + n % 9}-1{n % 10}", "NP") for n in range(common)]
    syllables = ["ба", "ко", "ли", "му", "не", "со", "ту", "фи", "ха", "че", "шо", "ры", "да", "ве", "зу"]
    for n in range(rare):
        given = syllables[n % 15] + syllables[(n // 15) % 15] + "н"
        family = syllables[(n * 7) % 15] + syllables[(n // 3) % 15] + syllables[n % 13] + "ев"
        out.append(person(f"{family} {given}", "1980", "NP"))
    return out


def test_a_common_name_with_no_birth_date_falls_below_the_threshold_and_a_rare_one_does_not() -> None:
    recruits = [*_recruits(60), person("Гурунг Бирендра", None, "NP")]
    wanted = [person("Ram Thapa", None, "NP"), person("Birendra Gurung", None, "NP")]
    frequencies = NameFrequencies.of_lists(wanted, recruits)
    common = score_pair(wanted[0], recruits[0], frequencies)
    rare = score_pair(wanted[1], recruits[-1], frequencies)
    assert common.name.score >= 0.95 and rare.name.score >= 0.95
    assert common.score < DEFAULT_THRESHOLD <= rare.score
    assert common.frequency is not None and common.frequency.discount > 0
    assert rare.frequency is not None and rare.frequency.discount == 0


def test_a_confirming_birth_date_keeps_a_common_name_a_match() -> None:
    recruits = _recruits(60)
    wanted = [person("Ram Thapa", "1970-01-10", "NP")]
    frequencies = NameFrequencies.of_lists(wanted, recruits)
    pair = score_pair(wanted[0], recruits[0], frequencies)
    assert pair.score >= DEFAULT_THRESHOLD
    assert pair.frequency is not None and pair.frequency.confirmed


def test_the_explanation_says_how_common_the_name_is() -> None:
    recruits = _recruits(60)
    wanted = [person("Ram Thapa", None, "NP")]
    pair = score_pair(wanted[0], recruits[0], NameFrequencies.of_lists(wanted, recruits))
    text = explain(pair)
    # 61 of the 261 Nepalis on both lists are Ram Thapa: 1 in 4
    assert "common name 'Рам': 1 in 4 of the 261 NP citizens on both lists" in text
    assert "common name 'Тапа': 1 in 4" in text
    assert "no birth date confirms the match" in text


def test_without_the_lists_frequencies_nothing_is_discounted() -> None:
    pair = score_pair(person("Ram Thapa", None, "NP"), person("Тапа Рам", "1980", "NP"))
    assert pair.frequency is None and pair.score >= DEFAULT_THRESHOLD


def test_link_discounts_by_the_frequencies_of_both_lists_unless_told_not_to() -> None:
    recruits = _recruits(60)
    wanted = [person("Ram Thapa", None, "NP")]
    assert [x for x in link(wanted, recruits) if x.right < 60] == []
    plain = [x for x in link(wanted, recruits, name_frequencies=False) if x.right < 60]
    assert len(plain) == 60


def test_counts_of_one_list_plus_the_other_are_the_counts_of_both() -> None:
    # the HTTP API counts a stored list once and each call's queries on top
    recruits = [*_recruits(150), person("Гурунг Бирендра", None, "NP"), person("Ким Чен Ын", None, "KP")]
    wanted = [person("Ram Thapa", None, "NP"), person("Birendra Gurung", "1980", "NP"), person("Kim Jong Un")]
    both = NameFrequencies.of_lists(wanted, recruits)
    layered = NameFrequencies.of_lists([], recruits).plus(wanted)
    for w in wanted:
        for r in recruits[:3] + recruits[-2:]:
            assert score_pair(w, r, layered) == score_pair(w, r, both)
    assert layered.listed("NP") == both.listed("NP") and layered.searched_in("NP") == both.searched_in("NP")


def test_a_name_sharing_no_word_with_the_other_is_kept_only_by_a_birth_date() -> None:
    # Korean names alike only as different spellings, word by word (Hwang Kum Man, Ким Мён Гван): no word
    # is shared, so any Korean on the lists could be as alike by chance
    koreans = [person(f"Хон Сон {syllable}", "1980", "KP") for syllable in ("Иль", "Хо", "Ман") * 40]
    recruit = person("Ким Мён Гван", "1977", "KP")
    wanted = person("Hwang Kum Man", "1977-03-04", "KP")
    alone = score_pair(wanted, recruit)
    pair = score_pair(wanted, recruit, NameFrequencies.of_lists([wanted], [*koreans, recruit]))
    assert alone.frequency is None and alone.score >= DEFAULT_THRESHOLD  # scored alone: nothing discounted
    assert pair.frequency is not None and pair.frequency.words == ()
    assert pair.frequency.discount > 0 and pair.score < DEFAULT_THRESHOLD
    assert "no name word is the same name or a close spelling" in explain(pair)
