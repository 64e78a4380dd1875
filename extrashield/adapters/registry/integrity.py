"""What `db verify` checks, on one consistent snapshot of the database (`Registry.snapshot`).

1. The audit chain: numbering without gaps, each link, each hash (`audit.verify_entries`).
2. Anchors: each entry published earlier (`db head`, given back as ``SEQ:HASH``) still has that hash, and
   the chain has not been cut before it. This is what catches a history rewritten by someone who could
   also recompute every hash after the change.
3. The history of each entity: an entry that changes something (`update`, `revoke`, `attest`) starts
   from exactly the state the previous entry for it left (`before` == that entry's `after`), so a row
   edited behind the registry's back and then changed through it is found too.
4. The tables against the log: every record and every user equals the `after` of its last audit entry,
   has one, and nothing the log created is missing from its table. For users that covers everything that
   grants access: the role, the token's SHA-256, the revocation and the expiry.

Users granted before migration 0003 have a grant entry without the token hash; 0003 appended one
`attest` entry per user recording the row as it stood then (its `before` is the user's last audited
state). Check 3 refuses an attestation whose row differs from that state in anything but the added
fields, so a role raised before the upgrade is still found; a token hash replaced before the upgrade
cannot be (nothing recorded it). `docs/registry-integrity.md` says what this does and does not prove.

Reads only; every check returns the first problem found, naming the entity and, for users, what changed.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, select

from extrashield.adapters.registry import schema
from extrashield.adapters.registry.audit import Anchor, Verdict, canonical, verify_entries

# The user's audited state: everything in the users table that decides access (its `id` is the entries'
# `entity_id`). Grant, revoke and attest entries record exactly these.
USER_FIELDS = ("name", "role", "token_hash", "created_at", "revoked_at", "expires_at")
_CHANGES = (
    "update",
    "revoke",
    "attest",
    "delete",
)  # actions whose `before` must continue the entity's history
_ROLES = ("reader", "editor", "admin")
# What an attestation of a record may add to it: the columns migration 0006 filled from a decision's case.
_ATTESTED = {"decision": ("names", "reference", "requesting_state")}


def user_state(row: Mapping[str, Any] | RowMapping) -> dict[str, Any]:
    return {k: row[k] for k in USER_FIELDS}


def chain_entries(conn: Connection, t: Table) -> Iterator[dict[str, Any]]:
    """Every entry of a hash-chained log, in order, read in keyset pages: memory stays flat however long
    the log, and no cursor is left open."""
    last = 0
    while True:
        page = conn.execute(select(t).where(t.c.seq > last).order_by(t.c.seq).limit(5000)).all()
        if not page:
            return
        for r in page:
            yield dict(r._mapping)
        last = page[-1].seq


def check(conn: Connection, anchors: Sequence[Anchor] = ()) -> Verdict:
    """The verdict on the audit chain, the anchors, each entity's history and the tables, read on `conn`
    (which the caller holds in one snapshot)."""
    latest: dict[tuple[str, str], tuple[int, str | None]] = {}
    wanted = {seq for seq, _ in anchors}
    hashes: dict[int, str] = {}
    history: list[tuple[int, str]] = []  # the first break in an entity's history

    def tracked() -> Iterator[dict[str, Any]]:
        for e in chain_entries(conn, schema.audit_log):
            key = (e["entity"], e["entity_id"])
            if not history:
                problem = _history_problem(e, latest.get(key))
                if problem:
                    history.append((e["seq"], problem))
            latest[key] = (e["seq"], e["after"])
            if e["seq"] in wanted:
                hashes[e["seq"]] = e["hash"]
            yield e

    verdict = verify_entries(tracked())
    if not verdict.ok:
        return verdict

    def broken(seq: int | None, problem: str) -> Verdict:
        return dataclasses.replace(verdict, ok=False, first_broken_seq=seq, problem=problem)

    for seq, expected in anchors:
        if seq > verdict.entries:
            return broken(
                seq,
                f"the chain ends at entry {verdict.entries}, before the anchored entry {seq}: "
                "entries were removed from its end",
            )
        if hashes[seq] != expected:
            return broken(
                seq,
                f"entry {seq} has hash {hashes[seq][:16]}…, not the anchored {expected[:16]}…: "
                f"the history up to entry {seq} was rewritten",
            )
    if history:
        return broken(*history[0])
    audited = {**schema.RECORD_TABLES, **schema.AUDITED_TABLES}
    for name, table in audited.items():
        for r in conn.execute(select(table)):
            row = dict(r._mapping)
            seq_after = latest.get((name, row["id"]))
            if seq_after is None:
                return broken(None, f"{name} {row['id']} has no audit entry (added outside the registry)")
            if seq_after[1] is None:
                return broken(
                    seq_after[0], f"{name} {row['id']} was deleted (entry {seq_after[0]}) but is in its table"
                )
            if seq_after[1] != canonical(row):
                fields = _differing(_loads(seq_after[1]), row, tuple(row))
                return broken(
                    seq_after[0],
                    f"{name} {row['id']} differs from its last audit entry (changed outside "
                    f"the registry): {', '.join(fields)}",
                )
    present = {(n, r.id) for n, tb in audited.items() for r in conn.execute(select(tb.c.id))}
    for (name, rid), (seq, after) in latest.items():
        if name in audited and after is not None and (name, rid) not in present:
            return broken(seq, f"{name} {rid} is in the audit log but missing from its table")
    return _check_list_rows(conn, broken) or _check_users(conn, latest, broken) or verdict


def _check_list_rows(conn: Connection, broken: Callable[[int | None, str], Verdict]) -> Verdict | None:
    """Each stored person list's rows against the digest its audited metadata holds (person_lists.py)."""
    from extrashield.adapters.registry.audit import rows_digest

    t, r = schema.person_lists, schema.person_list_rows
    for meta in conn.execute(select(t.c.id, t.c.name, t.c.rows_digest)).all():
        q = select(r.c.position, r.c.row_id, r.c.name, r.c.data).where(r.c.list_id == meta.id)
        rows = (dict(x._mapping) for x in conn.execute(q.order_by(r.c.position)))
        if rows_digest(rows) != meta.rows_digest:
            return broken(
                None,
                f"person_list {meta.id}: its rows differ from those audited (changed outside the registry)",
            )
    return None


def _check_users(
    conn: Connection,
    latest: Mapping[tuple[str, str], tuple[int, str | None]],
    broken: Callable[[int | None, str], Verdict],
) -> Verdict | None:
    ids = set()
    for r in conn.execute(select(schema.users).order_by(schema.users.c.name)):
        ids.add(r.id)
        state = user_state(r._mapping)
        seq_after = latest.get(("user", r.id))
        if seq_after is None:
            return broken(
                None,
                f"user {r.name} ({r.role}) is in the users table but has no audit entry "
                "(added outside the registry)",
            )
        changes = user_changes(_loads(seq_after[1]), state)
        if changes:
            return broken(
                seq_after[0],
                f"user {r.name} differs from its last audit entry (entry {seq_after[0]}), "
                f"changed outside the registry: {'; '.join(changes)}",
            )
    for (entity, eid), (seq, after) in latest.items():
        if entity == "user" and eid not in ids:
            return broken(
                seq,
                f"user {_loads(after).get('name', eid)} is in the audit log (entry {seq}) but missing "
                "from the users table (deleted outside the registry)",
            )
    return None


def user_changes(
    logged: Mapping[str, Any], table: Mapping[str, Any], fields: Sequence[str] = USER_FIELDS
) -> list[str]:
    """What differs between a user's audited state and its row, in words ([] when nothing does)."""
    out = []
    missing = object()
    for field in fields:
        was, now = logged.get(field, missing), table.get(field)
        if was == now:
            continue
        if was is missing:
            out.append(f"its {field} is not in the audit log")
        elif field == "role":
            raised = was in _ROLES and now in _ROLES and _ROLES.index(now) > _ROLES.index(was)
            out.append(f"role {'raised' if raised else 'changed'} from {was} to {now}")
        elif field == "revoked_at" and now is None:
            out.append(f"its revocation was removed (revoked at {was} in the audit log)")
        elif field == "expires_at" and now is None:
            out.append(f"its expiry was removed (expires at {was} in the audit log)")
        elif field == "token_hash":
            out.append(
                "its token hash was replaced (a token nobody was given now authenticates as this user)"
            )
        else:
            out.append(f"{field} is {now!r} in the table, {was!r} in the audit log")
    return out


def _history_problem(e: Mapping[str, Any], prev: tuple[int, str | None] | None) -> str | None:
    """Whether entry `e` continues its entity's history (`prev`: the seq and `after` of the entity's last
    entry so far)."""
    what = _label(e["entity"], e["entity_id"], e["after"] or e["before"])
    if e["action"] not in _CHANGES:
        return None if prev is None else f"creates {what} again (created at entry {prev[0]})"
    if prev is None:
        return f"changes {what}, which no earlier entry created (added outside the registry)"
    if e["before"] != prev[1]:
        # Compared field by field, a field absent counting as null: entries older than migration 0002 do
        # not name `expires_at`, which that migration added as null.
        was, now = _loads(prev[1]), _loads(e["before"])
        fields = [
            k for k in sorted(was.keys() | now.keys()) if canonical(was.get(k)) != canonical(now.get(k))
        ]
        if fields or not now:
            return (
                f"{what} is not, in its 'before', what entry {prev[0]} left: {', '.join(fields or ['all'])} "
                "changed outside the registry between the two entries"
            )
    if e["action"] == "attest" and e["entity"] != "user":
        # Migration 0006 attested decisions with the columns it filled from their cases; nothing else
        # may differ from the state the previous entry left.
        before, after = _loads(e["before"]), _loads(e["after"])
        added = _ATTESTED.get(e["entity"], ())
        fields = [
            k
            for k in sorted(before.keys() | after.keys())
            if k not in added and canonical(before.get(k)) != canonical(after.get(k))
        ]
        if fields or not after:
            return (
                f"{what} had been changed outside the registry when it was attested: "
                f"{', '.join(fields or ['all'])}"
            )
    elif e["action"] == "attest":
        # An attestation may add fields the older entries did not record (the token hash), nothing else.
        # (A field absent from `before` counts as null: entries older than 0002 do not name `expires_at`.)
        before, after = _loads(e["before"]), _loads(e["after"])
        kept = tuple(k for k in USER_FIELDS if k != "token_hash")
        changes = user_changes({k: before.get(k) for k in kept}, after, kept)
        if changes:
            return f"{what} had been changed outside the registry when it was attested: {'; '.join(changes)}"
    return None


def _label(entity: str, entity_id: str, state: str | None) -> str:
    if entity == "user":
        return f"user {_loads(state).get('name', entity_id)}"
    return f"{entity} {entity_id}"


def _differing(logged: Mapping[str, Any], row: Mapping[str, Any], fields: Sequence[str]) -> list[str]:
    """The names of the fields that differ (never their values: records hold personal data)."""
    return [f for f in fields if canonical(logged.get(f)) != canonical(row.get(f))] or ["its stored form"]


def _loads(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
