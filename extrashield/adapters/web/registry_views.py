"""The data behind the registry's decision pages: the list (filters, sort, name search, CSV), a saved
decision shown as the decision page shows one, and its replay under today's law. Plain dicts, which are
both the templates' input and the pages' JSON twins; nothing here decides law.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from extrashield.adapters.registry.decision_index import OUTCOMES, SORTS, DecisionQuery
from extrashield.errors import CaseError

LIST_PAGE = 100
CSV_COLUMNS = (
    "decision",
    "names",
    "reference",
    "requesting_state",
    "outcome",
    "decision_date",
    "saved_at",
    "saved_by",
    "law_digest",
    "url",
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def name_lang(name: str) -> str | None:
    """`lang="ru"` for a name written in Cyrillic, so a screen reader reads it as Russian."""
    return "ru" if _CYRILLIC.search(name) else None


def saved_at(stamp: str) -> str:
    """A stored UTC timestamp as people read it: ``2026-12-07 11:40 UTC``."""
    return f"{stamp[:10]} {stamp[11:16]} UTC" if len(stamp) >= 16 else stamp


def _state(code: str | None) -> dict[str, str] | None:
    from extrashield.facts.country_names import names

    if code is None:
        return None
    return {"code": code, "name": names().english.get(code, code)}


def list_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One decision as its list shows it."""
    return {
        "id": row["id"],
        "names": row["names"] or [],
        "reference": row["reference"],
        "requesting_state": _state(row["requesting_state"]),
        "outcome": row["outcome"],
        "decision_date": row["decision_date"],
        "saved_at": saved_at(row["created_at"]),
        "saved_by": row["created_by"],
    }


def list_data(
    rows: list[dict[str, Any]], total: int, query: DecisionQuery, offset: int, states: Iterable[str]
) -> dict[str, Any]:
    return {
        "kind": "decisions",
        "records": [list_row(r) for r in rows],
        "total": total,
        "offset": offset,
        "page": LIST_PAGE,
        "query": query.params(),
        "sort": query.sort,
        "filtered": query.filtered,
        "name": query.name,
        "choices": {
            "outcome": list(OUTCOMES),
            "state": [_state(s) for s in states],
            "sort": dict(SORTS),
        },
    }


def csv_text(rows: Iterable[Mapping[str, Any]], base_url: str) -> str:
    """The list as CSV, as a table tool exports its filtered view: one row a decision, plain text cells
    (names joined by "; ", in the scripts they were written in), and each decision's page as `url`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r["id"],
                "; ".join(r["names"] or ()),
                r["reference"] or "",
                r["requesting_state"] or "",
                r["outcome"],
                r["decision_date"],
                r["created_at"],
                r["created_by"],
                r["law_digest"],
                f"{base_url.rstrip('/')}/registry/decisions/{r['id']}",
            ]
        )
    return out.getvalue()


def record_data(record: dict[str, Any]) -> dict[str, Any]:
    """A saved decision as the decision page shows one: its stored answer (the law data of the day it was
    saved), with today's statute texts and readings table beside it (views.decision_data on its case),
    and the record itself."""
    from extrashield.adapters.web.views import decision_data

    try:
        data = decision_data(record["case"], record["readings"] or {})
    except CaseError:  # the stored case no longer validates under today's law: its answer still shows
        data = {
            "case": record["case"],
            "statute": {},
            "readings": [],
            "readings_table": [],
            "outcome_turns_on_reading": False,
        }
    answer = record["answer"]
    for g in answer.get("grounds", ()):  # a ground today's law no longer has: no text to show
        data["statute"].setdefault(g["provision"], {"label": None, "in_force": None, "next_version": None})
    return {
        **data,
        "answer": answer,
        "record": record,
        "summary": {
            "names": record["names"] or [],
            "reference": record["reference"],
            "requesting_state": _state(record["requesting_state"]),
            "saved_at": saved_at(record["created_at"]),
        },
    }


def replay_data(record: dict[str, Any], replayed: dict[str, Any]) -> dict[str, Any]:
    """A replay (replay.compare) in words: each changed ground by its citation, each fact by its question."""
    from extrashield import default_lawbook
    from extrashield.facts.case import spec_at

    provisions = default_lawbook().provisions
    cited = {g["provision"]: g["citation"] for g in record["answer"].get("grounds", ())}

    def citation(pid: str) -> str:
        return cited.get(pid) or (provisions[pid].citation if pid in provisions else pid)

    def question(path: str) -> str:
        try:
            return spec_at(path).question or path
        except KeyError:
            return path

    return {
        "replay": replayed,
        "record": {
            k: record[k] for k in ("id", "names", "reference", "decision_date", "outcome", "created_at")
        },
        "saved_at": saved_at(record["created_at"]),
        "grounds": [{**g, "citation": citation(g["provision"])} for g in replayed["grounds"]],
        "facts_added": [question(f) for f in replayed["depends_on"]["added"]],
        "facts_removed": [question(f) for f in replayed["depends_on"]["removed"]],
    }


__all__ = ["CSV_COLUMNS", "csv_text", "list_data", "name_lang", "record_data", "replay_data", "saved_at"]
