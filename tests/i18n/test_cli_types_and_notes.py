"""Click's type names and a person list's notes in the language of the run: `--workers ЦЕЛОЕ ЧИСЛО` and
"'Непал' прочитано как NP (Непал)" in Russian; English as before, in the same process too (the readers'
results are cached per language)."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa

from extrashield.facts.country_names import read_country
from extrashield.facts.person_columns import map_columns
from extrashield.facts.person_list import plan_headers
from extrashield.i18n import using

from .test_cli_russian import EXAMPLES, run


def test_russian_help_names_option_types_in_russian() -> None:
    ru = run("screen", "--help", "--lang", "ru").stdout
    en = run("screen", "--help", "--lang", "en").stdout
    assert "--workers ЦЕЛОЕ ЧИСЛО" in ru and "--input-format ТЕКСТ" in ru
    assert "INTEGER" not in ru and " TEXT " not in ru
    assert "--workers INTEGER RANGE" in en and "--input-format TEXT" in en
    memo = run("memo", "--help", "--lang", "ru").stdout
    assert "--output ФАЙЛ" in memo and "по расширению ФАЙЛА" in memo


def test_russian_errors_name_the_expected_type_in_russian() -> None:
    ru = run("screen", "in.csv", "out.csv", "--workers", "abc", "--lang", "ru")
    en = run("screen", "in.csv", "out.csv", "--workers", "abc", "--lang", "en")
    assert ru.returncode == en.returncode == 2
    assert "'abc' — ожидается целое число" in ru.stderr and "integer" not in ru.stderr
    assert "'abc' is not a valid integer range" in en.stderr


def test_the_notes_of_a_screened_person_list_follow_the_language_of_the_run(tmp_path: Path) -> None:
    notes = {}
    for lang in ("ru", "en"):
        out = tmp_path / f"{lang}.csv"
        got = run("screen", str(EXAMPLES / "recruits.csv"), str(out), "--lang", lang)
        assert got.returncode == 0, got.stderr
        with out.open(encoding="utf-8") as f:
            notes[lang] = " ".join(row["notes"] for row in csv.DictReader(f))
    assert "nationality: 'Непал' прочитано как NP (Непал)" in notes["ru"]
    assert " read as " not in notes["ru"] and "known only to the" not in notes["ru"]
    assert "nationality: 'Непал' read as NP (Nepal)" in notes["en"]


def test_one_process_reads_the_same_cells_in_each_language_it_is_asked_in() -> None:
    table = pa.table({"name": ["Тапа Рамеш"], "nationality": ["Непал"], "birth_date": ["1990"]})
    plan = plan_headers(table.column_names)
    said = {}
    for lang in ("en", "ru", "en"):
        with using(lang):
            said.setdefault(lang, set()).add(map_columns(table, plan).notes[0].as_py())
            assert read_country("Непал").note == (
                "'Непал' read as NP (Nepal)" if lang == "en" else "'Непал' прочитано как NP (Непал)"
            )
    assert said["en"] == {
        "birth_date: '1990' is known only to the year: a day from 1990-01-01 to 1990-12-31; "
        "nationality: 'Непал' read as NP (Nepal)"
    }
    (ru,) = said["ru"]
    assert ru is not None and "прочитано как NP (Непал)" in ru and "с точностью до года" in ru
