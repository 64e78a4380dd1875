"""A batch of person-list rows (docs/contract.md §3b) read column by column, into cases of §3 in Arrow.

`map_columns(table, plan)` reads every cell with the lenient readers (`lenient`, `partial_dates`,
`country_names`), but each distinct value of a column only once: a list of a million persons holds a few
thousand distinct dates, a few dozen countries and a handful of booleans, so the readers run over those and
the rows are filled by `take` (Arrow) and numpy. Free text (`name`, `offence`…) is only trimmed, with Arrow
kernels. The contradictions of a row are found with numpy over the whole batch.

The result (`MappedColumns`):
- `cases`: the cases as nested Arrow columns of `engine.vector.arrow_cases.CASE_SCHEMA` (dates as ISO text),
  ready for the batch engine (`to_table`) as a Parquet file of cases would be;
- `notes`: per row, what was normalised and what could not be read ("stateless: 'да' read as true; …");
- `errors`: per row, "column: problem" for a row with an impossible combination (then `invalid`), else null;
- `partial_dates`: one column per fact path (`person.birth_date`,
  `person.military_service[0].contract_from`, `…contract_until`) of struct<earliest, latest> (date32), set
  where the row's date is partial; the fact itself is unknown in `cases` (the engine decides what the
  interval settles: engine/within.py);
- `passthrough`: the list's other columns, unchanged.

`read_row(row, plan)` reads one row (header -> cell) as `map_columns` reads a batch; `Summary` counts, over
a whole list, the cells that could not be read, and says once, with the fix, when most rows fail for the
same reason.

A row is the case of §3 in which (§3b): `person.names` are `name`, the `aliases` and `latin_name`, in that
order; `person.citizenships` are the `nationality` countries, each with open bounds (`none`: `[]`);
`person.military_service` is one contract from `formation`, `contract_from`, `contract_until` and `combat`
when at least one of the four is read (a partial date counts), or unknown; `request.requesting_state`,
`request.purpose` and `request.offense.description` come from their columns; `id` is the row number (from
`first_row_number`) when the row has none. A `decision_date` must be a whole day: a partial one is unknown.

The contradictions, in the order `facts.case.check_consistency` finds them, each naming the §3b column:
`stateless` true with a `nationality`; `stateless` false with `nationality` none; `requesting_state` RU;
`contract_until` not after `contract_from` (with partial dates: for every day each may be).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from extrashield.errors import CaseError
from extrashield.facts.case import FORMATIONS
from extrashield.facts.country_names import read_countries, read_country
from extrashield.facts.lenient import Read, choice_key, read_boolean, read_choice, show, unreadable
from extrashield.facts.partial_dates import ONGOING, PartialDate, read_date, read_date_or_ongoing
from extrashield.facts.person_list import HeaderPlan, PersonRow
from extrashield.i18n import N_, _, language

BIRTH = "person.birth_date"
CONTRACT_FROM = "person.military_service[0].contract_from"
CONTRACT_UNTIL = "person.military_service[0].contract_until"
PARTIAL_DATE_PATHS = (BIRTH, CONTRACT_FROM, CONTRACT_UNTIL)
PARTIAL_TYPE = pa.struct([pa.field("earliest", pa.date32()), pa.field("latest", pa.date32())])

# Formations and purposes as people write them, in English and Russian (keys as `choice_key` makes them).
FORMATION_SYNONYMS = {
    choice_key(k): v
    for k, v in {
        "army": "armed_forces",
        "armed forces": "armed_forces",
        "russian armed forces": "armed_forces",
        "вс рф": "armed_forces",
        "вооруженные силы": "armed_forces",
        "вооруженные силы рф": "armed_forces",
        "вооруженные силы российской федерации": "armed_forces",
        "pmc": "private_military_company",
        "private military company": "private_military_company",
        "чвк": "private_military_company",
        "частная военная компания": "private_military_company",
        "volunteer formation": "volunteer_formation",
        "добровольческое формирование": "volunteer_formation",
        "other military formation": "other_military_formation",
        "иное воинское формирование": "other_military_formation",
        "другое воинское формирование": "other_military_formation",
    }.items()
}
PURPOSES = ("prosecution", "sentence")
PURPOSE_SYNONYMS = {
    choice_key(k): v
    for k, v in {
        "уголовное преследование": "prosecution",
        "для уголовного преследования": "prosecution",
        "исполнение приговора": "sentence",
        "для исполнения приговора": "sentence",
    }.items()
}

# Row errors: (column, problem), by code (0: none).
ERRORS: tuple[tuple[str, str] | None, ...] = (
    None,
    ("stateless", "is true, but nationality names a citizenship: a stateless person holds none"),
    ("stateless", "is false, but nationality is none: a person with no citizenship is stateless"),
    ("requesting_state", "is RU: the requesting state asks Russia to extradite, so it cannot be Russia"),
    ("contract_until", "is not after contract_from: a contract ends after it begins"),
)
_EPOCH = dt.date(1970, 1, 1)


def _days(day: dt.date) -> int:
    return (day - _EPOCH).days


@dataclass
class MappedColumns:
    num_rows: int
    cases: pa.Table
    notes: pa.Array
    errors: pa.Array
    error_columns: pa.Array
    partial_dates: pa.Table
    passthrough: pa.Table
    problems: Counter[tuple[str, str]]  # (column, problem) -> rows that could not be read for it
    invalid_columns: Counter[str]  # column -> invalid rows

    def row(self, i: int) -> PersonRow:
        """Row `i` as a `PersonRow` (its case as a dict of §3, partial dates as `PartialDate`)."""
        case = _pruned(self.cases.slice(i, 1).to_pylist()[0])
        note = self.notes[i].as_py()
        column, error = self.error_columns[i].as_py(), self.errors[i].as_py()
        partial = {}
        for path in self.partial_dates.column_names:
            span = self.partial_dates.column(path)[i].as_py()
            if span is not None:
                partial[path] = PartialDate(span["earliest"], span["latest"])
        return PersonRow(
            case=case,
            error=None if error is None else CaseError(column, error.split(": ", 1)[1]),
            notes=tuple(note.split("; ")) if note else (),  # notes hold no "; " themselves (see `_note`)
            passthrough=self.passthrough.slice(i, 1).to_pylist()[0] if self.passthrough.num_columns else {},
            partial_dates=partial,
        )


def _pruned(value: Any) -> Any:
    """A case without its unknowns (null fields, and objects left empty); an empty list stays (it says none)."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in out.items() if v != {}}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


# --- reading one column, once per distinct value ---------------------------------------------------------


def _as_text(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Any column as text: typed cells as Arrow writes them (true, 2024-06-05, 2024), a list of texts joined by
    `;`, anything else by its Python text."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
    t = arr.type
    if pa.types.is_string(t):
        return arr
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.string())
    if (pa.types.is_list(t) or pa.types.is_large_list(t)) and (
        pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type)
    ):
        return pc.binary_join(arr, ";").cast(pa.string())
    try:
        return arr.cast(pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in arr.to_pylist()], pa.string())


@dataclass
class _Read:
    """One column read: the distinct values' results and, per row, which of them it has."""

    column: str
    reads: list[Read[Any]]  # per distinct value; the last is the empty cell's
    index: np.ndarray  # per row

    def values(self, convert: Callable[[Any], Any], typ: pa.DataType) -> pa.Array:
        """Per row, `convert(value)` (null where unknown, or where `convert` gives None). Text comes
        dictionary-encoded: the distinct values once, and the rows' indices (no copy of a million strings)."""
        converted = [None if r.value is None else convert(r.value) for r in self.reads]
        missing = np.asarray([v is None for v in converted], bool)[self.index]
        if typ == pa.bool_():
            return pa.array(
                np.asarray([bool(v) for v in converted], bool)[self.index], pa.bool_(), mask=missing
            )
        dictionary = pa.array(["" if v is None else v for v in converted], typ)
        return pa.DictionaryArray.from_arrays(pa.array(self.index.astype(np.int32), mask=missing), dictionary)

    def lut(self, f: Callable[[Read[Any]], Any], dtype: Any) -> np.ndarray:
        table: np.ndarray = np.asarray([f(r) for r in self.reads], dtype)
        return table[self.index]  # type: ignore[no-any-return]

    def notes(self) -> pa.Array | None:
        """Per row, the note on its value ("column: …"); None when no value of the batch has one."""
        said = [None if r.note is None else _note(self.column, r.note) for r in self.reads]
        if all(n is None for n in said) or not (self.index < len(said)).any():
            return None
        return pa.array(said, pa.string()).take(self.index)

    def count_problems(self, into: Counter[tuple[str, str]]) -> None:
        counts = np.bincount(self.index, minlength=len(self.reads))
        for r, count in zip(self.reads, counts):
            if r.problem is not None and count:
                into[(self.column, r.problem)] += int(count)


def _note(column: str, note: str) -> str:
    return f"{column}: {note}".replace("; ", ", ")  # "; " separates a row's notes


# Each reader's results by cell text, kept across batches: a list's batches repeat the same few values.
# Per language: a result's note is said in the language it was read in (a server reads for both).
_CACHE_SIZE = 1 << 16


@cache
def _cached(reader: Callable[[object], Read[Any]], lang: str) -> Callable[[str | None], Read[Any]]:
    return lru_cache(maxsize=_CACHE_SIZE)(reader)


def _read(table: pa.Table, plan: HeaderPlan, column: str, reader: Callable[[object], Read[Any]]) -> _Read:
    header = plan.header_of(column)
    n = table.num_rows
    if header is None:
        return _Read(column, [reader(None)], np.zeros(n, np.intp))
    enc = pc.dictionary_encode(_as_text(table.column(header)))
    m = len(enc.dictionary)
    cached = _cached(reader, language())
    reads = [cached(v) for v in enc.dictionary.to_pylist()] + [reader(None)]
    index = np.asarray(pc.fill_null(enc.indices, m).to_numpy(zero_copy_only=False), np.intp)
    return _Read(column, reads, index)


def _text(table: pa.Table, plan: HeaderPlan, column: str) -> tuple[pa.Array, pa.Array | None]:
    """A free-text column trimmed (empty: null), and its notes (a NUL character cannot be held: unknown)."""
    header = plan.header_of(column)
    n = table.num_rows
    if header is None:
        return pa.nulls(n, pa.string()), None
    text = _as_text(table.column(header))
    # each step only where needed: copying a million names costs more than looking at them
    if pc.any(pc.match_substring_regex(text, r"^\s|\s$")).as_py():
        text = pc.utf8_trim_whitespace(text)
    nul = pc.fill_null(pc.match_substring(text, "\x00"), False)
    has_nul = pc.any(nul).as_py()
    bad = (
        pc.or_(nul, pc.fill_null(pc.equal(pc.utf8_length(text), 0), False))
        if has_nul
        else pc.fill_null(pc.equal(pc.utf8_length(text), 0), False)
    )
    if pc.any(bad).as_py():
        text = pc.if_else(bad, pa.scalar(None, pa.string()), text)
    if not has_nul:
        return text, None
    return text, pc.if_else(
        nul,
        pa.scalar(_note(column, _("contains a NUL character (U+0000), taken as unknown"))),
        pa.scalar(None, pa.string()),
    )


# --- the readers, as the case format wants the values ----------------------------------------------------


def _whole_day(value: object) -> Read[str]:
    """A decision date: a day, never a span of days."""
    got = read_date(value)
    if got.value is None:
        return Read(None, got.note, got.unreadable, got.problem)
    day = got.value.exact
    if day is None:
        return unreadable(
            value,
            _("is {date}, not one day: a decision is taken on one day").format(date=got.value),
            "partial decision date",
        )
    return Read(day.isoformat(), got.note)


# how far a partial date is known, in a note
KNOWN_TO = {
    "day": N_("known only to the day"),
    "month": N_("known only to the month"),
    "year": N_("known only to the year"),
    "span": N_("known only to the span"),
}


def _spanned(got: Read[Any], original: object) -> Read[Any]:
    """A date read: a whole day as ISO text; a partial date kept as its `PartialDate`, with a note."""
    if isinstance(got.value, PartialDate):
        day = got.value.exact
        if day is not None:
            return Read(day.isoformat(), got.note)
        span = got.value
        # the engine decides what the interval settles
        known = _(KNOWN_TO[span.unit]) if span.unit in KNOWN_TO else span.unit
        said = (
            f"{got.note}, {known}"
            if got.note
            else _("{value} is {known}").format(value=show(original), known=known)
        )
        return Read(
            span,
            _("{said}: a day from {earliest} to {latest}").format(
                said=said, earliest=span.earliest, latest=span.latest
            ),
        )
    return got


def _date(value: object) -> Read[Any]:
    return _spanned(read_date(value), value)


def _date_or_ongoing(value: object) -> Read[Any]:
    return _spanned(read_date_or_ongoing(value), value)


def _formation(value: object) -> Read[str]:
    return read_choice(value, FORMATIONS, FORMATION_SYNONYMS, N_("a formation"))


def _purpose(value: object) -> Read[str]:
    return read_choice(value, PURPOSES, PURPOSE_SYNONYMS, N_("a purpose"))


def _requesting_state(value: object) -> Read[str]:
    """One country; a cell naming several is unreadable (a row is one request)."""
    if isinstance(value, str) and ";" in value:
        several = read_countries(value)
        if several.value is not None and len(several.value) > 1:
            return unreadable(
                value, _("names several states; a request comes from one"), "several requesting states"
            )
    return read_country(value)


# --- the batch ----------------------------------------------------------------------------------------


def map_columns(table: pa.Table, plan: HeaderPlan, *, first_row_number: int = 1) -> MappedColumns:
    """Read a batch of a person list (see the module's docstring)."""
    n = table.num_rows
    problems: Counter[tuple[str, str]] = Counter()
    notes: list[pa.Array] = []

    def read(column: str, reader: Callable[[object], Read[Any]]) -> _Read:
        got = _read(table, plan, column, reader)
        got.count_problems(problems)
        said = got.notes()
        if said is not None:
            notes.append(said)
        return got

    def text(column: str) -> pa.Array:
        values, said = _text(table, plan, column)
        if said is not None:
            notes.append(said)
        return values

    ident = text("id")
    name = text("name")
    aliases_text = text("aliases")
    latin = text("latin_name")
    birth = read("birth_date", _date)
    nationality = read("nationality", read_countries)
    stateless = read("stateless", read_boolean)
    formation = read("formation", _formation)
    start = read("contract_from", _date)
    end = read("contract_until", _date_or_ongoing)
    combat = read("combat", read_boolean)
    requesting = read("requesting_state", _requesting_state)
    purpose = read("purpose", _purpose)
    offence = text("offence")
    decision = read("decision_date", _whole_day)

    def numbers() -> pa.Array:
        return pa.array(np.arange(first_row_number, first_row_number + n, dtype=np.int64)).cast(pa.string())

    if ident.null_count:
        ident = pc.coalesce(ident, numbers())
    names = _row_lists([_one(name), _split(aliases_text), _one(latin)])

    def same(v: object) -> object:
        return v

    def whole(
        v: object,
    ) -> object:  # a date: a whole day is ISO text already; a partial one stays out of the case
        return v if isinstance(v, str) else None

    citizenships = _citizenships(nationality)
    service_known = np.zeros(n, bool)
    for got in (formation, start, end, combat):
        service_known |= got.lut(lambda r: r.value is not None, bool)
    item = pa.StructArray.from_arrays(
        [
            formation.values(same, pa.string()),
            start.values(whole, pa.string()),
            end.values(whole, pa.string()),
            combat.values(bool, pa.bool_()),
        ],
        ["formation", "contract_from", "contract_until", "combat"],
    ).filter(pa.array(service_known))
    offsets = np.zeros(n + 1, np.int32)
    np.cumsum(service_known, out=offsets[1:])
    service = pa.ListArray.from_arrays(pa.array(offsets), item, mask=pa.array(~service_known))

    person = pa.StructArray.from_arrays(
        [names, birth.values(whole, pa.string()), citizenships, stateless.values(bool, pa.bool_()), service],
        ["names", "birth_date", "citizenships", "stateless", "military_service"],
    )
    request = pa.StructArray.from_arrays(
        [
            requesting.values(same, pa.string()),
            purpose.values(same, pa.string()),
            pa.StructArray.from_arrays([offence], ["description"]),
        ],
        ["requesting_state", "purpose", "offense"],
    )
    cases = pa.table(
        {
            "id": ident,
            "decision_date": decision.values(same, pa.string()),
            "person": person,
            "request": request,
        }
    )

    code = _contradictions(nationality, stateless, requesting, start, end, service_known)
    messages = [None if e is None else f"{e[0]}: {e[1]}" for e in ERRORS]
    columns = [None if e is None else e[0] for e in ERRORS]
    codes = pa.array(code)
    invalid_columns: Counter[str] = Counter()
    for c, count in enumerate(np.bincount(code, minlength=len(ERRORS))):
        entry = ERRORS[c]
        if entry is not None and count:
            invalid_columns[entry[0]] += int(count)
    # An empty first part: with null_handling="skip", pyarrow (26) drops the rows whose parts are all null
    # instead of giving them an empty string, which would shift every later row.
    joined = _joined([a for a in notes if a.null_count < n], n)
    partial = pa.table(
        {
            BIRTH: _partial(birth, np.ones(n, bool)),
            CONTRACT_FROM: _partial(start, service_known),
            CONTRACT_UNTIL: _partial(end, service_known),
        }
    )
    passthrough = table.select(list(plan.passthrough)) if plan.passthrough else pa.table({})
    return MappedColumns(
        num_rows=n,
        cases=cases,
        notes=joined,
        errors=pa.array(messages, pa.string()).take(codes),
        error_columns=pa.array(columns, pa.string()).take(codes),
        partial_dates=partial,
        passthrough=passthrough,
        problems=problems,
        invalid_columns=invalid_columns,
    )


def _joined(notes: Sequence[pa.Array], n: int) -> pa.Array:
    """The notes of each row joined by "; " (null where none). Only columns that have a note in this batch
    come here: a list whose values are written as the contract writes them costs nothing."""
    if not notes:
        return pa.nulls(n, pa.string())
    if len(notes) == 1:
        return notes[0]
    # An empty first part: with null_handling="skip", pyarrow (26) drops the rows whose parts are all null
    # instead of giving them an empty string, which would shift every later row.
    joined = pc.binary_join_element_wise(pa.array([""] * n, pa.string()), *notes, "; ", null_handling="skip")
    joined = pc.replace_substring_regex(joined, "^; ", "", max_replacements=1)
    return pc.if_else(pc.equal(pc.utf8_length(joined), 0), pa.scalar(None, pa.string()), joined)


def _one(values: pa.Array) -> pa.ListArray:
    """Each row's text as a list of it (empty when null)."""
    known = np.asarray(pc.is_valid(values).to_numpy(zero_copy_only=False), bool)
    offsets = np.zeros(len(values) + 1, np.int32)
    np.cumsum(known, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values.filter(pa.array(known)))


def _split(values: pa.Array) -> pa.ListArray:
    """Each row's `;`-separated texts, trimmed, without empty ones."""
    lists = pc.split_pattern(pc.fill_null(values, ""), ";")
    flat = pc.utf8_trim_whitespace(lists.flatten())
    keep = np.asarray(pc.greater(pc.utf8_length(flat), 0).to_numpy(zero_copy_only=False), bool)
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), np.int64)
    lengths = np.bincount(parents[keep], minlength=len(values))
    offsets = np.zeros(len(values) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), flat.filter(pa.array(keep)))


def _row_lists(parts: Sequence[pa.ListArray]) -> pa.ListArray:
    """The lists of each row joined, in the order of `parts`; null where all are empty."""
    n = len(parts[0])
    given = [p for p in parts if len(p.values)]
    if len(given) <= 1:  # the common case: only `name` (no copy of the names)
        only = given[0] if given else parts[0]
        lengths = pc.list_value_length(only)
        return pa.ListArray.from_arrays(only.offsets, only.values, mask=pc.equal(lengths, 0))
    lengths = [np.diff(np.asarray(p.offsets.to_numpy(), np.int64)) for p in parts]
    total = np.sum(lengths, axis=0)
    offsets = np.zeros(n + 1, np.int64)
    np.cumsum(total, out=offsets[1:])
    # where each value of each part goes: its row's start, plus the lengths of the earlier parts, plus its place
    targets = []
    before = np.zeros(n, np.int64)
    for p, length in zip(parts, lengths):
        rows = np.repeat(np.arange(n, dtype=np.int64), length)
        place = np.arange(len(rows), dtype=np.int64) - np.repeat(
            np.asarray(p.offsets.to_numpy(), np.int64)[:-1] - p.offsets[0].as_py(), length
        )
        targets.append(offsets[rows] + before[rows] + place)
        before += length
    values = pa.concat_arrays([p.flatten() for p in parts])
    order = np.empty(len(values), np.int64)
    order[np.concatenate(targets)] = np.arange(len(values), dtype=np.int64)
    return pa.ListArray.from_arrays(
        pa.array(offsets.astype(np.int32)), values.take(pa.array(order)), mask=pa.array(total == 0)
    )


def _citizenships(nationality: _Read) -> pa.Array:
    """`nationality` as `person.citizenships`: a list of {country} per row (null: unknown; []: none)."""
    lists = [r.value for r in nationality.reads]
    lengths = np.asarray([0 if v is None else len(v) for v in lists], np.int32)
    offsets = np.zeros(len(lists) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    countries = pa.array([c for v in lists if v is not None for c in v], pa.string())
    items = pa.StructArray.from_arrays([countries], ["country"])
    distinct = pa.ListArray.from_arrays(pa.array(offsets), items, mask=pa.array([v is None for v in lists]))
    return distinct.take(pa.array(nationality.index))


def _partial(got: _Read, where: np.ndarray) -> pa.Array:
    """Per row, the span of a partial date (null where the date is whole, unknown, or not wanted)."""
    spans = [r.value if isinstance(r.value, PartialDate) else None for r in got.reads]
    is_span = got.lut(lambda r: isinstance(r.value, PartialDate), bool) & where
    earliest = np.asarray([_days(s.earliest) if s else 0 for s in spans], np.int32)[got.index]
    latest = np.asarray([_days(s.latest) if s else 0 for s in spans], np.int32)[got.index]
    mask = pa.array(~is_span)
    return pa.StructArray.from_arrays(
        [pa.array(earliest, pa.int32()).cast(pa.date32()), pa.array(latest, pa.int32()).cast(pa.date32())],
        fields=list(PARTIAL_TYPE),
        mask=mask,
    )


def _span_days(got: _Read) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: (earliest day, latest day, known as a date) of a date column (whole or partial)."""

    def span(r: Read[Any]) -> tuple[int, int, bool]:
        v = r.value
        if isinstance(v, PartialDate):
            return _days(v.earliest), _days(v.latest), True
        if isinstance(v, str) and v != ONGOING:
            d = _days(dt.date.fromisoformat(v))
            return d, d, True
        return 0, 0, False

    table = [span(r) for r in got.reads]
    return (
        np.asarray([t[0] for t in table], np.int64)[got.index],
        np.asarray([t[1] for t in table], np.int64)[got.index],
        np.asarray([t[2] for t in table], bool)[got.index],
    )


def _contradictions(
    nationality: _Read,
    stateless: _Read,
    requesting: _Read,
    start: _Read,
    end: _Read,
    service_known: np.ndarray,
) -> np.ndarray:
    """Per row, the code in `ERRORS` of the first contradiction, in `check_consistency`'s order; 0: none."""
    held = nationality.lut(lambda r: -1 if r.value is None else len(r.value), np.int64)
    is_stateless = stateless.lut(lambda r: r.value is True, bool)
    not_stateless = stateless.lut(lambda r: r.value is False, bool)
    from_russia = requesting.lut(lambda r: r.value == "RU", bool)
    first_day, _last, has_start = _span_days(start)
    _first, last_end, has_end = _span_days(end)
    backwards = service_known & has_start & has_end & (last_end <= first_day)
    code = np.zeros(len(held), np.int8)
    for c, bad in reversed(
        list(enumerate([is_stateless & (held > 0), not_stateless & (held == 0), from_russia, backwards], 1))
    ):
        code[bad] = c
    return code


def read_row(row: Mapping[str, object], plan: HeaderPlan, number: int = 1) -> PersonRow:
    """One row (header -> cell), read as `map_columns` reads every row of a batch; `number`
    is its row number (from 1), the `id` when it has none."""
    headers = list(plan.columns) + list(plan.passthrough)
    # one column per header, its cell typed as it came (a typed cell reads as its column would in a file)
    if headers:
        table = pa.table({h: pa.array([row.get(h)]) for h in headers})
    else:  # no columns: still one row
        table = pa.table({"row": [None]}).drop_columns(["row"])
    return map_columns(table, plan, first_row_number=number).row(0)


@dataclass
class Summary:
    """What could not be read, over a whole list: said once when most rows fail for the same reason."""

    rows: int = 0
    problems: Counter[tuple[str, str]] = field(default_factory=Counter)  # (column, problem) -> rows
    invalid: Counter[str] = field(default_factory=Counter)  # column -> invalid rows

    def add(self, mapped: MappedColumns) -> None:
        self.rows += mapped.num_rows
        self.problems.update(mapped.problems)
        self.invalid.update(mapped.invalid_columns)

    def merge(self, other: Summary) -> None:
        """Add the counts of another part of the same list (a batch)."""
        self.rows += other.rows
        self.problems.update(other.problems)
        self.invalid.update(other.invalid)

    def advice(self) -> list[str]:
        """One line per reason that more than half of the rows share, with the fix, in the current language."""
        out = []
        half = self.rows / 2
        for (column, problem), count in self.problems.most_common():
            if count > half:
                fix = FIXES.get(problem, "")
                out.append(
                    _("{count} of {rows} rows: {column} could not be read ({problem})").format(
                        count=count, rows=self.rows, column=column, problem=_(problem)
                    )
                    + (f"; {_(fix)}" if fix else "")
                )
        for column, count in self.invalid.most_common():
            if count > half:
                out.append(
                    _("{count} of {rows} rows are invalid because of {column}; see the error column").format(
                        count=count, rows=self.rows, column=column
                    )
                )
        return out


# The fix for each kind of problem the lenient readers name (`lenient.Read.problem`).
FIXES = {
    N_("day and month order"): N_(
        "the dates are written DD/MM/YYYY or MM/DD/YYYY, which cannot be told apart when "
        "both are 12 or less: write them YYYY-MM-DD or DD.MM.YYYY"
    ),
    N_("two-digit year"): N_("write the year with four digits (YYYY-MM-DD or DD.MM.YYYY)"),
    N_("not a date"): N_("write dates YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY"),
    N_("not a real date"): N_("check the dates: some name a day that does not exist"),
    N_("time zone"): N_("write the dates without a time (YYYY-MM-DD)"),
    N_("not a boolean"): N_("write true or false (yes/no, да/нет and 1/0 are read too)"),
    N_("unknown country"): N_(
        "write ISO 3166-1 codes (NP, RU…) or country names in English or Russian, several "
        "separated by ';'; or map the column with --map if it holds something else"
    ),
    N_("ambiguous country"): N_("write ISO 3166-1 codes instead of names that fit two countries"),
    N_("former state"): N_("write the present citizenship, not a state that no longer exists"),
    N_("not a state"): N_("write the ISO 3166-1 code of the state whose citizenship is meant"),
    N_("word-like code"): N_("write country names (Namibia, Norway) or leave unknown cells empty"),
    N_("not a formation"): N_(
        "write armed_forces, other_military_formation, volunteer_formation or private_military_company"
    ),
    N_("not a purpose"): N_("write prosecution or sentence"),
    N_("partial decision date"): N_(
        "a decision is taken on one day: write the decision date in full, or give --decision-date"
    ),
    N_("several requesting states"): N_("write one requesting state per row"),
    # rows that could not be read at all (the readers of batch/formats/)
    N_("not valid UTF-8"): N_(
        "the file may be in another encoding (such as Windows-1251): save it as UTF-8 (in Excel: "
        "Save As, CSV UTF-8)"
    ),
    N_("wrong number of cells"): N_(
        "check the separators: every row needs as many cells as the header has columns"
    ),
    N_("merged"): N_("unmerge the cells and write the value in each row"),
    N_("too long"): N_("a cell holds far more than a person's data: check the file"),
}
