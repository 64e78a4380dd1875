"""A timeline's events are made in English (its data, as the API gives them) and said in Russian where a
report shows them: every kind of event of the bundled examples finds its template."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from extrashield import default_evaluator
from extrashield.engine.timeline import build_timeline, event_words
from extrashield.facts.case import validate_case
from extrashield.i18n import using

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "extrashield" / "examples").glob("*.json"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_event_is_said_in_russian_and_stays_english_in_english(example: Path) -> None:
    case = validate_case(json.loads(example.read_text(encoding="utf-8")))
    t = build_timeline(default_evaluator(), case, dt.date(2010, 1, 1), dt.date(2040, 1, 1), {})
    assert t.events
    for ev in t.events:
        assert event_words(ev) == ev.what
        with using("ru"):
            said = event_words(ev)
        assert said != ev.what, ev.what
        assert not said.startswith(("contract ", "citizenship ", "asylum ")), said


def test_a_computed_date_keeps_its_condition_even_one_with_brackets() -> None:
    from extrashield.engine.timeline import COMPUTED, Event

    label = (
        "the limitation period for the category of the crime has elapsed by the decision date "
        "(category under Criminal Code Art. 15 as worded since 28.06.2019)"
    )
    what = COMPUTED.format(label=label, shown="request.offense.committed_on = 2024-04-20", day="2034-04-21")
    ev = Event(dt.date(2034, 4, 21), "fact", what, "request.offense.committed_on")
    with using("ru"):
        said = event_words(ev)
    assert said == (
        "срок давности для категории преступления истёк к дате решения (категория по ст. 15 УК РФ в редакции "
        "с 28.06.2019) (request.offense.committed_on = 2024-04-20; пограничная дата 2034-04-21)"
    )


def test_a_law_entering_into_force_is_said_with_its_act_in_russian() -> None:
    from extrashield import default_lawbook
    from extrashield.i18n import data_text

    case = validate_case(json.loads((EXAMPLES[0].parent / "nepali-serving.json").read_text(encoding="utf-8")))
    t = build_timeline(default_evaluator(), case, dt.date(2026, 1, 1), dt.date(2027, 1, 1), {})
    point7 = default_lawbook().provisions["ru.upk.464.1.7"]
    act = next(v.act for v in point7.versions if v.bill is None)
    entering = [ev for ev in t.events if ev.ref == point7.id and ev.what.endswith(f"; {act})")]
    assert entering
    with using("ru"):
        russian_act = data_text(act)
        said = [event_words(ev, {point7.id: point7.label.ru}) for ev in entering]
    assert russian_act != act and all(russian_act in s and act not in s for s in said)
