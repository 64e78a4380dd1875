"""Transport safeguards applied to every response and request: size limits, security headers, and a
request id with an access log that names routes, not paths."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_LIMIT = 1 << 20  # 1 MiB: far above any real case, far below what could exhaust memory
UPLOAD_LIMIT = 256 << 20  # batch uploads (POST /v1/screen)

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
API_ONLY_HEADERS = [
    # A JSON API needs no scripts, frames or styles.
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    # Answers about real people must not linger in shared caches or browser history.
    (b"cache-control", b"no-store"),
]
PAGE_HEADERS = [
    # Pages load only their own files (no CDN); inline SVG may carry style attributes.
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"cache-control", b"no-store"),
]
STATIC_HEADERS = [(b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")]


def _headers_for(path: str) -> list[tuple[bytes, bytes]]:
    if path.startswith("/v1/") or path == "/openapi.json":
        return SECURITY_HEADERS + API_ONLY_HEADERS
    if path.startswith("/static/"):
        return SECURITY_HEADERS + STATIC_HEADERS
    return SECURITY_HEADERS + PAGE_HEADERS


class PayloadTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {limit} bytes)")


class BodyLimit:
    """413 for a body over the limit: at once from Content-Length, else while it streams in."""

    def __init__(
        self,
        app: ASGIApp,
        json_limit: int = JSON_LIMIT,
        upload_limit: int = UPLOAD_LIMIT,
        upload_paths: tuple[str, ...] = ("/v1/screen",),
    ) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if _is_upload(scope, self.upload_paths) else self.json_limit
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit:
                    await _reject(send, 413, f"request body too large (limit {limit} bytes)")
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise PayloadTooLarge(limit)
            return message

        await self.app(scope, counted, send)


def _is_upload(scope: Scope, paths: tuple[str, ...]) -> bool:
    """A table upload: to screen, or a person list stored with `PUT /v1/lists/{name}`."""
    path: str = scope["path"]
    if path in paths:
        return True
    return scope.get("method") == "PUT" and path.startswith("/v1/lists/") and path.count("/") == 3


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        extra = _headers_for(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in extra if k not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _reject(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    headers.extend(SECURITY_HEADERS + API_ONLY_HEADERS)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


access_log = logging.getLogger("extrashield.access")


def route_of(scope: Scope) -> str:
    """The route template that answered (``/v1/persons/{record_id}``), never the path: a path may carry
    a name typed in place of an id."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    return template if isinstance(template, str) else "(no route)"


class RequestId:
    """Gives every request an id of our own (never one a client sends: it would reach the log), returns
    it as `X-Request-ID`, and logs one access line per request: id, method, route template, status and
    time, never the path, query or body (they may carry personal data)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = rid
        status = 0
        start = time.perf_counter()

        async def with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        except BaseException:
            status = status or 500  # answered by the server-error handler, outside this middleware
            raise
        finally:
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "%s %s %s %s %.1f ms",
                    rid,
                    scope.get("method", "-"),
                    route_of(scope),
                    status or "-",
                    (time.perf_counter() - start) * 1e3,
                )


class Language:
    """The language of the texts made while answering a request (extrashield.i18n), from its
    `Accept-Language`: error messages of 422 bodies first. Only under `paths` (the API): the pages choose
    their language themselves (issue 19 item 3). Responses there say `Vary: Accept-Language`: a body
    may depend on it."""

    def __init__(self, app: ASGIApp, paths: tuple[str, ...] = ("/v1/",)) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope["path"]).startswith(self.paths):
            await self.app(scope, receive, send)
            return
        from extrashield.i18n import language_of_accept, using

        header = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
        lang = language_of_accept(header.decode("latin-1"))

        async def said(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"vary", b"Accept-Language")]
            await send(message)

        with using(lang):  # a context variable: this request's task and the threads it hands work to
            await self.app(scope, receive, said)
