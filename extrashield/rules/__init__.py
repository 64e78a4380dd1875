"""The rules: one module per article, each ground a labelled rule over the facts that cites its provision.

`GROUNDS` lists every ground in the order of docs/contract.md §4. The same definitions serve the single-case
explainer (`extrashield.engine.evaluator`) and the batch engine (`extrashield.engine.vector.interpreter`).
"""

from __future__ import annotations

from extrashield.engine.grounds import Ground
from extrashield.rules import constitution_61, constitution_63, upk_462, upk_464

GROUNDS: tuple[Ground, ...] = (
    constitution_61.CITIZEN,
    constitution_63.POLITICAL_OR_NOT_A_CRIME,
    upk_462.NO_BASIS_OR_DOUBLE_CRIMINALITY,
    upk_462.PENALTY_TOO_LOW,
    upk_462.SENTENCE_TOO_SHORT,
    upk_462.NO_GUARANTEES,
    *upk_464.PART_1,
    *upk_464.PART_2,
)

__all__ = ["GROUNDS"]
