"""The application factory: `create_app(database_url=None)` (tests, `extrashield serve`, the web pages).

The database opens on the first request that needs it (so a server that only assesses never creates a
registry file), once per process, and is migrated then.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import FastAPI

from .. import __version__, default_evaluator
from ..registry.store import Registry, open_registry
from . import assessment, law, openapi, problems, registry
from .middleware import JSON_LIMIT, UPLOAD_LIMIT, BodyLimit, SecurityHeaders
from .schemas import json_response, ref

DESCRIPTION = """When Russia must or may refuse extradition, explained down to the provision.

Law and assessment endpoints are public. Registry endpoints (personal data) need a bearer token made with
`extrashield users add NAME --role reader|editor|admin`. Invalid input: 422 with `detail[].field` naming
the field (and `detail[].loc`: in the `body` or the `query`). JSON bodies declared with another
Content-Type than application/json or application/*+json: 415. Bodies over 1 MiB (256 MiB for
`/v1/screen`): 413."""


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


def create_app(database_url: str | None = None, *, json_limit: int = JSON_LIMIT, upload_limit: int = UPLOAD_LIMIT,
               pages: bool = True) -> FastAPI:
    """The HTTP API, with the web pages (extrashield/web) unless `pages` is False.

    `database_url`: a SQLAlchemy URL; None uses $EXTRASHIELD_DATABASE_URL or the SQLite file."""
    app = FastAPI(
        title="extrashield",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the interactive pages load scripts from a CDN; the JSON document is enough
        redoc_url=None,
        openapi_url="/openapi.json",
        generate_unique_id_function=openapi.operation_id,  # stable, readable operationIds
    )
    app.state.registry = _LazyRegistry(database_url)
    default_evaluator()  # load the law data now, not during the first request

    problems.install(app)
    openapi.install(app)
    app.include_router(assessment.router)
    app.include_router(law.router)
    registry.install(app)

    @app.get("/v1/health", tags=["service"], summary="Liveness: the server answers and knows its law data",
             response_model=None, responses={200: json_response(ref("Health"))})
    def health() -> dict[str, Any]:
        from .. import default_lawbook

        return {"status": "ok", "version": __version__, "law_digest": default_lawbook().digest}

    if pages:
        try:
            from ..web.routes import install as install_pages
        except ImportError:  # the web interface is optional: the API stands on its own
            pass
        else:
            install_pages(app)

    app.add_middleware(BodyLimit, json_limit=json_limit, upload_limit=upload_limit)
    app.add_middleware(SecurityHeaders)
    return app
