"""Fixtures for the web pages: an app on a fresh SQLite registry, a test client, tokens, and (for the
`browser` tests) the same app served by uvicorn in a thread and Debian's chromium driven by Playwright.

The browser tests are skipped, loudly, only when /usr/bin/chromium is missing; Playwright never
downloads a browser here (no `playwright install`)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from extrashield.adapters.api.app import create_app
from extrashield.adapters.registry import forget_registries
from extrashield.adapters.registry.users import add_user

EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = (
    "browser tests SKIPPED: /usr/bin/chromium is missing; install Debian's package "
    "(apt-get install -y chromium, as .ci/services does)"
)


_skipped_browser: list[str] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say at the end of the run, not only in -rs output, that the browser tests did not run."""
    if _skipped_browser:
        terminalreporter.write_sep("!", NO_CHROMIUM, yellow=True)


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    yield create_app(f"sqlite:///{tmp_path}/registry.sqlite3")
    forget_registries()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def tokens(app: FastAPI) -> dict[str, str]:
    """A token for each role."""
    registry = app.state.registry()
    return {
        role: add_user(registry, f"web-{role}", role, "test")[1] for role in ("reader", "editor", "admin")
    }


# -- a real server and a real browser -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(database_url: str) -> Iterator[str]:
    """The whole app (API and pages) on `database_url`, served by uvicorn in a thread on a free loopback
    port: its base URL while the block runs."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(database_url), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):  # wait until it listens (a readiness poll, not a timed assertion)
        if server.started:
            break
        time.sleep(0.01)
    else:
        pytest.fail("the test server did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        forget_registries()


def axe_violations(page: Any) -> list[str]:
    """What axe-core finds wrong on the page, one line a rule."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def sign_in(page: Any, base: str, token: str) -> None:
    """Sign in on the registry's page with `token`."""
    page.goto(f"{base}/registry")
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app served on a fresh registry."""
    db = tmp_path_factory.mktemp("live") / "registry.sqlite3"
    with served(f"sqlite:///{db}") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _skipped_browser.append(NO_CHROMIUM)
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    p = context.new_page()
    yield p
    context.close()
