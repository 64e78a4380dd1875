"""Pictures, drawn as SVG in pure Python: one drawer per picture, used by the web pages (inline SVG
styled by the page) and by the command line's `--picture` (a standalone .svg file, or .png rasterised
from it). Presentation only: it imports no web, command-line or storage library."""

from __future__ import annotations

from extrashield.present.pictures.claims import ClaimRow, claims_svg
from extrashield.present.pictures.draw import COLOURS, NARROW, WIDE, check_format, save
from extrashield.present.pictures.impact import impact_svg
from extrashield.present.pictures.timeline import Lane, person_lanes, timeline_svg

__all__ = [
    "COLOURS",
    "NARROW",
    "WIDE",
    "ClaimRow",
    "Lane",
    "check_format",
    "claims_svg",
    "impact_svg",
    "person_lanes",
    "save",
    "timeline_svg",
]
