"""`--lang ru` on every command: each command and group takes it, its help (Click's and Typer's own
words too) and a typical run say no English sentence, JSON keeps its keys, ids and codes in English and
carries its texts for people in Russian, and bad input is refused in Russian with the paths unchanged.

"No English sentence" is checked word by word: a Latin word is allowed when it is an id, a code, a
column, a path, an option or its value, a command's name, or the name of a format or product (the
allow-list below, by kind). Law data written in English (treaty summaries, sources, notes) is shown as
written and is not run here."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import click
import pytest

with warnings.catch_warnings():
    # Typer 0.16 imports a name that Click 8.2+ deprecates (the tests turn warnings into errors)
    warnings.filterwarnings("ignore", r"'click\.utils\.get_\w+_stream' is deprecated", DeprecationWarning)
    from extrashield.adapters.cli.reference import root_command, walk

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

ALLOWED = {
    # the program as `python -m extrashield` names itself in the usage line
    "python",
    "extrashield",
    # languages, formats and their endings, option values
    *"ru en text json jsonl ndjson csv xlsx parquet pq pdf docx yaml yml svg png ftm local spark".split(),
    *"Lines Parquet CSV JSON XLSX YAML UTF".split(),
    # products and standards named as such
    *"Spark SQLAlchemy SQLite PostgreSQL FollowTheMoney FtM OpenAPI Datasette Excel pip install".split(),
    "loopback",  # the network term, in brackets after its Russian
    "stderr",
    "Retry",  # the Retry-After header
    "After",
    # columns and values of the contract (docs/contract.md §3, §3b, §5, §6) and of the registry
    *"id name aliases nationality region contract offence purpose error questions notes applies".split(),
    *"outcome invalid barred permitted undetermined may_refuse eligible yes no unknown true false".split(),
    *"from until to intervals match likely possible unsure judgement judgements confirmed".split(),
    *"person source request decision all data given actor entries problem head seq hash at anchor ok".split(),
    *"admin editor reader active expired revoked bearer".split(),
    *"inferred reported recalled assumed".split(),  # how certain a date is (the law data's codes)
    "Person",  # the FollowTheMoney schema
    # example values in the help (user names, a country code)
    "ana",
    "alice",
    "NP",
}


def latin_words(text: str) -> list[str]:
    """The Latin words of `text` that are not ids, codes, paths or options: a token holding `_ . / \\ @ = |
    < > :`, a digit or an inner hyphen (ru-br-extradition, SEQ:HASH), an option (`--x`), or a word in
    capitals (a metavar such as INPUT, a code) is data."""
    out = []
    for token in text.split():
        core = token.strip("()[]{}<>,;:.!?\"'«»`*")
        if (
            re.search(r"[_/\\.@=|<>:\d]|\w-\w", core)
            or core.startswith("-")
            or re.fullmatch(r"[A-Z][A-Z0-9._-]*", core)
        ):
            continue
        out += re.findall(r"[A-Za-z]{2,}", core)
    return out


def english_left(text: str, commands: set[str]) -> list[str]:
    unwrapped = re.sub(r"-\n\s+", "-", text)  # an option the help's wrapping cut at its hyphen
    return sorted({w for w in latin_words(unwrapped) if w not in ALLOWED and w not in commands})


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**base, **(env or {})},
    )


def command_paths() -> list[str]:
    root = root_command()
    return [ctx.command_path for _c, ctx in walk(root, click.Context(root, info_name="extrashield"))]


COMMAND_WORDS = {word for path in command_paths() for word in re.split(r"[ -]", path)}


def test_every_command_and_group_takes_lang() -> None:
    root = root_command()
    missing = [
        ctx.command_path
        for command, ctx in walk(root, click.Context(root, info_name="extrashield"))
        if not any("--lang" in p.opts for p in command.params)
    ]
    assert missing == []


@pytest.mark.parametrize("path", command_paths())
def test_the_help_of_every_command_is_russian(path: str) -> None:
    out = run(*path.split()[1:], "--help", "--lang", "ru")
    assert out.returncode == 0, out.stderr
    assert english_left(out.stdout, COMMAND_WORDS) == []
    assert "Использование:" in out.stdout and "Показать эту справку и выйти." in out.stdout


def test_the_locale_makes_click_speak_russian_too() -> None:
    out = run("screen", "--help", env={"LANG": "ru_RU.UTF-8"})
    assert out.stdout.startswith("Использование: python -m extrashield screen [ПАРАМЕТРЫ] INPUT OUTPUT")
    assert run("screen", "--help").stdout.startswith("Usage: python -m extrashield screen [OPTIONS]")


@pytest.mark.parametrize(
    "args, message",
    [
        (["screen"], "Ошибка: Не указан аргумент 'INPUT'."),
        (["memo", "x.json"], "Ошибка: Не указан параметр '-o' / '--output'."),
        (["states", "--bogus"], "Ошибка: Нет параметра '--bogus'."),
        (["screen", "a.csv", "b.csv", "--workers", "0"], "'--workers': 0 вне диапазона 1<=x<=64."),
        (["lawx"], "Ошибка: Нет команды 'lawx'. Возможно, имелось в виду 'law'?"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_clicks_errors_are_russian_and_exit_2(args: list[str], message: str) -> None:
    out = run(*args, "--lang", "ru")
    assert out.returncode == 2, out.stderr
    assert message in out.stderr
    assert english_left(out.stderr, COMMAND_WORDS | {"lawx"}) == []  # the user's own word, said back


def test_a_missing_argument_is_clicks_error_not_an_internal_one() -> None:
    out = run("screen")
    assert out.returncode == 2
    assert "Error: Missing argument 'INPUT'." in out.stderr and "internal error" not in out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "cases.jsonl", "OUT/r.csv"],
        ["screen", "recruits.csv", "OUT/r.csv"],
        ["impact", "cases.jsonl", "--from-date", "2026-03-18", "--to-date", "2026-03-19"],
        ["match", "wanted.csv", "recruits.csv", "OUT/pairs.csv", "--decision-date", "2026-04-01"],
        ["states", "--date", "2026-04-01"],
        ["memo", "nepali-serving.json", "-o", "OUT/memo.pdf"],
        ["lists", "to-ftm", "recruits.csv", "OUT/r.ftm.json", "--dataset", "ru_recruits"],
        ["screen", "nope.jsonl", "OUT/r.csv"],
        ["screen", "cases.jsonl", "OUT/r.txt"],
        ["states", "XX"],
        ["law", "show", "ru.upk.999"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_typical_run_says_nothing_in_english(args: list[str], tmp_path: Path) -> None:
    args = [a.replace("OUT", str(tmp_path)) if a.startswith("OUT/") else _example(a) for a in args]
    out = run(*args, "--lang", "ru", env={"EXTRASHIELD_DATABASE": f"sqlite:///{tmp_path}/registry.db"})
    said = out.stdout + out.stderr
    assert CYRILLIC.search(said), said
    assert english_left(said, COMMAND_WORDS) == [], said


def _example(arg: str) -> str:
    """An example file's path for its name; any other argument as it is."""
    return str(EXAMPLES / arg) if (EXAMPLES / arg).is_file() or arg == "nope.jsonl" else arg


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_screens_json_keeps_keys_ids_and_codes_and_asks_in_russian(tmp_path: Path) -> None:
    for lang in ("en", "ru"):
        assert (
            run(
                "screen", str(EXAMPLES / "cases.jsonl"), str(tmp_path / f"{lang}.jsonl"), "--lang", lang
            ).returncode
            == 0
        )
    en, ru = _rows(tmp_path / "en.jsonl"), _rows(tmp_path / "ru.jsonl")

    def shape(row: dict[str, Any]) -> dict[str, Any]:  # everything but the texts for people
        return {k: (None if k in ("questions", "error") else v) for k, v in row.items()}

    assert [shape(r) for r in ru] == [shape(r) for r in en]
    asked = [q for r in ru for q in r["questions"] or []]
    assert asked and all(CYRILLIC.search(q) for q in asked)
    errors = [r["error"] for r in ru if r.get("error")]
    assert errors and all(e.startswith("person.stateles: ") and CYRILLIC.search(e) for e in errors)


def test_matchs_explanation_is_russian_and_the_rest_unchanged(tmp_path: Path) -> None:
    args = [str(EXAMPLES / "wanted.csv"), str(EXAMPLES / "recruits.csv")]
    for lang in ("en", "ru"):
        out = run(
            "match", *args, str(tmp_path / f"{lang}.csv"), "--decision-date", "2026-04-01", "--lang", lang
        )
        assert out.returncode == 0, out.stderr
    en, ru = (
        list(csv.DictReader(io.StringIO((tmp_path / f"{lang}.csv").read_text(encoding="utf-8"))))
        for lang in ("en", "ru")
    )
    assert list(ru[0]) == list(en[0])  # the columns of docs/contract.md §6
    words = ("explanation", "questions", "notes")
    assert [{k: v for k, v in r.items() if k not in words} for r in ru] == [
        {k: v for k, v in r.items() if k not in words} for r in en
    ]
    assert all(
        r["explanation"].startswith(("Вероятно, одно и то же лицо", "Возможно, одно и то же лицо"))
        for r in ru
    )
    assert all(r["verdict"] in ("likely match", "possible match") for r in ru)  # a code, as in English


def test_laws_json_is_data_and_its_text_says_the_status_in_russian() -> None:
    """`law list`'s JSON is the API's (`GET /v1/law/provisions`): its notes are data, in English, in either
    language; the text for people says them in Russian."""
    args = ("law", "list", "--date", "2026-03-19")
    en = json.loads(run(*args, "--format", "json", "--lang", "en").stdout)
    ru = json.loads(run(*args, "--format", "json", "--lang", "ru").stdout)
    assert ru == en
    text = run(*args, "--lang", "ru").stdout
    assert "ru.upk.464.1.7" in text
    line = next(x for x in text.splitlines() if x.startswith("ru.upk.464.1.7 "))
    assert "действует с 19.03.2026 (дата выведена)  — п. 7 ч. 1 ст. 464 УПК РФ" in line
