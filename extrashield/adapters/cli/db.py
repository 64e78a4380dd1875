"""`extrashield db ...`, `extrashield users ...` and `extrashield serve`: the registry and the HTTP API.

SQLAlchemy, Alembic, FastAPI and uvicorn are imported inside the commands, never here, so that
`extrashield assess` does not pay for them at start-up.
"""

from __future__ import annotations

import functools
import getpass
from typing import Annotated, Any

import typer

from extrashield.adapters.cli.common import check_choice, fail, print_json
from extrashield.i18n import _

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        metavar="URL",
        help="SQLAlchemy URL (sqlite:///PATH or postgresql://...); default "
        "$EXTRASHIELD_DATABASE_URL, else $EXTRASHIELD_HOME/registry.sqlite3 or ./.extrashield/registry.sqlite3.",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", help="text or json.")]

db_app = typer.Typer(
    help="The registry database: verify the audit and access logs, anchor the audit chain's head, "
    "list reads of personal data, replay stored decisions, export the records, migrate, grant a "
    "server role.",
    no_args_is_help=True,
)
users_app = typer.Typer(
    help="Who may use the registry over HTTP: bearer tokens with a role (reader < editor < admin).",
    no_args_is_help=True,
)


def _actor() -> str:
    """Changes made from the command line are attributed to the operating-system account."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli:unknown"


def _open(database: str | None, code: int = 1) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from extrashield.adapters.registry import open_registry
    from extrashield.adapters.registry.config import redact, resolve_url

    try:
        return open_registry(database)
    except (SQLAlchemyError, OSError) as exc:
        fail(
            _("cannot open the registry at {value} ({value2})").format(
                value=redact(resolve_url(database)), value2=exc.__class__.__name__
            ),
            code,
        )


# `db verify` (and `db head`): 0 intact, 1 tampering found, 2 bad usage or input, 3 cannot open or read the
# database. A monitor must tell "someone changed history" from "the database is down".
EXIT_BROKEN = 1
EXIT_UNAVAILABLE = 3


def _open_existing(database: str | None) -> Any:
    """The registry, for a command that only reads it: a URL that does not parse or names no known
    database is bad input (exit 2); a SQLite file that does not exist is not created (exit 3), so that
    a mistyped path is not reported as an empty, intact registry."""
    from pathlib import Path

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from extrashield.adapters.registry.config import redact, resolve_url

    url = resolve_url(database)
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        fail(
            _("--database {value}: not a database URL this program can open ({value2})").format(
                value=redact(url), value2=exc.__class__.__name__
            )
        )
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not Path(path).is_file():
        fail(
            _("cannot open the registry at {value}: no such file").format(value=redact(url)), EXIT_UNAVAILABLE
        )
    return _open(database, EXIT_UNAVAILABLE)


@db_app.command("verify")
def verify_command(
    database: DatabaseOption = None,
    format: FormatOption = "text",
    expect_head: Annotated[
        list[str] | None,
        typer.Option(
            "--expect-head",
            metavar="SEQ:HASH",
            help="An entry published earlier by `db head`: it must still have "
            "this hash and the chain must go on from it (catches a rewritten history whose hashes were all "
            "recomputed, and entries cut off the end). May be given more than once.",
        ),
    ] = None,
) -> None:
    """Prove the audit chain intact, every record and every user (role, token hash, revocation, expiry)
    equal to its last audit entry, each --expect-head anchor still in the chain, and the access log's
    chain intact. Everything is read in one consistent snapshot, so writers running meanwhile cause no
    false alarm.

    Exit codes: 0 all intact; 1 tampering found (the first problem of each broken log is named); 2 bad
    usage or input (an --expect-head that is not SEQ:HASH, an unknown --format, a malformed URL); 3 the
    database cannot be opened or read (a SQLite file that does not exist is not created). JSON: the audit
    log's verdict (ok, entries, first_broken_seq, problem, head) with the access log's under "access_log";
    the top-level "ok" is true only when both are intact.

    Example: extrashield db verify --database sqlite:///registry.sqlite3 --expect-head 1042:9f86d0…
    """
    from sqlalchemy.exc import SQLAlchemyError

    from extrashield.adapters.cli.common import check_choice
    from extrashield.adapters.registry.audit import parse_anchor

    check_choice("--format", format, ("text", "json"))
    anchors = []
    for text in expect_head or []:
        try:
            anchors.append(parse_anchor(text))
        except ValueError as exc:
            fail(f"--expect-head: {exc}")
    reg = _open_existing(database)
    try:
        verdict = reg.verify(anchors)
        access = reg.verify_access_log()
    except SQLAlchemyError as exc:
        fail(
            _("cannot read the registry at {display_url} ({value})").format(
                display_url=reg.display_url, value=exc.__class__.__name__
            ),
            EXIT_UNAVAILABLE,
        )
    ok = verdict.ok and access.ok
    if format == "json":
        print_json({**verdict.to_dict(), "ok": ok, "audit_ok": verdict.ok, "access_log": access.to_dict()})
    else:
        if verdict.ok:
            anchored = f", {len(anchors)} anchor(s) hold" if anchors else ""
            typer.echo(
                _(
                    "ok: {entries} audit entries, chain intact{anchored}, every record and user matches "
                    "its last entry ({url})"
                ).format(entries=verdict.entries, anchored=anchored, url=reg.display_url)
            )
        else:
            where = (
                f"entry {verdict.first_broken_seq}" if verdict.first_broken_seq is not None else "the tables"
            )
            typer.echo(
                _("audit log BROKEN at {where}: {problem}").format(where=where, problem=verdict.problem),
                err=True,
            )
        if access.ok:
            typer.echo(_("ok: {entries} access-log entries, chain intact").format(entries=access.entries))
        else:
            typer.echo(
                _("access log BROKEN at entry {first_broken_seq}: {problem}").format(
                    first_broken_seq=access.first_broken_seq, problem=access.problem
                ),
                err=True,
            )
    if not ok:
        raise typer.Exit(EXIT_BROKEN)


@db_app.command("head")
def head_command(database: DatabaseOption = None, format: FormatOption = "text") -> None:
    """Print the audit chain's head: the newest entry's number and hash, as SEQ:HASH (text) or
    {"seq", "hash", "at", "anchor"} (JSON). Publish it or store it outside the database (a ticket, a
    signed mail, another machine); later `db verify --expect-head SEQ:HASH` proves the history up to that
    entry unchanged. An empty log prints 0 and 64 zeros.

    Exit 0; 2 bad usage; 3 the database cannot be opened or read.

    Example: extrashield db head --format json
    """
    from sqlalchemy.exc import SQLAlchemyError

    from extrashield.adapters.cli.common import check_choice

    check_choice("--format", format, ("text", "json"))
    reg = _open_existing(database)
    try:
        head = reg.head()
    except SQLAlchemyError as exc:
        fail(
            _("cannot read the registry at {display_url} ({value})").format(
                display_url=reg.display_url, value=exc.__class__.__name__
            ),
            EXIT_UNAVAILABLE,
        )
    if format == "json":
        print_json(head)
    else:
        typer.echo(head["anchor"])


@db_app.command("migrate")
def migrate_command(database: DatabaseOption = None) -> None:
    """Create or upgrade the registry's schema to this version's, and print its revision.

    Any command that opens the registry does this too; run it explicitly as the role that owns the
    tables when the server runs under a role that may not change them (docs/registry-integrity.md).
    Exit 0; 3 the database cannot be opened or migrated.
    """
    from extrashield.adapters.registry.migrate import HEAD

    reg = _open(database, EXIT_UNAVAILABLE)
    typer.echo(
        _("schema at revision {revision} ({display_url})").format(revision=HEAD, display_url=reg.display_url)
    )


@db_app.command("grant-app-role")
def grant_app_role_command(
    role: Annotated[
        str, typer.Argument(help="The PostgreSQL role the server will log in as (it must exist).")
    ],
    database: DatabaseOption = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply", help="Run the statements (as the owner of the tables) instead of printing them."
        ),
    ] = False,
) -> None:
    """Print (or --apply) the GRANTs that let ROLE run the server and nothing more: read everything; insert
    and update persons, sources, service records and requests; only insert decisions, audit and access
    entries; only read users. ROLE can then not alter or drop a table, disable or drop a trigger, or
    change a log entry. PostgreSQL only; the schema is the URL's current schema. Run it as the owner after
    `db migrate`.

    Exit 0; 2 bad usage (SQLite, a role name that is not plain); 3 the database cannot be opened, or
    the statements fail (e.g. the role does not exist).

    Example: extrashield db grant-app-role extrashield_app --database postgresql://owner@db/extrashield --apply
    """
    from sqlalchemy.exc import SQLAlchemyError

    from extrashield.adapters.registry.roles import app_role_grants, apply_grants

    reg = _open(database, EXIT_UNAVAILABLE)
    try:
        statements = app_role_grants(reg, role)
    except ValueError as exc:
        fail(str(exc))
    if not apply:
        for s in statements:
            typer.echo(s + ";")
        return
    try:
        apply_grants(reg, statements)
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:300]
        fail(_("the grants to {role} failed: {detail}").format(role=role, detail=detail), EXIT_UNAVAILABLE)
    typer.echo(
        _("granted {role} the application's privileges ({n} statements, {url})").format(
            role=role, n=len(statements), url=reg.display_url
        )
    )


@db_app.command("access-log")
def access_log_command(
    database: DatabaseOption = None,
    format: FormatOption = "text",
    user: Annotated[
        str | None, typer.Option("--user", metavar="NAME", help="Only this user's reads.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only reads at or after this date (YYYY-MM-DD, midnight UTC) or ISO timestamp.",
        ),
    ] = None,
) -> None:
    """List the reads of personal data over HTTP, oldest first: when, who, the route, what was read (kind
    and id, or a list's filters) and how many records the answer held. Never a personal value.

    Reads from this command are not themselves logged: whoever can run it can open the database anyway.
    Exit 0; 2 for an invalid --since.

    Example: extrashield db access-log --user ana --since 2026-11-01 --format json
    """
    from extrashield.adapters.registry.access import parse_since

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
        what = (
            e["kind"]
            + (f" {e['record_id']}" if e["record_id"] else "")
            + (f" {e['query']}" if e["query"] else "")
        )
        typer.echo(
            f"{e['seq']}\t{e['at'][:19]}Z\t{e['actor']}\t{e['route']}\t{what}\treturned {e['returned']}"
        )
    typer.echo(_("{value} reads.").format(value=len(entries)), err=True)


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
    from extrashield.adapters.registry.replay import replay

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
        typer.echo(
            f"{r.decision_id} (decided {r.decided_at[:10]}, {digest}): {r.outcome_before} -> {r.outcome_after or 'invalid'}"
        )
        for g in r.grounds:
            typer.echo(f"    {g['provision']}: {g['before']} -> {g['after']}")
        for f in r.depends_on_added:
            typer.echo("    " + _("now depends on {fact}").format(fact=f))
        for f in r.depends_on_removed:
            typer.echo("    " + _("no longer depends on {fact}").format(fact=f))
        if r.error:
            typer.echo(f"    {r.error}")
    typer.echo(_("{changed} of {total} stored decisions would change.").format(changed=changed, total=total))


@db_app.command("export")
def export_command(
    output: Annotated[
        str,
        typer.Argument(
            metavar="OUTPUT",
            help="File to write, or '-' for standard output (the "
            "default). With --format csv and --kind all: a directory, given one CSV file per kind.",
        ),
    ] = "-",
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="person, source, service_record, request, decision, "
            "or all. Default: all (person with --format ftm).",
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl (one record a line, with its kind), csv (one "
            "row a record; lists and objects as JSON text), or ftm (FollowTheMoney Person entities, "
            "JSON Lines; persons only).",
        ),
    ] = "jsonl",
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="QUERY",
            help="Only persons one of whose names "
            "matches, in any script (as GET /v1/persons?name=). Needs --kind person or --format ftm.",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            metavar="NAME",
            help="Who exports, for the access log. Default: cli:<operating-system user>.",
        ),
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Export the registry's records: persons, sources, service records, requests, decisions.

    Records are read in pages and written one at a time (memory stays flat), each kind up to the newest
    record that existed when the export started. An export is a read of personal data: one access-log
    entry per kind (actor, "CLI db export (FORMAT)", kind, how many records; a --name query as
    "(given)") is written first, and if it cannot be, nothing is exported. Files are written whole or
    not at all, readable by their owner only.

    Exit 0; 2 naming the option for a bad --kind, --format, --name, --actor or OUTPUT; 1 when the
    registry cannot be read or the access log written.

    Example: extrashield db export persons.ftm.json --format ftm --actor "ana (data request 17)"
    """
    import io
    import sys
    from pathlib import Path

    from extrashield.adapters.registry.export import FORMATS, KIND_NAMES, Export, csv_file_name, write_file
    from extrashield.adapters.registry.names import query_words

    check_choice("--format", format, FORMATS)
    kind = kind if kind is not None else ("person" if format == "ftm" else "all")
    check_choice("--kind", kind, (*KIND_NAMES, "all"))
    if format == "ftm" and kind != "person":
        fail(
            _(
                "--kind {kind}: --format ftm exports persons only (give --kind person); service records, requests, "
                "sources and decisions have no FollowTheMoney counterpart: use --format jsonl or csv"
            ).format(kind=kind)
        )
    words = None
    if name is not None:
        if kind != "person":
            fail(_("--name: only persons have names; give --kind person (not {kind})").format(kind=kind))
        try:
            words = query_words(name)
        except ValueError as exc:
            fail(f"--name: {exc}")
    if actor is not None and (not actor.strip() or len(actor) > 100 or not actor.isprintable()):
        fail("--actor: expected a name of 1 to 100 printable characters")
    kinds = list(KIND_NAMES) if kind == "all" else [kind]
    per_kind_files = format == "csv" and len(kinds) > 1
    target = Path(output)
    if per_kind_files:
        if output == "-":
            fail("OUTPUT: --format csv with --kind all writes one file per kind; give a directory, not '-'")
        if target.exists() and not target.is_dir():
            fail(
                _(
                    "OUTPUT {output}: not a directory (--format csv with --kind all writes one file per kind)"
                ).format(output=output)
            )
        if not target.parent.is_dir():
            fail(_("OUTPUT {output}: its parent directory does not exist").format(output=output))
    elif output != "-":
        if target.is_dir():
            fail(_("OUTPUT {output}: is a directory; give a file name").format(output=output))
        if not target.parent.is_dir():
            fail(_("OUTPUT {output}: its parent directory does not exist").format(output=output))

    reg = _open(database)
    from sqlalchemy.exc import SQLAlchemyError

    try:
        job = Export(reg, kinds, format, words)
        job.log(actor or _actor())
    except SQLAlchemyError as exc:
        fail(
            _(
                "cannot read the registry or write the access log at {url} ({problem}); nothing exported"
            ).format(url=reg.display_url, problem=exc.__class__.__name__),
            1,
        )
    written: dict[str, int] = {}

    def fill(out: Any, which: list[str]) -> None:
        for k in which:
            written[k] = job.write(k, out)

    if output == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        fill(out, kinds)
        out.flush()
        out.detach()  # leave sys.stdout usable (and open) for typer
    elif per_kind_files:
        target.mkdir(mode=0o700, exist_ok=True)
        for k in kinds:
            write_file(target / csv_file_name(k), functools.partial(fill, which=[k]))
    else:
        write_file(target, lambda fh: fill(fh, kinds))
    summary = ", ".join(f"{k}: {written[k]}" for k in kinds)
    typer.echo(
        _("exported {summary} ({format}) to {value}").format(
            summary=summary, format=format, value=_("standard output") if output == "-" else output
        ),
        err=True,
    )


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="A name for the person or system holding the token.")],
    role: Annotated[
        str,
        typer.Option(
            "--role", help="reader (read records), editor (also write), admin (also the audit log)."
        ),
    ] = "reader",
    expires_in_days: Annotated[
        int | None,
        typer.Option(
            "--expires-in-days",
            metavar="N",
            min=1,
            max=36_600,
            help="The token stops working N days from now. Default: it does not expire.",
        ),
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Create a user and print their bearer token, once: only its SHA-256 hash is stored.

    The user is committed only after the token was written to standard output and flushed: if that
    fails (closed output, broken pipe, full disk) or the process is killed first, no user is left behind
    (exit 1).

    The token does not expire unless --expires-in-days is given; an expired token is refused like a
    revoked one. The expiry (or "no expiry") is printed with the token.

    Example: extrashield users add alice --role editor --expires-in-days 90
    """
    import sys

    from sqlalchemy.exc import SQLAlchemyError

    from extrashield.adapters.registry.users import User, add_user
    from extrashield.errors import CaseError

    def show(user: User, token: str) -> None:
        # Inside the transaction: the user is committed only once the token is out (written and flushed).
        expiry = f"expires {user.expires_at[:19]}Z" if user.expires_at else "no expiry"
        typer.echo(
            _(
                "user {name} ({role}, {expiry}) created. Their token, shown this once (keep it secret):"
            ).format(name=user.name, role=user.role, expiry=expiry),
            err=True,
        )
        if sys.stdout is None:
            raise OSError("standard output is closed")
        sys.stdout.write(token + "\n")
        sys.stdout.flush()

    reg = _open(database)
    try:
        add_user(reg, name, role, _actor(), expires_in_days=expires_in_days, show=show)
    except CaseError as exc:
        fail(str(exc))
    except OSError as exc:
        _silence_stdout()
        fail(
            _("the token could not be written to standard output ({problem}); no user was created").format(
                problem=exc.__class__.__name__
            ),
            1,
        )
    except SQLAlchemyError as exc:
        fail(
            _("the user was not created ({value}); any token printed above is void").format(
                value=exc.__class__.__name__
            ),
            1,
        )


def _silence_stdout() -> None:
    """Point a broken standard output at /dev/null, so that Python's flush at exit does not fail again."""
    import os
    import sys

    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@users_app.command("list")
def users_list(database: DatabaseOption = None, format: FormatOption = "text") -> None:
    """List users, their roles, when they were created, revoked, and when their token expires (never the
    tokens). State: active, expired or revoked."""
    from extrashield.adapters.registry.users import list_users

    users = list_users(_open(database))
    if format == "json":
        print_json([u.to_dict() | {"expired": u.expired()} for u in users])
        return
    for u in users:
        state = f"revoked {u.revoked_at[:19]}" if u.revoked_at else ("expired" if u.expired() else "active")
        expiry = f"expires {u.expires_at[:19]}" if u.expires_at else "no expiry"
        typer.echo(
            _("{name}\t{role}\t{state}\tcreated {day}\t{expiry}").format(
                name=u.name, role=u.role, state=state, day=u.created_at[:19], expiry=expiry
            )
        )


@users_app.command("revoke")
def users_revoke(name: Annotated[str, typer.Argument()], database: DatabaseOption = None) -> None:
    """Revoke a user's token at once (the user stays listed, and in the audit log)."""
    from extrashield.adapters.registry.users import revoke_user
    from extrashield.errors import CaseError

    try:
        user = revoke_user(_open(database), name, _actor())
    except CaseError as exc:
        fail(str(exc))
    typer.echo(_("user {name}: token revoked").format(name=user.name))


def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on. Default: loopback only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    database: DatabaseOption = None,
    ssl_certfile: Annotated[
        str | None, typer.Option("--ssl-certfile", help="Serve HTTPS with this certificate (PEM).")
    ] = None,
    ssl_keyfile: Annotated[
        str | None, typer.Option("--ssl-keyfile", help="The certificate's private key (PEM).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    max_screens: Annotated[
        int,
        typer.Option(
            "--max-screens",
            min=1,
            max=64,
            help="Screens (POST /v1/screen) at once per worker process; more get 503 with Retry-After.",
        ),
    ] = 2,
    cpu_processes: Annotated[
        int,
        typer.Option(
            "--cpu-processes",
            min=1,
            max=64,
            help="Processes per worker that assess costly cases and timelines, off the event loop.",
        ),
    ] = 2,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json; reference in docs/api.md) and the web pages (/).

    Example: extrashield serve --port 8000 --database sqlite:///registry.sqlite3
    """
    import logging

    import uvicorn

    from extrashield.adapters.registry.config import ENV_URL, redact, resolve_url

    url = resolve_url(database)
    if host not in ("127.0.0.1", "localhost", "::1") and not ssl_certfile:
        typer.echo(
            "warning: listening beyond loopback without TLS; bearer tokens and personal data would cross "
            "the network in clear. Use --ssl-certfile/--ssl-keyfile or a TLS reverse proxy.",
            err=True,
        )
    typer.echo(
        _("extrashield API on {address}  (registry: {url})").format(
            address=f"http{'s' if ssl_certfile else ''}://{host}:{port}", url=redact(url)
        ),
        err=True,
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import os

    from extrashield.adapters.api.limits import ENV_CPU_PROCESSES, ENV_MAX_SCREENS

    # The worker processes build their own app (create_app via the factory) and read the settings from here.
    os.environ[ENV_URL] = url
    os.environ[ENV_MAX_SCREENS] = str(max_screens)
    os.environ[ENV_CPU_PROCESSES] = str(cpu_processes)
    uvicorn.run(
        "extrashield.adapters.api.app:create_app",
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
