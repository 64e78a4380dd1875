"""`extrashield lists`: person lists (docs/contract.md §3b) to and from FollowTheMoney (`batch.ftm`).

`to-ftm` writes a list of any format as FtM `Person` entities, one a line with its statements (or, to a
`.csv` file, as FtM's statements CSV); `from-ftm` writes the Person entities of an FtM file (entities or
statements) as a person list in any format `screen` writes. A file, row or header that cannot be used is
exit 2, naming it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extrashield.adapters.cli.common import fail
from extrashield.adapters.cli.screen import (
    INPUT_FORMAT_HELP,
    check_output,
    open_input,
    read_errors,
    read_mapping,
)
from extrashield.i18n import _

if TYPE_CHECKING:
    from followthemoney.statement import StatementEntity

lists_app = typer.Typer(
    help="Person lists (§3b) to and from FollowTheMoney entities, keeping the source of every value.",
    no_args_is_help=True,
)


@lists_app.command("to-ftm")
def to_ftm_command(
    input: Annotated[
        Path, typer.Argument(metavar="LIST", help="A person list (CSV, XLSX, JSON Lines, Parquet).")
    ],
    output: Annotated[
        Path,
        typer.Argument(
            metavar="OUTPUT",
            help="FtM entities, one a line with their statements (`.ftm.json`, `.jsonl`…); "
            "a `.csv` OUTPUT gets FtM's statements CSV.",
        ),
    ],
    dataset: Annotated[
        str | None,
        typer.Option("--dataset", help="The FtM dataset name of the statements (default: from LIST's name)."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar='"THEIR HEADER=OUR COLUMN"',
            help="Read a header as a §3b column, as screen does.",
        ),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option("--map-file", help="Headers to read as §3b columns (YAML or CSV), as screen does."),
    ] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help=INPUT_FORMAT_HELP)] = None,
) -> None:
    """Write a person list as FollowTheMoney Person entities: each cell a statement whose origin names the
    file, row and column (docs/person-lists.md, "FollowTheMoney")."""
    from extrashield.batch import ftm
    from extrashield.batch.formats import reader_of
    from extrashield.batch.person_lists import tell
    from extrashield.batch.rows import cell_text
    from extrashield.facts.person_list import HeaderError

    fmt = open_input(input, input_format)
    check_output(input, output)
    reader = reader_of(fmt)
    if reader.header is None or reader.read_table is None:
        fail(_("{path}: person lists cannot be read from {name}").format(path=input, name=fmt.name))
    mapping = read_mapping(map_, map_file)
    try:
        source = ftm.ExportSource(
            ftm.dataset_named(dataset or ftm.dataset_name_of(input)), input.name, ftm.seen_now()
        )
    except ValueError as exc:
        fail(f"--dataset: {exc}")
    with read_errors(input, fmt):
        try:
            headers = reader.header(input)
            told = tell(headers, mapping, [], header_row=reader.header_row)
        except HeaderError as exc:
            fail(_("{path}: column {problem}").format(path=input, problem=exc))
        except ValueError as exc:
            fail(f"{input}: {exc}")
        if not told.is_list or told.plan is None:
            fail(_("{path}: not a person list (§3b): {reason}").format(path=input, reason=told.reason))
        entities = []
        number = 0
        for got in reader.read_table(input, 4096):
            for r, row in enumerate(got.table.to_pylist()):
                number += 1
                problem = got.problems[r] if got.problems else None
                if problem is not None:
                    fail(
                        _("{path}: row {number}: {problem}").format(
                            path=input, number=number, problem=problem
                        )
                    )
                cells = {h: cell_text(v) for h, v in row.items()}
                try:
                    entities.append(ftm.row_entity(cells, told.plan, number, source))
                except ftm.NoName as exc:
                    fail(f"{input}: {exc}")
    if not entities:
        fail(_("{path}: the list has no rows").format(path=input))
    twice = [i for i, n in Counter(e.id for e in entities).items() if n > 1]
    if twice:  # FtM tools merge the entities of one id: say so rather than let two persons become one
        shown = ", ".join(repr(i) for i in twice[:5]) + (", …" if len(twice) > 5 else "")
        typer.echo(
            _(
                "note: ids given to more than one row ({shown}): FtM tools take the rows of one id as one person"
            ).format(shown=shown),
            err=True,
        )
    _write_entities(output, entities)
    typer.echo(
        _("{n} Person entities of dataset {dataset} written to {path}").format(
            n=len(entities), dataset=source.dataset.name, path=output
        ),
        err=True,
    )


def _write_entities(output: Path, entities: list[StatementEntity]) -> None:
    from extrashield.batch import ftm

    try:
        with open(output, "wb") as f:
            if output.suffix.lower() == ".csv":
                from followthemoney.statement import CSV, write_statements

                write_statements(f, CSV, (s for e in entities for s in e.statements))
            else:
                for entity in entities:
                    ftm.write_line(f, entity)
    except OSError as exc:
        fail(_("{path}: cannot write ({value})").format(path=output, value=exc.strerror or exc))


@lists_app.command("from-ftm")
def from_ftm_command(
    input: Annotated[
        Path,
        typer.Argument(
            metavar="FTM",
            help="FtM entities one a line (`.ftm.json`, `.jsonl`), or FtM statements (JSON lines, or CSV).",
        ),
    ],
    output: Annotated[Path, typer.Argument(metavar="OUTPUT", help="The person list (.csv, .xlsx, .jsonl…).")],
    output_format: Annotated[
        str | None,
        typer.Option("--output-format", help="As screen's --output-format (default: from OUTPUT)."),
    ] = None,
) -> None:
    """Write the Person entities of a FollowTheMoney file as a person list (§3b): each value back in the
    column its statement's origin names, or mapped from its FtM property (docs/person-lists.md)."""
    import pyarrow as pa

    from extrashield.batch import ftm
    from extrashield.batch.formats import OUTPUTS, either, named, names, open_writer, output_for
    from extrashield.batch.rows import TableError

    if not input.is_file():
        fail(_("{path}: no such file").format(path=input))
    check_output(input, output)
    fmt = named(output_format, OUTPUTS) if output_format else output_for(output)
    if fmt is None:
        fail(
            _("{path}: not a format a list is written in (say it with --output-format: {formats})").format(
                path=output, formats=either(names(OUTPUTS))
            )
        )
    if not ftm.sniff(input) and not ftm._statements_csv(input):
        fail(
            _(
                "{path}: not a FollowTheMoney file: its first line is not an entity (an object with `schema` "
                "and `properties` or `statements`) nor a statement"
            ).format(path=input)
        )
    try:
        columns = ftm.header(input)
        batches = list(ftm.read_table(input, 65536))
    except TableError as exc:
        fail(f"{input}: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(_("{path}: cannot read ({exc})").format(path=input, exc=exc))
    rows = 0
    for got in batches:
        for problem in got.problems or []:
            if problem is not None:
                column, _sep, text = problem.partition(": ")
                where = "" if column == "row" else _(" (column {column})").format(column=column)
                fail(f"{input}: {text}{where}")
        rows += got.table.num_rows
    if not rows:
        fail(_("{path}: no Person entity").format(path=input))
    schema = pa.schema([pa.field(n, pa.string()) for n in columns])
    try:
        with open_writer(output, fmt.name, schema) as writer:
            for got in batches:
                for batch in got.table.to_batches():
                    writer.write(batch)
    except OSError as exc:
        fail(_("{path}: cannot write ({value})").format(path=output, value=exc.strerror or exc))
    typer.echo(
        _("{rows} persons written to {output} ({value})").format(
            rows=rows, output=output, value=", ".join(columns)
        ),
        err=True,
    )
