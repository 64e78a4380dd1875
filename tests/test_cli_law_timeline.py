"""`extrashield law ...` and `extrashield timeline` as a user runs them: exit 0, or 2 with a message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "extrashield" / "examples" / "nepali-serving.json"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_law_list_json_on_a_date() -> None:
    out = run("law", "list", "--date", "2026-03-19", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)["provisions"]}
    assert rows["ru.upk.464.1.7"]["status"] == "in_force"


def test_law_show_in_russian_quotes_the_statute() -> None:
    out = run("law", "show", "ru.upk.464.1.4", "--lang", "ru")
    assert out.returncode == 0, out.stderr
    assert "сроков давности" in out.stdout


def test_law_diff_json_names_point_7_as_added() -> None:
    out = run("law", "diff", "2026-03-01", "2026-04-01", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "ru.upk.464.1.7" in [c["provision"] for c in json.loads(out.stdout)["added"]]


def test_law_history_lists_the_stages_with_sources() -> None:
    out = run("law", "history", "--format", "json")
    assert out.returncode == 0, out.stderr
    h = json.loads(out.stdout)
    assert h["bill"] == "1075342-8"
    assert all(s["sources"] for s in h["stages"])
    text = run("law", "history").stdout
    assert "2026-03-19 (inferred)" in text and "UNCERTAIN" in text


@pytest.mark.parametrize(
    "args,needle",
    [
        (("law", "show", "ru.nothing"), "ru.nothing"),
        (("law", "list", "--date", "2026-02-30"), "--date"),
        (("law", "diff", "2026-04-01", "2026-03-01"), "D2"),
        (("law", "history", "--bill", "1-1"), "--bill"),
        (("timeline", str(EXAMPLE), "--from", "2026-05-01", "--to", "2026-04-01"), "--to"),
        (("timeline", str(EXAMPLE), "--from", "yesterday", "--to", "2026-04-01"), "--from"),
        (
            ("timeline", str(EXAMPLE), "--from", "2026-01-01", "--to", "2026-04-01", "--picture", "x.gif"),
            "--picture",
        ),
        (
            (
                "timeline",
                str(EXAMPLE),
                "--from",
                "2026-01-01",
                "--to",
                "2026-04-01",
                "--reading",
                "point7.limbs=maybe",
            ),
            "point7.limbs",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_problem(args: tuple[str, ...], needle: str) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert needle in out.stderr
    assert "Traceback" not in out.stderr


def test_an_invalid_case_exits_2_naming_the_field(tmp_path: Path) -> None:
    case = json.loads(EXAMPLE.read_text())
    case["person"]["citizenships"][0]["country"] = "XX"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(case))
    out = run("timeline", str(bad), "--from", "2026-01-01", "--to", "2027-01-01")
    assert out.returncode == 2
    assert "person.citizenships[0].country" in out.stderr


def test_timeline_json_and_picture(tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    out = run(
        "timeline",
        str(EXAMPLE),
        "--from",
        "2026-01-01",
        "--to",
        "2027-01-01",
        "--format",
        "json",
        "--picture",
        str(svg),
    )
    assert out.returncode == 0, out.stderr
    intervals = json.loads(out.stdout)["intervals"]
    assert intervals[0]["from"] == "2026-01-01" and intervals[-1]["until"] == "2027-01-01"
    assert [i["outcome"] for i in intervals] == ["permitted", "barred"]
    assert svg.read_text().lstrip().startswith("<?xml")
    assert "2026-03-19" in svg.read_text()
