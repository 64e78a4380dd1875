"""The pages are mounted once with the API (and not at all with `pages=False`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extrashield.adapters.api.app import create_app


def _paths(routes: list[Any]) -> Iterator[tuple[str | None, frozenset[str]]]:
    for r in routes:
        sub = getattr(r, "original_router", None) or (
            getattr(r, "router", None) if not hasattr(r, "path") else None
        )
        if sub is not None:
            yield from _paths(sub.routes)
        else:
            yield getattr(r, "path", None), frozenset(getattr(r, "methods", None) or ())


def test_each_page_and_the_static_files_are_mounted_once(tmp_path: Path) -> None:
    routes = list(_paths(create_app(f"sqlite:///{tmp_path / 'r.sqlite3'}").routes))
    assert routes.count(("/interview", frozenset({"GET"}))) == 1
    assert [p for p, _ in routes].count("/static") == 1
    assert len(routes) == len(set(routes))


def test_without_pages_only_the_api_is_mounted(tmp_path: Path) -> None:
    routes = [p for p, _ in _paths(create_app(f"sqlite:///{tmp_path / 'r.sqlite3'}", pages=False).routes)]
    assert "/v1/assess" in routes and "/interview" not in routes and "/static" not in routes
