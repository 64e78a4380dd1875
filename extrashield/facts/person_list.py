"""Person lists (docs/contract.md §3b, docs/person-lists.md): which layout a table has, its headers, and what
each flat row says as a case of §3.

- `detect_layout(headers)` tells a person list (flat, §3b) from a table of cases (§3, nested or flattened
  with dotted headers) by its header, and says why.
- `plan_headers(headers, mapping)` maps the list's own headers onto the columns of §3b (`--map "contract
  start=contract_from"`, or a small mapping file read by `parse_mapping`): each header that maps to
  nothing known is said once, for the whole list, and passed through to the output.
- `person_columns.map_columns` reads the rows, a batch at a time, into `PersonRow`s; `person_columns.read_row`
  reads one row with it, and `person_columns.Summary` says what could not be read over a whole list.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from extrashield.errors import CaseError
from extrashield.facts.lenient import choice_key
from extrashield.facts.partial_dates import PartialDate
from extrashield.i18n import _

# The columns of docs/contract.md §3b, in its order (tests/test_contract_doc.py reads them from here).
PERSON_LIST_COLUMNS = (
    "id",
    "name",
    "aliases",
    "latin_name",
    "birth_date",
    "nationality",
    "stateless",
    "formation",
    "contract_from",
    "contract_until",
    "combat",
    "requesting_state",
    "purpose",
    "offence",
    "decision_date",
)
# Columns a table of cases has too (§3 `id`, `decision_date`): they tell neither layout.
SHARED_COLUMNS = frozenset({"id", "decision_date"})
# Headers that are a §3b column in other words, read without a mapping (with a note, once per list).
SYNONYMS = {"offense": "offence", "citizenship": "nationality", "citizenships": "nationality"}
# The top-level objects of a case (§3): a header that is one, or starts with one and a dot, is a case's.
NESTED_ROOTS = ("person", "request", "russian_proceedings")


class Layout(Enum):
    CASES = (
        "cases"  # docs/contract.md §3: nested (JSON Lines, Parquet) or flattened with dotted headers (CSV)
    )
    PERSON_LIST = "person list"  # §3b: one flat row per person


class HeaderError(CaseError):
    """A header or a mapping that cannot be used; `path` names the header (or the mapping entry)."""


@dataclass(frozen=True)
class LayoutGuess:
    layout: Layout
    reason: str  # a sentence for the user: which columns decided


def detect_layout(headers: Sequence[str], mapping: Mapping[str, str] | None = None) -> LayoutGuess:
    """The layout of a table from its header (its column names; for nested Arrow, the top-level fields).

    The rule: a header that is a case's object (`person`, `request`, `russian_proceedings`, or one of them
    and a dot: `person.birth_date`) is a case's; a header that is (or maps to, by `mapping`, or by case
    and spacing, or by `SYNONYMS`) a column of §3b other than `id` and `decision_date` is a person list's.
    Headers of both kinds: an error naming one of each. Only a person list's: a person list; so is any
    table read with a mapping (a mapping exists only for person lists). Otherwise (a case's headers, or
    none of either kind): cases, as every table was read before person lists existed."""
    mapping = mapping or {}
    nested = [h for h in headers if h in NESTED_ROOTS or (h.split(".", 1)[0] in NESTED_ROOTS and "." in h)]
    flat = [h for h in headers if (_column_of(h, mapping) or "") not in ("", *SHARED_COLUMNS)]
    if nested and flat:
        raise HeaderError(
            flat[0],
            _(
                "is a column of a person list (docs/contract.md §3b), but {field} is a "
                "field of a case (§3): a table is one or the other"
            ).format(field=repr(nested[0])),
        )
    if flat:
        shown = ", ".join(flat[:4]) + (", …" if len(flat) > 4 else "")
        return LayoutGuess(
            Layout.PERSON_LIST,
            _("read as a person list (§3b): its columns {shown} are person-list columns").format(shown=shown),
        )
    if mapping:
        return LayoutGuess(Layout.PERSON_LIST, _("read as a person list (§3b): a column mapping was given"))
    if nested:
        return LayoutGuess(
            Layout.CASES, _("read as cases (§3): {field} is a field of a case").format(field=repr(nested[0]))
        )
    return LayoutGuess(Layout.CASES, _("read as cases (§3): no column is a person-list column"))


def _column_of(header: str, mapping: Mapping[str, str]) -> str | None:
    if header in mapping:
        return mapping[header]
    key = choice_key(header)
    if key in PERSON_LIST_COLUMNS:
        return key
    return SYNONYMS.get(key)


@dataclass(frozen=True)
class HeaderPlan:
    """Where each header of a person list goes: a §3b column, or through to the output unchanged."""

    columns: Mapping[str, str]  # their header -> our column
    passthrough: tuple[str, ...]  # headers kept as they are, in the file's order
    notes: tuple[str, ...] = ()  # said once for the whole list

    def header_of(self, column: str) -> str | None:
        """The list's own header for a §3b column, if it has one."""
        return next((h for h, c in self.columns.items() if c == column), None)


def plan_headers(headers: Sequence[str], mapping: Mapping[str, str] | None = None) -> HeaderPlan:
    """The plan for a person list's header. `mapping` (their header -> our column) comes first; then a
    header that is a §3b column in any case and spacing (`Birth Date`), or a synonym (`offense`). Two
    headers for one column, or a mapping naming a header the list does not have, are errors."""
    mapping = dict(mapping or {})
    for theirs, ours in mapping.items():
        if ours not in PERSON_LIST_COLUMNS:
            raise HeaderError(
                theirs,
                _("is mapped to {ours}, which is not a person-list column (known: {known})").format(
                    ours=repr(ours), known=", ".join(PERSON_LIST_COLUMNS)
                ),
            )
        if theirs not in headers:
            raise HeaderError(
                theirs,
                _("is mapped, but the list has no such column (its columns: {columns})").format(
                    columns=", ".join(headers)
                ),
            )
    columns: dict[str, str] = {}
    passthrough: list[str] = []
    notes: list[str] = []
    seen = Counter(headers)
    for header in headers:
        if seen[header] > 1:
            raise HeaderError(header, _("is the name of two columns"))
        column = _column_of(header, mapping)
        if column is None:
            passthrough.append(header)
            notes.append(f"column {header!r} is not a person-list column: passed through unchanged")
            continue
        if column in columns.values():
            first = next(h for h, c in columns.items() if c == column)
            raise HeaderError(
                header,
                _(
                    "and {first} would both be read as {column}; map one of them elsewhere or rename it"
                ).format(first=repr(first), column=column),
            )
        columns[header] = column
        if header != column and header not in mapping:
            notes.append(f"column {header!r} read as {column}")
    return HeaderPlan(columns, tuple(passthrough), tuple(notes))


def parse_map_pair(text: str) -> tuple[str, str]:
    """One `--map` value, ``their header=our column``: split at the last ``=`` (a header may hold one; a
    column of §3b never does)."""
    theirs, sep, ours = text.rpartition("=")
    theirs, ours = theirs.strip(), ours.strip()
    if not sep or not theirs or not ours:
        raise HeaderError(text, _('expected "their header=our column", e.g. "contract start=contract_from"'))
    return theirs, _our_column(ours, text)


def _our_column(ours: str, where: str) -> str:
    key = choice_key(ours)
    if key not in PERSON_LIST_COLUMNS:
        raise HeaderError(
            where,
            _("{ours} is not a person-list column (known: {known})").format(
                ours=repr(ours), known=", ".join(PERSON_LIST_COLUMNS)
            ),
        )
    return key


def parse_mapping(text: str, kind: str) -> dict[str, str]:
    """A mapping file's text: `kind` "yaml" (a mapping ``their header: our column``) or "csv" (rows
    ``their header,our column``; a first row ``their header,our column`` is a header and skipped)."""
    pairs: list[tuple[str, str, str]] = []  # (theirs, ours, where)
    if kind == "yaml":
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise HeaderError("mapping", _("not valid YAML: {problem}").format(problem=exc)) from None
        if not isinstance(data, Mapping):
            raise HeaderError("mapping", _("expected a YAML mapping of their header: our column"))
        for theirs, ours in data.items():
            if not isinstance(ours, str):
                raise HeaderError(
                    str(theirs),
                    _("is mapped to {ours}; expected a person-list column name").format(ours=repr(ours)),
                )
            pairs.append((str(theirs), ours, str(theirs)))
    elif kind == "csv":
        rows = [r for r in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in r)]
        if rows and [c.strip().casefold() for c in rows[0]] == ["their header", "our column"]:
            rows = rows[1:]
        for i, row in enumerate(rows, 1):
            if len(row) != 2:
                raise HeaderError(
                    f"mapping row {i}",
                    _("has {n} cells; expected: their header,our column").format(n=len(row)),
                )
            pairs.append((row[0].strip(), row[1], f"mapping row {i}"))
    else:
        raise HeaderError("mapping", _("unknown mapping format {kind} (yaml or csv)").format(kind=repr(kind)))
    out: dict[str, str] = {}
    for theirs, ours, where in pairs:
        if theirs in out:
            raise HeaderError(theirs, _("is mapped twice"))
        out[theirs] = _our_column(ours, where)
    return out


# --- rows -----------------------------------------------------------------------------------------------


@dataclass
class PersonRow:
    """One row of a person list, read."""

    case: dict[str, Any]  # the case of §3 (without partial dates, which are unknown in it)
    error: CaseError | None  # the row is invalid: `path` is the §3b column (e.g. `contract_until`)
    notes: tuple[str, ...]  # what was normalised, and what could not be read ("column: …")
    passthrough: dict[str, object]  # the list's other columns, as they came
    partial_dates: dict[str, PartialDate] = field(default_factory=dict)  # fact path -> the interval
