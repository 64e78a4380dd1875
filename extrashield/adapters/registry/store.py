"""The registry: records, decisions, users, and the audit entry that every change writes.

Every change runs in one transaction that also appends its audit entry, so a change without its trace
(or a trace without its change) cannot be committed. Writers are serialised (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: a transaction-level advisory lock), which keeps the hash chain a single line even with many
processes writing at once. SQLite runs in WAL mode with ``synchronous=FULL``: a change acknowledged to a
client is on disk.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    Table,
    and_,
    create_engine,
    event,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.engine import make_url

from extrashield.adapters.registry import schema
from extrashield.adapters.registry.audit import GENESIS, Anchor, Verdict, canonical, entry_hash
from extrashield.adapters.registry.config import redact, resolve_url
from extrashield.adapters.registry.decision_index import DecisionQuery, keys_of, summary_of
from extrashield.adapters.registry.integrity import chain_entries, check
from extrashield.adapters.registry.migrate import upgrade
from extrashield.adapters.registry.paging import Key, key_of
from extrashield.adapters.registry.records import KINDS, Kind, checked, now, refuse_unstorable
from extrashield.errors import CaseError, ReadingError

# Any 64-bit constants: the keys of the PostgreSQL advisory locks that serialise writers of records (and
# the audit chain), and appenders to the access log (a chain of its own, so reads never wait for writers).
_PG_WRITE_LOCK = 0x6578747261736864
_PG_ACCESS_LOCK = 0x6578747261636365
META = ("id", "created_at", "created_by", "updated_at", "updated_by", "version")
MAX_PAGE = 500
Rows = list[dict[str, Any]]  # (named here: inside Registry, `list` is the method)


class NotFound(LookupError):
    """No record of that kind with that id."""

    def __init__(self, kind: str, record_id: str) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(f"no {kind} with id {record_id!r}")


class Conflict(Exception):
    """The record changed since the client read it (its `version` differs)."""


class Registry:
    """One database. Open with `Registry(url)`; `None` uses $EXTRASHIELD_DATABASE_URL or the SQLite file."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.display_url = redact(self.url)
        self.engine = _engine(self.url)
        self.dialect = self.engine.dialect.name
        upgrade(self)
        self.access_path = access_log_path(self.url)
        self.access_engine = (
            self.engine if self.access_path is None else _open_access_file(self, self.access_path)
        )
        self._access_lock = _AccessLock(self.access_path)

    def close(self) -> None:
        self.engine.dispose()
        if self.access_engine is not self.engine:
            self.access_engine.dispose()
        self._access_lock.close()

    # -- transactions --------------------------------------------------------------------------------

    @contextmanager
    def writing(self, lock: int = _PG_WRITE_LOCK, engine: Engine | None = None) -> Iterator[Connection]:
        """A write transaction holding the registry's write lock (on PostgreSQL: advisory lock `lock`)
        until commit. `engine`: another database of the registry's (the access log's SQLite file)."""
        with (engine or self.engine).connect().execution_options(extrashield_write=True) as conn:
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(lock)})")
                yield conn

    @contextmanager
    def reading(self, engine: Engine | None = None) -> Iterator[Connection]:
        with (engine or self.engine).connect() as conn:
            with conn.begin():
                yield conn

    def _audit(
        self,
        conn: Connection,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        t = schema.audit_log
        last = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).first()
        entry = {
            "seq": (last.seq + 1) if last else 1,
            "at": now(),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": None if before is None else canonical(before),
            "after": None if after is None else canonical(after),
            "prev_hash": last.hash if last else GENESIS,
        }
        entry["hash"] = entry_hash(entry)
        conn.execute(t.insert().values(**entry))
        return entry

    # -- records -------------------------------------------------------------------------------------

    def create(self, kind: Kind, body: Any, actor: str) -> dict[str, Any]:
        data = checked(kind, body)
        table = schema.RECORD_TABLES[kind.name]
        # computed before taking the lock: the first call imports rigour
        keys = self._name_keys(data["names"]) if kind.name == "person" else None
        with self.writing() as conn:
            # Stamped under the write lock: records become visible in `created_at` order, which keyset
            # paging (paging.py) needs to visit every record once while others are being created.
            stamp = now()
            row = {
                "id": str(uuid.uuid4()),
                **data,
                "created_at": stamp,
                "created_by": actor,
                "updated_at": stamp,
                "updated_by": actor,
                "version": 1,
            }
            self._check_references(conn, kind, data)
            conn.execute(table.insert().values(**row))
            if keys is not None:
                self._index_names(conn, row["id"], keys)
            stored = self._get(conn, table, row["id"])
            assert stored is not None
            self._audit(conn, actor, "create", kind.name, row["id"], None, stored)
        return stored

    def update(
        self, kind: Kind, record_id: str, body: Any, actor: str, *, if_version: int | None = None
    ) -> dict[str, Any]:
        table = schema.RECORD_TABLES[kind.name]
        with self.writing() as conn:
            before = self._get(conn, table, record_id)
            if before is None:
                raise NotFound(kind.name, record_id)
            if if_version is not None and before["version"] != if_version:
                raise Conflict(f"the {kind.name} is at version {before['version']}, not {if_version}")
            data = checked(kind, body, partial_of=before)
            self._check_references(conn, kind, data)
            values = {**data, "updated_at": now(), "updated_by": actor, "version": before["version"] + 1}
            conn.execute(table.update().where(table.c.id == record_id).values(**values))
            if kind.name == "person" and data["names"] != before["names"]:
                self._index_names(conn, record_id, self._name_keys(data["names"]))
            after = self._get(conn, table, record_id)
            assert after is not None
            self._audit(conn, actor, "update", kind.name, record_id, before, after)
        return after

    def get(self, kind_name: str, record_id: str) -> dict[str, Any]:
        with self.reading() as conn:
            row = self._get(conn, schema.RECORD_TABLES[kind_name], record_id)
        if row is None:
            raise NotFound(kind_name, record_id)
        return row

    @staticmethod
    def filters_by_person(kind_name: str) -> bool:
        """Whether records of this kind belong to a person (and so can be listed for one)."""
        return "person_id" in schema.RECORD_TABLES[kind_name].c

    def list(
        self,
        kind_name: str,
        *,
        person_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
        after: Key | None = None,
        upto: Key | None = None,
        name: Sequence[str] | None = None,
    ) -> Rows:
        """Records in (created_at, id) order: after the key `after` (a cursor, paging.py), up to and
        including `upto`, skipping `offset`; only `person_id`'s; only persons whose names match the
        query words `name` (names.query_words)."""
        table = schema.RECORD_TABLES[kind_name]
        q = select(table).order_by(table.c.created_at, table.c.id)
        if person_id is not None:
            if not self.filters_by_person(kind_name):
                raise CaseError("person_id", f"records of kind {kind_name} cannot be filtered by person")
            q = q.where(table.c.person_id == person_id)
        if upto is not None:
            q = q.where(
                or_(table.c.created_at < upto[0], and_(table.c.created_at == upto[0], table.c.id <= upto[1]))
            )
        limit, offset = max(1, min(limit, MAX_PAGE)), max(0, offset)
        with self.reading() as conn:
            if name is None:
                q = q if after is None else q.where(_after(table, after))
                return [dict(r._mapping) for r in conn.execute(q.limit(limit).offset(offset))]
            if kind_name != "person":
                raise CaseError("name", f"records of kind {kind_name} have no names to search")
            return self._matching(conn, q, list(name), after, limit, offset)

    def records(
        self,
        kind_name: str,
        *,
        name: Sequence[str] | None = None,
        upto: Key | None = None,
        page: int = MAX_PAGE,
    ) -> Iterator[dict[str, Any]]:
        """Every record of a kind (up to `upto`), in keyset pages of `page`: memory stays flat however
        many there are, and no transaction stays open between pages."""
        after: Key | None = None
        while True:
            rows = self.list(kind_name, limit=page, after=after, upto=upto, name=name)
            yield from rows
            if len(rows) < page:
                return
            after = key_of(rows[-1])

    def last_key(self, kind_name: str) -> Key | None:
        """The key of the newest record of a kind (an export's upper bound), None when there is none."""
        table = schema.RECORD_TABLES[kind_name]
        with self.reading() as conn:
            row = conn.execute(
                select(table.c.created_at, table.c.id)
                .order_by(table.c.created_at.desc(), table.c.id.desc())
                .limit(1)
            ).first()
        return None if row is None else (row.created_at, row.id)

    def _matching(
        self,
        conn: Connection,
        q: Select[Any],
        words: Sequence[str],
        after: Key | None,
        limit: int,
        offset: int,
    ) -> Rows:
        """Persons of `q` whose names match every query word. The database narrows the candidates by
        the indexed keys (a word beginning with the query's word, or the same Soundex code); the check
        of names.person_matches confirms each, page by page."""
        from extrashield.adapters.registry.names import person_matches, phonetic_of

        t, pn = schema.persons, schema.person_names
        for word in words:
            q = q.where(
                exists().where(
                    pn.c.person_id == t.c.id,
                    or_(pn.c.token.like(word + "%"), pn.c.phonetic == phonetic_of(word)),
                )
            )
        found: Rows = []
        while len(found) < limit:
            paged = q if after is None else q.where(_after(t, after))
            page = [dict(r._mapping) for r in conn.execute(paged.limit(MAX_PAGE))]
            tokens: dict[str, list[str]] = {}
            if page:
                ids = [r["id"] for r in page]
                for pid, token in conn.execute(
                    select(pn.c.person_id, pn.c.token).where(pn.c.person_id.in_(ids))
                ):
                    tokens.setdefault(pid, []).append(token)
            for row in page:
                if person_matches(words, tokens.get(row["id"], ())):
                    if offset:
                        offset -= 1
                    else:
                        found.append(row)
                        if len(found) == limit:
                            break
            if len(page) < MAX_PAGE:
                break
            after = key_of(page[-1])
        return found

    @staticmethod
    def _name_keys(names: Sequence[str]) -> Sequence[tuple[str, str]]:
        from extrashield.adapters.registry.names import name_keys

        return name_keys(names)

    def _index_names(self, conn: Connection, person_id: str, keys: Sequence[tuple[str, str]]) -> None:
        """Replace a person's search keys (schema.person_names; names.py) in the caller's transaction."""
        pn = schema.person_names
        conn.execute(pn.delete().where(pn.c.person_id == person_id))
        if keys:
            conn.execute(pn.insert(), [{"person_id": person_id, "token": t, "phonetic": p} for t, p in keys])

    def _get(self, conn: Connection, table: Table, record_id: str) -> dict[str, Any] | None:
        row = conn.execute(select(table).where(table.c.id == record_id)).first()
        return None if row is None else dict(row._mapping)

    def _check_references(self, conn: Connection, kind: Kind, data: Mapping[str, Any]) -> None:
        for name, target in kind.references.items():
            if (
                data.get(name) is not None
                and self._get(conn, schema.RECORD_TABLES[target], data[name]) is None
            ):
                raise CaseError(name, f"no {target} with id {data[name]!r}")
        for ref in data.get("source_ids") or ():
            if self._get(conn, schema.sources, ref) is None:
                raise CaseError("source_ids", f"no source with id {ref!r}")

    # -- decisions -----------------------------------------------------------------------------------

    def case_for(
        self,
        person_id: str,
        request_id: str | None,
        decision_date: Any = None,
        extra: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A case (docs/contract.md §3) assembled from stored records: the person, their contracts, the request.

        With no stored service record the person's service stays unknown (not "never served")."""
        person = self.get("person", person_id)
        case: dict[str, Any] = {"decision_date": decision_date}
        case["person"] = {
            k: person[k] for k in KINDS["person"].fields if k != "notes" and person[k] is not None
        }
        services = self.list("service_record", person_id=person_id, limit=MAX_PAGE)
        if services:
            case["person"]["military_service"] = [
                {
                    k: s[k]
                    for k in ("formation", "contract_from", "contract_until", "combat")
                    if s[k] is not None
                }
                for s in services
            ]
        if request_id is not None:
            req = self.get("request", request_id)
            if req["person_id"] != person_id:
                raise CaseError("request_id", "this request concerns another person")
            case["request"] = {
                k: req[k]
                for k in (
                    "requesting_state",
                    "received_on",
                    "purpose",
                    "legal_basis",
                    "offense",
                    "guarantees",
                )
                if req[k] is not None
            }
        for key, value in (extra or {}).items():
            case[key] = value
        return case

    def record_decision(self, body: Any, actor: str) -> dict[str, Any]:
        """Assess a case (given, or assembled from `person_id`/`request_id`) and keep the decision with
        the case as assessed, the readings asked for, the answer, and the digest of the law used."""
        from extrashield import assess, default_lawbook

        if not isinstance(body, Mapping):
            raise CaseError("body", "expected a JSON object")
        refuse_unstorable(body)
        allowed = (
            "case",
            "person_id",
            "request_id",
            "decision_date",
            "readings",
            "russian_proceedings",
            "notes",
        )
        for key in body:
            if key not in allowed:
                raise CaseError(str(key), f"unknown field (allowed here: {', '.join(allowed)})")
        readings = body.get("readings") or {}
        if not isinstance(readings, Mapping) or not all(isinstance(v, str) for v in readings.values()):
            raise CaseError(
                "readings", 'expected an object of reading: value, e.g. {"point7.limbs": "two_limbs"}'
            )
        person_id, request_id = body.get("person_id"), body.get("request_id")
        for name, value in (("person_id", person_id), ("request_id", request_id)):
            if value is not None and not isinstance(value, str):
                raise CaseError(name, "expected the id of a stored record")
        if body.get("notes") is not None and not isinstance(body["notes"], str):
            raise CaseError("notes", "expected text")
        if body.get("case") is not None:
            case = body["case"]
            if not isinstance(case, Mapping):
                raise CaseError("case", "expected a case object (docs/contract.md §3)")
            case = dict(case)
            if body.get("decision_date") is not None:
                case["decision_date"] = body["decision_date"]
        elif person_id is not None:
            try:
                case = self.case_for(
                    person_id,
                    request_id,
                    body.get("decision_date"),
                    {"russian_proceedings": body["russian_proceedings"]}
                    if body.get("russian_proceedings")
                    else None,
                )
            except NotFound as exc:
                raise CaseError(f"{exc.kind}_id", str(exc)) from None
        else:
            raise CaseError("case", "give a case, or the person_id (and request_id) of stored records")
        try:
            answer = assess(case, readings=dict(readings)).to_dict()
        except ReadingError as exc:  # the readings come from the body here, not from a query string
            key = exc.path[len("reading") :].strip()
            raise CaseError(f"readings.{key}" if key else "readings", exc.problem) from None
        except CaseError as exc:
            prefix = "case." if body.get("case") is not None else ""
            raise CaseError(prefix + exc.path, exc.problem) from None
        reference = None
        if isinstance(request_id, str):
            try:
                reference = self.get("request", request_id)["reference"]
            except NotFound:
                pass  # refused below, naming request_id
        summary = summary_of(case, reference)
        row = {
            "id": str(uuid.uuid4()),
            "person_id": person_id,
            "request_id": request_id,
            "case": case,
            "readings": dict(readings),
            "decision_date": answer["decision_date"],
            "answer": answer,
            "outcome": answer["outcome"],
            "law_digest": default_lawbook().digest,
            "notes": body.get("notes"),
            "created_by": actor,
            "updated_by": actor,
            "version": 1,
            **summary,
        }
        keys = keys_of(row["id"], summary["names"])  # before the write lock: the first call imports rigour
        with self.writing() as conn:
            row["created_at"] = row["updated_at"] = now()  # under the write lock: see create()
            self._check_references(conn, _DECISION_REFS, row)
            conn.execute(schema.decisions.insert().values(**row))
            conn.execute(schema.decision_keys.insert().values(**keys))
            stored = self._get(conn, schema.decisions, row["id"])
            assert stored is not None
            self._audit(conn, actor, "create", "decision", row["id"], None, stored)
        return stored

    def find_decisions(
        self, query: DecisionQuery, *, limit: int | None = 100, offset: int = 0
    ) -> tuple[Rows, int]:
        """A page of the registry's list of decisions (`query`: filters, sort, name search) and how many
        match in all (`limit=None`: every one, for an export). Rows hold what a list shows, not the case or the answer. The database filters and
        sorts; a name's words narrow the candidates by their keys, and names.person_matches confirms each
        (as for persons), so a name search counts and pages after that check."""
        from extrashield.adapters.registry.names import person_matches, phonetic_of

        t, k = schema.decisions, schema.decision_keys
        columns = [c for c in t.c if c.name not in ("case", "answer", "readings")]
        q = select(*columns, k.c.tokens).select_from(t.outerjoin(k, k.c.decision_id == t.c.id))
        for column, value in (
            (t.c.outcome, query.outcome),
            (t.c.requesting_state, query.requesting_state),
        ):
            if value is not None:
                q = q.where(column == value)
        if query.date_from is not None:
            q = q.where(t.c.decision_date >= query.date_from)
        if query.date_to is not None:
            q = q.where(t.c.decision_date <= query.date_to)
        for word in query.words:
            q = q.where(or_(k.c.tokens.like(f"% {word}%"), k.c.phonetics.like(f"% {phonetic_of(word)} %")))
        q = q.order_by(*self._decision_order(query))
        offset = max(0, offset)
        with self.reading() as conn:
            if not query.words:
                total = int(conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())
                if limit is not None:
                    q = q.limit(max(1, min(limit, MAX_PAGE))).offset(offset)
                rows = [dict(r._mapping) for r in conn.execute(q)]
            else:
                found = [
                    dict(r._mapping)
                    for r in conn.execute(q)
                    if person_matches(query.words, (r.tokens or "").split())
                ]
                end = None if limit is None else offset + max(1, min(limit, MAX_PAGE))
                total, rows = len(found), found[offset:end]
        for row in rows:
            del row["tokens"]
        return rows, total

    def _decision_order(self, query: DecisionQuery) -> tuple[Any, ...]:
        """ORDER BY of the decisions list: the sort's column (rows without a value last, either way),
        then the newest saved first. The name's key is hex text, compared bytewise ("C" on PostgreSQL)."""
        t, k = schema.decisions, schema.decision_keys
        sort_name: Any = k.c.sort_name
        if self.dialect == "postgresql":
            sort_name = sort_name.collate("C")
        column = {
            "saved": t.c.created_at,
            "name": sort_name,
            "date": t.c.decision_date,
            "state": t.c.requesting_state,
            "outcome": t.c.outcome,
            "reference": t.c.reference,
        }[query.sort_key]
        order = column.desc() if query.descending else column.asc()
        return (column.is_(None), order, t.c.created_at.desc(), t.c.id.desc())

    def decision_states(self) -> Sequence[str]:
        """The requesting states of the stored decisions (for a filter's choices), in code order."""
        t = schema.decisions
        q = select(t.c.requesting_state).where(t.c.requesting_state.is_not(None)).distinct()
        with self.reading() as conn:
            return sorted(r[0] for r in conn.execute(q))

    # -- audit ---------------------------------------------------------------------------------------

    def audit(self, *, after_seq: int = 0, limit: int = 100) -> Rows:
        t = schema.audit_log
        q = select(t).where(t.c.seq > after_seq).order_by(t.c.seq).limit(max(1, min(limit, MAX_PAGE)))
        with self.reading() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def verify(self, anchors: Sequence[Anchor] = ()) -> Verdict:
        """Check the whole chain, each anchor (`SEQ:HASH` published earlier, `head`), and that every record
        and every user is what its last audit entry says it is (so a row changed behind the registry's
        back is found too); `integrity.check` lists the checks. One snapshot: writers running meanwhile
        cannot make it see an entry without its row or the reverse."""
        with self.snapshot() as conn:
            return check(conn, anchors)

    def head(self) -> dict[str, Any]:
        """The newest audit entry's `seq`, `hash` and `at` (seq 0 and GENESIS while the log is empty), and
        `anchor` (``SEQ:HASH``): publish it or keep it elsewhere, then `verify([anchor])` later."""
        t = schema.audit_log
        with self.snapshot() as conn:
            last = conn.execute(select(t.c.seq, t.c.hash, t.c.at).order_by(t.c.seq.desc()).limit(1)).first()
        seq, digest, at = (last.seq, last.hash, last.at) if last else (0, GENESIS, None)
        return {"seq": seq, "hash": digest, "at": at, "anchor": f"{seq}:{digest}"}

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read-only transaction that sees one state of the whole database, however many statements it
        runs. PostgreSQL: REPEATABLE READ, READ ONLY (READ COMMITTED would let a check read the log before
        and the tables after a commit, and cry tamper). SQLite in WAL: a read transaction is a snapshot
        from its first read on."""
        if self.dialect != "postgresql":
            with self.reading() as conn:
                yield conn
            return
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with self.engine.connect().execution_options(**options) as conn:
            with conn.begin():
                yield conn

    # -- access log (reads of personal data; see access.py) --------------------------------------------

    def log_access(
        self,
        actor: str,
        route: str,
        kind: str,
        *,
        record_id: str | None = None,
        query: Mapping[str, Any] | None = None,
        returned: int = 0,
    ) -> dict[str, Any]:
        """Append one read to the access log and commit it. Call it before personal data leaves the
        process: if it fails (database unavailable), the caller must not answer with the data.

        `record_id` is kept only if it is a registry id; `query` only with values that cannot be personal
        (`access.safe_query`). Never pass record contents."""
        from extrashield.adapters.registry.access import access_hash, safe_id, safe_query

        t = schema.access_log
        # SQLite: the access log is a file of its own (reads never wait for writers of records), and its
        # appenders queue on a lock of their own first (the kernel wakes them in turn, where SQLite's busy
        # handler would have them poll). PostgreSQL: an advisory lock of its own.
        with self._access_lock, self.writing(lock=_PG_ACCESS_LOCK, engine=self.access_engine) as conn:
            last = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).first()
            entry: dict[str, Any] = {
                "seq": (last.seq + 1) if last else 1,
                "at": now(),
                "actor": actor,
                "route": route[:200],
                "kind": kind,
                "record_id": safe_id(record_id),
                "query": safe_query(query),
                "returned": int(returned),
                "prev_hash": last.hash if last else GENESIS,
            }
            entry["hash"] = access_hash(entry)
            conn.execute(t.insert().values(**entry))
        return entry

    def access_log(
        self,
        *,
        user: str | None = None,
        since: str | None = None,
        after_seq: int = 0,
        limit: int | None = 100,
    ) -> Rows:
        """Access-log entries, oldest first, after entry `after_seq`; only `user`'s, only at or after
        `since` (UTC ISO text, see `access.parse_since`). `limit=None`: all of them."""
        t = schema.access_log
        q = select(t).where(t.c.seq > after_seq).order_by(t.c.seq)
        if user is not None:
            q = q.where(t.c.actor == user)
        if since is not None:
            q = q.where(t.c.at >= since)
        if limit is not None:
            q = q.limit(max(1, min(limit, MAX_PAGE)))
        with self.reading(self.access_engine) as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def verify_access_log(self) -> Verdict:
        """Check the access log's chain: numbering, links, hashes (the audit module's check)."""
        from extrashield.adapters.registry.access import verify_access_entries

        t = schema.access_log
        # one snapshot where the access log shares the registry's database (PostgreSQL); SQLite keeps it
        # in a file of its own, where one read transaction is already a snapshot
        shared = self.access_engine is self.engine
        with self.snapshot() if shared else self.reading(self.access_engine) as conn:
            return verify_access_entries(chain_entries(conn, t))

    def count(self, table: Table) -> int:
        with self.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _after(table: Table, key: Key) -> Any:
    """Rows after `key` in (created_at, id) order (written out rather than a row-value comparison, which
    every supported SQLite and PostgreSQL runs through the (created_at, id) index either way)."""
    return or_(table.c.created_at > key[0], and_(table.c.created_at == key[0], table.c.id > key[1]))


def _json_text(value: Any) -> str:
    """How JSON columns are written: UTF-8 text as it is (names in Cyrillic stay readable, and searchable
    by the database's own text functions), not \\u escapes. Only what does not survive as UTF-8 (a lone
    surrogate) is escaped. Records read back the same either way, so the audit chain is unaffected."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


_DECISION_REFS = Kind(
    "decision", "decisions", (), (), lambda d: None, {"person_id": "person", "request_id": "request"}
)


def access_log_path(url: str) -> Path | None:
    """Where a SQLite registry keeps its access log: ``registry.access-log.sqlite3`` beside
    ``registry.sqlite3``. None for PostgreSQL and in-memory SQLite (the main database holds it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return path.with_name(f"{path.stem}.access-log{path.suffix or '.sqlite3'}")


_ACCESS_TRIGGERS = [
    f"CREATE TRIGGER access_log_no_{event.lower()} BEFORE {event} ON access_log "
    f"BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END"
    for event in ("UPDATE", "DELETE")
]


def _open_access_file(registry: Registry, path: Path) -> Engine:
    """The SQLite file of the access log, created (table, indexes, append-only triggers as in migration
    0002) on first use. A registry that kept its access log in its main file (before this file existed)
    has those entries copied over, unchanged (hashes and all), so the chain goes on; the old table is
    left as it was and no longer written."""
    from sqlalchemy import insert, inspect

    engine = _engine(str(make_url(registry.url).set(database=str(path))))
    with engine.connect().execution_options(extrashield_write=True) as conn, conn.begin():
        if inspect(conn).has_table("access_log"):
            return engine
        schema.access_log.create(conn)
        for statement in _ACCESS_TRIGGERS:
            conn.exec_driver_sql(statement)
        with registry.reading() as old:
            if inspect(old).has_table("access_log"):
                page: list[dict[str, Any]] = []
                for entry in chain_entries(old, schema.access_log):
                    page.append(entry)
                    if len(page) == 5000:
                        conn.execute(insert(schema.access_log), page)
                        page = []
                if page:
                    conn.execute(insert(schema.access_log), page)
    return engine


class _AccessLock:
    """The queue in front of a SQLite access log's appends: a lock on a file beside it, across processes
    (flock), and a lock across this process's threads (flock does not tell them apart). Nothing for
    PostgreSQL (its advisory lock queues fairly) or where flock does not exist."""

    def __init__(self, path: Path | None) -> None:
        self.threads = threading.Lock()
        self.fd: int | None = None
        if path is not None:
            try:
                import fcntl
            except ImportError:
                return
            self.fcntl = fcntl
            self.fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)

    def __enter__(self) -> None:
        self.threads.acquire()
        if self.fd is not None:
            try:
                self.fcntl.flock(self.fd, self.fcntl.LOCK_EX)
            except BaseException:
                self.threads.release()
                raise

    def __exit__(self, *exc: Any) -> None:
        try:
            if self.fd is not None:
                self.fcntl.flock(self.fd, self.fcntl.LOCK_UN)
        finally:
            self.threads.release()

    def close(self) -> None:
        with self.threads:
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, json_serializer=_json_text)
    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.parent.exists():
            # Owner-only: the directory holds personal data (and the WAL and shared-memory files).
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            path.touch(mode=0o600)
    engine = create_engine(
        url, connect_args={"timeout": 60, "check_same_thread": False}, json_serializer=_json_text
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's own transaction handling would defer the write lock).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("extrashield_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


_lock = threading.Lock()
_open: dict[str, Registry] = {}


def open_registry(url: str | None = None) -> Registry:
    """The registry for `url` (one per URL per process, opened and migrated on first use)."""
    key = resolve_url(url)
    with _lock:
        reg = _open.get(key)
        if reg is None:
            reg = _open[key] = Registry(key)
        return reg


def forget_registries() -> None:
    """Close every registry this process opened (tests)."""
    with _lock:
        for reg in _open.values():
            reg.close()
        _open.clear()


__all__ = ["Conflict", "NotFound", "Registry", "forget_registries", "open_registry"]
