"""Reports for people: the outcome first, then the grounds that apply with citation and statute text,
then what is unknown (as questions) and the open legal questions on which the outcome turns."""

from __future__ import annotations

import textwrap

from extrashield.engine.evaluator import Assessment
from extrashield.engine.grounds import APPLIES, NOT_IN_FORCE, UNKNOWN
from extrashield.i18n import N_, _, answers, data_text, language
from extrashield.i18n.conventions import text_day
from extrashield.present.plain import CERTAINTY

MEANING = {
    "barred": N_("extradition is NOT PERMITTED: a mandatory ground applies"),
    "may_refuse": N_("extradition MAY BE REFUSED: a discretionary ground applies, and no mandatory one"),
    "permitted": N_("extradition MAY PROCEED: no ground of refusal was found"),
    "undetermined": N_("UNDETERMINED: the answer depends on facts that are not known"),
}
OUTCOME_WORD = {
    "barred": N_("BARRED"),
    "may_refuse": N_("MAY_REFUSE"),
    "permitted": N_("PERMITTED"),
    "undetermined": N_("UNDETERMINED"),
}
OUTCOME_NAME = {  # an outcome within a sentence
    "barred": N_("barred"),
    "may_refuse": N_("may_refuse"),
    "permitted": N_("permitted"),
    "undetermined": N_("undetermined"),
}


def _wrap(text: str, indent: str) -> str:
    return "\n".join(
        textwrap.fill(line, width=100, initial_indent=indent, subsequent_indent=indent)
        for line in text.splitlines()
        if line.strip()
    )


def assessment_report(a: Assessment, *, lang: str | None = None) -> str:
    """The report in the current language (extrashield.i18n); `lang` chooses the statute texts' language
    and defaults to it."""
    lang = lang or language()
    d = answers.answer(a.to_dict())
    by_id = {r.provision.id: r for r in a.grounds}

    def cited(g: dict[str, str]) -> str:  # the Russian citation is the provision's Russian label
        return by_id[g["provision"]].provision.label.ru if lang == "ru" else g["citation"]

    out = [
        _("OUTCOME: {outcome} — {meaning}").format(
            outcome=_(OUTCOME_WORD[d["outcome"]]), meaning=_(MEANING[d["outcome"]])
        ),
        _("Decision date {day}").format(day=text_day(d["decision_date"]))
        + (_(" · case {id}").format(id=d["id"]) if d.get("id") else ""),
        _("Readings: ") + ", ".join(f"{k}={v}" for k, v in d["interpretations"].items()),
        _("Law data {digest}… · the law in force on the decision date applies (Art. 4 CPC)").format(
            digest=d["law_digest"][:19]
        ),
        "",
    ]
    if d.get("outcome_on_every_value"):
        ev = d["outcome_on_every_value"]
        out.insert(
            1,
            "  "
            + _(
                "Yet every possible answer to {fact} leads to {outcome}: the outcome does not "
                "turn on that fact, though no single ground can be shown to apply."
            ).format(fact=ev["fact"], outcome=_(OUTCOME_WORD[ev["outcome"]])),
        )
    applying = [g for g in d["grounds"] if g["status"] == APPLIES]
    out.append(_("Grounds that apply") if applying else _("Grounds that apply: none"))
    for g in applying:
        r = by_id[g["provision"]]
        v = g["version"]
        effect = _("bars extradition") if g["effect"] == "bars" else _("allows refusal")
        out.append(f"  * {cited(g)} [{g['provision']}] — {effect}")
        out.append(
            _wrap(
                _(
                    "version in force from {start} ({certainty}); act: {act}; wording confidence {confidence}"
                ).format(
                    start=text_day(v["valid_from"]) if v["valid_from"] else _("before the data horizon"),
                    certainty=_(CERTAINTY[v["certainty"]]) if v["certainty"] in CERTAINTY else _("see notes"),
                    act=data_text(v["act"]),
                    confidence=v["text_confidence"],
                ),
                "    ",
            )
        )
        assert r.version is not None
        out.append(_wrap(r.version.text.get(lang), "    | "))
        for line in g["because"]:
            out.append(_wrap(_("because {reason}").format(reason=line), "    "))
    unknown = [g for g in d["grounds"] if g["status"] == UNKNOWN]
    if unknown:
        out += ["", _("Grounds that cannot be decided on these facts")]
        for g in unknown:
            out.append(f"  ? {cited(g)} [{g['provision']}]")
    if d["depends_on"]:
        out += ["", _("Questions whose answer could change the outcome")]
        for q in d["depends_on"]:
            out.append(f"  - {q['question']}  ({q['fact']})")
    if d.get("also_unknown"):
        out += ["", _("Also unknown (may matter once the questions above are answered)")]
        for q in d["also_unknown"]:
            out.append(f"  - {q['question']}  ({q['fact']})")
    if d["open_questions"]:
        out += ["", _("Open legal questions on which this outcome turns")]
        for q in d["open_questions"]:
            if q["kind"] == "treaty_collision":  # issue 8: said in plain words
                from extrashield.services.treaty_collision import plain_words

                out.append(_wrap("! " + plain_words(q), "  "))
                continue
            alts = "; ".join(
                _("under {reading}: {outcome}").format(
                    reading=x.get("reading") or x.get("if"), outcome=_(OUTCOME_NAME[x["outcome"]])
                )
                for x in q["alternatives"]
            )
            out.append(
                _wrap(
                    _("! [{id}] {question} Now: {current}. {alternatives}.").format(
                        id=q["id"], question=q["question"], current=q["current"], alternatives=alts
                    ),
                    "  ",
                )
            )
    rest = [g for g in d["grounds"] if g["status"] not in (APPLIES, UNKNOWN)]
    if rest:
        out += ["", _("Other grounds checked")]
        for g in rest:
            word = (
                _("not in force on the decision date") if g["status"] == NOT_IN_FORCE else _("does not apply")
            )
            out.append(f"  - {cited(g)} [{g['provision']}]: {word}")
    return "\n".join(out)
