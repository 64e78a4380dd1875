"""A client generated from /openapi.json with openapi-python-client works against a live server: `assess`,
`timeline`, a registry write and `screen` return typed objects that carry every field (no response or
operation dropped by the generator, no array left untyped)."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

import extrashield
from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import forget_registries, open_registry
from extrashield.adapters.registry.users import add_user

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "extrashield_generated_client"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client package, generated from the app's document (written to a file: no network needed)."""
    out = tmp_path_factory.mktemp("client")
    doc = out / "openapi.json"
    doc.write_text(json.dumps(create_app(f"sqlite:///{out}/unused.sqlite3").openapi()), encoding="utf-8")
    forget_registries()
    # ruff (a dependency of the generator, which formats the code with it) is next to this interpreter
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(doc),
            "--meta",
            "none",
            "--output-path",
            str(out / PACKAGE),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=out,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # The only warnings allowed: the media types the generator cannot read or write (JSON Lines, CSV,
    # Parquet; /v1/screen also takes application/octet-stream and a multipart form, which it can).
    warnings = [line for line in run.stdout.splitlines() if line.startswith("WARNING")]
    assert all(line == "WARNING parsing POST /v1/screen within assessment." for line in warnings), run.stdout
    assert "Unsupported content type application/octet-stream" not in run.stdout
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`extrashield serve` on a free loopback port; its base URL and an editor's token."""
    tmp = tmp_path_factory.mktemp("server")
    url = f"sqlite:///{tmp}/registry.sqlite3"
    token = add_user(open_registry(url), "client", "editor", "test")[1]
    forget_registries()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with (tmp / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "extrashield", "serve", "--port", str(port), "--database", url],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline and proc.poll() is None, (tmp / "server.log").read_text()
                time.sleep(0.1)
            yield base, token
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def _module(generated: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{generated.__name__}.{name}")


def _example(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "extrashield" / "examples" / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_assess_returns_a_typed_answer_with_conditions_and_alternatives(
    generated: ModuleType, server: tuple[str, str]
) -> None:
    models = _module(generated, "models")
    assess = _module(generated, "api.assessment.assess")
    case = _example("stateless-recruit.json")
    with generated.Client(base_url=server[0]) as client:
        answer = assess.sync(
            client=client, body=models.Case.from_dict(case), reading=["point7.limbs=combat_required"]
        )
    assert isinstance(answer, models.Answer)
    expected = extrashield.assess(case, readings={"point7.limbs": "combat_required"}).to_dict()
    assert answer.outcome.value == expected["outcome"]
    assert answer.interpretations["point7.limbs"] == "combat_required"
    conditions = [c for g in answer.grounds for c in g.conditions]
    assert conditions and all(isinstance(c, models.Condition) for c in conditions)
    assert [c.condition for g in answer.grounds for c in g.conditions] == [
        c["condition"] for g in expected["grounds"] for c in g["conditions"]
    ]
    alternatives = [a for q in answer.open_questions for a in q.alternatives]
    assert alternatives and all(isinstance(a, models.Alternative) for a in alternatives)
    assert [a.outcome.value for a in alternatives] == [
        a["outcome"] for q in expected["open_questions"] for a in q["alternatives"]
    ]
    assert all(isinstance(d, models.Fact) for d in answer.depends_on)
    assert answer.to_dict() == expected  # nothing lost on the way through the typed model


def test_assess_invalid_input_is_a_typed_422_naming_the_field(
    generated: ModuleType, server: tuple[str, str]
) -> None:
    models = _module(generated, "models")
    assess = _module(generated, "api.assessment.assess")
    case = {**_example("nepali-serving.json"), "decision_date": "2026-02-30"}
    with generated.Client(base_url=server[0]) as client:
        problem = assess.sync(client=client, body=models.Case.from_dict(case))
    assert isinstance(problem, models.InvalidInput)
    assert problem.detail[0].field == "decision_date"


def test_timeline_returns_typed_intervals(generated: ModuleType, server: tuple[str, str]) -> None:
    models = _module(generated, "models")
    timeline = _module(generated, "api.assessment.timeline")
    case = _example("kazakh-combat-unknown.json")
    with generated.Client(base_url=server[0]) as client:
        result = timeline.sync(
            client=client, body=models.Case.from_dict(case), from_=dt.date(2025, 1, 1), to=dt.date(2026, 6, 1)
        )
    assert isinstance(result, models.Timeline)
    assert [i.from_ for i in result.intervals] == ["2025-01-01", "2026-03-19"]
    assert result.intervals[-1].until == "2026-06-01"
    assert [i.outcome.value for i in result.intervals] == ["permitted", "undetermined"]
    assert result.intervals[1].depends_on == ["person.military_service[0].combat"]
    assert all(isinstance(e, models.TimelineEvent) for i in result.intervals for e in i.events)


def test_a_registry_write_and_its_update_return_typed_records(
    generated: ModuleType, server: tuple[str, str]
) -> None:
    models = _module(generated, "models")
    create_person = _module(generated, "api.persons.create_person")
    update_person = _module(generated, "api.persons.update_person")
    base, token = server
    with generated.AuthenticatedClient(base_url=base, token=token) as client:
        created = create_person.sync(
            client=client,
            body=models.NewPerson.from_dict(
                {"names": ["Ramesh Bahadur Thapa", "Рамеш Бахадур Тапа"], "citizenships": [{"country": "NP"}]}
            ),
        )
        assert isinstance(created, models.StoredPerson)
        assert created.names == ["Ramesh Bahadur Thapa", "Рамеш Бахадур Тапа"]
        assert (
            isinstance(created.citizenships[0], models.Citizenship)
            and created.citizenships[0].country == "NP"
        )
        assert created.version == 1 and created.created_by == "client"
        changed = update_person.sync(
            record_id=created.id,
            client=client,
            if_version=1,
            body=models.PersonChanges.from_dict({"stateless": False}),
        )
        assert isinstance(changed, models.StoredPerson)
        assert changed.version == 2 and changed.stateless is False and changed.names == created.names
        stale = update_person.sync(
            record_id=created.id,
            client=client,
            if_version=1,
            body=models.PersonChanges.from_dict({"notes": "late"}),
        )
        assert isinstance(stale, models.ErrorMessage)  # 409: the record moved on
    with generated.Client(base_url=base) as anonymous:
        refused = create_person.sync_detailed(
            client=anonymous, body=models.NewPerson.from_dict({"names": ["X"]})
        )
    assert refused.status_code == 401 and isinstance(refused.parsed, models.ErrorMessage)


def test_screen_takes_an_upload_and_streams_lines_of_screened_rows(
    generated: ModuleType, server: tuple[str, str]
) -> None:
    models = _module(generated, "models")
    screen = _module(generated, "api.assessment.screen")
    types = _module(generated, "types")
    table = (ROOT / "extrashield" / "examples" / "cases.jsonl").read_bytes()
    with generated.Client(base_url=server[0]) as client:
        response = screen.sync_detailed(
            client=client,
            format_="jsonl",
            body=types.File(payload=io.BytesIO(table), file_name="cases.jsonl"),
        )
    assert response.status_code == 200
    rows = [models.ScreenedRow.from_dict(json.loads(line)) for line in response.content.decode().splitlines()]
    assert len(rows) == len([line for line in table.decode().splitlines() if line.strip()])
    first = json.loads(table.decode().splitlines()[0])
    assert rows[0].id == first.get("id") and rows[0].outcome.value == extrashield.assess(first).outcome
