"""Text reports for people: eligibility answers, the reported blacklist, the figures ledger."""

from __future__ import annotations

from typing import Any

from extrashield.i18n import N_, _, answers, data_text, language, ngettext
from extrashield.services.eligibility import EligibilityAnswer
from extrashield.sources.blacklist import DISCLAIMER, Blacklist
from extrashield.sources.blacklist import why_words as blacklist_why_words
from extrashield.sources.figures import DISAGREE, POSSIBLE, Ledger, Quantity

VERDICT = {
    "eligible": N_("ELIGIBLE"),
    "not_eligible": N_("NOT ELIGIBLE"),
    "unknown": N_("UNKNOWN (depends on facts or law not settled)"),
    "not_applicable": N_("NOT APPLICABLE (outside the scope of these rules)"),
}
STATUS = {
    "satisfied": N_("met"),
    "not_satisfied": N_("not met"),
    "unknown": N_("unknown"),
    "not_in_force": N_("not in force"),
}
ROLE = {"route": N_("route"), "requirement": N_("requirement")}


def eligibility_report(a: EligibilityAnswer, *, lang: str | None = None) -> str:
    """The report in the current language (extrashield.i18n); `lang` chooses the statute texts' language
    and defaults to it."""
    lang = lang or language()
    d = a.to_dict()

    def because(lines: list[str]) -> list[str]:
        return [answers.because(b) for b in lines]

    def asked(q: dict[str, str]) -> str:
        return answers.question(q["fact"], q["question"])

    out = [
        _(d["title"]),
        _("Decision date: {day}").format(day=d["decision_date"])
        + (_("   case: {id}").format(id=d["id"]) if d["id"] else ""),
        _("Answer: {verdict}").format(verdict=_(VERDICT[d["outcome"]])),
        "",
    ]
    out.append(_("Scope: {text}").format(text=_(d["scope"]["text"])))
    out += [f"  - {b}" for b in because(d["scope"]["because"])]
    out += ["", _("Criteria ({rule}):").format(rule=_(d["rule"]))]
    for c in d["criteria"]:
        v = c["version"]
        when = (
            " "
            + _("[version from {start} ({certainty}), text {confidence}]").format(
                start=v["valid_from"] or _("before the data horizon"),
                certainty=v["certainty"] or "n/a",
                confidence=v["text_confidence"],
            )
            if v
            else ""
        )
        role = _(ROLE[c["role"]]) if c["role"] in ROLE else c["role"]
        out.append(f"* {c['citation']} ({role}): {_(STATUS[c['status']])}{when}")
        if c["text"]:
            out.append("    " + _("text: {text}").format(text=c["text"][lang]))
        out += [f"    - {b}" for b in because(c["because"])]
    if d["depends_on"]:
        out += ["", _("Facts that would change the answer:")] + [
            f"  ? {asked(x)} ({x['fact']})" for x in d["depends_on"]
        ]
    if d["also_unknown"]:
        out += ["", _("Also unknown (may matter once the above are answered):")] + [
            f"  ? {asked(x)} ({x['fact']})" for x in d["also_unknown"]
        ]
    if d["open_questions"]:
        out += ["", _("Readings of the law that would change the answer:")]
        for q in d["open_questions"]:
            alts = "; ".join(f"{x['reading']} -> {x['outcome']}" for x in q["alternatives"])
            out.append(
                "  "
                + _("! {question} Used: {current}; otherwise {alternatives}.").format(
                    question=_(q["question"]), current=q["current"], alternatives=alts
                )
            )
            if q["why"]:
                out.append("    " + _("why: {why}").format(why=data_text(q["why"])))
    for c in d.get("conflicts", []):
        out += [
            "",
            _("Conflicting claims: {question} The rules follow {follow}.").format(
                question=c["question"], follow=c["rules_follow"]
            ),
        ]
        for cl in c["claims"]:
            reported = cl["date_reported"] or _("date not recorded")
            url = cl["url"] or _("URL missing")
            out.append(f"  - {cl['shown']}: {cl['said_by']} ({reported}) [{cl['confidence']}] {url}")
    rp = d.get("reported_practice")
    if rp:
        out += ["", _("Reported practice (media report, not law; does not change the answer):")]
        if not rp["countries_known"]:
            out.append("  " + _("the person's citizenships are unknown"))
        elif not rp["checks"]:
            out.append("  " + _("the person holds no foreign citizenship on this date: nothing to check"))
        for ch in rp["checks"]:
            out.append(
                "  - "
                + _("{country} on the informal 2026 recruitment blacklist on {day}: {answer} ({why})").format(
                    country=ch["country"],
                    day=ch["date"],
                    answer=ch["on_reported_list"],
                    why=blacklist_why_words(ch["why"]),
                )
            )
    if d.get("interplay"):
        out += ["", _(d["interplay"])]
    if d["notes"]:
        out += ["", _("Also in force:")]
        for n in d["notes"]:
            out.append(
                f"  - {n['citation']}: " + (n["text"][lang] if n["text"] else _("not in force on this date"))
            )
    if d["unsettled"]:
        out += ["", _("Unsettled points of the law used:")] + [
            f"  - {data_text(q['question'])}" for q in d["unsettled"]
        ]
    out += ["", _("Law data: {digest}").format(digest=d["law_digest"])]
    return "\n".join(out)


def _sources(srcs: list[dict[str, Any]]) -> str:
    seed = _("(no URL: seed report)")
    return "; ".join(f"{s['publisher']} {s['url'] or seed} [{s['confidence']}]" for s in srcs)


def _answer_word(answer: str) -> str:
    return _(ANSWER_WORD.get(answer, answer)).upper()


ANSWER_WORD = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown")}


def blacklist_report(b: Blacklist, answers: list[dict[str, Any]], day: str) -> str:
    """The reported blacklist, or its answers for some countries, in the current language: its summary,
    notes and open questions through the catalogue (`data_text`); what an answer says on the date (`why`,
    made while answering) stays English."""
    lang = language()
    out = [b.title.get(lang) or b.title["en"], _("STATUS: {disclaimer}").format(disclaimer=_(DISCLAIMER)), ""]
    if answers:
        for a in answers:
            out.append(
                _("{country} on {day}: {answer} - {why}").format(
                    country=a["country"],
                    day=a["date"],
                    answer=_answer_word(a["on_reported_list"]),
                    why=blacklist_why_words(a["why"]),
                )
            )
            v = a["version"]
            if v:
                out.append(
                    "  "
                    + _(
                        "list {id}: {count} countries ({named} named, {unnamed} not named); "
                        "reported from {day} ({note}); certainty {certainty}"
                    ).format(
                        id=v["id"],
                        count=v["count_reported"],
                        named=len(v["countries"]),
                        unnamed=v["unnamed_count"],
                        day=v["reported_from"],
                        note=data_text(v["reported_from_note"]),
                        certainty=v["certainty"],
                    )
                )
                out.append("  " + _("sources: {sources}").format(sources=_sources(v["sources"])))
            elif a["first_named"]:
                f = a["first_named"]
                out.append(
                    "  "
                    + _("first named in list {version}, reported from {day}").format(
                        version=f["version"], day=f["reported_from"]
                    )
                )
            if a["separate_entry"]:
                e = a["separate_entry"]
                out.append(
                    "  "
                    + _("reported apart ({certainty}): {when} {note}").format(
                        certainty=e["certainty"],
                        when=data_text(e["reported_from_note"]),
                        note=data_text(e["note"]),
                    )
                    + " "
                    + _("sources: {sources}").format(sources=_sources(e["sources"]))
                )
            out += [
                "  "
                + _("open question [{id}]: {question}").format(id=q["id"], question=data_text(q["question"]))
                for q in a["open_questions"]
            ]
        return "\n".join(out)
    out.append(data_text(b.summary))
    for v in b.versions:
        out += [
            "",
            _(
                "{id}: {count} countries reported from {day} ({note}); reported {reported}; certainty {certainty}"
            ).format(
                id=v.id,
                count=v.count_reported,
                day=v.reported_from,
                note=data_text(v.reported_from_note),
                reported=v.date_reported or _("on a date not recorded"),
                certainty=v.certainty,
            ),
            "  "
            + _("named ({n}): {countries}; not named: {unnamed}").format(
                n=len(v.countries), countries=", ".join(v.countries), unnamed=v.unnamed_count
            ),
            "  " + _("sources: {sources}").format(sources=_sources([s.to_dict() for s in v.sources])),
        ]
    for e in b.separate:
        out += [
            "",
            _("reported apart: {country} ({name}), {certainty}: {note}").format(
                country=e.country,
                name=e.name.get(lang) or e.name["en"],
                certainty=e.certainty,
                note=data_text(e.note),
            ),
        ]
    out += ["", _("Open questions:")] + [f"  - {data_text(q['question'])}" for q in b.open_questions]
    out += [
        "",
        _("Ask about one country: {example}").format(example=f"extrashield blacklist KE --date {day}"),
    ]
    return "\n".join(out)


def figures_report(ledger: Ledger, quantities: list[Quantity], rule: str) -> str:
    """The ledger for people, in the current language (a claim's note through the catalogue; who said it,
    and the ids, as the data gives them)."""
    out = [
        _("Figures and claims about the recruitment drive: claims as reported, not facts."),
        _("Disagreement rule: {rule}").format(rule=_(rule)),
        "",
    ]
    for q in quantities:
        d = q.to_dict()
        claims = ngettext("{n} claim", "{n} claims", len(q.claims)).format(n=len(q.claims))
        out.append(f"== {q.name} ({q.unit or _('legal claim')}; {claims})")
        for c in d["claims"]:
            url = c["url"] or _("URL MISSING") + (f" ({data_text(c['note'])})" if c["note"] else "")
            group = " " + _("[statement {group}]").format(group=c["group"]) if c["group"] else ""
            reported = (
                _("reported by {who} on {day}") if c["date_reported"] else _("reported by {who}")
            ).format(who=c["reported_by"], day=c["date_reported"])
            out.append(
                "  - "
                + _("{id}: {shown}, {as_of}; said by {who}; {reported}").format(
                    id=c["id"], shown=c["shown"], as_of=_as_of(c), who=c["said_by"], reported=reported
                )
                + f" [{c['confidence']}]{group}"
            )
            out.append(f"      {url}")
        for x in d["disagreements"]:
            word = (
                _("DISAGREE")
                if x["verdict"] == DISAGREE
                else _("POSSIBLE DISAGREEMENT")
                if x["verdict"] == POSSIBLE
                else x["verdict"]
            )
            out.append(
                "  " + _("! {word}: {a} vs {b}: {why}").format(word=word, a=x["a"], b=x["b"], why=x["why"])
            )
        for follow in d.get("rules_follow", []):
            out.append("  " + _("rules follow: {follow}").format(follow=follow))
        out.append("")
    return "\n".join(out).rstrip()


def _as_of(c: dict[str, Any]) -> str:
    a = c["as_of"]
    if a is None:
        return _("date unknown")
    if isinstance(a, dict):
        return _("within {start} – {end}").format(start=a["from"], end=a["to"])
    return _("as of {day}").format(day=a)
