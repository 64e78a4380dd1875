"""The memo to file as DOCX (python-docx), for a lawyer who edits it before filing: the same sections,
in the same order, as the HTML of memo_html."""

from __future__ import annotations

import io
from typing import Any

from extrashield.present.memo import Memo, MemoQuestion
from extrashield.present.memo_texts import translator


def memo_docx(memo: Memo) -> bytes:
    from docx import Document
    from docx.shared import Pt

    _ = translator(memo.lang)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Serif"
    style.font.size = Pt(10)
    doc.core_properties.title = _("Memo to file") + (f": {memo.case_ref}" if memo.case_ref else "")
    doc.core_properties.language = memo.lang

    doc.add_paragraph(_("Memo to file"), style="Subtitle")
    doc.add_heading(_("Extradition from the Russian Federation: assessment of the grounds of refusal"), 0)
    meta = []
    if memo.case_ref:
        meta.append((_("Case reference"), memo.case_ref))
    if memo.names:
        meta.append((_("Person"), " / ".join(memo.names)))
    meta += [
        (
            _("Decision date"),
            f"{memo.day(memo.decision_date)} · {_('The law in force on the decision date applies (Art. 4 CPC).')}",
        ),
        (_("Law data version"), memo.law_digest),
        (_("Made on"), f"{memo.made_at} · {memo.tool}"),
    ]
    _pairs(doc, meta)

    doc.add_heading(_("Outcome"), 1)
    doc.add_paragraph().add_run(memo.outcome_words).bold = True
    doc.add_paragraph(f"{_('Grounds that apply')}: {'; '.join(memo.applies) if memo.applies else _('none')}")
    if memo.readings:
        doc.add_paragraph(f"{_('Readings applied')}:")
        for q, meaning in memo.readings:
            doc.add_paragraph(f"{q} — {meaning}", style="List Bullet")

    if memo.change is not None:
        c = memo.change
        doc.add_heading(f"{_('What changes on')} {memo.day(c.day)}", 1)
        text = _("%(citation)s enters into force on %(day)s (%(certainty)s).") % {
            "citation": c.citation,
            "day": memo.day(c.day),
            "certainty": c.certainty,
        }
        text += " " + _("On these facts, from that day: %(outcome)s.") % {"outcome": c.outcome_words}
        if c.applies:
            text += " " + _("Grounds applying from that day: %(grounds)s.") % {
                "grounds": "; ".join(c.applies)
            }
        doc.add_paragraph(text)
        if c.review is not None:
            doc.add_paragraph(
                _("A court reviewing this decision on or after %(day)s: an open question.")
                % {"day": memo.day(c.day)}
            )
            _question(doc, c.review, _)

    doc.add_heading(_("Facts of the case"), 1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in memo.facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value

    doc.add_heading(_("What is still unknown"), 1)
    if memo.unknowns:
        doc.add_paragraph(_("Each of these questions could change the outcome on its own:"))
        for q in memo.unknowns:
            doc.add_paragraph(q, style="List Number")
    else:
        doc.add_paragraph(_("Nothing unknown can change this outcome."))
    if memo.also_unknown:
        doc.add_paragraph(_("Also unknown (may matter once the questions above are answered):"))
        for q in memo.also_unknown:
            doc.add_paragraph(q, style="List Number")

    doc.add_heading(_("Open legal questions"), 1)
    review = memo.change.review if memo.change is not None else None
    if review is not None and memo.change is not None:
        doc.add_paragraph(
            _(
                "Whether a court reviewing this decision on or after %(day)s applies the change of the law is "
                "an open question: both views, and the outcome under each, are set out above."
            )
            % {"day": memo.day(memo.change.day)}
        )
    for oq in memo.questions:
        _question(doc, oq, _)
    if not memo.questions and review is None:
        doc.add_paragraph(_("No open legal question changes this outcome."))

    doc.add_heading(_("Grounds"), 1)
    for g in memo.grounds:
        doc.add_heading(f"{g.citation} — {g.status_words}", 2)
        doc.add_paragraph().add_run(g.title).italic = True
        rows = [(_("Status"), g.status_words), (_("Effect"), g.effect_words)]
        if g.version:
            rows.append((_("Version applied"), g.version))
        if g.date_certainty:
            rows.append((_("Certainty of the date"), g.date_certainty))
        if g.statute is not None:
            rows.append((_("Certainty of the text"), f"{g.statute.mark}: {g.statute.mark_words}"))
        _pairs(doc, rows)
        if g.reasons:
            doc.add_paragraph(_("Why")).runs[0].bold = True
            for r in g.reasons:
                doc.add_paragraph(r, style="List Bullet")
        if g.statute is not None:
            doc.add_paragraph(f"{_('Statute text (Russian)')} — {g.statute.mark_words}").runs[0].bold = True
            doc.add_paragraph(g.statute.ru, style="Quote")
            if memo.lang == "en":
                doc.add_paragraph(_("Statute text (English rendering)")).runs[0].bold = True
                doc.add_paragraph(g.statute.en, style="Quote")
            doc.add_paragraph(f"{_('Sources')}: {'; '.join(g.statute.sources)}")

    doc.add_heading(_("Marks used in this memo"), 1)
    doc.add_paragraph(_("Text marks")).runs[0].bold = True
    _pairs(doc, list(memo.text_marks))
    doc.add_paragraph(_("Date marks")).runs[0].bold = True
    _pairs(doc, list(memo.date_marks))
    doc.add_paragraph(
        f"{_('The whole law-data version (SHA-256 of every file of the law data):')} {memo.law_digest}"
    )
    doc.add_paragraph(_("Not legal advice: check every citation against the official text."))

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pairs(doc: Any, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)


def _question(doc: Any, q: MemoQuestion, _: Any) -> None:
    doc.add_paragraph().add_run(q.question).bold = True
    if q.current:
        doc.add_paragraph(f"{_('This assessment uses')}: {q.current}")
    if q.alternatives:
        doc.add_paragraph(_("Outcome under each view"))
        for a in q.alternatives:
            doc.add_paragraph(f"{a.condition}: {a.outcome}", style="List Bullet")
    for title, _href in q.links:
        doc.add_paragraph(title, style="List Bullet 2")
    if q.sources:
        doc.add_paragraph(f"{_('Sources')}: {'; '.join(q.sources)}")
