"""Person lists kept for matching (`person_lists`, their rows in `person_list_rows`) and judgements of
candidate pairs (`judgements`): issue 17 items 4 and 5.

Unlike 0001 to 0004 this one can be undone: it only adds tables. The downgrade drops them and leaves the
audit log as it is, whose entries for lists and judgements (and their `delete` entries, which the code
before 0005 does not know) stay the record of what was there.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
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


def upgrade() -> None:
    op.create_table(
        "person_lists",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("columns", sa.JSON, nullable=False),
        sa.Column("rows_digest", sa.String(64), nullable=False),
        sa.Column("notes", sa.Text),
        *_meta(),
    )
    op.create_table(
        "person_list_rows",
        sa.Column(
            "list_id", sa.String(36), sa.ForeignKey("person_lists.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("row_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "judgements",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("list_id", sa.String(36), sa.ForeignKey("person_lists.id"), nullable=False),
        sa.Column("wanted_id", sa.String(200), nullable=False),
        sa.Column("recruit_id", sa.String(200), nullable=False),
        sa.Column("judgement", sa.String(10), nullable=False),
        sa.Column("wanted", sa.JSON),
        sa.Column("score", sa.Float),
        sa.Column("notes", sa.Text),
        *_meta(),
        sa.UniqueConstraint("list_id", "wanted_id", "recruit_id", name="uq_judgements_pair"),
    )
    op.create_index("ix_judgements_list_id", "judgements", ["list_id"])


def downgrade() -> None:
    op.drop_index("ix_judgements_list_id", "judgements")
    op.drop_table("judgements")
    op.drop_table("person_list_rows")
    op.drop_table("person_lists")
