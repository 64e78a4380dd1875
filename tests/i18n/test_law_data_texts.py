"""The law data's English texts shown to people have their Russian in the catalogue (extract.law_texts,
babel.cfg) and the command line and the memo show it: `data_text` translates a data text, and leaves no
text empty (gettext of "" would be the catalogue's header)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from extrashield import assess, default_lawbook
from extrashield.i18n import catalogue as cat
from extrashield.i18n import data_text, using
from extrashield.present.memo import build_memo
from extrashield.present.plain import scrub
from extrashield.services.state_profiles import profile_report, state_profile
from extrashield.sources.history import bill_history
from extrashield.sources.lawbook import bill_note_words
from extrashield.sources.lawquery import note_words, show_text
from extrashield.sources.treaties import load_treaty

EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
POINT7 = default_lawbook().provisions["ru.upk.464.1.7"]


def test_the_extractor_finds_every_readings_meaning() -> None:
    found = {m.id for m in cat.extract() if m.id}
    meanings = {
        m
        for p in default_lawbook().provisions.values()
        for r in p.readings.values()
        for m in r.values.values()
    }
    assert meanings and meanings <= found


def test_data_text_translates_and_keeps_no_text_empty() -> None:
    meaning = POINT7.readings["point7.limbs"].values["two_limbs"]
    with using("ru"):
        assert data_text(meaning).startswith("Нет. Вариант (а)")
        assert data_text("") == "" and data_text(None) == ""
    with using("en"):
        assert data_text(meaning) == meaning


def test_law_show_in_russian_gives_the_readings_meanings_in_russian() -> None:
    day = dt.date(2026, 3, 19)
    with using("ru"):
        ru = show_text(POINT7, day, "ru")
    for r in POINT7.readings.values():
        for meaning in r.values.values():
            with using("ru"):
                assert data_text(meaning) in ru
            assert meaning not in ru


def test_the_russian_memo_gives_the_readings_applied_in_russian() -> None:
    case = json.loads((EXAMPLES / "nepali-serving.json").read_text(encoding="utf-8"))
    answer = assess(case).to_dict()
    memo = build_memo(case, answer, lang="ru", made_at=dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC))
    assert memo.readings
    for key, value in answer["interpretations"].items():
        r = default_lawbook().readings[key]
        with using("ru"):
            question, meaning = scrub(data_text(r.question)), scrub(data_text(r.values[value]))
        assert (question, meaning) in memo.readings


def test_the_states_report_in_russian_gives_its_treaties_summaries_in_russian() -> None:
    duty = load_treaty("chisinau-2002").obliges_extradition
    assert duty is not None
    with using("ru"):
        out = " ".join(profile_report(state_profile("KZ", dt.date(2026, 4, 1))).split())
        assert data_text(duty.summary_en) in out
    assert duty.summary_en not in out


def test_a_bills_note_is_said_in_russian_part_by_part() -> None:
    bills = [v.bill for p in default_lawbook().provisions.values() for v in p.versions if v.bill]
    assert bills
    for bill in bills:
        with using("ru"):
            said = note_words(bill.note)
        assert said.startswith("законопроект (") and bill.stage_date.strftime("%d.%m.%Y") in said
        assert not any(word in said for word in ("bill", "reading", "Duma", "Federation"))
        with using("en"):
            assert note_words(bill.note) == bill.note
    assert bill_note_words("in force") is None


def test_the_states_report_in_russian_gives_why_a_treaty_binds_in_russian() -> None:
    why = "Both parties; the Convention entered into force for Russia on 28.06.2023."  # KZ.yaml
    with using("ru"):
        out = " ".join(profile_report(state_profile("KZ", dt.date(2026, 4, 1))).split())
        assert data_text(why) in out and data_text(why) != why
    assert why not in out


def test_law_show_in_russian_gives_what_the_codes_sources_support_in_russian() -> None:
    with using("ru"):
        ru = show_text(POINT7, dt.date(2026, 3, 19), "ru")
        for v in POINT7.versions:
            for s in v.sources:
                assert data_text(s.supports) in ru and data_text(s.supports) != s.supports


def law_cli(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "extrashield", "law", *args],
        capture_output=True,
        text=True,
        cwd=EXAMPLES.parents[1],
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_law_show_in_russian_gives_each_open_question_and_why_it_is_open_in_russian() -> None:
    ru, en = law_cli("show", POINT7.id, "--lang", "ru"), law_cli("show", POINT7.id, "--lang", "en")
    assert POINT7.open_questions
    for q in POINT7.open_questions:
        for text in (q.question, q.why):
            with using("ru"):
                said = data_text(text)
            assert said != text, f"no Russian for {text!r}"
            assert said in ru and text not in ru
            assert text in en


def test_law_history_in_russian_gives_the_bills_open_questions_in_russian() -> None:
    questions = bill_history().open_questions
    ru = law_cli("history", "--lang", "ru")
    assert questions
    for q in questions:
        for text in (q.question, q.why):
            with using("ru"):
                assert data_text(text) in ru and data_text(text) != text
            assert text not in ru


def test_every_open_question_of_the_law_data_is_in_the_catalogue() -> None:
    found = {m.id for m in cat.extract() if m.id}
    texts = {
        t
        for p in default_lawbook().provisions.values()
        for q in p.open_questions
        for t in (q.question, q.why)
    }
    assert len(texts) > 90 and texts <= found


def _memo_ground(example: str, lang: str, provision: str) -> tuple[Any, dict[str, Any]]:
    case = json.loads((EXAMPLES / example).read_text(encoding="utf-8"))
    answer = assess(case).to_dict()
    memo = build_memo(case, answer, lang=lang, made_at=dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC))
    ground = next(g for g in memo.grounds if g.provision == provision)
    return ground, next(g for g in answer["grounds"] if g["provision"] == provision)


def test_the_russian_memo_names_a_point7_versions_act_in_russian_with_a_russian_date() -> None:
    ground, applied = _memo_ground("nepali-serving.json", "ru", POINT7.id)
    version = next(v for v in POINT7.versions if v.id == applied["version"]["id"])
    assert version.valid_from is not None
    with using("ru"):
        act = data_text(version.act)
    assert act != version.act and ground.version.startswith(f"{act}: ")
    assert version.valid_from.strftime("%d.%m.%Y") in ground.version
    assert not re.search(r"\d{4}-\d\d-\d\d", ground.version)
    english, _ = _memo_ground("nepali-serving.json", "en", POINT7.id)
    assert (
        english.version.startswith(f"{version.act}: ") and version.valid_from.isoformat() in english.version
    )


def test_the_russian_memo_of_a_decision_before_point7_names_the_next_version_in_russian() -> None:
    ground, applied = _memo_ground("decided-before-point7.json", "ru", POINT7.id)
    assert applied["version"] is None  # not in force on the decision date: the memo names the next version
    later = next(v for v in POINT7.versions if v.valid_from and v.bill is None)
    assert later.valid_from is not None
    with using("ru"):
        assert ground.version.startswith(f"{data_text(later.act)}: ")
    assert later.valid_from.strftime("%d.%m.%Y") in ground.version and later.act not in ground.version


def test_every_versions_act_reasons_and_sources_notes_are_translated_and_shown_by_law_show() -> None:
    for p in default_lawbook().provisions.values():
        with using("ru"):
            ru = show_text(p, None, "ru")
        for v in p.versions:
            texts = [v.act, v.valid_from_why, v.valid_until_why, *(s.supports for s in v.sources)]
            for text in filter(None, texts):
                with using("ru"):
                    said = data_text(text)
                # a note that is itself a Russian quotation is its own translation
                assert said != text or not re.search("[A-Za-z]", text), f"{p.id} {v.id}: {text[:60]!r}"
                assert said in ru


def test_law_history_in_russian_says_the_companions_status_and_each_stage_in_russian() -> None:
    ru = law_cli("history", "--lang", "ru")
    assert "Статус: законопроект, не закон: последняя найденная стадия — третье чтение, 11.03.2026" in ru
    assert "10.11.2025 (по сообщениям) правительственная комиссия:" in ru
    assert "Вступил в силу: 19.03.2026 (дата выведена:" in ru
    for english in ("a bill, not law", "government commission", "(reported)", "not retrieved"):
        assert english not in ru, english
    en = law_cli("history")
    assert "a bill, not law: the latest stage found is the third reading on 2026-03-11" in en
    assert "2025-11-10 (reported)    government commission:" in en


def test_law_show_in_russian_says_the_effect_and_the_versions_days_in_russian() -> None:
    ru = law_cli("show", "ru.upk.464.1.7", "--lang", "ru", "--date", "2026-04-01")
    assert ru.splitlines()[0] == "ru.upk.464.1.7  п. 7 ч. 1 ст. 464 УПК РФ"
    assert "Criminal Procedure Code" not in ru  # the English citation is for English readers
    assert "действие: выдача не допускается" in ru
    assert "Редакция 1: с 19.03.2026 (дата выведена), действует до сих пор" in ru
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", ru.split("\nИсточники")[0].split("почему")[0])
    en = law_cli("show", "ru.upk.464.1.7")
    assert "effect: bars" in en and "Version 1: from 2026-03-19 (inferred), still in force" in en
