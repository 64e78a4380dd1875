"""Cross-referencing two person lists (docs/contract.md §6 `match`, docs/matching.md): who on a wanted list is
among the recruits, and is their extradition barred?

The pipeline, one phase after another (each reported to `Phases`, which the command line draws as a bar):

1. **reading**: both lists through the readers and the lenient value reading `screen` uses (any §3b format,
   header mapping, country names to ISO codes, partial dates, notes: `batch.person_lists.list_batch`), a
   batch at a time; each row becomes the matcher's `Person` (`matching.person_from_row`) and keeps its
   values, normalised, for the merge;
2. **indexing** and **scoring**: `matching.link` (blocking, then scoring; the pairs at or above the
   threshold, best first per wanted person);
3. **answering**: each pair's merged person (`merge`: the names and nationalities of both rows, the
   recruit's contract, the wanted row's request, a decision date from the option or the rows) as a row of a
   §3b list, read by the same `list_batch` and answered by the batch engine (`Screener`), many pairs a
   batch, never one `assess` per pair;
4. the result rows, ordered by `wanted_id` then score from highest, as record batches for any writer of
   the format registry (the caller writes them: **writing**).

A row that cannot be read at all (not UTF-8, the wrong number of cells, a cell over 1 MiB) stops the run
with `ListError` naming the file, the row and the column: a cross-reference that silently skipped a person
would say "not found" about someone it never looked at. Values that cannot be read (a date, a country) are
unknown, with a note on the row, as in `screen`. A name longer than `MAX_NAME_CHARS` is matched on its
first words only, with a note; a cell mixing scripts gets a note.

Judgements (`judged`: (wanted_id, recruit_id) -> "match", "no_match" or "unsure", as a reviewer left them in
the registry): a pair judged "no_match" is not proposed again; the others carry their judgement.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from extrashield.batch.person_lists import MAX_CELL_BYTES, Told, list_batch, tell_layout
from extrashield.batch.rows import TableBatch, TableError
from extrashield.facts.partial_dates import PartialDate
from extrashield.facts.person_columns import BIRTH, CONTRACT_FROM, CONTRACT_UNTIL, FIXES, Summary
from extrashield.facts.person_list import PERSON_LIST_COLUMNS, HeaderError, plan_headers
from extrashield.i18n import N_, _
from extrashield.matching import DEFAULT_THRESHOLD, Link, Person, explain, link, person_from_row, verdict
from extrashield.matching.scripts import Script, scripts_in

if TYPE_CHECKING:
    from extrashield.batch.formats.base import Reader
    from extrashield.batch.screening import Screener

# A name longer than this is not a name (the longest in the benchmark bank have under 60 characters): only
# its first words, up to this many characters, are matched (every word of a name pairs with every other in
# the blocking keys, so an unbounded cell would make a million keys), and the row says so.
MAX_NAME_CHARS = 200
LIST_BATCH_ROWS = 32768  # rows read a batch (as screen reads a person list)
ANSWER_BATCH_ROWS = 32768  # merged persons answered a batch by the batch engine

JUDGEMENTS = ("match", "no_match", "unsure")
READING = {"wanted": N_("reading wanted"), "recruits": N_("reading recruits")}  # the phases, by role
# the roles as messages name them
ROLE = {"wanted": N_("the wanted list"), "recruits": N_("the recruits list")}
FEATURES = ("name", "birth_date", "nationality")  # `PairScore.features`, written by --explain as <f>_score
# matching.verdict's sentences as the `verdict` column's words (`unlikely match` only with a lower --threshold)
_VERDICT_WORDS = {
    "likely the same person": "likely match",
    "possibly the same person": "possible match",
    "probably not the same person": "unlikely match",
}

# The §3b columns each side gives the merged person; the rest of a row (its own columns) is written beside.
_NAMES = ("name", "aliases", "latin_name")
# every §3b column but the row's own id (the merged row gets "wanted_id = recruit_id")
MERGED_COLUMNS = tuple(c for c in PERSON_LIST_COLUMNS if c != "id")


# Another way to `matching.link` two lists (left, right, threshold): its links in its order
Linker = Callable[[Sequence[Person], Sequence[Person], float], list[Link]]


class ListError(ValueError):
    """A list that cannot be read (exit 2): the message names the file, and the row and column where there
    is one."""


class Phases(Protocol):
    """Where the run is: `start` a phase (with its whole, or None when not known), then `advance` through it."""

    def start(self, phase: str, total: int | None = None) -> None: ...

    def advance(self, amount: int) -> None: ...


class _Silent:
    def start(self, phase: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass


@dataclass(frozen=True)
class ListSource:
    """One list to read: `role` ("wanted", "recruits") names it in messages and output columns."""

    role: str
    path: Path
    reader: Reader
    mapping: Mapping[str, str] = field(default_factory=dict)


@dataclass
class PersonList:
    """A list read: per row its id, its `Person`, its values for the merge (normalised §3b text, in `values`),
    its notes; its own columns (all but the one read as id), and what could not be read over the list."""

    source: ListSource
    told: Told
    ids: list[str] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    notes: list[str | None] = field(default_factory=list)
    values: pa.Table | None = None
    own: pa.Table | None = None
    summary: Summary = field(default_factory=Summary)
    unnamed: list[str] = field(default_factory=list)  # ids of the rows with no name: never matched
    cut: list[str] = field(
        default_factory=list
    )  # ids of the rows whose name was too long (see MAX_NAME_CHARS)

    @property
    def rows(self) -> int:
        return len(self.ids)


@dataclass
class CrossReference:
    """The result: the output's schema and record batches (in order), and what to tell the user."""

    schema: pa.Schema
    batches: list[pa.RecordBatch]
    wanted: PersonList
    recruits: PersonList
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def pairs(self) -> int:
        return sum(b.num_rows for b in self.batches)


# --- reading -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _reading(source: ListSource) -> Iterator[None]:
    """A failure to read a list as a `ListError` naming its file."""
    try:
        yield
    except (HeaderError, TableError, ListError):
        raise
    except UnicodeDecodeError:
        raise ListError(
            _("{path}: cannot read {list}: {why}").format(
                path=source.path, list=_(ROLE[source.role]), why=_("not valid UTF-8 text")
            )
        ) from None
    except pa.ArrowException as exc:
        raise ListError(
            _("{path}: {list} is not readable ({problem})").format(
                path=source.path, list=_(ROLE[source.role]), problem=exc
            )
        ) from None
    except OSError as exc:
        raise ListError(
            _("{path}: cannot read {list}: {why}").format(
                path=source.path, list=_(ROLE[source.role]), why=exc.strerror or exc
            )
        ) from None


def list_headers(source: ListSource) -> list[str]:
    """The headers of a list as they are written (for a mapping shared by two lists). Raises `ListError`."""
    header = source.reader.header
    if header is None:
        raise ListError(_("{path}: person lists cannot be read from this format").format(path=source.path))
    try:
        with _reading(source):
            return header(source.path)
    except TableError as exc:
        raise ListError(f"{source.path}: {exc}") from None


def read_list(
    source: ListSource, phases: Phases | None = None, batch_rows: int = LIST_BATCH_ROWS
) -> PersonList:
    """Read a person list for matching (see the module's text). Raises `ListError`."""
    phases = phases or _Silent()
    reader = source.reader
    where = str(source.path)
    if reader.read_table is None:
        raise ListError(_("{path}: person lists cannot be read from this format").format(path=where))
    try:
        with _reading(source):
            told = tell_layout(reader, source.path, source.mapping, ())
            total, _unit = reader.total(source.path)
    except HeaderError as exc:
        raise ListError(_("{path}: column {problem}").format(path=where, problem=exc)) from None
    except TableError as exc:
        raise ListError(f"{where}: {exc}") from None
    if not told.headers:
        raise ListError(
            _("{path}: {list} is empty (no header, no rows)").format(path=where, list=_(ROLE[source.role]))
        )
    plan = told.plan
    if plan is None or not told.is_list:
        raise ListError(
            _(
                "{path}: row 1: no column is a person-list column (docs/contract.md §3b), so there is no name "
                "to match: name one column `name`, or map it (e.g. {option} 'Full name=name')"
            ).format(path=where, option=f"--map-{source.role}")
        )
    if plan.header_of("name") is None and plan.header_of("latin_name") is None:
        raise ListError(
            _(
                "{path}: row 1: no `name` column (its columns: {columns}): name the column "
                "that holds the names `name`, or map it (e.g. {option} 'Full name=name')"
            ).format(path=where, columns=", ".join(told.headers), option=f"--map-{source.role}")
        )
    got = PersonList(source, told)
    values: list[pa.Table] = []
    own: list[pa.Table] = []
    phases.start(READING[source.role], total or None)
    first = 1
    with _reading(source):
        for batch in reader.read_table(source.path, batch_rows):
            _check_readable(source, batch, first)
            read = list_batch(batch, plan, told.own, first)
            assert read.listed is not None
            got.summary.merge(read.listed.summary)
            vals = _normalised(read.data, read.listed.partial_dates, batch.table, plan.header_of)
            values.append(vals)
            own.append(read.listed.own)
            _persons(got, read.data.column("id"), vals, read.listed.notes)
            first += batch.table.num_rows
            phases.advance(batch.size)
    if not got.ids:
        raise ListError(
            _("{path}: {list} has a header and no rows: nothing to match").format(
                path=where, list=_(ROLE[source.role])
            )
        )
    got.values = pa.concat_tables(values)
    got.own = pa.concat_tables(own) if own and own[0].num_columns else pa.table({})
    return got


def _check_readable(source: ListSource, batch: TableBatch, first: int) -> None:
    """`ListError` for the first row of `batch` that could not be read, or holds a cell over 1 MiB."""
    if batch.problems is not None:
        for i, problem in enumerate(batch.problems):
            if problem is not None:
                raise ListError(_unreadable_row(source, first + i, problem))
    table = batch.table
    for name in table.column_names:
        column = table.column(name)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            continue
        long = pc.fill_null(pc.greater(pc.binary_length(column), MAX_CELL_BYTES), False)
        if pc.any(long).as_py():
            i = int(np.flatnonzero(long.to_numpy(zero_copy_only=False))[0])
            raise ListError(
                _unreadable_row(
                    source,
                    first + i,
                    f"{name}: the cell is over the limit of {MAX_CELL_BYTES} bytes for one cell",
                )
                + ": it holds far more than a person's data"
            )


def _unreadable_row(source: ListSource, number: int, problem: str) -> str:
    """A reader's problem with one row ("row: line 5 is not valid UTF-8", "name: …") as a message naming the
    file, the row, and the column where the problem names one; with the fix where there is a known one."""
    column, _sep, text = problem.partition(": ")
    where = f"{source.path}: row {number} of the {source.role} list"
    said = f"{where}: {text}" if column == "row" else f"{where}, column {column}: {text}"
    if "not valid UTF-8" in text:
        said += f"; {FIXES['not valid UTF-8']}"
    return said


def _text(arr: Any) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.cast(arr.type.value_type)
    if pa.types.is_boolean(arr.type):
        return pc.if_else(arr, "true", "false")
    return arr.cast(pa.string())


def _spans(column: Any) -> pa.Array:
    """Partial dates (struct<earliest, latest>) as they are written (`2024`, `2024-06`); null elsewhere."""
    values = column.to_pylist()
    return pa.array(
        [None if v is None else str(PartialDate(v["earliest"], v["latest"])) for v in values], pa.string()
    )


def _normalised(data: Any, partial: pa.Table, table: pa.Table, header_of: Any) -> pa.Table:
    """Per row, the §3b values as the list reading understood them, written as the contract writes them
    (`MERGED_COLUMNS`): what the merged person is made of, so that reading it again says nothing new."""
    person, request = data.column("person"), data.column("request")
    n = data.num_rows

    def cell(column: str) -> pa.Array:
        header = header_of(column)
        if header is None:
            return pa.nulls(n, pa.string())
        text = pc.utf8_trim_whitespace(_text(table.column(header)))
        return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)

    def field_(parent: Any, *path: str) -> pa.Array:
        for name in path:
            parent = pc.struct_field(parent, name)
        return _text(parent)

    citizenships = person.field("citizenships") if isinstance(person, pa.StructArray) else None
    assert citizenships is not None
    codes = pa.ListArray.from_arrays(
        citizenships.offsets, pc.struct_field(citizenships.values, "country"), mask=citizenships.is_null()
    )
    nationality = pc.binary_join(codes, ";")
    nationality = pc.if_else(pc.equal(nationality, ""), "none", nationality)
    service = pc.list_element(person.field("military_service"), 0)
    return pa.table(
        {
            "name": cell("name"),
            "aliases": cell("aliases"),
            "latin_name": cell("latin_name"),
            "birth_date": pc.coalesce(field_(person, "birth_date"), _spans(partial.column(BIRTH))),
            "nationality": nationality,
            "stateless": field_(person, "stateless"),
            "formation": field_(service, "formation"),
            "contract_from": pc.coalesce(
                field_(service, "contract_from"), _spans(partial.column(CONTRACT_FROM))
            ),
            "contract_until": pc.coalesce(
                field_(service, "contract_until"), _spans(partial.column(CONTRACT_UNTIL))
            ),
            "combat": field_(service, "combat"),
            "requesting_state": field_(request, "requesting_state"),
            "purpose": field_(request, "purpose"),
            "offence": field_(request, "offense", "description"),
            "decision_date": _text(data.column("decision_date")),
        }
    )


def _persons(got: PersonList, ids: Any, values: pa.Table, notes: Any) -> None:
    """The matcher's persons of one batch, with the notes of reading them."""
    columns = {
        c: values.column(c).to_pylist()
        for c in ("name", "aliases", "latin_name", "birth_date", "nationality")
    }
    for i, (ident, note) in enumerate(zip(_text(ids).to_pylist(), notes.to_pylist())):
        said = [note] if note else []
        row: dict[str, object] = {"id": ident}
        for column, cells in columns.items():
            value = cells[i]
            if value is not None and column in _NAMES:
                value = _bounded(column, value, said, ident, got.cut)
            row[column] = value
        person = person_from_row(row, ident)
        if not person.names and not person.passport_names:
            got.unnamed.append(ident)
        said.extend(person.notes)
        got.ids.append(ident)
        got.persons.append(person)
        got.notes.append("; ".join(said) or None)


def _bounded(column: str, text: str, said: list[str], ident: str, cut_rows: list[str]) -> str:
    """A name cell as the matcher takes it: at most `MAX_NAME_CHARS` characters (cut between words), with a
    note when it was cut or mixes scripts."""
    if len(text) > MAX_NAME_CHARS:
        cut = text[:MAX_NAME_CHARS]
        cut = cut[: cut.rfind(" ")] if " " in cut.strip() else cut
        said.append(
            _("{column}: {n} characters, longer than any name: only the first {kept} were matched").format(
                column=column, n=len(text), kept=len(cut)
            )
        )
        cut_rows.append(ident)
        text = cut
    if text.isascii():  # most names: one script, and nothing to look up per letter
        return text
    scripts = sorted(s.value for s in scripts_in(text) if s is not Script.OTHER)
    if len(scripts) > 1:
        said.append(
            _(
                "{column}: the cell mixes {scripts} letters, each word read in its own script "
                "(a look-alike letter typed in the other script makes a word harder to match)"
            ).format(column=column, scripts=f" {_('and')} ".join(scripts))
        )
    return text


# --- merging and answering ---------------------------------------------------------------------------------


def _precision(dates: pa.Array) -> np.ndarray:
    """A date's precision by its length as written: 10 a day, 7 a month, 4 a year, 0 unknown."""
    return np.asarray(pc.fill_null(pc.utf8_length(dates), 0).to_numpy(zero_copy_only=False), np.int64)


def merge(
    wanted: pa.Table, recruits: pa.Table, left: np.ndarray, right: np.ndarray
) -> tuple[pa.Table, list[list[str]]]:
    """The merged persons of the pairs (`wanted` row `left[k]`, `recruits` row `right[k]`) as §3b rows: the
    names of both (the wanted row's `name` first, the others as aliases); the nationalities of both (each list
    says the citizenships it knows); the more precise birth date; the recruit's contract and `stateless`;
    the wanted row's request; the wanted row's decision date, else the recruit's. And per pair, notes on what
    the two rows disagreed on."""
    w = wanted.take(pa.array(left, pa.int64()))
    r = recruits.take(pa.array(right, pa.int64()))
    n = len(left)
    # An empty first part: with null_handling="skip", pyarrow drops the rows whose parts are all null
    # (as facts/person_columns.py says), which would shift every later row.
    aliases = pc.binary_join_element_wise(
        pa.array([""] * n, pa.string()),
        w.column("aliases"),
        r.column("name"),
        r.column("aliases"),
        ";",
        null_handling="skip",
    )
    aliases = pc.replace_substring_regex(aliases, "^;", "", max_replacements=1)
    aliases = pc.if_else(pc.equal(aliases, ""), pa.scalar(None, pa.string()), aliases)
    wb, rb = w.column("birth_date").combine_chunks(), r.column("birth_date").combine_chunks()
    birth = pc.if_else(pa.array(_precision(wb) > _precision(rb)), wb, rb)
    notes: list[list[str]] = [[] for _ in range(n)]
    for k, (a, b, taken) in enumerate(zip(wb.to_pylist(), rb.to_pylist(), birth.to_pylist())):
        if a is not None and b is not None and not (a.startswith(b) or b.startswith(a)):
            notes[k].append(
                _("birth_date: the wanted list says {a}, the recruit's record {b}: {taken} taken").format(
                    a=a, b=b, taken=taken
                )
            )
    nationality = [
        _union(a, b, notes[k])
        for k, (a, b) in enumerate(
            zip(w.column("nationality").to_pylist(), r.column("nationality").to_pylist())
        )
    ]
    merged = pa.table(
        {
            "name": pc.coalesce(w.column("name"), r.column("name")),
            "aliases": aliases,
            "latin_name": pc.coalesce(r.column("latin_name"), w.column("latin_name")),
            "birth_date": birth,
            "nationality": pa.array(nationality, pa.string()),
            "stateless": pc.coalesce(r.column("stateless"), w.column("stateless")),
            **{c: r.column(c) for c in ("formation", "contract_from", "contract_until", "combat")},
            **{c: w.column(c) for c in ("requesting_state", "purpose", "offence")},
            "decision_date": pc.coalesce(w.column("decision_date"), r.column("decision_date")),
        }
    )
    return merged, notes


def _union(a: str | None, b: str | None, notes: list[str]) -> str | None:
    """Two nationality cells (codes separated by `;`, or `none`) as one: the citizenships either names."""
    if a is None or b is None:
        return a if b is None else b
    held = [c for c in dict.fromkeys([*a.split(";"), *b.split(";")]) if c != "none"]
    if (a == "none") != (b == "none"):
        notes.append(
            _(
                "nationality: the wanted list says {a}, the recruit's record {b}: the citizenships taken"
            ).format(a=a, b=b)
        )
    return ";".join(held) or "none"


def verdict_word(score: float) -> str:
    """The pair in two words, for a column people filter on: `matching.verdict` (which owns the thresholds,
    `LIKELY_MATCH` and `DEFAULT_THRESHOLD`) said shortly."""
    return _VERDICT_WORDS[verdict(score)]


def output_schema(
    results: pa.Schema, wanted: PersonList, recruits: PersonList, *, explained: bool, judged: bool
) -> pa.Schema:
    """The columns of docs/matching.md: the pair, then the answer (`results` as the screener makes them,
    without its `id`), then each list's own columns prefixed by `wanted_` and `recruit_`."""
    fields = [
        pa.field("wanted_id", pa.string()),
        pa.field("recruit_id", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("verdict", pa.string()),
        pa.field("wanted_name", pa.string()),
        pa.field("recruit_name", pa.string()),
        pa.field("explanation", pa.string()),
    ]
    if judged:
        fields.append(pa.field("judgement", pa.string()))
    if explained:
        fields += [pa.field(f"{f}_score", pa.float64()) for f in FEATURES]
    for f in results:
        if f.name != "id":
            fields.append(f)
        if f.name == "questions":  # the readings of the law the answer turns on, as `assess` says them
            fields.append(pa.field("open_questions", pa.list_(pa.string())))
    return pa.schema(fields + _own_fields(wanted, "wanted_") + _own_fields(recruits, "recruit_"))


def _own_columns(got: PersonList) -> list[tuple[str, str]]:
    """(the list's own header, its output column): every own column but the names (`wanted_name`…)."""
    plan = got.told.plan
    assert plan is not None
    name = plan.header_of("name")
    return [(h, o) for h, o in got.told.own if h != name]


def _own_fields(got: PersonList, prefix: str) -> list[pa.Field]:
    assert got.own is not None
    schema = got.own.schema
    return [pa.field(prefix + h, schema.field(o).type) for h, o in _own_columns(got)]


def cross_reference(
    wanted: ListSource,
    recruits: ListSource,
    screener: Screener,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    explained: bool = False,
    judged: Mapping[tuple[str, str], str] | None = None,
    phases: Phases | None = None,
    batch_rows: int = LIST_BATCH_ROWS,
    answer_rows: int = ANSWER_BATCH_ROWS,
    workers: int = 1,
    linker: Linker | None = None,
) -> CrossReference:
    """Read both lists, link them (scoring in `workers` processes, or by `linker`, e.g. on Spark:
    matching/spark.py), answer every pair (see the module's text). Raises `ListError`."""
    phases = phases or _Silent()
    w = read_list(wanted, phases, batch_rows)
    r = read_list(recruits, phases, batch_rows)
    if linker is not None:
        phases.start(N_("linking"), None)
        links = linker(w.persons, r.persons, threshold)
    else:
        links = _linked(w, r, threshold, phases, workers)
    if judged:
        links = [x for x in links if judged.get((w.ids[x.left], r.ids[x.right])) != "no_match"]
    # by wanted_id (as text), then score from highest; the lists' order where those tie
    links.sort(key=lambda x: (w.ids[x.left], *x.score.best_first, x.left, x.right))
    schema = output_schema(screener.schema, w, r, explained=explained, judged=judged is not None)
    out = CrossReference(schema, [], w, r)
    phases.start(N_("answering"), len(links))
    for start in range(0, len(links), answer_rows):
        chunk = links[start : start + answer_rows]
        out.batches.append(_answered(chunk, w, r, screener, schema, explained, judged, out.outcomes))
        phases.advance(len(chunk))
    return out


def _linked(w: PersonList, r: PersonList, threshold: float, phases: Phases, workers: int) -> list[Link]:
    """`matching.link`, its indexing (done before the first wanted person is scored) and its scoring as
    two phases."""
    phases.start(N_("indexing recruits"), None)
    scoring = False

    def progress(done: int) -> None:
        nonlocal scoring
        if not scoring:
            phases.start(N_("scoring pairs"), len(w.persons))
            scoring = True
        phases.advance(done)

    return list(link(w.persons, r.persons, threshold=threshold, progress=progress, workers=workers))


def _answered(
    links: Sequence[Link],
    w: PersonList,
    r: PersonList,
    screener: Screener,
    schema: pa.Schema,
    explained: bool,
    judged: Mapping[tuple[str, str], str] | None,
    outcomes: dict[str, int],
) -> pa.RecordBatch:
    assert w.values is not None and r.values is not None and w.own is not None and r.own is not None
    left = np.asarray([x.left for x in links], np.int64)
    right = np.asarray([x.right for x in links], np.int64)
    merged, merge_notes = merge(w.values, r.values, left, right)
    plan = plan_headers(MERGED_COLUMNS)
    batch = list_batch(TableBatch(merged, None, len(links)), plan, (), 1)
    answer = screener.screen(batch.data, batch.raw, batch.invalid, batch.listed).batch
    for name, count in zip(
        *np.unique(answer.column("outcome").to_numpy(zero_copy_only=False), return_counts=True)
    ):
        outcomes[str(name)] = outcomes.get(str(name), 0) + int(count)
    notes = []
    for k, x in enumerate(links):
        said = [f"wanted {n}" for n in (w.notes[x.left] or "").split("; ") if n]
        said += [f"recruit {n}" for n in (r.notes[x.right] or "").split("; ") if n]
        said += merge_notes[k]
        notes.append("; ".join(said) or None)
    wanted_ids = [w.ids[x.left] for x in links]
    recruit_ids = [r.ids[x.right] for x in links]
    columns: dict[str, Any] = {
        "wanted_id": pa.array(wanted_ids, pa.string()),
        "recruit_id": pa.array(recruit_ids, pa.string()),
        "score": pa.array([x.score.score for x in links], pa.float64()),
        "verdict": pa.array([verdict_word(x.score.score) for x in links], pa.string()),
        "wanted_name": _shown_names(w.values, left),
        "recruit_name": _shown_names(r.values, right),
        "explanation": pa.array([explain(x.score) for x in links], pa.string()),
    }
    if judged is not None:
        columns["judgement"] = pa.array([judged.get(k) for k in zip(wanted_ids, recruit_ids)], pa.string())
    if explained:
        for f in FEATURES:
            columns[f"{f}_score"] = pa.array([x.score.features.get(f) for x in links], pa.float64())
    for name in answer.schema.names:
        if name != "id":
            columns[name] = answer.column(name)
    columns["open_questions"] = pa.array(screener.open_questions(batch), pa.list_(pa.string()))
    columns["notes"] = pa.array(notes, pa.string())
    for got, prefix, idx in ((w, "wanted_", left), (r, "recruit_", right)):
        assert got.own is not None
        for header, own in _own_columns(got):
            columns[prefix + header] = got.own.column(own).take(pa.array(idx))
    arrays = [_one_chunk(columns[f.name]) for f in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _shown_names(values: pa.Table, rows: np.ndarray) -> pa.Array:
    """Each row's `name` cell as written, or its `latin_name` where it has no `name`."""
    taken = values.take(pa.array(rows))
    return pc.coalesce(_one_chunk(taken.column("name")), _one_chunk(taken.column("latin_name")))


def _one_chunk(arr: Any) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


__all__ = [
    "FEATURES",
    "JUDGEMENTS",
    "MAX_NAME_CHARS",
    "MERGED_COLUMNS",
    "CrossReference",
    "ListError",
    "ListSource",
    "PersonList",
    "Phases",
    "cross_reference",
    "list_headers",
    "merge",
    "read_list",
    "verdict_word",
]
