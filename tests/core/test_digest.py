"""One digest names everything an answer rests on: every file under law/ and under data/ (sources/digest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from extrashield import default_lawbook
from extrashield.sources import lawbook
from extrashield.sources.datafile import DATA_DIR
from extrashield.sources.digest import law_digest
from extrashield.sources.lawbook import LAW_DIR, cached_lawbook

# One file of each kind an answer or a view reads, and the answers that read it.
FILES = [
    "law/ru/upk/464.yaml",  # a provision: every answer
    "law/index.yaml",  # the horizon: every answer
    "law/history/bill-1075342-8.yaml",  # the legislative history: law views
    "data/treaties/minsk-1993.yaml",  # treaty collisions, state profiles
    "data/states/NP.yaml",  # state profiles, treaty collisions
    "data/figures.yaml",  # the figures ledger, recruitment answers
    "data/recruitment-blacklist.yaml",  # the blacklist, recruitment answers
]


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    law, data = tmp_path / "law", tmp_path / "data"
    shutil.copytree(LAW_DIR, law)
    shutil.copytree(DATA_DIR, data)
    return law, data


def _edit(root: Path, name: str) -> None:
    """Any change of the bytes: here a comment added, which changes no value (the digest does not judge)."""
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def test_answers_carry_the_digest_of_the_law_and_the_data() -> None:
    assert default_lawbook().digest == law_digest(LAW_DIR, DATA_DIR)


def test_the_same_files_elsewhere_have_the_same_digest(tmp_path: Path) -> None:
    assert law_digest(*_copies(tmp_path)) == default_lawbook().digest


@pytest.mark.parametrize("name", FILES)
def test_a_change_to_any_file_an_answer_reads_changes_the_digest(tmp_path: Path, name: str) -> None:
    law, data = _copies(tmp_path)
    before = law_digest(law, data)
    _edit(tmp_path, name)
    assert law_digest(law, data) != before


def test_a_file_added_to_the_data_changes_the_digest(tmp_path: Path) -> None:
    law, data = _copies(tmp_path)
    before = law_digest(law, data)
    shutil.copy(data / "states" / "NP.yaml", data / "states" / "XX.yaml")
    assert law_digest(law, data) != before


def test_moving_a_file_between_the_law_and_the_data_changes_the_digest(tmp_path: Path) -> None:
    law, data = _copies(tmp_path)
    before = law_digest(law, data)
    shutil.move(data / "figures.yaml", law / "figures.yaml")
    assert law_digest(law, data) != before


def test_the_law_cache_is_keyed_by_the_digest_of_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    law, data = _copies(tmp_path)
    first = cached_lawbook(law, data)
    assert first.digest == law_digest(law, data)

    def no_loading(*args: Any) -> None:
        raise AssertionError("the cache was missed")

    with monkeypatch.context() as m:  # unchanged files: the validated book comes from the cache
        m.setattr(lawbook, "load_lawbook", no_loading)
        assert cached_lawbook(law, data) == first
    _edit(tmp_path, "data/treaties/minsk-1993.yaml")
    changed = cached_lawbook(law, data)  # a changed treaty misses the cache: the book names the new digest
    assert changed.digest == law_digest(law, data) != first.digest
    assert changed.provisions == first.provisions
    assert len(list((tmp_path / "cache" / "extrashield").glob("lawbook-*.pickle"))) == 2
