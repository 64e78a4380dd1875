"""The web interface: one router with every page, mounted by `extrashield.adapters.api.app.create_app` next to
the API (`install(app)` adds the router and /static). Every page has a JSON twin: `?format=json`.

The pages know nothing of the app that mounts them (the app imports this module, not the reverse)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from extrashield import __version__, default_lawbook
from extrashield.adapters.web import (
    routes_case,
    routes_interview,
    routes_law,
    routes_memo,
    routes_pairs,
    routes_registry,
    routes_states,
)
from extrashield.adapters.web.casedata import example_names
from extrashield.adapters.web.language import PageLanguage
from extrashield.adapters.web.render import STATIC_DIR, check_format, page

router = APIRouter(include_in_schema=False)  # pages, not API: the OpenAPI document stays the API's


@router.get("/")
def home(request: Request) -> Response:
    check_format(request)
    lb = default_lawbook()
    return page(
        request,
        "home.html",
        {
            "version": __version__,
            "law_digest": lb.digest,
            "examples": example_names(),
            "pages": [
                "/interview",
                "/law",
                "/law/diff",
                "/law/history",
                "/states",
                "/treaties",
                "/figures",
                "/registry",
            ],
        },
    )


router.include_router(routes_interview.router)
router.include_router(routes_case.router)
router.include_router(routes_memo.router)  # memo downloads: the decision's and a saved decision's
router.include_router(routes_law.router)
router.include_router(routes_states.router)
router.include_router(routes_pairs.router)  # before /registry/{kind}, which would take /registry/pairs
router.include_router(routes_registry.router)


def install(app: FastAPI) -> None:
    """Mount the pages and their static files on an app (the API's factory calls this)."""
    app.include_router(router)
    app.add_middleware(PageLanguage)  # each page's language: ?lang, then Accept-Language
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
