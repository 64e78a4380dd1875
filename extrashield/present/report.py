"""Reports for people: the outcome first, then the grounds that apply with citation and statute text,
then what is unknown (as questions) and the open legal questions on which the outcome turns."""

from __future__ import annotations

import textwrap

from extrashield.engine.evaluator import Assessment
from extrashield.engine.grounds import APPLIES, NOT_IN_FORCE, UNKNOWN

MEANING = {
    "barred": "extradition is NOT PERMITTED: a mandatory ground applies",
    "may_refuse": "extradition MAY BE REFUSED: a discretionary ground applies, and no mandatory one",
    "permitted": "extradition MAY PROCEED: no ground of refusal was found",
    "undetermined": "UNDETERMINED: the answer depends on facts that are not known",
}


def _wrap(text: str, indent: str) -> str:
    return "\n".join(
        textwrap.fill(line, width=100, initial_indent=indent, subsequent_indent=indent)
        for line in text.splitlines()
        if line.strip()
    )


def assessment_report(a: Assessment, *, lang: str = "en") -> str:
    d = a.to_dict()
    out = [
        f"OUTCOME: {d['outcome'].upper()} — {MEANING[d['outcome']]}",
        f"Decision date {d['decision_date']}" + (f" · case {d['id']}" if d.get("id") else ""),
        "Readings: " + ", ".join(f"{k}={v}" for k, v in d["interpretations"].items()),
        f"Law data {d['law_digest'][:19]}… · the law in force on the decision date applies (Art. 4 CPC)",
        "",
    ]
    if d.get("outcome_on_every_value"):
        ev = d["outcome_on_every_value"]
        out.insert(
            1,
            f"  Yet every possible answer to {ev['fact']} leads to {ev['outcome'].upper()}: the outcome does not "
            "turn on that fact, though no single ground can be shown to apply.",
        )
    by_id = {r.provision.id: r for r in a.grounds}
    applying = [g for g in d["grounds"] if g["status"] == APPLIES]
    out.append("Grounds that apply" if applying else "Grounds that apply: none")
    for g in applying:
        r = by_id[g["provision"]]
        v = g["version"]
        effect = "bars extradition" if g["effect"] == "bars" else "allows refusal"
        out.append(f"  * {g['citation']} [{g['provision']}] — {effect}")
        out.append(
            f"    version in force from {v['valid_from'] or 'before the data horizon'} ({v['certainty'] or 'see notes'}); "
            f"act: {v['act']}; wording confidence {v['text_confidence']}"
        )
        assert r.version is not None
        out.append(_wrap(r.version.text.get(lang), "    | "))
        for line in g["because"]:
            out.append(_wrap("because " + line, "    "))
    unknown = [g for g in d["grounds"] if g["status"] == UNKNOWN]
    if unknown:
        out += ["", "Grounds that cannot be decided on these facts"]
        for g in unknown:
            out.append(f"  ? {g['citation']} [{g['provision']}]")
    if d["depends_on"]:
        out += ["", "Questions whose answer could change the outcome"]
        for q in d["depends_on"]:
            out.append(f"  - {q['question']}  ({q['fact']})")
    if d.get("also_unknown"):
        out += ["", "Also unknown (may matter once the questions above are answered)"]
        for q in d["also_unknown"]:
            out.append(f"  - {q['question']}  ({q['fact']})")
    if d["open_questions"]:
        out += ["", "Open legal questions on which this outcome turns"]
        for q in d["open_questions"]:
            if q["kind"] == "treaty_collision":  # issue 8: said in plain words
                from extrashield.services.treaty_collision import plain_words

                out.append(_wrap("! " + plain_words(q), "  "))
                continue
            alts = "; ".join(
                f"under {x.get('reading') or x.get('if')}: {x['outcome']}" for x in q["alternatives"]
            )
            out.append(_wrap(f"! [{q['id']}] {q['question']} Now: {q['current']}. {alts}.", "  "))
    rest = [g for g in d["grounds"] if g["status"] not in (APPLIES, UNKNOWN)]
    if rest:
        out += ["", "Other grounds checked"]
        for g in rest:
            word = "not in force on the decision date" if g["status"] == NOT_IN_FORCE else "does not apply"
            out.append(f"  - {g['citation']} [{g['provision']}]: {word}")
    return "\n".join(out)
