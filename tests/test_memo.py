"""The memo to file, rendered for real: PDF by WeasyPrint (read back page by page with pypdf) and DOCX by
python-docx (read back paragraph by paragraph), in English and Russian, and `extrashield memo`.

Every ground's citation, the outcome, the decision date, the whole law-data version and the statute
texts must be in the file; the Russian memo's headings come from its catalogue; no machine identifier
or research reference reaches the page."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extrashield import assess, default_lawbook
from extrashield.present.memo import Memo, build_memo
from extrashield.present.memo_docx import memo_docx
from extrashield.present.memo_html import memo_html
from extrashield.present.memo_pdf import memo_pdf
from extrashield.present.memo_texts import translator

EXAMPLES = Path(__file__).resolve().parents[1] / "extrashield" / "examples"
# what must never reach a memo: research files and seed reports, fact paths, provision and question ids
LEAKS = re.compile(
    r"NOTES|VERIFICATION|TREATIES\.md|[Ss]eed report|shared/"
    r"|\b(?:ru|person|request|russian_proceedings|point7|art464|treaty_collision)\.[a-z0-9_]+"
)


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _memo(name: str, lang: str) -> tuple[dict[str, Any], Memo]:
    raw = _case(name)
    answer = assess(raw).to_dict()
    return answer, build_memo(raw, answer, lang=lang, made_at=dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC))


def _flat(text: str) -> str:
    """Text extracted from a PDF with its line breaks and hyphenation undone, to find a phrase."""
    return re.sub(r"\s+", " ", text.replace("-\n", "")).strip()


def _citations(answer: dict[str, Any], lang: str) -> list[str]:
    lb = default_lawbook()
    return [
        lb.provisions[g["provision"]].label.ru if lang == "ru" else g["citation"] for g in answer["grounds"]
    ]


@pytest.fixture(scope="module", params=["en", "ru"])
def pdf_memo(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any], Memo, list[str]]:
    from pypdf import PdfReader

    lang = request.param
    answer, memo = _memo("decided-before-point7", lang)
    reader = PdfReader(io.BytesIO(memo_pdf(memo)))
    return lang, answer, memo, [page.extract_text() for page in reader.pages]


def test_the_pdf_memo_carries_every_ground_with_its_citation_status_and_text(
    pdf_memo: tuple[str, dict[str, Any], Memo, list[str]],
) -> None:
    lang, answer, memo, pages = pdf_memo
    _ = translator(lang)
    whole = _flat("\n".join(pages))
    for citation in _citations(answer, lang):
        assert _flat(citation) in whole, citation
    for g in memo.grounds:
        assert _flat(g.status_words) in whole
        if g.statute is not None:  # the Russian wording, labelled by its mark in words
            assert _flat(g.statute.ru)[:60] in whole
            assert _flat(g.statute.mark_words) in whole
    assert _flat(memo.outcome_words) in whole and memo.decision_date in whole
    assert re.sub(r"\s", "", memo.law_digest) in re.sub(r"\s", "", whole)
    assert _("Memo to file").upper() in whole.upper() and "2026-12-07T09:30:00Z" in whole
    assert LEAKS.search(whole) is None


def test_the_pdf_memo_is_laid_out_page_by_page(pdf_memo: tuple[str, dict[str, Any], Memo, list[str]]) -> None:
    lang, _answer, memo, pages = pdf_memo
    _ = translator(lang)
    assert len(pages) > 1
    for n, text in enumerate(pages, 1):  # every page is numbered "n / N" and carries text
        assert f"{n} / {len(pages)}" in text and len(text.strip()) > 100
    # the outcome on the first page; the whole law-data version and the caution close the last
    assert _flat(memo.outcome_words) in _flat(pages[0])
    last = _flat(pages[-1])
    assert memo.law_digest in last.replace(" ", "")
    assert _flat(_("Not legal advice: check every citation against the official text.")) in last
    # the sections come in the memo's order
    whole = _flat("\n".join(pages))
    order = [
        _("Outcome"),
        _("What changes on"),
        _("Facts of the case"),
        _("What is still unknown"),
        _("Marks used in this memo"),
    ]
    positions = [whole.find(_flat(h)) for h in order]
    assert -1 not in positions and positions == sorted(positions)


def test_a_memo_before_point_7_says_what_changes_and_the_outcome_under_each_view(
    pdf_memo: tuple[str, dict[str, Any], Memo, list[str]],
) -> None:
    lang, answer, memo, pages = pdf_memo
    _ = translator(lang)
    assert answer["outcome"] == "permitted" and memo.change is not None
    assert memo.change.day == "2026-03-19" and memo.change.outcome == "barred"
    review = memo.change.review
    assert review is not None and len(review.alternatives) == 2
    outcomes = {a.outcome for a in review.alternatives}  # one view per outcome: the data decides neither
    assert outcomes == {_("Extradition is barred"), _("No ground found: extradition may proceed")}
    whole = _flat("\n".join(pages))
    assert _flat(review.question) in whole and "2026-03-19" in whole


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_docx_memo_carries_the_same_content(lang: str) -> None:
    from docx import Document

    _ = translator(lang)
    answer, memo = _memo("cuban-veteran-mercenarism", lang)
    doc = Document(io.BytesIO(memo_docx(memo)))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    whole = "\n".join(paragraphs + cells)
    assert paragraphs[0] == _("Memo to file")
    for citation in _citations(answer, lang):
        assert any(p.startswith(citation) for p in paragraphs), citation  # each ground has its heading
    for g in memo.grounds:
        if g.statute is not None:
            assert g.statute.ru in paragraphs
    assert memo.decision_date in whole and memo.law_digest in whole
    assert _(memo.outcome_words) in paragraphs
    # the treaty collision: its question and the outcome if the treaty prevailed
    assert memo.questions and memo.questions[0].question in paragraphs
    assert any(p.endswith(_("No ground found: extradition may proceed")) for p in paragraphs)
    # the facts: a table row per fact, the person's names among them
    names = _case("cuban-veteran-mercenarism")["person"]["names"]
    assert " / ".join(names) in whole
    assert LEAKS.search(whole) is None


def test_the_russian_memo_takes_its_fixed_texts_from_the_catalogue() -> None:
    _answer, memo = _memo("nepali-serving", "ru")
    html = memo_html(memo)
    ru = translator("ru")
    for msgid in ("Memo to file", "Facts of the case", "Open legal questions", "Marks used in this memo"):
        assert ru(msgid) != msgid, f"{msgid!r} has no Russian in the catalogue"
        assert ru(msgid) in html and msgid not in html
    assert 'lang="ru"' in html


def test_the_russian_memo_gives_each_grounds_reasons_in_russian() -> None:
    _answer, en = _memo("nepali-serving", "en")
    _answer, ru = _memo("nepali-serving", "ru")
    pairs = [
        (e, r)
        for ge, gr in zip(en.grounds, ru.grounds, strict=True)
        for e, r in zip(ge.reasons, gr.reasons, strict=True)
    ]
    assert pairs, "the example has no reasons to compare"
    for english, russian in pairs:
        assert russian != english, f"reason left in English in the Russian memo: {english!r}"
        assert re.search("[а-яё]", russian, re.I), russian


def test_no_memo_of_any_example_carries_the_catalogues_header() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        for lang in ("en", "ru"):
            html = memo_html(_memo(path.stem, lang)[1])
            assert "Project-Id-Version" not in html and "Report-Msgid-Bugs-To" not in html, (path.stem, lang)


def test_a_memo_before_point_7_names_the_review_question_among_the_open_ones() -> None:
    _answer, memo = _memo("decided-before-point7", "en")
    assert memo.change is not None and memo.change.review is not None
    section = memo_html(memo).split('class="memo-questions"', 1)[1].split("</section>", 1)[0]
    assert "is an open question" in section and "No open legal question changes this outcome" not in section


def test_the_russian_memo_cites_the_applied_grounds_as_the_code_does_in_russian() -> None:
    _answer, memo = _memo("nepali-serving", "ru")
    assert memo.applies and all("УПК РФ" in c or "Конституц" in c for c in memo.applies), memo.applies
    assert "п. 7 ч. 1 ст. 464 УПК РФ" in memo.applies


def test_the_memo_html_names_no_machine_identifier_for_any_example() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        for lang in ("en", "ru"):
            _answer, memo = _memo(path.stem, lang)
            text = re.sub(r"<[^>]+>", " ", memo_html(memo))
            found = LEAKS.search(text)
            assert found is None, (
                f"{path.stem} ({lang}): {text[max(0, found.start() - 80) : found.end() + 40]}"
            )


def test_the_memo_command_writes_a_docx_and_refuses_an_unknown_language(tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "memo.docx"
    case = str(EXAMPLES / "decided-before-point7.json")
    r = _run("memo", case, "--decision-date", "2026-04-01", "--lang", "ru", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "2026-04-01" in text and translator("ru")("Extradition is barred") in text
    bad = _run("memo", case, "--lang", "de", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "--lang" in bad.stderr and not (tmp_path / "x.pdf").exists()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, timeout=300, check=False
    )
