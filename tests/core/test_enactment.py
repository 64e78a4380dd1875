"""The earliest day a bill, once adopted, could apply (sources/enactment.py), and how `extrashield removal`
reads a bill from that day (services/shields.py) while the law data and its views keep the stage's date."""

from __future__ import annotations

import datetime as dt

import pytest

from extrashield.services.removal import assess_removal
from extrashield.sources.enactment import DAYS_AFTER_PUBLICATION, STEPS, earliest_day
from extrashield.sources.history import bill_history
from extrashield.sources.lawbook import BILL_STAGES, Bill, default_lawbook
from extrashield.sources.lawquery import BILL, status_on

BOOK = default_lawbook()
BILLS = {p.id: v for p in BOOK.provisions.values() for v in p.versions if v.bill is not None}


def _bill(stage: str, day: dt.date) -> Bill:
    return Bill(number=None, stage=stage, stage_date=day, sources=())


@pytest.mark.parametrize("stage", BILL_STAGES)
def test_no_adopted_law_applies_before_the_ten_days_after_a_publication_no_earlier_than_the_stage(
    stage: str,
) -> None:
    day = dt.date(2026, 3, 11)
    e = earliest_day(_bill(stage, day))
    assert e.published >= day
    assert e.day == e.published + dt.timedelta(days=DAYS_AFTER_PUBLICATION)
    assert e.certainty == "inferred" and "inference" in e.why and "5-FZ art. 6" in e.why


@pytest.mark.parametrize("stage", BILL_STAGES)
def test_every_step_after_the_stage_is_counted_once_and_none_before_it(stage: str) -> None:
    missing = [s.stage for s in earliest_day(_bill(stage, dt.date(2026, 1, 21))).missing]
    order = [s.stage for s in STEPS]
    assert missing == order[order.index(missing[0]) :]  # the tail of the steps, in order
    assert stage not in missing
    assert ("federation_council" in missing) == (stage != "federation_council")
    assert missing[-2:] == ["signed", "published"]  # a bill is never signed or published


def test_each_step_says_why_its_minimum_and_none_is_assumed_longer_than_the_law_allows() -> None:
    # the Constitution sets only maxima: a lower bound that counted more than zero days would be a guess
    assert all(s.min_days == 0 and s.basis for s in STEPS)
    assert any("Art. 105" in s.basis for s in STEPS) and any("Art. 107" in s.basis for s in STEPS)


def test_the_ten_days_count_as_the_law_data_counts_them_for_50_fz() -> None:
    # 50-FZ was published on the day of signature; its inferred entry into force is the same rule
    history = bill_history()
    published = next(s.date for s in history.stages if s.stage == "published")
    assert published is not None and history.in_force is not None
    assert history.in_force - published == dt.timedelta(days=DAYS_AFTER_PUBLICATION)


def test_the_lower_bound_from_each_stage_of_50_fz_is_never_after_its_real_entry_into_force() -> None:
    history = bill_history()
    assert history.in_force is not None
    for s in history.stages:
        if s.stage in BILL_STAGES and s.date is not None:
            assert earliest_day(_bill(s.stage, s.date)).day <= history.in_force, s.stage


@pytest.mark.parametrize("pid", sorted(BILLS))
def test_removal_reads_each_bill_from_its_earliest_day_while_the_law_data_keeps_the_stage(pid: str) -> None:
    v = BILLS[pid]
    assert v.bill is not None
    first = earliest_day(v.bill).day
    assert v.valid_from == v.bill.stage_date < first  # the law data: the stage's date, never moved
    assert status_on(BOOK[pid], first)[0] == BILL  # and the law views still call it a bill
    route = next(r for r in _covered_routes(first - dt.timedelta(days=1)) if pid in _shields(r))
    assert _shields(route)[pid]["status"] == "not_in_force"
    route = next(r for r in _covered_routes(first) if pid in _shields(r))
    shield = _shields(route)[pid]
    assert shield["status"] == "unknown" and shield["law_status"] == "adoption_not_confirmed"
    assert shield["version"]["valid_from"] == v.bill.stage_date.isoformat()  # the version as the data has it
    assert shield["bill"]["earliest_if_adopted"]["date"] == first.isoformat()


def _covered_routes(day: dt.date) -> list[dict]:
    """The routes of a lawfully present foreigner serving under contract in another military formation (covered by
    every bill, not by the decree) on `day`."""
    case = {
        "decision_date": day.isoformat(),
        "person": {
            "citizenships": [{"country": "NP"}],
            "stateless": False,
            "lawfully_in_russia": True,
            "military_service": [
                {
                    "formation": "other_military_formation",
                    "contract_from": "2024-05-01",
                    "contract_until": "ongoing",
                    "combat": True,
                }
            ],
        },
    }
    return assess_removal(case).to_dict()["routes"][1:]


def _shields(route: dict) -> dict[str, dict]:
    return {s["provision"]: s for s in route["shields"]}


@pytest.mark.parametrize("pid", sorted(BILLS))
def test_the_law_datas_question_on_the_start_names_the_day_removal_computes(pid: str) -> None:
    # the day is written out in the open question for people; it must not drift from the computation
    v = BILLS[pid]
    assert v.bill is not None
    q = next(q for q in BOOK[pid].open_questions if q.id == f"{pid}.start_if_adopted")
    assert earliest_day(v.bill).day.strftime("%d.%m.%Y") in q.question
