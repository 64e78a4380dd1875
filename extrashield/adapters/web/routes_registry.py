"""Registry pages: persons, requests, decisions, the audit log. Personal data, so a token is needed.

The token is typed once into a form and kept in an HttpOnly, SameSite=Strict cookie scoped to this site
(no server session; "Sign out" deletes it). A client may instead send `Authorization: Bearer …`, which
is how the JSON twins are used from scripts. Roles are the API's: reader to read, editor to save a
decision, admin for the audit log. Answers never say whether a token exists: 401 is the same for all.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.http.logged_reads import read_logged
from extrashield.adapters.registry.decision_index import DecisionQuery, parse_query
from extrashield.adapters.registry.store import NotFound
from extrashield.adapters.registry.users import User, authenticate, role_at_least
from extrashield.adapters.web.forms import form_fields, hidden_case, page_number
from extrashield.adapters.web.interview_state import case_token
from extrashield.adapters.web.registry_views import (
    LIST_PAGE,
    csv_text,
    list_data,
    name_lang,
    record_data,
    replay_data,
)
from extrashield.adapters.web.render import attachment, check_format, not_found, page, problem
from extrashield.adapters.web.views import readings_from
from extrashield.adapters.web.words import say
from extrashield.errors import CaseError
from extrashield.i18n import _

router = APIRouter()
COOKIE = "extrashield_token"
KINDS = {
    "persons": "person",
    "requests": "request",
    "decisions": "decision",
    "service-records": "service_record",
    "sources": "source",
}


def _case_json(raw: Any) -> str:
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


def _token(request: Request, form_token: str | None = None) -> str | None:
    if form_token:
        return form_token
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(COOKIE)


def _registry(request: Request) -> Any:
    factory = getattr(request.app.state, "registry", None)
    return factory() if factory is not None else None


def _user(request: Request, token: str | None) -> User | None:
    registry = _registry(request)
    if registry is None or not token:
        return None
    return authenticate(registry, token)


def _denied(request: Request, user: User | None, needed: str) -> Response | None:
    if user is None:
        return page(
            request,
            "registry_login.html",
            {"detail": "a valid token is required"},
            status=401,
            headers={"www-authenticate": "Bearer"},
            needed=needed,
        )
    if not role_at_least(user.role, needed):
        return page(
            request,
            "error.html",
            {"detail": f"this needs the {needed} role"},
            status=403,
            message=_("Your token has the {role} role; this page needs the {needed} role.").format(
                role=say(user.role), needed=say(needed)
            ),
        )
    return None


@router.get("/registry")
async def registry_home(request: Request) -> Response:
    check_format(request)
    user = await run_in_threadpool(_user, request, _token(request))
    if user is None:
        return page(request, "registry_login.html", {"signed_in": False}, needed="reader")
    return page(request, "registry_home.html", {"signed_in": True, "user": user.to_dict()}, user=user)


@router.post("/registry/sign-in")
async def registry_sign_in(request: Request) -> Response:
    form = await form_fields(request)
    token = form.get("token", "").strip()
    user = await run_in_threadpool(_user, request, token)
    if user is None:
        return page(
            request,
            "registry_login.html",
            {"detail": "invalid or revoked token"},
            status=401,
            headers={"www-authenticate": "Bearer"},
            needed="reader",
            failed=True,
        )
    response = RedirectResponse("/registry", status_code=303)
    _set_token(response, request, token)
    return response


@router.post("/registry/sign-out")
def registry_sign_out() -> Response:
    response = RedirectResponse("/registry", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/registry/audit")
async def registry_audit(request: Request, after_seq: str = "0") -> Response:
    check_format(request)
    user = await run_in_threadpool(_user, request, _token(request))
    denied = _denied(request, user, "admin")
    if denied:
        return denied
    assert user is not None
    try:
        after = page_number(after_seq, "after_seq")
    except CaseError as exc:
        return problem(request, exc)
    registry = _registry(request)
    entries = await read_logged(
        request, user, "audit", lambda reg: reg.audit(after_seq=after, limit=100), query={"after_seq": after}
    )
    verdict = await run_in_threadpool(registry.verify)
    return page(
        request,
        "registry_audit.html",
        {"entries": entries, "verify": verdict.to_dict(), "after_seq": after},
        user=user,
    )


def save_control(request: Request) -> dict[str, Any]:
    """Who may save the decision on a page: the signed-in user (or none) and whether the role allows it.
    The decision page shows the save button only to an editor; to others, how to sign in."""
    user = _user(request, _token(request))
    return {
        "user": user.to_dict() if user is not None else None,
        "can_save": user is not None and role_at_least(user.role, "editor"),
    }


def _set_token(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        COOKIE, token, httponly=True, samesite="strict", path="/", secure=request.url.scheme == "https"
    )


@router.post("/registry/decisions/save")
async def registry_save_decision(request: Request) -> Response:
    """Save the decision on the case in the page: the registry assesses it again and keeps everything.

    Not signed in (or a wrong token): the sign-in page comes back carrying the case, the readings and the
    notes, and signing in there saves the decision; a token typed here also signs in."""
    form = await form_fields(request)
    typed = (form.get("token") or "").strip()
    user = await run_in_threadpool(_user, request, _token(request, typed))
    if user is None:
        carried = {k: v for k, v in form.items() if k in ("case", "notes") or k.startswith("r:")}
        return page(
            request,
            "registry_login.html",
            {"detail": "sign in to save the decision"},
            status=401,
            headers={"www-authenticate": "Bearer"},
            needed="editor",
            failed=bool(typed),
            carry=carried,
        )
    denied = _denied(request, user, "editor")
    if denied:
        return denied
    try:
        raw = hidden_case(form)
        readings = readings_from([], form)
        body = {"case": raw, "readings": readings, "notes": form.get("notes") or None}
        stored = await run_in_threadpool(_registry(request).record_decision, body, user.name)
    except CaseError as exc:
        return problem(request, exc)
    response = RedirectResponse(f"/registry/decisions/{stored['id']}", status_code=303)
    if typed:
        _set_token(response, request, typed)
    return response


async def _reader(request: Request) -> tuple[User | None, Response | None]:
    user = await run_in_threadpool(_user, request, _token(request))
    return user, _denied(request, user, "reader")


async def saved_decision(
    request: Request, record_id: str
) -> tuple[User | None, dict[str, Any] | None, Response | None]:
    """The reader and a saved decision, its read logged; or the answer instead (sign in, denied, not found)."""
    user, denied = await _reader(request)
    if denied:
        return user, None, denied
    assert user is not None
    try:
        record = await read_logged(
            request, user, "decision", lambda reg: reg.get("decision", record_id), record_id=record_id
        )
    except NotFound:
        return user, None, not_found(request, _("No decision with id {value!r}.").format(value=record_id))
    return user, record, None


def _decision_query(request: Request) -> DecisionQuery:
    return parse_query({k: v for k, v in request.query_params.items() if k != "offset"})


@router.get("/registry/decisions.csv")
async def registry_decisions_csv(request: Request) -> Response:
    """The decisions list as CSV: the filtered, sorted view the page shows, every row of it."""
    user, denied = await _reader(request)
    if denied:
        return denied
    assert user is not None
    try:
        query = _decision_query(request)
    except CaseError as exc:
        return problem(request, exc)
    rows = await read_logged(
        request, user, "decision", lambda reg: reg.find_decisions(query, limit=None)[0], query=query.logged()
    )
    return Response(
        csv_text(rows, str(request.base_url)),
        media_type="text/csv; charset=utf-8",
        headers=attachment("decisions.csv"),
    )


@router.get("/registry/decisions/{record_id}/replay")
async def registry_decision_replay(request: Request, record_id: str) -> Response:
    """A saved decision assessed again under today's law data: what would change."""
    check_format(request)
    from extrashield.adapters.registry.replay import compare

    user, record, instead = await saved_decision(request, record_id)
    if record is None:
        assert instead is not None
        return instead
    replayed = (await run_in_threadpool(compare, record)).to_dict()
    data = await run_in_threadpool(replay_data, record, replayed)
    return page(
        request,
        "registry_replay.html",
        data,
        user=user,
        case_json=_case_json(record["case"]),
        token=case_token(record["case"], record["readings"] or {}),
        readings=record["readings"] or {},
        name_lang=name_lang,
    )


async def _decisions(request: Request, user: User) -> Response:
    try:
        start = page_number(request.query_params.get("offset", "0"), "offset")
        query = _decision_query(request)
    except CaseError as exc:
        return problem(request, exc)

    counted: dict[str, int] = {}

    def read(reg: Any) -> list[dict[str, Any]]:  # a list: the access log counts what it returns
        rows, counted["total"] = reg.find_decisions(query, limit=LIST_PAGE, offset=start)
        return rows  # type: ignore[no-any-return]

    rows = await read_logged(request, user, "decision", read, query={"offset": start, **query.logged()})
    states = await run_in_threadpool(_registry(request).decision_states)  # codes only: nothing personal
    total = counted["total"]
    data = list_data(rows, total, query, start, states)
    return page(
        request,
        "registry_decisions.html",
        data,
        user=user,
        name_lang=name_lang,
        link=lambda **changes: "?" + urlencode(query.params(**changes)),
        csv_url="/registry/decisions.csv" + ("?" + urlencode(query.params()) if query.params() else ""),
    )


@router.get("/registry/{kind}")
async def registry_list(request: Request, kind: str, offset: str = "0", name: str | None = None) -> Response:
    check_format(request)
    if kind not in KINDS:
        return not_found(request, _("No registry list {value!r}.").format(value=kind))
    user, denied = await _reader(request)
    if denied:
        return denied
    assert user is not None
    if kind == "decisions":
        return await _decisions(request, user)
    from extrashield.adapters.registry.access import GIVEN
    from extrashield.adapters.registry.names import query_words

    words = None
    name = (name or "").strip() or None
    try:
        start = page_number(offset, "offset")
        if name is not None and kind == "persons":  # the search box: a name in any script (names.py)
            try:
                words = query_words(name)
            except ValueError as exc:
                raise CaseError("name", str(exc)) from None
    except CaseError as exc:
        return problem(request, exc)
    rows = await read_logged(
        request,
        user,
        KINDS[kind],
        lambda reg: reg.list(KINDS[kind], limit=100, offset=start, name=words),
        query={"offset": start, "name": GIVEN if words else None},
    )
    return page(
        request,
        "registry_list.html",
        {"kind": kind, "records": rows, "offset": start, "name": name if words else None},
        user=user,
        name_lang=name_lang,
    )


@router.get("/registry/{kind}/{record_id}")
async def registry_record(request: Request, kind: str, record_id: str) -> Response:
    check_format(request)
    if kind not in KINDS:
        return not_found(request, _("No registry list {value!r}.").format(value=kind))
    user = await run_in_threadpool(_user, request, _token(request))
    denied = _denied(request, user, "reader")
    if denied:
        return denied
    assert user is not None
    try:
        record = await read_logged(
            request, user, KINDS[kind], lambda reg: reg.get(KINDS[kind], record_id), record_id=record_id
        )
    except NotFound:
        return not_found(
            request, _("No {kind} with id {value!r}.").format(kind=say(KINDS[kind]), value=record_id)
        )
    if kind == "decisions":
        from extrashield.adapters.registry.replay import compare

        data = await run_in_threadpool(record_data, record)
        data["replay"] = (await run_in_threadpool(compare, record)).to_dict()
        return page(
            request,
            "registry_decision.html",
            data,
            user=user,
            case_json=_case_json(record["case"]),
            token=case_token(record["case"], record["readings"] or {}),
            name_lang=name_lang,
        )
    return page(request, "registry_record.html", {"kind": kind, "record": record}, user=user)
