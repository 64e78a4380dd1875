"""The access log (reads of personal data, append-only, hash-chained) and token expiry.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36)),
        sa.Column("query", sa.Text),
        sa.Column("returned", sa.Integer, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_access_log_actor", "access_log", ["actor"])
    op.create_index("ix_access_log_at", "access_log", ["at"])
    # Existing tokens keep working as before: no expiry.
    op.add_column("users", sa.Column("expires_at", sa.String(32), nullable=True))

    # Like audit_log and decisions in 0001: the database itself refuses to change or remove an entry.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER access_log_no_{event.lower()} BEFORE {event} ON access_log "
                f"BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log "
            "FOR EACH ROW EXECUTE FUNCTION access_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()"
        )


def downgrade() -> None:
    # Deliberately absent, as in 0001: dropping the access log would destroy the record of who read what.
    raise RuntimeError("the registry schema cannot be downgraded (it would discard the access log)")
