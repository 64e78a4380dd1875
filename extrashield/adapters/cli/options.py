"""Options more than one command declares with the same meaning and words: declared once here, so that
the commands cannot drift apart (`screen` and `impact` in how a person list's headers are mapped; `assess`,
`memo` and `removal` in how one case is dated and read)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="THEIRS=OURS",
        help='A person list\'s own header read as a column of docs/contract.md §3b, e.g. "contract start=contract_from" (repeatable; makes the table a person list).',
    ),
]

MapFileOption = Annotated[
    Path | None,
    typer.Option(
        "--map-file",
        metavar="FILE",
        help="Headers to map, as --map: a YAML file (their header: our column) or a CSV file (their header,our column).",
    ),
]

CaseDecisionDateOption = Annotated[
    str | None,
    typer.Option(
        "--decision-date", metavar="YYYY-MM-DD", help="Decide as of this date instead of the case's own."
    ),
]

ReadingOption = Annotated[
    list[str] | None,
    typer.Option(
        "--reading",
        metavar="KEY=VALUE",
        help="An interpretation, e.g. point7.limbs=combat_required (repeatable).",
    ),
]
