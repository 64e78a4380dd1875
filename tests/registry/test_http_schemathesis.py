"""Property-based requests generated from /openapi.json (schemathesis): whatever a client sends, valid or
not, the server never answers 5xx. Bounded (a few examples per operation) to stay well under a minute.

Driven through schemathesis's Python API rather than its pytest plugin, which does not support the
pytest in use here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from extrashield.api.app import create_app
from extrashield.registry import open_registry
from extrashield.registry.users import add_user

EXAMPLES_PER_OPERATION = 15


def test_no_request_makes_the_server_fail(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/registry.sqlite3"
    headers = {"Authorization": "Bearer " + add_user(open_registry(url), "fuzzer", "admin", "test")[1]}
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(url))
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - collect every failing operation, then report them all
            failures.append(f"{operation.label}: {exc.__class__.__name__}: {str(exc)[:2000]}")
    assert operations >= 20
    assert not failures, "\n\n".join(failures)
