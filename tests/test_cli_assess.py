"""`extrashield assess` as a user runs it: exit 0 for any outcome, 2 with a message for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "extrashield" / "examples" / "nepali-serving.json"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=60,
    )


def test_report_puts_the_outcome_first_and_cites_point_7() -> None:
    out = run("assess", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith("OUTCOME: BARRED")
    assert "ru.upk.464.1.7" in out.stdout
    assert "Federal Law No. 50-FZ" in out.stdout


def test_russian_report_quotes_the_russian_statute_text() -> None:
    out = run("assess", str(EXAMPLE), "--lang", "ru")
    assert out.returncode == 0
    assert "военную службу по контракту" in out.stdout


def test_json_answer_has_the_contract_fields() -> None:
    out = run("assess", str(EXAMPLE), "--format", "json")
    answer: dict[str, Any] = json.loads(out.stdout)
    assert answer["outcome"] == "barred"
    assert answer["law_digest"].startswith("sha256:")
    assert answer["interpretations"] == {
        "point7.limbs": "two_limbs",
        "point7.volunteer_formations": "excluded",
    }
    point7 = next(g for g in answer["grounds"] if g["provision"] == "ru.upk.464.1.7")
    assert point7["status"] == "applies"
    assert point7["version"] == {**point7["version"], "valid_from": "2026-03-19", "certainty": "inferred"}


def test_decision_date_and_reading_options_change_the_answer() -> None:
    before = json.loads(
        run("assess", str(EXAMPLE), "--format", "json", "--decision-date", "2026-03-18").stdout
    )
    point7 = next(g for g in before["grounds"] if g["provision"] == "ru.upk.464.1.7")
    assert point7["status"] == "not_in_force"
    strict = json.loads(
        run("assess", str(EXAMPLE), "--format", "json", "--reading", "point7.limbs=combat_required").stdout
    )
    assert strict["outcome"] == "undetermined"
    assert [d["fact"] for d in strict["depends_on"]] == ["person.military_service[0].combat"]


def test_standard_input_is_read_for_a_dash() -> None:
    out = run("assess", "-", "--format", "json", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert json.loads(out.stdout)["outcome"] == "barred"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["assess", "missing.json"], None, "no such file"),
        (["assess", "-"], "{not json", "not valid JSON"),
        (["assess", "-"], '{"decision_date": "2026-02-30"}', "decision_date"),
        (
            ["assess", "-"],
            '{"decision_date": "2026-04-01", "person": {"citizenships": [{"country": "XY"}]}}',
            "person.citizenships[0].country",
        ),
        (["assess", str(EXAMPLE), "--reading", "point7.limbs"], None, "KEY=VALUE"),
        (["assess", str(EXAMPLE), "--reading", "point7.limbs=maybe"], None, "unknown value 'maybe'"),
        (["assess", str(EXAMPLE), "--reading", "point8=x"], None, "unknown reading 'point8'"),
        (["assess", str(EXAMPLE), "--format", "xml"], None, "--format"),
        (["assess", str(EXAMPLE), "--decision-date", "2026-13-01"], None, "decision_date"),
        (
            ["assess", str(EXAMPLE), "--decision-date", "2005-01-01"],
            None,
            "earliest date the law data covers",
        ),
    ],
)
def test_invalid_input_exits_2_with_the_problem_on_stderr_and_no_traceback(
    args: list[str], stdin: str | None, message: str
) -> None:
    out = run(*args, stdin=stdin)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""
