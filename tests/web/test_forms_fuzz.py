"""Property-based requests against every web page (the pages are not in /openapi.json, so schemathesis
never sees them): random form fields and query parameters, known and unknown, with NUL characters, huge
and negative numbers, odd Unicode, broken JSON, cases with out-of-range values, bogus fact paths, with and
without an admin token, on SQLite and PostgreSQL. Whatever is sent, no page answers 5xx, and a 422 names
the field (``detail[].field`` in the JSON twin, ``Field <code>…</code>`` on the HTML page)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.users import add_user
from extrashield.adapters.web.routes import router as web_router

from ..registry.conftest import db_url  # noqa: F401  (the fixture: SQLite, and PostgreSQL when configured)
from .conftest import example

EXAMPLES_PER_ROUTE = 10
_PARAM = re.compile(r"{(\w+)}")
EXAMPLE = "cuban-veteran-mercenarism"
CASE = example(EXAMPLE)
VALID = json.dumps(CASE)
BROKEN_CASES = [
    json.dumps({**CASE, "id": "a\x00b"}),
    json.dumps({**CASE, "request": {**CASE["request"], "offense": {"max_penalty_years": 1e308}}}),
    json.dumps({**CASE, "request": {**CASE["request"], "offense": {"sentence_years": 10**400}}}),
    json.dumps({"decision_date": "2026-04-01", "person": {"names": ["\x00"]}}),
    '{"decision_date": "2026-04-01", "decision_date": "2026-04-02"}',
    '{"id": "\\ud800", "decision_date": "2026-04-01"}',
    "[]",
    "{",
    "null",
    '{"decision_date": "9999-12-31"}',
]
# Odd values for any field: NUL, numbers too large for any database, negative, odd Unicode, very long.
GENERIC = [
    "",
    "\x00",
    "a\x00b",
    "-1",
    "2147483648",
    "9223372036854775808",
    "1" * 400,
    "1e308",
    "nan",
    "\u202e\U0001d54f\ufb00\u2170\u0663",
    "x" * 3000,
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
]
# Values that reach the deeper branches of particular fields.
SPECIFIC = {
    "case": [VALID, *BROKEN_CASES],
    "case_text": [VALID, *BROKEN_CASES],
    "fact": [
        "bogus",
        "person",
        "person.citizenships",
        "person.citizenships[0",
        "person.citizenships[0]",
        "decision_date[0]",
        "request.offense.max_penalty_years",
        "person.military_service[7].combat",
        "[0]",
    ],
    "answer": ["7", "1e308", "inf", "true", "unknown", "RU", "XX", "2026-04-01"],
    "answer-mode": ["none", "some", "ongoing", "date"],
    "skipped": ['["bogus"]', '["decision_date[0]"]', "[1]", "{", '["person.citizenships[0"]'],
    "answered": [
        '["bogus"]',
        '["person.citizenships[5].country", "decision_date[0]"]',
        '["person"]',
        '["person.military_service[0].combat"]',
        '["person.citizenships[0"]',
    ],
    "action": ["skip", "answer"],
    "token": ["nope", "\x00"],
    "example": [EXAMPLE, "nope", "../x"],
    "reading": ["point7.limbs=combat_required", "point7.limbs=x", "=", "a"],
    "r:point7.limbs": ["combat_required", "x"],
    "format": ["json", "html", "xml"],
    "offset": ["0", "100", "2147483647"],
    "after_seq": ["0", "2147483647"],
}
FIELDS = [
    *SPECIFIC,
    "answer-0-country",
    "answer-0-contract_until",
    "notes",
    "decision_date",
    "from",
    "to",
    "date",
    "date_from",
    "date_to",
    "r:\x00",
    "x\x00",
    "ü",
]
value = st.one_of(st.sampled_from(GENERIC), st.text(max_size=12))


def field_value(name: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SPECIFIC[name]), value) if name in SPECIFIC else value


# What each page is sent when nothing is odd (the odd values then replace or join these).
FORMS = {
    "/interview": {"example": EXAMPLE, "decision_date": "2026-04-01"},
    "/interview/answer": {
        "case": VALID,
        "fact": "request.offense.max_penalty_years",
        "answer": "7",
        "skipped": "[]",
        "answered": "[]",
    },
    "/registry/sign-in": {"token": "nope"},
    "/registry/decisions/save": {"case": VALID, "notes": "checked"},
}
QUERIES = {
    "/decision": {"example": EXAMPLE},
    "/removal": {"example": EXAMPLE},
    "/eligibility": {"example": EXAMPLE},
    "/timeline": {"example": EXAMPLE, "from": "2026-01-01", "to": "2026-06-01"},
    "/law": {"date": "2026-04-01"},
    "/law/diff": {"date_from": "2026-03-01", "date_to": "2026-04-01"},
    "/registry/{kind}": {"offset": "0"},
    "/registry/audit": {"after_seq": "0"},
}
PATH_VALUES = {
    "kind": ["persons", "requests", "decisions", "service-records", "sources", "nope"],
    "record_id": ["00000000-0000-0000-0000-000000000000"],
    "provision_id": ["ru.upk.464.1.7", "ru.upk.464", "ru"],
    "code": ["NP", "KG", "RU", "XX"],
    "treaty_id": ["ece-1957", "chisinau-2002"],
}
UPLOADS = [
    b"",
    b"\x00" * 64,
    "{}".encode("utf-16"),
    '{"decision_date": "2026-04-01"}'.encode("utf-16-le"),
    b"\xff\xfe\x00",
    VALID.encode(),
    b"{" * 5000,
]


def _web_routes(routes: list[Any]) -> Iterator[tuple[str, str]]:
    for r in routes:
        sub = getattr(r, "original_router", None)
        if sub is not None:
            yield from _web_routes(sub.routes)
        elif getattr(r, "path", None):
            for method in sorted(getattr(r, "methods", None) or ()):
                yield method, r.path


ROUTES = sorted(set(_web_routes(web_router.routes)))


def _names_a_field(response: Any) -> bool:
    if response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        if isinstance(body.get("error"), dict):  # an interview step's twin: the step, and the error in it
            return isinstance(body["error"].get("field"), str) and bool(body["error"]["field"])
        detail = body.get("detail")
        return (
            isinstance(detail, list)
            and bool(detail)
            and all(isinstance(d.get("field"), str) and d["field"] for d in detail)
        )
    # the error page names the field; a form that comes back with the error marks the field itself
    return re.search(r"Field <code>[^<]+</code>", response.text) is not None or (
        'aria-invalid="true"' in response.text and 'class="field-error"' in response.text
    )


def _base_form(template: str) -> dict[str, str]:
    return dict(FORMS.get(template, {"case": VALID}))


def _send(
    client: TestClient,
    method: str,
    path: str,
    query: dict[str, str],
    form: dict[str, str],
    headers: dict[str, str],
    upload: bytes | None = None,
) -> Any:
    if method == "POST":
        files = {"case_file": ("case.json", upload, "application/json")} if upload is not None else None
        return client.post(path, params=query, data=form, files=files, headers=headers)
    return client.request(method, path, params=query, headers=headers)


def _problem(method: str, path: str, query: dict[str, str], form: dict[str, str], r: Any) -> str | None:
    """What is wrong with the answer, if anything: a 5xx, or a 422 that names no field."""
    sent = f"{method} {path[:80]} {_short(query)} {_short(form)}"
    if r.status_code >= 500:
        return f"{sent}: {r.status_code} {r.text[:200]}"
    if r.status_code == 422 and not _names_a_field(r):
        return f"{sent}: 422 without a field: {r.text[:200]}"
    return None


def _short(fields: dict[str, str]) -> str:
    return repr({k: v if len(v) <= 60 else v[:60] + "…" for k, v in fields.items()})


@pytest.fixture
def fuzz_client(db_url: str) -> Iterator[tuple[TestClient, dict[str, str], bool]]:  # noqa: F811
    """A client on a fresh registry, an admin's Authorization header, and whether it is PostgreSQL."""
    token = add_user(open_registry(db_url), "fuzzer", "admin", "test")[1]
    with TestClient(create_app(db_url), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {token}"}, db_url.startswith("postgresql")


def test_the_route_list_covers_every_page() -> None:
    paths = {p for _, p in ROUTES}
    assert {"/interview", "/interview/answer", "/registry/{kind}", "/registry/audit", "/law/diff"} <= paths
    assert len(ROUTES) >= 25


def test_each_odd_value_in_each_field_of_each_page_is_a_4xx_naming_the_field(
    fuzz_client: tuple[TestClient, dict[str, str], bool],
) -> None:
    """One field at a time, signed in as admin: every page's own fields (its form, or its query) and the
    fields every page reads (`format`, `reading`) take each odd value, or are left out. On PostgreSQL only
    the values a database sees differently (NUL, integers beyond its columns), to keep the run short."""
    client, auth, postgres = fuzz_client
    failures: list[str] = []
    for method, template in ROUTES:
        path = _PARAM.sub(lambda m: PATH_VALUES.get(m[1], ["x"])[0], template)
        base_query = {} if method == "POST" else dict(QUERIES.get(template, {}))
        base_form = _base_form(template) if method == "POST" else {}
        own = base_form if method == "POST" else base_query
        for name in [*own, "format", "reading", *(("offset", "after_seq") if "registry" in template else ())]:
            for odd in GENERIC[1:6] if postgres else [None, *GENERIC[:10], *SPECIFIC.get(name, [])]:
                query, form = dict(base_query), dict(base_form)
                target = form if name in own and method == "POST" else query
                if odd is None:
                    target.pop(name, None)
                else:
                    target[name] = odd
                found = _problem(method, path, query, form, _send(client, method, path, query, form, auth))
                if found:
                    failures.append(found)
        for name, _values in PATH_VALUES.items():  # path parameters: each odd value
            if f"{{{name}}}" in template:
                for odd in GENERIC[1:8]:
                    odd_path = template.replace(f"{{{name}}}", quote(odd, safe=""))
                    odd_path = _PARAM.sub(lambda m: PATH_VALUES.get(m[1], ["x"])[0], odd_path)
                    found = _problem(
                        method,
                        odd_path,
                        base_query,
                        base_form,
                        _send(client, method, odd_path, base_query, base_form, auth),
                    )
                    if found:
                        failures.append(found)
    assert not failures, "\n".join(failures[:40])


def test_random_forms_and_queries_never_make_a_page_fail(
    fuzz_client: tuple[TestClient, dict[str, str], bool],
) -> None:
    """Random combinations: several odd fields at once, extra fields, uploads, signed in or not."""
    client, auth, _ = fuzz_client
    failures: list[str] = []
    for method, template in ROUTES:
        fields = st.sampled_from(FIELDS).flatmap(lambda n: st.tuples(st.just(n), field_value(n)))

        @given(
            path_values=st.fixed_dictionaries(
                {
                    name: st.one_of(st.sampled_from(PATH_VALUES.get(name, ["x"])), value)
                    for name in _PARAM.findall(template)
                }
            ),
            query=st.lists(fields, max_size=3).map(dict),
            form=st.lists(fields, max_size=4).map(dict),
            keep_base=st.booleans(),
            upload=st.one_of(st.none(), st.sampled_from(UPLOADS)),
            signed_in=st.booleans(),
        )
        @settings(
            max_examples=EXAMPLES_PER_ROUTE,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(
            path_values: dict[str, str],
            query: dict[str, str],
            form: dict[str, str],
            keep_base: bool,
            upload: bytes | None,
            signed_in: bool,
        ) -> None:
            path = _PARAM.sub(lambda m: quote(path_values[m[1]], safe=""), template)
            if keep_base:
                query = {**QUERIES.get(template, {}), **query} if method != "POST" else query
                form = {**_base_form(template), **form} if method == "POST" else form
            r = _send(client, method, path, query, form, auth if signed_in else {}, upload)
            found = _problem(method, path, query, form, r)
            assert found is None, found

        try:
            check()
        except Exception as exc:
            failures.append(f"{method} {template}: {exc.__class__.__name__}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
