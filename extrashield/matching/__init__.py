"""Finding the persons of one list in another across scripts (docs/contract.md §1 item 7, issue 17).

A wanted list in Latin or a native script against recruits in Russian records (Cyrillic, or the Latin of
a Russian passport): candidate pairs by blocking (blocking.py), each scored in [0, 1] (scoring.py) and
explained in words (explanation.py). Names are read with rigour (tokenising, ICU transliteration) and the
field's own rules where it falls short: Russian practical transcription of foreign names, Palladius,
Kontsevich, Arabic compounds, Central Asian surnames (spelling.py, palladius.py, korean.py, scripts.py).

Pure: no web, command line or storage. rigour is imported when the first name is analysed.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extrashield.matching.blocking import Index, blocking_keys, candidate_pairs
    from extrashield.matching.explanation import explain, verdict
    from extrashield.matching.linkage import Link, link, prepare
    from extrashield.matching.person import BirthDate, Person, person_from_row
    from extrashield.matching.scoring import PairScore, score_ceiling, score_pair

from extrashield.matching.thresholds import DEFAULT_THRESHOLD, LIKELY_MATCH

# Each name from its module on first use (PEP 562): importing the package for its thresholds, as every
# command's help does, does not import the matcher.
_HOME = {
    "Index": "blocking",
    "blocking_keys": "blocking",
    "candidate_pairs": "blocking",
    "explain": "explanation",
    "verdict": "explanation",
    "Link": "linkage",
    "link": "linkage",
    "prepare": "linkage",
    "BirthDate": "person",
    "Person": "person",
    "person_from_row": "person",
    "PairScore": "scoring",
    "score_ceiling": "scoring",
    "score_pair": "scoring",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DEFAULT_THRESHOLD",
    "LIKELY_MATCH",
    "BirthDate",
    "Index",
    "Link",
    "PairScore",
    "Person",
    "blocking_keys",
    "candidate_pairs",
    "explain",
    "link",
    "person_from_row",
    "prepare",
    "score_ceiling",
    "score_pair",
    "verdict",
]
