"""Person lists kept in the registry for matching, and judgements of candidate pairs (issue 17 items 4, 5).

A list is stored as rows (`schema.person_list_rows`: the row's id, its name as plain text, its cells by
§3b column), under a name that URLs use (`/v1/lists/{name}`, `/v1/match/{name}`). It is replaced whole or
deleted whole; each upload and deletion appends one audit entry holding the list's metadata and
`rows_digest`, the SHA-256 of its rows (`audit.rows_digest`), rather than every row (a list of 100,000
recruits would make an entry of many megabytes), so `db verify` can still tell a row changed behind the
registry's back.

A judgement (match, no_match, unsure) is one per pair and list; judging a pair again updates it, and the
audit log keeps every earlier judgement with who made it. Deleting a list deletes its judgements (each
audited): they name its rows, which are gone.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from extrashield.adapters.registry import schema
from extrashield.adapters.registry.audit import rows_digest
from extrashield.adapters.registry.records import MAX_TEXT, now, refuse_unstorable
from extrashield.adapters.registry.store import NotFound, Registry, open_registry
from extrashield.errors import CaseError

JUDGEMENTS = ("match", "no_match", "unsure")
LIST_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_ID = 200  # a row id or a query key, as the judgements table holds it
KIND = "person_list"  # NotFound's kind: "no person list with that id"


def check_list_name(name: str) -> str:
    if not LIST_NAME.match(name):
        raise CaseError(
            "name", "expected 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return name


def stored_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a list (each a mapping of §3b column or own header -> cell text) as they are stored:
    `position` from 1, `row_id` (its `id`, else its position), `name`, `data`. Two rows with one id are
    an error naming the second (a judgement names a row by its id)."""
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for position, row in enumerate(rows, 1):
        refuse_unstorable(row)
        ident = row.get("id")
        row_id = str(ident).strip() if ident not in (None, "") else str(position)
        if len(row_id) > MAX_ID:
            raise CaseError(f"row {position}.id", f"is {len(row_id)} characters long; at most {MAX_ID}")
        if row_id in seen:
            raise CaseError(f"row {position}.id", f"{row_id!r} is the id of row {seen[row_id]} too")
        seen[row_id] = position
        name = row.get("name")
        data = {k: (None if v is None else str(v)) for k, v in row.items()}
        out.append(
            {
                "position": position,
                "row_id": row_id,
                "name": None if name is None else str(name),
                "data": data,
            }
        )
    return out


def save_list(
    reg: Registry,
    name: str,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    actor: str,
    notes: str | None = None,
) -> dict[str, Any]:
    """Store a list under `name`, replacing the list of that name if there is one (its `version` then
    goes up, its id and judgements stay). Returns the list's metadata as stored."""
    check_list_name(name)
    if notes is not None and len(notes) > MAX_TEXT:
        raise CaseError("notes", f"expected text of at most {MAX_TEXT} characters")
    if not rows:
        raise CaseError("body", "the list has a header and no rows")
    stored = stored_rows(rows)
    meta = {"rows": len(stored), "columns": list(columns), "rows_digest": rows_digest(stored), "notes": notes}
    t, r = schema.person_lists, schema.person_list_rows
    with reg.writing() as conn:
        before = _by_name(conn, name)
        stamp = now()
        if before is None:
            list_id = str(uuid.uuid4())
            values = {"id": list_id, "name": name, **meta, "created_at": stamp, "created_by": actor}
            conn.execute(t.insert().values(**values, updated_at=stamp, updated_by=actor, version=1))
        else:
            list_id = before["id"]
            conn.execute(r.delete().where(r.c.list_id == list_id))
            conn.execute(
                t.update()
                .where(t.c.id == list_id)
                .values(**meta, updated_at=stamp, updated_by=actor, version=before["version"] + 1)
            )
        for start in range(0, len(stored), 5000):
            conn.execute(r.insert(), [{"list_id": list_id, **row} for row in stored[start : start + 5000]])
        after = _by_name(conn, name)
        assert after is not None
        reg._audit(conn, actor, "create" if before is None else "update", KIND, list_id, before, after)
    return after


def person_lists(reg: Registry) -> list[dict[str, Any]]:
    """Every stored list's metadata, by name."""
    t = schema.person_lists
    with reg.reading() as conn:
        return [dict(x._mapping) for x in conn.execute(select(t).order_by(t.c.name))]


def get_list(reg: Registry, name: str) -> dict[str, Any]:
    with reg.reading() as conn:
        found = _by_name(conn, name)
    if found is None:
        raise NotFound(KIND, name)
    return found


def list_rows(reg: Registry, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A list's metadata and its rows in order, read in one transaction (so they belong together)."""
    r = schema.person_list_rows
    with reg.reading() as conn:
        meta = _by_name(conn, name)
        if meta is None:
            raise NotFound(KIND, name)
        q = select(r.c.position, r.c.row_id, r.c.name, r.c.data).where(r.c.list_id == meta["id"])
        rows = [dict(x._mapping) for x in conn.execute(q.order_by(r.c.position))]
    return meta, rows


def delete_list(reg: Registry, name: str, actor: str) -> dict[str, Any]:
    """Delete a list, its rows and its judgements (each judgement and the list audited as deleted)."""
    t, r, j = schema.person_lists, schema.person_list_rows, schema.judgements
    with reg.writing() as conn:
        before = _by_name(conn, name)
        if before is None:
            raise NotFound(KIND, name)
        for row in conn.execute(select(j).where(j.c.list_id == before["id"]).order_by(j.c.id)).all():
            reg._audit(conn, actor, "delete", "judgement", row.id, dict(row._mapping), None)
        conn.execute(j.delete().where(j.c.list_id == before["id"]))
        conn.execute(r.delete().where(r.c.list_id == before["id"]))
        conn.execute(t.delete().where(t.c.id == before["id"]))
        reg._audit(conn, actor, "delete", KIND, before["id"], before, None)
    return before


def _by_name(conn: Connection, name: str) -> dict[str, Any] | None:
    t = schema.person_lists
    row = conn.execute(select(t).where(t.c.name == name)).first()
    return None if row is None else dict(row._mapping)


# -- judgements ----------------------------------------------------------------------------------------


def judge(
    reg: Registry,
    name: str,
    body: Any,
    actor: str,
) -> tuple[dict[str, Any], bool]:
    """Record a judgement of a pair of the list `name`: `body` holds `wanted_id`, `recruit_id` (a row
    id of the list), `judgement` (match, no_match, unsure), and optionally `wanted` (the wanted person's
    §3b row, kept for the export of confirmed matches), `score` and `notes`. Returns the judgement as
    stored and whether it is new (else an earlier one of the same pair was changed)."""
    data = _checked_judgement(body)
    t, r = schema.judgements, schema.person_list_rows
    with reg.writing() as conn:
        meta = _by_name(conn, name)
        if meta is None:
            raise NotFound(KIND, name)
        found = conn.execute(
            select(r.c.position).where(r.c.list_id == meta["id"], r.c.row_id == data["recruit_id"])
        ).first()
        if found is None:
            raise CaseError("recruit_id", f"no row of the list {name!r} has that id")
        key = (
            t.c.list_id == meta["id"],
            t.c.wanted_id == data["wanted_id"],
            t.c.recruit_id == data["recruit_id"],
        )
        old = conn.execute(select(t).where(*key)).first()
        before = None if old is None else dict(old._mapping)
        stamp = now()
        if before is None:
            row = {"id": str(uuid.uuid4()), "list_id": meta["id"], **data}
            conn.execute(
                t.insert().values(
                    **row, created_at=stamp, created_by=actor, updated_at=stamp, updated_by=actor, version=1
                )
            )
            judgement_id = row["id"]
        else:
            judgement_id = before["id"]
            if data["wanted"] is None:  # a new judgement of the pair keeps the wanted row judged before
                data["wanted"] = before["wanted"]
            conn.execute(
                t.update()
                .where(t.c.id == judgement_id)
                .values(**data, updated_at=stamp, updated_by=actor, version=before["version"] + 1)
            )
        stored = dict(conn.execute(select(t).where(t.c.id == judgement_id)).one()._mapping)
        reg._audit(
            conn, actor, "create" if before is None else "update", "judgement", judgement_id, before, stored
        )
    return stored, before is None


def _checked_judgement(body: Any) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        raise CaseError("body", "expected a JSON object")
    refuse_unstorable(body)
    allowed = ("wanted_id", "recruit_id", "judgement", "wanted", "score", "notes")
    for key in body:
        if key not in allowed:
            raise CaseError(str(key), f"unknown field (allowed here: {', '.join(allowed)})")
    for key in ("wanted_id", "recruit_id"):
        value = body.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID:
            raise CaseError(key, f"expected a row id or query key of 1 to {MAX_ID} characters")
    if body.get("judgement") not in JUDGEMENTS:
        raise CaseError("judgement", f"expected one of {', '.join(JUDGEMENTS)}")
    wanted = body.get("wanted")
    if wanted is not None and (
        not isinstance(wanted, Mapping)
        or not all(isinstance(v, str | int | float | bool) or v is None for v in wanted.values())
    ):
        raise CaseError("wanted", "expected the wanted person's row: an object of column -> text")
    score = body.get("score")
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1
    ):
        raise CaseError("score", "expected a number from 0 to 1")
    notes = body.get("notes")
    if notes is not None and (not isinstance(notes, str) or len(notes) > MAX_TEXT):
        raise CaseError("notes", f"expected text of at most {MAX_TEXT} characters")
    return {
        "wanted_id": body["wanted_id"],
        "recruit_id": body["recruit_id"],
        "judgement": body["judgement"],
        "wanted": None
        if wanted is None
        else {str(k): None if v is None else str(v) for k, v in wanted.items()},
        "score": None if score is None else float(score),
        "notes": notes,
    }


def list_judgements(reg: Registry, name: str, judgement: str | None = None) -> list[dict[str, Any]]:
    """The judgements of a list's pairs, oldest first; only those of one kind with `judgement`."""
    if judgement is not None and judgement not in JUDGEMENTS:
        raise CaseError("judgement", f"expected one of {', '.join(JUDGEMENTS)}")
    t = schema.judgements
    with reg.reading() as conn:
        meta = _by_name(conn, name)
        if meta is None:
            raise NotFound(KIND, name)
        q = select(t).where(t.c.list_id == meta["id"])
        if judgement is not None:
            q = q.where(t.c.judgement == judgement)
        return [dict(x._mapping) for x in conn.execute(q.order_by(t.c.created_at, t.c.id))]


def judgements(session_or_url: Registry | str | None, list_name: str) -> dict[tuple[str, str], str]:
    """(wanted id, recruit id) -> match, no_match or unsure, for the pairs of a stored list that someone
    judged: what `extrashield match --database URL` needs (a pair judged no_match is not proposed again,
    the others carry their judgement). `session_or_url`: an open registry, or its URL (None: the default)."""
    reg = session_or_url if isinstance(session_or_url, Registry) else open_registry(session_or_url)
    return {(j["wanted_id"], j["recruit_id"]): j["judgement"] for j in list_judgements(reg, list_name)}


def confirmed_pairs(reg: Registry, name: str) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(wanted row, recruit row) of every pair judged a match, in the order judged. A wanted row that was
    not given with the judgement is only its id."""
    confirmed = list_judgements(reg, name, "match")
    _meta, rows = list_rows(reg, name)
    by_id = {row["row_id"]: row["data"] for row in rows}
    for j in confirmed:
        recruit = by_id.get(j["recruit_id"])
        if recruit is not None:
            yield (j["wanted"] or {"id": j["wanted_id"]}), recruit


__all__ = [
    "JUDGEMENTS",
    "check_list_name",
    "confirmed_pairs",
    "delete_list",
    "get_list",
    "judge",
    "judgements",
    "list_judgements",
    "list_rows",
    "person_lists",
    "save_list",
]
