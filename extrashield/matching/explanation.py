"""A candidate pair's score told in words: which name parts matched how, what dates and citizenships said."""

from __future__ import annotations

from extrashield.i18n import N_, _
from extrashield.matching.dates import words as date_words
from extrashield.matching.frequency import COMMON_SHARE, FrequencyEvidence
from extrashield.matching.names import WordKind
from extrashield.matching.scoring import DEFAULT_THRESHOLD, LIKELY_MATCH, NameComparison, PairScore

_ALONE = {
    WordKind.PATRONYMIC: N_("a patronymic, which the other record does not give"),
    WordKind.INITIAL: N_("an initial with no counterpart"),
    WordKind.NAME: N_("not in the other name"),
}


# The verdicts as the explanation's first sentence says them
VERDICTS = {
    "likely the same person": N_("Likely the same person"),
    "possibly the same person": N_("Possibly the same person"),
    "probably not the same person": N_("Probably not the same person"),
}


def verdict(score: float) -> str:
    """The verdict in English, as the `verdict` column's words are made from it (translated where said)."""
    if score >= LIKELY_MATCH:
        return "likely the same person"
    if score >= DEFAULT_THRESHOLD:
        return "possibly the same person"
    return "probably not the same person"


def explain(pair: PairScore) -> str:
    """One paragraph: the verdict, then names, birth dates and citizenships, each in a sentence."""
    return " ".join(sentences(pair).values())


def sentences(pair: PairScore) -> dict[str, str]:
    """The sentences of `explain`, by what each is about: `verdict`, `name`, `birth_date`, `nationality`,
    and `name_frequency` where a matched name word is common on the lists linked (the HTTP API gives them
    per feature, as yente's `explanations`)."""
    out = {
        "verdict": _("{verdict} (score {score:.2f}).").format(
            verdict=_(VERDICTS[verdict(pair.score)]), score=pair.score
        )
    }
    cmp = pair.name
    matched: list[str] = []
    alone: list[str] = []
    # a name word left over on both sides faces a different name; on one side only, it may be left out
    alone_names, alone_patronymics = _alone(cmp, WordKind.NAME), _alone(cmp, WordKind.PATRONYMIC)
    for item in cmp.aligned:
        if item.left is not None and item.right is not None and item.match is not None:
            matched.append(
                f"'{item.left.text}' ~ '{item.right.text}' ({_(item.match.how)}, {item.match.score:.2f})"
            )
            continue
        word = item.left or item.right
        assert word is not None
        reason = _(_ALONE[word.kind])
        if word.kind is WordKind.NAME:
            reason = (
                _("facing a different name in the other record")
                if len(alone_names) == 2
                else _("not in the other name (a middle name or second surname may be left out)")
            )
        elif word.kind is WordKind.PATRONYMIC and len(alone_patronymics) == 2:
            reason = _("facing a different patronymic in the other record")
        alone.append(f"'{word.text}' {reason}")
    sentence = _("Names '{left}' and '{right}' (name score {score:.2f})").format(
        left=cmp.left.original, right=cmp.right.original, score=cmp.score
    )
    if cmp.whole:
        sentence += _(": alike when compared whole, the words being cut differently")
    if cmp.out_of_order:
        sentence += _(": the syllables of the name in another order, which makes another name")
    if matched:
        sentence += ": " + "; ".join(matched)
    if alone:
        sentence += "; " + "; ".join(alone)
    out["name"] = sentence + "."
    if pair.held is not None:  # held only where a birth date is unknown
        out["birth_date"] = _(
            "Birth dates: not known on both sides; names alone make at most a possible match (score "
            "{held:.2f} held at {score:.2f})."
        ).format(held=pair.held, score=pair.score)
    elif pair.birth_date is None:
        out["birth_date"] = _("Birth dates: not known on both sides.")
    else:
        out["birth_date"] = _("Birth dates: {said}.").format(said=date_words(pair.birth_date.text))
    if pair.frequency is not None and (said := _frequency(pair.frequency)):
        out["name_frequency"] = said
    left, right = pair.countries
    if pair.nationality is None:
        out["nationality"] = _("Citizenship: not known on both sides.")
    elif pair.shared_countries:
        out["nationality"] = _("Citizenship: both {codes}.").format(
            codes=", ".join(sorted(pair.shared_countries))
        )
    else:
        out["nationality"] = _("Citizenship: different ({left} and {right}).").format(
            left=", ".join(sorted(left)), right=", ".join(sorted(right))
        )
    return out


def _alone(cmp: NameComparison, kind: WordKind) -> set[str]:
    """The sides ("left", "right") that have a word of `kind` left without a counterpart."""
    return {
        side
        for item in cmp.aligned
        if item.match is None
        for side, word in (("left", item.left), ("right", item.right))
        if word is not None and word.kind is kind
    }


def _frequency(evidence: FrequencyEvidence) -> str | None:
    """Which matched words are common, and what that cost: 'common name 'Ким': 1 in 40 of the 120,000
    persons on both lists'. None when every matched word is rare and nothing was taken."""
    common = [(word, share) for word, share in evidence.words if share >= COMMON_SHARE]
    if not common and not evidence.discount:
        return None
    namesakes = f"{evidence.namesakes:.2g}" if evidence.namesakes < 10 else f"{round(evidence.namesakes):,}"
    if not evidence.words:
        return _(
            "Name frequency: no name word is the same name or a close spelling, so any of some {namesakes} "
            "recruits could be as alike by chance (score −{discount:.2f})."
        ).format(namesakes=namesakes, discount=evidence.discount)
    whose = (
        _("of the {n:,} {group} citizens on both lists").format(n=evidence.listed, group=evidence.group)
        if evidence.group
        else _("of the {n:,} persons on both lists").format(n=evidence.listed)
    )
    told = _("Name frequency: ") + (
        ", ".join(
            _("common name '{word}': 1 in {n:,}").format(word=word, n=round(1 / share))
            + (f" {whose}" if n == 0 else "")
            for n, (word, share) in enumerate(common)
        )
        or _("no common word")
    )
    if evidence.discount:
        why = (
            _("and the birth dates agree too little to tell them apart")
            if evidence.confirmed
            else _("and no birth date confirms the match")
        )
        return _(
            "{told}; some {namesakes} recruits would share these name words by chance, {why} (score −{discount:.2f})."
        ).format(told=told, namesakes=namesakes, why=why, discount=evidence.discount)
    if evidence.confirmed:
        return _("{told}; the birth dates confirm the match.").format(told=told)
    return _("{told}; with the other name words, few recruits would share the name by chance.").format(
        told=told
    )


__all__ = ["explain", "sentences", "verdict"]
