"""The registry's tables (SQLAlchemy Core). Migrations in `migrations/versions/` create exactly these.

Dates of the case format are kept as ISO text (``YYYY-MM-DD``) so that a record reads back exactly as
it was written on SQLite and on PostgreSQL; timestamps are ISO text in UTC for the same reason (the
audit chain hashes them, so they must round-trip byte for byte).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# The largest value an Integer column holds on every backend (PostgreSQL INTEGER: 2^31 - 1; SQLite's are
# 64-bit). Integers that are compared with one (after_seq, if_version) or used as a page offset are
# bounded by it where they come in (the API's query parameters, the web pages), so a larger one is a 422
# naming the parameter instead of a database error.
MAX_INTEGER = 2**31 - 1


def _meta_columns() -> list[Column]:  # type: ignore[type-arg]
    """Who created and last changed a record, and when; `version` counts the changes."""
    return [
        Column("created_at", String(32), nullable=False),
        Column("created_by", String(100), nullable=False),
        Column("updated_at", String(32), nullable=False),
        Column("updated_by", String(100), nullable=False),
        Column("version", Integer, nullable=False),
    ]


persons = Table(
    "persons",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("names", JSON, nullable=False),  # in every script the files use
    Column("birth_date", String(10)),
    Column("citizenships", JSON),  # the case format's list; null: unknown
    Column("stateless", Boolean),
    Column("asylum_in_russia", JSON),
    Column("notes", Text),
    *_meta_columns(),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("publisher", Text),
    Column("date", String(10)),
    Column("notes", Text),
    *_meta_columns(),
)

service_records = Table(
    "service_records",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("person_id", String(36), ForeignKey("persons.id"), nullable=False, index=True),
    Column("formation", String(40)),
    Column("contract_from", String(10)),
    Column("contract_until", String(10)),  # a date or "ongoing"
    Column("combat", Boolean),
    Column("source_ids", JSON, nullable=False),
    Column("notes", Text),
    *_meta_columns(),
)

requests = Table(
    "requests",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("person_id", String(36), ForeignKey("persons.id"), nullable=False, index=True),
    Column("reference", Text),  # the requesting state's or the prosecutor's file number
    Column("requesting_state", String(2)),
    Column("received_on", String(10)),
    Column("purpose", String(20)),
    Column("legal_basis", String(20)),
    Column("offense", JSON),
    Column("guarantees", JSON),
    Column("source_ids", JSON, nullable=False),
    Column("notes", Text),
    *_meta_columns(),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("person_id", String(36), ForeignKey("persons.id"), index=True),
    Column("request_id", String(36), ForeignKey("requests.id"), index=True),
    Column("case", JSON, nullable=False),  # the case exactly as assessed
    Column("readings", JSON, nullable=False),
    Column("decision_date", String(10), nullable=False),
    Column("answer", JSON, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("law_digest", String(80), nullable=False),
    Column("notes", Text),
    *_meta_columns(),
    # Whom and what the decision concerns, taken from its case when it is saved (decision_index.py;
    # migration 0006 filled them for decisions saved before): what the registry's lists show and filter.
    Column("names", JSON),  # the person's names, in every script the case gives
    Column("reference", Text),  # the file's reference (the case's, else the stored request's)
    Column("requesting_state", String(2), index=True),
    Index("ix_decisions_decision_date", "decision_date"),
    Index("ix_decisions_outcome", "outcome"),
)

# Append-only: no code path updates or deletes a row, and database triggers refuse it (migration 0001).
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(20), nullable=False),  # create | update | grant | revoke
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("before", Text),  # canonical JSON, null for a creation
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False, unique=True),  # a fork of the chain cannot be stored
    Column("hash", String(64), nullable=False, unique=True),
)

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(10), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the token; never the token
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("expires_at", String(32)),  # null: the token does not expire (migration 0002)
)

# Reads of personal data over HTTP: who, when, which route, what (kind, id or a list query's filters),
# never a personal value. Append-only and hash-chained like the audit log, in a chain of its own
# (migration 0002; `access.py` says why).
access_log = Table(
    "access_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False, index=True),
    Column("actor", String(100), nullable=False, index=True),  # the token's user name, never the token
    Column("route", String(200), nullable=False),  # method and route template: GET /v1/persons/{record_id}
    Column("kind", String(40), nullable=False),  # person, service_record, ..., audit, access_log
    Column("record_id", String(36)),  # for one record; null for a list
    Column("query", Text),  # canonical JSON of a list's filters (ids and numbers only), else null
    Column("returned", Integer, nullable=False),  # how many records the answer held (0: not found)
    Column("prev_hash", String(64), nullable=False, unique=True),
    Column("hash", String(64), nullable=False, unique=True),
)

# Search keys of persons' names (`names.py`): derived from `persons.names`, rebuilt in the same transaction
# whenever a person is created or their names change (migration 0004 filled it for existing persons).
# A table of its own rather than a column of `persons`, so the audited record (which `db verify` compares
# with its last audit entry) is exactly what a client wrote.
person_names = Table(
    "person_names",
    metadata,
    # the keys go with their person (only a tampering SQL session removes a person)
    Column("person_id", String(36), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("token", String(100), primary_key=True, index=True),  # one word of a name, ASCII, lowercase
    Column("phonetic", String(8), nullable=False, index=True),  # its Soundex code
)

# Search and sort keys of decisions' names (`decision_index.py`): derived from `decisions.names`, written in
# the transaction that saves the decision (migration 0006 filled it for decisions saved before). Outside
# the audited record for the reason `person_names` is: the keys depend on rigour's transliteration and
# ICU's collation, and can be rebuilt whenever those change without touching the audit chain.
decision_keys = Table(
    "decision_keys",
    metadata,
    Column("decision_id", String(36), ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True),
    # every word of every name, ASCII and lowercase, each between spaces: " ivanov ivan " (LIKE '% iva%')
    Column("tokens", Text, nullable=False),
    Column("phonetics", Text, nullable=False),  # their Soundex codes, likewise: " I151 I150 "
    Column("sort_name", Text),  # the first name's ICU collation key (Russian), hex; null: no name
)

# Person lists kept for matching (docs/api.md, "Person lists and matching"; issue 17): a list's rows as
# they came, its §3b columns by their own names (migration 0005). A list is replaced whole (its `version`
# counts the uploads) or deleted whole; each upload and deletion is audited with a digest of the rows
# (`audit.rows_digest`), so `db verify` finds a row changed behind the registry's back.
person_lists = Table(
    "person_lists",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),  # in URLs: /v1/lists/{name}, /v1/match/{name}
    Column("rows", Integer, nullable=False),
    Column("columns", JSON, nullable=False),  # the list's own headers, in the file's order
    Column("rows_digest", String(64), nullable=False),
    Column("notes", Text),
    *_meta_columns(),
)

person_list_rows = Table(
    "person_list_rows",
    metadata,
    Column("list_id", String(36), ForeignKey("person_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),  # from 1, in the file's order
    Column("row_id", Text, nullable=False),  # the row's `id`, else its position
    Column("name", Text),  # real text (not \u escapes): readable and searchable in the database itself
    Column("data", JSON, nullable=False),  # §3b column (or own header) -> the cell as text
)

# A person's judgement of a candidate pair: the wanted person (a row id of a stored list, or a query key of
# POST /v1/match) and a row of a stored list. One per pair and list; a new judgement updates it (audited).
judgements = Table(
    "judgements",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("list_id", String(36), ForeignKey("person_lists.id"), nullable=False, index=True),
    Column("wanted_id", String(200), nullable=False),
    Column("recruit_id", String(200), nullable=False),
    Column("judgement", String(10), nullable=False),  # match | no_match | unsure
    Column("wanted", JSON),  # the wanted person's §3b row as judged, for the export of confirmed matches
    Column("score", Float),  # the pair's score when judged
    Column("notes", Text),
    *_meta_columns(),
    UniqueConstraint("list_id", "wanted_id", "recruit_id", name="uq_judgements_pair"),
)

# Audited tables besides the records (integrity.py checks each row against its last audit entry).
AUDITED_TABLES = {"person_list": person_lists, "judgement": judgements}

RECORD_TABLES = {
    "person": persons,
    "source": sources,
    "service_record": service_records,
    "request": requests,
    "decision": decisions,
}

# Lists are read in (created_at, id) order, one keyset page at a time (`cursor`, `db export`): an index
# per table keeps every page one index range scan however far the client has paged (migration 0004).
for _name, _table in RECORD_TABLES.items():
    Index(f"ix_{_table.name}_created_at_id", _table.c.created_at, _table.c.id)
