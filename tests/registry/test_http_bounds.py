"""Bounded work for anonymous callers: the line cap of /v1/screen, its slots (503 with Retry-After), its
spooled uploads (deleted however a screen ends, and at start-up when a killed server left them), and the
worker processes that take costly assessments off the event loop."""

from __future__ import annotations

import asyncio
import json
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import extrashield
from extrashield.adapters.api.app import create_app
from extrashield.adapters.api.screening import Spool
from extrashield.batch.formats import read_batches

JSONL = {"content-type": "application/x-ndjson"}
CAP = 4096


@pytest.fixture
def spool_dir(tmp_path: Path) -> Path:
    return tmp_path / "uploads"


@pytest.fixture
def app(sqlite_url: str, spool_dir: Path) -> Any:
    return create_app(sqlite_url, line_limit=CAP, max_screens=1, cpu_processes=1, spool_dir=str(spool_dir))


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _line(case: dict[str, Any], id: str, **extra: Any) -> bytes:
    return json.dumps({**case, "id": id, **extra}).encode("utf-8") + b"\n"


def _rows(r: Any) -> list[tuple[Any, str, Any]]:
    assert r.status_code == 200, r.text
    return [(x["id"], x["outcome"], x.get("error")) for x in map(json.loads, r.text.splitlines())]


def _spooled(spool_dir: Path) -> list[Path]:
    """The uploads still on disk (each process's folder holds its lock file besides them)."""
    return (
        [p for p in spool_dir.rglob("*") if p.is_file() and p.name != ".lock"] if spool_dir.exists() else []
    )


def test_a_jsonl_line_over_the_cap_is_an_invalid_row_naming_the_line_and_the_cap(
    client: TestClient, nepali: dict[str, Any], spool_dir: Path
) -> None:
    outcome = extrashield.assess(nepali).outcome
    long = _line(nepali, "long", notes="x" * 10_000)
    body = _line(nepali, "a") + long + _line(nepali, "b")
    assert _rows(client.post("/v1/screen", content=body, headers=JSONL)) == [
        ("a", outcome, None),
        (
            None,
            "invalid",
            (
                f"case: line 2 is {len(long) - 1} bytes long, over the limit of {CAP} bytes for one row; "
                "it was not read"
            ),
        ),
        ("b", outcome, None),
    ]
    assert _spooled(spool_dir) == []


def test_a_csv_row_over_the_cap_is_an_invalid_row_and_the_next_line_is_read_afresh(
    client: TestClient,
) -> None:
    body = (f"id,decision_date\na,2026-04-01\nlong,{'x' * 10_000}\nb,2026-04-01\n").encode()
    rows = _rows(client.post("/v1/screen?format=csv", content=body))
    assert [r[:2] for r in rows] == [("a", "undetermined"), (None, "invalid"), ("b", "undetermined")]
    assert rows[1][2] == (
        f"case: line 3 is {len('long,') + 10_000} bytes long, over the limit of {CAP} bytes for "
        "one row; it was not read"
    )


def test_reading_a_giant_line_holds_about_the_cap_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "giant.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"id": "a", "decision_date": "2026-04-01"}\n')
        f.write(b'{"id": "giant", "notes": "' + b"y" * (64 << 20) + b'"}\n')
        f.write(b'{"id": "b", "decision_date": "2026-04-01"}\n')
    tracemalloc.start()
    try:
        batches = list(read_batches(path, "jsonl", 8192, max_line=1 << 20, max_bytes=8 << 20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    rows = [row for b in batches for row in b.raw(range(b.data.__len__()))]
    assert len(rows) == 3 and "over the limit of 1048576 bytes" in str(rows[1].error)
    assert peak < 8 << 20  # a 64 MiB line, read with a 1 MiB cap


def test_a_batch_of_long_rows_ends_at_the_byte_budget(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    line = json.dumps({"id": "r", "decision_date": "2026-04-01", "notes": "z" * 1000}).encode() + b"\n"
    path.write_bytes(line * 100)
    sizes = [
        len(b.data) for b in read_batches(path, "jsonl", 8192, max_line=1 << 20, max_bytes=10 * len(line))
    ]
    assert sizes == [10] * 10


def test_screens_beyond_the_limit_get_503_with_retry_after_and_slots_come_back(
    client: TestClient, app: Any, nepali: dict[str, Any]
) -> None:
    slots = app.state.limits.screens
    assert slots.take()  # a screen in progress takes the only slot
    busy = client.post("/v1/screen", content=_line(nepali, "a"), headers=JSONL)
    assert busy.status_code == 503 and int(busy.headers["retry-after"]) > 0
    assert "busy" in busy.json()["detail"]
    slots.give_back()
    assert client.post("/v1/screen", content=_line(nepali, "a"), headers=JSONL).status_code == 200
    assert client.post("/v1/screen?format=xlsx", content=b"x").status_code == 422
    assert client.post("/v1/screen?format=parquet", content=b"not parquet").status_code == 422
    assert slots.taken == 0  # every way out gave its slot back


def test_uploads_are_deleted_after_errors_and_when_the_client_goes_away(
    client: TestClient, app: Any, nepali: dict[str, Any], spool_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.post("/v1/screen?format=parquet", content=b"not parquet").status_code == 422
    assert client.post("/v1/screen", files={"file": ("cases.txt", b"x")}).status_code == 422
    assert _spooled(spool_dir) == []

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("screening failed")

    with monkeypatch.context() as m:
        m.setattr("extrashield.batch.formats.jsonl.result_json_lines", broken)
        assert client.post("/v1/screen", content=_line(nepali, "a"), headers=JSONL).status_code == 500
    assert _spooled(spool_dir) == [] and app.state.limits.screens.taken == 0

    # The client goes away while the results stream back: sending the first chunk fails.
    body = _line(nepali, "a") * 20_000
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body":
            assert _spooled(spool_dir), "the upload is on disk while it is being screened"
            raise OSError("connection reset by peer")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/screen",
        "raw_path": b"/v1/screen",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/x-ndjson"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "state": {},
    }
    with pytest.raises(Exception):  # noqa: B017 - whichever error the framework makes of the reset
        asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 200
    assert _spooled(spool_dir) == [] and app.state.limits.screens.taken == 0


def test_start_up_removes_the_uploads_of_a_killed_server_and_keeps_a_live_ones(
    sqlite_url: str, tmp_path: Path
) -> None:
    root = tmp_path / "uploads"
    live = Spool(root)
    fd, kept = live.new_file(".jsonl")
    os.close(fd)
    dead = root / "12345-gone"  # a folder whose process was killed: its lock is free
    dead.mkdir(parents=True)
    (dead / ".lock").write_bytes(b"")
    (dead / "upload-1.jsonl").write_bytes(b'{"names": ["Ramesh Thapa"]}\n')
    create_app(sqlite_url, spool_dir=str(root))
    assert not dead.exists()
    assert Path(kept).exists()  # another live server's upload (its folder is locked) is not touched
    live.close()
    assert not Path(kept).parent.exists()


def test_the_costliest_valid_case_is_assessed_in_a_worker_process_with_the_same_answer(
    client: TestClient, app: Any
) -> None:
    case = {
        "decision_date": "2026-04-01",
        "person": {
            "military_service": [
                {"formation": None, "contract_from": None, "contract_until": None, "combat": None}
                for _ in range(50)
            ]
        },
        "request": {},
    }
    r = client.post("/v1/assess", json=case)
    assert r.status_code == 200, r.text
    assert r.json() == json.loads(json.dumps(extrashield.assess(case).to_dict()))
    assert app.state.limits.cpu._executor is not None  # it went to the pool
    bad = client.post("/v1/assess", json={**case, "decision_date": "2026-02-30"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "decision_date"


def test_costly_requests_beyond_the_queue_get_503(
    client: TestClient, app: Any, nepali: dict[str, Any]
) -> None:
    pool = app.state.limits.cpu
    pool.pending = pool.limit  # every worker busy and the queue full
    try:
        r = client.post("/v1/timeline?from=2026-01-01&to=2026-06-01", json=nepali)
    finally:
        pool.pending = 0
    assert r.status_code == 503 and int(r.headers["retry-after"]) > 0
    assert client.post("/v1/assess", json=nepali).status_code == 200  # a small case is assessed inline
