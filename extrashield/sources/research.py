"""Strict reading of the research data files (treaties, requesting states): the shared checks.

The formats are in docs/treaties-and-states.md. These files are research, not law: they decide nothing
by themselves, but every value in them must name its source, so that an answer quoting them can show
where each claim comes from and how sure it is. Every complaint names the file and the key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extrashield.sources import datafile
from extrashield.sources.datafile import Source

DATA_DIR = datafile.DATA_DIR
CONFIDENCE = datafile.CONFIDENCE
CERTAINTY = (
    "official",
    "reported",
    "inferred",
    "assumed",
    "recalled",
    "unknown",
)  # docs/treaties-and-states.md


@dataclass(frozen=True)
class ResearchQuestion:
    """An open question recorded in a research file: never silently decided."""

    id: str
    question: str
    why: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "why": self.why,
            "sources": [s.key for s in self.sources],
        }


class ResearchCheck(datafile.Check):
    """The shared strict checks, with this file's source catalogue kept for `refs`."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.catalogued: dict[str, Source] = {}

    def catalogue(self, value: Any) -> dict[str, Source]:
        """The file's `sources` catalogue; read first, so that every other value can cite it. A URL may
        be null: a publication named without an address, or the recollection pseudo-source (marked M)."""
        self.catalogued = self.sources(value, null_url=lambda confidence: True)
        return self.catalogued

    def refs(self, value: Any, key: str, *, required: bool = True) -> tuple[Source, ...]:
        """A `sources` list: keys of this file's catalogue (at least one unless `required` is false)."""
        return self.source_refs(value, key, self.catalogued, required=required)

    def questions(self, value: Any, key: str = "open_questions") -> tuple[ResearchQuestion, ...]:
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        out, seen = [], set()
        for i, q in enumerate(value):
            where = f"{key}[{i}]"
            m = self.mapping(q, where, ("id", "question", "why", "sources"))
            qid = str(self.text(m["id"], f"{where}.id"))
            if qid in seen:
                raise self.fail(f"{where}.id", f"{qid!r} is used twice in this file")
            seen.add(qid)
            out.append(
                ResearchQuestion(
                    qid,
                    str(self.text(m["question"], f"{where}.question")),
                    str(self.text(m["why"], f"{where}.why")),
                    self.refs(m["sources"], f"{where}.sources"),
                )
            )
        return tuple(out)


def parse_yaml(path: Path, name: str) -> Any:
    """Parse one YAML file; a syntax error names the file."""
    return datafile.read_yaml(path, name)


def covers_day(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool | None:
    """Whether a half-open period with possibly unknown bounds covers `day`: True, False or None (unknown).

    An unknown start is unknown (not "since always"); an unknown end is "not known to have ended", which
    the data formats define as still running.
    """
    if end is not None and day >= end:
        return False
    if start is None:
        return None
    return start <= day
