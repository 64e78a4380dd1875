"""The application factory: `create_app(database_url=None)` (tests, `extrashield serve`, the web pages).

The database opens on the first request that needs it (so a server that only assesses never creates a
registry file), once per process, and is migrated then.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI

from extrashield import __version__, default_evaluator
from extrashield.adapters.api import assessment, law, matching, openapi, registry
from extrashield.adapters.api.limits import Limits
from extrashield.adapters.api.schemas import json_response, ref
from extrashield.adapters.api.screening import Spool
from extrashield.adapters.http import problems
from extrashield.adapters.http.inputs import no_nul
from extrashield.adapters.http.middleware import (
    JSON_LIMIT,
    UPLOAD_LIMIT,
    BodyLimit,
    Language,
    RequestId,
    SecurityHeaders,
)
from extrashield.adapters.registry.store import Registry, open_registry

DESCRIPTION = """When Russia must or may refuse extradition, explained down to the provision.

Law and assessment endpoints are public. Registry endpoints (personal data) need a bearer token made with
`extrashield users add NAME --role reader|editor|admin`. Invalid input: 422 with `detail[].field` naming
the field (and `detail[].loc`: in the `body` or the `query`). JSON bodies declared with another
Content-Type than application/json or application/*+json: 415. Bodies over 1 MiB (256 MiB for
`/v1/screen`): 413. Too much work at once (screens, or costly assessments waiting): 503 with Retry-After.
Every response carries `X-Request-ID`; a 500 gives the same id as `error_id`."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    try:
        yield
    finally:  # shut-down: stop the worker processes, delete this process's upload folder
        app.state.limits.close()


class _LazyRegistry:
    def __init__(self, url: str | None) -> None:
        self.url = url
        self._registry: Registry | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Registry:
        if self._registry is None:
            with self._lock:
                if self._registry is None:
                    self._registry = open_registry(self.url)
        return self._registry


def create_app(
    database_url: str | None = None,
    *,
    json_limit: int = JSON_LIMIT,
    upload_limit: int = UPLOAD_LIMIT,
    pages: bool = True,
    cpu_processes: int | None = None,
    max_screens: int | None = None,
    line_limit: int | None = None,
    spool_dir: str | None = None,
) -> FastAPI:
    """The HTTP API, with the web pages (extrashield/adapters/web) unless `pages` is False.

    `database_url`: a SQLAlchemy URL; None uses $EXTRASHIELD_DATABASE_URL or the SQLite file.
    `cpu_processes`, `max_screens`, `line_limit`: see extrashield.adapters.api.limits (None: the environment, else
    the documented defaults); `spool_dir`: where uploads to screen are spooled (default under $TMPDIR)."""
    app = FastAPI(
        title="extrashield",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the interactive pages load scripts from a CDN; the JSON document is enough
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
        dependencies=[Depends(no_nul)],  # a NUL in any query or path parameter: 422 naming it
        generate_unique_id_function=openapi.operation_id,  # stable, readable operationIds
    )
    app.state.registry = _LazyRegistry(database_url)
    app.state.limits = limits = Limits.make(
        cpu_processes, max_screens, line_limit, Spool(Path(spool_dir)) if spool_dir else None
    )
    limits.spool.remove_stale()  # uploads left by a server that was killed before it could delete them
    default_evaluator()  # load the law data now, not during the first request

    problems.install(app)
    openapi.install(app)
    app.include_router(assessment.router)
    app.include_router(law.router)
    registry.install(app)
    matching.install(app)

    @app.get(
        "/v1/health",
        tags=["service"],
        summary="Liveness: the server answers and knows its law data",
        response_model=None,
        responses={200: json_response(ref("Health"))},
    )
    def health() -> dict[str, Any]:
        from extrashield import default_lawbook

        return {"status": "ok", "version": __version__, "law_digest": default_lawbook().digest}

    if pages:
        try:
            from extrashield.adapters.web.routes import install as install_pages
        except ImportError:  # the web interface is optional: the API stands on its own
            pass
        else:
            install_pages(app)

    app.add_middleware(BodyLimit, json_limit=json_limit, upload_limit=upload_limit)
    app.add_middleware(Language)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestId)
    return app
