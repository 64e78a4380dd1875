"""Every text of the web templates meant for people goes through gettext (issue 19 item 5): what is left
of a template once its Jinja code, comments and tags are taken away holds no word, and no attribute
people read (aria-label, title, alt, placeholder, data-label) holds one either. The catalogue's tests
(test_catalogue.py) then require each extracted text's Russian translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "extrashield" / "adapters" / "web" / "templates"
JINJA = re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
READ_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder|data-label)="([^"]*)"')
TAG = re.compile(r"<[^>]*>", re.DOTALL)
ATTRIBUTE = re.compile(r'[\w-]+="[^"]*"')  # a macro's attributes, written outside a tag
WORD = re.compile(r"[A-Za-zА-Яа-яЁё]{2,}")
# names, not words: the project's, a file format's, the other language's own name in the switcher
NAMES = {"extrashield", "CSV", "XLSX", "JSON", "English", "Русский"}


def unwrapped(source: str) -> list[str]:
    """The words of a template not given to gettext: in its text and in the attributes people read."""
    code_free = JINJA.sub(" ", source)
    said = READ_ATTRIBUTES.findall(code_free)
    said += ATTRIBUTE.sub(" ", TAG.sub(" ", code_free)).split("\n")
    return [w for text in said for w in WORD.findall(text) if w not in NAMES]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_a_template_says_nothing_outside_gettext(template: str) -> None:
    assert unwrapped((TEMPLATES / template).read_text(encoding="utf-8")) == []


def test_the_check_finds_a_word_left_in_english() -> None:
    assert unwrapped('<p>{{ _("Home") }}</p><p>Home</p>') == ["Home"]
    assert unwrapped('<nav aria-label="Main">{{ x }}</nav>') == ["Main"]
    assert unwrapped("<p>{% trans %}Home{% endtrans %} {{ _('x') }}</p>") == []
