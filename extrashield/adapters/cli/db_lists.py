"""`extrashield db lists ...`: person lists stored in the registry for matching, their judgements, and the
confirmed matches as a person list (docs/api.md, "Person lists and matching"). The same functions as the
HTTP API's (`adapters/registry/person_lists.py`), so a list stored here is matched over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from extrashield.adapters.cli.common import check_choice, fail, print_json
from extrashield.adapters.cli.db import DatabaseOption, FormatOption, _actor, _open
from extrashield.i18n import _

db_lists_app = typer.Typer(
    help="Person lists kept in the registry for matching (POST /v1/match/{list}), their judgements, and the "
    "confirmed matches as a person list that screen and impact read.",
    no_args_is_help=True,
)
ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor", metavar="NAME", help="Who does it, for the logs. Default: cli:<operating-system user>."
    ),
]


def _failing(action: Any) -> Any:
    """Run `action`; exit 2 naming the field for invalid input, 1 for a list that does not exist."""
    from extrashield.adapters.registry.store import NotFound
    from extrashield.errors import CaseError

    try:
        return action()
    except NotFound as exc:
        fail(_("no person list named {record_id}").format(record_id=repr(exc.record_id)), 1)
    except CaseError as exc:
        fail(f"{exc.path}: {exc.problem}")


@db_lists_app.command("show")
def show_command(database: DatabaseOption = None, format: FormatOption = "text") -> None:
    """The stored lists: name, rows, version, who stored them and when."""
    from extrashield.adapters.registry.person_lists import person_lists

    check_choice("--format", format, ("text", "json"))
    found = person_lists(_open(database))
    if format == "json":
        print_json(found)
        return
    for x in found:
        typer.echo(
            f"{x['name']}\t{x['rows']} rows\tversion {x['version']}\t{x['updated_by']}\t{x['updated_at']}"
        )


@db_lists_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The list's name in URLs: letters, digits, '.', '_', '-'.")],
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="A person list (§3b): CSV, XLSX, JSON Lines, Parquet.")
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help='"their header=our column" (repeatable), as screen --map.'),
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="What the list is, for people.")] = None,
    actor: ActorOption = None,
    database: DatabaseOption = None,
) -> None:
    """Store a person list under NAME, replacing the list of that name (its judgements stay).

    Exit 0; 2 naming the row and column for a list that cannot be stored (no name column, no rows, a row
    that cannot be read, two rows with one id)."""
    from extrashield.adapters.cli.screen import read_mapping
    from extrashield.adapters.registry.person_lists import check_list_name, save_list
    from extrashield.batch.formats import input_for
    from extrashield.services.list_matching import read_list

    _failing(lambda: check_list_name(name))
    fmt = input_for(path)
    if fmt is None:
        fail(
            _("{path}: cannot tell its format from its name (.csv, .xlsx, .jsonl, .parquet)").format(
                path=path
            )
        )
    if not path.is_file():
        fail(_("{path}: no such file").format(path=path))
    mapping = read_mapping(map_, None)
    read = _failing(lambda: read_list(path, fmt.name, mapping))
    meta = _failing(
        lambda: save_list(_open(database), name, read.columns, read.rows, actor or _actor(), notes)
    )
    for note in read.notes:
        typer.echo(note, err=True)
    typer.echo(
        _("stored {value} rows as {name} (version {value2})").format(
            value=meta["rows"], name=name, value2=meta["version"]
        ),
        err=True,
    )


@db_lists_app.command("delete")
def delete_command(name: str, actor: ActorOption = None, database: DatabaseOption = None) -> None:
    """Delete a stored list, its rows and its judgements (every deletion is in the audit log)."""
    from extrashield.adapters.registry.person_lists import delete_list

    _failing(lambda: delete_list(_open(database), name, actor or _actor()))
    typer.echo(_("deleted {name}").format(name=name), err=True)


@db_lists_app.command("judgements")
def judgements_command(
    name: str,
    judgement: Annotated[
        str | None, typer.Option("--judgement", help="Only match, no_match or unsure.")
    ] = None,
    database: DatabaseOption = None,
    format: FormatOption = "text",
) -> None:
    """The judgements of a list's pairs, oldest first: wanted id, recruit id, judgement, who, when."""
    from extrashield.adapters.registry.person_lists import list_judgements

    check_choice("--format", format, ("text", "json"))
    found = _failing(lambda: list_judgements(_open(database), name, judgement))
    if format == "json":
        print_json(found)
        return
    for j in found:
        typer.echo(
            f"{j['wanted_id']}\t{j['recruit_id']}\t{j['judgement']}\t{j['updated_by']}\t{j['updated_at']}"
        )


@db_lists_app.command("confirmed")
def confirmed_command(
    name: str,
    output: Annotated[
        Path, typer.Argument(metavar="OUTPUT", help="The file: .csv, .xlsx, .jsonl or .parquet.")
    ],
    actor: ActorOption = None,
    database: DatabaseOption = None,
) -> None:
    """Write the pairs judged a match as a person list of merged rows (the names and nationalities of both,
    the listed person's service, the wanted person's request), which screen and impact read. It hands
    personal data out of the registry: one access-log entry is written first."""
    from extrashield.adapters.registry.person_lists import confirmed_pairs, get_list
    from extrashield.batch.formats import OUTPUTS, output_for
    from extrashield.services.list_matching import confirmed_rows, write_rows

    fmt = output_for(output)
    if fmt is None or fmt.name not in ("csv", "xlsx", "jsonl", "parquet"):
        fail(
            _("OUTPUT {output}: expected a .csv, .xlsx, .jsonl or .parquet file ({value} formats)").format(
                output=output, value=len(OUTPUTS)
            )
        )
    if not output.parent.is_dir():
        fail(_("OUTPUT {output}: its parent directory does not exist").format(output=output))
    reg = _open(database)
    meta = _failing(lambda: get_list(reg, name))
    rows = confirmed_rows(confirmed_pairs(reg, name))
    reg.log_access(
        actor or _actor(),
        f"CLI db lists confirmed ({fmt.name})",
        "person_list",
        record_id=meta["id"],
        returned=len(rows),
    )
    write_rows(output, fmt.name, rows)
    typer.echo(
        _("wrote {value} confirmed matches to {output}").format(value=len(rows), output=output), err=True
    )
