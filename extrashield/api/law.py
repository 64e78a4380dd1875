"""Public endpoints: the law data (provisions, their dated versions and sources)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from .. import default_lawbook
from .inputs import QueryError
from .problems import INVALID_RESPONSE, MESSAGE_SCHEMA

router = APIRouter(tags=["law"])
DateParam = Annotated[str | None, Query(description="YYYY-MM-DD: also say which version was in force that day.")]


def _day(date: str | None) -> Any:
    from ..core.dates import parse_iso

    if date is None:
        return None
    try:
        return parse_iso(date)
    except ValueError as exc:
        raise QueryError("date", str(exc)) from None


@router.get("/v1/law", summary="About the law data: its digest, horizon and readings")
def law_summary() -> dict[str, Any]:
    lb = default_lawbook()
    return {
        "law_digest": lb.digest,
        "horizon": lb.horizon.isoformat(),
        "provisions": len(lb.provisions),
        "readings": {k: {"default": r.default, "question": r.question, "values": dict(r.values)} for k, r in lb.readings.items()},
    }


_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No provision with that id (the id is not echoed)",
          "content": {"application/json": {"schema": MESSAGE_SCHEMA}}}}


@router.get("/v1/law/provisions", summary="Every provision, with the version in force on `date` if given",
            responses=INVALID_RESPONSE)
def list_provisions(date: DateParam = None) -> dict[str, Any]:
    lb = default_lawbook()
    day = _day(date)
    out = []
    for p in lb.provisions.values():
        item: dict[str, Any] = {"id": p.id, "effect": p.effect, "citation": p.citation,
                                "title": {"ru": p.title.ru, "en": p.title.en}}
        if day is not None:
            v = p.version_on(day)
            item["in_force"] = v.summary() if v is not None else None
        out.append(item)
    return {"law_digest": lb.digest, "date": date, "provisions": out}


@router.get("/v1/law/provisions/{provision_id}", summary="One provision: texts, dated versions, sources, open questions",
            responses={**_NOT_FOUND, **INVALID_RESPONSE})
def get_provision(provision_id: str, date: DateParam = None) -> dict[str, Any]:
    lb = default_lawbook()
    day = _day(date)
    p = lb.provisions.get(provision_id)
    if p is None:
        raise HTTPException(404, "no provision with that id")
    out = p.to_dict()
    out["law_digest"] = lb.digest
    if day is not None:
        v = p.version_on(day)
        out["in_force"] = {"date": date, "version": v.to_dict() if v is not None else None}
    return out
