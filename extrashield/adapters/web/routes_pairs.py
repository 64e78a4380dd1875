"""The page of candidate pairs (issue 17 item 5): a wanted list against a list of recruits, both stored in
the registry (`PUT /v1/lists/{name}`, `extrashield db lists add`). Each pair side by side, with the
explanation and the extradition answer for the two taken as one; an editor judges it (match, no match,
unsure); filters by judgement; the pairs shown export as CSV or XLSX.

Personal data: a reader's token to see it, an editor's to judge (as the other registry pages, the token in
the sign-in cookie or `Authorization: Bearer`). Every view and export is access-logged first (kind
`person_list`); every judgement is audited with who made it.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.http.list_indexes import indexes_of
from extrashield.adapters.http.logged_reads import read_logged
from extrashield.adapters.registry import person_lists as stored
from extrashield.adapters.registry.store import NotFound, Registry
from extrashield.adapters.web.forms import form_fields, page_number
from extrashield.adapters.web.render import check_format, not_found, page, problem
from extrashield.adapters.web.routes_registry import _denied, _registry, _token, _user
from extrashield.errors import CaseError
from extrashield.i18n import _
from extrashield.matching import DEFAULT_THRESHOLD, explain
from extrashield.services.list_matching import answers, list_pairs, merged_row, write_rows

router = APIRouter()
SHOW = ("unjudged", "match", "no_match", "unsure", "all")
PAGE = 50  # pairs a page (each with its answer)
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_COLUMNS = (
    "wanted_id",
    "recruit_id",
    "score",
    "judgement",
    "wanted_name",
    "recruit_name",
    "wanted_birth_date",
    "recruit_birth_date",
    "explanation",
    "outcome",
    "applies",
    "depends_on",
)


def _choice(request: Request, name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = request.query_params.get(name) or default
    if value not in allowed:
        raise CaseError(name, f"expected one of {', '.join(allowed)}")
    return value


def _pairs(
    reg: Registry, request: Request, wanted: str, recruits: str, show: str, decision_date: str | None
) -> list[dict[str, Any]]:
    """The pairs to show: every candidate at or above the default threshold, filtered by judgement."""
    indexes = indexes_of(request.app.state)
    left, right = indexes.get(reg, wanted), indexes.get(reg, recruits)
    judged = stored.judgements(reg, recruits)
    out = []
    for pair in list_pairs(left, right, DEFAULT_THRESHOLD):
        judgement = judged.get((pair.wanted_id, pair.recruit_id))
        if show == "all" or (judgement or "unjudged") == show:
            out.append({"pair": pair, "judgement": judgement})
    return out


def _with_answers(found: list[dict[str, Any]], decision_date: str | None) -> list[dict[str, Any]]:
    merged = [
        merged_row(p["pair"].wanted, p["pair"].recruit, p["pair"].wanted_id, p["pair"].recruit_id)
        for p in found
    ]
    said = answers(merged, decision_date)
    rows = []
    for p, answer in zip(found, said):
        pair = p["pair"]
        rows.append(
            {
                "wanted_id": pair.wanted_id,
                "recruit_id": pair.recruit_id,
                "wanted": pair.wanted,
                "recruit": pair.recruit,
                "score": pair.score.score,
                "explanation": explain(pair.score),
                "judgement": p["judgement"],
                "answer": answer,
            }
        )
    return rows


def _day(request: Request) -> str | None:
    from extrashield.facts.dates import parse_iso

    text = request.query_params.get("decision_date") or None
    if text is None:
        return None
    try:
        return parse_iso(text).isoformat()
    except ValueError as exc:
        raise CaseError("decision_date", str(exc)) from None


@router.get("/registry/pairs")
async def registry_pairs(request: Request) -> Response:
    check_format(request)
    user = await run_in_threadpool(_user, request, _token(request))
    denied = _denied(request, user, "reader")
    if denied:
        return denied
    assert user is not None
    wanted = request.query_params.get("wanted") or None
    recruits = request.query_params.get("recruits") or None
    try:
        show = _choice(request, "show", "unjudged", SHOW)
        start = page_number(request.query_params.get("offset", "0"), "offset")
        day = _day(request)
    except CaseError as exc:
        return problem(request, exc)
    reg = _registry(request)
    lists = await run_in_threadpool(stored.person_lists, reg)
    data: dict[str, Any] = {
        "lists": [x["name"] for x in lists],
        "wanted": wanted,
        "recruits": recruits,
        "show": show,
        "offset": start,
        "decision_date": day,
        "pairs": [],
        "total": 0,
        "editor": user.role in ("editor", "admin"),
    }
    if wanted and recruits:

        def read(reg: Registry) -> list[dict[str, Any]]:
            found = _pairs(reg, request, wanted, recruits, show, day)
            data["total"] = len(found)
            return _with_answers(found[start : start + PAGE], day)

        try:
            data["pairs"] = await read_logged(
                request,
                user,
                "person_list",
                read,
                query={"show": show, "offset": start, "decision_date": day},
            )
        except NotFound as exc:
            return not_found(request, _("No stored list named {value!r}.").format(value=exc.record_id))
        query = {k: v for k, v in (("wanted", wanted), ("recruits", recruits), ("show", show)) if v}
        if day:
            query["decision_date"] = day
        data["query"] = urlencode(query)
    return page(request, "registry_pairs.html", data, user=user, shows=SHOW, page_size=PAGE)


@router.post("/registry/pairs/judge")
async def registry_judge_pair(request: Request) -> Response:
    form = await form_fields(request)
    user = await run_in_threadpool(_user, request, _token(request, form.get("token")))
    denied = _denied(request, user, "editor")
    if denied:
        return denied
    assert user is not None
    recruits, wanted = form.get("recruits", ""), form.get("wanted", "")
    reg = _registry(request)

    def run() -> None:
        index = indexes_of(request.app.state).get(reg, wanted)
        row = (
            index.rows[index.row_ids.index(form.get("wanted_id", ""))]
            if form.get("wanted_id") in index.row_ids
            else None
        )
        body = {
            "wanted_id": form.get("wanted_id", ""),
            "recruit_id": form.get("recruit_id", ""),
            "judgement": form.get("judgement", ""),
            "wanted": row,
            "score": float(form["score"]) if form.get("score") else None,
        }
        stored.judge(reg, recruits, body, user.name)

    try:
        await run_in_threadpool(run)
    except (CaseError, ValueError) as exc:
        err = exc if isinstance(exc, CaseError) else CaseError("score", "expected a number from 0 to 1")
        return problem(request, err)
    except NotFound as exc:
        return not_found(request, _("No stored list named {value!r}.").format(value=exc.record_id))
    back = {k: form[k] for k in ("wanted", "recruits", "show", "decision_date", "offset") if form.get(k)}
    return RedirectResponse(f"/registry/pairs?{urlencode(back)}#pairs", status_code=303)


@router.get("/registry/pairs/export")
async def registry_export_pairs(request: Request) -> Response:
    user = await run_in_threadpool(_user, request, _token(request))
    denied = _denied(request, user, "reader")
    if denied:
        return denied
    assert user is not None
    wanted = request.query_params.get("wanted") or ""
    recruits = request.query_params.get("recruits") or ""
    try:
        fmt = _choice(request, "as", "csv", tuple(EXPORTS))
        show = _choice(request, "show", "unjudged", SHOW)
        day = _day(request)
    except CaseError as exc:
        return problem(request, exc)

    def read(reg: Registry) -> list[dict[str, Any]]:
        return [_export_row(p) for p in _with_answers(_pairs(reg, request, wanted, recruits, show, day), day)]

    try:
        rows = await read_logged(request, user, "person_list", read, query={"show": show, "as": fmt})
    except NotFound as exc:
        return not_found(request, _("No stored list named {value!r}.").format(value=exc.record_id))
    fd, tmp = tempfile.mkstemp(prefix="pairs-", suffix=f".{fmt}")  # owner-only (0600): personal data
    os.close(fd)
    await run_in_threadpool(write_rows, Path(tmp), fmt, rows, EXPORT_COLUMNS)
    return FileResponse(
        tmp,
        media_type=EXPORTS[fmt],
        filename=f"pairs-{wanted}-{recruits}-{show}-{dt.date.today().isoformat()}.{fmt}",
        background=BackgroundTask(Path(tmp).unlink, missing_ok=True),
    )


def _export_row(p: dict[str, Any]) -> dict[str, Any]:
    answer = p["answer"]
    return {
        "wanted_id": p["wanted_id"],
        "recruit_id": p["recruit_id"],
        "score": f"{p['score']:.4f}",
        "judgement": p["judgement"],
        "wanted_name": p["wanted"].get("name"),
        "recruit_name": p["recruit"].get("name"),
        "wanted_birth_date": p["wanted"].get("birth_date"),
        "recruit_birth_date": p["recruit"].get("birth_date"),
        "explanation": p["explanation"],
        "outcome": answer["outcome"] or answer["error"],
        "applies": "; ".join(answer["applies"] or []),
        "depends_on": "; ".join(answer["depends_on"] or []),
    }
