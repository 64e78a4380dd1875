"""CHANGELOG.md keeps the rule of CONTRIBUTING.md ("Changelog"): an entry that changes the law data sits
under "### Law data" in its release and names the provisions it changes and the periods it affects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import extrashield

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
RELEASE = re.compile(r"(?P<version>\d+\.\d+\.\d+) — (?P<date>\d{4}-\d{2}-\d{2})")
PROVISION = re.compile(r"`(ru\.[\w.\-]+)`")
LAW_FILE = re.compile(r"`(extrashield/law/[^`\s]+)`")
PERIOD = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\ball dates\b")


@dataclass
class Entry:
    release: str  # "Unreleased" or "0.1.0 — 2026-11-23"
    subsection: str | None  # the "### " heading it sits under, if any
    text: str  # the bullet with its continuation lines, joined by spaces

    def __str__(self) -> str:
        return f"[{self.release} / {self.subsection}] {self.text[:90]}…"


def releases() -> list[str]:
    return re.findall(r"^## (.+)$", CHANGELOG, flags=re.MULTILINE)


def entries() -> list[Entry]:
    """Every top-level bullet of every release; a paragraph between bullets is not an entry."""
    out: list[Entry] = []
    release, subsection, current = "", None, None
    for line in CHANGELOG.splitlines():
        if not line.startswith("  ") and current is not None:  # a heading, a new bullet or a paragraph
            out.append(current)
            current = None
        if line.startswith("## "):
            release, subsection = line[3:], None
        elif line.startswith("### "):
            subsection = line[4:]
        elif line.startswith("- "):
            current = Entry(release, subsection, line[2:].strip())
        elif line.startswith("  ") and current is not None:
            current.text += " " + line.strip()
    if current is not None:
        out.append(current)
    return out


LAW_DATA = [e for e in entries() if e.subsection == "Law data"]


def known_ids() -> set[str]:
    """Provision ids, the article ids above them (`ru.upk.464`) and open-question ids of the law data."""
    ids: set[str] = set()
    for p in extrashield.default_lawbook().provisions.values():
        parts = p.id.split(".")
        ids.update(".".join(parts[:n]) for n in range(3, len(parts) + 1))
        ids.update(q.id for q in p.open_questions)
    return ids


def test_releases_are_unreleased_then_versions_with_their_dates_newest_first() -> None:
    heads = releases()
    released = heads[1:] if heads and heads[0] == "Unreleased" else heads
    assert "Unreleased" not in released
    matches = [RELEASE.fullmatch(h) for h in released]
    assert all(matches), [h for h, m in zip(released, matches) if not m]
    versions = [tuple(int(n) for n in m["version"].split(".")) for m in matches if m]
    assert versions == sorted(versions, reverse=True)
    dates = [m["date"] for m in matches if m]
    assert dates == sorted(dates, reverse=True)


def test_the_newest_release_is_the_package_version() -> None:
    newest = next(RELEASE.fullmatch(h) for h in releases() if h != "Unreleased")
    assert newest is not None and newest["version"] == extrashield.__version__


def test_the_unreleased_section_has_law_data_entries_to_check() -> None:
    # the rule is exercised on real entries, not vacuously
    assert any(e.release == "Unreleased" for e in LAW_DATA)


@pytest.mark.parametrize("entry", LAW_DATA, ids=lambda e: e.text[:40])
def test_a_law_data_entry_names_a_provision_or_law_file(entry: Entry) -> None:
    assert PROVISION.search(entry.text) or LAW_FILE.search(entry.text), (
        f"{entry}: name the provisions changed, as ids in backticks (`ru.upk.464.1.7`) or law files "
        f"(`extrashield/law/ru/upk/464.yaml`)"
    )


@pytest.mark.parametrize("entry", LAW_DATA, ids=lambda e: e.text[:40])
def test_a_law_data_entry_names_the_periods_it_affects(entry: Entry) -> None:
    assert PERIOD.search(entry.text), f"{entry}: name the periods affected (YYYY-MM-DD, or 'all dates')"


def test_ids_and_law_files_named_in_unreleased_entries_exist() -> None:
    # only the unreleased section: a later major version may rename an id that an old release names
    known = known_ids()
    unreleased = [e for e in entries() if e.release == "Unreleased"]
    unknown = sorted({i for e in unreleased for i in PROVISION.findall(e.text)} - known)
    missing = sorted({f for e in unreleased for f in LAW_FILE.findall(e.text) if not (ROOT / f).is_file()})
    assert (unknown, missing) == ([], [])


def test_an_entry_that_names_a_law_file_is_under_law_data() -> None:
    misplaced = [str(e) for e in entries() if e.subsection != "Law data" and LAW_FILE.search(e.text)]
    assert misplaced == []
