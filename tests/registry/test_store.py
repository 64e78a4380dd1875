"""Storing records and decisions: what is written reads back exactly, and every change is in the audit log."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import Conflict, NotFound, Registry, open_registry
from extrashield.adapters.registry.migrate import HEAD, MIGRATIONS
from extrashield.adapters.registry.records import KINDS
from extrashield.errors import CaseError

PERSON, SOURCE, SERVICE, REQUEST = KINDS["person"], KINDS["source"], KINDS["service_record"], KINDS["request"]


def _person(reg: Registry) -> dict[str, Any]:
    return reg.create(
        PERSON,
        {
            "names": ["Ramesh Bahadur Thapa", "Рамеш Бахадур Тапа", "रमेश बहादुर थापा"],
            "birth_date": "1995-02-11",
            "citizenships": [{"country": "NP"}],
        },
        "ana",
    )


def test_records_read_back_exactly_with_names_in_several_scripts(db_url: str) -> None:
    reg = open_registry(db_url)
    p = _person(reg)
    got = reg.get("person", p["id"])
    assert got == p
    assert got["names"][2] == "रमेश बहादुर थापा"
    assert got["created_by"] == "ana" and got["version"] == 1


def test_every_change_is_audited_with_before_and_after(db_url: str) -> None:
    reg = open_registry(db_url)
    p = _person(reg)
    reg.update(PERSON, p["id"], {"birth_date": "1995-02-12"}, "ben")
    entries = reg.audit()
    assert [(e["action"], e["entity"], e["actor"]) for e in entries] == [
        ("create", "person", "ana"),
        ("update", "person", "ben"),
    ]
    assert entries[0]["before"] is None
    assert json.loads(entries[1]["before"])["birth_date"] == "1995-02-11"
    assert json.loads(entries[1]["after"])["birth_date"] == "1995-02-12"
    assert entries[1]["prev_hash"] == entries[0]["hash"]


def test_invalid_fields_are_named_in_the_clients_terms(db_url: str) -> None:
    reg = open_registry(db_url)
    with pytest.raises(CaseError) as e:
        reg.create(PERSON, {"names": ["X"], "citizenships": [{"country": "XX"}]}, "ana")
    assert e.value.path == "citizenships[0].country"
    with pytest.raises(CaseError) as e:
        reg.create(PERSON, {"names": []}, "ana")
    assert e.value.path == "names"
    with pytest.raises(CaseError) as e:
        reg.create(SERVICE, {"person_id": "nobody"}, "ana")
    assert e.value.path == "person_id"
    p = _person(reg)
    with pytest.raises(CaseError) as e:
        reg.create(SERVICE, {"person_id": p["id"], "contract_until": "soon"}, "ana")
    assert e.value.path == "contract_until"
    with pytest.raises(CaseError) as e:
        reg.create(REQUEST, {"person_id": p["id"], "offense": {"max_penalty_years": -1}}, "ana")
    assert e.value.path == "offense.max_penalty_years"
    assert len(reg.audit()) == 1  # refused writes leave no trace and no record


def test_update_refuses_a_stale_version(db_url: str) -> None:
    reg = open_registry(db_url)
    p = _person(reg)
    reg.update(PERSON, p["id"], {"notes": "first"}, "ana", if_version=1)
    with pytest.raises(Conflict):
        reg.update(PERSON, p["id"], {"notes": "second"}, "ben", if_version=1)
    with pytest.raises(NotFound):
        reg.update(PERSON, "missing", {"notes": "x"}, "ben")


def test_decision_keeps_case_answer_readings_digest_who_and_when(db_url: str, nepali: dict[str, Any]) -> None:
    import extrashield

    reg = open_registry(db_url)
    d = reg.record_decision({"case": nepali, "readings": {"point7.limbs": "combat_required"}}, "ana")
    got = reg.get("decision", d["id"])
    assert got["case"] == nepali
    assert got["readings"] == {"point7.limbs": "combat_required"}
    assert got["answer"] == extrashield.assess(nepali, readings={"point7.limbs": "combat_required"}).to_dict()
    assert got["law_digest"] == extrashield.default_lawbook().digest
    assert got["created_by"] == "ana" and got["created_at"]


def test_decision_can_be_assembled_from_stored_records(db_url: str) -> None:
    reg = open_registry(db_url)
    p = _person(reg)
    reg.create(
        SERVICE,
        {
            "person_id": p["id"],
            "formation": "armed_forces",
            "contract_from": "2023-05-01",
            "contract_until": "ongoing",
            "combat": True,
        },
        "ana",
    )
    r = reg.create(REQUEST, {"person_id": p["id"], "requesting_state": "NP", "purpose": "prosecution"}, "ana")
    d = reg.record_decision(
        {"person_id": p["id"], "request_id": r["id"], "decision_date": "2026-04-01"}, "ana"
    )
    assert d["outcome"] == "barred"
    applying = [g["provision"] for g in d["answer"]["grounds"] if g["status"] == "applies"]
    assert "ru.upk.464.1.7" in applying
    assert d["case"]["person"]["military_service"][0]["contract_until"] == "ongoing"
    assert d["person_id"] == p["id"] and d["request_id"] == r["id"]


def test_invalid_decision_case_names_the_field_under_case(db_url: str, nepali: dict[str, Any]) -> None:
    reg = open_registry(db_url)
    nepali["person"]["citizenships"][0]["country"] = "ZZ"
    with pytest.raises(CaseError) as e:
        reg.record_decision({"case": nepali}, "ana")
    assert e.value.path == "case.person.citizenships[0].country"


def test_database_refuses_to_change_or_delete_audit_entries_and_decisions(
    db_url: str, nepali: dict[str, Any]
) -> None:
    reg = open_registry(db_url)
    _person(reg)
    reg.record_decision({"case": nepali}, "ana")
    for statement in (
        "UPDATE audit_log SET actor = 'mallory'",
        "DELETE FROM audit_log",
        "UPDATE decisions SET outcome = 'permitted'",
        "DELETE FROM decisions",
    ):
        with pytest.raises(sa.exc.DBAPIError):
            with reg.engine.begin() as conn:
                conn.exec_driver_sql(statement)
    assert reg.verify().ok


def test_migration_head_matches_the_newest_migration_file() -> None:
    names = sorted(p.name for p in (MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert names[-1].startswith(HEAD + "_")


def test_reopening_an_existing_database_keeps_everything(sqlite_url: str) -> None:
    first = Registry(sqlite_url)
    p = _person(first)
    first.close()
    again = Registry(sqlite_url)
    assert again.get("person", p["id"]) == p
    assert again.verify().ok
    again.close()


def test_sqlite_runs_in_wal_mode_with_full_sync(sqlite_url: str) -> None:
    reg = open_registry(sqlite_url)
    with reg.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_migrations_build_exactly_the_tables_the_code_uses(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from extrashield.adapters.registry.schema import metadata

    reg = open_registry(db_url)
    with reg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
