"""Bills are not law: the companion bills of 50-FZ in the law data (`bill:` versions) are shown as bills,
never as in force, by every law query; `extrashield removal` reads them from the earliest day an adopted law
could apply, as unknown until their adoption is recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from extrashield.sources.history import bill_history
from extrashield.sources.lawbook import default_lawbook
from extrashield.sources.lawquery import (
    BILL,
    IN_FORCE,
    NOT_YET,
    diff,
    events,
    law_listing,
    law_on,
    law_version_on,
    provision_detail,
    show_text,
    status_on,
)

D = dt.date
BOOK = default_lawbook()
FIRST_READING_BARS = [
    "ru.fz114.undesirability_bar",
    "ru.fz115.deportation_bar",
    "ru.fz115.readmission_bar",
    "ru.fz115.residence_permit_bar",
]
KOAP = "ru.koap.4.1.expulsion_bar"


@pytest.mark.parametrize("pid", FIRST_READING_BARS)
def test_a_bar_from_a_bill_that_only_passed_first_reading_is_a_bill_not_in_force(pid: str) -> None:
    row = {r["id"]: r for r in law_on(BOOK, D(2026, 4, 1))}[pid]
    assert row["status"] == BILL
    assert row["bill"]["stage"] == "first_reading" and row["bill"]["stage_date"] == "2026-01-21"
    assert row["note"].startswith("a bill") and "not in force" in row["note"]
    assert "passed first reading" in row["note"] and "2026-01-21" in row["note"]
    assert "adoption not confirmed" in row["note"]
    assert "in force since" not in row["note"]


def test_the_koap_bill_passed_by_the_duma_is_a_bill_not_in_force_even_after_the_vote() -> None:
    for day in (D(2026, 3, 11), D(2026, 4, 1), D(2027, 1, 1)):
        status, v = status_on(BOOK[KOAP], day)
        assert status == BILL
        assert v is not None and v.bill is not None and v.bill.number == "1075363-8"
        assert law_version_on(BOOK[KOAP], day) is None


def test_a_bill_is_a_bill_before_its_stage_date_too_never_not_yet_in_force() -> None:
    assert status_on(BOOK["ru.fz115.deportation_bar"], D(2026, 1, 20))[0] == BILL
    assert status_on(BOOK[KOAP], D(2026, 3, 1))[0] == BILL


def test_no_date_of_a_bill_is_marked_inferred_which_is_kept_for_the_ten_day_rule() -> None:
    bills = [v for p in BOOK.provisions.values() for v in p.versions if v.bill is not None]
    assert len(bills) == 5
    assert all(v.valid_from_certainty != "inferred" for v in bills)
    assert all(not (v.valid_from_why or "").startswith("ADOPTION") for v in bills)


def test_every_bill_version_goes_with_an_adoption_question_that_removal_reads() -> None:
    for p in BOOK.provisions.values():
        has_bill = any(v.bill is not None for v in p.versions)
        has_adoption = any(q.id.endswith(".adoption") for q in p.open_questions)
        assert has_bill == has_adoption, p.id


def test_removal_reading_of_the_bill_dates_is_recorded_as_an_open_question() -> None:
    for pid in [*FIRST_READING_BARS, KOAP]:
        ids = [q.id for q in BOOK[pid].open_questions]
        assert f"{pid}.start_if_adopted" in ids, pid


def test_diff_across_the_duma_vote_does_not_add_the_koap_bill_but_lists_it_among_bills() -> None:
    d = diff(BOOK, D(2026, 3, 1), D(2026, 4, 1))
    assert [c["provision"] for c in d["added"]] == ["ru.upk.464.1.7"]
    assert [b["provision"] for b in d["bills"]] == [KOAP]
    assert d["bills"][0]["bill"]["status"] == BILL
    step = next(s for s in d["steps"] if s["provision"] == KOAP)
    assert step["day"] == "2026-03-11" and "not in force" in step["what"] and step["what"] != "in force"


def test_diff_across_the_first_reading_adds_nothing() -> None:
    d = diff(BOOK, D(2026, 1, 20), D(2026, 1, 21))
    assert d["added"] == [] and d["changed"] == [] and d["ended"] == []
    assert sorted(b["provision"] for b in d["bills"]) == sorted(FIRST_READING_BARS)


def test_events_say_in_force_only_of_laws() -> None:
    for day, pid, what in events(BOOK):
        if what == "in force":
            assert law_version_on(BOOK[pid], day) is not None, pid


def test_show_of_a_bill_says_bill_and_marks_no_version_in_force() -> None:
    text = show_text(BOOK[KOAP], D(2026, 4, 1), "en")
    assert "On 2026-04-01: a bill (No. 1075363-8), not in force: passed third reading" in text
    assert "<- in force" not in text
    assert "not of an entry into force" in text
    assert "(inferred)" not in text


def test_show_json_of_a_bill_gives_its_status_and_the_bill() -> None:
    d = provision_detail(BOOK["ru.fz115.deportation_bar"], D(2026, 4, 1))
    assert d["on"]["status"] == BILL and d["on"]["bill"]["stage"] == "first_reading"
    assert d["versions"][0]["bill"]["number"] is None


def test_undated_listing_does_not_give_a_bill_a_span_as_if_it_were_law() -> None:
    row = {r["id"]: r for r in law_on(BOOK, None)}[KOAP]
    assert row["bill"]["stage"] == "third_reading"
    assert "→" not in row["note"] and "not in force" in row["note"]


def test_before_point_7_the_listing_gives_the_next_version_with_its_certainty() -> None:
    row = {r["id"]: r for r in law_listing(BOOK, D(2026, 3, 18))["provisions"]}["ru.upk.464.1.7"]
    assert row["status"] == NOT_YET
    assert row["version"]["valid_from"] == "2026-03-19" and row["version"]["certainty"] == "inferred"
    assert row["note"] == "not yet in force, from 2026-03-19 (inferred)"
    assert row["bill"] is None


def test_laws_in_force_are_unaffected() -> None:
    rows = {r["id"]: r for r in law_on(BOOK, D(2026, 4, 1))}
    assert rows["ru.upk.464.1.7"]["status"] == IN_FORCE
    assert rows["ru.decree.2024-12-30.deportation_shield"]["status"] == IN_FORCE


def test_history_marks_both_companion_bills_as_not_adopted() -> None:
    companions = bill_history().companions
    assert [c.status for c in companions] == [BILL, BILL]
    assert "third reading on 2026-03-11" in companions[0].status_note
    assert "first reading on 2026-01-21" in companions[1].status_note
    assert all("adoption not confirmed" in c.status_note for c in companions)
    assert bill_history().to_dict()["companions"][0]["status"] == BILL


# --- the entry into force of point 7: an inference, with each source once ------------------------------


def test_point_7_entry_into_force_question_lists_each_source_once_and_no_inference_as_a_source() -> None:
    p7 = BOOK["ru.upk.464.1.7"]
    q = next(q for q in p7.open_questions if q.id == "point7.entry_into_force")
    urls = [s.url for s in q.sources]
    assert len(urls) == len(set(urls))
    assert urls.count("https://www.m24.ru/news/vlast/08032026/880764") == 1
    assert "inference" in q.why.lower()
    version_urls = [s.url for s in p7.versions[0].sources]
    assert len(version_urls) == len(set(version_urls))
    assert p7.versions[0].valid_from_certainty == "inferred"
    assert p7.versions[0].valid_from_why.startswith("Inferred")


def test_no_law_source_is_an_inference() -> None:
    sources = {s for p in BOOK.provisions.values() for v in p.versions for s in v.sources}
    sources |= {s for p in BOOK.provisions.values() for q in p.open_questions for s in q.sources}
    assert not [s.key for s in sources if s.confidence == "I" or s.supports.lower().startswith("inference")]


def test_show_names_each_source_of_an_open_question_by_its_publisher() -> None:
    text = show_text(BOOK["ru.upk.464.1.7"], None, "en")
    line = next(
        ln
        for ln in text.splitlines()[
            text.splitlines().index("  point7.entry_into_force: On what date did point 7 enter into force?") :
        ]
        if ln.strip().startswith("sources:")
    )
    assert line.count("m24.ru/news/vlast/08032026/880764") == 1
    assert "Moskva 24 (m24.ru) [V]" in line
