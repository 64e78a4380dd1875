"""The memo to file as HTML: the memo's own page (the source of its PDF) and the body the decision page
prints. One template, `templates/memo_body.html`, with its stylesheet `templates/memo.css`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from extrashield.present.memo import Memo
from extrashield.present.memo_texts import translator

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (TEMPLATES_DIR / "memo.css").read_text(encoding="utf-8")


def memo_html(memo: Memo) -> str:
    """The whole memo as one HTML document, its stylesheet inline (WeasyPrint reads no other file)."""
    return environment().get_template("memo.html").render(m=memo, css=stylesheet(), _=translator(memo.lang))
