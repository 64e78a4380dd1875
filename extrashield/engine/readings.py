"""Readings as callers give them (docs/contract.md, "Point 7 and its readings"): ``KEY=VALUE`` text from the
command line (``--reading``), an HTTP query or a web page (``reading=``), or a mapping from Python
(``readings=``, as the scenario files give them). Only their shape is checked here; whether the law data knows
each key and value is `resolve_readings`'s question (extrashield.engine.evaluator).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from extrashield.errors import CaseError, ReadingError
from extrashield.i18n import _

# KEY=VALUE as a JSON Schema pattern: how the OpenAPI document declares the `reading` query parameter
PAIR_PATTERN = "^[^=]+=.+$"


def readings_of(pairs: Iterable[str], name: str = "reading") -> dict[str, str]:
    """``KEY=VALUE`` pairs as a mapping (spaces around either side dropped); a key given twice with different
    values is refused, the same value twice accepted. Errors name `name`, the option or parameter the pairs
    came from: ``reading: 'x': expected KEY=VALUE…``, ``reading point7.limbs: given twice…``."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise CaseError(
                name,
                _("{pair}: expected KEY=VALUE, e.g. point7.limbs=combat_required").format(pair=repr(pair)),
            )
        if key in out and out[key] != value:
            raise ReadingError(
                f"{name} {key}",
                _("given twice with different values ({first} and {second}); give it once").format(
                    first=repr(out[key]), second=repr(value)
                ),
            )
        out[key] = value
    return out


def check_mapping(readings: object) -> None:
    """`readings` must be None or a mapping of reading keys to values, all text (not a list of
    ``KEY=VALUE`` strings, as the command line takes them)."""
    if readings is None:
        return
    if not isinstance(readings, Mapping):
        hint = " of 'KEY=VALUE' strings" if isinstance(readings, (list, tuple)) else ""
        raise ReadingError(
            "reading",
            f"readings must be a mapping such as {{'point7.limbs': 'combat_required'}}, "
            f"got a {type(readings).__name__}{hint}",
        )
    for key, value in readings.items():
        if not isinstance(key, str):
            raise ReadingError("reading", f"reading keys are text such as 'point7.limbs', got {key!r}")
        if not isinstance(value, str):
            raise ReadingError(f"reading {key}", f"expected the value as text, got {type(value).__name__}")
