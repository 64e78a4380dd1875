"""The law browser (provisions on a date, one provision, what changed between two dates, the history of
bill 1075342-8) and the Figures page. Public: no personal data."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from .. import default_lawbook
from ..core.errors import CaseError
from ..core.history import bill_history
from ..core.lawquery import diff, law_on
from .figures import ledger_view
from .forms import optional_day
from .render import check_format, not_found, page, problem
from .svg import bars_svg
from .views import statute

router = APIRouter()


def _today() -> dt.date:
    return dt.date.today()


@router.get("/law")
def law_index(request: Request, date: str = "") -> Response:
    check_format(request)
    try:
        day = optional_day(date, "date") or _today()
    except CaseError as exc:
        return problem(request, exc)
    lb = default_lawbook()
    rows = law_on(lb, day)
    for row in rows:  # the statute text on that day, side by side on the page
        v = lb.provisions[row["id"]].version_on(day)
        row["text"] = {"ru": v.text.ru, "en": v.text.en} if v is not None else None
    return page(request, "law.html", {"date": day.isoformat(), "law_digest": lb.digest, "provisions": rows})


@router.get("/law/provision/{provision_id}")
def law_provision(request: Request, provision_id: str, date: str = "") -> Response:
    check_format(request)
    lb = default_lawbook()
    p = lb.provisions.get(provision_id)
    if p is None:
        return not_found(request, f"No provision {provision_id!r} in the law data.")
    try:
        day = optional_day(date, "date")
    except CaseError as exc:
        return problem(request, exc)
    data = p.to_dict()
    current = p.version_on(day) if day else None
    data["date"] = day.isoformat() if day else None
    data["in_force_on_date"] = current.summary() if current else None
    for v, d in zip(p.versions, data["versions"]):
        d["statute"] = statute(v)
        d["current"] = v is current
    return page(request, "provision.html", data)


@router.get("/law/diff")
def law_diff(request: Request, date_from: str = "", date_to: str = "") -> Response:
    """`?date_from=…&date_to=…`; defaults compare the day before point 7 with today."""
    check_format(request)
    try:
        d1 = optional_day(date_from, "date_from") or dt.date(2026, 3, 1)
        d2 = optional_day(date_to, "date_to") or max(_today(), dt.date(2026, 4, 1))
        if d2 <= d1:
            raise CaseError("date_to", f"{d2} must be after date_from {d1}")
        data = diff(default_lawbook(), d1, d2)
    except CaseError as exc:
        return problem(request, exc)
    lb = default_lawbook()
    for kind in ("added", "changed", "ended"):
        for change in data[kind]:
            p = lb.provisions[change["provision"]]
            before, after = p.version_on(d1), p.version_on(d2)
            change["text_before"] = statute(before)
            change["text_after"] = statute(after)
    return page(request, "diff.html", data)


@router.get("/law/history")
def law_history(request: Request) -> Response:
    check_format(request)
    return page(request, "history.html", bill_history("1075342-8").to_dict())


@router.get("/figures")
def figures(request: Request) -> Response:
    check_format(request)
    ledger = ledger_view()
    charts = {}
    for q in ledger.quantities:
        if q.kind == "figure" and len(q.claims) > 1:
            rows = [(f"{c['said_by']} ({c['as_of'] or 'undated'})" if not isinstance(c["as_of"], dict)
                     else f"{c['said_by']} ({c['as_of']['from']} – {c['as_of']['to']})",
                     float(c["value"]), c["shown"], c["conflict"] is not None) for c in q.claims]
            charts[q.quantity] = bars_svg(q.quantity.replace("_", " "), rows)
    people = [(f"{q.quantity.replace('_', ' ')}: {c['said_by']}", float(c["value"]), c["shown"], c["conflict"] is not None)
              for q in ledger.quantities if q.kind == "figure" and q.unit == "people" for c in q.claims]
    overview = bars_svg("Claims counted in people", sorted(people, key=lambda r: -r[1]))
    return page(request, "figures.html", ledger.to_dict(), charts=charts, overview_svg=overview,
                quantities=ledger.quantities)
