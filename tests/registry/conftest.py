"""Databases for the registry and API tests: a fresh SQLite file, and (when EXTRASHIELD_TEST_DATABASE_URL
names a PostgreSQL server; .ci/services sets it up on CI) a fresh schema on that server for each test.
When PostgreSQL is not configured those tests are skipped, with a reason and a warning in the summary."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from extrashield.adapters.registry import forget_registries

PG_ENV = "EXTRASHIELD_TEST_DATABASE_URL"
PG_URL = os.environ.get(PG_ENV, "")
PG_SKIP = (
    f"PostgreSQL tests SKIPPED: set {PG_ENV}=postgresql://user:password@host/db (.ci/services does it on CI)"
)
_skipped_pg: list[str] = []


def _pg_schema_url() -> Iterator[str]:
    """A new, empty schema on the test server; dropped afterwards (the append-only triggers refuse
    deleting rows, but not dropping the whole test schema)."""
    import sqlalchemy as sa

    from extrashield.adapters.registry.config import resolve_url

    base = resolve_url(PG_URL)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        forget_registries()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[str]:
    """The URL of an empty registry database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/registry.sqlite3"
        forget_registries()
        return
    if not PG_URL:
        _skipped_pg.append(request.node.nodeid)
        pytest.skip(PG_SKIP)
    yield from _pg_schema_url()


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> Iterator[str]:
    yield f"sqlite:///{tmp_path}/registry.sqlite3"
    forget_registries()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped_pg:
        terminalreporter.write_sep(
            "!", f"{len(_skipped_pg)} PostgreSQL registry tests were SKIPPED", yellow=True, bold=True
        )
        terminalreporter.write_line(PG_SKIP, yellow=True, bold=True)


class Cli:
    """`extrashield ...` as a user runs it (a subprocess: exit codes and streams as they really are)."""

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        import sys

        return subprocess.run(
            [sys.executable, "-m", "extrashield", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **(env or {})},
        )


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def api(db_url: str) -> Iterator[Any]:
    """A TestClient on the app over a fresh database, with one token per role in `api.tokens`."""
    from fastapi.testclient import TestClient

    from extrashield.adapters.api.app import create_app
    from extrashield.adapters.registry import open_registry
    from extrashield.adapters.registry.users import add_user

    reg = open_registry(db_url)
    tokens = {role: add_user(reg, f"{role}-user", role, "test")[1] for role in ("reader", "editor", "admin")}
    with TestClient(create_app(db_url), raise_server_exceptions=False) as client:
        client.tokens = tokens  # type: ignore[attr-defined]
        client.auth_as = lambda role: {"Authorization": f"Bearer {tokens[role]}"}  # type: ignore[attr-defined]
        yield client
