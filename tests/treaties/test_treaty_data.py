"""The treaty and state data: strict loading, and what each treaty lists as a refusal ground."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

import pytest
import yaml

import extrashield.rules
from extrashield.errors import LawDataError
from extrashield.rules import GROUNDS
from extrashield.sources.blacklist import default_blacklist
from extrashield.sources.lawbook import default_lawbook
from extrashield.sources.states import load_states, read_state
from extrashield.sources.treaties import (
    TREATY_DIR,
    ground_ids,
    load_treaties,
    load_treaty,
    read_treaty,
    treaty_ids,
)

POINT7 = "ru.upk.464.1.7"


def test_every_treaty_file_loads_and_its_id_matches_its_file_name() -> None:
    treaties = load_treaties()
    assert set(treaties) == set(treaty_ids())
    for tid, t in treaties.items():
        assert t.id == tid
        assert t.priority_rule.provisions, tid


def test_every_state_file_loads_and_names_only_known_treaties() -> None:
    states = load_states()
    assert {"IN", "PK", "NP", "NG", "SN", "CU", "LK", "JO", "KE", "KZ", "KG", "UZ", "TJ", "AZ"} <= set(states)
    for code, s in states.items():
        assert s.code == code
        for link in s.known_treaties():
            assert link.treaty in treaty_ids()


def _treaty_yaml(tid: str) -> dict:
    return yaml.safe_load((TREATY_DIR / f"{tid}.yaml").read_text(encoding="utf-8"))


def test_a_treaty_with_an_unknown_key_is_refused_naming_file_and_key() -> None:
    data = _treaty_yaml("ece-1957")
    data["point7_ground"]["listd"] = True
    with pytest.raises(LawDataError, match=r"treaties/ece-1957.yaml: point7_ground.listd: unknown key"):
        read_treaty(data, "treaties/ece-1957.yaml", "ece-1957")


def test_a_refusal_ground_citing_an_undefined_source_is_refused() -> None:
    data = _treaty_yaml("minsk-1993")
    data["refusal_grounds"][0]["sources"] = ["nowhere"]
    with pytest.raises(
        LawDataError, match=r"refusal_grounds\[0\].sources\[0\]: source 'nowhere' is not defined"
    ):
        read_treaty(data, "treaties/minsk-1993.yaml", "minsk-1993")


def test_a_refusal_ground_covering_an_unknown_ground_id_is_refused() -> None:
    data = _treaty_yaml("ece-1957")
    data["refusal_grounds"][0]["covers"] = "ru.upk.464.1.9"
    with pytest.raises(LawDataError, match=r"refusal_grounds\[0\].covers"):
        read_treaty(data, "treaties/ece-1957.yaml", "ece-1957")


@pytest.fixture
def fresh_ground_ids() -> Iterator[None]:
    ground_ids.cache_clear()
    yield
    ground_ids.cache_clear()


def test_the_grounds_a_treaty_may_cover_are_the_rules_own(
    fresh_ground_ids: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a ground added to the rules may be covered at once: no second list of grounds to keep in step
    data = _treaty_yaml("ece-1957")
    data["refusal_grounds"][0]["covers"] = "ru.upk.464.1.9"
    monkeypatch.setattr(
        extrashield.rules, "GROUNDS", (*GROUNDS, dataclasses.replace(GROUNDS[-1], provision="ru.upk.464.1.9"))
    )
    assert (
        read_treaty(data, "treaties/ece-1957.yaml", "ece-1957").refusal_grounds[0].covers == "ru.upk.464.1.9"
    )


def test_a_refusal_ground_may_not_cover_a_provision_that_decides_no_extradition(
    fresh_ground_ids: None,
) -> None:
    grounds = {g.provision for g in GROUNDS}
    other = next(
        p for p in default_lawbook().provisions if p not in grounds
    )  # e.g. a contract-eligibility criterion
    data = _treaty_yaml("ece-1957")
    data["refusal_grounds"][0]["covers"] = other
    with pytest.raises(
        LawDataError,
        match=rf"refusal_grounds\[0\].covers: expected null or a ground id of docs/contract.md §4, got '{re.escape(other)}'",
    ):
        read_treaty(data, "treaties/ece-1957.yaml", "ece-1957")


def test_a_value_without_a_source_is_refused() -> None:
    data = _treaty_yaml("chisinau-2002")
    data["in_force_for_russia"]["sources"] = []
    with pytest.raises(LawDataError, match=r"in_force_for_russia.sources: a value without a source"):
        read_treaty(data, "treaties/chisinau-2002.yaml", "chisinau-2002")


def test_a_treaty_whose_end_precedes_its_start_is_refused() -> None:
    data = _treaty_yaml("chisinau-2002")
    data["parties"][0]["until"] = dt.date(2020, 1, 1)
    with pytest.raises(LawDataError, match=r"parties\[0\].until"):
        read_treaty(data, "treaties/chisinau-2002.yaml", "chisinau-2002")


def test_a_state_naming_a_treaty_without_a_file_is_refused() -> None:
    data = yaml.safe_load((TREATY_DIR.parent / "states" / "KZ.yaml").read_text(encoding="utf-8"))
    data["treaties"][0]["id"] = "ru-kz-imaginary"
    with pytest.raises(LawDataError, match=r"states/KZ.yaml: treaties\[0\].id: no treaty file"):
        read_state(data, "states/KZ.yaml", "KZ", treaty_ids())


# --- each treaty's refusal grounds ------------------------------------------------------------------


def test_the_european_convention_lists_nationality_limitation_and_final_judgment_but_not_point7() -> None:
    ece = load_treaty("ece-1957")
    assert ece.lists("ru.upk.464.1.1") is True  # Art. 6
    assert ece.lists("ru.upk.464.1.4") is True  # Art. 10, lapse of time (mandatory)
    assert ece.lists("ru.upk.464.1.3") is True  # Art. 9
    assert ece.lists(POINT7) is False
    art10 = ece.grounds_for("ru.upk.464.1.4")[0]
    assert art10.mandatory and art10.article == "10" and art10.confidence == "V"
    assert ece.obliges_extradition is not None and ece.obliges_extradition.article == "1"
    assert ece.death_penalty_clause is not None and ece.death_penalty_clause.article == "11"
    assert ece.specialty_clause is not None and ece.specialty_clause.article == "14"


def test_the_european_convention_keeps_russias_two_reservations_to_article_1() -> None:
    ece = load_treaty("ece-1957")
    reservations = [r for r in ece.reservations if r.kind == "reservation"]
    assert {r.article for r in reservations} == {"1"}
    assert len(reservations) == 2


def test_the_minsk_convention_has_a_closed_list_without_point7_and_a_mandatory_private_prosecution_bar() -> (
    None
):
    minsk = load_treaty("minsk-1993")
    assert minsk.obliges_extradition is not None and minsk.obliges_extradition.article == "56"
    assert minsk.lists(POINT7) is False
    private = minsk.grounds_for("ru.upk.464.2.3")[0]
    assert private.mandatory is True and private.article == "57(1)(d)"
    # what Russian law only allows, Minsk obliges: a private-prosecution case must be refused
    assert minsk.lists("ru.upk.464.2.1") is True


def test_the_chisinau_convention_is_in_force_for_russia_from_28_june_2023_and_its_point7_status_is_unknown() -> (
    None
):
    chisinau = load_treaty("chisinau-2002")
    assert chisinau.in_force_for_russia.covers(dt.date(2023, 6, 27)) is False
    assert chisinau.in_force_for_russia.covers(dt.date(2023, 6, 28)) is True
    assert chisinau.lists(POINT7) is None  # the refusal article was not read
    assert chisinau.obliges_extradition is not None and chisinau.obliges_extradition.article == "66"


@pytest.mark.parametrize(
    "tid",
    [
        "ru-in-extradition-1998",
        "ru-kg-legal-assistance-1992",
        "ru-cu-legal-assistance-2000",
        "ru-ng-mla-2018",
    ],
)
def test_a_bilateral_treaty_whose_text_was_not_read_lists_nothing_known_either_way(tid: str) -> None:
    t = load_treaty(tid)
    assert t.refusal_grounds == ()
    assert t.lists("ru.upk.464.1.1") is None
    assert t.lists(POINT7) is None


def test_unknown_treaty_membership_stays_unknown() -> None:
    ece = load_treaty("ece-1957")
    party = ece.party("AZ")
    assert party is not None and party.status == "unknown"
    assert ece.party("NP") is None


# --- states --------------------------------------------------------------------------------------------


def test_kazakhstan_moves_from_minsk_to_chisinau_on_28_june_2023() -> None:
    kz = load_states()["KZ"]
    before = {link.treaty for link, _ in kz.treaties_on(dt.date(2023, 6, 27))}
    after = {link.treaty: binds for link, binds in kz.treaties_on(dt.date(2023, 6, 28))}
    assert "minsk-1993" in before and "chisinau-2002" not in before
    assert after == {"chisinau-2002": True}


def test_a_state_with_no_known_treaty_keeps_the_marker_that_one_may_exist() -> None:
    np_ = load_states()["NP"]
    assert np_.known_treaties() == ()
    assert any(link.unknown_marker for link in np_.treaties)


def test_the_blacklist_names_cuba_from_january_2026_and_not_nepal() -> None:
    bl = default_blacklist()
    first = bl.first_named("CU")
    assert first is not None and first.reported_from == dt.date(2026, 1, 1)
    assert bl.first_named("NP") is None
    jo = bl.check("JO", dt.date(2026, 4, 1))
    assert jo.first_named is None and jo.separate is not None  # reported apart, date unknown
    assert jo.separate.reported_from is None
