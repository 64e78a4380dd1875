"""The labelled pairs of benchmarks/data/match/ hold the matcher to its targets (issue 17 item 6): F1 at the
default threshold and precision at the "likely match" threshold, on the hand-written core and on the
held-out generated pairs. benchmarks/match_quality.py gives the full figures and the baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from extrashield.matching import DEFAULT_THRESHOLD, LIKELY_MATCH, person_from_row, score_pair

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "match"


def pairs(split: str) -> list[dict[str, Any]]:
    if split == "core":
        return list(yaml.safe_load((DATA / "core.yaml").read_text(encoding="utf-8")))
    rows = [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["split"] == split]


def measure(rows: list[dict[str, Any]], threshold: float) -> tuple[float, float]:
    """(precision, F1) at the threshold."""
    scored = [
        (score_pair(person_from_row(r["wanted"]), person_from_row(r["recruit"])).score, r["label"])
        for r in rows
    ]
    tp = sum(1 for s, y in scored if s >= threshold and y)
    fp = sum(1 for s, y in scored if s >= threshold and not y)
    fn = sum(1 for s, y in scored if s < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("split", ["core", "holdout", "holdout-noisy"])
def test_f1_at_the_default_threshold_meets_the_target(split: str) -> None:
    rows = pairs(split)
    assert len(rows) >= 50 and {r["label"] for r in rows} == {0, 1}
    _, f1 = measure(rows, DEFAULT_THRESHOLD)
    assert f1 >= 0.93


@pytest.mark.parametrize("split", ["core", "holdout", "holdout-noisy"])
def test_precision_at_the_likely_match_threshold_meets_the_target(split: str) -> None:
    precision, _ = measure(pairs(split), LIKELY_MATCH)
    assert precision >= 0.95


def test_the_labelled_set_has_at_least_400_cross_script_pairs_over_the_recruiting_countries() -> None:
    rows = [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    countries = {r["country"] for r in rows}
    assert len(rows) >= 400
    assert {
        "NP",
        "IN",
        "LK",
        "CU",
        "CO",
        "SO",
        "SY",
        "EG",
        "IQ",
        "YE",
        "GH",
        "CM",
        "KE",
        "TJ",
        "UZ",
        "KG",
        "CN",
        "KP",
        "BD",
        "BR",
        "RS",
    } <= countries
    kinds = {r["kind"] for r in rows if not r["label"]}
    assert {"namesake", "relative", "same_surname", "ten_years"} <= kinds
