"""Shared fixtures. Tests that need a service (PostgreSQL, Chromium) say loudly when they are skipped."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"


def load_example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def nepali() -> dict[str, Any]:
    """A Nepali contract soldier still serving, every fact known but combat."""
    return copy.deepcopy(load_example("nepali-serving"))
