"""The access log: every read of personal data over HTTP, appended to a hash chain of its own.

Why a chain of its own rather than `read` entries in the audit chain:

* The audit chain is the history of the records: `db verify` checks every record against the last audit
  entry naming it, and `GET /v1/audit` pages through it. Reads would bury the changes under thousands
  of entries, and reading the audit log would itself append to the log being read.
* Audit entries hold whole records (`before`, `after`): personal data. Access entries hold none, so the
  two can be kept, exported and shown under different rules (an access report for a data-protection
  request must not hand out every past state of every record).
* Reads are far more frequent than changes. On PostgreSQL the access chain is serialised by an advisory
  lock of its own, so logging a read never waits for a writer of records, and the reverse.

The hashing and the chain check are the audit module's (`entry_hash`, `verify_entries`), given this
log's fields.

An entry says who (`actor`: the token's user name, never the token), when (`at`, UTC), how (`route`:
the method and route template, e.g. ``GET /v1/persons/{record_id}``) and what (`kind`; `record_id` for
one record; for a list, `query`: its filters; `returned`: how many records the answer held). Values a
client typed are kept only when they cannot carry personal data: record ids in the registry's own form
(UUIDs), numbers, and ISO dates or timestamps. Anything else is replaced by ``"(given)"``, so a name
typed into a URL never reaches the log.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from extrashield.adapters.registry.audit import Verdict, canonical, entry_hash, verify_entries
from extrashield.i18n import _

HASHED = ("seq", "at", "actor", "route", "kind", "record_id", "query", "returned", "prev_hash")
GIVEN = "(given)"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$")


def safe_id(value: str | None) -> str | None:
    """A record id as the registry makes them, else None (what was typed is not kept)."""
    return value if isinstance(value, str) and _UUID.match(value) else None


def safe_query(query: Mapping[str, Any] | None) -> str | None:
    """A list query's filters as canonical JSON, with every value that could be personal replaced."""
    if not query:
        return None
    kept: dict[str, Any] = {}
    for key, value in query.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            kept[key] = GIVEN
        elif isinstance(value, int) or _UUID.match(value) or _ISO.match(value):
            kept[key] = value
        else:
            kept[key] = GIVEN
    return canonical(kept) if kept else None


def parse_since(value: str) -> str:
    """`--since`/`since=`: a date (midnight UTC) or an ISO timestamp, as the UTC ISO text the log stores.

    Raises ValueError for anything else."""
    if not _ISO.match(value):
        raise ValueError(_("expected a date YYYY-MM-DD or an ISO timestamp"))
    if len(value) == 10:
        moment = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    else:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def verify_access_entries(entries: Iterable[Mapping[str, Any]]) -> Verdict:
    return verify_entries(entries, HASHED, json_fields=("query",))


def access_hash(entry: Mapping[str, Any]) -> str:
    return entry_hash(entry, HASHED)


__all__ = ["GIVEN", "HASHED", "access_hash", "parse_since", "safe_id", "safe_query", "verify_access_entries"]
