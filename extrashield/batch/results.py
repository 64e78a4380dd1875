"""The results of screening: one row per input row, in order. What the screener returns and every format
writes (docs/contract.md §6, "Output columns")."""

from __future__ import annotations

import pyarrow as pa

RESULT_SCHEMA = pa.schema([
    pa.field("id", pa.string()),
    pa.field("outcome", pa.string()),
    pa.field("applies", pa.list_(pa.string())),
    pa.field("depends_on", pa.list_(pa.string())),
    pa.field("error", pa.string()),
])
