"""Rendering: every page is a Jinja template over a plain data dict, and the same dict is the page's
JSON twin (`?format=json` on any page, GET or POST: one scheme everywhere).

Pages set their own Content-Security-Policy (the API's middleware adds a stricter one only where none
is set): scripts and styles come from /static only, nothing from another origin.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader, pass_context

from extrashield.adapters.web import language as page_language
from extrashield.adapters.web import words
from extrashield.adapters.web.casedata import widget_for
from extrashield.errors import CaseError
from extrashield.facts.country_names import local_name
from extrashield.i18n import (
    N_,
    _,
    answers,
    conventions,
    data_text,
    gettext,
    install_jinja,
    language,
    template_values,
)
from extrashield.present import plain
from extrashield.sources.blacklist import why_words as blacklist_why_words

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
# the memo's templates (extrashield/present/templates): the decision page prints the memo's body
TEMPLATES.env.loader = ChoiceLoader(
    [
        FileSystemLoader(str(HERE / "templates")),
        FileSystemLoader(str(HERE.parents[1] / "present" / "templates")),
    ]
)
install_jinja(TEMPLATES.env)  # `_()` and `{% trans %}` in the request's language (web/language.py)
# marked here, translated where shown: `_(outcome_words[o])`
TEMPLATES.env.globals["outcome_words"] = {
    "barred": N_("Extradition is barred"),
    "may_refuse": N_("Extradition may be refused"),
    "permitted": N_("No ground found: extradition may proceed"),
    "undetermined": N_("Undetermined: the facts known do not settle it"),
}
# `tr(text)`: a text of the data (a question, a meaning, a label marked with N_) in the language; `_()` is
# for the templates' own texts (it formats %-placeholders, so it must not be given data)
TEMPLATES.env.globals.update(
    language=language,
    N_=N_,
    tr=data_text,
    because=answers.because,
    say=words.say,
    code=words.code,
    strong=words.strong,
)


# Jinja folds a filter of a constant at compile time, in the language of the first render: these depend
# on the language of the moment, so they take the context (which Jinja never folds).
@pass_context
def _day(_context: Any, value: Any) -> str:
    return conventions.day(value)


@pass_context
def _number(_context: Any, value: Any, pattern: str | None = None) -> str:
    return conventions.number(value, pattern)


TEMPLATES.env.filters.update(day=_day, number=_number)


def event_text(event: Mapping[str, Any]) -> str:
    """A timeline event of a page's data (`Event.to_dict()`) in the page's language, a provision cited as
    that language cites it."""
    from extrashield import default_lawbook
    from extrashield.engine.timeline import Event, event_words

    day = dt.date.fromisoformat(event["day"])
    citations = (
        {pid: p.label.ru for pid, p in default_lawbook().provisions.items()} if language() == "ru" else None
    )
    event_ = Event(day, event.get("kind", "law"), event["what"], event.get("ref", ""))
    return event_words(event_, citations, day=conventions.day)


TEMPLATES.env.globals["event_text"] = event_text


def cite(provision_id: str, citation: str) -> str:
    """A provision cited as the page's language cites it: in Russian as the Code does (п. 7 ч. 1 ст. 464
    УПК РФ, the law data's Russian label), in English as the answer does (`citation`)."""
    from extrashield import default_lawbook

    provision = default_lawbook().provisions.get(provision_id)
    return provision.label.ru if provision is not None and language() == "ru" else citation


def provision_title(provision_id: str, title: str) -> str:
    """A provision's title in the page's language (the law data has both; `title` is the answer's)."""
    from extrashield import default_lawbook

    provision = default_lawbook().provisions.get(provision_id)
    return provision.title.ru if provision is not None and language() == "ru" else gettext(title)


def reading_question(key: str) -> str:
    """A reading of the law data by its question, quoted as the page's language quotes («…» or “…”)."""
    from extrashield import default_lawbook

    reading = default_lawbook().readings.get(key)
    if reading is None:
        return plain.scrub(key)
    open_, close = ("«", "»") if language() == "ru" else ("“", "”")
    return f"{open_}{data_text(reading.question)}{close}"


def interplay_words(text: str) -> str:
    """An eligibility answer's `interplay` in the page's language, without the command the command line's
    report suggests (the page has its own what-if form)."""
    from extrashield.services.recruitment import INTERPLAY, INTERPLAY_LAW

    return data_text(INTERPLAY_LAW if text == INTERPLAY else text)


TEMPLATES.env.globals.update(
    cite=cite,
    provision_title=provision_title,
    reading_question=reading_question,
    interplay_words=interplay_words,
)


def _quoted(text: str) -> str:
    open_, close = ("«", "»") if language() == "ru" else ("“", "”")
    return f"{open_}{text}{close}"


def alternative_words(text: str) -> str:
    """An open question's alternative in the page's language: a reading (`KEY=VALUE`, or its value alone)
    by its value in words, or the condition of a bill's adoption with its date as the language writes it."""
    from extrashield import default_lawbook
    from extrashield.services.shields import adoption_condition_words

    key, sep, value = text.partition("=")
    if sep and key in default_lawbook().readings:
        return _quoted(words.say(value))
    if (condition := adoption_condition_words(text, conventions.day)) is not None:
        return condition
    if " " not in text:  # a reading's value alone (the question names its key)
        return _quoted(words.say(text))
    return plain.scrub(text)


def question_words(question: str) -> str:
    """An open question of an answer in the page's language: a bill's adoption question part by part (the
    provision's question, the bill's note, the earliest day and how sure it is), any other through the
    catalogue."""
    from extrashield.services.shields import ADOPTION

    values = template_values(question, ADOPTION)
    if values is None:
        return plain.scrub(data_text(question))
    return _(ADOPTION).format(
        question=plain.scrub(data_text(values["question"])),
        note=note_words(values["note"]),
        day=conventions.day(values["day"]),
        certainty=conventions.date_certainty(values["certainty"]),
    )


def note_words(note: str) -> str:
    """A provision's status note, or a bill's note, in the page's language (sources/lawquery.py)."""
    from extrashield.sources.lawquery import note_words as words

    return words(note)


TEMPLATES.env.globals.update(
    note_words=note_words, alternative_words=alternative_words, question_words=question_words
)


def law_why_words(text: str) -> str:
    """Why the law behind a removal shield is or may not be there, in the page's language."""
    from extrashield.services.shields import law_why_words as words

    return words(text)


def in_english(text: str | None) -> bool:
    """Whether a text of the data shows in English on a page in another language, to be marked lang="en":
    the catalogue has no translation of it, and it has English words (a source's note that is itself a
    Russian quotation is its own translation)."""
    return (
        bool(text)
        and language() != "en"
        and data_text(text) == text
        and re.search("[A-Za-z]", text or "") is not None
    )


TEMPLATES.env.globals["in_english"] = in_english
TEMPLATES.env.globals["law_why_words"] = law_why_words
TEMPLATES.env.globals["blacklist_why"] = blacklist_why_words
TEMPLATES.env.globals["widget_for"] = widget_for
# Every page speaks in people's words (present/plain.py): reasons from an answer's conditions, law-data
# texts without research references or ids (`|plain`), and the marks said in words.
TEMPLATES.env.globals.update(
    plain_reasons=lambda ground: plain.reasons(
        ground, _=gettext, condition=answers.condition, day=conventions.day, country=local_name
    ),
    text_marks=plain.TEXT_MARKS,
    source_marks=plain.MARKS,
    certainty_words=plain.CERTAINTY,
)
TEMPLATES.env.filters["plain"] = plain.scrub


@pass_context
def _treaty_title(_context: Any, treaty_id: str) -> str:
    """A treaty's title in place of its id, in the page's language (the treaty files have both)."""
    if language() == "ru":
        from extrashield.sources.treaties import load_treaty, treaty_ids

        if treaty_id in treaty_ids():
            return str(load_treaty(treaty_id).title.get("ru") or plain.treaty_title(treaty_id))
    return plain.treaty_title(treaty_id)


@pass_context
def _country(_context: Any, code: str | None) -> str | None:
    """A country's name in place of its code (NP -> Nepal / Непал: Babel's CLDR names in Russian)."""
    return local_name(code) if code else code


TEMPLATES.env.filters.update(treaty_title=_treaty_title, country=_country)
PAGE_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    # Pages about real people must not linger in shared caches or the browser's history.
    "cache-control": "no-store",
}
# A page whose URL holds a case: never send it to another site as a Referer (the pages link to sources).
NO_REFERRER = {"referrer-policy": "no-referrer"}


def wants_json(request: Request) -> bool:
    """`?format=json` asks for the JSON twin; anything else but `html` is a 422 (see `check_format`)."""
    return request.query_params.get("format") == "json"


def check_format(request: Request) -> None:
    from extrashield.adapters.http.inputs import QueryError, single

    fmt = single(request.query_params, "format")
    if fmt not in (None, "", "html", "json"):
        raise QueryError("format", _("expected html or json, got {value!r}").format(value=fmt))
    lang = single(request.query_params, page_language.PARAM)
    if lang is not None and page_language.in_url(f"lang={lang}") is None:
        raise QueryError("lang", _("expected en or ru, got {value!r}").format(value=lang[:20]))


def json_url(request: Request) -> str:
    """This page's URL with format=json (kept query parameters)."""
    params = dict(request.query_params)
    params["format"] = "json"
    return (
        str(request.url.replace_query_params(**params).path)
        + "?"
        + str(request.url.replace_query_params(**params).query)
    )


def attachment(filename: str) -> dict[str, str]:
    """The headers of a download named `filename` (RFC 6266): the name as written in UTF-8 (RFC 5987's
    `filename*`: a case number in Cyrillic is the common case, and an HTTP header holds Latin-1 only) and
    an ASCII stand-in for clients that read only `filename`."""
    stand_in = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in filename)
    return {
        "content-disposition": f"attachment; filename=\"{stand_in}\"; filename*=UTF-8''{quote(filename, safe='')}",
        "cache-control": "no-store",
    }


def case_file_name(raw: Mapping[str, Any]) -> str:
    """The file name of a case's download: its reference (`id`, any script), else "case"."""
    ref = "".join(ch for ch in str(raw.get("id") or "") if ch.isalnum() or ch in "-_")[:60]
    return f"{ref or 'case'}.json"


def see_other(request: Request, url: str) -> Response:
    """A 303 to `url` (Post/Redirect/Get: Back, Forward and Reload then work), keeping `format=json` (a
    script that follows the redirect gets the twin)."""
    if wants_json(request):
        url += ("&" if "?" in url else "?") + "format=json"
    return RedirectResponse(url, status_code=303, headers={"cache-control": "no-store", **NO_REFERRER})


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    if wants_json(request):
        return JSONResponse(
            data, status_code=status, headers={"cache-control": "no-store", **(headers or {})}
        )
    lang = language()
    switch = page_language.switch(request.url.path, request.url.query, lang)
    ctx = {"data": data, "json_url": json_url(request), "switch": switch, **context}
    response = TEMPLATES.TemplateResponse(
        request, template, ctx, status_code=status, headers={**PAGE_HEADERS, **(headers or {})}
    )
    if page_language.in_url(request.url.query) is not None:  # chosen in the URL: kept by every link
        response.body = page_language.keep_in_links(bytes(response.body).decode(), lang).encode()
        del response.headers["content-length"]
        response.headers["content-length"] = str(len(response.body))
    return response


def problem(
    request: Request, exc: CaseError, template: str = "error.html", status: int = 422, **context: Any
) -> Response:
    """Invalid input: 422 naming the field, as HTML or as the API's JSON (`detail[]`: `loc`, `field`, `msg`).

    A field that is a query parameter of the request (`format`, `date`, `example`, `reading`...) is located
    in `query`; the rest (a posted form field, a field of the posted case) in `body`."""
    from extrashield.adapters.http.problems import case_error_detail

    query = request.query_params
    data = {"detail": case_error_detail(exc, tuple(query.keys()), "query" if "reading" in query else "body")}
    return page(request, template, data, status=status, error=exc, **context)


def not_found(request: Request, what: str) -> Response:
    return page(request, "error.html", {"detail": what}, status=404, message=what)
