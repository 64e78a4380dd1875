"""The server under a PostgreSQL role that cannot rewrite history: the owner migrates and grants
(`db grant-app-role`); the application role then writes records and log entries, and nothing else.

Needs EXTRASHIELD_TEST_APP_DATABASE_URL (a second, unprivileged login role on the test server; .ci/services
creates `extrashield_app` and exports it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import Registry, forget_registries
from extrashield.adapters.registry import schema as registry_schema
from extrashield.adapters.registry.config import resolve_url
from extrashield.adapters.registry.records import KINDS
from extrashield.adapters.registry.roles import APP_PRIVILEGES
from extrashield.adapters.registry.users import add_user, authenticate

OWNER_URL = os.environ.get("EXTRASHIELD_TEST_DATABASE_URL", "")
APP_URL = os.environ.get("EXTRASHIELD_TEST_APP_DATABASE_URL", "")
APP_ROLE = sa.engine.make_url(APP_URL).username if APP_URL else ""
INSUFFICIENT_PRIVILEGE = "42501"

pytestmark = pytest.mark.postgres


def _in_schema(url: str, name: str) -> str:
    base = resolve_url(url)
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"


@pytest.fixture
def urls() -> Iterator[tuple[str, str]]:
    """(owner URL, application-role URL) on one fresh schema, created by the owner."""
    if not (OWNER_URL and APP_URL):
        pytest.skip(
            "PostgreSQL app-role tests SKIPPED: set EXTRASHIELD_TEST_DATABASE_URL and "
            "EXTRASHIELD_TEST_APP_DATABASE_URL (.ci/services does it)"
        )
    name = f"t_{uuid.uuid4().hex[:12]}"
    owner = sa.create_engine(resolve_url(OWNER_URL))
    with owner.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield _in_schema(OWNER_URL, name), _in_schema(APP_URL, name)
    finally:
        forget_registries()
        with owner.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        owner.dispose()


def test_every_table_has_its_application_privileges() -> None:
    assert set(APP_PRIVILEGES) == set(registry_schema.metadata.tables) | {"alembic_version"}


def test_the_app_role_writes_records_but_cannot_touch_the_logs_triggers_or_users(
    urls: tuple[str, str], cli: Any
) -> None:
    owner_url, app_url = urls
    assert cli("db", "migrate", "--database", owner_url).returncode == 0
    owner = Registry(owner_url)
    _, token = add_user(owner, "ana", "admin", "cli:owner")  # users are managed by the owner

    printed = cli("db", "grant-app-role", APP_ROLE, "--database", owner_url)
    assert printed.returncode == 0 and "GRANT USAGE ON SCHEMA" in printed.stdout
    assert f'GRANT SELECT, INSERT ON "{owner_url.rsplit("%3D", 1)[1]}"."audit_log"' in printed.stdout
    applied = cli("db", "grant-app-role", APP_ROLE, "--database", owner_url, "--apply")
    assert applied.returncode == 0, applied.stderr
    assert (
        cli("db", "grant-app-role", APP_ROLE, "--database", owner_url, "--apply").returncode == 0
    )  # idempotent

    app = Registry(app_url)  # opens without migrating: the schema is at the head
    try:
        p = app.create(KINDS["person"], {"names": ["A"]}, "ana")
        app.update(KINDS["person"], p["id"], {"notes": "n"}, "ana")
        app.record_decision(
            {
                "case": {
                    "decision_date": "2026-04-01",
                    "person": {"citizenships": [{"country": "NP"}]},
                    "request": {"requesting_state": "NP", "purpose": "prosecution"},
                }
            },
            "ana",
        )
        app.log_access("ana", "GET /v1/persons", "person", returned=1)
        assert authenticate(app, token) is not None
        assert app.verify().ok and app.verify_access_log().ok and app.head()["seq"] == 4

        with pytest.raises(sa.exc.ProgrammingError):
            add_user(app, "mallory", "admin", "app")  # cannot mint a token
        refused = [
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
            "DROP TRIGGER audit_log_no_change ON audit_log",
            "DROP FUNCTION audit_log_append_only() CASCADE",
            "UPDATE audit_log SET actor = 'mallory'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "UPDATE decisions SET outcome = 'permitted'",
            "DELETE FROM decisions",
            "UPDATE access_log SET actor = 'x'",
            "DELETE FROM access_log",
            "UPDATE users SET role = 'admin'",
            "DELETE FROM users",
            "INSERT INTO users (id, name, role, token_hash, created_at) VALUES ('x', 'm', 'admin', 'h', 't')",
            "DELETE FROM persons",
            "ALTER TABLE persons ADD COLUMN x integer",
            "DROP TABLE audit_log",
            "CREATE TABLE sneaky (a integer)",
            "UPDATE alembic_version SET version_num = '0001'",
        ]
        for statement in refused:
            with pytest.raises(sa.exc.ProgrammingError) as caught, app.engine.begin() as conn:
                conn.exec_driver_sql(statement)
            assert getattr(caught.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE, statement
        assert app.verify().ok  # nothing of the above got through
    finally:
        app.close()
        owner.close()


def test_grant_app_role_refuses_sqlite_and_odd_role_names(
    sqlite_url: str, urls: tuple[str, str], cli: Any
) -> None:
    on_sqlite = cli("db", "grant-app-role", "app", "--database", sqlite_url)
    assert on_sqlite.returncode == 2 and "PostgreSQL only" in on_sqlite.stderr
    odd = cli("db", "grant-app-role", 'app"; DROP TABLE users; --', "--database", urls[0])
    assert odd.returncode == 2 and "not a plain role name" in odd.stderr
    unknown = cli("db", "grant-app-role", "no_such_role_here", "--database", urls[0], "--apply")
    assert (
        unknown.returncode == 3
        and "no_such_role_here" in unknown.stderr
        and "Traceback" not in unknown.stderr
    )
