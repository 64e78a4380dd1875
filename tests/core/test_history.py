"""The bill's legislative history: loaded strictly, every error naming the file and the key."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
import yaml

from extrashield.errors import LawDataError
from extrashield.sources.history import HISTORY_DIR, bill_history, read_history

RAW: dict[str, Any] = yaml.safe_load((HISTORY_DIR / "bill-1075342-8.yaml").read_text(encoding="utf-8"))


def test_the_bill_goes_from_commission_to_entry_into_force_in_order() -> None:
    h = bill_history("1075342-8")
    stages = [(s.stage, s.date) for s in h.stages]
    assert stages[0] == ("government_commission", dt.date(2025, 11, 10))
    assert ("first_reading", dt.date(2026, 1, 21)) in stages
    assert ("federation_council", dt.date(2026, 3, 4)) in stages
    assert stages[-1] == ("in_force", dt.date(2026, 3, 19))
    dates = [d for _, d in stages]
    assert dates == sorted(dates)


def test_the_inferred_entry_into_force_says_why() -> None:
    h = bill_history()
    last = h.stages[-1]
    assert last.certainty == "inferred" and last.why
    assert h.in_force_certainty == "inferred"


def test_every_stage_has_a_source_with_an_address_or_a_seed_mark() -> None:
    for s in bill_history().stages:
        assert s.sources
        assert all(src.url or src.confidence == "S" for src in s.sources)


def test_companions_with_unknown_dates_are_marked_uncertain() -> None:
    h = bill_history()
    koap = next(c for c in h.companions if c.bill == "1075363-8")
    assert koap.uncertain
    assert all(s.uncertain for s in koap.stages if s.date is None)
    unnumbered = next(c for c in h.companions if c.bill is None)
    assert unnumbered.bill_note


def _mutated(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(
    "change,key",
    [
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["stages"][0].update(stage="signing_ceremony"), "stages[0].stage"),
        (lambda d: d["stages"][3].update(date="2026-13-01"), "stages[3].date"),
        (lambda d: d["stages"][2].update(sources=["nowhere"]), "stages[2].sources[0]"),
        (lambda d: d["stages"][1].update(date=dt.date(2025, 1, 1)), "stages[1].date"),
        (lambda d: d["stages"][-1].update(why=None), "stages[9].why"),
        (lambda d: d["stages"][0].update(date=None, certainty=None), "stages[0].date"),
        (lambda d: d["companions"][0]["stages"][5].pop("uncertain"), "companions[0].stages[5].uncertain"),
        (lambda d: d["law"].pop("in_force_certainty"), "law.in_force_certainty"),
        (lambda d: d["open_questions"].append(dict(d["open_questions"][0])), "open_questions[6].id"),
    ],
)
def test_a_broken_history_names_the_file_and_the_key(change: Any, key: str) -> None:
    with pytest.raises(LawDataError) as err:
        read_history(_mutated(change), "history/broken.yaml")
    assert err.value.file == "history/broken.yaml"
    assert err.value.key == key
