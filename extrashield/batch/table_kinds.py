"""What kind of table a Python object is: a pandas or polars DataFrame, or a pyarrow Table or RecordBatch.

Told by the class's module and name, so that neither pandas nor polars (not dependencies of extrashield) is
imported to ask. `screen_records` refuses a table with `not_records` (iterated, a DataFrame gives its
column names); `frames.screen_frame` takes it.
"""

from __future__ import annotations

from typing import Any

# (the top-level module of the class, its name): the kinds of table `screen_frame` takes
KINDS = {
    ("pandas", "DataFrame"): "pandas",
    ("polars", "DataFrame"): "polars",
    ("pyarrow", "Table"): "arrow",
    ("pyarrow", "RecordBatch"): "arrow",
}


def frame_kind(obj: Any) -> str | None:
    """`pandas`, `polars` or `arrow` for a table of one of those libraries (or of a subclass), else None;
    told without importing pandas or polars."""
    for cls in type(obj).__mro__:
        kind = KINDS.get((cls.__module__.split(".", 1)[0], cls.__name__))
        if kind is not None:
            return kind
    return None


def not_records(obj: Any) -> TypeError | None:
    """The error for a table passed where rows (mappings) are expected: iterating a DataFrame gives its
    column names, which would be screened as so many invalid rows."""
    kind = frame_kind(obj)
    if kind is None:
        return None
    return TypeError(
        f"screen_records takes rows (mappings), not a {kind} table ({type(obj).__name__}); use "
        "extrashield.batch.frames.screen_frame(table), which returns the results as the same kind of table"
    )
