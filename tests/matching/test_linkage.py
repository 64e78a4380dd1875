"""link(): the one loop over two lists - candidates from blocking, scored, above the threshold, best first."""

from extrashield.matching import Person, link, person_from_row


def _people(*rows: dict[str, str]) -> list[Person]:
    return [person_from_row(r) for r in rows]


def test_a_cross_script_pair_is_linked_and_an_unrelated_name_is_not() -> None:
    wanted = _people({"id": "w1", "name": "José Manuel Hernández Ruiz", "birth_date": "1990-04-02"})
    recruits = _people(
        {"id": "r1", "name": "Иван Петров", "birth_date": "1990-04-02"},
        {"id": "r2", "name": "Хосе Мануэль Эрнандес Руис", "birth_date": "1990"},
    )
    links = list(link(wanted, recruits))
    assert [(x.left, x.right) for x in links] == [(0, 1)]


def test_pairs_come_best_first_within_each_wanted_person_and_progress_counts_every_person() -> None:
    wanted = _people({"name": "Ram Bahadur Thapa", "birth_date": "1995-01-10"}, {"name": "Nobody Atall"})
    recruits = _people(
        {"name": "Рам Бахадур Тапа"},
        {"name": "Рам Бахадур Тхапа", "birth_date": "1995-01-10"},
    )
    done: list[int] = []
    links = list(link(wanted, recruits, threshold=0.0, progress=done.append))
    scores = [x.score.score for x in links if x.left == 0]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2
    assert links[0].right == 1
    assert sum(done) == 2
