"""The guided interview: one question at a time, chosen by the core (interview.py), the state in the URL.

Every page the user lands on is a GET whose URL carries the interview's state (interview_state.py); each
answer is POSTed and answered with a 303 redirect to the next page (Post/Redirect/Get), so the browser's
Back, Forward and Reload work and the URL is the link to resume. A form with an error is the one page
answered directly (422): it comes back with every value as typed and the message next to its field.

Pages: /interview (start: a case file, a paste, an example or nothing; case reference and client's name),
/interview/step (the next question, or `ask=FACT` to change an answer), /interview/review (every answer
with "change"), /interview/case.json (the case file, to load again on the start page). The end of an
interview is the decision page (or the eligibility page), reached by GET with the same state.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from extrashield.adapters.web.casedata import (
    MAX_CASE_CHARS,
    answer_text,
    answer_value,
    check_fact,
    error_field,
    example_names,
    form_values,
    list_rows,
    load_example,
    parse_case_text,
    set_path,
    widget_for,
)
from extrashield.adapters.web.forms import form_fields, hidden_case, hidden_list, optional_day, text_fields
from extrashield.adapters.web.interview import (
    ABOUT_THE_CASE,
    FILE,
    Question,
    Subject,
    next_question,
    question_about,
    subjects,
)
from extrashield.adapters.web.interview_state import FIELD, TOPICS, InterviewState, read_token
from extrashield.adapters.web.render import (
    NO_REFERRER,
    attachment,
    case_file_name,
    check_format,
    page,
    problem,
    see_other,
    wants_json,
)
from extrashield.adapters.web.views import readings_from
from extrashield.errors import CaseError
from extrashield.facts import paths
from extrashield.facts.case import question_for, spec_at, validate_case
from extrashield.i18n import _

router = APIRouter()
START_FIELDS = ("decision_date", "case_ref", "client_name", "case_file", "case_text", "example", "topic")
END_PAGE = {"decision": "/decision", "eligibility": "/eligibility"}


def state_from(fields: dict[str, str]) -> InterviewState:
    """The state of a posted form: the token, or (forms of earlier versions, scripts) the hidden case with
    the `answered` and `skipped` lists and `r:` readings."""
    token = fields.get(FIELD)
    if token:
        state = read_token(token)
    else:
        state = InterviewState(
            hidden_case(fields),
            answered=tuple(hidden_list(fields, "answered")),
            skipped=tuple(hidden_list(fields, "skipped")),
        )
    readings = {**state.readings, **{k[2:]: v for k, v in fields.items() if k.startswith("r:") and v}}
    return _checked(
        InterviewState(state.case, readings, state.answered, state.skipped, state.every_ground, state.topic)
    )


def _checked(state: InterviewState) -> InterviewState:
    readings_from([], {f"r:{k}": v for k, v in state.readings.items()})  # a ReadingError names the bad one
    return state


# -- start ----------------------------------------------------------------------------------------------


def _start_page(
    request: Request, values: Mapping[str, str] | None = None, error: CaseError | None = None
) -> Response:
    values = dict(values or {})
    errors: dict[str, str] = {}
    data: dict[str, Any] = {"examples": example_names(), "fields": list(START_FIELDS), "topics": list(TOPICS)}
    status = 200
    if error is not None:
        # an error inside a pasted or uploaded case belongs to the text that holds it
        field = error.path if error.path in START_FIELDS else "case_text"
        field = "case_text" if field == "case_file" else field
        message = error.problem if field == error.path else f"{error.path}: {error.problem}"
        errors[field] = message
        data["error"] = {"field": error.path, "msg": error.problem}
        status = 422
        if wants_json(request):
            return problem(request, error, "start.html")
    return page(
        request,
        "start.html",
        data,
        status=status,
        values=values,
        errors=errors,
        focus=next(iter(errors), ""),
        error=error,
    )


@router.get("/interview", summary="Start a guided interview")
def interview_start(request: Request) -> Response:
    check_format(request)
    return _start_page(request, {"topic": request.query_params.get("topic", "decision")})


def _with_person(raw: dict[str, Any], ref: str, name: str) -> dict[str, Any]:
    """The case with the reference (`id`) and the client's name (first of `person.names`) typed on the
    start page; both are fields of the case format, which the rules never read."""
    if ref:
        raw = set_path(raw, "id", ref)
    if name:
        names = [n for n in (raw.get("person") or {}).get("names") or [] if n != name]
        raw = set_path(raw, "person.names", [name, *names])
    return raw


@router.post("/interview")
async def interview_begin(request: Request) -> Response:
    check_format(request)
    async with request.form() as form:  # closing the form removes an upload's temporary file
        fields = text_fields(form)
        upload = form.get("case_file")
        uploaded = (
            await upload.read(MAX_CASE_CHARS + 1)
            if isinstance(upload, UploadFile) and upload.filename
            else None
        )
    kept = dict(fields)
    if uploaded is not None:  # shown again as pasted text if anything is wrong: the file is not lost
        kept["case_text"] = uploaded[:MAX_CASE_CHARS].decode("utf-8", "replace")
    try:
        if uploaded is not None:
            raw = parse_case_text(uploaded, "case_file")
        elif fields.get("case_text", "").strip():
            raw = parse_case_text(fields["case_text"], "case_text")
        elif fields.get("example"):
            raw = load_example(fields["example"])
        else:
            raw = {}
        day = optional_day(fields.get("decision_date"), "decision_date")
        if day is not None:
            raw["decision_date"] = day.isoformat()
        elif raw.get("decision_date") is None:
            import datetime as dt

            raw["decision_date"] = dt.date.today().isoformat()
        raw = _with_person(raw, fields.get("case_ref", "").strip(), fields.get("client_name", "").strip())
        validate_case(raw)
        topic = fields.get("topic") or "decision"
        if topic not in TOPICS:
            raise CaseError(
                "topic",
                _("expected one of {known}, got {value!r}").format(known=", ".join(TOPICS), value=topic[:40]),
            )
        readings = readings_from([], fields)
        state = InterviewState(raw, readings, every_ground=fields.get("every_ground") == "on", topic=topic)
        url = state.url("/interview/step")
    except CaseError as exc:
        return _start_page(request, kept, exc)
    return see_other(request, url)


# -- one question -----------------------------------------------------------------------------------------


def _outcomes(ss: list[Subject]) -> list[dict[str, Any]]:
    out = []
    for s in ss:
        answer = s.assessment.to_dict()
        out.append(
            {
                "subject": s.name,
                "outcome": str(s.assessment.outcome),
                "applies": [
                    g["provision"] for g in answer.get("grounds", []) if g.get("status") == "applies"
                ],
                "depends_on": answer.get("depends_on", []),
            }
        )
    return out


def _answers(state: InterviewState) -> list[dict[str, Any]]:
    """Every answer the case holds, for the review: the case's reference and names, the file, then the
    facts answered (in the order asked), then the other facts the case came with, then those skipped."""
    case = validate_case(state.case)
    facts = case.facts
    order = [
        *ABOUT_THE_CASE,
        *FILE[state.topic],
        *state.answered,
        *(f for f, v in facts.items() if v is not None and "[" not in f),
        *state.skipped,
    ]
    out = []
    for fact in dict.fromkeys(order):
        if fact in ABOUT_THE_CASE:
            value = _raw_value(state.case, fact)
            shown = answer_text(fact, value) if value is not None else "not given"
            out.append(
                {"fact": fact, "question": ABOUT_THE_CASE[fact], "answer": shown, "known": value is not None}
            )
            continue
        value = _fact_value(case.facts, fact)
        if fact == "request.treaty" and value is None and facts.get("request.legal_basis") != "treaty":
            continue
        if value is None and fact not in state.skipped and fact not in FILE[state.topic]:
            continue
        out.append(
            {
                "fact": fact,
                "question": _asked(fact),
                "answer": answer_text(fact, _raw_value(state.case, fact)),
                "known": value is not None,
                "skipped": fact in state.skipped,
            }
        )
    return out


def _existing(raw: Mapping[str, Any], fact: str, field: str) -> str:
    """`fact` if it is a fact of the case format (check_fact) and, for a field of a list entry, the case
    has that entry: a field of an entry is asked about, never an entry made up by the link."""
    check_fact(fact, field)
    place = paths.item(fact)
    if place is not None:
        items = _raw_value(raw, place[0])
        if not isinstance(items, list) or place[1] >= len(items):
            raise CaseError(
                field,
                _("names entry {n} of {path}, which the case does not have").format(
                    n=place[1], path=place[0]
                ),
            )
    return fact


def _asked(fact: str) -> str:
    """The question about a fact, or for a field no rule asks about (the offence in words) its name."""
    if spec_at(fact).question is None:
        *parents, leaf = paths.unindexed(fact).split(".")
        return leaf.replace("_", " ").capitalize() + (
            f" ({parents[-1].replace('_', ' ')})" if parents else ""
        )
    return question_for(fact)


def _raw_value(raw: Mapping[str, Any], fact: str) -> Any:
    """The JSON value at `fact` in the raw case (None when absent)."""
    node: Any = raw
    for step in paths.steps(fact):
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def _fact_value(facts: Mapping[str, Any], fact: str) -> Any:
    if fact in facts:
        return facts[fact]
    place = paths.item(fact)
    if place is None:
        return None
    items = facts.get(place[0]) or ()
    return items[place[1]].get(place[2]) if place[1] < len(items) else None


def _step_page(
    request: Request,
    state: InterviewState,
    ss: list[Subject],
    q: Question,
    *,
    then: str = "",
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    error: CaseError | None = None,
) -> Response:
    token = state.token()
    rows = list_rows(q.fact, _raw_value(state.case, q.fact))
    if values and values.get("answer-rows", "").isdigit():
        rows = max(rows, min(int(values["answer-rows"]), rows + 10))
    w = widget_for(q.fact, topic=state.topic, rows=rows)
    errors = dict(errors or {})
    focus = next(iter(errors), "") or _first_control(w)
    previous = next(reversed([*state.answered, *state.skipped]), None)
    data = {
        "case": state.case,
        "topic": state.topic,
        "every_ground": state.every_ground,
        "readings": state.readings,
        "provisional": _outcomes(ss)[0] if len(ss) == 1 else None,
        "outcomes": _outcomes(ss),
        "question": q.to_dict(),
        "widget": w.to_dict(),
        "answered": [
            {"fact": f, "question": question_for(f), "answer": answer_text(f, _raw_value(state.case, f))}
            for f in state.answered
        ],
        "skipped": list(state.skipped),
        "number": len(state.answered)
        + len(state.skipped)
        + (0 if q.fact in (*state.answered, *state.skipped) else 1),
        "links": {
            "self": state.url("/interview/step", **({"ask": q.fact} if then or q.stage == "change" else {})),
            "resume": str(request.base_url).rstrip("/") + state.url("/interview/step"),
            "back": state.url("/interview/step", ask=previous) if previous and previous != q.fact else None,
            "review": state.url("/interview/review"),
            "end": state.url(END_PAGE[state.topic]),
            "download": state.url("/interview/case.json"),
        },
        "token": token,
    }
    if error is not None:
        data["error"] = {"field": error.path, "msg": error.problem}
    return page(
        request,
        "step.html",
        data,
        status=422 if error is not None else 200,
        headers=NO_REFERRER,
        w=w,
        values=dict(values or {}),
        errors=errors,
        focus=focus,
        then=then,
        error=error,
    )


def _first_control(w: Any) -> str:
    return f"{w.name}-mode" if w.kind in ("list", "date_or_ongoing") else w.name


@router.get("/interview/step")
def interview_step(request: Request, ask: str = "", then: str = "") -> Response:
    check_format(request)
    try:
        state = _checked(read_token(request.query_params.get(FIELD)))
        ss = subjects(state.case, state.readings, state.topic)
        if ask:
            q = question_about(ss, _existing(state.case, ask, "ask"), "change")
            current = form_values(ask, _raw_value(state.case, ask), topic=state.topic)
            return _step_page(request, state, ss, q, then=then if then == "review" else "", values=current)
        q_next = next_question(ss, state.topic, frozenset(state.skipped), state.every_ground)
        if q_next is None:
            return see_other(request, state.url(END_PAGE[state.topic], **{"from": "interview"}))
        return _step_page(request, state, ss, q_next)
    except CaseError as exc:
        return problem(request, exc)


@router.post("/interview/answer")
async def interview_answer(request: Request) -> Response:
    check_format(request)
    fields = await form_fields(request)
    try:
        state = state_from(fields)
        fact = fields.get("fact", "")
        if not fact:
            raise CaseError("fact", _("is missing: which question is being answered?"))
        _existing(state.case, fact, "fact")
    except CaseError as exc:
        return problem(request, exc)
    then = "review" if fields.get("then") == "review" else ""
    try:
        before = _raw_value(state.case, fact)
        if fields.get("action") == "skip":
            value = None
        else:
            value = answer_value(fact, fields, topic=state.topic, before=before)
        if value is None and before is None:
            raw = state.case
        else:  # a changed answer, or one now not known: the case says so
            raw = set_path(state.case, fact, value)
            hidden_case({"case": json.dumps(raw)})  # validated by the core: a bad answer names its field
        new = state.with_answer(fact, raw, value is not None)
        url = new.url("/interview/review" if then else "/interview/step")
    except (CaseError, KeyError) as exc:
        error = (
            exc
            if isinstance(exc, CaseError)
            else CaseError("fact", _("unknown fact {path!r}").format(path=fact))
        )
        ss = subjects(state.case, state.readings, state.topic)
        again = then or fact in (*state.answered, *state.skipped)
        q = question_about(ss, fact, "change" if again else "file" if fact in FILE[state.topic] else "")
        field = error_field(error.path, fact, fields, topic=state.topic)
        message = (
            error.problem
            if error.path == fact or error.path.startswith(fact + "[")
            else f"{error.path}: {error.problem}"
        )
        return _step_page(
            request, state, ss, q, then=then, values=fields, errors={field: message}, error=error
        )
    return see_other(request, url)


# -- review, download -------------------------------------------------------------------------------------


@router.get("/interview/review")
def interview_review(request: Request) -> Response:
    check_format(request)
    try:
        state = _checked(read_token(request.query_params.get(FIELD)))
        ss = subjects(state.case, state.readings, state.topic)
        q = next_question(ss, state.topic, frozenset(state.skipped), state.every_ground)
        answers = _answers(state)
        for a in answers:
            a["change"] = state.url("/interview/step", ask=a["fact"], then="review")
    except CaseError as exc:
        return problem(request, exc)
    data = {
        "case": state.case,
        "topic": state.topic,
        "outcomes": _outcomes(ss),
        "answers": answers,
        "next_question": q.to_dict() if q else None,
        "links": {
            "continue": state.url("/interview/step"),
            "end": state.url(END_PAGE[state.topic]),
            "download": state.url("/interview/case.json"),
            "self": state.url("/interview/review"),
        },
    }
    return page(request, "review.html", data, headers=NO_REFERRER)


@router.get("/interview/case.json")
def interview_case_file(request: Request) -> Response:
    """The case as a file, to keep with the client's papers and load again on the start page."""
    try:
        state = read_token(request.query_params.get(FIELD))
    except CaseError as exc:
        return problem(request, exc)
    raw = state.case
    return Response(
        json.dumps(raw, ensure_ascii=False, indent=2) + "\n",
        media_type="application/json",
        headers={**attachment(case_file_name(raw)), **NO_REFERRER},
    )
