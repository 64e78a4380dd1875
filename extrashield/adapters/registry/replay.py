"""Replay: re-assess every stored decision with the law data of today and say what would change.

Nothing stored is touched (decisions are append-only); the report compares the stored answer with the
new one: the outcome, each ground's status, the unknown facts it depends on, and the law digest (which
covers every file under law/ and data/, so a changed treaty or state profile shows too).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from extrashield.adapters.registry import schema
from extrashield.adapters.registry.store import Registry
from extrashield.errors import CaseError


@dataclass
class Replayed:
    decision_id: str
    decided_at: str
    stored_digest: str
    current_digest: str
    outcome_before: str
    outcome_after: str | None
    grounds: list[dict[str, Any]] = field(default_factory=list)  # provision, before, after
    depends_on_added: list[str] = field(default_factory=list)
    depends_on_removed: list[str] = field(default_factory=list)
    error: str | None = None  # the stored case no longer validates

    @property
    def changed(self) -> bool:
        return bool(
            self.error
            or self.outcome_before != self.outcome_after
            or self.grounds
            or self.depends_on_added
            or self.depends_on_removed
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision_id,
            "decided_at": self.decided_at,
            "changed": self.changed,
            "law_digest": {
                "stored": self.stored_digest,
                "current": self.current_digest,
                "changed": self.stored_digest != self.current_digest,
            },
            "outcome": {"stored": self.outcome_before, "now": self.outcome_after},
            "grounds": self.grounds,
            "depends_on": {"added": self.depends_on_added, "removed": self.depends_on_removed},
            "error": self.error,
        }


def _statuses(answer: dict[str, Any]) -> dict[str, str]:
    return {g["provision"]: g["status"] for g in answer.get("grounds", [])}


def compare(decision: dict[str, Any], current_digest: str | None = None) -> Replayed:
    """The stored decision against today's answer. `current_digest` is the digest of the law and data
    files in use (default: the bundled ones, `default_lawbook().digest`); it covers law/ and data/, so a
    changed treaty, state profile, figure or blacklist file shows as a changed digest (sources/digest.py)."""
    from extrashield import assess, default_lawbook

    old = decision["answer"]
    now = default_lawbook().digest if current_digest is None else current_digest
    out = Replayed(
        decision["id"], decision["created_at"], decision["law_digest"], now, decision["outcome"], None
    )
    try:
        new = assess(decision["case"], readings=decision["readings"] or None).to_dict()
    except CaseError as exc:
        out.error = f"the stored case is no longer valid: {exc}"
        return out
    out.outcome_after = new["outcome"]
    before, after = _statuses(old), _statuses(new)
    for pid in sorted(before.keys() | after.keys()):
        if before.get(pid) != after.get(pid):
            out.grounds.append({"provision": pid, "before": before.get(pid), "after": after.get(pid)})
    old_dep = {d["fact"] for d in old.get("depends_on", [])}
    new_dep = {d["fact"] for d in new.get("depends_on", [])}
    out.depends_on_added = sorted(new_dep - old_dep)
    out.depends_on_removed = sorted(old_dep - new_dep)
    return out


def replay(registry: Registry) -> Iterator[Replayed]:
    t = schema.decisions
    with registry.reading() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.created_at, t.c.id))]
    for row in rows:
        yield compare(row)
