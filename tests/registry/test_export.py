"""`extrashield db export`: JSON Lines, CSV and FollowTheMoney entities, logged as a read of personal data."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.access import GIVEN
from extrashield.adapters.registry.audit import canonical
from extrashield.adapters.registry.export import Export, columns, ftm_person
from extrashield.adapters.registry.records import KINDS

PERSON = {
    "names": ["Ramesh Bahadur Thapa", "Рамеш Бахадур Тапа"],
    "birth_date": "1995-02-11",
    "citizenships": [{"country": "NP"}, {"country": "RU", "from": "2025-06-01"}],
    "stateless": False,
    "notes": 'met, "twice"\nin 2026',
}


def _fill(url: str) -> dict[str, Any]:
    reg = open_registry(url)
    p = reg.create(KINDS["person"], PERSON, "test")
    other = reg.create(KINDS["person"], {"names": ["Иван Петров"]}, "test")
    s = reg.create(KINDS["source"], {"title": "Contract copy"}, "test")
    svc = reg.create(
        KINDS["service_record"],
        {
            "person_id": p["id"],
            "formation": "private_military_company",
            "contract_from": "2023-05-01",
            "combat": True,
            "source_ids": [s["id"]],
        },
        "test",
    )
    req = reg.create(
        KINDS["request"], {"person_id": p["id"], "requesting_state": "NP", "reference": "NP-17"}, "test"
    )
    return {"person": [p, other], "source": [s], "service_record": [svc], "request": [req], "decision": []}


def test_jsonl_export_holds_every_record_as_the_api_returns_it(cli: Any, sqlite_url: str) -> None:
    made = _fill(sqlite_url)
    r = cli("db", "export", "--database", sqlite_url)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x.pop("kind"), x) for x in lines] == [(k, rec) for k, recs in made.items() for rec in recs]
    assert "Рамеш" in r.stdout  # UTF-8 as it is
    assert "person: 2, source: 1, service_record: 1, request: 1, decision: 0" in r.stderr


def test_csv_export_writes_one_file_per_kind_readable_by_the_owner_only(
    cli: Any, sqlite_url: str, tmp_path: Path
) -> None:
    made = _fill(sqlite_url)
    out = tmp_path / "export"
    r = cli("db", "export", str(out), "--format", "csv", "--database", sqlite_url)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "decisions.csv",
        "persons.csv",
        "requests.csv",
        "service_records.csv",
        "sources.csv",
    ]
    assert all(os.stat(p).st_mode & 0o077 == 0 for p in out.iterdir())
    rows = list(csv.DictReader(io.StringIO((out / "persons.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == columns("person")
    first = rows[0]
    assert (
        json.loads(first["names"]) == PERSON["names"]
        and json.loads(first["citizenships"]) == PERSON["citizenships"]
    )
    assert (
        first["stateless"] == "false"
        and first["asylum_in_russia"] == ""
        and first["notes"] == PERSON["notes"]
    )
    assert first["id"] == made["person"][0]["id"] and first["version"] == "1"
    svc = list(csv.DictReader(io.StringIO((out / "service_records.csv").read_text(encoding="utf-8"))))
    assert svc[0]["combat"] == "true" and json.loads(svc[0]["source_ids"]) == [made["source"][0]["id"]]
    assert (out / "decisions.csv").read_text(encoding="utf-8").strip() == ",".join(columns("decision"))


def test_ftm_export_makes_valid_person_entities_with_stable_ids(
    cli: Any, sqlite_url: str, tmp_path: Path
) -> None:
    from followthemoney import model

    made = _fill(sqlite_url)
    out = tmp_path / "persons.ftm.json"
    for _ in range(2):
        r = cli("db", "export", str(out), "--format", "ftm", "--database", sqlite_url)
        assert r.returncode == 0, r.stderr
    entities = [
        model.get_proxy(json.loads(line), cleaned=False)
        for line in out.read_text(encoding="utf-8").splitlines()
    ]
    assert [e.id for e in entities] == [f"extrashield-person-{p['id']}" for p in made["person"]]
    thapa = entities[0]
    assert thapa.schema.name == "Person"
    assert thapa.get("name") == ["Ramesh Bahadur Thapa"] and thapa.get("alias") == ["Рамеш Бахадур Тапа"]
    assert thapa.get("birthDate") == ["1995-02-11"] and sorted(thapa.get("citizenship")) == ["np", "ru"]
    assert thapa.get("notes") == [PERSON["notes"]]
    assert entities[1].get("alias") == [] and entities[1].get("birthDate") == []


def test_the_name_filter_exports_only_matching_persons(cli: Any, sqlite_url: str) -> None:
    made = _fill(sqlite_url)
    r = cli("db", "export", "--kind", "person", "--name", "тхапа", "--database", sqlite_url)
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == [made["person"][0]["id"]]


def test_an_export_is_logged_before_it_is_written_with_the_actor(cli: Any, sqlite_url: str) -> None:
    _fill(sqlite_url)
    assert (
        cli(
            "db",
            "export",
            "--format",
            "ftm",
            "--name",
            "Thapa",
            "--actor",
            "ana (request 17)",
            "--database",
            sqlite_url,
        ).returncode
        == 0
    )
    assert (
        cli("db", "export", "--kind", "source", "--format", "csv", "--database", sqlite_url).returncode == 0
    )
    log = open_registry(sqlite_url).access_log()
    got = [(e["actor"], e["route"], e["kind"], e["query"], e["returned"]) for e in log]
    assert got[0] == ("ana (request 17)", "CLI db export (ftm)", "person", canonical({"name": GIVEN}), 1)
    assert got[1][1:] == ("CLI db export (csv)", "source", None, 1) and got[1][0].startswith("cli:")
    assert "Thapa" not in json.dumps(log)


def test_nothing_is_exported_when_the_access_log_cannot_be_written(
    cli: Any, sqlite_url: str, tmp_path: Path
) -> None:
    reg = open_registry(sqlite_url)
    _fill(sqlite_url)
    with (
        reg.access_engine.begin() as conn
    ):  # the log refuses every entry (as a full disk or a lost server would)
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_reads BEFORE INSERT ON access_log "
            "BEGIN SELECT RAISE(ABORT, 'no room'); END"
        )
    out = tmp_path / "out.jsonl"
    for target in (str(out), "-"):
        r = cli("db", "export", target, "--database", sqlite_url)
        assert r.returncode == 1 and "nothing exported" in r.stderr and "Traceback" not in r.stderr
        assert r.stdout == ""
    assert not out.exists() and list(tmp_path.glob("*.part")) == []


def test_records_created_during_an_export_are_left_for_the_next(sqlite_url: str) -> None:
    made = _fill(sqlite_url)
    reg = open_registry(sqlite_url)
    job = Export(reg, ["person"], "jsonl", None)
    reg.create(KINDS["person"], {"names": ["Late Comer"]}, "test")
    out = io.StringIO()
    assert job.write("person", out) == 2 == job.counts["person"]
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == [p["id"] for p in made["person"]]


@pytest.mark.parametrize(
    "args, option",
    [
        (["--kind", "people"], "--kind"),
        (["--format", "xml"], "--format"),
        (["--format", "ftm", "--kind", "service_record"], "--kind"),
        (["--format", "ftm", "--kind", "all"], "--kind"),
        (["--kind", "source", "--name", "x"], "--name"),
        (["--kind", "person", "--name", "!!!"], "--name"),
        (["--actor", ""], "--actor"),
        (["--format", "csv"], "OUTPUT"),  # every kind as CSV needs a directory, not standard output
        (["no/such/dir/out.jsonl"], "OUTPUT"),
    ],
)
def test_bad_options_exit_2_naming_the_option(
    cli: Any, sqlite_url: str, args: list[str], option: str
) -> None:
    r = cli("db", "export", *args, "--database", sqlite_url)
    assert r.returncode == 2 and r.stderr.startswith(f"error: {option}") and r.stdout == ""
    assert "Traceback" not in r.stderr


def test_ftm_mapping_leaves_out_what_ftm_cannot_say() -> None:
    row = {
        "id": "p1",
        "names": ["Тапа"],
        "birth_date": None,
        "citizenships": None,
        "stateless": True,
        "asylum_in_russia": {"granted": True},
        "notes": None,
        "created_at": "2026-01-01T00:00:00.000000+00:00",
        "updated_at": "2026-01-02T00:00:00.000000+00:00",
    }
    entity = ftm_person(row)
    assert entity["id"] == "extrashield-person-p1" and entity["schema"] == "Person"
    assert entity["properties"] == {
        "name": ["Тапа"],
        "createdAt": ["2026-01-01T00:00:00"],
        "modifiedAt": ["2026-01-02T00:00:00"],
    }
