"""`db verify` and `GET /v1/audit/verify` check everything that grants access (the users table) against
the audit log, find a history rewritten with recomputed hashes once its head was anchored, and read one
snapshot, so that concurrent writers cause no false alarm."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import Registry, open_registry
from extrashield.adapters.registry.audit import GENESIS, canonical, entry_hash, parse_anchor
from extrashield.adapters.registry.records import KINDS, now
from extrashield.adapters.registry.users import add_user, authenticate, list_users, revoke_user


def _sql(reg: Registry, *statements: str, **params: Any) -> None:
    """A direct edit by whoever can open the database (the users table has no trigger to drop)."""
    with reg.engine.begin() as conn:
        for s in statements:
            conn.execute(sa.text(s), params)


def _without_guards(reg: Registry, *statements: str) -> None:
    with reg.engine.begin() as conn:
        if reg.dialect == "sqlite":
            for name in ("audit_log_no_update", "audit_log_no_delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
        for s in statements:
            conn.exec_driver_sql(s)


def _promote(reg: Registry) -> None:
    _sql(reg, "UPDATE users SET role = 'admin' WHERE name = 'reader-user'")


def _unrevoke(reg: Registry) -> None:
    revoke_user(reg, "reader-user", "test")
    _sql(reg, "UPDATE users SET revoked_at = NULL WHERE name = 'reader-user'")


def _remove_expiry(reg: Registry) -> None:
    add_user(reg, "temp", "reader", "test", expires_in_days=1)
    _sql(reg, "UPDATE users SET expires_at = NULL WHERE name = 'temp'")


BACKDOOR = "esk_backdoor-token-that-nobody-granted-000000000000"


def _backdoor(reg: Registry) -> None:
    _sql(
        reg,
        "INSERT INTO users (id, name, role, token_hash, created_at) VALUES (:id, 'mallory', 'admin', :h, :at)",
        id=str(uuid.uuid4()),
        h=hashlib.sha256(BACKDOOR.encode()).hexdigest(),
        at=now(),
    )


def _replace_token(reg: Registry) -> None:
    _sql(
        reg,
        "UPDATE users SET token_hash = :h WHERE name = 'reader-user'",
        h=hashlib.sha256(BACKDOOR.encode()).hexdigest(),
    )


def _delete(reg: Registry) -> None:
    _sql(reg, "DELETE FROM users WHERE name = 'editor-user'")


_CHANGED = "differs from its last audit entry (entry {}), changed outside the registry: "
TAMPERINGS: dict[str, tuple[Callable[[Registry], None], str]] = {
    "promote role": (_promote, "user reader-user " + _CHANGED.format(1) + "role raised from reader to admin"),
    "un-revoke": (_unrevoke, "user reader-user " + _CHANGED.format(4) + "its revocation was removed"),
    "remove expiry": (_remove_expiry, "user temp " + _CHANGED.format(4) + "its expiry was removed"),
    "backdoor admin": (_backdoor, "user mallory (admin) is in the users table but has no audit entry"),
    "replace token hash": (
        _replace_token,
        "user reader-user " + _CHANGED.format(1) + "its token hash was replaced",
    ),
    "delete user": (
        _delete,
        "user editor-user is in the audit log (entry 2) but missing from the users table",
    ),
}


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_each_user_tampering_is_named_by_verify_the_api_and_the_command(
    tampering: str, api: Any, db_url: str, cli: Any
) -> None:
    reg = open_registry(db_url)
    admin = api.auth_as("admin")
    assert reg.verify().ok and api.get("/v1/audit/verify", headers=admin).json()["ok"] is True
    edit, named = TAMPERINGS[tampering]
    edit(reg)

    verdict = reg.verify()
    assert not verdict.ok and named in (verdict.problem or "")
    answer = api.get("/v1/audit/verify", headers=admin).json()
    assert answer["ok"] is False and named in answer["problem"]
    run = cli("db", "verify", "--database", db_url, "--format", "json")
    assert run.returncode == 1 and named in json.loads(run.stdout)["problem"]


def test_tampered_tokens_still_authenticate_so_verify_is_what_finds_them(db_url: str) -> None:
    # (What the review saw: the edit works. verify is the alarm; the test above shows it rings.)
    reg = open_registry(db_url)
    add_user(reg, "ana", "admin", "test")
    _backdoor(reg)
    assert authenticate(reg, BACKDOOR) is not None and not reg.verify().ok


def test_grant_and_revoke_entries_record_the_token_hash(db_url: str) -> None:
    reg = open_registry(db_url)
    _, token = add_user(reg, "ana", "reader", "test")
    revoke_user(reg, "ana", "test")
    grant, revoke = reg.audit()
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert json.loads(grant["after"])["token_hash"] == digest
    assert json.loads(revoke["before"])["token_hash"] == digest == json.loads(revoke["after"])["token_hash"]
    assert token not in json.dumps(reg.audit())


def test_a_record_changed_outside_then_updated_through_the_registry_is_found(db_url: str) -> None:
    reg = open_registry(db_url)
    p = reg.create(KINDS["person"], {"names": ["A"]}, "ana")
    _sql(reg, "UPDATE persons SET birth_date = '1990-01-01' WHERE id = :id", id=p["id"])
    reg.update(KINDS["person"], p["id"], {"notes": "later"}, "ben")  # the table now matches its last entry
    verdict = reg.verify()
    assert not verdict.ok and verdict.first_broken_seq == 2
    assert f"person {p['id']} is not, in its 'before', what entry 1 left: birth_date changed" in (
        verdict.problem or ""
    )


# -- anchoring the head ------------------------------------------------------------------------------------------


def _filled(url: str, n: int = 4) -> Registry:
    reg = open_registry(url)
    for i in range(n):
        reg.create(KINDS["person"], {"names": [f"Person {i}"]}, "ana")
    return reg


def _rewrite_from(reg: Registry, seq: int, actor: str) -> None:
    """What the owner of the tables can do: change entry `seq` and recompute every hash after it."""
    entries = reg.audit(limit=500)
    prev = entries[seq - 2]["hash"] if seq > 1 else GENESIS
    statements = []
    for e in entries[seq - 1 :]:
        e = {**e, "prev_hash": prev, "actor": actor if e["seq"] == seq else e["actor"]}
        e["hash"] = entry_hash(e)
        statements.append(
            f"UPDATE audit_log SET actor = '{e['actor']}', prev_hash = 'p{e['seq']}', "
            f"hash = 'h{e['seq']}' WHERE seq = {e['seq']}"
        )
        statements.append(
            f"UPDATE audit_log SET prev_hash = '{e['prev_hash']}', hash = '{e['hash']}' WHERE seq = {e['seq']}"
        )
        prev = e["hash"]
    # two passes: the unique prev_hash and hash columns refuse a value still held by another row
    _without_guards(reg, *statements[0::2], *statements[1::2])


def test_a_rewritten_history_with_recomputed_hashes_passes_alone_and_fails_against_an_anchor(
    db_url: str,
) -> None:
    reg = _filled(db_url)
    anchor = parse_anchor(reg.head()["anchor"])
    assert anchor[0] == 4
    reg.create(KINDS["person"], {"names": ["Later"]}, "ana")
    assert reg.verify([anchor]).ok  # an anchor holds while the chain grows
    _rewrite_from(reg, 2, "mallory")
    assert reg.verify().ok  # the chain alone cannot tell
    verdict = reg.verify([anchor])
    assert not verdict.ok and verdict.first_broken_seq == 4
    assert "entry 4 has hash" in (verdict.problem or "") and "history up to entry 4 was rewritten" in (
        verdict.problem or ""
    )


def test_entries_cut_off_the_end_fail_against_an_anchor(db_url: str) -> None:
    reg = _filled(db_url)
    anchor = parse_anchor(reg.head()["anchor"])
    # the newest person and its entry, removed together: the chain and the tables still agree
    with reg.engine.connect() as conn:
        last = conn.execute(sa.text("SELECT entity_id FROM audit_log WHERE seq = 4")).scalar()
    _without_guards(reg, "DELETE FROM audit_log WHERE seq = 4", f"DELETE FROM persons WHERE id = '{last}'")
    assert reg.verify().ok
    verdict = reg.verify([anchor])
    assert not verdict.ok and "the chain ends at entry 3, before the anchored entry 4" in (
        verdict.problem or ""
    )


def test_head_of_an_empty_log_and_verdict_head(db_url: str) -> None:
    reg = open_registry(db_url)
    assert reg.head() == {"seq": 0, "hash": GENESIS, "at": None, "anchor": f"0:{GENESIS}"}
    reg.create(KINDS["person"], {"names": ["A"]}, "ana")
    head = reg.head()
    assert reg.verify().head == {"seq": 1, "hash": head["hash"]} and head["anchor"] == f"1:{head['hash']}"


@pytest.mark.parametrize(
    "bad", ["", "4", "0:" + "a" * 64, "-1:" + "a" * 64, "4:" + "a" * 63, "4:" + "g" * 64, "4:x:y"]
)
def test_anchor_text_is_checked(bad: str) -> None:
    with pytest.raises(ValueError, match="is not SEQ:HASH"):
        parse_anchor(bad)


def test_audit_head_over_http_is_for_admins_and_anchors_verify(api: Any) -> None:
    assert api.get("/v1/audit/head", headers=api.auth_as("editor")).status_code == 403
    assert api.get("/v1/audit/head").status_code == 401
    head = api.get("/v1/audit/head", headers=api.auth_as("admin")).json()
    assert head["seq"] == 3 and len(head["hash"]) == 64  # the three users of the fixture
    ok = api.get(
        "/v1/audit/verify", params={"expect_head": head["anchor"]}, headers=api.auth_as("admin")
    ).json()
    assert ok["ok"] is True and ok["head"] == {"seq": 3, "hash": head["hash"]}
    wrong = api.get(
        "/v1/audit/verify", params={"expect_head": f"2:{head['hash']}"}, headers=api.auth_as("admin")
    ).json()
    assert wrong["ok"] is False and wrong["first_broken_seq"] == 2
    bad = api.get("/v1/audit/verify", params={"expect_head": "three"}, headers=api.auth_as("admin"))
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "expect_head"]


# -- users granted before migration 0003 ---------------------------------------------------------------------------


def _registry_at_0002(url: str, users: list[dict[str, Any]], audited: list[dict[str, Any]]) -> None:
    """A database at revision 0002 holding `users`, with grant entries (the old form: no token hash) for
    `audited`."""
    from alembic import command
    from alembic.config import Config

    from extrashield.adapters.registry.config import resolve_url
    from extrashield.adapters.registry.migrate import MIGRATIONS

    engine = sa.create_engine(resolve_url(url))
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        for u in users:
            conn.execute(
                sa.text(
                    "INSERT INTO users (id, name, role, token_hash, created_at, revoked_at, expires_at) "
                    "VALUES (:id, :name, :role, :token_hash, :created_at, :revoked_at, :expires_at)"
                ),
                u,
            )
        prev = GENESIS
        for seq, state in enumerate(audited, start=1):
            entry = {
                "seq": seq,
                "at": state["created_at"],
                "actor": "cli:root",
                "action": "grant",
                "entity": "user",
                "entity_id": state["id"],
                "before": None,
                "after": canonical(
                    {k: state[k] for k in ("name", "role", "created_at", "revoked_at", "expires_at")}
                ),
                "prev_hash": prev,
            }
            entry["hash"] = prev = entry_hash(entry)
            conn.execute(
                sa.text(
                    'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, "before", "after", '
                    "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, :entity_id, :before, "
                    ":after, :prev_hash, :hash)"
                ),
                entry,
            )
    engine.dispose()


def _old_user(name: str, role: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": name,
        "role": role,
        "token_hash": hashlib.sha256(name.encode()).hexdigest(),
        "created_at": "2026-01-01T00:00:00.000000+00:00",
        "revoked_at": None,
        "expires_at": None,
    }


def test_migration_0003_attests_each_user_with_the_token_hash(db_url: str) -> None:
    ana, ben = _old_user("ana", "admin"), _old_user("ben", "reader")
    _registry_at_0002(db_url, [ana, ben], [ana, ben])
    reg = open_registry(db_url)
    assert reg.verify().ok
    attest = [e for e in reg.audit() if e["action"] == "attest"]
    assert [
        (e["actor"], json.loads(e["after"])["name"], json.loads(e["after"])["token_hash"]) for e in attest
    ] == [("migration:0003", "ana", ana["token_hash"]), ("migration:0003", "ben", ben["token_hash"])]
    _sql(reg, "UPDATE users SET token_hash = 'f' || substr(token_hash, 2) WHERE name = 'ben'")
    assert "user ben differs from its last audit entry (entry 4)" in (reg.verify().problem or "")


def test_a_role_raised_before_migration_0003_is_still_found(db_url: str) -> None:
    ben = _old_user("ben", "reader")
    _registry_at_0002(db_url, [{**ben, "role": "admin"}], [ben])
    verdict = open_registry(db_url).verify()
    assert not verdict.ok and verdict.first_broken_seq == 2
    assert (
        "user ben had been changed outside the registry when it was attested: role raised from reader to admin"
        in (verdict.problem or "")
    )


def test_a_user_added_outside_the_registry_before_migration_0003_is_still_found(db_url: str) -> None:
    ana, mallory = _old_user("ana", "admin"), _old_user("mallory", "admin")
    _registry_at_0002(db_url, [ana, mallory], [ana])
    verdict = open_registry(db_url).verify()
    assert not verdict.ok and "changes user mallory, which no earlier entry created" in (
        verdict.problem or ""
    )


# -- one snapshot ---------------------------------------------------------------------------------------------------


def test_verify_during_concurrent_writes_raises_no_false_alarm(db_url: str) -> None:
    """Writers create and update records and add and revoke users while verify runs again and again; on
    READ COMMITTED this cried tamper in most runs (the log and the tables read at different moments)."""
    reg = open_registry(db_url)
    reg.create(KINDS["person"], {"names": ["Seed"]}, "ana")
    stop = threading.Event()
    errors: list[BaseException] = []

    def write_records(n: int) -> None:
        try:
            while not stop.is_set():
                p = reg.create(KINDS["person"], {"names": [f"P{n}"]}, f"w{n}")
                reg.update(KINDS["person"], p["id"], {"notes": "x"}, f"w{n}")
                reg.create(KINDS["source"], {"title": "s"}, f"w{n}")
        except BaseException as exc:
            errors.append(exc)

    users_done = [0]

    def write_users() -> None:
        try:
            i = 0
            while not stop.is_set():
                i += 1
                add_user(reg, f"u{i}", "reader", "w", expires_in_days=1)
                revoke_user(reg, f"u{i}", "w")
                users_done[0] = i
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write_records, args=(n,)) for n in range(3)] + [
        threading.Thread(target=write_users)
    ]
    for t in threads:
        t.start()
    verdicts: list[Any] = []
    try:  # at least 25 checks, and on until the writers have appended 150 entries meanwhile
        # SQLite serialises writers on one lock, so the user writer may get its turn late: wait for two of
        # its rounds too (the users table must have been written while verify ran)
        while len(verdicts) < 25 or (
            (verdicts[-1].entries < 150 or users_done[0] < 2) and not errors and len(verdicts) < 5000
        ):
            verdicts.append(reg.verify())
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    alarms = [v.problem for v in verdicts if not v.ok]
    assert alarms == []
    seen = sorted({v.entries for v in verdicts})
    assert len(seen) > 25 and seen[-1] >= 150, f"the writers barely ran during the checks: {seen}"
    assert reg.verify().ok and len(list_users(reg)) > 1
