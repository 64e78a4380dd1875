"""Matching against a stored person list: the HTTP API's `POST /v1/match/{list}` (queries in yente's
shape) and the registry's page of candidate pairs share it (issue 17 items 4, 5).

- `read_list`: a person list file (docs/contract.md §3b, any format of the registry that reads person
  lists) as rows of §3b columns, for storing; a row that cannot be read, no `name` column, a name too long
  or no rows at all is an error naming the row and the column.
- `queries`: yente's `{"queries": {KEY: {"schema": "Person", "properties": {...}}}}` as §3b rows, each
  bad input a CaseError naming the query and the property.
- `ListIndex`: a list's rows analysed once (names, blocking keys, the frequencies of its name words);
  callers keep it per list version. A call's queries are counted on top of the list's name frequencies,
  so a pair scores as `extrashield match` scores it with the queries as the wanted list.
- `merged_row` and `answers`: the extradition answer for the two rows taken as one person (the names and
  nationalities of both, the recruit's service, the wanted row's request), by the batch screener. The
  `match` command (services/cross_reference.py) has its own; the two are to be unified.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extrashield.errors import CaseError
from extrashield.matching import Index, PairScore, Person, person_from_row, score_pair
from extrashield.matching.explanation import sentences
from extrashield.matching.frequency import NameFrequencies

MAX_QUERIES = 100  # a call's queries, as yente's MAX_BATCH
MAX_NAME = 1000  # characters of one name: longer is no name (and would cost the matcher dearly)
MAX_VALUES = 50  # values of one property
QUERY_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
SCHEMAS = ("Person",)
# FollowTheMoney's Person properties read, and the §3b column each goes to.
NAME_PROPERTIES = ("name",)
ALIAS_PROPERTIES = ("alias", "weakAlias", "previousName")
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
PROPERTIES = {
    "birthDate": "birth_date",
    "nationality": "nationality",
    "citizenship": "nationality",
    "country": "nationality",
}
# Not FollowTheMoney's: what the answer for the merged person needs of the wanted person's request.
EXTENSIONS = ("requesting_state", "purpose", "offence", "decision_date")
KNOWN = (*NAME_PROPERTIES, *ALIAS_PROPERTIES, *NAME_PARTS, *PROPERTIES, *EXTENSIONS)
# The §3b columns of each side that the merged person takes.
RECRUIT_COLUMNS = ("latin_name", "stateless", "formation", "contract_from", "contract_until", "combat")
WANTED_COLUMNS = ("requesting_state", "purpose", "offence", "decision_date")


# -- lists ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadList:
    columns: list[str]  # §3b columns and the list's own headers, in the file's order
    rows: list[dict[str, str | None]]
    notes: list[str]  # said once for the list (headers read as columns, passed through)


def read_list(
    path: Path, fmt: str, mapping: Mapping[str, str] | None = None, *, batch_size: int = 8192
) -> ReadList:
    """A person list file's rows, each header read as its §3b column (`person_list.plan_headers`) or kept
    under its own name. Raises CaseError: `body` for a file that is not a person list or has no rows,
    `row N.COLUMN` for a cell that cannot be read or a name over `MAX_NAME` characters."""
    from extrashield.batch.formats import INPUTS, named, reader_of
    from extrashield.batch.rows import TableError, cell_text
    from extrashield.facts.person_list import HeaderError, plan_headers

    found = named(fmt, INPUTS)
    if found is None:
        raise CaseError("format", f"unknown format {fmt!r}")
    reader = reader_of(found)
    if reader.header is None or reader.read_table is None:
        raise CaseError("format", f"person lists cannot be read from {found.title}")
    try:
        headers = reader.header(path)
        plan = plan_headers(headers, mapping)
    except HeaderError as exc:
        raise CaseError(exc.path, exc.problem) from None
    except (OSError, ValueError, TableError) as exc:
        raise CaseError("body", f"not a readable {found.title} file ({exc})") from None
    if "name" not in plan.columns.values():
        raise CaseError(
            "name",
            "the list has no name column (docs/contract.md §3b); map a header to it: map=HEADER=name (--map on the command line)",
        )
    column_of = {h: plan.columns.get(h, h) for h in headers}
    rows: list[dict[str, str | None]] = []
    try:
        for batch in reader.read_table(path, batch_size):
            for i, cells in enumerate(batch.table.to_pylist()):
                number = len(rows) + 1
                problem = batch.problems[i] if batch.problems else None
                if problem:
                    raise CaseError(f"row {number}", problem)
                row = {column_of[h]: cell_text(v) for h, v in cells.items() if h in column_of}
                name = row.get("name") or ""
                if len(name) > MAX_NAME:
                    raise CaseError(
                        f"row {number}.name", f"is {len(name)} characters long; at most {MAX_NAME}"
                    )
                rows.append(row)
    except CaseError:
        raise
    except (OSError, ValueError, TableError) as exc:
        raise CaseError("body", f"not a readable {found.title} file ({exc})") from None
    if not rows:
        raise CaseError("body", "the list has a header and no rows")
    return ReadList([column_of[h] for h in headers], rows, list(plan.notes))


def person_of(row: Mapping[str, Any], default_id: str = "") -> Person:
    """The matcher's person for a row of §3b columns; countries as people write them (`Nepal`, `Непал`)
    are read into codes first, as the person-list reader reads them."""
    from extrashield.facts.country_names import read_countries

    nationality = row.get("nationality")
    if nationality not in (None, ""):
        codes = read_countries(str(nationality)).value
        row = {**row, "nationality": None if codes is None else "; ".join(codes)}
    return person_from_row(row, default_id)


@dataclass
class ListIndex:
    """A stored list's rows, their persons analysed and indexed by blocking key, and how common their name
    words are: built once per list version and kept by the caller, so that a call to match does not
    analyse or count the list again."""

    list_id: str
    name: str
    version: int
    row_ids: list[str]
    rows: list[dict[str, Any]]  # each row's cells by §3b column (or own header)
    persons: list[Person]
    index: Index
    frequencies: NameFrequencies  # the list's, as the searched list (`NameFrequencies.plus` adds the queries)

    @classmethod
    def build(cls, meta: Mapping[str, Any], stored: Sequence[Mapping[str, Any]]) -> ListIndex:
        """From a list's metadata (`id`, `name`, `version`) and its stored rows (`row_id`, `data`)."""
        persons = [person_of(r["data"], r["row_id"]) for r in stored]
        return cls(
            meta["id"],
            meta["name"],
            meta["version"],
            [r["row_id"] for r in stored],
            [dict(r["data"]) for r in stored],
            persons,
            Index.build(persons),
            NameFrequencies.of_lists([], persons),
        )

    def candidates(
        self, person: Person, frequencies: NameFrequencies | None = None
    ) -> list[tuple[int, PairScore]]:
        """Every candidate of blocking, scored (with the name-frequency discount of `frequencies`), best
        first (then in the list's order)."""
        found = [(j, score_pair(person, self.persons[j], frequencies)) for j in self.index.candidates(person)]
        found.sort(key=lambda f: (*f[1].best_first, f[0]))
        return found


# -- queries in yente's shape -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    key: str  # the caller's key for the query
    wanted_id: str  # the example's `id`, else the key: what a judgement names
    row: dict[str, str | None]  # the wanted person as a §3b row
    example: dict[str, Any]  # the query as read, echoed in its response


def queries(body: Any) -> list[Query]:
    """The queries of a match request, in order. Raises CaseError naming the place: `queries`,
    `queries.KEY.schema`, `queries.KEY.properties.PROPERTY`."""
    if not isinstance(body, Mapping):
        raise CaseError("body", "expected a JSON object with `queries`")
    for key in body:
        if key not in ("queries", "weights", "config"):
            raise CaseError(str(key), "unknown field (allowed here: queries, and yente's weights and config)")
    given = body.get("queries")
    if not isinstance(given, Mapping) or not given:
        raise CaseError("queries", "expected an object of queries, each keyed by a name of your choice")
    if len(given) > MAX_QUERIES:
        raise CaseError("queries", f"{len(given)} queries; at most {MAX_QUERIES} in one call")
    return [_query(str(key), example) for key, example in given.items()]


def _query(key: str, example: Any) -> Query:
    if not QUERY_KEY.match(key):
        raise CaseError(
            "queries", f"a query key is 1 to 100 letters, digits, '_', '.', ':' or '-' (got {key[:100]!r})"
        )
    where = f"queries.{key}"
    if not isinstance(example, Mapping):
        raise CaseError(where, "expected an object with `schema` and `properties`")
    for field in example:
        if field not in ("id", "schema", "properties"):
            raise CaseError(f"{where}.{field}", "unknown field (allowed here: id, schema, properties)")
    schema = example.get("schema")
    if schema not in SCHEMAS:
        raise CaseError(f"{where}.schema", f"expected {' or '.join(SCHEMAS)}, got {str(schema)[:100]!r}")
    ident = example.get("id")
    if ident is not None and (not isinstance(ident, str) or not 0 < len(ident) <= 200):
        raise CaseError(f"{where}.id", "expected text of 1 to 200 characters")
    props = example.get("properties")
    if not isinstance(props, Mapping):
        raise CaseError(f"{where}.properties", "expected an object of property -> list of values")
    values: dict[str, list[str]] = {}
    for prop, given in props.items():
        at = f"{where}.properties.{prop}"
        if prop not in KNOWN:
            raise CaseError(at, f"not a property read here (known: {', '.join(KNOWN)})")
        if not isinstance(given, list):
            raise CaseError(at, 'expected a list of values, e.g. ["Ram Bahadur Thapa"]')
        if len(given) > MAX_VALUES:
            raise CaseError(at, f"{len(given)} values; at most {MAX_VALUES}")
        texts: list[str] = []
        for n, value in enumerate(given):
            if not isinstance(value, str):
                raise CaseError(f"{at}[{n}]", "expected text")
            if len(value) > MAX_NAME:
                raise CaseError(f"{at}[{n}]", f"is {len(value)} characters long; at most {MAX_NAME}")
            if ";" in value and prop in (*NAME_PROPERTIES, *ALIAS_PROPERTIES, *NAME_PARTS):
                raise CaseError(f"{at}[{n}]", "a name holds no ';' (give each name as a value of its own)")
            if value.strip():
                texts.append(value.strip())
        values[prop] = texts
    row = _row(values, where)
    echo = {"id": ident, "schema": schema, "properties": values}
    return Query(key, ident or key, row, echo)


def _row(values: Mapping[str, list[str]], where: str) -> dict[str, str | None]:
    names = [v for p in NAME_PROPERTIES for v in values.get(p, [])]
    parts = [values[p][0] for p in NAME_PARTS if values.get(p)]
    if parts:
        names.append(" ".join(parts))
    if not names:
        raise CaseError(f"{where}.properties.name", "a query needs a name (or firstName and lastName)")
    aliases = [*names[1:], *(v for p in ALIAS_PROPERTIES for v in values.get(p, []))]
    row: dict[str, str | None] = {"id": None, "name": names[0], "aliases": "; ".join(aliases) or None}
    for prop, column in PROPERTIES.items():
        if values.get(prop):
            row[column] = "; ".join(dict.fromkeys([*_split(row.get(column)), *values[prop]]))
    if len(values.get("birthDate", [])) > 1:
        raise CaseError(f"{where}.properties.birthDate", "give one birth date (the most precise known)")
    for column in EXTENSIONS:
        given = values.get(column, [])
        if len(given) > 1:
            raise CaseError(f"{where}.properties.{column}", "give one value")
        row[column] = given[0] if given else None
    return row


# -- the merged person and its answer ------------------------------------------------------------------


def merged_row(
    wanted: Mapping[str, Any], recruit: Mapping[str, Any], wanted_id: str, recruit_id: str
) -> dict[str, Any]:
    """The two rows taken as one person, as a §3b row: the names of both (the wanted name first), the
    nationalities of both, the more precise birth date (the recruit's when as precise), the recruit's
    service and the wanted row's request."""
    names = [*_split(wanted.get("name")), *_split(wanted.get("aliases"))]
    names += [*_split(recruit.get("name")), *_split(recruit.get("aliases"))]
    names = list(dict.fromkeys(names))
    nationality = list(
        dict.fromkeys([*_countries(wanted.get("nationality")), *_countries(recruit.get("nationality"))])
    )
    births = [b for b in (recruit.get("birth_date"), wanted.get("birth_date")) if b]
    row: dict[str, Any] = {
        "id": f"{wanted_id} = {recruit_id}",
        "name": names[0] if names else None,
        "aliases": "; ".join(names[1:]) or None,
        "birth_date": max(births, key=len) if births else None,
        "nationality": "; ".join(nationality) or None,
    }
    row.update({c: recruit.get(c) for c in RECRUIT_COLUMNS})
    row.update({c: wanted.get(c) for c in WANTED_COLUMNS})
    return row


def _countries(value: object) -> list[str]:
    """A nationality cell as codes where it reads as countries (`Непал` and `NP` are one), else as written."""
    from extrashield.facts.country_names import read_countries

    if value in (None, ""):
        return []
    codes = read_countries(str(value)).value
    return list(codes) if codes else _split(value)


def _split(value: object) -> list[str]:
    return [] if value is None else [p.strip() for p in str(value).split(";") if p.strip()]


def answers(rows: Sequence[Mapping[str, Any]], decision_date: str | dt.date | None) -> list[dict[str, Any]]:
    """The extradition answer (`outcome`, `applies`, `depends_on`, `open_questions`, `error`,
    `decision_date`) of each merged row, by the batch screener (docs/contract.md §4, §5: the open questions
    as `assess` gives them); a row's own `decision_date` comes before the one given."""
    from extrashield.batch.screening import screen_records
    from extrashield.facts.person_list import PERSON_LIST_COLUMNS

    if not rows:
        return []
    table = [{c: row.get(c) for c in PERSON_LIST_COLUMNS} for row in rows]
    day = decision_date or dt.date.today().isoformat()
    results = screen_records(table, decision_date=day, open_questions=True)
    return [
        {
            "outcome": r["outcome"],
            "applies": r["applies"],
            "depends_on": r["depends_on"],
            "open_questions": r["open_questions"],
            "error": r["error"],
            "decision_date": str(row.get("decision_date") or day),
        }
        for row, r in zip(table, results)
    ]


def explanations(pair: PairScore) -> dict[str, dict[str, Any]]:
    """yente's `explanations`: each feature's score and, as its `detail`, the sentence that explains it, in
    English whatever the request's language: the API's answers are data (docs/i18n.md)."""
    from extrashield.i18n import DEFAULT, using

    with using(DEFAULT):
        said = sentences(pair)
    out = {feature: {"score": score, "detail": said[feature]} for feature, score in pair.features.items()}
    if "name_frequency" in said and pair.frequency is not None:
        # not a feature's score: what was taken from the pair's score for common name words
        out["name_frequency"] = {"score": -pair.frequency.discount or 0.0, "detail": said["name_frequency"]}
    return out


def match_queries(
    index: ListIndex,
    asked: Sequence[Query],
    judged: Mapping[tuple[str, str], str],
    *,
    threshold: float,
    limit: int,
    decision_date: str | None,
) -> dict[str, dict[str, Any]]:
    """yente's `responses`: per query key, `status`, `results` (best first, at most `limit`; a pair judged
    no_match left out), `total` (how many results are a `match`) and the `query` as read."""
    persons = [person_of(query.row, query.wanted_id) for query in asked]
    # the queries counted on top of the list's counts: as `match` counts both lists, not the list again
    frequencies = index.frequencies.plus(persons)
    found: list[tuple[Query, list[tuple[int, PairScore]]]] = []
    for query, person in zip(asked, persons):
        scored = [
            (j, pair)
            for j, pair in index.candidates(person, frequencies)
            if judged.get((query.wanted_id, index.row_ids[j])) != "no_match"
        ]
        found.append((query, scored))
    merged = [
        merged_row(q.row, index.rows[j], q.wanted_id, index.row_ids[j])
        for q, scored in found
        for j, _pair in scored[:limit]
    ]
    said = iter(answers(merged, decision_date))
    out: dict[str, dict[str, Any]] = {}
    for query, scored in found:
        results = []
        for j, pair in scored[:limit]:
            row = index.rows[j]
            results.append(
                {
                    "id": index.row_ids[j],
                    "schema": "Person",
                    "caption": row.get("name") or index.row_ids[j],
                    "properties": ftm_properties(row, index.persons[j]),
                    "datasets": [index.name],
                    "score": pair.score,
                    "match": pair.score >= threshold,
                    "explanations": explanations(pair),
                    "judgement": judged.get((query.wanted_id, index.row_ids[j])),
                    "row": row,
                    "extradition": next(said),
                }
            )
        out[query.key] = {
            "status": 200,
            "results": results,
            "total": {"value": sum(1 for _j, p in scored if p.score >= threshold), "relation": "eq"},
            "query": query.example,
        }
    return out


def ftm_properties(row: Mapping[str, Any], person: Person) -> dict[str, list[str]]:
    """A §3b row's person as FollowTheMoney `Person` properties (yente's `properties`; countries as the
    lower-case codes FollowTheMoney writes)."""
    props = {
        "name": _split(row.get("name")),
        "alias": [*_split(row.get("aliases")), *_split(row.get("latin_name"))],
        "birthDate": _split(row.get("birth_date")),
        "nationality": sorted(c.lower() for c in person.nationalities),
    }
    return {k: v for k, v in props.items() if v}


# -- pairs between two lists, and confirmed matches as a list ------------------------------------------


@dataclass(frozen=True)
class Pair:
    wanted_id: str
    recruit_id: str
    wanted: dict[str, Any]
    recruit: dict[str, Any]
    score: PairScore


def list_pairs(wanted: ListIndex, recruits: ListIndex, threshold: float) -> list[Pair]:
    """Every candidate pair of a wanted list's rows and a list's rows scoring at least `threshold`, by
    wanted row in order, best first."""
    out: list[Pair] = []
    frequencies = recruits.frequencies.plus(wanted.persons)
    for i, person in enumerate(wanted.persons):
        for j, pair in recruits.candidates(person, frequencies):
            if pair.score >= threshold:
                out.append(
                    Pair(wanted.row_ids[i], recruits.row_ids[j], wanted.rows[i], recruits.rows[j], pair)
                )
    return out


CONFIRMED_COLUMNS = ("wanted_id", "recruit_id")


def confirmed_rows(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """The merged rows of confirmed pairs (wanted row, listed row), a person list `screen` reads:
    `id` (wanted = listed), the §3b columns, then `wanted_id` and `recruit_id`."""
    from extrashield.facts.person_list import PERSON_LIST_COLUMNS

    out = []
    for wanted, recruit in pairs:
        wanted_id, recruit_id = str(wanted.get("id") or ""), str(recruit.get("id") or "")
        row = merged_row(wanted, recruit, wanted_id, recruit_id)
        out.append(
            {**{c: row.get(c) for c in PERSON_LIST_COLUMNS}, "wanted_id": wanted_id, "recruit_id": recruit_id}
        )
    return out


def write_rows(
    path: Path, fmt: str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> None:
    """Rows of text as a file in the format named `fmt` (csv, xlsx, jsonl, parquet), by the format registry's
    writers; `columns` default to the first row's keys (or the merged rows' columns for none)."""
    import pyarrow as pa

    from extrashield.batch.formats import open_writer
    from extrashield.facts.person_list import PERSON_LIST_COLUMNS

    names = list(columns or (rows[0].keys() if rows else (*PERSON_LIST_COLUMNS, *CONFIRMED_COLUMNS)))
    schema = pa.schema([pa.field(n, pa.string()) for n in names])
    with open_writer(path, fmt, schema) as writer:
        arrays = [pa.array([_text(r.get(n)) for r in rows], pa.string()) for n in names]
        writer.write(pa.record_batch(arrays, schema=schema))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


__all__ = [
    "MAX_QUERIES",
    "ListIndex",
    "Pair",
    "Query",
    "ReadList",
    "answers",
    "confirmed_rows",
    "explanations",
    "ftm_properties",
    "list_pairs",
    "match_queries",
    "merged_row",
    "person_of",
    "queries",
    "read_list",
    "write_rows",
]
