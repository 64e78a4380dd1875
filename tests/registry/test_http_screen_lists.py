"""POST /v1/screen on person lists (docs/contract.md §3b): told from cases by the header, said in the
X-Extrashield-Layout header, mapped with ?map=, in every format, with the columns `screen` writes."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl

from extrashield.rules import GROUNDS

CSV = {"content-type": "text/csv"}
LIST = (
    "id,Full Name,nationality,formation,contract_from,contract_until,combat,requesting_state,purpose,"
    "decision_date,source\r\n"
    "a,Ramesh Thapa,Nepal,armed_forces,01.06.2024,ongoing,да,NP,prosecution,2026-04-01,interview\r\n"
    "b,Bikash,Непал,ЧВК,2024,,yes,NP,prosecution,2026-04-01,\r\n"
)


def _lines(r: Any) -> list[dict[str, Any]]:
    assert r.status_code == 200, r.text
    return [json.loads(x) for x in r.text.splitlines()]


def test_a_person_list_is_told_by_its_header_and_answered_with_every_column(api: Any) -> None:
    r = api.post("/v1/screen?map=Full%20Name%3Dname", content=LIST.encode("utf-8"), headers=CSV)
    assert r.headers["x-extrashield-layout"] == "person-list"
    a, b = _lines(r)
    assert (a["id"], a["outcome"], a["ru.upk.464.1.7"], a["Full Name"], a["source"]) == (
        "a",
        "barred",
        "applies",
        "Ramesh Thapa",
        "interview",
    )
    assert (
        b["outcome"] == "undetermined" and b["ru.upk.464.1.7"] == "does_not_apply"
    )  # a private military company
    assert "formation: 'ЧВК' read as private_military_company" in b["notes"]
    assert len(b["questions"]) == len(b["depends_on"]) > 0
    assert {g.provision for g in GROUNDS} <= set(a)


def test_cases_are_said_to_be_cases(api: Any, nepali: dict[str, Any]) -> None:
    r = api.post(
        "/v1/screen",
        content=json.dumps(nepali).encode("utf-8") + b"\n",
        headers={"content-type": "application/x-ndjson"},
    )
    (row,) = _lines(r)
    assert r.headers["x-extrashield-layout"] == "cases" and row["notes"] is None and row["questions"] == []


def test_an_xlsx_upload_is_read_as_its_first_sheet(api: Any) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in LIST.splitlines():
        sheet.append(line.split(","))
    data = io.BytesIO()
    book.save(data)
    rows = _lines(api.post("/v1/screen", files={"file": ("recruits.xlsx", data.getvalue())}))
    assert [(r["id"], r["outcome"]) for r in rows] == [("a", "barred"), ("b", "undetermined")]


def test_a_list_that_cannot_be_read_as_a_whole_is_a_422_naming_why(api: Any) -> None:
    header_only = LIST.splitlines()[0] + "\r\n"
    r = api.post("/v1/screen", content=header_only.encode("utf-8"), headers=CSV)
    assert r.status_code == 422 and "a header and no rows" in r.json()["detail"][0]["msg"]
    r = api.post("/v1/screen", content=b"Ramesh,1995\r\nBikash,1990\r\n", headers=CSV)
    assert r.status_code == 422 and "is the header row missing?" in r.json()["detail"][0]["msg"]
    r = api.post("/v1/screen?map=nonsense", content=LIST.encode("utf-8"), headers=CSV)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "map"]
    r = api.post("/v1/screen?map=Land%3Dnationality", content=LIST.encode("utf-8"), headers=CSV)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "Land"
