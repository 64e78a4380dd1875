"""Person lists as FollowTheMoney (FtM) `Person` entities, both ways (docs/person-lists.md, "FollowTheMoney").

A row of a person list (docs/contract.md §3b) is one `Person`; each cell is one statement or more (FtM's
`Statement`: a value of a property of an entity, with its dataset and where it came from), whose `origin`
names the file, the row and the column (`list.csv#row=3&column=birth_date`) and whose `original_value` is
the cell as written, so that the source of every value travels with it through FtM tools (`ftm statements`,
nomenklatura, yente) and `from_entity` puts each value back in its column.

| §3b column | FtM |
|---|---|
| `id` | the entity's id (a value FtM does not take as an id is kept as `keywords`, and the id is made) |
| `name` | `name` |
| `aliases`, `latin_name` | `alias` (one statement per name) |
| `birth_date` | `birthDate` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) |
| `nationality` | `citizenship` (one statement per country) |
| the others, and the list's own columns | `keywords`, one statement per cell, its origin naming the column |

FtM has no property for a recruit's contract, the extradition request, statelessness or a decision date, and
no schema for them (`Employment` needs an employer `Organization`, which a kind of formation such as
`private_military_company` does not name; `combat`, the request and `stateless` have no place at all).
They are kept as statements of `keywords` (not `notes` or `summary`, which are prose people read) whose
origin names their column: FtM tools carry them unchanged, and they come back to their columns.

Read from any FtM source (OpenSanctions, Aleph), where no origin names a column: `name` (the entity's
caption) -> `name`, other names, `alias` and `previousName` -> `aliases`, `birthDate` -> `birth_date` (the
most precise of dates that agree; dates that do not agree leave it unknown), `nationality` and
`citizenship` -> `nationality`, any other property `p` -> a column `ftm:p` passed through. Entities of other
schemata than `Person` are skipped, and said once.

Written with followthemoney's own classes (`StatementEntity`, `Statement`, `write_entity`), imported where
used: the format registry imports this module's caller at every start.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote, unquote, urlencode

from extrashield.batch.rows import TableBatch, TableError, text_table, too_long
from extrashield.facts.lenient import choice_key
from extrashield.facts.person_list import PERSON_LIST_COLUMNS, SYNONYMS, HeaderPlan

if TYPE_CHECKING:
    from followthemoney.dataset import Dataset
    from followthemoney.property import Property
    from followthemoney.statement import StatementEntity

log = logging.getLogger(__name__)

PERSON = "Person"
SNIFF_BYTES = 1 << 24  # an FtM file is told by its first line, read up to this long
CARRIER = "keywords"  # the property that keeps the cells FtM has no property for (see above)
PASSED = "ftm:"  # the prefix of a column holding an FtM property that is not a §3b column
NAME_PROPERTIES = ("name", "alias", "previousName")
COUNTRY_PROPERTIES = ("nationality", "citizenship")
_SLUG = re.compile(r"[^a-z0-9_]+")


# --- origins: file, row and column ----------------------------------------------------------------------


def origin_of(file: str, row: int, column: str) -> str:
    """Where a value came from: `file#row=N&column=HEADER` (the list's own header, percent-encoded)."""
    return f"{file}#" + urlencode({"row": row, "column": column}, quote_via=quote)


@dataclass(frozen=True)
class Origin:
    file: str
    row: int
    column: str


_ORIGIN = re.compile(r"(.*)#row=([0-9]+)&column=([^&]+)", re.DOTALL)


def parse_origin(text: str | None) -> Origin | None:
    """The file, row and column of an origin `origin_of` wrote; None for any other origin."""
    found = _ORIGIN.fullmatch(text) if text and "#row=" in text else None
    if found is None:
        return None
    return Origin(found[1], int(found[2]), unquote(found[3]))


@functools.lru_cache(maxsize=4096)
def list_column(header: str) -> str:
    """A header as a §3b column when it is one (in any case and spacing, or a synonym), else as it is."""
    key = choice_key(header)
    if key in PERSON_LIST_COLUMNS:
        return key
    return SYNONYMS.get(key, header)


# --- entities in ----------------------------------------------------------------------------------------


def sniff(path: Path) -> str | None:
    """`"entities"` when the first non-blank line of `path` is a JSON object with `schema` and `properties`
    or `statements` (FtM entities), `"statements"` when it is one FtM statement (`entity_id`, `prop`);
    otherwise None."""
    try:
        with open(path, "rb") as f:
            while line := f.readline(SNIFF_BYTES):
                if line.strip():
                    value = json.loads(line.decode("utf-8-sig"))
                    break
            else:
                return None
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("schema"), str) and ("properties" in value or "statements" in value):
        return "entities"
    if "entity_id" in value and "prop" in value and "schema" in value:
        return "statements"
    return None


@dataclass
class Line:
    """One entity of a file: the line it starts on, and the entity or why there is none."""

    number: int
    entity: StatementEntity | None = None
    problem: str | None = None
    other_schema: str | None = None  # an entity of another schema than Person: skipped
    read: int = 0  # the bytes of the file read up to the end of its line (0 where not known)


def _entity(data: Any, number: int) -> Line:
    from followthemoney import model
    from followthemoney.dataset import UndefinedDataset
    from followthemoney.exc import InvalidData
    from followthemoney.statement import StatementEntity

    if not isinstance(data, dict):
        return Line(number, problem=f"line {number} is not a JSON object")
    schema = data.get("schema")
    found = model.get(schema) if isinstance(schema, str) else None
    if found is None:
        return Line(number, problem=f"line {number}: schema {schema!r} is not a FollowTheMoney schema")
    if not found.is_a(PERSON):
        return Line(number, other_schema=found.name)
    data = dict(data)
    if "statements" in data:
        data.pop("properties", None)  # the same values, without their source
    try:
        entity = StatementEntity(UndefinedDataset, data, cleaned=False)
    except (InvalidData, TypeError, KeyError, ValueError) as exc:
        return Line(number, problem=f"line {number}: not a valid FtM entity ({exc})")
    if not entity.id:
        return Line(number, problem=f"line {number}: the Person entity has no id")
    return Line(number, entity)


def _json_lines(f: IO[bytes], max_line: int | None = None) -> Iterator[tuple[int, Any, int]]:
    """(line number, the JSON value or a problem text, the bytes read so far) of each non-blank line; a line
    longer than `max_line` bytes is read through in pieces, never held, and is a problem."""
    read = 0
    number = 0
    while raw := f.readline() if max_line is None else f.readline(max_line + 1):
        number += 1
        read += len(raw)
        if max_line is not None and len(raw) > max_line and not raw.endswith(b"\n"):
            length = len(raw)
            while rest := f.readline(1 << 16):
                length += len(rest)
                read += len(rest)
                if rest.endswith(b"\n"):
                    length -= 1
                    break
            yield number, _Problem(too_long(f"line {number}", length, max_line)), read
            continue
        text = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
        if not text.strip():
            continue
        try:
            yield number, json.loads(text.decode("utf-8")), read
        except UnicodeDecodeError:
            yield number, _Problem(f"line {number} is not valid UTF-8"), read
        except (ValueError, RecursionError):
            yield number, _Problem(f"line {number} is not valid JSON"), read


class _Problem(str):
    """A line that could not be read, in place of its value."""


def read_entities(path: Path, max_line: int | None = None) -> Iterator[Line]:
    """The entities of an FtM file: entities one a line (the form `ftm` and OpenSanctions write, with
    `properties` or `statements`), or statements (JSON lines or FtM's statements CSV), grouped by
    `canonical_id` as FtM writes them (consecutive)."""
    if _statements_csv(path):
        yield from _grouped(_csv_statements(path))
        return
    if sniff(path) == "statements":
        yield from _grouped(_json_statements(path, max_line))
        return
    with open(path, "rb") as f:
        for number, value, read in _json_lines(f, max_line):
            line = Line(number, problem=value) if isinstance(value, _Problem) else _entity(value, number)
            line.read = read
            yield line


def _statements_csv(path: Path) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        first = f.readline()
    names = {c.strip().strip('"') for c in first.split(",")}
    return {"entity_id", "prop", "schema", "value", "dataset"} <= names


def _csv_statements(path: Path) -> Iterator[tuple[int, Any, int]]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), 2):
            data = {k: (v if v != "" else None) for k, v in row.items()}
            yield number, data | {"external": row.get("external") in ("t", "true", "True", "1")}, 0


def _json_statements(path: Path, max_line: int | None) -> Iterator[tuple[int, Any, int]]:
    with open(path, "rb") as f:
        yield from _json_lines(f, max_line)


def _grouped(rows: Iterator[tuple[int, Any, int]]) -> Iterator[Line]:
    """Statements, one entity per run of one `canonical_id`."""
    from followthemoney import model
    from followthemoney.dataset import UndefinedDataset
    from followthemoney.exc import InvalidData
    from followthemoney.statement import Statement, StatementEntity

    group: list[Any] = []
    first = 0
    key: str | None = None
    read = 0  # the bytes read up to the end of the group

    def done() -> Line:
        schemata = {s.schema for s in group}
        found = [model.get(s) for s in schemata]
        if not any(f is not None and f.is_a(PERSON) for f in found):
            return Line(first, other_schema=sorted(schemata)[0], read=read)
        try:
            return Line(first, StatementEntity.from_statements(UndefinedDataset, group), read=read)
        except InvalidData as exc:
            return Line(first, problem=f"line {first}: {exc}", read=read)

    for number, value, position in rows:
        if isinstance(value, _Problem):
            yield Line(number, problem=value, read=position)
            continue
        try:
            stmt = Statement.from_dict(value)
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            yield Line(number, problem=f"line {number}: not an FtM statement ({exc})", read=position)
            continue
        if group and stmt.canonical_id != key:
            yield done()
            group = []
        if not group:
            first, key = number, stmt.canonical_id
        group.append(stmt)
        read = position
    if group:
        yield done()


# --- an entity as a row ---------------------------------------------------------------------------------


def _dates(values: Sequence[str]) -> str | None:
    """The most precise of dates that agree (each others' prefix: `1985`, `1985-06-05`), or None."""
    days = sorted({v[:10] for v in values}, key=len)
    if days and all(days[-1].startswith(d) for d in days):
        return days[-1]
    return None


def entity_cells(entity: StatementEntity) -> dict[str, str]:
    """The cells of the row a Person entity stands for (see the table above): column -> text."""
    cells: dict[str, list[str]] = {}

    def put(column: str, value: str) -> None:
        values = cells.setdefault(column, [])
        if value not in values:
            values.append(value)

    loose: dict[str, list[str]] = {}  # property -> values whose origin names no column
    for prop in sorted(p.name for p in entity.iterprops()):
        for stmt in sorted(entity.get_statements(prop), key=lambda s: (s.value, s.origin or "")):
            origin = parse_origin(stmt.origin)
            if origin is not None:
                put(list_column(origin.column), stmt.original_value or stmt.value)
            else:
                loose.setdefault(prop, []).append(stmt.value)
    names = sorted(set(loose.pop("name", [])))
    if names:
        caption = entity.caption if entity.caption in names else names[0]
        if "name" not in cells:
            put("name", caption)
            names.remove(caption)
        for n in names:
            put("aliases", n)
    for prop in NAME_PROPERTIES[1:]:
        for n in sorted(set(loose.pop(prop, []))):
            put("aliases", n)
    births = loose.pop("birthDate", [])
    if births:
        agreed = _dates(births)
        if agreed is not None and "birth_date" not in cells:
            put("birth_date", agreed)
        else:
            loose["birthDate"] = births  # dates that disagree: passed through, never one picked
    for prop in COUNTRY_PROPERTIES:
        for code in sorted(set(loose.pop(prop, []))):
            put("nationality", code.upper())
    # one name; the others (of several rows merged into one entity) are aliases
    if len(cells.get("name", [])) > 1:
        for n in cells["name"][1:]:
            put("aliases", n)
        cells["name"] = cells["name"][:1]
    out = {"id": entity.id or ""}
    for column, values in cells.items():
        out[column] = values[0] if column == "id" else ";".join(values)
    for prop, values in loose.items():
        out[PASSED + prop] = ";".join(sorted(set(values)))
    return out


# --- reading an FtM file as a person list (the JSON Lines reader hands FtM files here) --------------------


def _persons(path: Path, say: bool = False, max_line: int | None = None) -> Iterator[Line]:
    """The lines of a file, Person entities and problems; skipped schemata are counted, and said when `say`
    (by the pass that reads the rows, so once)."""
    skipped: Counter[str] = Counter()
    persons = 0
    for line in read_entities(path, max_line):
        if line.other_schema is not None:
            skipped[line.other_schema] += 1
            continue
        persons += line.entity is not None
        yield line
    if skipped:
        said = ", ".join(f"{n} {s}" for s, n in skipped.most_common())
        if not persons:
            raise TableError(f"no Person entity, only {said}: a person list is a file of Person entities")
        if say:
            log.warning("%s: %s skipped: only Person entities are persons of a list", path.name, said)


_HEADERS: dict[tuple[str, int, int], list[str]] = {}  # the last file's header: `screen` asks twice


def header(path: Path) -> list[str]:
    """The columns of an FtM file read as a person list: the §3b columns its entities fill, in §3b's order,
    then the others in the order first met (a pass over the whole file, remembered for the same file)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _HEADERS:
        found = _header(path)
        _HEADERS.clear()
        _HEADERS[key] = found
    return list(_HEADERS[key])


def _header(path: Path) -> list[str]:
    seen: dict[str, None] = {"id": None}
    for line in _persons(path):
        if line.entity is not None:
            seen.update(dict.fromkeys(entity_cells(line.entity)))
    ours = [c for c in PERSON_LIST_COLUMNS if c in seen]
    return ours + [c for c in seen if c not in PERSON_LIST_COLUMNS]


def read_table(path: Path, batch_size: int, *, max_line: int | None = None) -> Iterator[TableBatch]:
    """An FtM file's Person entities as rows of text, one column per `header`; a line that cannot be read,
    or a Person without a name, is an invalid row naming its line."""
    names = header(path)
    rows: list[list[str | None]] = []
    problems: list[str | None] = []
    sent = 0  # the bytes the batches so far stand for (their `size`, which a progress bar adds up)
    for line in _persons(path, say=True, max_line=max_line):
        problem = line.problem
        cells: Mapping[str, str] = {}
        if line.entity is not None:
            cells = entity_cells(line.entity)
            if not cells.get("name"):
                problem = f"line {line.number}: the Person entity {line.entity.id} has no name"
        rows.append([None] * len(names) if problem else [cells.get(n) for n in names])
        problems.append(f"{'name' if line.entity is not None else 'row'}: {problem}" if problem else None)
        if len(rows) == batch_size:
            size, sent = max(0, line.read - sent), max(sent, line.read)
            yield TableBatch(text_table(names, rows), problems if any(problems) else None, size)
            rows, problems = [], []
    size = max(0, path.stat().st_size - sent)
    if rows or size or sent == 0:
        yield TableBatch(text_table(names, rows), problems if any(problems) else None, size)


# --- a row as an entity ---------------------------------------------------------------------------------


def dataset_named(name: str) -> Dataset:
    """An FtM dataset; ValueError naming FtM's rule for a name it refuses."""
    from followthemoney.dataset import Dataset

    try:
        return Dataset.make({"name": name, "title": name})
    except ValueError:
        raise ValueError(
            f"{name!r} is not a FollowTheMoney dataset name (lower-case letters, digits and _)"
        ) from None


def dataset_name_of(path: Path) -> str:
    """A dataset name from a list's file name: `Recruits 2026.csv` -> `recruits_2026`."""
    return _SLUG.sub("_", path.stem.lower()).strip("_") or "person_list"


class NoName(ValueError):
    """A row without a name: FtM's Person requires one."""


@dataclass(frozen=True)
class ExportSource:
    """Where the rows of an export come from, for their statements."""

    dataset: Dataset
    file: str  # the list's file name (not its path: a path says where a journalist keeps files)
    seen: str  # when the values were seen (FtM's `first_seen`): the time of the export, UTC


def seen_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()


def row_entity(
    row: Mapping[str, str | None], plan: HeaderPlan, number: int, source: ExportSource
) -> StatementEntity:
    """The Person entity a list's row (header -> cell as written) stands for; `NoName` for a row without one."""
    from followthemoney.statement import StatementEntity
    from followthemoney.types import registry

    from extrashield.facts.country_names import read_countries
    from extrashield.facts.lenient import read_texts
    from extrashield.facts.partial_dates import read_date

    id_header = plan.header_of("id")
    raw_id = (row.get(id_header) or "").strip() if id_header else ""
    name_header = plan.header_of("name")
    if not (row.get(name_header) or "").strip() if name_header else True:
        raise NoName(f"row {number}: name is empty; a FollowTheMoney Person needs a name")
    if raw_id and registry.entity.clean(raw_id) == raw_id:
        entity_id = raw_id
    elif raw_id:
        entity_id = f"{source.dataset.name}-{hashlib.sha1(raw_id.encode()).hexdigest()[:16]}"
    else:
        entity_id = f"{source.dataset.name}-{number}"
    entity = StatementEntity(source.dataset, {"schema": PERSON, "id": entity_id})
    prop_of = entity.schema.properties

    def add(prop: str, value: str, raw: str, origin: str) -> bool:
        got = entity.unsafe_add(
            prop_of[prop], value, seen=source.seen, original_value=raw, origin=origin, quiet=True
        )
        return got is not None

    for header, raw in row.items():
        if raw is None or not raw.strip():
            continue
        column = plan.columns.get(header)
        origin = origin_of(source.file, number, header)
        kept = False
        if column == "id":
            kept = entity_id == raw_id
        elif column == "name":
            kept = add("name", raw.strip(), raw, origin)
        elif column in ("aliases", "latin_name"):
            names = read_texts(raw).value or ()
            kept = bool(names) and all([add("alias", n, raw, origin) for n in names])
        elif column == "birth_date":
            date = read_date(raw).value
            kept = date is not None and ".." not in str(date) and add("birthDate", str(date), raw, origin)
        elif column == "nationality":
            codes = read_countries(raw).value
            kept = bool(codes) and all([add("citizenship", c, raw, origin) for c in codes or ()])
        elif column is None and (prop := _passed_property(header)) is not None:
            # a column `from_entity` named after an FtM property goes back to it (prose whole, others split)
            values = [raw] if prop.type.name == "text" else list(read_texts(raw).value or ())
            kept = bool(values) and all([add(prop.name, v, raw, origin) for v in values])
        if not kept:
            add(CARRIER, raw, raw, origin)
    return entity


def _passed_property(header: str) -> Property | None:
    """The Person property a column `ftm:p` holds, when p is one that can be written."""
    from followthemoney import model

    if not header.startswith(PASSED):
        return None
    person = model.get(PERSON)
    prop = person.get(header[len(PASSED) :]) if person is not None else None
    return prop if prop is not None and not prop.stub and prop.name != "id" else None


def write_line(f: BinaryIO, entity: StatementEntity) -> None:
    """One entity a line, with its statements: the form `ftm aggregate-statements --statements` writes,
    which FtM's `ValueEntity` reads as values and `StatementEntity` with the source of each."""
    from followthemoney.cli.util import write_entity

    write_entity(f, entity, statements=True)
