"""POST /v1/screen on bad rows: each is an invalid row naming the field, the others go on, and the answer is
never a 200 with a truncated body."""

from __future__ import annotations

import json
from typing import Any

import extrashield
from extrashield.batch.formats.csv import case_to_csv_row

JSONL = {"content-type": "application/x-ndjson"}


def _rows(r: Any) -> list[tuple[Any, str, Any]]:
    assert r.status_code == 200, r.text
    return [(x["id"], x["outcome"], x.get("error")) for x in map(json.loads, r.text.splitlines())]


def _line(case: dict[str, Any], id: str) -> bytes:
    return json.dumps({**case, "id": id}).encode("utf-8") + b"\n"


def test_screen_makes_lone_surrogates_and_numbers_too_long_invalid_rows(
    api: Any, nepali: dict[str, Any]
) -> None:
    outcome = extrashield.assess(nepali).outcome
    huge = _line(nepali, "huge").replace(b'"max_penalty_years": 7', b'"max_penalty_years": ' + b"9" * 5000)
    assert huge != _line(nepali, "huge")
    body = (
        _line(nepali, "a")
        + b'{"id":"\\ud800","decision_date":"2026-04-01"}\n'
        + huge
        + b"null\n"
        + b'{"id":"x\xff"}\n'
        + _line(nepali, "c")
    )
    assert _rows(api.post("/v1/screen", content=body, headers=JSONL)) == [
        ("a", outcome, None),
        (None, "invalid", "id: contains a lone surrogate, not valid Unicode text"),
        ("huge", "invalid", "request.offense.max_penalty_years: number too large"),
        (None, "invalid", "case: expected a JSON object, got null"),
        (None, "invalid", "case: not valid UTF-8 (byte 0xff at position 9)"),
        ("c", outcome, None),
    ]


def test_screen_reads_csv_from_excel_and_marks_rows_with_the_wrong_number_of_cells(
    api: Any, nepali: dict[str, Any]
) -> None:
    outcome = extrashield.assess(nepali).outcome

    def cells(id: str) -> str:
        row = case_to_csv_row({**nepali, "id": id})
        return ",".join('"' + v.replace('"', '""') + '"' for v in row.values())

    columns = list(case_to_csv_row(nepali | {"id": "a"}))
    header = ",".join(columns)
    text = f"{header}\r\n{cells('a')}\r\n\r\n{cells('b')},extra\r\nc,2026-04-01\r\n{cells('d')}\r\n"
    body = b"\xef\xbb\xbf" + text.encode("utf-8")  # a byte-order mark first, as Excel writes it
    n = len(columns)
    assert _rows(api.post("/v1/screen?format=csv", content=body)) == [
        ("a", outcome, None),
        ("b", "invalid", f"case: the row has {n + 1} cells, the header has {n} columns"),
        ("c", "invalid", f"case: the row has 2 cells, the header has {n} columns"),
        ("d", outcome, None),
    ]


def test_screen_answers_500_not_an_empty_200_when_screening_fails(
    api: Any, nepali: dict[str, Any], monkeypatch: Any
) -> None:
    from extrashield.batch.screening import Screener

    def broken(self: Any, *args: Any, **kw: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Screener, "screen", broken)
    r = api.post("/v1/screen", content=_line(nepali, "a"), headers=JSONL)
    assert r.status_code == 500 and r.json()["detail"] == "internal error"
