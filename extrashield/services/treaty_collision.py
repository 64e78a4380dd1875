"""Collision between a domestic ground of refusal and the treaty the request rests on.

Point 7 of Art. 464(1) CPC is a ground no extradition treaty is known to list, while the Code (Art. 1(3))
and the Constitution (Art. 15(4)) give a treaty's rules priority over a statute. When a ground applies
that the governing treaty does not list, the answer keeps its outcome under Russian law (the only law this
tool applies) and adds an open question of kind `treaty_collision`: the treaty, its article that obliges
extradition, the priority rule, and the outcome if the treaty prevailed.

Design choices:
- Constitutional grounds (`ru.const.*`) never collide: treaties prevail over statutes, not over the
  Constitution (Art. 15(4) places them above "the law", Art. 61(1) and 63(2) rank higher still).
- A collision is reported only when the outcome turns on it (docs/contract.md §5: open questions are those on
  which the outcome turns): the outcome recomputed with the unlisted grounds set aside differs.
- No treaty data is read unless the case names a treaty, or says the request rests on a treaty, and some
  ground applies: a one-case `assess` on reciprocity loads no YAML.
- When `request.treaty` is unknown but `legal_basis` is `treaty`, the question names the treaties that
  could govern between Russia and the requesting state on the decision date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extrashield.errors import LawDataError
from extrashield.engine.evaluator import OpenQuestionResult

if TYPE_CHECKING:
    from extrashield.engine.evaluator import Assessment, GroundResult
    from extrashield.engine.grounds import Outcome
    from extrashield.sources.states import StateProfile
    from extrashield.sources.treaties import Treaty

KIND = "treaty_collision"
_OUTCOME_WORDS = {
    "barred": "barred", "may_refuse": "may be refused", "permitted": "permitted", "undetermined": "undetermined",
}


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


def _collision(a: Assessment, treaty: Treaty, applying: Sequence[GroundResult]) -> tuple[list[GroundResult], Outcome] | None:
    """The applying grounds the treaty does not list (or may not), if setting them aside changes the outcome."""
    unlisted = [r for r in applying if _may_collide(r) and treaty.lists(r.provision.id) is not True]
    if not unlisted:
        return None
    trial = list(a.values)
    for r in unlisted:
        trial[r.index] = False  # set aside
    other = a.evaluator.verdict.outcome(trial, a.law.in_force)
    return None if other == a.outcome else (unlisted, other)


def _binds(treaty: Treaty, state: str | None, day: Any) -> tuple[bool | None, str]:
    """Whether the data shows the treaty binding Russia and the requesting state on the decision date."""
    in_force = treaty.in_force_for_russia.covers(day)
    if in_force is False:
        return False, f"the data shows it not in force for Russia on {day} ({treaty.in_force_for_russia.why})"
    if state is None:
        return None, "the requesting state is not known"
    link = None
    try:
        profile = _loaders()[1](state)
        link = next((t for t in profile.known_treaties() if t.treaty == treaty.id), None)
    except LawDataError:
        profile = None  # no profile for this state: fall back on the treaty's own list of parties
    if link is not None:
        covers = link.covers(day)
        if covers is False:
            return False, f"the data shows it not binding {state} and Russia on {day} ({link.why})"
        if covers is True and in_force is True:
            return True, f"in force for Russia from {treaty.in_force_for_russia.start}; binds {state} and Russia ({link.certainty}: {link.why})"
        return None, link.why
    party = treaty.party(state)
    if party is None:
        return None, f"the data does not list {state} among the treaty's parties"
    if party.status == "not_party":
        return False, f"the data shows {state} as not a party ({party.why or party.certainty})"
    return None, f"{state}: {party.status} ({party.certainty}{'; ' + party.why if party.why else ''})"


@lru_cache(maxsize=1)
def _loaders() -> tuple[Callable[[str], Treaty], Callable[[str], StateProfile]]:
    """The treaty and state loaders, imported when first needed: a case that needs no treaty never
    imports the treaty model (and an import statement in a function costs at every call)."""
    from extrashield.sources.states import load_state
    from extrashield.sources.treaties import load_treaty

    return load_treaty, load_state


def _candidates(state: str, day: Any) -> list[tuple[Treaty, bool | None, str]]:
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


def _grounds_text(unlisted: Sequence[GroundResult], treaty: Treaty) -> tuple[str, list[dict[str, Any]]]:
    parts, details = [], []
    for r in unlisted:
        listed = treaty.lists(r.provision.id)
        why = (
            treaty.point7_ground.why if r.provision.id == "ru.upk.464.1.7"
            else "no refusal ground of the treaty corresponds to it" if listed is False
            else "the treaty's refusal grounds were not read"
        )
        parts.append(
            f"{r.provision.citation} applies, and the treaty "
            + ("does not list such a ground" if listed is False else "is not known to list such a ground (its text was not read)")
        )
        details.append({"provision": r.provision.id, "citation": r.provision.citation, "listed": listed, "why": why})
    return "; ".join(parts), details


def _duty_text(treaty: Treaty) -> str:
    duty = treaty.obliges_extradition
    if duty is None:
        return "The data does not identify an article of it that obliges extradition (its text was not read)"
    art = f"Art. {duty.article}" if duty.article else "an article not identified"
    return f"Its {art} obliges the parties to extradite ({duty.summary_en.rstrip('.')}; confidence {duty.confidence})"


def _priority_text(treaty: Treaty) -> str:
    pr = treaty.priority_rule
    return f"Under {' and '.join(pr.provisions)} a treaty's rules prevail where they differ from the Code (wording confidence {pr.confidence})"


def _urls(treaty: Treaty, unlisted: Sequence[GroundResult]) -> list[str]:
    sources = [*(treaty.obliges_extradition.sources if treaty.obliges_extradition else ()), *treaty.priority_rule.sources]
    if any(r.provision.id == "ru.upk.464.1.7" for r in unlisted):
        sources += list(treaty.point7_ground.sources)
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
        "obliges_extradition": None if duty is None else {
            "article": duty.article, "summary_en": duty.summary_en, "confidence": duty.confidence,
        },
        "binds_on_decision_date": binds,
        "binds_why": binds_why,
        "sovereignty_clause": None if treaty.sovereignty_clause is None else treaty.sovereignty_clause.to_dict(),
    }


def _priority_detail(treaty: Treaty) -> dict[str, Any]:
    pr = treaty.priority_rule
    return {"provisions": list(pr.provisions), "summary": pr.summary, "confidence": pr.confidence}


def _question(a: Assessment, treaty: Treaty, collision: tuple[list[GroundResult], Outcome], binds: bool | None, binds_why: str) -> OpenQuestionResult:
    unlisted, other = collision
    grounds, details = _grounds_text(unlisted, treaty)
    binding = {True: "The data shows it binding on the decision date", False: "But the data shows it not binding on the decision date",
               None: "Whether it binds on the decision date is not established"}[binds]
    question = (
        f"The request rests on the {treaty.title['en']} [{treaty.id}]. {_duty_text(treaty)}. {grounds}. "
        f"{_priority_text(treaty)}. Does the treaty's duty to extradite prevail over the domestic ground? "
        f"{binding} ({binds_why})."
    )
    return OpenQuestionResult(
        id=f"{KIND}.{treaty.id}",
        kind=KIND,
        provision=unlisted[0].provision.id,
        question=question,
        current=f"{a.outcome} under Russian law (the domestic ground applied)",
        alternatives=[{"if": f"the {treaty.id} treaty prevails and the ground is set aside", "outcome": other.value}],
        sources=_urls(treaty, unlisted),
        law_question=_law_question(treaty),
        extra={"treaty": _treaty_detail(treaty, binds, binds_why), "not_listed": details, "priority_rule": _priority_detail(treaty)},
    )


def _unknown_treaty_question(
    a: Assessment, state: str, found: list[tuple[Treaty, bool | None, str, tuple[list[GroundResult], Outcome]]], all_candidates: list[Treaty],
) -> OpenQuestionResult:
    lines, alternatives, candidates, urls = [], [], [], []
    for treaty, binds, why, (unlisted, other) in found:
        grounds, details = _grounds_text(unlisted, treaty)
        lines.append(f"the {treaty.title['en']} [{treaty.id}] ({_duty_text(treaty).removeprefix('Its ')}; {grounds})")
        alternatives.append({"if": f"the request rests on {treaty.id} and the treaty prevails", "outcome": other.value})
        candidates.append({**_treaty_detail(treaty, binds, why), "not_listed": details})
        urls += [u for u in _urls(treaty, unlisted) if u not in urls]
    others = [t.id for t in all_candidates if t.id not in {f[0].id for f in found}]
    first = found[0][0]
    question = (
        f"The request rests on a treaty, but the case does not say which (request.treaty). Treaties that could "
        f"govern between Russia and {state} on {a.decision_date}: " + "; ".join(lines) + "."
        + (f" Others that could govern without a collision: {', '.join(others)}." if others else "")
        + f" {_priority_text(first)}. Which treaty governs, and does its duty to extradite prevail over the domestic ground?"
    )
    return OpenQuestionResult(
        id=f"{KIND}.which_treaty",
        kind=KIND,
        provision=found[0][3][0][0].provision.id,
        question=question,
        current=f"{a.outcome} under Russian law (the domestic ground applied)",
        alternatives=alternatives,
        sources=urls,
        law_question=None,
        extra={"treaty": None, "candidates": candidates, "priority_rule": _priority_detail(first)},
    )


def plain_words(q: Mapping[str, Any]) -> str:
    """The collision in plain words, for the text report (from the answer's open question)."""
    alts = "; ".join(f"{x['outcome']} ({x['if']})" for x in q["alternatives"])
    priority = " and ".join(q["priority_rule"]["provisions"])
    t = q.get("treaty")
    if t is None:
        names = ", ".join(f"{c['title']} [{c['id']}]" for c in q.get("candidates", []))
        return (
            f"TREATY COLLISION (which treaty?): Russian law refuses this extradition "
            f"({'; '.join(sorted({g['citation'] for c in q.get('candidates', []) for g in c['not_listed']}))}), and the request "
            f"is said to rest on a treaty without naming it. Treaties that could govern and list no such ground: {names}. "
            f"Russia's own rules put a treaty above the Code where they differ ({priority}). This report keeps the "
            f"outcome under Russian law; if such a treaty prevailed: {alts}."
        )
    duty = t["obliges_extradition"]
    duty_words = f"whose Art. {duty['article']} obliges Russia to extradite" if duty and duty["article"] else "whose duty to extradite was not read"
    listed = [g["citation"] for g in q.get("not_listed", [])]
    lists = "which lists no such ground" if all(g["listed"] is False for g in q.get("not_listed", [])) else "which is not known to list such a ground"
    binds = {True: "the data shows it binding on the decision date", False: "but the data shows it not binding on the decision date",
             None: "whether it binds on the decision date is not established"}[t["binds_on_decision_date"]]
    return (
        f"TREATY COLLISION: Russian law refuses this extradition ({'; '.join(listed)}), but the request rests on the "
        f"{t['title']} [{t['id']}], {duty_words} and {lists}. Russia's own "
        f"rules put a treaty above the Code where they differ ({priority}). This report keeps the outcome under "
        f"Russian law; if the treaty prevailed: {alts}. Note: {binds} ({t['binds_why']})."
    )
