"""Users and their bearer tokens. A token is shown once, when it is made; only its SHA-256 is stored,
so a copy of the database does not hand out access. Roles are ordered: reader < editor < admin.

A token may expire (`expires_in_days`; default: never). An expired token authenticates nobody, exactly
like a revoked one."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from extrashield.adapters.registry import schema
from extrashield.adapters.registry.integrity import user_state
from extrashield.adapters.registry.records import now
from extrashield.adapters.registry.store import Registry
from extrashield.errors import CaseError

ROLES = ("reader", "editor", "admin")
TOKEN_PREFIX = "esk_"
MAX_DAYS = 36_600  # about a century: beyond that, say "no expiry"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


def role_at_least(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created_at: str
    revoked_at: str | None
    expires_at: str | None = None  # null: the token does not expire

    def expired(self, at: str | None = None) -> bool:
        return self.expires_at is not None and _moment(self.expires_at) <= _moment(at or now())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
            "expires_at": self.expires_at,
        }


def _moment(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso)


def _user(row: Any) -> User:
    return User(row.name, row.role, row.created_at, row.revoked_at, row.expires_at)


def add_user(
    registry: Registry,
    name: str,
    role: str,
    actor: str,
    expires_in_days: int | None = None,
    show: Callable[[User, str], None] | None = None,
) -> tuple[User, str]:
    """Create a user; returns the user and the token (the only time the token exists in clear).

    `expires_in_days`: the token stops working that many days (of 24 hours) from now; None: never.
    `show(user, token)` is called inside the transaction, before it commits: if it raises (the token
    could not be written out), or the process dies before the commit, no user is left behind whose token
    nobody saw. A token shown whose commit then fails authenticates nobody."""
    if not _NAME.match(name):
        raise CaseError(
            "name", "use 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"
        )
    if role not in ROLES:
        raise CaseError("role", f"expected one of {', '.join(ROLES)}")
    if expires_in_days is not None and (
        isinstance(expires_in_days, bool)
        or not isinstance(expires_in_days, int)
        or not 1 <= expires_in_days <= MAX_DAYS
    ):
        raise CaseError("expires_in_days", f"expected a whole number of days from 1 to {MAX_DAYS}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = now()
    expires = None
    if expires_in_days is not None:
        expires = (_moment(created) + dt.timedelta(days=expires_in_days)).isoformat(timespec="microseconds")
    user = User(name, role, created, None, expires)
    t = schema.users
    with registry.writing() as conn:
        if conn.execute(select(t.c.id).where(t.c.name == name)).first() is not None:
            raise CaseError("name", f"a user named {name!r} exists already (revoked users keep their name)")
        user_id = str(uuid.uuid4())
        row = {
            "id": user_id,
            "name": name,
            "role": role,
            "token_hash": token_hash(token),
            "created_at": user.created_at,
            "revoked_at": None,
            "expires_at": expires,
        }
        conn.execute(t.insert().values(**row))
        # The grant records the token's hash too, so that `db verify` finds a hash replaced in the table.
        registry._audit(conn, actor, "grant", "user", user_id, None, user_state(row))
        if show is not None:
            show(user, token)
    return user, token


def list_users(registry: Registry) -> list[User]:
    t = schema.users
    with registry.reading() as conn:
        rows = conn.execute(select(t).order_by(t.c.name)).all()
    return [_user(r) for r in rows]


def revoke_user(registry: Registry, name: str, actor: str) -> User:
    t = schema.users
    with registry.writing() as conn:
        row = conn.execute(select(t).where(t.c.name == name)).first()
        if row is None:
            raise CaseError("name", f"no user named {name!r}")
        before = _user(row)
        if before.revoked_at is not None:
            return before
        after = User(row.name, row.role, row.created_at, now(), row.expires_at)
        conn.execute(t.update().where(t.c.id == row.id).values(revoked_at=after.revoked_at))
        state = user_state(row._mapping)
        registry._audit(
            conn, actor, "revoke", "user", row.id, state, {**state, "revoked_at": after.revoked_at}
        )
    return after


def authenticate(registry: Registry, token: str) -> User | None:
    """The live user holding `token`, or None (unknown, forged, revoked or expired)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    t = schema.users
    with registry.reading() as conn:
        row = conn.execute(select(t).where(t.c.token_hash == token_hash(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    user = _user(row)
    if user.expired():
        return None
    return user
