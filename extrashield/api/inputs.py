"""Reading what a client sends: a JSON body (raw, so that our validator, not pydantic, names the field)
and ``reading=KEY=VALUE`` query parameters."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from ..core.errors import CaseError


async def json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise CaseError("body", "expected a JSON body")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise CaseError("body", "not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise CaseError("body", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise CaseError("body", "nested too deeply") from None


def readings_of(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise CaseError("reading", f"{pair!r}: expected KEY=VALUE, e.g. point7.limbs=combat_required")
        out[key.strip()] = value.strip()
    return out
