"""A foreign contract serviceman wanted by a requesting state: the case the treaty and removal tests vary."""

from __future__ import annotations

import copy
from typing import Any

import pytest

BASE: dict[str, Any] = {
    "decision_date": "2026-04-01",
    "person": {
        "citizenships": [{"country": "AZ"}],
        "stateless": False,
        "asylum_in_russia": {"granted": False},
        "military_service": [
            {
                "formation": "armed_forces",
                "contract_from": "2024-05-01",
                "contract_until": "ongoing",
                "combat": True,
            }
        ],
    },
    "request": {
        "requesting_state": "AZ",
        "purpose": "prosecution",
        "legal_basis": "treaty",
        "offense": {
            "committed_in_russia": False,
            "against_russian_interests": False,
            "crime_under_russian_law": True,
            "crime_under_requesting_law": True,
            "max_penalty_years": 7,
            "private_prosecution": False,
            "political_persecution": False,
        },
        "guarantees": {"specialty": True, "no_onward_extradition": True},
    },
    "russian_proceedings": {
        "same_act": "none",
        "limitation_expired": False,
        "other_lawful_ground": False,
        "court_found_obstacles": False,
    },
}


def serviceman(state: str = "AZ", **request: Any) -> dict[str, Any]:
    case = copy.deepcopy(BASE)
    case["person"]["citizenships"] = [{"country": state}]
    case["request"]["requesting_state"] = state
    case["request"].update(request)
    return case


@pytest.fixture(name="serviceman")
def _serviceman_fixture() -> Any:
    """The factory `serviceman(state, **request fields)`."""
    return serviceman
