"""The memo to file as PDF: WeasyPrint lays out the memo's own HTML (memo_html), so the PDF, the HTML
and the printed decision page say the same. Fonts: Debian's DejaVu (Cyrillic), through Pango."""

from __future__ import annotations

from extrashield.present.memo import Memo
from extrashield.present.memo_html import memo_html


def memo_pdf(memo: Memo) -> bytes:
    # imported when a PDF is asked for: it loads Pango (it ships no type information)
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf = HTML(string=memo_html(memo)).write_pdf()
    assert pdf is not None  # None only when a target file is given
    return bytes(pdf)
