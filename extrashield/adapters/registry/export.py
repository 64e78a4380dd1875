"""`extrashield db export`: the registry's records as CSV, JSON Lines, or FollowTheMoney entities.

Records are read in keyset pages (`Registry.records`) and written one at a time, so memory stays flat
however many there are. Each kind is exported up to the newest record that existed when the export
started (its key, `Registry.last_key`): records created during the export are left for the next one.

An export is a read of personal data: before anything is written, one access-log entry per kind
records who exported it (the actor), how (the route ``CLI db export (FORMAT)``), the kind, the
filters (``name`` is logged as "(given)") and how many records it holds. If the entry cannot be
written, nothing is exported.

Formats:

* ``jsonl``: one JSON object a line, the record as the API returns it, with ``"kind"`` first.
* ``csv``: one row a record, the columns of the kind's table in their order (`columns`); lists and
  objects (names, citizenships, offense, the case...) as JSON text; true/false; empty for null. With
  every kind, one file per kind (``persons.csv``...) in the OUTPUT directory.
* ``ftm``: FollowTheMoney ``Person`` entities as JSON Lines (`ftm_person`), persons only: service
  records have no honest FtM counterpart (a service record names a kind of formation, e.g. a private
  military company, not an organisation that `Employment` or `Membership` could point at), nor do
  requests or decisions.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import and_, func, or_, select

from extrashield.adapters.registry import schema
from extrashield.adapters.registry.paging import Key
from extrashield.adapters.registry.store import Registry

FORMATS = ("jsonl", "csv", "ftm")
KIND_NAMES = ("person", "source", "service_record", "request", "decision")
FTM_PREFIX = "extrashield-person-"


def columns(kind: str) -> list[str]:
    return [c.name for c in schema.RECORD_TABLES[kind].columns]


def csv_file_name(kind: str) -> str:
    return f"{schema.RECORD_TABLES[kind].name}.csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(value)


def ftm_person(row: dict[str, Any]) -> dict[str, Any]:
    """A stored person as a FollowTheMoney `Person` entity (its `to_dict()`).

    The id is the registry id with a fixed prefix (``extrashield-person-<id>``): stable across exports,
    and the way back to the record. The first name is `name`, the other spellings `alias`; every
    citizenship the record lists is a `citizenship`, current or past (FtM's has no dates; CSV and JSON
    Lines keep them); `birthDate`, `notes`, `createdAt` and `modifiedAt` as stored. Statelessness and
    asylum in Russia have no FtM property and are left out."""
    from followthemoney import model

    entity = model.make_entity("Person")
    entity.id = FTM_PREFIX + row["id"]
    entity.add("name", row["names"][:1])
    entity.add("alias", row["names"][1:])
    entity.add("birthDate", row["birth_date"])
    entity.add("citizenship", [c["country"] for c in row["citizenships"] or ()])
    entity.add("notes", row["notes"])
    entity.add("createdAt", row["created_at"])
    entity.add("modifiedAt", row["updated_at"])
    return entity.to_dict()


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({"kind": kind, **row}, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_ftm(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(ftm_person(row), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    names = columns(kind)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    n = 0
    for row in rows:
        writer.writerow([_cell(row[c]) for c in names])
        n += 1
    return n


def count(reg: Registry, kind: str, upto: Key | None, name: Sequence[str] | None) -> int:
    """How many records an export of `kind` up to `upto` holds (for its access-log entry)."""
    if upto is None:
        return 0
    if name is not None:  # the final name check runs in Python: count by the same walk, keeping nothing
        return sum(1 for _ in reg.records(kind, name=name, upto=upto))
    t = schema.RECORD_TABLES[kind]
    with reg.reading() as conn:
        q = (
            select(func.count())
            .select_from(t)
            .where(or_(t.c.created_at < upto[0], and_(t.c.created_at == upto[0], t.c.id <= upto[1])))
        )
        return int(conn.execute(q).scalar_one())


class Export:
    """One export: the kinds, their bounds and counts, logged; then `write_to` streams them."""

    def __init__(self, reg: Registry, kinds: Sequence[str], fmt: str, name: Sequence[str] | None) -> None:
        self.reg, self.kinds, self.fmt, self.name = reg, list(kinds), fmt, name
        self.bounds: dict[str, Key | None] = {k: reg.last_key(k) for k in self.kinds}
        self.counts = {k: count(reg, k, self.bounds[k], name) for k in self.kinds}

    def log(self, actor: str) -> None:
        """One access-log entry per kind, before any record is written (a name query as "(given)")."""
        from extrashield.adapters.registry.access import GIVEN

        for kind in self.kinds:
            self.reg.log_access(
                actor,
                f"CLI db export ({self.fmt})",
                kind,
                query={"name": GIVEN if self.name is not None else None},
                returned=self.counts[kind],
            )

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        upto = self.bounds[kind]
        return iter(()) if upto is None else self.reg.records(kind, name=self.name, upto=upto)

    def write(self, kind: str, out: IO[str]) -> int:
        if self.fmt == "ftm":
            return write_ftm(self.rows(kind), out)
        if self.fmt == "csv":
            return write_csv(self.rows(kind), out, kind)
        return write_jsonl(self.rows(kind), out, kind)


def write_file(path: Path, fill: Callable[[IO[str]], Any]) -> None:
    """Write a file whole or not at all (a temporary file beside it, renamed at the end), readable by its
    owner only: it holds personal data."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            fill(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "FORMATS",
    "FTM_PREFIX",
    "KIND_NAMES",
    "Export",
    "columns",
    "csv_file_name",
    "ftm_person",
    "write_file",
]
