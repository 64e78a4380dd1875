"""The reported blacklist filter, the figures ledger (grouping, disagreements, strict loading), the
citizenship what-if, and the commands."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from extrashield import assess
from extrashield.errors import CaseError, LawDataError
from extrashield.facts.whatif import grant_russian_citizenship
from extrashield.present.recruitment_report import figures_report
from extrashield.services.recruitment import blacklist_check
from extrashield.sources.blacklist import BLACKLIST_FILE, parse_blacklist
from extrashield.sources.figures import DISAGREEMENT_RULE, FIGURES_FILE, parse_ledger

ROOT = Path(__file__).resolve().parents[2]
CUBAN = ROOT / "extrashield" / "examples" / "cuban-recruit-family.json"


def raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- blacklist ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "country,day,expected",
    [
        ("KE", "2025-12-31", "no"),  # before the list is reported to circulate
        ("KE", "2026-01-01", "yes"),  # named in the list of 36
        ("NP", "2026-01-15", "unknown"),  # not named, but 17 of the 36 are unnamed
        ("IQ", "2026-01-31", "no"),  # a February addition: not on the 36
        ("IQ", "2026-02-01", "yes"),  # named in the list of 43
        ("JO", "2026-03-01", "unknown"),  # reported apart by a single outlet
    ],
)
def test_blacklist_answers_yes_no_or_unknown_on_a_date(country, day, expected):
    assert blacklist_check(country, day).answer == expected


def test_blacklist_answer_is_marked_as_a_media_report_with_sources():
    d = blacklist_check("CU", "2026-02-10").to_dict()
    assert (d["status"], d["legal_effect"]) == ("media_report", "none")
    assert d["version"]["id"] == "list_43" and d["version"]["sources"][0]["url"].startswith("https://")


def test_a_fully_named_list_answers_no_for_an_absent_country():
    data = raw(BLACKLIST_FILE)
    data["versions"] = [{**data["versions"][0], "count_reported": 19, "unnamed_count": 0}]
    for q in data["open_questions"]:  # what the questions concern must exist: the list of 43 is gone
        q["concerns"] = [c for c in q.get("concerns", []) if not c.startswith("list_43.")]
    assert parse_blacklist(data).check("NP", blacklist_check("KE", "2026-01-15").day).answer == "no"


def test_blacklist_loader_refuses_a_wrong_unnamed_count_naming_the_key():
    data = raw(BLACKLIST_FILE)
    data["versions"][0]["unnamed_count"] = 16
    with pytest.raises(LawDataError, match=r"versions\[0\]\.unnamed_count"):
        parse_blacklist(data)


def test_blacklist_loader_refuses_anything_but_a_media_report():
    data = raw(BLACKLIST_FILE)
    data["legal_effect"] = "binding"
    with pytest.raises(LawDataError, match="legal_effect"):
        parse_blacklist(data)


# --- figures ledger -------------------------------------------------------------------------------------


def ledger_with(*changes):
    data = raw(FIGURES_FILE)
    for claim_id, key, value in changes:
        next(c for c in data["claims"] if c["id"] == claim_id)[key] = value
    return parse_ledger(data)


def verdict(ledger, quantity, a, b):
    comps = ledger.quantity(quantity).comparisons()
    return next(c["verdict"] for c in comps if {c["a"], c["b"]} == {a, b})


def test_claims_about_the_same_quantity_are_grouped_together():
    ledger = parse_ledger(raw(FIGURES_FILE))
    ids = [c.id for c in ledger.quantity("foreign_recruits_total").claims]
    assert ids == ["telegraph_2025_recruits", "ap_recruits", "ua_pow_hq_recruits"]


def test_about_and_at_least_the_same_number_are_consistent_at_the_same_date():
    ledger = ledger_with(("ua_pow_hq_recruits", "as_of", raw(FIGURES_FILE)["claims"][0]["as_of"]))
    assert (
        verdict(ledger, "foreign_recruits_total", "telegraph_2025_recruits", "ua_pow_hq_recruits")
        == "consistent"
    )


def test_incompatible_values_at_the_same_date_disagree():
    # "exactly 3,000" and "at least 3,300" at one date (docs/figures.md); the stored claim is "at least 3,388"
    day = raw(FIGURES_FILE)["claims"][0]["as_of"]
    ledger = ledger_with(
        ("ua_pow_hq_killed", "as_of", day),
        ("ua_pow_hq_killed", "value", 3000),
        ("ua_pow_hq_killed", "value_kind", "exact"),
    )
    assert (
        verdict(ledger, "foreign_recruits_killed", "telegraph_2025_killed", "ua_pow_hq_killed") == "disagree"
    )


def test_incompatible_values_with_a_missing_date_are_a_possible_disagreement():
    ledger = ledger_with(("ap_recruits", "value", 25000))
    assert (
        verdict(ledger, "foreign_recruits_total", "telegraph_2025_recruits", "ap_recruits")
        == "possible_disagreement"
    )


def test_counts_at_different_dates_are_not_compared():
    ledger = parse_ledger(raw(FIGURES_FILE))
    assert (
        verdict(ledger, "recruitment_blacklist_countries", "blacklist_36", "blacklist_43") == "not_comparable"
    )


def test_the_stateless_date_claims_disagree_across_the_years_not_within_them():
    ledger = parse_ledger(raw(FIGURES_FILE))
    q = "stateless_contract_eligible_from"
    assert verdict(ledger, q, "mt_stateless_from_2024", "vedomosti_stateless_from_2025") == "disagree"
    assert verdict(ledger, q, "vedomosti_stateless_from_2025", "zaks_stateless_from_2025") == "consistent"


def url_less_ledger():
    """The ledger with one claim of its own that has no URL (every stored claim now has one)."""
    data = raw(FIGURES_FILE)
    claim = copy.deepcopy(next(c for c in data["claims"] if c["id"] == "kenya_nis_recruited"))
    claim.update(
        id="kenya_no_url",
        quantity="kenyans_recruited_no_url",
        url=None,
        note="The outlet is named but no address was recorded.",
    )
    data["claims"].append(claim)
    return data


def test_claims_without_url_are_kept_and_marked():
    ledger = parse_ledger(url_less_ledger())
    d = next(c for c in ledger.quantity("kenyans_recruited_no_url").to_dict()["claims"])
    assert d["id"] == "kenya_no_url" and d["url"] is None and d["url_missing"] is True and d["note"]
    text = figures_report(ledger, [ledger.quantity("kenyans_recruited_no_url")], DISAGREEMENT_RULE)
    assert "URL MISSING (The outlet is named but no address was recorded.)" in text


def test_ledger_refuses_one_sided_conflicts():
    with pytest.raises(LawDataError, match="symmetric"):
        ledger_with(("vedomosti_stateless_from_2025", "conflicts_with", ["mt_stateless_from_2024"]))


def test_ledger_refuses_a_verified_claim_without_url_or_reason():
    with pytest.raises(LawDataError, match=r"kenya_nis_recruited\)\.note"):
        ledger_with(("kenya_nis_recruited", "url", None), ("kenya_nis_recruited", "note", None))


def test_every_legal_claim_cites_a_provision_of_the_law_data():
    from extrashield.sources.lawbook import default_lawbook

    book = default_lawbook()
    for c in parse_ledger(raw(FIGURES_FILE)).claims:
        if c.kind == "legal_claim":
            assert c.provision in book.provisions


# --- what if citizenship is granted -------------------------------------------------------------------


def cuban():
    return json.loads(CUBAN.read_text(encoding="utf-8"))


def test_a_grant_after_the_decision_date_leaves_point_7():
    a = assess(grant_russian_citizenship(cuban(), "2026-04-02")).to_dict()
    assert a["applies"] == ["ru.upk.464.1.7"]


def test_a_grant_on_the_decision_date_moves_the_person_to_art_61_and_point_1():
    a = assess(grant_russian_citizenship(cuban(), "2026-04-01")).to_dict()
    assert a["applies"] == ["ru.const.61.1", "ru.upk.464.1.1"]


def test_a_grant_does_not_change_the_case_it_was_given():
    case = cuban()
    before = copy.deepcopy(case)
    grant_russian_citizenship(case, "2026-01-01")
    assert case == before


def test_a_grant_needs_known_citizenships():
    case = cuban()
    del case["person"]["citizenships"]
    with pytest.raises(CaseError, match=r"person\.citizenships"):
        grant_russian_citizenship(case, "2026-01-01")


# --- commands -----------------------------------------------------------------------------------------


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_eligibility_command_answers_in_json():
    r = run("eligibility", "citizenship", str(CUBAN), "--format", "json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["outcome"] == "eligible"


def test_eligibility_command_names_the_bad_field_and_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"decision_date": "2026-01-01", "person": {"fitness": "strong"}}))
    r = run("eligibility", "contract", str(bad))
    assert r.returncode == 2 and "person.fitness" in r.stderr and "Traceback" not in r.stderr


def test_blacklist_command_refuses_an_unknown_country():
    r = run("blacklist", "XX", "--date", "2026-01-15")
    assert r.returncode == 2 and "XX" in r.stderr


def test_figures_command_refuses_an_unknown_quantity():
    r = run("figures", "--quantity", "nope")
    assert r.returncode == 2 and "nope" in r.stderr


def test_assess_grant_citizenship_option_shows_the_hypothesis():
    r = run("assess", str(CUBAN), "--grant-citizenship", "2026-03-01", "--format", "json")
    d = json.loads(r.stdout)
    assert d["what_if"] == {"grant_russian_citizenship": "2026-03-01"} and "ru.const.61.1" in d["applies"]
