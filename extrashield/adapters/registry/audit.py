"""The audit chain: every change is an entry whose hash covers its content and the previous entry's hash.

Changing, removing or reordering any stored entry breaks the chain from that entry on; `verify` names
the first entry that does not check out. The first entry's `prev_hash` is GENESIS.

The hashing and the check take the list of hashed fields as a parameter, so that the access log (reads
of personal data, `access.py`) is chained by exactly the same code with its own fields.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASHED = ("seq", "at", "actor", "action", "entity", "entity_id", "before", "after", "prev_hash")


def canonical(value: Any) -> str:
    """One JSON text per value (sorted keys, no spaces, UTF-8 kept), so that hashes are reproducible."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def entry_hash(entry: Mapping[str, Any], fields: Sequence[str] = HASHED) -> str:
    """SHA-256 over the canonical JSON of `fields` of the entry (which include `prev_hash`)."""
    return hashlib.sha256(canonical({k: entry[k] for k in fields}).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """The result of checking the chain: `ok`, how many entries were checked, the first bad one, and the
    chain's head (the newest entry's `seq` and `hash`, to anchor elsewhere; None when the chain is broken)."""

    ok: bool
    entries: int
    first_broken_seq: int | None = None
    problem: str | None = None
    head: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first_broken_seq": self.first_broken_seq,
            "problem": self.problem,
            "head": None if self.head is None else dict(self.head),
        }


def verify_entries(
    entries: Iterable[Mapping[str, Any]],
    fields: Sequence[str] = HASHED,
    json_fields: Sequence[str] = ("before", "after"),
) -> Verdict:
    """Check entries given in `seq` order: numbering without gaps, each link, each hash, JSON payloads."""
    prev = GENESIS
    count = 0
    for expected_seq, e in enumerate(entries, start=1):
        count = expected_seq
        seq = e["seq"]
        if seq != expected_seq:
            return Verdict(False, count, seq, f"entry {expected_seq} is missing (next stored entry is {seq})")
        if e["prev_hash"] != prev:
            return Verdict(False, count, seq, "does not link to the previous entry (prev_hash differs)")
        if entry_hash(e, fields) != e["hash"]:
            return Verdict(False, count, seq, "its content does not match its hash (the entry was altered)")
        for side in json_fields:
            if e[side] is not None:
                try:
                    json.loads(e[side])
                except ValueError:
                    return Verdict(False, count, seq, f"its '{side}' is not valid JSON")
        prev = e["hash"]
    return Verdict(True, count, head={"seq": count, "hash": prev})


# An anchor: an entry's `seq` and the hash it had when it was published (`db head`), as ``SEQ:HASH``.
Anchor = tuple[int, str]
_ANCHOR = re.compile(r"^([1-9][0-9]{0,17}):([0-9a-f]{64})$")


def parse_anchor(text: str) -> Anchor:
    """``SEQ:HASH`` (as `db head` prints it) as (seq, hash); ValueError naming what is wrong."""
    m = _ANCHOR.match(text.strip().lower())
    if m is None:
        raise ValueError(
            f"{text[:100]!r} is not SEQ:HASH (an entry number from 1 and its 64 hex digits, as "
            "`extrashield db head` prints them)"
        )
    return int(m.group(1)), m.group(2)


def rows_digest(rows: Iterable[Mapping[str, Any]]) -> str:
    """The digest of a person list's rows that its audit entries hold (person_lists.py): SHA-256 over
    the rows in order (position, row id, name, cells; canonical JSON, a line each)."""
    digest = hashlib.sha256()
    for row in rows:
        item = [row["position"], row["row_id"], row["name"], row["data"]]
        digest.update(canonical(item).encode("utf-8") + b"\n")
    return digest.hexdigest()
