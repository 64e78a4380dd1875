"""An answer's texts for people in the current language: `because`, the questions of `depends_on` and
`also_unknown`, and the open legal questions. Keys, ids, values and fact paths stay as they are (the
contract, docs/contract.md §5).

The engine writes each text in English, once, in code generated per set of readings and stretch of days
(engine/answer.py); translating the finished answer here keeps that code one for every language. A
`because` line is "<condition>[ [item]]: <true|false|unknown>[ (<facts>)]": the condition's text is the
msgid its rule marked with N_, the rest is data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extrashield.i18n import DEFAULT, N_, _, language, reformatted

_BECAUSE = re.compile(
    r"(?P<text>.+?)(?P<where> \[[^\]]*\]\])?: (?P<word>true|false|unknown)(?: \((?P<facts>.*)\))?",
    re.DOTALL,
)
_NOT_IN_FORCE = re.compile(
    r"no version of (?P<citation>.+) is in force on (?P<day>[\d-]+)"
    r"(?:; it applies from (?P<first>[\d-]+) \((?P<certainty>[^)]*)\))?"
)
_UNKNOWN_FACT = re.compile(r"(?<= = )unknown(?=;|$)")
WORDS = {"true": N_("true"), "false": N_("false"), "unknown": N_("unknown")}
_WHAT_IS = "What is {path}?"


def because(line: str) -> str:
    """One `because` line in the current language (unchanged when its condition has no translation)."""
    m = _NOT_IN_FORCE.fullmatch(line)
    if m is not None:
        text = _("no version of {citation} is in force on {day}").format(citation=m["citation"], day=m["day"])
        if m["first"]:
            text += _("; it applies from {day} ({certainty})").format(
                day=m["first"], certainty=m["certainty"]
            )
        return text
    m = _BECAUSE.fullmatch(line)
    if m is None:
        return line
    out = f"{condition(m['text'])}{m['where'] or ''}: {_(WORDS[m['word']])}"
    if m["facts"] is not None:
        out += f" ({_UNKNOWN_FACT.sub(_('unknown'), m['facts'])})"
    return out


def condition(text: str) -> str:
    """A condition's text in the current language: its msgid's translation, or for a condition made from a
    template (an age), the template's translation with the same values."""
    said = _(text)
    if said != text:
        return said
    from extrashield.rules.personal_status import AGED_AT_LEAST, AGED_BETWEEN

    return reformatted(text, AGED_AT_LEAST, AGED_BETWEEN) or text


def question(fact: str, text: str) -> str:
    """The question asked of an unknown fact, in the current language."""
    if text == _WHAT_IS.format(path=fact):
        return _(_WHAT_IS).format(path=fact)
    return _(text)


# Texts that services make while answering from templates of their own (an adoption question quoting a
# bill's note, a limitation day's anniversary, a treaty collision; a removal shield's `law_why`): each
# service registers how to say its texts in the current language, by the question's `kind` (COMPOSED) or by
# the field's name (FIELDS), so that this module imports none of them (services import i18n, never the
# other way round). A service whose texts are in an answer has been imported by whoever made the answer.
COMPOSED: dict[str, Callable[[dict[str, Any], str], str | None]] = {}
FIELDS: dict[str, Callable[[str], str]] = {}


def composed(q: dict[str, Any], text: str) -> str | None:
    """An open question `q` made from templates while answering, in the current language (COMPOSED); None
    for any other question."""
    say = COMPOSED.get(str(q.get("kind")))
    return None if say is None else say(q, text)


def answer(d: dict[str, Any]) -> dict[str, Any]:
    """An answer (of `assess`, `eligibility`, `removal`: docs/contract.md §5 and its kin) with its texts for
    people in the current language, wherever they sit: each `because` line and each `question` (of an
    unknown fact, or an open legal question). `d` itself is left as it is; in English, `d` is returned."""
    if language() == DEFAULT:
        return d
    translated: dict[str, Any] = _walk(d)
    return translated


def _walk(x: Any) -> Any:
    if isinstance(x, dict):
        out: dict[str, Any] = {}
        for k, v in x.items():
            if k == "because" and isinstance(v, list):
                out[k] = [because(b) if isinstance(b, str) else _walk(b) for b in v]
            elif k in FIELDS and isinstance(v, str):
                out[k] = FIELDS[k](v)
            elif k == "question" and isinstance(v, str):
                fact = x.get("fact")
                out[k] = question(fact, v) if isinstance(fact, str) else composed(x, v) or _(v)
            else:
                out[k] = _walk(v)
        return out
    if isinstance(x, list):
        return [_walk(v) for v in x]
    return x
