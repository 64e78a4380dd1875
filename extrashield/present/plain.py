"""Plain words for people: the answer's facts, conditions and law-data texts without machine identifiers.

The answer (docs/contract.md §5) names facts by their paths (`person.military_service[0].combat`) and the
law data's explanations were written for the research: they cite its notes ("NOTES §5.1", "VERIFICATION
5d", seed reports) and the ids of open questions, treaties and provisions. The decision page and the memo
to file are read by lawyers, so they get labels, citations and titles instead. Nothing here decides law:
it rewords what the core and the law data say, and leaves the JSON answer as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from extrashield.facts import paths
from extrashield.present.memo_texts import N_

# Field names in words; a list item's fields are introduced by the item ("contract 1: began on ...").
FIELD_WORDS = {
    "decision_date": N_("decision date"),
    "names": N_("names"),
    "birth_date": N_("date of birth"),
    "citizenships": N_("citizenships"),
    "country": N_("country"),
    "from": N_("from"),
    "until": N_("until"),
    "stateless": N_("stateless"),
    "asylum_in_russia": N_("asylum in Russia"),
    "granted": N_("granted"),
    "granted_on": N_("granted on"),
    "ended_on": N_("ended on"),
    "military_service": N_("contract service"),
    "formation": N_("formation"),
    "contract_from": N_("contract began"),
    "contract_until": N_("contract ended"),
    "combat": N_("took part in combat"),
    "contract_term_years": N_("contract term (years)"),
    "discharge_ground": N_("ground of discharge"),
    "sex": N_("sex"),
    "legally_capable": N_("full legal capacity"),
    "lawfully_in_russia": N_("lawfully in Russia"),
    "fitness": N_("military-medical fitness"),
    "fitness_listed_disease": N_("disease on the Defence Ministry's list"),
    "prison_sentence": N_("prison sentence"),
    "family_in_service": N_("relatives in contract service"),
    "relation": N_("relation"),
    "request": N_("request"),
    "requesting_state": N_("requesting state"),
    "received_on": N_("request received on"),
    "purpose": N_("purpose of the request"),
    "legal_basis": N_("legal basis of the request"),
    "treaty": N_("treaty the request rests on"),
    "offense": N_("offence"),
    "description": N_("description"),
    "committed_on": N_("committed on"),
    "committed_in_russia": N_("committed on Russian territory"),
    "against_russian_interests": N_("committed abroad against Russia's interests"),
    "crime_under_russian_law": N_("a crime under Russian law"),
    "crime_under_requesting_law": N_("a crime under the requesting state's law"),
    "max_penalty_years": N_("maximum imprisonment under Russian law (years)"),
    "life_imprisonment": N_("punishable by life imprisonment in Russia"),
    "intentional": N_("intentional"),
    "no_limitation": N_("no limitation period in Russian law"),
    "sentence_years": N_("sentence imposed (years)"),
    "sentence_final_on": N_("sentence final on"),
    "private_prosecution": N_("private prosecution"),
    "political_persecution": N_("persecution for political beliefs"),
    "guarantees": N_("guarantees"),
    "specialty": N_("speciality guarantee"),
    "no_onward_extradition": N_("guarantee of no onward extradition"),
    "russian_proceedings": N_("Russian proceedings"),
    "same_act": N_("Russian proceedings for the same act"),
    "limitation_expired": N_("Russian limitation period expired"),
    "limitation_suspended": N_("limitation period suspended for evasion"),
    "other_lawful_ground": N_("another lawful ground under Russian law"),
    "court_found_obstacles": N_("a Russian court found obstacles"),
    "person": N_("person"),
    "id": N_("case reference"),
}
ITEM_WORDS = {
    "military_service": N_("contract"),
    "citizenships": N_("citizenship"),
    "family_in_service": N_("relative"),
}
VALUE_WORDS = {
    "armed_forces": N_("Armed Forces of the Russian Federation"),
    "other_military_formation": N_("another military formation of the Russian Federation"),
    "volunteer_formation": N_("a volunteer formation"),
    "private_military_company": N_("a private military company"),
    "prosecution": N_("prosecution"),
    "sentence": N_("enforcement of a sentence"),
    "reciprocity": N_("reciprocity"),
    "ongoing": N_("still serving"),
    "final_judgment": N_("ended in a final judgment"),
    "terminated": N_("terminated"),
    "none": N_("none"),
    "treaty": N_("an international treaty"),
    "health": N_("on health grounds"),
    "age": N_("on reaching the age limit"),
    "contract_end": N_("on expiry of the contract"),
    "other": N_("on another ground"),
    "spouse": N_("spouse"),
    "child": N_("child"),
    "parent": N_("parent"),
    "male": N_("male"),
    "female": N_("female"),
    "fit": N_("fit"),
    "limited": N_("of limited fitness"),
    "unfit": N_("unfit"),
    "expunged": N_("served, conviction expunged"),
    "not_expunged": N_("served, conviction not expunged"),
}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _same(text: str) -> str:
    return text


def field_words(name: str, _: Callable[[str], str] = _same) -> str:
    return _(FIELD_WORDS.get(name, name.replace("_", " ")))


def fact_label(path: str, _: Callable[[str], str] = _same) -> str:
    """`person.military_service[0].combat` -> "contract 1: took part in combat"."""
    try:
        place = paths.item(path)  # the one reader of the notation
    except ValueError:  # "[*]", or a text's own brackets: no item, said as the field it names
        place = None
    if place is not None:
        list_path, index, key = place
        name = list_path.rsplit(".", 1)[-1]
        item = _(ITEM_WORDS[name]) if name in ITEM_WORDS else field_words(name, _)
        return f"{item} {index + 1}: {field_words(key, _)}"
    return field_words(path.rsplit(".", 1)[-1].replace("[*]", ""), _)


def _iso(day: str) -> str:
    return day


# fields whose value is a country's code, said by its name where the reader's language is known
COUNTRY_FIELDS = frozenset({"country", "requesting_state"})


def value_words(
    value: Any,
    _: Callable[[str], str] = _same,
    day: Callable[[str], str] = _iso,
    country: Callable[[str], str] = _same,
) -> str:
    """A fact's value as people write it (None is "unknown"); `_` translates the fixed words, `day` writes
    a date (given as ISO text) as the reader's language does (a page's 12.04.2026; ISO by default),
    `country` names a country of a list item by its code (the code by default)."""
    if value is None:
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return day(value.isoformat())
    if isinstance(value, Mapping):
        parts = [
            f"{field_words(k, _)} "
            + (country(v) if k in COUNTRY_FIELDS and isinstance(v, str) else value_words(v, _, day, country))
            for k, v in value.items()
            if v is not None
        ]
        return ", ".join(parts) or _("no details")
    if isinstance(value, list | tuple):
        return "; ".join(value_words(v, _, day, country) for v in value) if value else _("none")
    if isinstance(value, str):
        if value in VALUE_WORDS:
            return _(VALUE_WORDS[value])
        if _ISO_DAY.fullmatch(value):
            return day(value)
        return value.replace("_", " ") if _SNAKE.fullmatch(value) else value  # contract_end
    return str(value)


def fact_words(
    path: str,
    value: Any,
    _: Callable[[str], str] = _same,
    day: Callable[[str], str] = _iso,
    country: Callable[[str], str] = _same,
) -> str:
    said = (
        country(value)
        if isinstance(value, str) and path.rsplit(".", 1)[-1] in COUNTRY_FIELDS
        else value_words(value, _, day, country)
    )
    return f"{fact_label(path, _)}: {said}"


# --- conditions of a ground ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _condition_texts() -> dict[str, dict[str, str]]:
    """provision id -> condition key -> the condition's words, from the rules' labelled conditions."""
    from extrashield import default_evaluator
    from extrashield.engine.expr import Cond, Expr

    out: dict[str, dict[str, str]] = {}

    def walk(e: Expr, into: dict[str, str]) -> None:
        if isinstance(e, Cond):
            into.setdefault(e.key, e.text)
        for c in e.children():
            walk(c, into)

    for g in default_evaluator().grounds:
        texts = out.setdefault(g.provision, {})
        for t in g.tests:
            walk(t, texts)
    return out


def _truth(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _condition_text(line: str, value: bool | None) -> str:
    """The condition's own words in a `because` line ("TEXT[ [list[i]]]: WORD (FACTS)"), for conditions
    of rules other than the extradition grounds (removal shields, eligibility criteria)."""
    word = "unknown" if value is None else ("true" if value else "false")
    end = line.rfind(f": {word} (")
    text = line[:end] if end >= 0 else line.rsplit(f": {word}", 1)[0]
    head, bracket, tail = text.rpartition(" [")  # "… [military_service[0]]": the item, said otherwise
    if bracket and tail.endswith("]") and paths.parts(tail[:-1]) is not None:
        text = head
    return text  # the rule's own words: the msgid its translation is found by


def reasons(
    ground: Mapping[str, Any],
    list_names: Mapping[str, str] | None = None,
    _: Callable[[str], str] = _same,
    condition: Callable[[str], str] = _same,
    day: Callable[[str], str] = _iso,
    country: Callable[[str], str] = _same,
) -> list[str]:
    """A ground's `because` in words: each labelled condition, its value and the facts it read, named by
    their labels (the answer's `because` names them by path). `_` translates the fixed words and labels,
    `condition` a condition's text (the web page gives the reader's language; the default is English),
    `day` a date, `country` a country's code. Also an eligibility criterion's or a removal shield's (their `conditions` have the same
    shape; their conditions' words come from their `because` lines)."""
    conditions = ground.get("conditions") or []
    if not conditions:
        return [scrub(b) for b in ground.get("because") or []]
    texts = _condition_texts().get(ground["provision"], {})
    out = []
    for c, line in zip(conditions, ground["because"], strict=False):
        # translated before it is scrubbed: the msgid is the rule's text as it is
        text = scrub(condition(texts.get(c["condition"]) or _condition_text(line, c["value"])))
        where = ""
        if c.get("item") is not None:
            place = next((p for p in map(paths.item, c["facts"]) if p is not None), None)
            name = place[0].rsplit(".", 1)[-1] if place else ""
            where = f" ({_(ITEM_WORDS.get(name, 'item'))} {c['item'] + 1})"
        facts = "; ".join(
            fact_words(p, v, _, day, country) for p, v in c["facts"].items() if p != "decision_date"
        )
        out.append(f"{text}{where}: {_(_truth(c['value']))}" + (f" ({facts})" if facts else ""))
    return out


# --- law-data texts -------------------------------------------------------------------------------------

_RESEARCH = re.compile(
    r"\s*\((?:[^()]*?;\s*)?(?:shared/\w+\s*)?(?:NOTES|VERIFICATION|TREATIES)(?:\.md)?\b[^()]*\)"  # (NOTES §5.1)
    r"|(?:shared/law\s*)?\b(?:NOTES|VERIFICATION|TREATIES)(?:\.md)?(?:\s+(?:items?\s+)?§?[\d.]+[a-z]?(?:[-–]\d+[a-z]?)?"
    r"(?:,\s*§?[\d.]+[a-z]?)*)?"
)
_SEED = re.compile(r"\b[Ss]eed report(?:\s+\d+)?")
_SHARED = re.compile(r"shared/\w+;?\s*")
_QUESTION_REF = re.compile(r"\s*\((?:see |open question |see open question )[a-z0-9_.\-]+\)")
# an open question's id within a sentence: "(…, open question start_if_adopted)"
_QUESTION_ID = re.compile(r"\b(?:see )?open question [a-z][a-z0-9]*(?:[._\-][a-z0-9]+)+")
# a data field's name (earliest_possible_from), not part of an address or a file name
_SNAKE = re.compile(r"(?<![/\w.=#?&-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?![/.]\w)")
_BRACKET_ID = re.compile(r"\s*\[[a-z0-9]+(?:-[a-z0-9]+)+\]")
# a reading chosen by its key and value, as a rule's condition names one ("decree10.minimum_service=one_year")
_READING_SET = re.compile(
    r"\b(?P<key>[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z][a-z0-9_]*)=(?P<value>[a-z0-9_]+)\b"
)
_DOTTED = re.compile(
    r"\b(?:ru|person|request|russian_proceedings|point7|art\d+|[a-z]{2}-[a-z]{2})\.[\w.\[\]*]+\b"  # ru-cn.art2.…
)


@lru_cache(maxsize=1)
def _treaty_titles() -> dict[str, str]:
    from extrashield.sources.treaties import load_treaty, treaty_ids

    return {tid: load_treaty(tid).title["en"] for tid in treaty_ids()}


def treaty_title(treaty_id: str) -> str:
    """A treaty's English title in place of its id (the id as given when the data has no such treaty)."""
    return _treaty_titles().get(treaty_id, treaty_id)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every dotted id a text may name: provisions by their label, readings by their question."""
    from extrashield import default_lawbook

    lb = default_lawbook()
    out: dict[str, str] = {}
    for p in lb.provisions.values():
        out[p.id] = p.label.en
    for key, r in lb.readings.items():
        out[key] = f"“{r.question}”"
    return out


def _reading_set(m: re.Match[str]) -> str:
    names = _names()
    if m["key"] not in names:
        return m.group(0)
    return f"the reading “{m['value'].replace('_', ' ')}” of {names[m['key']]}"


def _dotted(m: re.Match[str]) -> str:
    token = m.group(0)
    names = _names()
    if token in names:
        return names[token]
    if re.match(r"(?:person|request|russian_proceedings)\.", token):
        return fact_label(token)
    return "a point recorded in the law data"


def scrub(text: str | None) -> str:
    """A law-data or answer text with research references and identifiers replaced by words."""
    if not text:
        return ""
    out = _RESEARCH.sub(lambda m: "" if m.group(0).lstrip().startswith("(") else "the research notes", text)
    out = _SEED.sub("a secondary report", out)
    out = _SHARED.sub("", out)
    out = _QUESTION_REF.sub("", out)
    out = _QUESTION_ID.sub("an open question", out)
    out = _BRACKET_ID.sub("", out)
    out = _READING_SET.sub(_reading_set, out)
    titles = _treaty_titles()
    if any(t in out for t in titles):
        for tid in sorted(titles, key=len, reverse=True):
            out = re.sub(rf"\b(?:the )?{re.escape(tid)}(?: treaty)?\b", f"the {titles[tid]}", out)
    out = _DOTTED.sub(_dotted, out)
    out = _SNAKE.sub(lambda m: m.group(0).replace("_", " "), out)
    return re.sub(r"\s{2,}", " ", out).replace(" .", ".").replace(" ,", ",").strip()


def scrub_all(texts: Iterable[str]) -> list[str]:
    return [scrub(t) for t in texts]


# --- marks -----------------------------------------------------------------------------------------------

# The marks of docs/law-data.md, said in words: a Russian text marked I is our reconstruction, not the
# official wording, and the page and the memo must say so where the text is shown.
TEXT_MARKS = {
    "V": N_("Russian text as read in a published copy (not the official publication)"),
    "V-partial": N_("Russian text read only in part, or paraphrased from what was read"),
    "M": N_("Russian text recalled by the researcher, not read in any source"),
    "I": N_("Russian text reconstructed from secondary sources, not the official text"),
    "S": N_("Russian text as stated in a secondary report, not checked"),
}
MARKS = {
    "V": N_("verified: read in a source whose address is recorded"),
    "V-partial": N_("read in part (cut off), or a publication named without its address"),
    "M": N_("recalled by the researcher, not read in any source"),
    "I": N_("inferred or reconstructed (for example from a translation), not read"),
    "S": N_("stated in a secondary report, not checked"),
}
CERTAINTY = {
    "official": N_("read in an official publication"),
    "reported": N_("reported by a source read (a legal database copy or the press)"),
    "inferred": N_("inferred by a stated rule (such as the ten-day rule) from dates read"),
    "assumed": N_("assumed: taken from an earlier act, not checked"),
    "recalled": N_("recalled, not read in any source"),
    "unknown": N_("not known"),
}
