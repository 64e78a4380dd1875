"""Search keys of persons' names (`person_names`), filled for the persons already stored; an index on
(created_at, id) of every record table, the order in which lists and exports page.

`person_names` is derived data outside the audited records: `persons` rows are not touched, so `db
verify` (every record equal to its last audit entry) holds for a migrated registry as before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RECORD_TABLES = ("persons", "sources", "service_records", "requests", "decisions")


def upgrade() -> None:
    from extrashield.adapters.registry.names import name_keys

    op.create_table(
        "person_names",
        sa.Column(
            "person_id", sa.String(36), sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("token", sa.String(100), primary_key=True),
        sa.Column("phonetic", sa.String(8), nullable=False),
    )
    op.create_index("ix_person_names_token", "person_names", ["token"])
    op.create_index("ix_person_names_phonetic", "person_names", ["phonetic"])
    for table in RECORD_TABLES:
        op.create_index(f"ix_{table}_created_at_id", table, ["created_at", "id"])

    conn = op.get_bind()
    keys = sa.table("person_names", sa.column("person_id"), sa.column("token"), sa.column("phonetic"))
    last = ""
    while True:  # keyset pages: memory stays flat however many persons
        page = conn.execute(
            sa.text("SELECT id, names FROM persons WHERE id > :last ORDER BY id LIMIT 1000"), {"last": last}
        ).all()
        if not page:
            break
        rows = []
        for pid, names in page:
            # a JSON column read through text(): a str on SQLite, already decoded by psycopg on PostgreSQL
            values = json.loads(names) if isinstance(names, str) else names
            rows += [{"person_id": pid, "token": t, "phonetic": p} for t, p in name_keys(values or [])]
        if rows:
            conn.execute(keys.insert(), rows)
        last = page[-1][0]


def downgrade() -> None:
    # Deliberately absent, as in 0001 and 0002: the registry schema only moves forward.
    raise RuntimeError("the registry schema cannot be downgraded")
