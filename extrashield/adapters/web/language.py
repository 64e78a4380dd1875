"""The language of a page (issue 19 item 3): `?lang=ru|en` in the URL wins, then `Accept-Language`, else
English. The middleware sets it for the request (extrashield.i18n's context variable), so every text made
while answering follows it: templates, flash and form errors, the memo.

A language chosen in the URL stays in the URL, so that a link can be shared: `keep_in_links` gives it to
every internal link and form of the rendered page (one place, not every template), the middleware to a
redirect's Location, and base.html's switcher goes to the same URL in the other language. A language
chosen by `Accept-Language` alone is not written into links: the next request negotiates it again.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extrashield.i18n import LANGUAGES, language_of_accept, using

PARAM = "lang"
NAMES = {"en": "English", "ru": "Русский"}
# the pages' own paths: the API (its own middleware chooses by Accept-Language alone) and static files aside
_NOT_PAGES = ("/v1/", "/static/")


def in_url(query_string: str) -> str | None:
    """The language the URL chooses (`lang=ru|en`), None when it chooses none or one we lack (the
    page's route then says so: render.check_format)."""
    values = [v for k, v in parse_qsl(query_string, keep_blank_values=True) if k == PARAM]
    return values[0] if values and values[0] in LANGUAGES else None


def with_language(url: str, lang: str, *, escaped: bool = False) -> str:
    """`url` (a path with its query and fragment) with `lang=<lang>`, replacing a `lang` it has.
    `escaped`: the URL is an HTML attribute's text (`&amp;` between parameters)."""
    path, hash_, fragment = url.partition("#")
    path, _q, query = path.partition("?")
    amp = "&amp;" if escaped else "&"
    params = [p for p in query.split(amp) if p and p.split("=", 1)[0] != PARAM]
    params.append(urlencode({PARAM: lang}))
    return f"{path}?{amp.join(params)}{hash_}{fragment}"


# a path of this site, or a query of this page (`?sort=name`: the registry's column headers)
_LINK = re.compile(r'(\s(?:href|action)=")(/(?!/|static/)[^"]*|\?[^"]*)(")')
_GET_FORM = re.compile(r'<form\b[^>]*\bmethod="get"[^>]*>', re.IGNORECASE)
_HAS_LANG = re.compile(r"[?&;]lang=")


def keep_in_links(html: str, lang: str) -> str:
    """The page with `lang` kept by every internal link and form: in the URL of each `href` and `action`
    (a link that names a language, the switcher's, keeps its own), and as a hidden field of each GET form
    (a browser replaces the action's query with the form's fields)."""

    def link(m: re.Match[str]) -> str:
        url = m[2]
        return m[0] if _HAS_LANG.search(url) else m[1] + with_language(url, lang, escaped=True) + m[3]

    html = _LINK.sub(link, html)
    return _GET_FORM.sub(lambda m: f'{m[0]}<input type="hidden" name="{PARAM}" value="{lang}">', html)


def switch(path: str, query_string: str, lang: str) -> list[dict[str, str]]:
    """The switcher's links: this page's URL in each other language."""
    url = path + ("?" + query_string if query_string else "")
    return [
        {"lang": other, "name": NAMES[other], "url": with_language(url, other)}
        for other in LANGUAGES
        if other != lang
    ]


class PageLanguage:
    """The language of each page request (not the API's, not static files), set for the whole answer;
    a redirect keeps a language chosen in the URL. Responses say `Vary: Accept-Language` (a body may
    depend on it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith(_NOT_PAGES):
            await self.app(scope, receive, send)
            return
        chosen = in_url(scope.get("query_string", b"").decode("latin-1"))
        header = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
        lang = chosen or language_of_accept(header.decode("latin-1"))

        async def said(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                if chosen is not None:
                    headers = [(k, _kept(v, chosen) if k.lower() == b"location" else v) for k, v in headers]
                message["headers"] = [*headers, (b"vary", b"Accept-Language")]
            await send(message)

        with using(lang):
            await self.app(scope, receive, said)


def _kept(location: bytes, lang: str) -> bytes:
    url = location.decode("latin-1")
    if not url.startswith("/") or url.startswith("//") or _HAS_LANG.search(url):
        return location
    return with_language(url, lang).encode("latin-1")
