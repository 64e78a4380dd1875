"""A candidate pair's score told in words: which name parts matched how, what dates and citizenships said."""

from __future__ import annotations

from extrashield.matching.frequency import COMMON_SHARE, FrequencyEvidence
from extrashield.matching.names import WordKind
from extrashield.matching.scoring import DEFAULT_THRESHOLD, LIKELY_MATCH, PairScore

_ALONE = {
    WordKind.PATRONYMIC: "a patronymic, which the other record does not give",
    WordKind.INITIAL: "an initial with no counterpart",
    WordKind.NAME: "not in the other name",
}


def verdict(score: float) -> str:
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
    out = {"verdict": f"{verdict(pair.score).capitalize()} (score {pair.score:.2f})."}
    cmp = pair.name
    matched: list[str] = []
    alone: list[str] = []
    # a name word left over on both sides faces a different name; on one side only, it may be left out
    alone_names = {
        side
        for item in cmp.aligned
        if item.match is None
        for side, word in (("left", item.left), ("right", item.right))
        if word is not None and word.kind is WordKind.NAME
    }
    for item in cmp.aligned:
        if item.left is not None and item.right is not None and item.match is not None:
            matched.append(
                f"'{item.left.text}' ~ '{item.right.text}' ({item.match.how}, {item.match.score:.2f})"
            )
            continue
        word = item.left or item.right
        assert word is not None
        reason = _ALONE[word.kind]
        if word.kind is WordKind.NAME:
            reason = (
                "facing a different name in the other record"
                if len(alone_names) == 2
                else "not in the other name (a middle name or second surname may be left out)"
            )
        alone.append(f"'{word.text}' {reason}")
    sentence = f"Names '{cmp.left.original}' and '{cmp.right.original}' (name score {cmp.score:.2f})"
    if cmp.whole:
        sentence += ": alike when compared whole, the words being cut differently"
    if matched:
        sentence += ": " + "; ".join(matched)
    if alone:
        sentence += "; " + "; ".join(alone)
    out["name"] = sentence + "."
    if pair.birth_date is None:
        out["birth_date"] = "Birth dates: not known on both sides."
    else:
        out["birth_date"] = f"Birth dates: {pair.birth_date.text}."
    if pair.frequency is not None and (said := _frequency(pair.frequency)):
        out["name_frequency"] = said
    left, right = pair.countries
    if pair.nationality is None:
        out["nationality"] = "Citizenship: not known on both sides."
    elif pair.shared_countries:
        out["nationality"] = f"Citizenship: both {', '.join(sorted(pair.shared_countries))}."
    else:
        out["nationality"] = (
            f"Citizenship: different ({', '.join(sorted(left))} and {', '.join(sorted(right))})."
        )
    return out


def _frequency(evidence: FrequencyEvidence) -> str | None:
    """Which matched words are common, and what that cost: 'common name 'Ким': 1 in 40 of the 120,000
    persons on both lists'. None when every matched word is rare and nothing was taken."""
    common = [(word, share) for word, share in evidence.words if share >= COMMON_SHARE]
    if not common and not evidence.discount:
        return None
    whose = f"{evidence.group} citizens" if evidence.group else "persons"
    told = "Name frequency: " + (
        ", ".join(
            f"common name '{word}': 1 in {round(1 / share):,}"
            + (f" of the {evidence.listed:,} {whose} on both lists" if n == 0 else "")
            for n, (word, share) in enumerate(common)
        )
        or "no common word"
    )
    namesakes = f"{evidence.namesakes:.2g}" if evidence.namesakes < 10 else f"{round(evidence.namesakes):,}"
    if evidence.discount:
        why = (
            "and the birth dates agree too little to tell them apart"
            if evidence.confirmed
            else "and no birth date confirms the match"
        )
        return f"{told}; some {namesakes} recruits would share these name words by chance, {why} (score −{evidence.discount:.2f})."
    if evidence.confirmed:
        return f"{told}; the birth dates confirm the match."
    return f"{told}; with the other name words, few recruits would share the name by chance."


__all__ = ["explain", "sentences", "verdict"]
