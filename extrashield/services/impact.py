"""The impact of a change of law or of interpretation on a population: a transition table of outcomes.

The same rows are screened twice, under a "before" and an "after" setting (two decision dates, or two
readings of the law), and every row is counted in the cell (outcome before, outcome after). `invalid` is
an outcome here too: a row can be invalid on one date only (a decision date before the law data's
horizon, a stateless person who holds a citizenship on that date).

Who changed: `changed_rows` gives, batch by batch, the rows whose outcome differs between the two sides,
with the grounds whose status moved (`impact --changes FILE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from extrashield.engine.vector.interpreter import OUTCOME_NAMES

K = len(OUTCOME_NAMES)


@dataclass
class Transitions:
    before: str  # how the "before" setting is described, e.g. "decision date 2026-03-18"
    after: str
    counts: np.ndarray = field(default_factory=lambda: np.zeros((K, K), np.int64))

    def add(self, before: np.ndarray, after: np.ndarray) -> None:
        self.counts += np.bincount(before.astype(np.int64) * K + after, minlength=K * K).reshape(K, K)

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    @property
    def changed(self) -> int:
        return self.total - int(np.trace(self.counts))

    def rows(self) -> list[dict[str, Any]]:
        total = self.total or 1
        return [
            {
                "before": OUTCOME_NAMES[i],
                "after": OUTCOME_NAMES[j],
                "count": int(self.counts[i, j]),
                "share": round(float(self.counts[i, j]) / total, 6),
            }
            for i in range(K)
            for j in range(K)
            if self.counts[i, j]
        ]

    def to_dict(self) -> dict[str, Any]:
        total = self.total or 1
        return {
            "before": self.before,
            "after": self.after,
            "rows": self.total,
            "changed": self.changed,
            "changed_share": round(self.changed / total, 6),
            "transitions": self.rows(),
            "before_totals": {OUTCOME_NAMES[i]: int(c) for i, c in enumerate(self.counts.sum(axis=1)) if c},
            "after_totals": {OUTCOME_NAMES[j]: int(c) for j, c in enumerate(self.counts.sum(axis=0)) if c},
        }

    def to_text(self) -> str:
        """The table for people, in the current language (the outcomes are their codes, as in the output)."""
        from extrashield.i18n import _

        d = self.to_dict()
        lines = [
            _("before: {setting}").format(setting=self.before),
            _("after:  {setting}").format(setting=self.after),
            _("{rows} rows, {changed} change outcome ({share:.2f}%)").format(
                rows=d["rows"], changed=d["changed"], share=100 * d["changed_share"]
            ),
            "",
        ]
        heading = _("before → after")
        width = max([len(heading)] + [len(f"{r['before']} → {r['after']}") for r in d["transitions"]])
        count, share = _("count"), _("share")
        lines.append(f"{heading.ljust(width)}  {count:>12}  {share:>8}")
        for r in sorted(d["transitions"], key=lambda r: (r["before"] == r["after"], -r["count"])):
            label = f"{r['before']} → {r['after']}"
            mark = "" if r["before"] == r["after"] else "  *"
            lines.append(f"{label.ljust(width)}  {r['count']:>12,}  {100 * r['share']:>7.2f}%{mark}")
        lines.append("")
        lines.append(_("* the outcome changes"))
        return "\n".join(lines)


# --- who changed: the rows whose outcome differs between the two sides ------------------------------------
# One row per changed input row: its id, both outcomes, the grounds whose status moved, the questions of
# depends_on of a side that is undetermined (the screener finds depends_on for undetermined rows only), the
# error of a side that is invalid, then a person list's own columns (its names and whatever else it holds).

CHANGE_COLUMNS = (
    "id",
    "outcome_before",
    "outcome_after",
    "grounds_moved",
    "questions_before",
    "questions_after",
    "error_before",
    "error_after",
)
MOVED = " -> "  # `ru.upk.464.1.7: not_in_force -> applies`; ASCII, so that every format and sheet shows it


def change_schema(own: Sequence[pa.Field]) -> pa.Schema:
    """The columns of the changes file: `CHANGE_COLUMNS`, then a person list's own columns (`own`, as the
    screener's results hold them after its own columns), renamed with " (input)" where a name is taken."""
    from extrashield.batch.person_lists import INPUT_SUFFIX

    texts = pa.list_(pa.string())
    fixed = [
        pa.field("id", pa.string()),
        pa.field("outcome_before", pa.string()),
        pa.field("outcome_after", pa.string()),
        pa.field("grounds_moved", texts),
        pa.field("questions_before", texts),
        pa.field("questions_after", texts),
        pa.field("error_before", pa.string()),
        pa.field("error_after", pa.string()),
    ]
    return pa.schema(
        [*fixed, *(f.with_name(f.name + INPUT_SUFFIX) if f.name in CHANGE_COLUMNS else f for f in own)]
    )


def changed_rows(
    before: pa.RecordBatch,
    after: pa.RecordBatch,
    outcome_before: np.ndarray,
    outcome_after: np.ndarray,
    provisions: Sequence[str],
    schema: pa.Schema,
) -> pa.RecordBatch:
    """The rows of one batch whose outcome changes, from the screener's results of that batch on each side
    (`outcome_*`: their outcome codes), whose status columns are named by `provisions`; in `schema`
    (`change_schema`)."""
    taken = pa.array(np.flatnonzero(outcome_before != outcome_after))
    b, a = before.take(taken), after.take(taken)
    keys: list[np.ndarray] = []
    texts: list[pa.Array] = []
    for k, p in enumerate(provisions):
        sb, sa = b.column(p).cast(pa.string()), a.column(p).cast(pa.string())
        differs = pc.fill_null(pc.not_equal(sb, sa), False)  # an invalid side has no statuses: no move
        where = np.flatnonzero(differs.to_numpy(zero_copy_only=False))
        keys.append(where * len(provisions) + k)  # row by row, each row's grounds in their order
        texts.append(pc.binary_join_element_wise(f"{p}: ", sb.take(where), MOVED, sa.take(where), ""))
    key = np.concatenate(keys)
    order = np.argsort(key, kind="stable")
    offsets = np.zeros(len(taken) + 1, np.int32)
    np.cumsum(np.bincount(key // max(1, len(provisions)), minlength=len(taken)), out=offsets[1:])
    moved = pa.ListArray.from_arrays(
        pa.array(offsets), pa.concat_arrays([t.cast(pa.string()) for t in texts]).take(pa.array(order))
    )
    fixed = [
        b.column("id"),
        b.column("outcome"),
        a.column("outcome"),
        moved,
        b.column("questions"),
        a.column("questions"),
        b.column("error"),
        a.column("error"),
    ]
    n_own = len(schema) - len(CHANGE_COLUMNS)  # a person list's own columns end the results of each side
    own = b.columns[len(b.schema) - n_own :] if n_own else []
    columns = [c.cast(f.type) if c.type != f.type else c for c, f in zip([*fixed, *own], schema)]
    return pa.RecordBatch.from_arrays(columns, schema=schema)
