"""The memo to file as a download (PDF or DOCX, in English or Russian): from the decision on the page
(POST, the case in its hidden field, as the decision page carries it), from a bundled example (GET), and
from a decision saved in the registry (GET, a reader's token; the read is access-logged like the record).

The memo is built from the answer by extrashield.present.memo and laid out by present.memo_pdf/memo_docx;
the routes only read the request and name the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.web.casedata import load_example
from extrashield.adapters.web.forms import form_fields, hidden_case
from extrashield.adapters.web.render import attachment, not_found, problem
from extrashield.adapters.web.views import readings_from
from extrashield.errors import CaseError
from extrashield.i18n import _

router = APIRouter()
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def memo_lang(request: Request, fields: Mapping[str, str] | None = None) -> str:
    """The decision page's memo form's `lang` field (its language choice), else `?lang=en|ru`, else the
    page's language (web/language.py: Accept-Language); anything else is a 422 naming `lang`."""
    from extrashield.adapters.http.inputs import single
    from extrashield.i18n import LANGUAGES, language

    lang = (fields or {}).get("lang") or single(request.query_params, "lang") or language()
    if lang not in LANGUAGES:
        raise CaseError("lang", _("expected en or ru, got {value!r}").format(value=lang[:20]))
    return lang


def memo_file(case: Mapping[str, Any], answer: Mapping[str, Any], fmt: str, lang: str) -> Response:
    """The memo of `answer` as a download."""
    from extrashield.present.memo import build_memo

    memo = build_memo(case, answer, lang=lang)
    if fmt == "pdf":
        from extrashield.present.memo_pdf import memo_pdf

        body = memo_pdf(memo)
    else:
        from extrashield.present.memo_docx import memo_docx

        body = memo_docx(memo)
    name = f"{memo.file_stem}-{lang}.{fmt}"
    return Response(
        body,
        media_type=FORMATS[fmt],
        headers=attachment(name),
    )


def _assessed(raw: dict[str, Any], readings: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    from extrashield import assess

    return raw, assess(raw, readings=readings).to_dict()


@router.post("/decision/memo.{fmt}")
async def decision_memo_post(request: Request, fmt: str) -> Response:
    """The memo of the decision on the page: the case and readings the page posts."""
    if fmt not in FORMATS:
        return not_found(request, _("No memo format {value!r} (pdf or docx).").format(value=fmt))
    fields = await form_fields(request)
    try:
        lang = memo_lang(request, fields)
        raw = hidden_case(fields)
        readings = readings_from(request.query_params.getlist("reading"), fields)
        case, answer = await run_in_threadpool(_assessed, raw, readings)
    except CaseError as exc:
        return problem(request, exc)
    return await run_in_threadpool(memo_file, case, answer, fmt, lang)


@router.get("/decision/memo.{fmt}")
async def decision_memo_example(request: Request, fmt: str, example: str = "") -> Response:
    """A bundled example's memo (no personal data, so a GET link is fine)."""
    if fmt not in FORMATS:
        return not_found(request, _("No memo format {value!r} (pdf or docx).").format(value=fmt))
    try:
        lang = memo_lang(request)
        raw = load_example(example)
        readings = readings_from(request.query_params.getlist("reading"), {})
        case, answer = await run_in_threadpool(_assessed, raw, readings)
    except CaseError as exc:
        return problem(request, exc)
    return await run_in_threadpool(memo_file, case, answer, fmt, lang)


@router.get("/registry/decisions/{record_id}/memo.{fmt}")
async def registry_decision_memo(request: Request, record_id: str, fmt: str) -> Response:
    """The memo of a saved decision: its case and answer as saved (the law-data version it was taken
    under is the memo's), for a reader."""
    from extrashield.adapters.web.routes_registry import saved_decision

    if fmt not in FORMATS:
        return not_found(request, _("No memo format {value!r} (pdf or docx).").format(value=fmt))
    try:
        lang = memo_lang(request)
    except CaseError as exc:
        return problem(request, exc)
    _user, record, instead = await saved_decision(request, record_id)
    if record is None:
        assert instead is not None
        return instead
    return await run_in_threadpool(memo_file, record["case"], record["answer"], fmt, lang)


@router.get("/memo.css")
def memo_stylesheet() -> Response:
    """The memo's stylesheet, for the decision page's printed form (pages load styles from this site only)."""
    from extrashield.present.memo_html import stylesheet

    return Response(stylesheet(), media_type="text/css", headers={"cache-control": "max-age=3600"})


def _memo_of(data: Mapping[str, Any]) -> Any:
    """The memo of a decision page's data in the page's language: the page prints it and takes its change
    note."""
    from extrashield.i18n import language
    from extrashield.present.memo import build_memo

    return build_memo(data["case"], data["answer"], lang=language())


def _memo_gettext(message: str) -> str:
    """The memo's `_` in the page's language (the memo's texts are in its own catalogue)."""
    from extrashield.i18n import language
    from extrashield.present.memo_texts import translator

    return translator(language())(message)


def _install_template_helpers() -> None:
    from extrashield.adapters.web.render import TEMPLATES

    TEMPLATES.env.globals.update(memo_of=_memo_of, memo_gettext=_memo_gettext)


_install_template_helpers()
