"""Requesting states, treaties, and the case pages beside the decision: the other removal routes and
eligibility for a contract or for simplified citizenship.

Public reference pages (`/states`, `/states/{CODE}`, `/treaties`, `/treaties/{ID}`) are GET; the case pages
(`/removal`, `/eligibility`) are GET with the case in the URL (`s`, as the decision page: routes_case.py) or
a bundled example (`?example=NAME`); a case POSTed in a hidden field is answered with a 303 to that address. Everything shown is computed by the core
(`extrashield.services.state_profiles`, `extrashield.services.removal`, `extrashield.services.recruitment`); nothing here decides law.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from extrashield.adapters.web.casedata import example_names, load_example
from extrashield.adapters.web.forms import form_fields, hidden_case, linked_state, optional_day
from extrashield.adapters.web.interview_state import FIELD, InterviewState, case_token, case_url
from extrashield.adapters.web.render import (
    NO_REFERRER,
    TEMPLATES,
    check_format,
    page,
    problem,
    see_other,
    wants_json,
)
from extrashield.adapters.web.views import reading_choices, readings_from
from extrashield.errors import CaseError, LawDataError
from extrashield.i18n import N_, _

router = APIRouter()


def _profiled_states() -> tuple[str, ...]:
    """The codes of the states with a profile (file names only: cheap)."""
    from extrashield.sources.states import state_codes

    return state_codes()


TEMPLATES.env.globals["profiled_states"] = (
    _profiled_states  # the decision page links the requesting state's profile
)


def _blacklist_words(brief: dict[str, Any]) -> str:
    from extrashield.services.state_profiles import blacklist_words

    return blacklist_words(brief)


TEMPLATES.env.globals["blacklist_words"] = _blacklist_words  # the same short words as `extrashield states`


def _collision_words(brief: dict[str, Any], code: str) -> str:
    from extrashield.services.state_profiles import collision_words

    return collision_words(brief, code, titles=True)


def _role_words(key: str) -> str:
    from extrashield.services.state_profiles import role_words

    return role_words(key)


def _research(text: str | None) -> str:
    from extrashield.services.state_profiles import research_words

    return research_words(text)


# a brief's point-7 line, a `targets`/`who` key and a profile's research text, in the page's language
TEMPLATES.env.globals.update(collision_words=_collision_words, role_words=_role_words, research=_research)

# What the confidence marks of the research data mean (docs/treaties-and-states.md).
CONFIDENCE_WORDS = {
    "V": "verified in a source read",
    "V-partial": "partly verified (source cut off or read in part)",
    "M": "recalled, not verified",
    "I": "inferred",
    "S": "stated in a seed report",
}
CONFIDENCE_GLOSSARY = [{"mark": k, "meaning": v} for k, v in CONFIDENCE_WORDS.items()]


def _today() -> dt.date:
    return dt.date.today()


def _missing(request: Request, field: str, msg: str) -> Response:
    """A 404 that names the field, as HTML or JSON."""
    return page(
        request,
        "error.html",
        {"detail": [{"field": field, "msg": msg}]},
        status=404,
        message=f"{field}: {msg}",
    )


def _day(request: Request, date: str) -> dt.date:
    return optional_day(date, "date") or _today()


def _case_json(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


# -- requesting states and treaties ---------------------------------------------------------------


def _collides(treaties: list[dict[str, Any]]) -> str:
    """Whether a refusal under point 7 collides with a treaty duty: yes (a binding treaty does not list it),
    possibly (binding or text not established), no (no treaty, or every treaty lists such a ground)."""
    if any(t["binds_on_date"] is True and t["point7_listed"] is False for t in treaties):
        return "yes"
    if any(t["point7_listed"] is not True for t in treaties):
        return "possibly"
    return "no"


@router.get("/states")
def states_index(request: Request, date: str = "") -> Response:
    check_format(request)
    from extrashield.services.state_profiles import all_profiles

    try:
        day = _day(request, date)
    except CaseError as exc:
        return problem(request, exc)
    rows = all_profiles(day)
    for row in rows:
        row["point7_collides"] = _collides(row["treaties"])
    return page(
        request,
        "states.html",
        {
            "as_of": day.isoformat(),
            "states": rows,
            "blacklist_note": N_(
                "The recruitment blacklist is a media report of an informal instruction, not law: yes, no or "
                "unknown on the date, as the blacklist command answers (not named in a list with unnamed "
                "entries is unknown, not no)."
            ),
        },
    )


@router.get("/states/{code}")
def state_page(request: Request, code: str, date: str = "") -> Response:
    check_format(request)
    from extrashield.facts.countries import CODES
    from extrashield.services.state_profiles import state_profile
    from extrashield.sources.states import state_codes

    wanted = code.upper()
    if wanted not in CODES:
        return _missing(
            request,
            "code",
            _("{value!r} is not an ISO 3166-1 alpha-2 country code (states with a profile: {known})").format(
                value=code, known=", ".join(state_codes())
            ),
        )
    try:
        day = _day(request, date)
    except CaseError as exc:
        return problem(request, exc)
    try:
        # A state without a profile gets what the treaty files and the reported blacklist say, as the
        # `states` command answers, rather than a 404 for a page that has something to tell.
        data = state_profile(wanted, day) if wanted in state_codes() else _unprofiled(wanted, day)
    except LawDataError as exc:  # a broken data file: say which, without a traceback
        return page(
            request,
            "error.html",
            {"detail": str(exc)},
            status=500,
            message=_("Invalid law data: {error}").format(error=exc),
        )
    data["confidence_marks"] = CONFIDENCE_GLOSSARY
    return page(request, "state.html", data, confidence=CONFIDENCE_WORDS)


def _unprofiled(code: str, day: dt.date) -> dict[str, Any]:
    from extrashield.facts.country_names import names
    from extrashield.services.state_profiles import missing_profile

    data = missing_profile(code, day)
    from babel import Locale

    data["name"] = {"en": names().english.get(code, code), "ru": Locale("ru").territories.get(code, code)}
    return data


@router.get("/treaties")
def treaties_index(request: Request) -> Response:
    check_format(request)
    from extrashield.sources.treaties import load_treaty, treaty_ids

    rows = []
    for tid in treaty_ids():
        t = load_treaty(tid)
        rows.append(
            {
                "id": t.id,
                "title": t.title,
                "kind": t.kind,
                "signed": t.signed.isoformat() if t.signed else None,
                "in_force_for_russia": t.in_force_for_russia.to_dict(),
                "obliges_extradition_article": t.obliges_extradition.article
                if t.obliges_extradition
                else None,
                "point7_listed": t.point7_ground.listed,
            }
        )
    return page(request, "treaties.html", {"treaties": rows})


@router.get("/treaties/{treaty_id}")
def treaty_page(request: Request, treaty_id: str) -> Response:
    check_format(request)
    from extrashield.sources.lawbook import default_lawbook
    from extrashield.sources.treaties import load_treaty, treaty_ids

    if treaty_id not in treaty_ids():
        return _missing(
            request,
            "treaty",
            _("no treaty {value!r} in the data (known: {known})").format(
                value=treaty_id, known=", ".join(treaty_ids())
            ),
        )
    try:
        t = load_treaty(treaty_id)
    except LawDataError as exc:
        return page(
            request,
            "error.html",
            {"detail": str(exc)},
            status=500,
            message=_("Invalid law data: {error}").format(error=exc),
        )
    data = t.to_dict()
    book = default_lawbook()
    for g in data["refusal_grounds"]:  # what each ground matches in Russian law, by name
        p = book.provisions.get(g["covers"]) if g["covers"] else None
        g["covers_citation"] = p.citation if p is not None else None
        g["covers_title"] = p.title.en if p is not None else None
    data["confidence_marks"] = CONFIDENCE_GLOSSARY
    from extrashield.sources.states import state_codes

    return page(request, "treaty.html", data, confidence=CONFIDENCE_WORDS, state_codes=state_codes())


# -- the case pages: removal routes and eligibility ---------------------------------------------


def _start(
    request: Request, action: str, title: str, about: str, pasted: str = "", error: str = ""
) -> Response:
    """The page's start when no case is given: pick a worked example (GET) or paste a case (POST); with
    `error`, the pasted text comes back as it was, the message tied to it (422)."""
    return page(
        request,
        "case_start.html",
        {
            "title": title,
            "about": about,
            "action": action,
            "examples": example_names(),
            "fields": ["example", "case"],
        },
        status=422 if error else 200,
        pasted=pasted,
        paste_error=error,
    )


REMOVAL_ABOUT = N_(
    "Which ways of removing a person from Russia (extradition, administrative expulsion, deportation, "
    "readmission, undesirability of stay, residence-permit cancellation) are closed on the decision date, and why."
)
ELIGIBILITY_ABOUT = N_(
    "May the person conclude a military-service contract with Russia, or apply for Russian citizenship "
    "under a simplified procedure, on the decision date? The reported blacklist is shown apart from the law."
)


START_PAGES = {
    "/removal": (N_("Removal routes"), REMOVAL_ABOUT),
    "/eligibility": (N_("Eligibility for a contract or citizenship"), ELIGIBILITY_ABOUT),
}

CasePage = Callable[[Request, dict[str, Any], dict[str, str], str], Response]


def _example_page(
    request: Request, render: CasePage, example: str, action: str, title: str, about: str
) -> Response:
    """A case page for the case in the URL (`s`), or a bundled example (no personal data), or its start page
    when neither is given."""
    check_format(request)
    try:
        state = linked_state(request)
    except CaseError as exc:
        return problem(request, exc)
    if state is not None:
        return render(request, state.case, state.readings, "")
    if not example and "example" not in request.query_params:
        return _start(request, action, title, about)
    try:
        raw = load_example(example)
        readings = readings_from(request.query_params.getlist("reading"), {})
    except CaseError as exc:
        return problem(request, exc)
    return render(request, raw, readings, example)


async def _posted_page(request: Request, render: CasePage) -> Response:
    """A case posted in a hidden field (a paste, a script): a 303 to the page's GET address with the case in
    the URL; a case too long for a link is answered here."""
    check_format(request)
    fields = await form_fields(request)
    try:
        raw = hidden_case(fields)
        readings = readings_from(request.query_params.getlist("reading"), fields)
    except CaseError as exc:
        start = START_PAGES.get(request.url.path)
        if fields.get("pasted") and start is not None and not wants_json(request):
            # a case pasted on the start page comes back as typed, the message next to it
            where = "" if exc.path == "case" else f"{exc.path}: "
            return _start(
                request, request.url.path, *start, pasted=fields.get("case", ""), error=where + exc.problem
            )
        return problem(request, exc)
    url = case_url(request.url.path, raw, readings)
    if url is not None:
        return see_other(request, url)
    return render(request, raw, readings, "")


def _removal(request: Request, raw: dict[str, Any], readings: dict[str, str], example: str = "") -> Response:
    from extrashield.services.removal import assess_removal

    try:
        data = assess_removal(raw, readings=readings).to_dict()
    except CaseError as exc:
        return problem(request, exc)
    return page(
        request,
        "removal.html",
        data,
        headers=NO_REFERRER,
        case_json=_case_json(raw),
        token=case_token(raw, data["interpretations"]),
        example=example,
    )


@router.get("/removal")
def removal_example(request: Request, example: str = "") -> Response:
    """Every removal route on the decision date for a bundled example (no personal data: GET is fine)."""
    return _example_page(request, _removal, example, "/removal", N_("Removal routes"), REMOVAL_ABOUT)


@router.post("/removal")
async def removal_post(request: Request) -> Response:
    return await _posted_page(request, _removal)


def _what_if(
    request: Request, raw: dict[str, Any], readings: dict[str, str], token: str | None
) -> dict[str, Any] | None:
    """The command line's `--grant-citizenship` on the page: the extradition outcome on the decision date
    now and as if the person became a Russian citizen on the date asked (`grant_citizenship`)."""
    grant = request.query_params.get("grant_citizenship")
    if grant is None:
        return None
    from extrashield import assess
    from extrashield.facts.whatif import grant_russian_citizenship

    try:
        granted = grant_russian_citizenship(raw, grant.strip())
        before, after = assess(raw, readings=readings), assess(granted, readings=readings)
    except CaseError as exc:
        return {"date": grant, "error": {"field": exc.path, "msg": exc.problem}}
    applying = [g for g in after.to_dict()["grounds"] if g["status"] == "applies"]
    state = InterviewState(raw, readings) if token else None
    return {
        "date": grant.strip(),
        "grant_russian_citizenship": grant.strip(),
        "before": before.outcome,
        "after": after.outcome,
        "applies": [{"provision": g["provision"], "citation": g["citation"]} for g in applying],
        "after_decision_date": grant.strip() > before.decision_date.isoformat(),
        "decision": state.url("/decision", grant_citizenship=grant.strip()) if state else None,
    }


def _eligibility(
    request: Request, raw: dict[str, Any], readings: dict[str, str], example: str = ""
) -> Response:
    from extrashield.services.recruitment import citizenship_eligibility, contract_eligibility

    try:
        contract = contract_eligibility(raw, readings=readings).to_dict()
        citizenship = citizenship_eligibility(raw, readings=readings).to_dict()
    except CaseError as exc:
        return problem(request, exc)
    reported = contract.pop("reported_practice", None)  # the media report, shown apart from the law
    current = {**contract["interpretations"], **citizenship["interpretations"]}
    try:  # the page's case and readings as an interview's state: the what-if form and the interview carry it
        state = InterviewState(raw, current, topic="eligibility")
        linked = linked_state(request)
        if linked is not None and linked.topic == "eligibility" and linked.case == raw:
            # the end of an eligibility interview: its answers keep their order and skips for the review
            state = replace(linked, readings=current)
        token: str | None = state.token()
    except CaseError:
        token = None  # a case too long for a link: the page works, without those two
    what_if = _what_if(request, raw, current, token)
    data = {
        "id": contract.get("id"),
        "decision_date": contract["decision_date"],
        "law_digest": contract["law_digest"],
        "contract": contract,
        "citizenship": citizenship,
        "reported_practice": reported,
        "interpretations": current,
        "readings": reading_choices(sorted(current)),
        **({"what_if": what_if} if what_if is not None else {}),
    }
    failed = what_if is not None and "error" in what_if
    if failed and wants_json(request):
        return problem(request, CaseError(what_if["error"]["field"], what_if["error"]["msg"]))  # type: ignore[index]
    interview = None
    if token is not None:
        interview = {
            "answer": f"/interview/step?s={token}",
            "review": f"/interview/review?s={token}",
            "ended": request.query_params.get("from") == "interview",
            "token": token,
        }
    return page(
        request,
        "eligibility.html",
        data,
        status=422 if failed else 200,
        headers=NO_REFERRER,
        case_json=_case_json(raw),
        token=case_token(raw, {**readings, **current}),  # the decision's readings carried on too
        example=example,
        interview=interview,
        from_token=FIELD in request.query_params,
    )


@router.get("/eligibility")
def eligibility_example(request: Request, example: str = "") -> Response:
    """Eligibility for the case in the URL (`s`: the end of an eligibility interview, the what-if form,
    another case page's link) or a bundled example."""
    return _example_page(
        request,
        _eligibility,
        example,
        "/eligibility",
        N_("Eligibility for a contract or citizenship"),
        ELIGIBILITY_ABOUT,
    )


@router.post("/eligibility")
async def eligibility_post(request: Request) -> Response:
    return await _posted_page(request, _eligibility)
