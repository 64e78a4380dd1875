"""The least a PostgreSQL role needs to run the server, as GRANT statements (`extrashield db grant-app-role`).

Why: whoever holds the role that owns the tables can disable the append-only triggers, rewrite the audit
log and recompute every hash. The owner should only run migrations and manage users; the server runs as
another role that may read and append, change the records that are changed through the registry (an
update is audited), and nothing else: no UPDATE or DELETE on the logs or decisions, no ALTER, no DROP, no
TRIGGER, no TRUNCATE, and only SELECT on users (users are managed from the command line, by the owner).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import text

from extrashield.adapters.registry import schema

if TYPE_CHECKING:
    from extrashield.adapters.registry.store import Registry

_APPEND = "SELECT, INSERT"
# Every table the schema has, and what the application role may do to it (a test checks none is left out).
APP_PRIVILEGES: dict[str, str] = {
    **{t.name: "SELECT, INSERT, UPDATE" for n, t in schema.RECORD_TABLES.items() if n != "decision"},
    "decisions": _APPEND,  # decisions are never changed
    "person_names": "SELECT, INSERT, DELETE",  # derived search keys, rebuilt when a person's names change
    "decision_keys": _APPEND,  # derived search and sort keys, written with their decision
    # person lists are replaced or deleted whole, and judgements go with their list (every step audited)
    "person_lists": "SELECT, INSERT, UPDATE, DELETE",
    "person_list_rows": "SELECT, INSERT, DELETE",
    "judgements": "SELECT, INSERT, UPDATE, DELETE",
    "audit_log": _APPEND,
    "access_log": _APPEND,
    "users": "SELECT",  # authentication reads; `users add` and `users revoke` run as the owner
    "alembic_version": "SELECT",  # opening checks the schema revision
}
ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def app_role_grants(registry: Registry, role: str) -> list[str]:
    """The statements, for the schema the registry lives in (its connection's current schema): first
    revoke whatever the role held on it, then grant exactly `APP_PRIVILEGES` and USAGE on the schema."""
    if registry.dialect != "postgresql":
        raise ValueError("database roles exist on PostgreSQL only; protect a SQLite file by its permissions")
    if not ROLE_NAME.match(role):
        raise ValueError(f"{role[:100]!r} is not a plain role name (letters, digits, '_'; at most 63)")
    quote = registry.engine.dialect.identifier_preparer.quote_identifier
    with registry.reading() as conn:
        current: str = conn.execute(text("SELECT current_schema()")).scalar_one()
    ns, who = quote(current), quote(role)
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {ns} FROM {who}",
        f"REVOKE ALL ON SCHEMA {ns} FROM {who}",
        f"GRANT USAGE ON SCHEMA {ns} TO {who}",
    ]
    for table, privileges in APP_PRIVILEGES.items():
        statements.append(f"GRANT {privileges} ON {ns}.{quote(table)} TO {who}")
    return statements


def apply_grants(registry: Registry, statements: list[str]) -> None:
    """Run the statements in one transaction (as the owner: only the owner may grant on its tables)."""
    with registry.engine.begin() as conn:
        for s in statements:
            conn.exec_driver_sql(s)


__all__ = ["APP_PRIVILEGES", "app_role_grants", "apply_grants"]
