"""The first registry schema: records, decisions, the append-only audit log, users.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _meta() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


# Rows of these tables are never changed or removed; the database itself refuses it, so that not even a
# bug or a careless SQL session of ours can rewrite history unnoticed (db verify catches the rest).
APPEND_ONLY = ("audit_log", "decisions")


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("names", sa.JSON, nullable=False),
        sa.Column("birth_date", sa.String(10)),
        sa.Column("citizenships", sa.JSON),
        sa.Column("stateless", sa.Boolean),
        sa.Column("asylum_in_russia", sa.JSON),
        sa.Column("notes", sa.Text),
        *_meta(),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("notes", sa.Text),
        *_meta(),
    )
    op.create_table(
        "service_records",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("person_id", sa.String(36), sa.ForeignKey("persons.id"), nullable=False, index=True),
        sa.Column("formation", sa.String(40)),
        sa.Column("contract_from", sa.String(10)),
        sa.Column("contract_until", sa.String(10)),
        sa.Column("combat", sa.Boolean),
        sa.Column("source_ids", sa.JSON, nullable=False),
        sa.Column("notes", sa.Text),
        *_meta(),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("person_id", sa.String(36), sa.ForeignKey("persons.id"), nullable=False, index=True),
        sa.Column("reference", sa.Text),
        sa.Column("requesting_state", sa.String(2)),
        sa.Column("received_on", sa.String(10)),
        sa.Column("purpose", sa.String(20)),
        sa.Column("legal_basis", sa.String(20)),
        sa.Column("offense", sa.JSON),
        sa.Column("guarantees", sa.JSON),
        sa.Column("source_ids", sa.JSON, nullable=False),
        sa.Column("notes", sa.Text),
        *_meta(),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("person_id", sa.String(36), sa.ForeignKey("persons.id"), index=True),
        sa.Column("request_id", sa.String(36), sa.ForeignKey("requests.id"), index=True),
        sa.Column("case", sa.JSON, nullable=False),
        sa.Column("readings", sa.JSON, nullable=False),
        sa.Column("decision_date", sa.String(10), nullable=False),
        sa.Column("answer", sa.JSON, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("law_digest", sa.String(80), nullable=False),
        sa.Column("notes", sa.Text),
        *_meta(),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        elif dialect == "postgresql":
            op.execute(
                f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
            )


def downgrade() -> None:
    # Deliberately absent: dropping the audit log would destroy the history this registry exists to keep.
    raise RuntimeError("the registry schema cannot be downgraded (it would discard the audit log)")
