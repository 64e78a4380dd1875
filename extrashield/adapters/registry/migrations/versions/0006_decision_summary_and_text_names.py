"""Decisions carry whom and what they concern (issue 18 item 5); names stored as text (issue 19 item 6).

1. `decisions` gains `names`, `reference` and `requesting_state` (decision_index.py), indexes to filter
   by state, outcome and decision date, and `decision_keys` (search and sort keys of the names, derived
   data outside the audited record).
2. JSON columns written before the registry stored UTF-8 text (names as ``\\u0418...`` escapes, which
   SQL ``LIKE`` and Datasette cannot find) are rewritten as text. The values read back the same, so
   every record still equals its last audit entry.
3. Each decision saved before this revision gets the three columns from its stored case and its keys.
   Filling the columns changes the audited record, so, as 0003 did for users, one `attest` entry per
   decision (actor ``migration:0006``) records it: its `before` is the decision's last audited state,
   its `after` the row now. `db verify` refuses an attestation that changes anything but these three
   columns, so a decision changed behind the registry's back before the upgrade is still found.

The entries are appended inside the migration's transaction, under the registry's write lock
(`migrate.upgrade`), so they chain like any other.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from extrashield.adapters.registry.audit import GENESIS, canonical, entry_hash

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The JSON columns of the tables older than the UTF-8 writer (f3ce941); later tables never held escapes.
JSON_COLUMNS = {
    "persons": ("names", "citizenships", "asylum_in_russia"),
    "service_records": ("source_ids",),
    "requests": ("offense", "guarantees", "source_ids"),
    "decisions": ("case", "readings", "answer"),
}
# Frozen here rather than imported: what this revision attested must not change with later code.
DECISION_COLUMNS = (
    "id",
    "person_id",
    "request_id",
    "case",
    "readings",
    "decision_date",
    "answer",
    "outcome",
    "law_digest",
    "notes",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    "names",
    "reference",
    "requesting_state",
)
_JSON = frozenset(("case", "readings", "answer", "names"))
PAGE = 500


def _as_text(value: Any) -> str:
    """As the registry writes JSON now (store._json_text): UTF-8 text, escapes only where UTF-8 fails."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


def upgrade() -> None:
    # plain ADD COLUMN on both databases (nullable columns): the table is not copied
    op.add_column("decisions", sa.Column("names", sa.JSON))
    op.add_column("decisions", sa.Column("reference", sa.Text))
    op.add_column("decisions", sa.Column("requesting_state", sa.String(2)))
    op.create_index("ix_decisions_requesting_state", "decisions", ["requesting_state"])
    op.create_index("ix_decisions_decision_date", "decisions", ["decision_date"])
    op.create_index("ix_decisions_outcome", "decisions", ["outcome"])
    op.create_table(
        "decision_keys",
        sa.Column(
            "decision_id",
            sa.String(36),
            sa.ForeignKey("decisions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tokens", sa.Text, nullable=False),
        sa.Column("phonetics", sa.Text, nullable=False),
        sa.Column("sort_name", sa.Text),
    )
    conn = op.get_bind()
    _append_only(conn, False)
    for table, cols in JSON_COLUMNS.items():
        for col in cols:
            _rewrite_escaped(conn, table, col)
    _summarise_decisions(conn)
    _append_only(conn, True)


def _append_only(conn: sa.Connection, on: bool) -> None:
    """Lift, then restore, migration 0001's trigger refusing updates of decisions: the only updates of a
    decision there will ever be are this revision's, in its one transaction (nothing else can see the
    table meanwhile), each recorded by an attestation. Deletes stay refused throughout."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            f"ALTER TABLE decisions {'ENABLE' if on else 'DISABLE'} TRIGGER decisions_no_change"
        )
    elif on:
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions "
            "BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END"
        )
    else:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS decisions_no_update")


def _rewrite_escaped(conn: sa.Connection, table: str, col: str) -> None:
    """Rewrite the values of one JSON column that hold ``\\u`` escapes as UTF-8 text."""
    quoted = conn.dialect.identifier_preparer.quote(col)
    as_text = f"CAST({quoted} AS TEXT)"
    value = "CAST(:v AS JSON)" if conn.dialect.name == "postgresql" else ":v"
    last = ""
    while True:  # keyset pages by id: memory stays flat however many rows
        page = conn.execute(
            sa.text(
                f"SELECT id, {as_text} FROM {table} WHERE id > :last AND {as_text} LIKE :p ESCAPE '!' "
                "ORDER BY id LIMIT :n"
            ),
            {"last": last, "p": "%\\u%", "n": PAGE},
        ).all()
        if not page:
            return
        for rid, text in page:
            new = _as_text(json.loads(text))
            if new != text:  # escapes of control characters stay escapes: nothing to do
                conn.execute(
                    sa.text(f"UPDATE {table} SET {quoted} = {value} WHERE id = :id"), {"v": new, "id": rid}
                )
        last = page[-1][0]


def _summarise_decisions(conn: sa.Connection) -> None:
    from extrashield.adapters.registry.decision_index import keys_of, summary_of

    decisions = sa.table(
        "decisions",
        *(sa.column(c, sa.JSON) if c in _JSON else sa.column(c) for c in DECISION_COLUMNS),
    )
    keys = sa.table(
        "decision_keys", *(sa.column(c) for c in ("decision_id", "tokens", "phonetics", "sort_name"))
    )
    last = conn.execute(sa.text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    after_key: tuple[str, str] = ("", "")
    t = decisions.c
    while True:  # keyset pages in (created_at, id) order: the attestations follow the decisions' order
        page = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(decisions)
                .where(
                    sa.or_(
                        t.created_at > after_key[0],
                        sa.and_(t.created_at == after_key[0], t.id > after_key[1]),
                    )
                )
                .order_by(t.created_at, t.id)
                .limit(PAGE)
            )
        ]
        if not page:
            return
        for row in page:
            reference = None
            if row["request_id"] is not None:
                reference = conn.execute(
                    sa.text("SELECT reference FROM requests WHERE id = :id"), {"id": row["request_id"]}
                ).scalar()
            summary = summary_of(row["case"] or {}, reference)  # typed columns: read back decoded
            conn.execute(decisions.update().where(t.id == row["id"]).values(**summary))
            conn.execute(keys.insert().values(**keys_of(row["id"], summary["names"])))
            before = conn.execute(
                sa.text(
                    "SELECT after FROM audit_log WHERE entity = 'decision' AND entity_id = :id "
                    "ORDER BY seq DESC LIMIT 1"
                ),
                {"id": row["id"]},
            ).scalar()
            stored = dict(conn.execute(sa.select(decisions).where(t.id == row["id"])).one()._mapping)
            seq += 1
            entry = {
                "seq": seq,
                "at": at,
                "actor": "migration:0006",
                "action": "attest",
                "entity": "decision",
                "entity_id": row["id"],
                "before": before,
                "after": canonical(stored),
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
        after_key = (page[-1]["created_at"], page[-1]["id"])


def downgrade() -> None:
    # Only a registry without decisions: the audited record of every decision saved since (and the
    # attestation of every one saved before) holds the new columns, and audit entries are never removed.
    # The JSON rewritten as text stays text (it reads back the same either way).
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM decisions")).scalar():
        raise RuntimeError(
            "migration 0006 cannot be undone on a registry that holds decisions: their audited records "
            "carry the columns it added"
        )
    op.drop_table("decision_keys")
    op.drop_index("ix_decisions_outcome", "decisions")
    op.drop_index("ix_decisions_decision_date", "decisions")
    op.drop_index("ix_decisions_requesting_state", "decisions")
    with op.batch_alter_table("decisions") as batch:  # SQLite: the table is copied, without its triggers
        batch.drop_column("requesting_state")
        batch.drop_column("reference")
        batch.drop_column("names")
    if conn.dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS decisions_no_{event.lower()} BEFORE {event} ON decisions "
                "BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END"
            )
