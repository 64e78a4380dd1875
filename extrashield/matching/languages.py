"""Which spelling conventions a person's Latin name probably follows, told by their citizenships.

A Latin `Jose` is read as Хосе only if the name is Spanish; `Xasan` is Хасан only if it is Somali. The
wanted list rarely says the language of a name, but it nearly always gives the citizenship, and the
citizenship picks the convention well enough for transcription (a Cuban's name is Spanish). A person with
no known citizenship gets the general rules only.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from functools import lru_cache


class Convention(str, Enum):
    SPANISH = "es"
    PORTUGUESE = "pt"
    FRENCH = "fr"  # France and the French-speaking states of Africa (Cameroon, Senegal...), Haiti, Maghreb
    ARABIC = "ar"
    EGYPTIAN = "eg"  # Egyptian Arabic says ج as g: حجازي is Hegazy, Хегази (the script alone gives Hijazi)
    SOMALI = "so"
    SOUTH_ASIAN = "sa"  # Nepali, Hindi and other Indian languages, Bengali, Sinhala, Tamil, Urdu
    CENTRAL_ASIAN = "ca"  # Tajik, Uzbek, Kyrgyz, Kazakh, Turkmen, Azerbaijani
    CHINESE = "zh"
    KOREAN = "ko"


_BY_COUNTRY: dict[Convention, frozenset[str]] = {
    Convention.SPANISH: frozenset("AR BO CL CO CR CU DO EC ES GQ GT HN MX NI PA PE PR PY SV UY VE".split()),
    Convention.PORTUGUESE: frozenset("AO BR CV GW MZ PT ST TL".split()),
    Convention.FRENCH: frozenset(
        "BE BF BI BJ CD CF CG CI CM DZ FR GA GN HT KM LU MA MC MG ML NE RW SN TD TG TN".split()
    ),
    Convention.ARABIC: frozenset("AE BH DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SY TN YE".split()),
    Convention.EGYPTIAN: frozenset({"EG"}),
    Convention.SOMALI: frozenset("SO DJ".split()),
    Convention.SOUTH_ASIAN: frozenset("BD BT IN LK MV NP PK".split()),
    Convention.CENTRAL_ASIAN: frozenset("AZ KG KZ TJ TM UZ".split()),
    Convention.CHINESE: frozenset("CN HK MO TW".split()),
    Convention.KOREAN: frozenset("KP KR".split()),
}


# With no citizenship known, a Latin name is read by each of the conventions whose spellings differ most
# from a Russian reading (Jorge is Хорхе only if read as Spanish) and which rarely mislead for others.
UNKNOWN = frozenset({Convention.SPANISH, Convention.PORTUGUESE, Convention.FRENCH, Convention.ARABIC})


def conventions(countries: Iterable[str]) -> frozenset[Convention]:
    """The spelling conventions of a person holding these citizenships (ISO alpha-2 codes); `UNKNOWN`
    when none is given."""
    codes = {c.upper() for c in countries}
    if not codes:
        return UNKNOWN
    return frozenset(conv for conv, members in _BY_COUNTRY.items() if codes & members)


@lru_cache(maxsize=4096)
def conventions_of(countries: frozenset[str]) -> frozenset[Convention]:
    """`conventions`, cached: asked once for every pair of persons compared."""
    return conventions(countries)


__all__ = ["UNKNOWN", "Convention", "conventions", "conventions_of"]
