"""Options more than one command declares with the same meaning and words: declared once here, so that
`screen` and `impact` cannot drift apart in how a person list's headers are mapped."""

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
