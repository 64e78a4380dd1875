"""Constitution of the Russian Federation, Art. 61(1): no extradition of a Russian citizen."""

from __future__ import annotations

from extrashield.engine.grounds import BARS, Ground
from extrashield.rules.status import RUSSIAN_CITIZEN

CITIZEN = Ground(
    provision="ru.const.61.1",
    effect=BARS,
    test=RUSSIAN_CITIZEN,
    summary="A Russian citizen may not be extradited to another state.",
)
