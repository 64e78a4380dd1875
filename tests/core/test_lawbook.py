"""The law data is loaded once, validated strictly, frozen, and identified by a digest."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from extrashield import LawDataError, default_lawbook, load_lawbook
from extrashield.rules import GROUNDS
from extrashield.sources.digest import law_digest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken_law").glob("*.yaml"))
DESIGN_IDS = [
    "ru.const.61.1",
    "ru.const.63.2",
    "ru.upk.462.1",
    "ru.upk.462.3.1",
    "ru.upk.462.3.2",
    "ru.upk.462.3.3",
    *[f"ru.upk.464.1.{i}" for i in range(1, 8)],
    *[f"ru.upk.464.2.{i}" for i in range(1, 4)],
]


def _law_dir(tmp_path: Path, provision_file: Path) -> Path:
    (tmp_path / "index.yaml").write_text("horizon: 2010-01-01\n", encoding="utf-8")
    shutil.copy(provision_file, tmp_path / "act.yaml")
    return tmp_path


def test_valid_fixture_loads(tmp_path: Path) -> None:
    book = load_lawbook(_law_dir(tmp_path, FIXTURES / "valid_provision.yaml"))
    p = book["ru.test.1.1"]
    assert p.version_on(dt.date(2025, 12, 31)).act == "Test act No. 1"
    assert p.version_on(dt.date(2026, 1, 1)).act == "Test act No. 2"
    assert p.version_on(dt.date(2019, 12, 31)) is None


@pytest.mark.parametrize("broken", BROKEN, ids=[b.stem for b in BROKEN])
def test_broken_law_file_is_refused_naming_file_and_key(tmp_path: Path, broken: Path) -> None:
    key = broken.read_text(encoding="utf-8").splitlines()[0].removeprefix("# key: ").strip()
    with pytest.raises(LawDataError) as err:
        load_lawbook(_law_dir(tmp_path, broken))
    assert err.value.file == "act.yaml"
    assert err.value.key == key


def test_every_ground_of_the_design_is_in_the_law_data_with_its_effect() -> None:
    book = default_lawbook()
    assert [g.provision for g in GROUNDS] == DESIGN_IDS
    for g in GROUNDS:
        assert book[g.provision].effect == g.effect


def test_every_version_cites_a_source_and_only_a_seed_or_a_recollection_lacks_a_url() -> None:
    for p in default_lawbook().provisions.values():
        for v in p.versions:
            assert v.sources, p.id
            for s in v.sources:
                assert s.confidence in ("V", "V-partial", "M", "I", "S")
                assert s.url or s.confidence in ("S", "M"), (p.id, s.key)


def test_point7_is_in_force_from_the_inferred_date_and_says_so() -> None:
    p = default_lawbook()["ru.upk.464.1.7"]
    assert p.version_on(dt.date(2026, 3, 18)) is None
    v = p.version_on(dt.date(2026, 3, 19))
    assert v is not None and v.valid_from_certainty == "inferred"
    assert v.earliest_possible_from == dt.date(2026, 3, 8)
    ids = {q.id for q in p.open_questions}
    assert {"point7.official_wording", "point7.entry_into_force", "point7.volunteer_formations"} <= ids


def test_lawbook_is_immutable_after_loading() -> None:
    book = default_lawbook()
    with pytest.raises(TypeError):
        book.provisions["ru.upk.464.1.7"] = None  # type: ignore[index]


def test_digest_identifies_the_bytes_of_the_law_data(tmp_path: Path) -> None:
    law = _law_dir(tmp_path, FIXTURES / "valid_provision.yaml")
    before = law_digest(law)
    assert before == load_lawbook(law).digest
    (law / "act.yaml").write_text(
        (law / "act.yaml").read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8"
    )
    assert law_digest(law) != before
