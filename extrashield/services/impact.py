"""The impact of a change of law or of interpretation on a population: a transition table of outcomes.

The same rows are screened twice, under a "before" and an "after" setting (two decision dates, or two
readings of the law), and every row is counted in the cell (outcome before, outcome after). `invalid` is
an outcome here too: a row can be invalid on one date only (a decision date before the law data's
horizon, a stateless person who holds a citizenship on that date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

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
        d = self.to_dict()
        lines = [
            f"before: {self.before}",
            f"after:  {self.after}",
            f"{d['rows']} rows, {d['changed']} change outcome ({100 * d['changed_share']:.2f}%)",
            "",
        ]
        width = max(
            [len("before → after")] + [len(f"{r['before']} → {r['after']}") for r in d["transitions"]]
        )
        lines.append(f"{'before → after'.ljust(width)}  {'count':>12}  {'share':>8}")
        for r in sorted(d["transitions"], key=lambda r: (r["before"] == r["after"], -r["count"])):
            label = f"{r['before']} → {r['after']}"
            mark = "" if r["before"] == r["after"] else "  *"
            lines.append(f"{label.ljust(width)}  {r['count']:>12,}  {100 * r['share']:>7.2f}%{mark}")
        lines.append("")
        lines.append("* the outcome changes")
        return "\n".join(lines)
