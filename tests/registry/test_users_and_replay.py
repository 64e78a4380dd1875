"""Users and tokens (stored hashed, revocable) and replay of stored decisions against today's law."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.replay import compare
from extrashield.adapters.registry.users import add_user, authenticate, list_users, revoke_user
from extrashield.errors import CaseError
from extrashield.sources.datafile import DATA_DIR
from extrashield.sources.digest import law_digest
from extrashield.sources.lawbook import LAW_DIR


def test_token_is_stored_only_as_its_hash(db_url: str) -> None:
    reg = open_registry(db_url)
    user, token = add_user(reg, "ana", "editor", "cli:root")
    with reg.engine.connect() as conn:
        dump = json.dumps([list(r) for r in conn.execute(sa.text("SELECT * FROM users"))])
        audit = json.dumps([list(r) for r in conn.execute(sa.text("SELECT * FROM audit_log"))])
    assert token not in dump and token not in audit
    assert hashlib.sha256(token.encode()).hexdigest() in dump
    assert authenticate(reg, token) == user


def test_revoked_forged_and_unknown_tokens_authenticate_nobody(db_url: str) -> None:
    reg = open_registry(db_url)
    _, token = add_user(reg, "ana", "reader", "cli:root")
    assert authenticate(reg, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert authenticate(reg, "not-a-token") is None
    revoke_user(reg, "ana", "cli:root")
    assert authenticate(reg, token) is None
    assert [(u.name, u.revoked_at is not None) for u in list_users(reg)] == [("ana", True)]
    assert [e["action"] for e in reg.audit()] == ["grant", "revoke"]


def test_user_names_and_roles_are_checked(db_url: str) -> None:
    reg = open_registry(db_url)
    with pytest.raises(CaseError):
        add_user(reg, "ana", "superuser", "cli:root")
    add_user(reg, "ana", "admin", "cli:root")
    with pytest.raises(CaseError):
        add_user(reg, "ana", "reader", "cli:root")


def test_users_commands_print_the_token_once_and_never_list_it(sqlite_url: str, cli: Any) -> None:
    added = cli("users", "add", "ana", "--role", "editor", "--database", sqlite_url)
    assert added.returncode == 0
    token = added.stdout.strip()
    assert token.startswith("esk_") and "shown this once" in added.stderr
    listed = cli("users", "list", "--database", sqlite_url)
    assert "ana" in listed.stdout and "editor" in listed.stdout and token not in listed.stdout
    assert cli("users", "revoke", "ana", "--database", sqlite_url).returncode == 0
    assert cli("users", "add", "x y", "--database", sqlite_url).returncode == 2


def test_replay_reports_nothing_when_the_law_has_not_changed(
    sqlite_url: str, nepali: dict[str, Any], cli: Any
) -> None:
    reg = open_registry(sqlite_url)
    reg.record_decision({"case": nepali}, "ana")
    result = cli("db", "replay", "--database", sqlite_url, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) | {"results": []} == {"decisions": 1, "changed": 0, "results": []}


def test_replay_names_the_changed_digest_outcome_and_grounds(sqlite_url: str, nepali: dict[str, Any]) -> None:
    reg = open_registry(sqlite_url)
    stored = copy.deepcopy(reg.record_decision({"case": nepali}, "ana"))
    # As if the decision had been taken under older law data in which point 7 did not exist yet.
    stored["law_digest"] = "sha256:" + "0" * 64
    stored["outcome"] = "permitted"
    for g in stored["answer"]["grounds"]:
        if g["provision"] == "ru.upk.464.1.7":
            g["status"] = "not_in_force"
    r = compare(stored).to_dict()
    assert r["changed"] and r["law_digest"]["changed"]
    assert r["outcome"] == {"stored": "permitted", "now": "barred"}
    assert {"provision": "ru.upk.464.1.7", "before": "not_in_force", "after": "applies"} in r["grounds"]


def test_replay_notices_a_changed_treaty_file(
    sqlite_url: str, nepali: dict[str, Any], tmp_path: Path
) -> None:
    """The digest a decision keeps covers the data beside the law (sources/digest.py): a treaty edited in a
    copy of the data makes the replay against that copy say the data changed, though the outcome does not."""
    stored = open_registry(sqlite_url).record_decision({"case": nepali}, "ana")
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    assert compare(stored, law_digest(LAW_DIR, data)).to_dict()["law_digest"]["changed"] is False
    treaty = data / "treaties" / "minsk-1993.yaml"
    treaty.write_text(
        treaty.read_text(encoding="utf-8").replace("kind: multilateral", "kind: bilateral"), encoding="utf-8"
    )
    r = compare(stored, law_digest(LAW_DIR, data)).to_dict()
    assert r["law_digest"]["changed"] and r["law_digest"]["stored"] == stored["law_digest"]
    assert r["outcome"] == {"stored": "barred", "now": "barred"}


def test_replay_flags_a_stored_case_that_no_longer_validates(sqlite_url: str, nepali: dict[str, Any]) -> None:
    reg = open_registry(sqlite_url)
    stored = copy.deepcopy(reg.record_decision({"case": nepali}, "ana"))
    stored["case"]["person"]["renamed_field"] = True
    r = compare(stored)
    assert r.changed and r.error and "renamed_field" in r.error
