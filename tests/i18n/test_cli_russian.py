"""`--lang ru` on the command line: every text of the report in Russian, the default from the locale, JSON
with English keys and ids and Russian texts, errors in Russian; the README's Russian example prints
Russian."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**base, **(env or {})},
    )


def readme_russian_examples() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        line.split()[3:]
        for line in text.splitlines()
        # an example that writes a file (the memo's `-o`) prints nothing to read here: tests/test_memo.py
        if line.startswith("uv run extrashield ") and "--lang ru" in line and " -o " not in line
    ]


def test_the_readme_has_a_russian_example() -> None:
    assert readme_russian_examples() != []


@pytest.mark.parametrize("args", readme_russian_examples(), ids=" ".join)
def test_the_readmes_russian_example_prints_russian(args: list[str]) -> None:
    ru = run(*args)
    en = run(*[a if a != "ru" else "en" for a in args])
    assert ru.returncode == en.returncode == 0, ru.stderr
    assert ru.stdout != en.stdout
    # every line that is not data (ids, paths, dates) or a statute quotation says something in Russian
    first = ru.stdout.splitlines()[0]
    assert CYRILLIC.search(first), first


def test_every_heading_and_reason_of_the_report_is_russian() -> None:
    out = run("assess", str(EXAMPLES / "nepali-serving.json"), "--lang", "ru")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ИТОГ: ВЫДАЧА НЕ ДОПУСКАЕТСЯ")
    assert "Применимые основания" in out.stdout
    assert "п. 7 ч. 1 ст. 464 УПК РФ [ru.upk.464.1.7] — выдача не допускается" in out.stdout
    reasons = [line for line in out.stdout.splitlines() if line.strip().startswith("поскольку")]
    assert reasons and not any(line.strip().startswith("because") for line in out.stdout.splitlines())
    assert "лицо принимало участие в боевых действиях в составе этого формирования" in out.stdout
    assert "Открытые правовые вопросы, от которых зависит этот итог" in out.stdout
    for english in ("OUTCOME", "Grounds that apply", "Other grounds checked", "does not apply", ": true"):
        assert english not in out.stdout


def test_the_russian_report_and_timeline_write_days_and_the_version_as_russian_documents_do() -> None:
    report = run("assess", str(EXAMPLES / "nepali-serving.json"), "--lang", "ru")
    assert report.returncode == 0, report.stderr
    assert "Дата решения 01.04.2026" in report.stdout
    assert "редакция действует с 19.03.2026" in report.stdout
    assert "акт: Федеральный закон от 08.03.2026 № 50-ФЗ" in report.stdout
    version_line = next(line for line in report.stdout.splitlines() if "редакция действует" in line)
    for line in [*report.stdout.splitlines()[:2], version_line]:  # fact values in "поскольку" stay ISO data
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", line), line
    timeline = run(
        "timeline",
        str(EXAMPLES / "nepali-serving.json"),
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-01",
        "--lang",
        "ru",
    )
    assert timeline.returncode == 0, timeline.stderr
    assert "с 01.01.2026 по 31.05.2026" in timeline.stdout
    assert "19.03.2026 … 31.05.2026" in timeline.stdout
    assert "(дата: выведена;" in timeline.stdout  # said of the date: agrees with «дата»
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", timeline.stdout)
    english = run("assess", str(EXAMPLES / "nepali-serving.json"), "--lang", "en")
    assert "Decision date 2026-04-01" in english.stdout  # English keeps ISO days


def test_the_russian_removal_report_cites_and_explains_its_shields_in_russian() -> None:
    ru = run("removal", str(EXAMPLES / "nepali-serving.json"), "--lang", "ru")
    assert ru.returncode == 0, ru.stderr
    assert ru.stdout.startswith("СПОСОБЫ УДАЛЕНИЯ ИЗ РОССИИ на 01.04.2026")
    assert "п. 7 ч. 1 ст. 464 УПК РФ [ru.upk.464.1.7] применяется (выдача не допускается)" in ru.stdout
    assert "ст. 4.1 КоАП РФ (законопроект № 1075363-8) [ru.koap.4.1.expulsion_bar]" in ru.stdout
    assert "если законопроект не принят или ещё не применяется на 01.04.2026: открыт" in ru.stdout
    said = " ".join(ru.stdout.split())
    assert "осторожно: принятие не подтверждено." in said
    assert "после третьего чтения 11.03.2026 каждый из шагов" in said
    for english in ("Criminal Procedure Code", "If adopted", "the bill was", "(bars)", "undetermined"):
        assert english not in said, english
    en = run("removal", str(EXAMPLES / "nepali-serving.json"), "--lang", "en")
    assert en.stdout.startswith("REMOVAL ROUTES on 2026-04-01")
    assert "If adopted, the law could apply from 2026-03-22 at the earliest" in " ".join(en.stdout.split())


def test_the_russian_state_brief_says_why_the_country_is_on_the_reported_blacklist_in_russian() -> None:
    ru = " ".join(run("states", "IN", "--lang", "ru").stdout.split())
    assert "ДА - названа в списке list_43, о котором сообщалось (43 стран(ы)" in ru
    assert "named in the reported list" not in ru
    en = " ".join(run("states", "IN").stdout.split())
    assert "named in the reported list list_43 (43 countries, reported from" in en


@pytest.mark.parametrize(
    "env, first",
    [
        ({"LANG": "ru_RU.UTF-8"}, "ИТОГ:"),
        ({"LANG": "en_US.UTF-8"}, "OUTCOME:"),
        ({"LC_ALL": "C"}, "OUTCOME:"),
    ],
)
def test_the_locale_chooses_the_default_language(env: dict[str, str], first: str) -> None:
    out = run("assess", str(EXAMPLES / "nepali-serving.json"), env=env)
    assert out.stdout.startswith(first), out.stderr


def test_lang_overrides_the_locale() -> None:
    out = run("assess", str(EXAMPLES / "nepali-serving.json"), "--lang", "en", env={"LANG": "ru_RU.UTF-8"})
    assert out.stdout.startswith("OUTCOME:")


def _without_texts(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with its texts for people blanked: what must not change with the language."""
    out: dict[str, Any] = json.loads(json.dumps(answer))
    for g in out["grounds"]:
        g["because"] = len(g["because"])
    for key in ("depends_on", "also_unknown", "open_questions"):
        for q in out.get(key) or []:
            q["question"] = None
    return out


@pytest.mark.parametrize("example", ["nepali-serving.json", "kazakh-combat-unknown.json"])
def test_json_keeps_keys_and_ids_in_english_and_carries_russian_texts(example: str) -> None:
    en = json.loads(run("assess", str(EXAMPLES / example), "--format", "json", "--lang", "en").stdout)
    ru = json.loads(run("assess", str(EXAMPLES / example), "--format", "json", "--lang", "ru").stdout)
    assert _without_texts(ru) == _without_texts(en)
    texts = [b for g in ru["grounds"] for b in g["because"]]
    texts += [q["question"] for key in ("depends_on", "open_questions") for q in ru[key]]
    assert texts and all(CYRILLIC.search(t) for t in texts), [t for t in texts if not CYRILLIC.search(t)]


def test_an_invalid_case_is_refused_in_russian_with_the_field_path_unchanged(tmp_path: Path) -> None:
    case = json.loads((EXAMPLES / "nepali-serving.json").read_text(encoding="utf-8"))
    case["person"]["birth_date"] = "1995-02-30"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    ru, en = run("assess", str(path), "--lang", "ru"), run("assess", str(path), "--lang", "en")
    assert ru.returncode == en.returncode == 2
    assert en.stderr.strip() == "error: person.birth_date: '1995-02-30' is not a real calendar date"
    assert ru.stderr.strip() == "ошибка: person.birth_date: '1995-02-30' — несуществующая календарная дата"


def test_an_unknown_language_is_refused() -> None:
    out = run("assess", str(EXAMPLES / "nepali-serving.json"), "--lang", "de")
    assert out.returncode == 2
    assert "--lang 'de': expected one of en, ru" in out.stderr


def test_help_is_in_the_language_of_lang_or_of_the_locale() -> None:
    ru = run("assess", "--help", "--lang", "ru")
    assert ru.returncode == 0
    said = " ".join(ru.stdout.split())  # as wrapped for the terminal
    assert "Сказать, не допускается ли выдача" in said
    assert "Решать на эту дату вместо даты, указанной в деле." in said
    root = run("--help", env={"LANG": "ru_RU.UTF-8"})
    assert "Когда Россия обязана или вправе отказать в выдаче" in root.stdout
    en = run("assess", "--help")
    assert "Say whether extradition is barred" in en.stdout


@pytest.mark.parametrize(
    "args, first",
    [
        (
            ["eligibility", "contract", "stateless-recruit.json", "--decision-date", "2025-08-01"],
            "Вправе ли лицо",
        ),
        (["eligibility", "citizenship", "nepali-serving.json"], "Вправе ли лицо"),
        (["removal", "nepali-serving.json", "--decision-date", "2026-04-01"], "СПОСОБЫ УДАЛЕНИЯ ИЗ РОССИИ"),
        (
            ["timeline", "nepali-serving.json", "--from", "2026-01-01", "--to", "2027-01-01"],
            "Хронология дела",
        ),
        (
            ["law", "show", "ru.upk.464.1.7", "--date", "2026-03-19"],
            "ru.upk.464.1.7  п. 7 ч. 1 ст. 464 УПК РФ",
        ),
    ],
    ids=lambda a: a[0] if isinstance(a, list) else "",
)
def test_other_reports_speak_russian_and_keep_their_english(args: list[str], first: str) -> None:
    args = [str(EXAMPLES / a) if a.endswith(".json") else a for a in args]
    ru, en = run(*args, "--lang", "ru"), run(*args, "--lang", "en")
    assert ru.returncode == en.returncode == 0, ru.stderr
    assert ru.stdout.startswith(first)
    assert not CYRILLIC.search(en.stdout.splitlines()[0])
    reasons = [line for line in ru.stdout.splitlines() if line.strip().startswith("- ") and ": " in line]
    assert not any(line.rstrip().endswith((": true", ": false")) for line in reasons)


@pytest.mark.parametrize("command", [["eligibility", "contract"], ["removal"]])
def test_their_json_keeps_keys_and_ids_and_carries_russian_reasons(command: list[str]) -> None:
    case = str(EXAMPLES / "stateless-recruit.json")
    en = json.loads(run(*command, case, "--format", "json", "--lang", "en").stdout)
    ru = json.loads(run(*command, case, "--format", "json", "--lang", "ru").stdout)

    def shape(x: Any) -> Any:  # keys and every value but the texts for people
        if isinstance(x, dict):
            return {k: None if k in ("because", "question", "law_why") else shape(v) for k, v in x.items()}
        return [shape(v) for v in x] if isinstance(x, list) else x

    assert shape(ru) == shape(en)
    assert "поскольку" not in json.dumps(ru, ensure_ascii=False)  # reasons, not the report's word
    assert re.search(r": (да|нет|неизвестно)", json.dumps(ru, ensure_ascii=False))


@pytest.mark.parametrize("ident", ["ru.upk.464.1.7", "ru.uk.15"])
def test_law_show_in_russian_gives_each_versions_act_reason_and_source_notes_in_russian(ident: str) -> None:
    from extrashield import default_lawbook
    from extrashield.i18n import data_text, using

    provision = default_lawbook().provisions[ident]
    ru = run("law", "show", ident, "--lang", "ru")
    assert ru.returncode == 0, ru.stderr
    said = " ".join(ru.stdout.split())
    v = next(v for v in provision.versions if v.valid_from_why and v.sources)
    for text in (v.act, v.valid_from_why, v.sources[0].supports):
        with using("ru"):
            russian = data_text(text)
        assert russian != text and " ".join(russian.split()) in said
    for text in (v.valid_from_why, v.sources[0].supports):  # the act's words recur in the English citation
        assert " ".join(text.split()) not in said
