"""Nothing acknowledged is lost: the server killed with SIGKILL during a burst of writes keeps every
write it answered 201 for, and the audit chain still verifies; many writers at once keep one chain."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from extrashield.adapters.registry import Registry, forget_registries, open_registry
from extrashield.adapters.registry.users import add_user

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "extrashield", "serve", "--port", str(self.port), "--database", url],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError(f"server did not start: {log.read_text(errors='replace')[-2000:]}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.log.close()


def test_kill_9_during_a_burst_of_writes_loses_nothing_acknowledged(db_url: str, tmp_path: Path) -> None:
    token = add_user(open_registry(db_url), "writer", "editor", "test")[1]
    forget_registries()
    server = Server(db_url, tmp_path / "server.log")
    acknowledged: dict[str, list[str]] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def write(worker: int) -> None:
        with httpx.Client(
            base_url=server.base, headers={"Authorization": f"Bearer {token}"}, timeout=10
        ) as client:
            n = 0
            while not stop.is_set():
                names = [f"Writer {worker} person {n}", f"Писатель {worker} лицо {n}"]
                try:
                    r = client.post("/v1/persons", json={"names": names})
                except httpx.HTTPError:
                    return  # the server is gone: this write was never acknowledged
                if r.status_code == 201:
                    with lock:
                        acknowledged[r.json()["id"]] = names
                n += 1

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.02)
    server.kill()  # SIGKILL while the writers are still sending
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(acknowledged) >= 40

    again = Server(db_url, tmp_path / "server.log")
    try:
        admin = add_user(open_registry(db_url), "checker", "admin", "test")[1]
        forget_registries()
        with httpx.Client(
            base_url=again.base, headers={"Authorization": f"Bearer {admin}"}, timeout=10
        ) as client:
            for pid, names in acknowledged.items():
                r = client.get(f"/v1/persons/{pid}")
                assert r.status_code == 200 and r.json()["names"] == names
            verdict = client.get("/v1/audit/verify").json()
        assert verdict["ok"], verdict
    finally:
        again.kill()
    reg = Registry(db_url)
    assert reg.verify().ok
    reg.close()


WRITER = """
import sys
from extrashield.adapters.registry import Registry
from extrashield.adapters.registry.records import KINDS
reg = Registry(sys.argv[1])
for n in range(int(sys.argv[3])):
    p = reg.create(KINDS["person"], {"names": [f"{sys.argv[2]}-{n}"]}, sys.argv[2])
    reg.update(KINDS["person"], p["id"], {"notes": "checked"}, sys.argv[2])
reg.close()
"""


def test_concurrent_writers_keep_one_unbroken_chain(db_url: str) -> None:
    open_registry(db_url)  # created and migrated once, as `extrashield serve` or a first command would
    per_writer, writers = 15, 4
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db_url, f"w{i}", str(per_writer)],
            stderr=subprocess.PIPE,
            env={**os.environ},
        )
        for i in range(writers)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), b"\n".join(errors).decode(errors="replace")[-3000:]
    reg = open_registry(db_url)
    verdict = reg.verify()
    assert verdict.ok, verdict
    assert verdict.entries == per_writer * writers * 2
    seqs = [e["seq"] for e in reg.audit(limit=500)]
    assert seqs == list(range(1, per_writer * writers * 2 + 1))
    people: list[dict[str, Any]] = reg.list("person", limit=500)
    assert len(people) == per_writer * writers and all(p["version"] == 2 for p in people)
