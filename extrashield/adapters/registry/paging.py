"""Keyset paging of record lists: the `cursor` of the list endpoints and the pages of `db export`.

Records are listed in (created_at, id) order. A cursor names the last record a page held; the next
page starts after it. Records are never deleted and `created_at` never changes, and a record's
`created_at` is stamped while the registry's write lock is held (so records become visible in the
order of their stamps): following cursors therefore visits every record once, and records created
while a client pages appear after the ones it has seen, never in the part already read.

The cursor is opaque to clients: URL-safe base64 of the JSON ``["created_at", "id"]``, without padding.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any

Key = tuple[str, str]  # (created_at, id)
MAX_CURSOR = 200
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$")


def key_of(row: Mapping[str, Any]) -> Key:
    return (row["created_at"], row["id"])


def encode_cursor(row: Mapping[str, Any]) -> str:
    """The cursor that continues after `row`."""
    raw = json.dumps(list(key_of(row)), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(text: str) -> Key:
    """The key a cursor names. Raises ValueError saying what is wrong (never echoing the text)."""
    problem = (
        "not a cursor this registry gave out (take it from the previous page's Link or X-Next-Cursor header)"
    )
    if not text or len(text) > MAX_CURSOR or not text.isascii():
        raise ValueError(problem)
    try:
        value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8"))
    except (binascii.Error, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ValueError(problem) from None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, str) for v in value)
        or not _STAMP.match(value[0])
        or not 0 < len(value[1]) <= 36
    ):
        raise ValueError(problem)
    return (value[0], value[1])


__all__ = ["Key", "decode_cursor", "encode_cursor", "key_of"]
