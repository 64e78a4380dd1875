"""Requesting-state profiles (`extrashield states`): what a ministry of justice preparing a request to
Russia reads first, then the research behind it.

First the brief: the treaties that bind (or may bind) the state and Russia on the date, each with its
article obliging extradition and whether it lists a ground like point 7; otherwise reciprocity. Then the
Russian grounds of refusal in force that day (from the law data), the state's own law on fighting or
recruiting for a foreign army, its prosecutions, its demands to Moscow, and the reported recruitment
blacklist on the date (a media report, never law), decided by `Blacklist.check` as `extrashield blacklist`
decides it. Every item keeps its sources and confidence marks.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from typing import Any

from extrashield.i18n import N_, _, data_text, language, reformatted, template_values
from extrashield.i18n.conventions import text_day
from extrashield.sources.blacklist import BlacklistAnswer, default_blacklist
from extrashield.sources.blacklist import why_words as blacklist_why_words
from extrashield.sources.research import covers_day
from extrashield.sources.states import StateProfile, load_state, state_codes
from extrashield.sources.treaties import Treaty, load_treaty, treaty_ids

_BINDS = {
    True: N_("binds on this date"),
    False: N_("does not bind on this date"),
    None: N_("binding on this date not established"),
}
# The legal bases a brief names (`_brief`), as the text says them; the JSON keeps the English words
_BASES = (
    N_("treaty"),
    N_("treaty (binding not established) or reciprocity"),
    N_("reciprocity (no treaty known)"),
    N_("not researched (no treaty file lists this state; without a treaty, reciprocity)"),
)

# Texts made for a state without a profile (`missing_profile`, `_party_links`): English in the JSON, said in
# the current language by `research_words`.
_PARTY_LINK = N_("From the treaty file's list of parties ({status}): {why}")
_NO_REASON = N_("no reason recorded")
_MISSING_NOTE = N_(
    "No profile for {code}: its treaties with Russia, own law on fighting or recruiting for a foreign army, "
    "prosecutions and demands to Moscow were not researched. What is shown comes from the treaty files that "
    "list it as a party and from the reported blacklist; an empty list here means unknown, not none."
)
_MISSING_QUESTION = N_(
    "Which treaty binds {code} and Russia, does it punish fighting or recruiting for a foreign army, has it "
    "prosecuted anyone, and has it asked Moscow to stop recruiting its citizens?"
)
_MISSING_WHY = N_(
    "There is no state file for {code}; only the treaty files and the reported blacklist were consulted."
)


def research_words(text: str | None) -> str:
    """A research text of a state's profile in the current language: a text of the data files through the
    catalogue (`data_text`), or one made here for a state without a profile from its template."""
    if not text:
        return ""
    said = data_text(text)
    if said != text:
        return said
    link = template_values(text, _PARTY_LINK)
    if link is not None:
        status = link["status"].replace("_", " ")
        return _(_PARTY_LINK).format(status=_(status), why=research_words(link["why"]))
    return reformatted(text, _MISSING_NOTE, _MISSING_QUESTION, _MISSING_WHY) or text


def _treaty_summary(profile: StateProfile, day: dt.date) -> list[dict[str, Any]]:
    return [
        _treaty_entry(load_treaty(str(link.treaty)), link.to_dict(), link.covers(day), day)
        for link in profile.known_treaties()
    ]


def _party_links(code: str, day: dt.date) -> list[dict[str, Any]]:
    """For a state without a profile: every treaty whose file lists it among the parties, with the party
    entry standing in for the state file's treaty entry (which treaties bind it and Russia was never
    researched, so a treaty not listed may still exist)."""
    out = []
    for tid in treaty_ids():
        t = load_treaty(tid)
        party = t.party(code)
        if party is None:
            continue
        covers = (
            False
            if party.status == "not_party"
            else None
            if party.status == "unknown"
            else covers_day(party.start, party.end, day)
        )
        entry = party.to_dict()
        link = {
            "id": t.id,
            "from": entry["from"],
            "until": entry["until"],
            "certainty": party.certainty,
            "why": _PARTY_LINK.format(status=party.status, why=party.why or _NO_REASON),
            "sources": entry["sources"],
        }
        out.append(_treaty_entry(t, link, covers, day))
    return out


def _treaty_entry(t: Treaty, link: dict[str, Any], link_covers: bool | None, day: dt.date) -> dict[str, Any]:
    in_force = t.in_force_for_russia.covers(day)
    binds = (
        False
        if False in (link_covers, in_force)
        else True
        if (link_covers, in_force) == (True, True)
        else None
    )
    duty = t.obliges_extradition
    return {
        "id": t.id,
        "title": t.title["en"],
        "kind": t.kind,
        "binds_on_date": binds,
        "between_state_and_russia": link,
        "in_force_for_russia": t.in_force_for_russia.to_dict(),
        "obliges_extradition": None
        if duty is None
        else {"article": duty.article, "summary_en": duty.summary_en, "confidence": duty.confidence},
        "point7_listed": t.point7_ground.listed,
        "point7_why": t.point7_ground.why,
        "refusal_grounds": [
            {
                "article": g.article,
                "mandatory": g.mandatory,
                "summary_en": g.summary_en,
                "covers": g.covers,
                "confidence": g.confidence,
            }
            for g in t.refusal_grounds
        ],
        "death_penalty_clause": None if t.death_penalty_clause is None else t.death_penalty_clause.to_dict(),
        "specialty_clause": None if t.specialty_clause is None else t.specialty_clause.to_dict(),
        "sovereignty_clause": None if t.sovereignty_clause is None else t.sovereignty_clause.to_dict(),
        "open_questions": [q.to_dict() for q in t.open_questions],
    }


def _russian_grounds(day: dt.date) -> list[dict[str, Any]]:
    """The grounds of refusal of the law data in force on `day`: what any request will be checked against."""
    from extrashield.sources.lawbook import default_lawbook

    book = default_lawbook()
    out = []
    for p in book.provisions.values():
        if p.effect not in ("bars", "allows_refusal"):
            continue
        v = p.version_on(day)
        if v is None:
            continue
        out.append(
            {
                "provision": p.id,
                "effect": p.effect,
                "citation": p.citation,
                "title": p.title.en,
                "valid_from": v.valid_from.isoformat() if v.valid_from else None,
                "certainty": v.valid_from_certainty,
            }
        )
    return sorted(out, key=lambda g: g["provision"])


def state_profile(code: str, day: dt.date) -> dict[str, Any]:
    """The profile of one requesting state as of `day`. Raises LawDataError for an unknown code."""
    profile = load_state(code)
    treaties = _treaty_summary(profile, day)
    bl = default_blacklist().check(profile.code, day)
    may_exist = any(link.unknown_marker for link in profile.treaties)
    return {
        "code": profile.code,
        "name": profile.name,
        "as_of": day.isoformat(),
        "brief": _brief(treaties, may_exist, bl),
        "treaties": treaties,
        "russian_grounds_in_force": _russian_grounds(day),
        "own_law": list(profile.own_law),
        "prosecutions": list(profile.prosecutions),
        "demands_to_moscow": list(profile.demands_to_moscow),
        "blacklist": {"state_file": profile.blacklist, "on_date": bl.to_dict()},
        "notes": list(profile.notes),
        "sources": {k: s.to_dict() for k, s in profile.sources.items()},
        "open_questions": [q.to_dict() for q in profile.open_questions],
    }


def missing_profile(code: str, day: dt.date) -> dict[str, Any]:
    """What is known of a state with no profile file, as of `day`: the treaties whose files list it as a
    party, the Russian grounds in force and the reported blacklist. Its own law, prosecutions and demands
    to Moscow were never researched: they are unknown (not "none found"), and the answer says so.
    `code` must be an ISO 3166-1 alpha-2 code without a profile."""
    code = code.upper()
    treaties = _party_links(code, day)
    bl = default_blacklist().check(code, day)
    missing = _MISSING_NOTE.format(code=code)
    brief = _brief(treaties, True, bl)
    if not brief["treaties"]:  # "no treaty known" would overstate a search that was never made
        brief["legal_basis"] = _BASES[3]
        brief["point7_collision"] = _NOT_RESEARCHED.format(code=code)
    return {
        "code": code,
        "name": None,
        "as_of": day.isoformat(),
        "profile_missing": True,
        "brief": brief,
        "treaties": treaties,
        "russian_grounds_in_force": _russian_grounds(day),
        "own_law": [],
        "prosecutions": [],
        "demands_to_moscow": [],
        "blacklist": {"state_file": None, "on_date": bl.to_dict()},
        "notes": [missing],
        "sources": {},
        "open_questions": [
            {
                "id": f"{code.lower()}.profile_missing",
                "question": _MISSING_QUESTION.format(code=code),
                "why": _MISSING_WHY.format(code=code),
                "sources": [],
            }
        ],
    }


def _brief(treaties: list[dict[str, Any]], may_exist: bool, bl: BlacklistAnswer) -> dict[str, Any]:
    """What a ministry of justice reads first: the legal basis, the binding treaties and point 7, the blacklist."""
    binding = [t for t in treaties if t["binds_on_date"] is not False]
    if binding:
        basis = (
            "treaty"
            if any(t["binds_on_date"] for t in binding)
            else "treaty (binding not established) or reciprocity"
        )
    else:
        basis = "reciprocity (no treaty known)"
    return {
        "legal_basis": basis,
        "other_treaties_may_exist": may_exist,
        "treaties": [
            {
                "id": t["id"],
                "binds_on_date": t["binds_on_date"],
                "obliges_extradition_article": (t["obliges_extradition"] or {}).get("article"),
                "point7_listed": t["point7_listed"],
            }
            for t in binding
        ],
        "point7_collision": _collision_line(binding),
        **blacklist_brief(bl),
    }


def blacklist_brief(a: BlacklistAnswer) -> dict[str, Any]:
    """The blacklist in a state's brief: the answer of `extrashield blacklist CODE --date D`, word for word."""
    return {
        "blacklist_on_date": a.answer,
        "blacklist_why": a.why,
        "blacklist_version": a.version.id if a.version else None,
        "blacklist_first_named": None
        if a.first_named is None
        else {"version": a.first_named.id, "reported_from": a.first_named.reported_from.isoformat()},
        "blacklist_open_questions": [q["id"] for q in a.open_questions],
    }


_ANSWER_WORDS = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown")}
# whom a state's offence targets, and who was prosecuted (keys of the data: `targets`, `who`)
ROLE_WORDS = {
    "fighter": N_("fighter"),
    "recruiter": N_("recruiter"),
    "trafficker": N_("trafficker"),
    "both": N_("fighter and recruiter"),
    "unknown": N_("unknown"),
}


def role_words(key: str) -> str:
    """A `targets` or `who` key in words, in the current language."""
    return _(ROLE_WORDS[key]) if key in ROLE_WORDS else key


def treaty_title_words(treaty_id: str) -> str:
    """A treaty's title in the current language: the files have both (`title.ru`, `title.en`)."""
    title = load_treaty(treaty_id).title
    return str(title.get("ru") or title["en"]) if language() == "ru" else str(title["en"])


def blacklist_words(b: dict[str, Any]) -> str:
    """Short words for a brief's blacklist answer: yes/no/unknown, then what the answer used."""
    first = b["blacklist_first_named"]
    if b["blacklist_on_date"] == "yes":
        words = _("yes ({version})").format(version=b["blacklist_version"])
    elif b["blacklist_on_date"] == "no" and first:
        words = _("no (named from {day})").format(day=first["reported_from"])
    else:
        words = _(_ANSWER_WORDS.get(b["blacklist_on_date"], b["blacklist_on_date"]))
    return words + ("*" if b["blacklist_open_questions"] else "")


# The point-7 line of a brief, made of these templates: in English in the JSON (`_collision_line`), in the
# current language for people (`collision_words`), from the same brief.
_NO_TREATY = N_(
    "No treaty duty to extradite is known: on reciprocity (CPC Art. 462(1)) Russia owes no duty, so a refusal "
    "under point 7 (Art. 464(1)(7) CPC) collides with nothing."
)
_NOT_RESEARCHED = N_(
    "Not known: no treaty file lists {code}, and its treaties with Russia were not researched. If extradition "
    "rests on reciprocity (CPC Art. 462(1)), Russia owes no duty and a refusal under point 7 (Art. 464(1)(7) "
    "CPC) collides with nothing."
)
_DUTY = N_("Art. {article} obliges extradition")
_NO_DUTY = N_("the article obliging extradition was not identified")
_LISTED = {
    False: N_(
        "{treaty}: {duty}; it does not list a point-7 ground: a refusal under point 7 collides with the treaty duty"
    ),
    True: N_("{treaty}: {duty}; it lists such a ground"),
    None: N_("{treaty}: {duty}; it is not known to list such a ground (text not read)"),
}
_PRIORITY = N_("Treaties prevail over the Code (CPC Art. 1(3), Constitution Art. 15(4)).")


def _collision_parts(
    treaties: list[dict[str, Any]],
    say: Callable[[str], str],
    code: str | None,
    name: Callable[[str], str] = str,
) -> str:
    """The point-7 line from a brief's treaties (id, obliges_extradition_article, point7_listed), each
    template said by `say` (the English as it is, or its translation), each treaty named by `name`."""
    if not treaties:
        return say(_NO_TREATY) if code is None else say(_NOT_RESEARCHED).format(code=code)
    parts = []
    for t in treaties:
        art = t["obliges_extradition_article"]
        duty = say(_DUTY).format(article=art) if art else say(_NO_DUTY)
        parts.append(say(_LISTED[t["point7_listed"]]).format(treaty=name(t["id"]), duty=duty))
    return "; ".join(parts) + ". " + say(_PRIORITY)


def _collision_line(binding: list[dict[str, Any]]) -> str:
    return _collision_parts(
        [
            {
                "id": t["id"],
                "obliges_extradition_article": (t["obliges_extradition"] or {}).get("article"),
                "point7_listed": t["point7_listed"],
            }
            for t in binding
        ],
        str,
        None,
    )


def collision_words(brief: dict[str, Any], code: str, titles: bool = False) -> str:
    """A brief's point-7 line (`point7_collision`, English in the JSON) in the current language; each
    treaty named by its id, or with `titles` (a page) by its title in the current language."""
    researched = brief["legal_basis"] != _BASES[3]
    name = treaty_title_words if titles else str
    return _collision_parts(brief["treaties"], _, None if researched else code, name)


def all_profiles(day: dt.date) -> list[dict[str, Any]]:
    """One line of the brief for every state with a profile."""
    out = []
    for code in state_codes():
        p = state_profile(code, day)
        out.append({"code": code, "name": p["name"], **p["brief"]})
    return out


# --- text ---------------------------------------------------------------------------------------------


def _w(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ")


def profiles_table(rows: list[dict[str, Any]]) -> str:
    """The table of every profile, in the current language (codes, treaty ids and list versions as they are)."""
    ru = language() == "ru"
    head = (_("code"), _("state"), _("legal basis"), _("blacklist on date"), _("treaties"))
    out = [f"{head[0]:4} {head[1]:14} {head[2]:48} {head[3]:27} {head[4]}"]
    for r in rows:
        treaties = ", ".join(t["id"] for t in r["treaties"]) or "-"
        name = r["name"]["ru" if ru else "en"]
        out.append(
            f"{r['code']:4} {name[:14]:14} {_(r['legal_basis'])[:48]:48} {blacklist_words(r):27} {treaties}"
        )
    out.append("")
    out.append(
        _(
            "The blacklist is a media report of an informal instruction, not law: yes, no or unknown on the date, as "
            "`extrashield blacklist CODE --date D` answers (unknown: not named, but the list has unnamed entries, or "
            "reported apart by a single outlet)."
        )
    )
    if any(r["blacklist_open_questions"] for r in rows):
        out.append(
            _(
                "* the answer rests on an open question of the report (see `extrashield blacklist CODE --date D`)."
            )
        )
    return "\n".join(out)


def profile_report(p: dict[str, Any]) -> str:
    """A state's profile for people, in the current language. The research it reports is data written in
    English, translated through the catalogue (`data_text`): the treaty summaries, why a treaty binds, the
    state's own law, prosecutions and demands, the blacklist's notes, the open questions and the notes.
    What the blacklist answer says on the date (`why`, made while answering) stays English."""
    from extrashield.sources.lawbook import default_lawbook

    ru = language() == "ru"
    b = p["brief"]
    if p["name"] is None:  # no profile file (`missing_profile`)
        out = [
            _("{code} · NO PROFILE · as of {day}").format(code=p["code"], day=p["as_of"]),
            _w(research_words(p["notes"][0]), ""),
            "",
            _("FOR A REQUEST TO RUSSIA"),
        ]
    else:
        first, second = (p["name"]["ru"], p["name"]["en"]) if ru else (p["name"]["en"], p["name"]["ru"])
        out = [
            _("{name} ({code}) · {other} · as of {day}").format(
                name=first, code=p["code"], other=second, day=p["as_of"]
            ),
            "",
            _("FOR A REQUEST TO RUSSIA"),
        ]
    out.append(
        _w(
            _("Legal basis: {basis}.").format(basis=_(b["legal_basis"]))
            + (
                _(" Other treaties may exist (not found is not proof of absence).")
                if b["other_treaties_may_exist"]
                else ""
            )
        )
    )
    for t in p["treaties"]:
        duty = t["obliges_extradition"]
        link = t["between_state_and_russia"]
        out.append(
            _w(
                f"- {treaty_title_words(t['id'])} [{t['id']}]: {_(_BINDS[t['binds_on_date']])} "
                f"({link.get('certainty')}: {research_words(link.get('why'))})",
                "  ",
            )
        )
        if t["binds_on_date"] is False:
            continue
        if duty:
            out.append(
                _w(
                    _("duty to extradite: Art. {article} ({confidence}): {summary}").format(
                        article=duty["article"],
                        confidence=duty["confidence"],
                        summary=data_text(duty["summary_en"]),
                    ),
                    "    ",
                )
            )
        for label, key in (
            (N_("death penalty"), "death_penalty_clause"),
            (N_("specialty"), "specialty_clause"),
            (N_("sovereignty"), "sovereignty_clause"),
        ):
            if t[key]:
                out.append(
                    _w(
                        _("{clause}: Art. {article}: {summary}").format(
                            clause=_(label), article=t[key]["article"], summary=data_text(t[key]["summary"])
                        ),
                        "    ",
                    )
                )
        if t["refusal_grounds"]:
            out.append("    " + _("refusal grounds it lists:"))
            for g in t["refusal_grounds"]:
                kind = _("shall refuse") if g["mandatory"] else _("may refuse / condition")
                out.append(
                    _w(
                        _("Art. {article} ({kind}, {confidence}): {summary}").format(
                            article=g["article"] or "?",
                            kind=kind,
                            confidence=g["confidence"],
                            summary=data_text(g["summary_en"]),
                        )
                        + (f" ~ {g['covers']}" if g["covers"] else ""),
                        "      ",
                    )
                )
        else:
            out.append("    " + _("refusal grounds: none read (not: none exist)"))
    out.append(_w(_("Point 7: {collision}").format(collision=collision_words(b, p["code"]))))
    bl = p["blacklist"]["on_date"]
    out.append(
        _w(
            _("Blacklist (media report, not law) on {day}: {answer} - {why}").format(
                day=text_day(p["as_of"]),
                answer=_(_ANSWER_WORDS.get(bl["on_reported_list"], bl["on_reported_list"])).upper(),
                why=blacklist_why_words(bl["why"]),
            )
            + (
                _("; first named in list {version}, reported from {day}").format(
                    version=bl["first_named"]["version"], day=bl["first_named"]["reported_from"]
                )
                if bl["first_named"] and not bl["version"]
                else ""
            )
            + "."
        )
    )
    if bl["separate_entry"]:
        e = bl["separate_entry"]
        out.append(
            _w(
                _("reported apart ({certainty}): {when} {note}").format(
                    certainty=e["certainty"],
                    when=data_text(e["reported_from_note"]),
                    note=data_text(e["note"]),
                ),
                "    ",
            )
        )
    out += [
        _w(
            _("open question [{id}]: {question}").format(id=q["id"], question=data_text(q["question"])),
            "    ",
        )
        for q in bl["open_questions"]
    ]
    out += [
        "",
        _("RUSSIAN GROUNDS OF REFUSAL IN FORCE ON {day} (any request is checked against these)").format(
            day=p["as_of"]
        ),
    ]
    book = default_lawbook()
    for g in p["russian_grounds_in_force"]:
        word = _("bars") if g["effect"] == "bars" else _("allows refusal")
        provision = book.provisions.get(g["provision"])
        cited, title = g["citation"], g["title"]
        if ru and provision is not None:
            cited, title = provision.label.ru, provision.title.ru or title
        out.append(_w(f"- {cited} [{g['provision']}] ({word}): {title}"))
    out += ["", _("ITS OWN LAW ON FIGHTING OR RECRUITING FOR A FOREIGN ARMY")]
    empty = "  " + (_("not researched (unknown)") if p.get("profile_missing") else _("none found"))
    out += [
        _w(
            _("- {article}: {offence} — targets {targets}; penalty {penalty} [{confidence}]").format(
                article=data_text(o["article"]) or _("(article not identified)"),
                offence=data_text(o["offence"]),
                targets=role_words(o["targets"]),
                penalty=data_text(o["penalty"]) or _("not sourced"),
                confidence=o["confidence"],
            )
        )
        for o in p["own_law"]
    ] or [empty]
    inexact = _("date not exact")
    out += ["", _("PROSECUTIONS")]
    out += [
        _w(
            f"- {x['date'] or inexact}: {data_text(x['summary'])} "
            f"({role_words(x['who'])}; {data_text(x['outcome'])})"
        )
        for x in p["prosecutions"]
    ] or [empty]
    out += ["", _("DEMANDS TO MOSCOW")]
    out += [_w(f"- {x['date'] or inexact}: {data_text(x['summary'])}") for x in p["demands_to_moscow"]] or [
        empty
    ]
    if p["notes"]:
        out += ["", _("NOTES")] + [_w(f"- {research_words(n)}") for n in p["notes"]]
    if p["open_questions"]:
        out += ["", _("OPEN QUESTIONS")] + [
            _w(f"? {research_words(q['question'])} ({research_words(q['why'])})") for q in p["open_questions"]
        ]
    out += [
        "",
        _("Sources: no state file; the treaties' sources are in their files.")
        if p.get("profile_missing")
        else _("Sources: {n} in the state file (see --format json).").format(n=len(p["sources"])),
    ]
    return "\n".join(out)
