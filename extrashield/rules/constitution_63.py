"""Constitution of the Russian Federation, Art. 63(2): no extradition for political beliefs, or for an
act that is not a crime in Russia."""

from __future__ import annotations

from extrashield.engine.expr import Cond, Field, Not, Or
from extrashield.engine.grounds import BARS, Ground
from extrashield.i18n import N_

POLITICAL_PERSECUTION = Cond(
    "political_persecution",
    N_("the person is persecuted for political beliefs"),
    Field("request.offense.political_persecution"),
)
NOT_A_CRIME_IN_RUSSIA = Cond(
    "not_a_crime_in_russia",
    N_("the act is not recognised as a crime in Russia"),
    Not(Field("request.offense.crime_under_russian_law")),
)

POLITICAL_OR_NOT_A_CRIME = Ground(
    provision="ru.const.63.2",
    effect=BARS,
    test=Or(POLITICAL_PERSECUTION, NOT_A_CRIME_IN_RUSSIA),
    summary="No extradition of persons persecuted for political beliefs, or for acts not crimes in Russia.",
)
