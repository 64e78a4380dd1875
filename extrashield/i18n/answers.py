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
from typing import Any

from extrashield.i18n import DEFAULT, N_, _, language

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
    out = f"{_(m['text'])}{m['where'] or ''}: {_(WORDS[m['word']])}"
    if m["facts"] is not None:
        out += f" ({_UNKNOWN_FACT.sub(_('unknown'), m['facts'])})"
    return out


def question(fact: str, text: str) -> str:
    """The question asked of an unknown fact, in the current language."""
    if text == _WHAT_IS.format(path=fact):
        return _(_WHAT_IS).format(path=fact)
    return _(text)


def _questions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**q, "question": question(q["fact"], q["question"])} for q in items]


def answer(d: dict[str, Any]) -> dict[str, Any]:
    """The answer `d` (docs/contract.md §5) with its texts for people in the current language; `d` itself
    is left as it is. In English, `d` is returned."""
    if language() == DEFAULT:
        return d
    out = dict(d)
    out["grounds"] = [{**g, "because": [because(b) for b in g["because"]]} for g in d["grounds"]]
    out["depends_on"] = _questions(d["depends_on"])
    if d.get("also_unknown") is not None:
        out["also_unknown"] = _questions(d["also_unknown"])
    out["open_questions"] = [{**q, "question": _(q["question"])} for q in d["open_questions"]]
    return out
