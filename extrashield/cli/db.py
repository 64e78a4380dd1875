"""`extrashield db ...`, `extrashield users ...` and `extrashield serve`: the registry and the HTTP API.

SQLAlchemy, Alembic, FastAPI and uvicorn are imported inside the commands, never here, so that
`extrashield assess` does not pay for them at start-up.
"""

from __future__ import annotations

import getpass
from typing import Annotated, Any, Optional

import typer

from .common import fail, print_json

DatabaseOption = Annotated[
    Optional[str],
    typer.Option("--database", metavar="URL", help="SQLAlchemy URL (sqlite:///PATH or postgresql://...); default "
                 "$EXTRASHIELD_DATABASE_URL, else $EXTRASHIELD_HOME/registry.sqlite3 or ./.extrashield/registry.sqlite3."),
]
FormatOption = Annotated[str, typer.Option("--format", help="text or json.")]

db_app = typer.Typer(help="The registry database: verify the audit and access logs, list reads of personal data, "
                     "replay stored decisions.", no_args_is_help=True)
users_app = typer.Typer(help="Who may use the registry over HTTP: bearer tokens with a role (reader < editor < admin).",
                        no_args_is_help=True)


def _actor() -> str:
    """Changes made from the command line are attributed to the operating-system account."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no passwd entry (containers): still attribute the change
        return "cli:unknown"


def _open(database: str | None) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from ..registry import open_registry
    from ..registry.config import redact, resolve_url

    try:
        return open_registry(database)
    except (SQLAlchemyError, OSError) as exc:
        fail(f"cannot open the registry at {redact(resolve_url(database))} ({exc.__class__.__name__})", 1)


@db_app.command("verify")
def verify_command(database: DatabaseOption = None, format: FormatOption = "text") -> None:
    """Prove the audit chain intact, every record equal to its last audit entry, and the access log's
    chain intact.

    Exit 0 when both are intact; 1 naming the first broken entry of each broken log otherwise. JSON: the
    audit log's verdict (ok, entries, first_broken_seq, problem) with the access log's under "access_log";
    the top-level "ok" is true only when both are intact.

    Example: extrashield db verify --database sqlite:///registry.sqlite3
    """
    reg = _open(database)
    verdict = reg.verify()
    access = reg.verify_access_log()
    ok = verdict.ok and access.ok
    if format == "json":
        print_json({**verdict.to_dict(), "ok": ok, "audit_ok": verdict.ok, "access_log": access.to_dict()})
    else:
        if verdict.ok:
            typer.echo(f"ok: {verdict.entries} audit entries, chain intact, every record matches its last entry ({reg.display_url})")
        else:
            where = f"entry {verdict.first_broken_seq}" if verdict.first_broken_seq is not None else "the records"
            typer.echo(f"audit log BROKEN at {where}: {verdict.problem}", err=True)
        if access.ok:
            typer.echo(f"ok: {access.entries} access-log entries, chain intact")
        else:
            typer.echo(f"access log BROKEN at entry {access.first_broken_seq}: {access.problem}", err=True)
    if not ok:
        raise typer.Exit(1)


@db_app.command("access-log")
def access_log_command(
    database: DatabaseOption = None,
    format: FormatOption = "text",
    user: Annotated[Optional[str], typer.Option("--user", metavar="NAME", help="Only this user's reads.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only reads at or after this date "
                     "(YYYY-MM-DD, midnight UTC) or ISO timestamp.")] = None,
) -> None:
    """List the reads of personal data over HTTP, oldest first: when, who, the route, what was read (kind
    and id, or a list's filters) and how many records the answer held. Never a personal value.

    Reads from this command are not themselves logged: whoever can run it can open the database anyway.
    Exit 0; 2 for an invalid --since.

    Example: extrashield db access-log --user ana --since 2026-11-01 --format json
    """
    from ..registry.access import parse_since

    try:
        since_at = None if since is None else parse_since(since)
    except ValueError as exc:
        fail(f"--since: {exc}")
    reg = _open(database)
    entries = []
    after = 0
    while True:  # keyset pages: a long log is never held as one query result
        page = reg.access_log(user=user, since=since_at, after_seq=after, limit=500)
        entries.extend(page)
        if len(page) < 500:
            break
        after = page[-1]["seq"]
    if format == "json":
        print_json(entries)
        return
    for e in entries:
        what = e["kind"] + (f" {e['record_id']}" if e["record_id"] else "") + (f" {e['query']}" if e["query"] else "")
        typer.echo(f"{e['seq']}\t{e['at'][:19]}Z\t{e['actor']}\t{e['route']}\t{what}\treturned {e['returned']}")
    typer.echo(f"{len(entries)} reads.", err=True)


@db_app.command("replay")
def replay_command(
    database: DatabaseOption = None,
    format: FormatOption = "text",
    all_: Annotated[bool, typer.Option("--all", help="List unchanged decisions too.")] = False,
) -> None:
    """Re-assess every stored decision with the current law data; list those whose answer would change.

    For each: the law digest then and now, the outcome then and now, the grounds whose status changes,
    and the unknown facts added or removed. Stored decisions are not modified. Exit 0.

    Example: extrashield db replay --format json
    """
    from ..registry.replay import replay

    reg = _open(database)
    total = changed = 0
    rows = []
    for r in replay(reg):
        total += 1
        changed += r.changed
        if r.changed or all_:
            rows.append(r)
    if format == "json":
        print_json({"decisions": total, "changed": changed, "results": [r.to_dict() for r in rows]})
        return
    for r in rows:
        d = r.to_dict()
        digest = "law data changed" if d["law_digest"]["changed"] else "same law data"
        typer.echo(f"{r.decision_id} (decided {r.decided_at[:10]}, {digest}): {r.outcome_before} -> {r.outcome_after or 'invalid'}")
        for g in r.grounds:
            typer.echo(f"    {g['provision']}: {g['before']} -> {g['after']}")
        for f in r.depends_on_added:
            typer.echo(f"    now depends on {f}")
        for f in r.depends_on_removed:
            typer.echo(f"    no longer depends on {f}")
        if r.error:
            typer.echo(f"    {r.error}")
    typer.echo(f"{changed} of {total} stored decisions would change.")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="A name for the person or system holding the token.")],
    role: Annotated[str, typer.Option("--role", help="reader (read records), editor (also write), admin (also the audit log).")] = "reader",
    expires_in_days: Annotated[Optional[int], typer.Option("--expires-in-days", metavar="N", min=1, max=36_600,
                               help="The token stops working N days from now. Default: it does not expire.")] = None,
    database: DatabaseOption = None,
) -> None:
    """Create a user and print their bearer token, once: only its SHA-256 hash is stored.

    The token does not expire unless --expires-in-days is given; an expired token is refused like a
    revoked one. The expiry (or "no expiry") is printed with the token.

    Example: extrashield users add alice --role editor --expires-in-days 90
    """
    from ..core.errors import CaseError
    from ..registry.users import add_user

    reg = _open(database)
    try:
        user, token = add_user(reg, name, role, _actor(), expires_in_days=expires_in_days)
    except CaseError as exc:
        fail(str(exc))
    expiry = f"expires {user.expires_at[:19]}Z" if user.expires_at else "no expiry"
    typer.echo(f"user {user.name} ({user.role}, {expiry}) created. Their token, shown this once (keep it secret):", err=True)
    typer.echo(token)


@users_app.command("list")
def users_list(database: DatabaseOption = None, format: FormatOption = "text") -> None:
    """List users, their roles, when they were created, revoked, and when their token expires (never the
    tokens). State: active, expired or revoked."""
    from ..registry.users import list_users

    users = list_users(_open(database))
    if format == "json":
        print_json([u.to_dict() | {"expired": u.expired()} for u in users])
        return
    for u in users:
        state = f"revoked {u.revoked_at[:19]}" if u.revoked_at else ("expired" if u.expired() else "active")
        expiry = f"expires {u.expires_at[:19]}" if u.expires_at else "no expiry"
        typer.echo(f"{u.name}\t{u.role}\t{state}\tcreated {u.created_at[:19]}\t{expiry}")


@users_app.command("revoke")
def users_revoke(name: Annotated[str, typer.Argument()], database: DatabaseOption = None) -> None:
    """Revoke a user's token at once (the user stays listed, and in the audit log)."""
    from ..core.errors import CaseError
    from ..registry.users import revoke_user

    try:
        user = revoke_user(_open(database), name, _actor())
    except CaseError as exc:
        fail(str(exc))
    typer.echo(f"user {user.name}: token revoked")


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Default: loopback only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    database: DatabaseOption = None,
    ssl_certfile: Annotated[Optional[str], typer.Option("--ssl-certfile", help="Serve HTTPS with this certificate (PEM).")] = None,
    ssl_keyfile: Annotated[Optional[str], typer.Option("--ssl-keyfile", help="The certificate's private key (PEM).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    max_screens: Annotated[int, typer.Option("--max-screens", min=1, max=64, help="Screens (POST /v1/screen) at "
                                             "once per worker process; more get 503 with Retry-After.")] = 2,
    cpu_processes: Annotated[int, typer.Option("--cpu-processes", min=1, max=64, help="Processes per worker that "
                                               "assess costly cases and timelines, off the event loop.")] = 2,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json; reference in docs/api.md) and the web pages (/).

    Example: extrashield serve --port 8000 --database sqlite:///registry.sqlite3
    """
    import logging

    import uvicorn

    from ..registry.config import ENV_URL, redact, resolve_url

    url = resolve_url(database)
    if host not in ("127.0.0.1", "localhost", "::1") and not ssl_certfile:
        typer.echo("warning: listening beyond loopback without TLS; bearer tokens and personal data would cross "
                   "the network in clear. Use --ssl-certfile/--ssl-keyfile or a TLS reverse proxy.", err=True)
    typer.echo(f"extrashield API on http{'s' if ssl_certfile else ''}://{host}:{port}  (registry: {redact(url)})", err=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import os

    from ..api.limits import ENV_CPU_PROCESSES, ENV_MAX_SCREENS

    # The worker processes build their own app (create_app via the factory) and read the settings from here.
    os.environ[ENV_URL] = url
    os.environ[ENV_MAX_SCREENS] = str(max_screens)
    os.environ[ENV_CPU_PROCESSES] = str(cpu_processes)
    uvicorn.run(
        "extrashield.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        server_header=False,
        # uvicorn's access lines name the path, which may carry a name typed in place of an id; ours
        # (logger extrashield.access: request id, method, route template, status, time) replace them.
        access_log=False,
        log_level="info",
    )


__all__ = ["db_app", "serve_command", "users_app"]
