"""How `extrashield assess` and `timeline` read their input: a case file that cannot be read, readings given
twice, a missing range bound: exit 2 with the field and the problem on stderr, never a traceback or an
"internal error". And `extrashield.assess` refuses readings that are not a mapping."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import extrashield
from extrashield import CaseError, ReadingError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "extrashield" / "examples" / "nepali-serving.json"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        [sys.executable, "-m", "extrashield", *args],
        capture_output=True,
        input=stdin,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode(), out.stderr.decode())


def _refused(out: subprocess.CompletedProcess[str], *words: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    for word in words:
        assert word in out.stderr, out.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            b'{"decision_date":"2026-04-01","request":{"offense":{"max_penalty_years":'
            + b"9" * 5000
            + b"}}}",
            ("request.offense.max_penalty_years", "number too large"),
        ),
        (b'{"id":"\\ud800","decision_date":"2026-04-01"}', ("id", "lone surrogate")),
        (
            b'{"decision_date":"2026-04-01","decision_date":"2026-03-01"}',
            ("decision_date", "given twice in the same object"),
        ),
        (b'{"id":"\xff"}', ("not valid UTF-8",)),
    ],
)
def test_a_case_file_that_cannot_be_read_exits_2_naming_the_field(
    tmp_path: Path, text: bytes, words: tuple[str, ...]
) -> None:
    case = tmp_path / "case.json"
    case.write_bytes(text)
    _refused(run("assess", str(case)), *words)
    _refused(run("timeline", str(case), "--from", "2026-01-01", "--to", "2026-06-01"), *words)
    _refused(run("assess", "-", stdin=text), *words)


def test_a_case_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    case = tmp_path / "bom.json"
    case.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    out = run("assess", str(case), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert (
        json.loads(out.stdout)
        == extrashield.assess(json.loads(EXAMPLE.read_text(encoding="utf-8"))).to_dict()
    )


def test_a_reading_given_twice_with_different_values_exits_2() -> None:
    out = run(
        "assess",
        str(EXAMPLE),
        "--reading",
        "point7.limbs=two_limbs",
        "--reading",
        "point7.limbs=combat_required",
    )
    _refused(out, "--reading", "point7.limbs", "given twice")
    out = run(
        "timeline",
        str(EXAMPLE),
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-01",
        "--reading",
        "point7.limbs=two_limbs",
        "--reading",
        "point7.limbs=combat_required",
    )
    _refused(out, "point7.limbs", "given twice")


def test_a_reading_error_names_the_option_as_the_api_names_its_parameter() -> None:
    # one parser (extrashield.engine.readings) for both; the command line puts its option before the problem
    malformed = run("assess", str(EXAMPLE), "--reading", "point7.limbs")
    assert (malformed.returncode, malformed.stderr) == (
        2,
        "error: --reading 'point7.limbs': expected KEY=VALUE, e.g. point7.limbs=combat_required\n",
    )
    twice = run(
        "assess",
        str(EXAMPLE),
        "--reading",
        "point7.limbs=two_limbs",
        "--reading",
        "point7.limbs=combat_required",
    )
    assert (twice.returncode, twice.stderr) == (
        2,
        "error: --reading point7.limbs: given twice with different values ('two_limbs' and 'combat_required'); give it once\n",
    )


def test_the_same_reading_twice_is_accepted() -> None:
    out = run(
        "assess",
        str(EXAMPLE),
        "--format",
        "json",
        "--reading",
        "point7.limbs=combat_required",
        "--reading",
        "point7.limbs=combat_required",
    )
    assert (
        out.returncode == 0 and json.loads(out.stdout)["interpretations"]["point7.limbs"] == "combat_required"
    )


@pytest.mark.parametrize(
    ("given", "missing"),
    [(("--from", "2026-01-01"), "--to"), (("--to", "2026-06-01"), "--from"), ((), "--from")],
)
def test_timeline_says_which_range_bound_is_missing(given: tuple[str, ...], missing: str) -> None:
    out = run("timeline", str(EXAMPLE), *given)
    _refused(out, f"{missing} is required")
    assert "NoneType" not in out.stderr


@pytest.mark.parametrize(
    "readings", [["point7.limbs=combat_required"], "point7.limbs=combat_required", ("a", "b")]
)
def test_python_assess_refuses_readings_that_are_not_a_mapping(readings: object) -> None:
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with pytest.raises(ReadingError, match="must be a mapping") as info:
        extrashield.assess(case, readings=readings)  # type: ignore[arg-type]
    assert isinstance(info.value, CaseError)


@pytest.mark.parametrize("readings", [{"point7.limbs": 1}, {"point7.limbs": ["two_limbs"]}, {7: "two_limbs"}])
def test_python_assess_refuses_readings_that_are_not_text(readings: object) -> None:
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with pytest.raises(ReadingError):
        extrashield.assess(case, readings=readings)  # type: ignore[arg-type]
