"""The pictures as a person sees them, measured in headless Chromium with the machine's real fonts:
no word leaves the picture, none is drawn smaller than 12px, no two overlap. The standalone files of
`--picture` are opened as they are; the web page's timeline is measured in the page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.browser
ROOT = EXAMPLES.parent.parent

# Texts hidden until their mark has focus (the readout) are left out: only what is shown is measured.
# A text's size is as drawn on the screen: its font size times the picture's scale.
MEASURE_JS = """(svg) => {
  const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
  const shown = [...svg.querySelectorAll('text')].filter(t => getComputedStyle(t).visibility !== 'hidden');
  const boxes = shown.map(t => {
    const b = t.getBBox();
    return {s: t.firstChild ? t.firstChild.nodeValue : '', x: b.x, y: b.y, w: b.width, h: b.height,
            size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a};
  });
  const outside = boxes.filter(b => b.x < 0 || b.y < 0 || b.x + b.w > w || b.y + b.h > h).map(b => b.s);
  const small = boxes.filter(b => b.size < 12).map(b => b.s);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h)
      overlaps.push([a.s, b.s]);
  }
  return {count: boxes.length, outside, small, overlaps};
}"""


def _cli(*args: str) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert p.returncode == 0, p.stderr


def _measure(page: Any, selector: str) -> dict[str, Any]:
    found: dict[str, Any] = page.locator(selector).first.evaluate(MEASURE_JS)
    return found


@pytest.mark.parametrize(
    ("example", "start", "until"),
    [
        ("kyrgyz-veteran-naturalised", "2022-01-01", "2027-01-01"),
        (
            "cuban-recruit-family",
            "2010-01-01",
            "2031-01-01",
        ),  # twenty years: crowded law markers, sparse ticks
        ("nepali-serving", "2026-03-01", "2026-04-01"),  # one month
        ("stateless-recruit", "2025-06-01", "2027-06-01"),
        ("nepali-serving", "2010-01-01", "9999-12-31"),  # the longest range there is: ticks every 500 years
    ],
)
def test_the_timeline_file_keeps_every_word_readable_and_inside(
    page: Any, tmp_path: Path, example: str, start: str, until: str
) -> None:
    out = tmp_path / "timeline.svg"
    _cli("timeline", str(EXAMPLES / f"{example}.json"), "--from", start, "--to", until, "--picture", str(out))
    page.goto(out.as_uri())
    m = _measure(page, "svg")
    assert m["count"] > 10
    assert (m["outside"], m["small"], m["overlaps"]) == ([], [], [])


def test_the_impact_file_keeps_every_word_readable_and_inside(page: Any, tmp_path: Path) -> None:
    out = tmp_path / "impact.svg"
    _cli(
        "impact",
        str(EXAMPLES / "cases.jsonl"),
        "--from-date",
        "2026-03-18",
        "--to-date",
        "2026-03-19",
        "--picture",
        str(out),
    )
    page.goto(out.as_uri())
    m = _measure(page, "svg")
    assert m["count"] > 10
    assert (m["outside"], m["small"], m["overlaps"]) == ([], [], [])


def test_an_impact_file_of_every_transition_keeps_every_word_readable_and_inside(
    page: Any, tmp_path: Path
) -> None:
    from extrashield.present.pictures import impact_svg

    outcomes = ("barred", "may_refuse", "undetermined", "permitted", "invalid")
    counts = {
        (b, a): 10 ** (i % 10) + i for i, (b, a) in enumerate((b, a) for b in outcomes for a in outcomes)
    }
    total = sum(counts.values())
    changed = sum(n for (b, a), n in counts.items() if b != a)
    totals = [{o: sum(n for k, n in counts.items() if k[side] == o) for o in outcomes} for side in (0, 1)]
    d = {
        "before": "decision date 2026-03-18",
        "after": "decision date 2026-03-19, point7.limbs=combat_required",
        "rows": total,
        "changed": changed,
        "changed_share": changed / total,
        "transitions": [
            {"before": b, "after": a, "count": n, "share": round(n / total, 6)}
            for (b, a), n in counts.items()
        ],
        "before_totals": totals[0],
        "after_totals": totals[1],
    }
    out = tmp_path / "impact.svg"
    out.write_text(impact_svg(d, standalone=True), encoding="utf-8")
    page.goto(out.as_uri())
    m = _measure(page, "svg")
    assert m["count"] > 100
    assert (m["outside"], m["small"], m["overlaps"]) == ([], [], [])


def test_the_timeline_page_picture_keeps_every_word_readable_and_inside(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/timeline?example=kyrgyz-veteran-naturalised")
    m = _measure(page, "svg.timeline")
    assert m["count"] > 5
    assert (m["outside"], m["small"], m["overlaps"]) == ([], [], [])
