"""Collision between a domestic ground of refusal and the treaty the request rests on.

The Code (Art. 1(3)) and the Constitution (Art. 15(4)) give the rules of a treaty binding Russia priority
over a statute. The answer keeps its outcome under Russian law (the only law this tool applies) and adds an
open question of kind `treaty_collision` wherever the treaty, if it prevailed, would give another outcome:
the treaty, its article that obliges extradition, the priority rule, and that other outcome.

The treaty prevailing means, for each Code ground that applies:
- a ground the treaty does not list (point 7 above all), or is not known to list, is set aside;
- a ground the treaty lists is compared, not equated: the treaty's own condition (`rules/treaty_grounds.py`)
  is tested on the case, and where it does not let Russia refuse (the European Convention obliges for a
  maximum of exactly one year, where the Code bars), or may not, the ground is set aside all the same;
- a ground the Code leaves to discretion (Part 2 of Art. 464) that the treaty makes mandatory bars.

Design choices:
- Constitutional grounds (`ru.const.*`) never collide: treaties prevail over statutes, not over the
  Constitution (Art. 15(4) places them above "the law", Art. 61(1) and 63(2) rank higher still).
- A collision is reported only when the outcome turns on it (docs/contract.md §5: open questions are those on
  which the outcome turns): the outcome recomputed as the treaty would have it differs.
- Only a treaty that binds Russia towards the requesting state can prevail (Art. 1(3) speaks of Russia's
  treaties). Where the data shows the named treaty not binding on the decision date (not in force for
  Russia, the state not a party, the relation ended, a bilateral treaty with another state), the question
  says so, names the treaties the data shows binding or possibly binding, and offers no outcome "if the
  treaty prevails". Where binding is not established, it stays an open question with its alternative.
- No treaty data is read unless the case names a treaty, or says the request rests on a treaty, and some
  ground applies: a one-case `assess` on reciprocity loads no YAML.
- When `request.treaty` is unknown but `legal_basis` is `treaty`, the question names the treaties that
  could govern between Russia and the requesting state on the decision date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from extrashield.engine.evaluator import OpenQuestionResult
from extrashield.engine.grounds import ALLOWS_REFUSAL, BARRED
from extrashield.errors import LawDataError
from extrashield.i18n import N_, _, answers

if TYPE_CHECKING:
    import datetime as dt

    from extrashield.engine.evaluator import Assessment, GroundResult
    from extrashield.engine.grounds import Outcome
    from extrashield.rules.treaty_grounds import TreatyTest
    from extrashield.sources.states import StateProfile
    from extrashield.sources.treaties import RefusalGround, Treaty

KIND = "treaty_collision"
POINT7 = "ru.upk.464.1.7"
SET_ASIDE, BARS = "set_aside", "bars"  # what the treaty, prevailing, does to a Code ground


@dataclass(frozen=True)
class TreatyCondition:
    """A refusal ground of the treaty that corresponds to the Code's ground, tested on the case."""

    ground: RefusalGround
    test: TreatyTest
    value: bool | None  # True: the treaty lets Russia refuse on it here
    trace: list[Any]


@dataclass(frozen=True)
class Difference:
    """A Code ground that applies and that the treaty, prevailing, would set aside or make a bar."""

    result: GroundResult
    effect: str  # SET_ASIDE or BARS
    listed: bool | None  # whether the treaty lists a corresponding ground (None: not known)
    conditions: tuple[TreatyCondition, ...]  # its corresponding grounds, each tested on the case


Collision = tuple[list["Difference"], "Outcome"]


def treaty_collisions(a: Assessment) -> list[OpenQuestionResult]:
    """The open-question provider for `Evaluator(open_question_providers=...)`."""
    facts = a.case.facts
    named = facts.get("request.treaty")
    basis = facts.get("request.legal_basis")
    # a treaty named beside legal_basis reciprocity or none is refused when the case is validated
    if named is None and basis != "treaty":
        return []
    versions = a.versions
    applying = [a.ground(i) for i, v in enumerate(a.values) if v is True and versions[i] is not None]
    if not any(_may_collide(r) for r in applying):
        return []
    state = facts.get("request.requesting_state")
    day = a.decision_date
    load_treaty, _ = _loaders()

    if named is not None:
        treaty = load_treaty(named)
        collision = _collision(a, treaty, applying)
        if collision is None:
            return []
        binds, binds_why = _binds(treaty, state, day)
        if binds is False:
            return [_not_binding_question(a, treaty, collision, binds_why, state, applying)]
        return [_question(a, treaty, collision, binds, binds_why)]
    if state is None:
        return []
    candidates = _candidates(state, day)
    found = []
    for treaty, binds, why in candidates:
        collision = _collision(a, treaty, applying)
        if collision is not None:
            found.append((treaty, binds, why, collision))
    return [_unknown_treaty_question(a, state, found, [t for t, _, _ in candidates])] if found else []


def _may_collide(r: GroundResult) -> bool:
    return not r.provision.id.startswith("ru.const.")


def _conditions(a: Assessment, treaty: Treaty, provision: str) -> tuple[TreatyCondition, ...]:
    """The treaty's refusal grounds corresponding to `provision`, each tested on the case by its own test."""
    from extrashield.rules.treaty_grounds import treaty_test

    out = []
    for g in treaty.grounds_for(provision):
        test = treaty_test(treaty.id, g.id)
        if test is None or test.covers != provision:
            raise LawDataError(
                f"treaties/{treaty.id}.yaml",
                g.id,
                "no treaty test in rules/treaty_grounds.py compares it with "
                f"{provision} (every `covers` needs one)",
            )
        trace: list[Any] = []
        value = test.test.fn(a.readings)(a.case.facts, None, trace)
        out.append(TreatyCondition(g, test, value, [t for t in trace if t is not None]))
    return tuple(out)


def _difference(a: Assessment, treaty: Treaty, r: GroundResult) -> Difference | None:
    """What the treaty, prevailing, would do to the Code ground `r` that applies; None: nothing."""
    pid = r.provision.id
    conditions = () if pid == POINT7 else _conditions(a, treaty, pid)
    if not conditions:
        listed = treaty.lists(pid)
        return None if listed is True else Difference(r, SET_ASIDE, listed, ())
    lets_refuse = [c for c in conditions if c.value is True]
    if not lets_refuse:  # every corresponding condition false (or some unknown): the treaty obliges, or may
        return Difference(r, SET_ASIDE, True, conditions)
    if r.provision.effect == ALLOWS_REFUSAL and any(c.ground.mandatory for c in lets_refuse):
        return Difference(r, BARS, True, tuple(c for c in lets_refuse if c.ground.mandatory))
    return None


def _collision(a: Assessment, treaty: Treaty, applying: Sequence[GroundResult]) -> Collision | None:
    """The applying grounds on which the treaty differs from the Code, if the outcome as the treaty would
    have it differs from the outcome under the Code."""
    differences = [
        d for r in applying if _may_collide(r) for d in (_difference(a, treaty, r),) if d is not None
    ]
    if not differences:
        return None
    if any(d.effect == BARS for d in differences):
        other: Outcome = BARRED  # a ground that applies and that the treaty makes mandatory bars
    else:
        trial = list(a.values)
        for d in differences:
            trial[d.result.index] = False  # set aside
        other = a.evaluator.verdict.outcome(trial, a.law.in_force)
    return None if other == a.outcome else (differences, other)


# Why a treaty binds or not (`binds_why`), made in English for the answer and said in the current language
# by `binds_why_words` from the same templates; a `why` inside is a text of the data (through the catalogue).
_NOT_IN_FORCE = N_("the data shows it not in force for Russia on {day} ({why})")
_STATE_UNKNOWN = N_("the requesting state is not known")
_LINK_ENDED = N_("the data shows it not binding {state} and Russia on {day} ({why})")
_BINDS_STATE = N_("in force for Russia from {start}; binds {state} and Russia ({certainty}: {why})")
_BILATERAL = N_("a bilateral treaty between {others}, which binds no other state")
_NOT_LISTED = N_("the data does not list {state} among the treaty's parties")
_NOT_PARTY = N_("the data shows {state} as not a party ({why})")
_PARTY_WHY = N_("{state}: {status} ({certainty}; {why})")
_PARTY = N_("{state}: {status} ({certainty})")
_BINDS_WHY = (
    _NOT_IN_FORCE,
    _LINK_ENDED,
    _BINDS_STATE,
    _BILATERAL,
    _NOT_LISTED,
    _NOT_PARTY,
    _PARTY_WHY,
    _PARTY,
)


def _party_why(state: str, status: str, certainty: str | None, why: str | None) -> str:
    return (_PARTY_WHY if why else _PARTY).format(state=state, status=status, certainty=certainty, why=why)


def binds_why_words(text: str) -> str:
    """A `binds_why` in the current language: its template's translation, with the data's `why`, the
    party's status and the certainty said in it; a text of the data (a link's `why`) through the catalogue."""
    from extrashield.i18n import data_text, template_values

    if text == _STATE_UNKNOWN:
        return _(text)
    for template in _BINDS_WHY:
        values = template_values(text, template)
        if values is not None:
            said = {k: data_text(v) if k == "why" else v for k, v in values.items()}
            for key in ("status", "certainty"):
                if key in said:
                    said[key] = _(said[key].replace("_", " "))
            return _(template).format(**said)
    return data_text(text)


def _binds(treaty: Treaty, state: str | None, day: dt.date) -> tuple[bool | None, str]:
    """Whether the data shows the treaty binding Russia and the requesting state on the decision date."""
    in_force = treaty.in_force_for_russia.covers(day)
    if in_force is False:
        return False, _NOT_IN_FORCE.format(day=day, why=treaty.in_force_for_russia.why)
    if state is None:
        return None, _STATE_UNKNOWN
    link = None
    try:
        profile = _loaders()[1](state)
        link = next((t for t in profile.known_treaties() if t.treaty == treaty.id), None)
    except LawDataError:
        profile = None  # no profile for this state: fall back on the treaty's own list of parties
    if link is not None:
        covers = link.covers(day)
        if covers is False:
            return False, _LINK_ENDED.format(state=state, day=day, why=link.why)
        if covers is True and in_force is True:
            return True, _BINDS_STATE.format(
                start=treaty.in_force_for_russia.start, state=state, certainty=link.certainty, why=link.why
            )
        return None, link.why
    party = treaty.party(state)
    if party is None:
        if treaty.kind == "bilateral":  # its two parties are listed: it binds no other state
            others = " and ".join(p.country for p in treaty.parties)
            return False, _BILATERAL.format(others=others)
        return None, _NOT_LISTED.format(state=state)
    if party.status == "not_party":
        return False, _NOT_PARTY.format(state=state, why=party.why or party.certainty)
    return None, _party_why(state, party.status, party.certainty, party.why)


@lru_cache(maxsize=1)
def _loaders() -> tuple[Callable[[str], Treaty], Callable[[str], StateProfile]]:
    """The treaty and state loaders, imported when first needed: a case that needs no treaty never
    imports the treaty model (and an import statement in a function costs at every call)."""
    from extrashield.sources.states import load_state
    from extrashield.sources.treaties import load_treaty

    return load_treaty, load_state


def _candidates(state: str, day: dt.date) -> list[tuple[Treaty, bool | None, str]]:
    """The treaties the state's profile shows binding (True) or possibly binding (None) it and Russia on
    `day`; none without a profile."""
    load_treaty, load_state = _loaders()

    try:
        profile = load_state(state)
    except LawDataError:
        return []
    out = []
    for link, covers in profile.treaties_on(day):
        treaty = load_treaty(str(link.treaty))
        in_force = treaty.in_force_for_russia.covers(day)
        if in_force is False:
            continue
        binds = True if covers is True and in_force is True else None
        out.append((treaty, binds, link.why))
    return out


def _binding(
    state: str | None, day: dt.date, named: Treaty
) -> tuple[list[tuple[Treaty, bool | None, str]], bool]:
    """Instead of a named treaty that does not bind: the treaties the data shows binding, or possibly
    binding, the state and Russia on `day`, and whether others may exist (the profile says so, or there
    is no profile and only the treaties' lists of parties were consulted)."""
    if state is None:
        return [], True
    load_treaty, load_state = _loaders()
    try:
        profile = load_state(state)
    except LawDataError:
        from extrashield.sources.treaties import treaty_ids

        found: list[tuple[Treaty, bool | None, str]] = []
        for tid in treaty_ids():
            t = load_treaty(tid)
            party = t.party(state)
            if t.id == named.id or party is None or party.status != "party":
                continue
            if t.in_force_for_russia.covers(day) is not False:
                found.append((t, None, _party_why(state, "party", party.certainty, party.why)))
        return found, True
    return [c for c in _candidates(state, day) if c[0].id != named.id], any(
        t.unknown_marker for t in profile.treaties
    )


# --- what the question says ----------------------------------------------------------------------------


def _facts_used(trace: Sequence[Any], facts: Mapping[str, Any]) -> list[str]:
    """The labelled conditions of a treaty test as `because` lines (the facts read, as the answer shows them)."""
    from extrashield.engine.answer import shown_fact

    lines = []
    for cond, value, item, (whole, item_keys) in trace:
        texts = []
        if item is not None:
            index, list_path = item
            row = facts[list_path][index]
            texts += [shown_fact(f"{list_path}[{index}].{key}", row[key])[0] for key in item_keys]
        texts += [shown_fact(path, facts[path])[0] for path in whole]
        word = "unknown" if value is None else ("true" if value else "false")
        lines.append(f"{cond.text}: {word}" + (f" ({'; '.join(texts)})" if texts else ""))
    return lines


def _article(g: RefusalGround) -> str:
    return f"Art. {g.article}" if g.article else "an article not identified"


def _condition_detail(c: TreatyCondition, facts: Mapping[str, Any]) -> dict[str, Any]:
    g = c.ground
    return {
        "id": g.id,
        "article": g.article,
        "mandatory": g.mandatory,
        "summary_en": g.summary_en,
        "confidence": g.confidence,
        "lets_russia_refuse": c.value,
        "compared": c.test.compared,
        "because": _facts_used(c.trace, facts),
    }


class Words(NamedTuple):
    """How a collision question says its parts: `say` a template (marked with N_), `data` a text of the
    data files, `because` a condition's line, `cite` a provision (by its id and English citation). In
    English each gives its text as it is; `local_words()` says them in the current language."""

    say: Callable[[str], str]
    data: Callable[[str], str]
    because: Callable[[str], str]
    cite: Callable[[str, str], str]


def _same(text: str) -> str:
    return text


ENGLISH = Words(_same, _same, _same, lambda _provision, citation: citation)


def local_words() -> Words:
    """The parts of a collision question in the current language (the answer keeps the English)."""
    from extrashield.i18n import answers, data_text, language
    from extrashield.sources.lawbook import default_lawbook

    provisions = default_lawbook().provisions

    def cite(provision: str, citation: str) -> str:
        p = provisions.get(provision)
        return p.label.ru if p is not None and language() == "ru" else citation

    return Words(_, data_text, answers.because, cite)


# The question's parts: made in English for the answer (the API's answers stay English), and said in the
# command line's language from the same templates by `question_words`.
_ART = N_("Art. {article}")
_NO_ART = N_("an article not identified")
_GROUND_PART = N_("{article} [{id}]: {summary}")
_CONDITION_PART = N_("{article} [{id}]: {compared}. Here: {because}")
_BARS_TEXT = N_(
    "{citation} only allows refusal, but the treaty requires it ({parts}; confidence {confidences})"
)
_CONDITION_UNKNOWN = N_(
    "{citation} applies; the treaty lists a corresponding ground, but whether its own condition lets Russia "
    "refuse here is not known ({parts})"
)
_CONDITION_NOT = N_(
    "{citation} applies, but the treaty's corresponding ground has its own condition, and it does not let "
    "Russia refuse here ({parts})"
)
_NOT_LISTED_TEXT = N_("{citation} applies, and the treaty does not list such a ground")
_NOT_KNOWN_TEXT = N_(
    "{citation} applies, and the treaty is not known to list such a ground (its refusal grounds were not read "
    "in full)"
)
_NO_DUTY = N_("The data does not identify an article of it that obliges extradition (its text was not read)")
_DUTY_ITS = N_("Its {article} obliges the parties to extradite ({summary}; confidence {confidence})")
_DUTY_BARE = N_("{article} obliges the parties to extradite ({summary}; confidence {confidence})")
_PRIORITY_TEXT = N_(
    "Under {provisions} a treaty's rules prevail where they differ from the Code (wording confidence "
    "{confidence})"
)
_AND = N_(" and ")
# the priority rule's provisions as the treaty files name them, said as the Code cites them in Russian
_PRIORITY_PROVISIONS = (N_("UPK Art. 1(3)"), N_("Constitution Art. 15(4)"))
_ASK_ASIDE = N_("Does the treaty's duty to extradite prevail over the domestic ground?")
_ASK_BARS = N_(
    "Does the treaty's mandatory refusal prevail over the Code, which leaves refusal to discretion?"
)
_BINDING = {
    True: N_("The data shows it binding on the decision date"),
    False: N_("But the data shows it not binding on the decision date"),
    None: N_("Whether it binds on the decision date is not established"),
}
_QUESTION = N_(
    "The request rests on the {title} [{id}]. {duty}. {grounds}. {priority}. {asks} {binding} ({why})."
)
_WHO_UNKNOWN = N_("the requesting state")
_NOT_BINDING = N_(
    "The request rests on the {title} [{id}], but as far as the data shows it does not bind Russia towards "
    "{who} on {day}: {why}. {grounds}. Under {provisions} only a treaty binding Russia prevails over the Code, "
    "so this one cannot set the domestic ground aside. {instead} Which treaty, if any, does the request rest on?"
)
_BINDING_ENTRY = N_("{title} [{id}] ({binds}: {why}; a request resting on it {collides})")
_COLLIDES = {True: N_("would raise its own collision question"), False: N_("would not collide")}
_INSTEAD = N_("The data shows, between {who} and Russia on {day}: {named}.")
_NONE_BINDS = N_(
    "No treaty in the data binds {who} and Russia on {day}{others}: extradition would then rest on reciprocity "
    "(CPC Art. 462(1)), which imposes no duty to extradite."
)
_OTHERS_MAY_EXIST = N_(" (others may exist: they were not all researched)")
_WHICH = N_(
    "The request rests on a treaty, but the case does not say which (request.treaty). Treaties that could "
    "govern between Russia and {state} on {day}: {lines}.{others} {priority}. Which treaty governs, and does it "
    "prevail over the domestic ground?"
)
_WHICH_LINE = N_("the {title} [{id}] ({duty}; {grounds})")
_WHICH_OTHERS = N_(" Others that could govern without a collision: {ids}.")
# what the English question says that its open question's fields do not: the state and the day
_TOWARDS = re.compile(r"does not bind Russia towards (?P<who>.+?) on (?P<day>\d{4}-\d{2}-\d{2}): ")
_BETWEEN = re.compile(r"govern between Russia and (?P<state>\S+) on (?P<day>\d{4}-\d{2}-\d{2}): ")
_OTHERS = re.compile(r" Others that could govern without a collision: (?P<ids>[^.]+)\.")


def _article_words(article: str | None, w: Words) -> str:
    return w.say(_ART).format(article=article) if article else w.say(_NO_ART)


def _difference_words(x: Mapping[str, Any], w: Words) -> str:
    """One Code ground the treaty differs on (a `not_listed` or `treaty_requires_refusal` entry) in words."""
    grounds, citation = x["treaty_grounds"], w.cite(x["provision"], x["citation"])
    if x["if_treaty_prevails"] == BARS:
        parts = "; ".join(
            w.say(_GROUND_PART).format(
                article=_article_words(g["article"], w),
                id=g["id"],
                summary=w.data(g["summary_en"]).rstrip("."),
            )
            for g in grounds
        )
        return w.say(_BARS_TEXT).format(
            citation=citation, parts=parts, confidences=", ".join(g["confidence"] for g in grounds)
        )
    if grounds:
        parts = "; ".join(
            w.say(_CONDITION_PART).format(
                article=_article_words(g["article"], w),
                id=g["id"],
                compared=w.say(g["compared"]),
                because="; ".join(w.because(b) for b in g["because"]),
            )
            for g in grounds
        )
        unknown = any(g["lets_russia_refuse"] is None for g in grounds)
        return w.say(_CONDITION_UNKNOWN if unknown else _CONDITION_NOT).format(citation=citation, parts=parts)
    return w.say(_NOT_LISTED_TEXT if x["listed"] is False else _NOT_KNOWN_TEXT).format(citation=citation)


def _grounds_words(details: Sequence[Mapping[str, Any]], w: Words) -> str:
    return "; ".join(_difference_words(x, w) for x in details)


def _duty_words(t: Mapping[str, Any], w: Words, its: bool = True) -> str:
    duty = t["obliges_extradition"]
    if duty is None:
        return w.say(_NO_DUTY)
    return w.say(_DUTY_ITS if its else _DUTY_BARE).format(
        article=_article_words(duty["article"], w),
        summary=w.data(duty["summary_en"]).rstrip("."),
        confidence=duty["confidence"],
    )


def _provisions_words(pr: Mapping[str, Any], w: Words) -> str:
    return w.say(_AND).join(w.say(p) for p in pr["provisions"])


def _priority_words(pr: Mapping[str, Any], w: Words) -> str:
    return w.say(_PRIORITY_TEXT).format(provisions=_provisions_words(pr, w), confidence=pr["confidence"])


def _sentence(text: str, w: Words) -> str:
    """A part that opens a sentence: in English as it is (a citation), otherwise with a capital."""
    return text if w is ENGLISH else text[:1].upper() + text[1:]


def _asks_words(details: Sequence[Mapping[str, Any]], w: Words) -> str:
    effects = {x["if_treaty_prevails"] for x in details}
    return " ".join(
        w.say(ask) for effect, ask in ((SET_ASIDE, _ASK_ASIDE), (BARS, _ASK_BARS)) if effect in effects
    )


def _why_words(why: str, w: Words) -> str:
    return (why if w is ENGLISH else binds_why_words(why)).rstrip(".")


def _question_words(
    t: Mapping[str, Any], details: Sequence[Mapping[str, Any]], pr: Mapping[str, Any], w: Words
) -> str:
    return w.say(_QUESTION).format(
        title=t["title"] if w is ENGLISH else _title_words(t),
        id=t["id"],
        duty=_duty_words(t, w),
        grounds=_sentence(_grounds_words(details, w), w),
        priority=_priority_words(pr, w),
        asks=_asks_words(details, w),
        binding=w.say(_BINDING[t["binds_on_decision_date"]]),
        why=_why_words(t["binds_why"], w),
    )


def _not_binding_words(
    t: Mapping[str, Any],
    details: Sequence[Mapping[str, Any]],
    pr: Mapping[str, Any],
    binding: Sequence[Mapping[str, Any]],
    others_may_exist: bool,
    who: str | None,
    day: str,
    w: Words,
) -> str:
    said_who = who or w.say(_WHO_UNKNOWN)
    if binding:
        named = "; ".join(
            w.say(_BINDING_ENTRY).format(
                title=b["title"] if w is ENGLISH else _title_words(b),
                id=b["id"],
                binds=w.say(BINDS[b["binds_on_decision_date"] is True]),
                why=_why_words(b["binds_why"], w),
                collides=w.say(_COLLIDES[bool(b["collides"])]),
            )
            for b in binding
        )
        instead = w.say(_INSTEAD).format(who=said_who, day=day, named=named)
    else:
        others = w.say(_OTHERS_MAY_EXIST) if others_may_exist else ""
        instead = w.say(_NONE_BINDS).format(who=said_who, day=day, others=others)
    return w.say(_NOT_BINDING).format(
        title=t["title"] if w is ENGLISH else _title_words(t),
        id=t["id"],
        who=said_who,
        day=day,
        why=_why_words(t["binds_why"], w),
        grounds=_sentence(_grounds_words(details, w), w),
        provisions=_provisions_words(pr, w),
        instead=instead,
    )


def _which_words(
    candidates: Sequence[Mapping[str, Any]],
    others: Sequence[str],
    pr: Mapping[str, Any],
    state: str,
    day: str,
    w: Words,
    orders: Sequence[Sequence[Mapping[str, Any]]] | None = None,
) -> str:
    """The question when the case names no treaty; `orders`: each candidate's differences in their order
    (else its `not_listed`, then its `treaty_requires_refusal`)."""
    grounds = orders or [[*c["not_listed"], *c["treaty_requires_refusal"]] for c in candidates]
    lines = "; ".join(
        w.say(_WHICH_LINE).format(
            title=c["title"] if w is ENGLISH else _title_words(c),
            id=c["id"],
            duty=_duty_words(c, w, its=False),
            grounds=_grounds_words(details, w),
        )
        for c, details in zip(candidates, grounds, strict=True)
    )
    return w.say(_WHICH).format(
        state=state,
        day=day,
        lines=lines,
        others=w.say(_WHICH_OTHERS).format(ids=", ".join(others)) if others else "",
        priority=_priority_words(pr, w),
    )


def question_words(q: Mapping[str, Any]) -> str | None:
    """A treaty-collision open question (`kind` treaty_collision, as the answer gives it) in the current
    language, from its fields and the state and day its English question names; None if it cannot be read."""
    w, t, pr = local_words(), q.get("treaty"), q["priority_rule"]
    if t is None:
        m = _BETWEEN.search(q["question"])
        if m is None:
            return None
        others = _OTHERS.search(q["question"])
        ids = [i.strip() for i in others["ids"].split(",")] if others else []
        return _which_words(q.get("candidates", []), ids, pr, m["state"], m["day"], w)
    details = [*q.get("not_listed", []), *q.get("treaty_requires_refusal", [])]
    if t["binds_on_decision_date"] is False:
        m = _TOWARDS.search(q["question"])
        if m is None:
            return None
        who = None if m["who"] == _WHO_UNKNOWN else m["who"]
        binding = q.get("binding_treaties", [])
        return _not_binding_words(
            t, details, pr, binding, bool(q.get("other_treaties_may_exist")), who, m["day"], w
        )
    return _question_words(t, details, pr, w)


def _difference_detail(d: Difference, treaty: Treaty, facts: Mapping[str, Any]) -> dict[str, Any]:
    r = d.result
    pid = r.provision.id
    if d.effect == BARS:
        why = "the treaty makes refusal mandatory where the Code leaves it to discretion"
    elif d.conditions:
        why = (
            "the treaty's own condition "
            + ("may not let" if any(c.value is None for c in d.conditions) else "does not let")
            + " Russia refuse on these facts"
        )
    elif pid == POINT7:
        why = treaty.point7_ground.why
    elif d.listed is False:
        why = "no refusal ground of the treaty corresponds to it"
    else:
        why = "the treaty's refusal grounds were not read in full"
    return {
        "provision": pid,
        "citation": r.provision.citation,
        "listed": d.listed,
        "why": why,
        "if_treaty_prevails": d.effect,
        "treaty_grounds": [_condition_detail(c, facts) for c in d.conditions],
    }


def _grounds_text(
    differences: Sequence[Difference], treaty: Treaty, facts: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The differences, in their order, and as the question's `not_listed` (grounds the treaty would set
    aside) and `treaty_requires_refusal` (grounds it would make bars)."""
    details = [_difference_detail(d, treaty, facts) for d in differences]
    return details, {
        "not_listed": [x for x in details if x["if_treaty_prevails"] == SET_ASIDE],
        "treaty_requires_refusal": [x for x in details if x["if_treaty_prevails"] == BARS],
    }


def _if_prevails(treaty: Treaty, differences: Sequence[Difference]) -> str:
    aside = any(d.effect == SET_ASIDE for d in differences)
    bars = any(d.effect == BARS for d in differences)
    if aside and bars:
        return f"the {treaty.id} treaty prevails: the grounds it does not allow are set aside and its mandatory ground bars extradition"
    if bars:
        return f"the {treaty.id} treaty prevails and its mandatory ground bars extradition"
    return f"the {treaty.id} treaty prevails and the ground is set aside"


def _urls(treaty: Treaty, differences: Sequence[Difference]) -> list[str]:
    sources = [
        *(treaty.obliges_extradition.sources if treaty.obliges_extradition else ()),
        *treaty.priority_rule.sources,
    ]
    if any(d.result.provision.id == POINT7 for d in differences):
        sources += list(treaty.point7_ground.sources)
    sources += [s for d in differences for c in d.conditions for s in c.ground.sources]
    out: list[str] = []
    for s in sources:
        if s.url and s.url not in out:
            out.append(s.url)
    return out


def _law_question(treaty: Treaty) -> str | None:
    return next((q.id for q in treaty.open_questions if "point7" in q.id or "collision" in q.id), None)


def _treaty_detail(treaty: Treaty, binds: bool | None, binds_why: str) -> dict[str, Any]:
    duty = treaty.obliges_extradition
    return {
        "id": treaty.id,
        "title": treaty.title["en"],
        "obliges_extradition": None
        if duty is None
        else {
            "article": duty.article,
            "summary_en": duty.summary_en,
            "confidence": duty.confidence,
        },
        "binds_on_decision_date": binds,
        "binds_why": binds_why,
        "sovereignty_clause": None
        if treaty.sovereignty_clause is None
        else treaty.sovereignty_clause.to_dict(),
    }


def _priority_detail(treaty: Treaty) -> dict[str, Any]:
    pr = treaty.priority_rule
    return {"provisions": list(pr.provisions), "summary": pr.summary, "confidence": pr.confidence}


def _question(
    a: Assessment, treaty: Treaty, collision: Collision, binds: bool | None, binds_why: str
) -> OpenQuestionResult:
    differences, other = collision
    ordered, details = _grounds_text(differences, treaty, a.case.facts)
    question = _question_words(
        _treaty_detail(treaty, binds, binds_why), ordered, _priority_detail(treaty), ENGLISH
    )
    return OpenQuestionResult(
        id=f"{KIND}.{treaty.id}",
        kind=KIND,
        provision=differences[0].result.provision.id,
        question=question,
        current=f"{a.outcome} under Russian law (the domestic ground applied)",
        alternatives=[{"if": _if_prevails(treaty, differences), "outcome": other.value}],
        sources=_urls(treaty, differences),
        law_question=_law_question(treaty),
        extra={
            "treaty": _treaty_detail(treaty, binds, binds_why),
            **details,
            "priority_rule": _priority_detail(treaty),
        },
    )


def _not_binding_question(
    a: Assessment,
    treaty: Treaty,
    collision: Collision,
    binds_why: str,
    state: str | None,
    applying: Sequence[GroundResult],
) -> OpenQuestionResult:
    """The named treaty would collide, but the data shows it not binding: it cannot prevail, so no outcome
    "if it prevails" is offered; the treaties that bind, or may, are named instead."""
    differences, _ = collision
    day = a.decision_date
    ordered, details = _grounds_text(differences, treaty, a.case.facts)
    found, others_may_exist = _binding(state, day, treaty)
    binding = []
    for t, binds, why in found:
        collides = _collision(a, t, applying) is not None
        binding.append({**_treaty_detail(t, binds, why), "collides": collides})
    question = _not_binding_words(
        _treaty_detail(treaty, False, binds_why),
        ordered,
        _priority_detail(treaty),
        binding,
        others_may_exist,
        state,
        day.isoformat(),
        ENGLISH,
    )
    return OpenQuestionResult(
        id=f"{KIND}.{treaty.id}",
        kind=KIND,
        provision=differences[0].result.provision.id,
        question=question,
        current=f"{a.outcome} under Russian law (the named treaty does not bind, so it cannot set the domestic ground aside)",
        alternatives=[],
        sources=_urls(treaty, differences),
        law_question=_law_question(treaty),
        extra={
            "treaty": _treaty_detail(treaty, False, binds_why),
            **details,
            "priority_rule": _priority_detail(treaty),
            "binding_treaties": binding,
            "other_treaties_may_exist": others_may_exist,
        },
    )


def _unknown_treaty_question(
    a: Assessment,
    state: str,
    found: list[tuple[Treaty, bool | None, str, Collision]],
    all_candidates: list[Treaty],
) -> OpenQuestionResult:
    alternatives, candidates, orders, urls = [], [], [], []
    for treaty, binds, why, (differences, other) in found:
        ordered, details = _grounds_text(differences, treaty, a.case.facts)
        orders.append(ordered)
        alternatives.append(
            {"if": f"the request rests on {treaty.id} and the treaty prevails", "outcome": other.value}
        )
        candidates.append({**_treaty_detail(treaty, binds, why), **details})
        urls += [u for u in _urls(treaty, differences) if u not in urls]
    others = [t.id for t in all_candidates if t.id not in {f[0].id for f in found}]
    first = found[0][0]
    question = _which_words(
        candidates, others, _priority_detail(first), state, a.decision_date.isoformat(), ENGLISH, orders
    )
    return OpenQuestionResult(
        id=f"{KIND}.which_treaty",
        kind=KIND,
        provision=found[0][3][0][0].result.provision.id,
        question=question,
        current=f"{a.outcome} under Russian law (the domestic ground applied)",
        alternatives=alternatives,
        sources=urls,
        law_question=None,
        extra={"treaty": None, "candidates": candidates, "priority_rule": _priority_detail(first)},
    )


BINDS = {True: N_("binds"), False: N_("binding not established")}


def _title_words(t: Mapping[str, Any]) -> str:
    """A treaty's title in the current language (the treaty files have both; the answer keeps the English)."""
    from extrashield.i18n import language

    if language() == "ru":
        title = _loaders()[0](t["id"]).title
        return str(title.get("ru") or t["title"])
    return str(t["title"])


def plain_words(q: Mapping[str, Any]) -> str:
    """The collision in plain words, for the text report (from the answer's open question), in the current
    language (extrashield.i18n), the treaties' titles and why they bind or not included."""
    alts = "; ".join(f"{x['outcome']} ({x['if']})" for x in q["alternatives"])
    w = local_words()
    priority = _provisions_words(q["priority_rule"], w)
    t = q.get("treaty")
    if t is None:
        names = ", ".join(f"{_title_words(c)} [{c['id']}]" for c in q.get("candidates", []))
        grounds = sorted(
            {
                w.cite(g["provision"], g["citation"])
                for c in q.get("candidates", [])
                for g in (*c.get("not_listed", []), *c.get("treaty_requires_refusal", []))
            }
        )
        return _(
            "TREATY COLLISION (which treaty?): Russian law decides this extradition on grounds "
            "({grounds}) on which treaties that could govern differ, and the request "
            "is said to rest on a treaty without naming it. Treaties that could govern: {names}. "
            "Russia's own rules put a treaty above the Code where they differ ({priority}). This report keeps the "
            "outcome under Russian law; if such a treaty prevailed: {alternatives}."
        ).format(grounds="; ".join(grounds), names=names, priority=priority, alternatives=alts)
    aside, required = q.get("not_listed", []), q.get("treaty_requires_refusal", [])
    cited = "; ".join(w.cite(g["provision"], g["citation"]) for g in (*aside, *required))
    if t["binds_on_decision_date"] is False:
        binding = q.get("binding_treaties", [])
        instead = (
            _("The data shows instead: {treaties}.").format(
                treaties="; ".join(
                    f"{_title_words(b)} [{b['id']}] ({_(BINDS[b['binds_on_decision_date'] is True])})"
                    for b in binding
                )
            )
            if binding
            else _("No treaty in the data binds the requesting state and Russia on the decision date.")
        )
        return _(
            "TREATY NOT BINDING: the request rests on the {title} [{id}], which would differ from Russian law "
            "here ({cited}), but the data shows it not binding Russia towards the requesting state on the decision "
            "date ({why}). Only a treaty binding Russia prevails over the Code ({priority}), so this report "
            "gives no outcome for it. {instead}"
        ).format(
            title=_title_words(t),
            id=t["id"],
            cited=cited,
            why=binds_why_words(t["binds_why"]).rstrip("."),
            priority=priority,
            instead=instead,
        )
    duty = t["obliges_extradition"]
    duty_words = (
        _("whose Art. {article} obliges Russia to extradite").format(article=duty["article"])
        if duty and duty["article"]
        else _("whose duty to extradite was not read")
    )
    how = []
    if aside:
        if all(g["listed"] is False for g in aside):
            how.append(_("which lists no such ground"))
        elif any(g["treaty_grounds"] for g in aside):
            how.append(
                _(
                    "whose own condition for such a ground differs from the Code's and does not (or may not) let "
                    "Russia refuse here"
                )
            )
        else:
            how.append(_("which is not known to list such a ground"))
    if required:
        how.append(_("which makes refusal mandatory where the Code leaves it to discretion"))
    binds = {
        True: N_("the data shows it binding on the decision date"),
        None: N_("whether it binds on the decision date is not established"),
    }[t["binds_on_decision_date"]]
    decides = {
        "barred": N_("refuses this extradition"),
        "may_refuse": N_("leaves refusing this extradition to discretion"),
    }.get(q["current"].split(" ", 1)[0], N_("decides this extradition"))
    return _(
        "TREATY COLLISION: Russian law {decides} ({cited}), but the request rests on the "
        "{title} [{id}], {duty}, {how}. Russia's own "
        "rules put a treaty above the Code where they differ ({priority}). This report keeps the outcome under "
        "Russian law; if the treaty prevailed: {alternatives}. Note: {binds} ({why})."
    ).format(
        decides=_(decides),
        cited=cited,
        title=_title_words(t),
        id=t["id"],
        duty=duty_words,
        how=_(" and ").join(how),
        priority=priority,
        alternatives=alts,
        binds=_(binds),
        why=binds_why_words(t["binds_why"]).rstrip("."),
    )


answers.COMPOSED["treaty_collision"] = lambda q, _text: question_words(q)
