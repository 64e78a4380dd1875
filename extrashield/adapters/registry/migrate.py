"""Schema migrations (Alembic, shipped in `migrations/`), run programmatically when a registry opens.

The check is one query; Alembic itself is imported only when the schema is behind. The upgrade runs
inside the registry's write lock, so two processes opening a new database at once cannot both create it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, inspect, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0006"  # the newest revision in migrations/versions/; a test checks they agree


class Transactions(Protocol):
    """What an upgrade needs of the registry (`store.Registry`): a read transaction, and a write one
    holding the registry's write lock. A protocol, so that this module need not import the store, which
    imports it."""

    def reading(self) -> AbstractContextManager[Connection]: ...
    def writing(self) -> AbstractContextManager[Connection]: ...


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(registry: Transactions) -> None:
    with registry.reading() as conn:
        if current_revision(conn) == HEAD:
            return
    from alembic import command
    from alembic.config import Config

    with registry.writing() as conn:
        if current_revision(conn) == HEAD:  # another process did it while we waited for the lock
            return
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
