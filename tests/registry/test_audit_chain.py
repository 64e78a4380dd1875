"""`db verify`: an intact chain passes; any altered, removed or forged entry, or a record changed
behind the registry's back, is found and the first broken entry named."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from extrashield.adapters.registry import Registry, open_registry
from extrashield.adapters.registry.audit import GENESIS, entry_hash, verify_entries
from extrashield.adapters.registry.records import KINDS


def _filled(url: str) -> Registry:
    reg = open_registry(url)
    for n in range(4):
        p = reg.create(KINDS["person"], {"names": [f"Person {n}"]}, "ana")
        reg.update(KINDS["person"], p["id"], {"notes": f"note {n}"}, "ben")
    return reg


def _without_guards(reg: Registry, *statements: str) -> None:
    """What an attacker with write access to the database file could do: drop the triggers, then edit."""
    with reg.engine.begin() as conn:
        if reg.dialect == "sqlite":
            for name in ("audit_log_no_update", "audit_log_no_delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        else:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        for s in statements:
            conn.exec_driver_sql(s)


def test_intact_chain_verifies(db_url: str) -> None:
    verdict = _filled(db_url).verify()
    assert verdict.ok and verdict.entries == 8 and verdict.first_broken_seq is None


def test_altered_entry_is_named(db_url: str) -> None:
    reg = _filled(db_url)
    _without_guards(reg, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 5")
    verdict = reg.verify()
    assert not verdict.ok and verdict.first_broken_seq == 5
    assert "altered" in (verdict.problem or "")


def test_removed_entry_is_named(db_url: str) -> None:
    reg = _filled(db_url)
    _without_guards(reg, "DELETE FROM audit_log WHERE seq = 3")
    verdict = reg.verify()
    assert not verdict.ok and verdict.first_broken_seq == 4


def test_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(db_url: str) -> None:
    reg = _filled(db_url)
    entry = reg.audit(after_seq=1, limit=1)[0]
    forged = {**entry, "actor": "mallory"}
    forged["hash"] = entry_hash(forged)
    _without_guards(reg, f"UPDATE audit_log SET actor = 'mallory', hash = '{forged['hash']}' WHERE seq = 2")
    verdict = reg.verify()
    assert not verdict.ok and verdict.first_broken_seq == 3


def test_record_changed_outside_the_registry_is_found(db_url: str) -> None:
    reg = _filled(db_url)
    with reg.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE persons SET notes = 'silently changed' WHERE notes = 'note 2'")
    verdict = reg.verify()
    assert not verdict.ok and "changed outside the registry" in (verdict.problem or "")


def test_chain_check_is_a_pure_function_of_the_entries() -> None:
    e1: dict[str, Any] = {
        "seq": 1,
        "at": "t",
        "actor": "a",
        "action": "create",
        "entity": "person",
        "entity_id": "x",
        "before": None,
        "after": json.dumps({"a": 1}),
        "prev_hash": GENESIS,
    }
    e1["hash"] = entry_hash(e1)
    e2 = {**e1, "seq": 2, "prev_hash": e1["hash"]}
    e2["hash"] = entry_hash(e2)
    assert verify_entries([e1, e2]).ok
    assert verify_entries([e2]).first_broken_seq == 2  # numbering must start at 1
    assert verify_entries([e1, {**e2, "after": '{"a": 2}'}]).first_broken_seq == 2


def test_db_verify_command_exits_nonzero_and_names_the_entry(sqlite_url: str, cli: Any) -> None:
    reg = _filled(sqlite_url)
    ok = cli("db", "verify", "--database", sqlite_url)
    assert ok.returncode == 0 and "chain intact" in ok.stdout
    _without_guards(reg, "UPDATE audit_log SET after = '{}' WHERE seq = 6")
    bad = cli("db", "verify", "--database", sqlite_url, "--format", "json")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["first_broken_seq"] == 6


def test_no_interface_can_remove_the_guards_by_accident(sqlite_url: str) -> None:
    reg = open_registry(sqlite_url)
    with reg.engine.connect() as conn:
        names = {r[0] for r in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    assert {
        "audit_log_no_update",
        "audit_log_no_delete",
        "decisions_no_update",
        "decisions_no_delete",
    } <= names
