"""Public endpoints: the law data (provisions, their dated versions and sources)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from extrashield import default_lawbook
from extrashield.adapters.http.inputs import QueryError
from extrashield.adapters.http.problems import INVALID_RESPONSE, MESSAGE_SCHEMA

router = APIRouter(tags=["law"])
DateParam = Annotated[
    str | None, Query(description="YYYY-MM-DD: also say which version was in force that day.")
]


def _day(date: str | None) -> Any:
    from extrashield.facts.dates import parse_iso

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
        "readings": {
            k: {"default": r.default, "question": r.question, "values": dict(r.values)}
            for k, r in lb.readings.items()
        },
    }


_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No provision with that id (the id is not echoed)",
        "content": {"application/json": {"schema": MESSAGE_SCHEMA}},
    }
}


@router.get(
    "/v1/law/provisions",
    summary="Every provision, with its status and version on `date` if given",
    responses=INVALID_RESPONSE,
)
def list_provisions(date: DateParam = None) -> dict[str, Any]:
    """The same JSON as `extrashield law list --format json` (one function, `core.lawquery.law_listing`):
    with `date`, each provision's `status` (`in_force`, `not_yet_in_force`, `ended`, `bill_not_adopted`),
    the `version` it concerns (for `not_yet_in_force` the next one, with its certainty), `bill` and
    `note`. `in_force` is kept for older clients: the version in force as law that day, or null."""
    from extrashield.sources.lawquery import IN_FORCE, law_listing

    lb = default_lawbook()
    day = _day(date)
    out = law_listing(lb, day)
    if day is not None:
        for row in out["provisions"]:
            row["in_force"] = row["version"] if row["status"] == IN_FORCE else None
    return out


@router.get(
    "/v1/law/provisions/{provision_id}",
    summary="One provision, or every provision of an article: texts, dated versions, sources, open questions",
    responses={**_NOT_FOUND, **INVALID_RESPONSE},
)
def get_provision(provision_id: str, date: DateParam = None) -> dict[str, Any]:
    """A provision id (`ru.upk.464.1.7`) gives that provision, as in `extrashield law show --format json`
    (with `date`, its status that day under `on`, and `in_force` for older clients). An article or act
    prefix (`ru.upk.464`), as the command line takes it, gives `{"law_digest", "article", "provisions":
    […]}` with every provision under it in the same shape; 404 otherwise."""
    from extrashield.errors import CaseError
    from extrashield.sources.lawquery import IN_FORCE, find, provision_detail

    lb = default_lawbook()
    day = _day(date)
    try:
        found = find(lb, provision_id)
    except CaseError:
        raise HTTPException(404, "no provision or article with that id") from None

    def one(p: Any) -> dict[str, Any]:
        out = provision_detail(p, day)
        if day is not None:
            v = p.version_on(day) if out["on"]["status"] == IN_FORCE else None
            out["in_force"] = {"date": date, "version": v.to_dict() if v is not None else None}
        return out

    if provision_id in lb.provisions:
        return {**one(found[0]), "law_digest": lb.digest}
    return {
        "law_digest": lb.digest,
        "article": provision_id,
        "date": day.isoformat() if day else None,
        "provisions": [one(p) for p in found],
    }
