"""Reads of personal data over HTTP, by the API's registry endpoints and the registry pages alike: each
read is appended to the access log (who, when, the route, the kind and id or the list's filters; never a
value of the record) before what was read is returned. If the entry cannot be written, the caller gets
the error and no data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from extrashield.adapters.registry.store import NotFound, Registry
from extrashield.adapters.registry.users import User


def registry_of(request: Request) -> Registry:
    """The registry of the app serving `request` (opened on first use; `create_app`)."""
    return request.app.state.registry()  # type: ignore[no-any-return]


async def read_logged(
    request: Request,
    user: User,
    kind: str,
    read: Callable[[Registry], Any],
    *,
    record_id: str | None = None,
    query: Mapping[str, Any] | None = None,
) -> Any:
    """Run `read`, append the read to the access log, then return what was read. A record that is not
    found is logged too (returned 0: someone asked), and the 404 raised after the entry is written."""
    reg = registry_of(request)
    route = request.scope.get("route")
    where = f"{request.method} {getattr(route, 'path', request.url.path)}"

    def run() -> Any:
        try:
            result = read(reg)
        except NotFound:
            reg.log_access(user.name, where, kind, record_id=record_id, query=query, returned=0)
            raise
        returned = len(result) if isinstance(result, list) else 1
        reg.log_access(user.name, where, kind, record_id=record_id, query=query, returned=returned)
        return result

    return await run_in_threadpool(run)
