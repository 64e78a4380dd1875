"""One law, two engines: the batch engine and `extrashield.assess` agree row by row.

Random cases (tests/batch_cases.py: unknowns, lists, dates around 2026-03-19, both readings of point 7,
invalid values) go through the JSON Lines reader and the screener exactly as `extrashield screen` runs
them, and each row is compared with `assess` on the same case: outcome, applies, depends_on with its
questions, the status of every ground (the column named by its provision id), and for an invalid case the
error message. So do the cases of every scenario file (tests/scenarios/), which sit on the thresholds the
law draws and which random cases rarely hit together.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extrashield
from extrashield.batch.formats import read_batches
from extrashield.batch.screening import Screener
from extrashield.errors import CaseError, ReadingError
from extrashield.rules import GROUNDS
from extrashield.testing.scenarios import build_case

from .batch_cases import DECISION_DAYS, case_strategy

READINGS = [
    {},
    {"point7.limbs": "combat_required"},
    {"point7.volunteer_formations": "included"},
    {"point7.limbs": "combat_required", "point7.volunteer_formations": "included"},
]
SCENARIOS = Path(__file__).resolve().parent / "scenarios"
EXAMPLES = 100
CASES_PER_EXAMPLE = 100  # 100 x 100 = 10,000 cases


def single(case: Any, decision_date: str | None, readings: dict[str, str]) -> dict[str, Any]:
    try:
        a = extrashield.assess(case, decision_date=decision_date, readings=readings)
    except CaseError as exc:
        return {
            "outcome": "invalid",
            "applies": [],
            "depends_on": [],
            "questions": [],
            "error": str(exc),
            **{g.provision: None for g in GROUNDS},
        }
    return {
        "outcome": a.outcome,
        "applies": a.applies,
        "depends_on": [p for p, _ in a.depends_on],
        "questions": [q for _, q in a.depends_on],
        "error": None,
        **{g.provision.id: g.status.value for g in a.grounds},
    }


def batch(
    cases: list[Any], tmp: Path, decision_date: str | None, readings: dict[str, str]
) -> list[dict[str, Any]]:
    path = tmp / "cases.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    screener = Screener(decision_date=decision_date, readings=readings)
    out: list[dict[str, Any]] = []
    for b in read_batches(path, "jsonl", batch_size=1000, decision_date=screener.day):
        out.extend(screener.screen(b.data, b.raw, b.invalid).batch.to_pylist())
    return out


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(
    cases=st.lists(case_strategy, min_size=CASES_PER_EXAMPLE, max_size=CASES_PER_EXAMPLE),
    readings=st.sampled_from(READINGS),
    override=st.one_of(st.none(), st.sampled_from(DECISION_DAYS).map(lambda d: d.isoformat())),
)
def test_batch_and_single_case_answers_agree_row_by_row(
    tmp_path_factory: pytest.TempPathFactory, cases: list[Any], readings: dict[str, str], override: str | None
) -> None:
    tmp = tmp_path_factory.mktemp("agree")
    got = batch(cases, tmp, override, readings)
    assert len(got) == len(cases)
    for i, (case, row) in enumerate(zip(cases, got)):
        want = single(case, override, readings)
        assert {k: row[k] for k in want} == want, f"row {i}: {json.dumps(case)}"


def _scenario_cases() -> dict[tuple[tuple[str, str], ...], list[Any]]:
    """The cases of every `assess` scenario, grouped by the readings they are assessed under."""
    by_readings: dict[tuple[tuple[str, str], ...], list[Any]] = {}
    for path in sorted(SCENARIOS.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for spec in data["cases"]:
            if spec.get("command", data.get("command", "assess")) != "assess":
                continue
            key = tuple(sorted((spec.get("readings") or {}).items()))
            by_readings.setdefault(key, []).append(build_case(spec, data.get("base")))
    return by_readings


def test_batch_and_single_case_answers_agree_on_every_scenario_case(tmp_path: Path) -> None:
    groups = _scenario_cases()
    assert sum(len(cases) for cases in groups.values()) > 300  # every file was read
    for key, cases in groups.items():
        readings = dict(key)
        try:
            got = batch(cases, tmp_path, None, readings)
        except ReadingError as exc:  # both refuse a reading the law does not define, whatever the case
            assert all(single(case, None, readings)["error"] == str(exc) for case in cases)
            continue
        assert len(got) == len(cases)
        for case, row in zip(cases, got):
            want = single(case, None, readings)
            assert {k: row[k] for k in want} == want, f"readings {readings}: {json.dumps(case)}"
