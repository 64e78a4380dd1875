"""Property-based requests generated from /openapi.json (schemathesis): whatever a client sends, valid or
not, the server never answers 5xx, on SQLite and on PostgreSQL (whose INTEGER and text columns refuse
what SQLite takes: integers over 2^31 - 1, NUL characters). Bounded (a few examples per operation) to stay
well under a minute on each.

Driven through schemathesis's Python API rather than its pytest plugin, which does not support the
pytest in use here."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.users import add_user

EXAMPLES_PER_OPERATION = 15
# Values at and beyond the bounds (negative mode) reach what positive data does not: an integer over the
# documented maximum, a string where a number goes, a NUL character in any text.
NEGATIVE_EXAMPLES_PER_OPERATION = 8


def test_no_request_makes_the_server_fail(db_url: str) -> None:
    url = db_url
    headers = {"Authorization": "Bearer " + add_user(open_registry(url), "fuzzer", "admin", "test")[1]}
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(url))
    failures: list[str] = []
    operations = 0
    runs = (
        (GenerationMode.POSITIVE, EXAMPLES_PER_OPERATION),
        (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES_PER_OPERATION),
    )
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode, examples in runs:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
            )
            def check(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=[not_a_server_error])

            try:
                check()
            except Unsatisfiable:
                pass  # nothing to make invalid (an operation without parameters or body): no negative case
            except Exception as exc:
                failures.append(
                    f"{operation.label} ({mode.value}): {exc.__class__.__name__}: {str(exc)[:2000]}"
                )
    assert operations >= 20
    assert not failures, "\n\n".join(failures)
