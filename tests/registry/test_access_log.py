"""The access log (every read of personal data: who, when, route, what; no personal values; append-only,
hash-chained), token expiry, and the upgrade of a database made at migration 0001."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import Registry, open_registry
from extrashield.adapters.registry.access import GIVEN, access_hash, safe_query
from extrashield.adapters.registry.audit import GENESIS, entry_hash
from extrashield.adapters.registry.migrate import HEAD, MIGRATIONS
from extrashield.adapters.registry.users import User, add_user, authenticate, list_users

NAME = "Ramesh Bahadur Thapa"
PERSON = {
    "names": [NAME, "Рамеш Бахадур Тапа"],
    "birth_date": "1995-02-11",
    "citizenships": [{"country": "NP"}],
    "notes": "lives at 12 Secret Lane",
}
PERSONAL_VALUES = (NAME, "Рамеш", "1995-02-11", "Secret Lane", "NP")


def _dump(reg: Registry, table: str) -> str:
    with (reg.access_engine if table == "access_log" else reg.engine).connect() as conn:
        return json.dumps(
            [list(r) for r in conn.execute(sa.text(f"SELECT * FROM {table}"))], ensure_ascii=False
        )


def test_reads_are_logged_with_the_user_and_no_personal_values(api: Any, db_url: str, caplog: Any) -> None:
    caplog.set_level("DEBUG")
    reader = api.auth_as("reader")
    pid = api.post("/v1/persons", json=PERSON, headers=api.auth_as("editor")).json()["id"]
    assert api.get(f"/v1/persons/{pid}", headers=reader).status_code == 200
    assert api.get(f"/v1/requests?person_id={pid}&limit=5", headers=reader).status_code == 200
    assert api.get(f"/v1/service-records?person_id={pid}", headers=reader).status_code == 200
    assert api.get(f"/v1/persons/{NAME}", headers=reader).status_code == 404  # a name typed as an id
    assert api.get("/v1/requests", params={"person_id": "Thapa"}, headers=reader).status_code == 200
    assert (
        api.get("/v1/persons", params={"person_id": "Thapa"}, headers=reader).status_code == 422
    )  # refused: no read
    assert api.get("/v1/audit", headers=api.auth_as("admin")).status_code == 200
    assert (
        api.post("/v1/persons", json=PERSON, headers=api.auth_as("editor")).status_code == 201
    )  # a write: not a read

    reg = open_registry(db_url)
    log = reg.access_log()
    got = [(e["actor"], e["route"], e["kind"], e["record_id"], e["query"], e["returned"]) for e in log]
    assert got == [
        ("reader-user", "GET /v1/persons/{record_id}", "person", pid, None, 1),
        (
            "reader-user",
            "GET /v1/requests",
            "request",
            None,
            json.dumps({"limit": 5, "offset": 0, "person_id": pid}, separators=(",", ":")),
            0,
        ),
        (
            "reader-user",
            "GET /v1/service-records",
            "service_record",
            None,
            json.dumps({"limit": 100, "offset": 0, "person_id": pid}, separators=(",", ":")),
            0,
        ),
        ("reader-user", "GET /v1/persons/{record_id}", "person", None, None, 0),
        (
            "reader-user",
            "GET /v1/requests",
            "request",
            None,
            json.dumps({"limit": 100, "offset": 0, "person_id": GIVEN}, separators=(",", ":")),
            0,
        ),
        (
            "admin-user",
            "GET /v1/audit",
            "audit",
            None,
            json.dumps({"after_seq": 0, "limit": 100}, separators=(",", ":")),
            4,
        ),
    ]
    stored = _dump(reg, "access_log")
    # The server's log (not the test client's own request lines) holds no personal value either.
    server_log = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))
    for value in (*PERSONAL_VALUES, "Thapa", *api.tokens.values()):
        assert value not in stored
        assert value not in server_log
    assert all(e["at"] and e["hash"] for e in log) and log[0]["prev_hash"] == GENESIS
    assert reg.verify_access_log().ok


def test_every_personal_read_endpoint_is_logged(api: Any, db_url: str, nepali: dict[str, Any]) -> None:
    ed, rd, ad = api.auth_as("editor"), api.auth_as("reader"), api.auth_as("admin")
    did = api.post("/v1/decisions", json={"case": nepali}, headers=ed).json()["id"]
    paths = [
        "/v1/persons",
        "/v1/service-records",
        "/v1/requests",
        "/v1/sources",
        "/v1/decisions",
        f"/v1/decisions/{did}",
        f"/v1/decisions/{did}/replay",
    ]
    for path in paths:
        assert api.get(path, headers=rd).status_code == 200, path
    assert api.get("/v1/audit", headers=ad).status_code == 200
    assert api.get("/v1/access-log", headers=ad).status_code == 200
    routes = [e["route"] for e in open_registry(db_url).access_log()]
    assert routes == [
        "GET /v1/persons",
        "GET /v1/service-records",
        "GET /v1/requests",
        "GET /v1/sources",
        "GET /v1/decisions",
        "GET /v1/decisions/{decision_id}",
        "GET /v1/decisions/{decision_id}/replay",
        "GET /v1/audit",
        "GET /v1/access-log",
    ]


def test_access_log_over_http_is_admin_only_and_filters(api: Any) -> None:
    api.get("/v1/persons", headers=api.auth_as("reader"))
    api.get("/v1/sources", headers=api.auth_as("editor"))
    assert api.get("/v1/access-log").status_code == 401
    for role in ("reader", "editor"):
        assert api.get("/v1/access-log", headers=api.auth_as(role)).status_code == 403
    ad = api.auth_as("admin")
    only = api.get("/v1/access-log?user=editor-user", headers=ad).json()
    assert [(e["actor"], e["route"]) for e in only] == [("editor-user", "GET /v1/sources")]
    assert api.get("/v1/access-log?since=2999-01-01", headers=ad).json() == []
    bad = api.get("/v1/access-log?since=yesterday", headers=ad)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "since"
    verdict = api.get("/v1/audit/verify", headers=ad).json()
    assert verdict["ok"] and verdict["access_log"]["ok"] and verdict["access_log"]["entries"] >= 3


def test_access_log_is_append_only_and_tampering_is_found(db_url: str) -> None:
    reg = open_registry(db_url)
    for n in range(4):
        reg.log_access("ana", "GET /v1/persons", "person", query={"limit": 10 + n}, returned=n)
    assert reg.verify_access_log().ok
    for statement in (
        "UPDATE access_log SET actor = 'mallory' WHERE seq = 2",
        "DELETE FROM access_log WHERE seq = 2",
    ):
        with pytest.raises(sa.exc.DBAPIError), reg.access_engine.begin() as conn:
            conn.exec_driver_sql(statement)
    if reg.dialect == "postgresql":
        with pytest.raises(sa.exc.DBAPIError), reg.access_engine.begin() as conn:
            conn.exec_driver_sql("TRUNCATE access_log")
    # What someone with write access to the database could do: drop the guards, then edit an entry.
    with reg.access_engine.begin() as conn:
        if reg.dialect == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER access_log_no_update")
        else:
            conn.exec_driver_sql("DROP TRIGGER access_log_no_change ON access_log")
        conn.exec_driver_sql("UPDATE access_log SET actor = 'mallory' WHERE seq = 3")
    verdict = reg.verify_access_log()
    assert not verdict.ok and verdict.first_broken_seq == 3 and "altered" in (verdict.problem or "")
    assert reg.verify().ok  # the audit chain is a separate chain, and intact


def test_db_verify_checks_the_access_log_and_db_access_log_lists_it(sqlite_url: str, cli: Any) -> None:
    reg = open_registry(sqlite_url)
    reg.log_access(
        "ana",
        "GET /v1/persons/{record_id}",
        "person",
        record_id="0b8e7a4c-1d3e-4f7a-9a57-5b0f6e1c2d3f",
        returned=1,
    )
    reg.log_access("ben", "GET /v1/persons", "person", query={"person_id": None, "limit": 100}, returned=0)
    listed = cli("db", "access-log", "--database", sqlite_url, "--user", "ana", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [(e["actor"], e["record_id"]) for e in json.loads(listed.stdout)] == [
        ("ana", "0b8e7a4c-1d3e-4f7a-9a57-5b0f6e1c2d3f")
    ]
    text = cli("db", "access-log", "--database", sqlite_url, "--since", "2000-01-01")
    assert (
        text.returncode == 0
        and "ana" in text.stdout
        and "ben" in text.stdout
        and "GET /v1/persons" in text.stdout
    )
    assert (
        json.loads(
            cli(
                "db", "access-log", "--database", sqlite_url, "--since", "2999-01-01", "--format", "json"
            ).stdout
        )
        == []
    )
    assert cli("db", "access-log", "--database", sqlite_url, "--since", "soon").returncode == 2
    ok = cli("db", "verify", "--database", sqlite_url)
    assert ok.returncode == 0 and "2 access-log entries, chain intact" in ok.stdout
    with reg.access_engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER access_log_no_update")
        conn.exec_driver_sql("UPDATE access_log SET returned = 7 WHERE seq = 2")
    bad = cli("db", "verify", "--database", sqlite_url, "--format", "json")
    assert bad.returncode == 1
    out = json.loads(bad.stdout)
    assert out["ok"] is False and out["audit_ok"] is True and out["access_log"]["first_broken_seq"] == 2


def test_queries_keep_ids_numbers_and_dates_only() -> None:
    q = json.loads(
        safe_query(
            {
                "person_id": "Ramesh",
                "limit": 5,
                "since": "2026-01-01",
                "flag": True,
                "none": None,
                "id": "0b8e7a4c-1d3e-4f7a-9a57-5b0f6e1c2d3f",
            }
        )
        or "{}"
    )
    assert q == {
        "person_id": GIVEN,
        "limit": 5,
        "since": "2026-01-01",
        "flag": GIVEN,
        "id": "0b8e7a4c-1d3e-4f7a-9a57-5b0f6e1c2d3f",
    }
    e = {
        "seq": 1,
        "at": "t",
        "actor": "a",
        "route": "GET /v1/persons",
        "kind": "person",
        "record_id": None,
        "query": None,
        "returned": 0,
        "prev_hash": GENESIS,
    }
    assert access_hash(e) == entry_hash(e, tuple(e))  # the audit module's hashing, with this log's fields


# -- token expiry ------------------------------------------------------------------------------------


def _expire(reg: Registry, name: str) -> None:
    with reg.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE users SET expires_at = :at WHERE name = :name"),
            {"at": "2000-01-01T00:00:00.000000+00:00", "name": name},
        )


def test_expired_token_is_refused_like_a_revoked_one(api: Any, db_url: str) -> None:
    reg = open_registry(db_url)
    user, token = add_user(reg, "temp", "reader", "test", expires_in_days=30)
    assert user.expires_at is not None and user.expires_at > user.created_at
    assert authenticate(reg, token) == user
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/v1/persons", headers=headers).status_code == 200
    _expire(reg, "temp")
    assert authenticate(reg, token) is None
    expired = api.get("/v1/persons", headers=headers)
    revoked_like = api.get("/v1/persons", headers={"Authorization": "Bearer esk_" + "A" * 43})
    assert expired.status_code == revoked_like.status_code == 401
    assert expired.json() == revoked_like.json() and expired.headers["www-authenticate"] == "Bearer"
    assert [u.expired() for u in list_users(reg) if u.name == "temp"] == [True]
    assert add_user(reg, "forever", "reader", "test")[0].expires_at is None


def test_expiry_must_be_a_positive_number_of_days(sqlite_url: str) -> None:
    from extrashield.errors import CaseError

    reg = open_registry(sqlite_url)
    for bad in (0, -1, 10**9):
        with pytest.raises(CaseError):
            add_user(reg, "ana", "reader", "test", expires_in_days=bad)


def test_users_add_prints_the_expiry_and_list_shows_it(sqlite_url: str, cli: Any) -> None:
    added = cli(
        "users", "add", "ana", "--role", "reader", "--expires-in-days", "90", "--database", sqlite_url
    )
    assert added.returncode == 0 and added.stdout.strip().startswith("esk_")
    assert "expires 20" in added.stderr
    plain = cli("users", "add", "ben", "--database", sqlite_url)
    assert "no expiry" in plain.stderr
    listed = cli("users", "list", "--database", sqlite_url)
    lines = dict(line.split("\t", 1) for line in listed.stdout.splitlines())
    assert "active" in lines["ana"] and "expires 20" in lines["ana"] and "no expiry" in lines["ben"]
    _expire(open_registry(sqlite_url), "ana")
    listed = json.loads(cli("users", "list", "--database", sqlite_url, "--format", "json").stdout)
    assert [(u["name"], u["expired"]) for u in listed] == [("ana", True), ("ben", False)]
    assert "expired" in cli("users", "list", "--database", sqlite_url).stdout
    assert cli("users", "add", "cy", "--expires-in-days", "0", "--database", sqlite_url).returncode == 2


# -- migration from 0001 -----------------------------------------------------------------------------


def test_a_database_made_at_0001_upgrades_cleanly(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from extrashield.adapters.registry.config import resolve_url

    assert HEAD >= "0003"  # the test starts at 0001 and upgrades through every later migration
    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        # What a 0001 registry held: a user (no expiry column yet) and the audit entry granting them.
        assert "expires_at" not in {c["name"] for c in sa.inspect(conn).get_columns("users")}
        assert not sa.inspect(conn).has_table("access_log")
        token_hash = "ab" * 32
        old = {
            "name": "ana",
            "role": "admin",
            "created_at": "2026-01-01T00:00:00.000000+00:00",
            "revoked_at": None,
        }
        conn.execute(
            sa.text(
                "INSERT INTO users (id, name, role, token_hash, created_at) VALUES ('u1', 'ana', 'admin', :h, :c)"
            ),
            {"h": token_hash, "c": old["created_at"]},
        )
        entry = {
            "seq": 1,
            "at": old["created_at"],
            "actor": "cli:root",
            "action": "grant",
            "entity": "user",
            "entity_id": "u1",
            "before": None,
            "after": json.dumps(old, sort_keys=True, separators=(",", ":")),
            "prev_hash": GENESIS,
        }
        entry["hash"] = entry_hash(entry)
        conn.execute(
            sa.text(
                'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, "before", "after", '
                "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, :entity_id, :before, "
                ":after, :prev_hash, :hash)"
            ),
            entry,
        )
    engine.dispose()

    reg = open_registry(db_url)  # opening migrates to the head
    with reg.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    assert [u == User("ana", "admin", old["created_at"], None, None) for u in list_users(reg)] == [True]
    # 0003 attested the user (the grant entry of 0001 did not record the token hash)
    assert reg.verify().ok and reg.verify().entries == 2
    assert [(e["action"], e["actor"]) for e in reg.audit()] == [
        ("grant", "cli:root"),
        ("attest", "migration:0003"),
    ]
    reg.log_access("ana", "GET /v1/persons", "person", returned=0)
    assert reg.verify_access_log().ok and reg.verify_access_log().entries == 1
    _, token = add_user(reg, "ben", "reader", "test", expires_in_days=1)
    assert authenticate(reg, token) is not None
    with pytest.raises(sa.exc.DBAPIError), reg.access_engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM access_log")


# -- SQLite: the access log in a file of its own ---------------------------------------------------------


def test_on_sqlite_a_read_is_logged_while_a_writer_holds_the_registry_write_lock(sqlite_url: str) -> None:
    import threading

    from extrashield.adapters.registry.store import access_log_path

    reg = open_registry(sqlite_url)
    assert reg.access_path == access_log_path(sqlite_url) and reg.access_path is not None
    assert reg.access_path.exists() and reg.access_path.stat().st_mode & 0o777 == 0o600
    logged = threading.Event()
    with reg.writing():  # a writer of records, in the middle of its transaction
        worker = threading.Thread(
            target=lambda: (reg.log_access("ana", "GET /v1/persons", "person"), logged.set())
        )
        worker.start()
        worker.join(timeout=30)
        assert logged.is_set(), "logging a read waited for the writer of records"
    entries = reg.access_log()
    assert [e["actor"] for e in entries] == ["ana"] and reg.verify_access_log().ok


def test_an_access_log_kept_in_the_main_sqlite_file_is_carried_over_and_goes_on(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extrashield.adapters.registry.store as store
    from extrashield.adapters.registry import forget_registries

    with monkeypatch.context() as m:  # a registry as it was before the access log had a file of its own
        m.setattr(store, "access_log_path", lambda url: None)
        old = Registry(sqlite_url)
        for n in range(3):
            old.log_access("ana", "GET /v1/persons", "person", returned=n)
        before = old.access_log()
        old.close()
    forget_registries()
    reg = open_registry(sqlite_url)
    assert reg.access_engine is not reg.engine
    assert reg.access_log() == before  # every entry, hashes and all
    reg.log_access("ben", "GET /v1/persons", "person", returned=0)
    after = reg.access_log()
    assert len(after) == 4 and after[3]["prev_hash"] == before[2]["hash"] and reg.verify_access_log().ok
