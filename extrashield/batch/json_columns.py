"""Result rows as JSON text, assembled column by column (JSON Lines, the JSON array, /v1/screen, and the list
cells of CSV): each row's object is exactly what `json.dumps(row, ensure_ascii=False)` writes for the row as
`RecordBatch.to_pylist` gives it, without `error` where it is null, but only texts that need escaping (a
quote, a backslash, a control character) go through `json.dumps`. Columns of other types (a person list's
own Parquet columns: numbers, dates, structs) are written value by value, dates as ISO text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

OMITTED_WHEN_NULL = ("error",)  # as before person lists: `error` only on an invalid row


def json_texts(arr: pa.Array) -> pa.Array:
    """Each text as a JSON string literal (`null` for a missing one)."""
    arr = arr.cast(pa.string())
    quoted = pc.binary_join_element_wise('"', arr, '"', "")
    escape = pc.fill_null(pc.match_substring_regex(arr, r'["\\\x00-\x1f]'), False)
    if pc.any(escape).as_py():
        idx = np.flatnonzero(escape.to_numpy(zero_copy_only=False))
        texts = arr.take(pa.array(idx)).to_pylist()
        quoted = pc.replace_with_mask(
            quoted, escape, pa.array([json.dumps(t, ensure_ascii=False) for t in texts])
        )
    return pc.fill_null(quoted, "null")


def json_lists(arr: pa.ListArray) -> pa.Array:
    """Lists of texts as JSON arrays (`null` for a missing list)."""
    values = json_texts(arr.flatten())
    offsets = pc.subtract(arr.offsets, arr.offsets[0])
    quoted = pa.ListArray.from_arrays(offsets, values, mask=arr.is_null())
    text = pc.binary_join_element_wise("[", pc.binary_join(quoted, ", "), "]", "")
    return pc.fill_null(text, "null")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def json_values(arr: pa.Array) -> pa.Array:
    """Any column as JSON text per row."""
    t = arr.type
    if pa.types.is_dictionary(t):
        arr, t = arr.cast(t.value_type), t.value_type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return json_texts(arr)
    if (pa.types.is_list(t) or pa.types.is_large_list(t)) and (
        pa.types.is_string(t.value_type)
        or (pa.types.is_dictionary(t.value_type) and pa.types.is_string(t.value_type.value_type))
    ):
        return json_lists(arr)
    if pa.types.is_boolean(t) or pa.types.is_integer(t):
        return pc.fill_null(arr.cast(pa.string()), "null")
    if pa.types.is_null(t):
        return pa.array(["null"] * len(arr), pa.string())
    return pa.array(
        [json.dumps(_plain(v), ensure_ascii=False, default=str) for v in arr.to_pylist()], pa.string()
    )


def json_objects(batch: pa.RecordBatch) -> pa.Array:
    """One JSON object per row, keys in the batch's column order."""
    parts: list[Any] = []
    for i, name in enumerate(batch.schema.names):
        key = ("{" if i == 0 else ", ") + json.dumps(name, ensure_ascii=False) + ": "
        column = batch.column(i)
        value = pc.binary_join_element_wise(key, json_values(column), "")
        if name in OMITTED_WHEN_NULL:
            value = pc.if_else(column.is_null(), pa.scalar("" if i else "{"), value)
        parts.append(value)
    if not parts:
        return pa.array(["{}"] * batch.num_rows, pa.string())
    return pc.binary_join_element_wise(*parts, "}", "")
