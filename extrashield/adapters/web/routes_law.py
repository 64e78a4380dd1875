"""The law browser (provisions on a date, one provision, what changed between two dates, the history of
bill 1075342-8) and the Figures page. Public: no personal data."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from extrashield import default_lawbook
from extrashield.adapters.web.figures import as_of_words, figure_charts, ledger_view, shown_words, why_words
from extrashield.adapters.web.forms import optional_day
from extrashield.adapters.web.render import check_format, not_found, page, problem
from extrashield.adapters.web.views import statute
from extrashield.errors import CaseError
from extrashield.sources.history import bill_history
from extrashield.sources.lawquery import (
    BILL,
    IN_FORCE,
    diff,
    find,
    law_on,
    law_version_on,
    provision_detail,
    status_on,
)

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
    for row in rows:  # the statute text on that day (or the bill's), side by side on the page
        status, v = status_on(lb.provisions[row["id"]], day)
        row["text"] = {"ru": v.text.ru, "en": v.text.en} if v is not None and status == IN_FORCE else None
        row["bill_text"] = {"ru": v.text.ru, "en": v.text.en} if v is not None and status == BILL else None
    return page(request, "law.html", {"date": day.isoformat(), "law_digest": lb.digest, "provisions": rows})


def _provision_page_data(p, day: dt.date | None) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """One provision as `extrashield law show --format json` gives it, plus what the page shows: which
    version is in force as law on the day (never a bill) and each version's statute text."""
    data = provision_detail(p, day)
    current = law_version_on(p, day) if day else None
    data["date"] = day.isoformat() if day else None
    data["in_force_on_date"] = current.summary() if current else None
    for v, d in zip(p.versions, data["versions"]):
        d["statute"] = statute(v)
        d["current"] = v is current
    return data


@router.get("/law/provision/{provision_id}")
def law_provision(request: Request, provision_id: str, date: str = "") -> Response:
    """One provision by its id, or, as `extrashield law show` takes it, every provision of an article or
    act by its prefix (`/law/provision/ru.upk.464`)."""
    check_format(request)
    lb = default_lawbook()
    try:
        found = find(lb, provision_id)
    except CaseError as exc:
        return not_found(request, exc.problem[:1].upper() + exc.problem[1:] + ".")
    try:
        day = optional_day(date, "date")
    except CaseError as exc:
        return problem(request, exc)
    if provision_id in lb.provisions:
        return page(request, "provision.html", _provision_page_data(found[0], day))
    data = {
        "article": provision_id,
        "date": day.isoformat() if day else None,
        "law_digest": lb.digest,
        "provisions": [_provision_page_data(p, day) for p in found],
    }
    return page(request, "article.html", data)


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
            before, after = law_version_on(p, d1), law_version_on(p, d2)
            change["text_before"] = statute(before)
            change["text_after"] = statute(after)
    return page(request, "diff.html", data)


@router.get("/law/history")
def law_history(request: Request) -> Response:
    check_format(request)
    history = bill_history("1075342-8")
    # each companion bill's status in the page's language (the data's `status_note` is English)
    said = {c.bill: c.status_words() for c in history.companions}
    return page(request, "history.html", history.to_dict(), companion_status=said)


@router.get("/figures")
def figures(request: Request) -> Response:
    check_format(request)
    ledger = ledger_view()
    overview, charts = figure_charts(ledger)
    return page(
        request,
        "figures.html",
        ledger.to_dict(),
        charts=charts,
        overview=overview,
        quantities=ledger.quantities,
        shown_words=shown_words,
        as_of_words=as_of_words,
        why_words=why_words,
    )
