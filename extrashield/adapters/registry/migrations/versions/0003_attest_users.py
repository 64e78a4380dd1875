"""Attest every existing user: one audit entry recording the row as it stands, token hash included.

Grant entries written before this revision recorded a user's name, role, dates and expiry but not the
SHA-256 of the token, so `db verify` could not tell a replaced token hash from the real one. From now on
grant and revoke entries record it; for the users already there, this revision appends one `attest`
entry each (actor ``migration:0003``) whose `before` is the user's last audited state and whose `after`
is the row now. `db verify` refuses an attestation whose row differs from that state in anything but the
token hash, so a role raised or a revocation removed before the upgrade is still found; a token hash
replaced before the upgrade cannot be (nothing recorded the original). A user with no audit entry at all
is attested with `before` null, which `db verify` reports as added outside the registry.

The entries are appended inside the migration's transaction, under the registry's write lock
(`migrate.upgrade`), so they chain like any other.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from extrashield.adapters.registry.audit import GENESIS, canonical, entry_hash

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen here rather than imported: what this revision attested must not change with later code.
USER_FIELDS = ("name", "role", "token_hash", "created_at", "revoked_at", "expires_at")


def upgrade() -> None:
    conn = op.get_bind()
    users = (
        conn.execute(
            sa.text(
                "SELECT id, name, role, token_hash, created_at, revoked_at, expires_at "
                "FROM users ORDER BY created_at, name"
            )
        )
        .mappings()
        .all()
    )
    if not users:
        return
    last = conn.execute(sa.text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    for user in users:
        before = conn.execute(
            sa.text(
                "SELECT after FROM audit_log WHERE entity = 'user' AND entity_id = :id "
                "ORDER BY seq DESC LIMIT 1"
            ),
            {"id": user["id"]},
        ).scalar()
        seq += 1
        entry = {
            "seq": seq,
            "at": at,
            "actor": "migration:0003",
            "action": "attest",
            "entity": "user",
            "entity_id": user["id"],
            "before": before,
            "after": canonical({k: user[k] for k in USER_FIELDS}),
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


def downgrade() -> None:
    # Deliberately absent, as in 0001: the attestations are audit entries, which are never removed.
    raise RuntimeError("the registry schema cannot be downgraded (it would discard audit entries)")
