"""The Russian catalogue is whole and current: every text marked in the code, the templates and the law
data's reading questions has a Russian translation with the same placeholders, the committed catalogue
holds exactly what the code marks today, and the compiled .mo says what the .po says."""

from __future__ import annotations

import gettext
import io
import re
from functools import cache

from babel.messages.catalog import Catalog

from extrashield.i18n import DEFAULT, LANGUAGES
from extrashield.i18n import catalogue as cat

# {name}, {name!r}, {0:>3} (str.format) and %(name)s, %s (printf, as Jinja's new-style gettext formats)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
OTHER = [lang for lang in LANGUAGES if lang != DEFAULT]


@cache
def extracted() -> Catalog:
    return cat.extract()


def ids(catalog: Catalog) -> set[object]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def placeholders(text: str) -> list[str]:
    return sorted(p for p in PLACEHOLDER.findall(text) if p != "%%")


def test_the_code_marks_texts_for_people() -> None:
    # the extractor found the rules' conditions, the fields' questions, the report and the law data
    found = ids(extracted())
    assert "the contract had not ended on the decision date" in found
    assert "When did this contract begin?" in found
    assert "Open legal questions on which this outcome turns" in found
    assert "Must a foreigner who is still serving under contract also have taken part in combat?" in found


def test_the_template_holds_every_text_the_code_marks_and_no_other() -> None:
    committed = ids(cat.read(cat.TEMPLATE))
    now = ids(extracted())
    assert sorted(map(str, now - committed)) == [], "new texts: run python -m extrashield.i18n.catalogue"
    assert sorted(map(str, committed - now)) == [], "texts gone: run python -m extrashield.i18n.catalogue"


def test_every_text_has_a_translation_in_every_language() -> None:
    for lang in OTHER:
        po = cat.read(cat.po_path(lang), lang)
        by_id = {m.id: m for m in po if m.id}
        missing = sorted(str(i) for i in ids(extracted()) if i not in by_id or not by_id[i].string)
        fuzzy = sorted(str(m.id) for m in po if m.id and m.fuzzy)
        assert missing == [], f"{lang}: untranslated"
        assert fuzzy == [], f"{lang}: translations to revise (fuzzy)"


def test_every_translation_keeps_the_placeholders_of_its_original() -> None:
    for lang in OTHER:
        differ = []
        for m in cat.read(cat.po_path(lang), lang):
            if not m.id:
                continue
            originals = (m.id,) if isinstance(m.id, str) else tuple(m.id)
            strings = (m.string,) if isinstance(m.string, str) else tuple(m.string or ())
            if len(originals) == 1:
                want = placeholders(originals[0])
                differ += [(m.id, s) for s in strings if s and placeholders(s) != want]
            else:  # each plural form is formatted with the values of all (Russian's form of 1 serves 21)
                known = {p for o in originals for p in placeholders(o)}
                differ += [(m.id, s) for s in strings if s and not set(placeholders(s)) <= known]
        assert differ == [], f"{lang}: placeholders differ"


def test_the_compiled_catalogue_says_what_the_po_says() -> None:
    for lang in OTHER:
        committed = gettext.GNUTranslations(io.BytesIO(cat.mo_path(lang).read_bytes()))
        fresh = gettext.GNUTranslations(io.BytesIO(cat.compiled(cat.read(cat.po_path(lang), lang))))
        assert committed._catalog == fresh._catalog, "run python -m extrashield.i18n.catalogue"  # type: ignore[attr-defined]


def test_the_placeholder_check_tells_a_changed_name() -> None:
    assert placeholders("got {value}") == placeholders("получено: {value}")
    assert placeholders("got {value}") != placeholders("получено: {значение}")
    assert placeholders("%(n)s cases") == ["%(n)s"]
