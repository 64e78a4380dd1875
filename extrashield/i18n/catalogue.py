"""The catalogue's upkeep with Babel: extract the marked texts (extrashield/i18n/babel.cfg), write
messages.pot, merge it into each language's messages.po and compile messages.mo.

    uv run python -m extrashield.i18n.catalogue      # after marking or changing texts; then translate
                                                      # the new entries of ru/LC_MESSAGES/messages.po and
                                                      # run it again to compile

The compiled .mo files are committed (tests/i18n check they match the .po): the package is built without a
build step of its own, and the standard library reads a .mo at run time without importing Babel.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from extrashield.i18n import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent  # the directory holding extrashield/: the paths of babel.cfg start there
CONFIG = LOCALE_DIR / "babel.cfg"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PROJECT = "extrashield"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def extract() -> Catalog:
    """Every text marked in the code, the templates and the law data, as a template catalogue."""
    with CONFIG.open() as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(CONFIG))  # type: ignore[no-untyped-call]
    template = Catalog(project=PROJECT, domain=DOMAIN, charset="utf-8")
    for path, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(
            message, None, [(Path(path).as_posix(), lineno)], auto_comments=comments, context=context
        )
    return template


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def _po_text(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    # no line numbers: a moved line does not change the catalogue (the file names stay, for translators)
    write_po(buf, catalog, width=110, include_lineno=False, sort_output=True)
    return buf.getvalue()


def compiled(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def update() -> None:
    """Re-extract, then bring messages.pot and every language's .po and .mo up to date (new texts enter
    the .po untranslated; a changed text enters fuzzy, with its old translation to revise)."""
    template = extract()
    if TEMPLATE.exists():  # keep the date of the last template whose texts were the same
        old = read(TEMPLATE)
        if {m.id for m in old if m.id} == {m.id for m in template if m.id}:
            template.creation_date = old.creation_date
    TEMPLATE.write_bytes(_po_text(template))
    for lang in LANGUAGES:
        if lang == DEFAULT:
            continue
        po = po_path(lang)
        if po.exists():
            catalog = read(po, lang)
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, charset="utf-8")
        catalog.update(template, update_creation_date=False)
        catalog.obsolete.clear()  # a text gone from the code leaves the catalogue (git keeps its history)
        po.write_bytes(_po_text(catalog))
        mo_path(lang).write_bytes(compiled(read(po, lang)))


if __name__ == "__main__":
    update()
