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
from typing import Any

from extrashield.sources.blacklist import BlacklistAnswer, default_blacklist
from extrashield.sources.research import covers_day
from extrashield.sources.states import StateProfile, load_state, state_codes
from extrashield.sources.treaties import Treaty, load_treaty, treaty_ids

_BINDS = {
    True: "binds on this date",
    False: "does not bind on this date",
    None: "binding on this date not established",
}


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
            "why": f"From the treaty file's list of parties ({party.status}): {party.why or 'no reason recorded'}",
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
    missing = (
        f"No profile for {code}: its treaties with Russia, own law on fighting or recruiting for a foreign "
        "army, prosecutions and demands to Moscow were not researched. What is shown comes from the "
        "treaty files that list it as a party and from the reported blacklist; an empty list here means "
        "unknown, not none."
    )
    brief = _brief(treaties, True, bl)
    if not brief["treaties"]:  # "no treaty known" would overstate a search that was never made
        brief["legal_basis"] = (
            "not researched (no treaty file lists this state; without a treaty, reciprocity)"
        )
        brief["point7_collision"] = (
            f"Not known: no treaty file lists {code}, and its treaties with Russia were not "
            "researched. If extradition rests on reciprocity (CPC Art. 462(1)), Russia owes no "
            "duty and a refusal under point 7 (Art. 464(1)(7) CPC) collides with nothing."
        )
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
                "question": f"Which treaty binds {code} and Russia, does {code} punish fighting or recruiting for a foreign army, "
                "has it prosecuted anyone, and has it asked Moscow to stop recruiting its citizens?",
                "why": f"There is no state file for {code}; only the treaty files and the reported blacklist were consulted.",
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


def blacklist_words(b: dict[str, Any]) -> str:
    """Short words for a brief's blacklist answer: yes/no/unknown, then what the answer used."""
    first = b["blacklist_first_named"]
    if b["blacklist_on_date"] == "yes":
        words = f"yes ({b['blacklist_version']})"
    elif b["blacklist_on_date"] == "no" and first:
        words = f"no (named from {first['reported_from']})"
    else:
        words = b["blacklist_on_date"]
    return words + ("*" if b["blacklist_open_questions"] else "")


def _collision_line(binding: list[dict[str, Any]]) -> str:
    if not binding:
        return (
            "No treaty duty to extradite is known: on reciprocity (CPC Art. 462(1)) Russia owes no duty, so a refusal "
            "under point 7 (Art. 464(1)(7) CPC) collides with nothing."
        )
    parts = []
    for t in binding:
        art = (t["obliges_extradition"] or {}).get("article")
        duty = (
            f"Art. {art} obliges extradition"
            if art
            else "the article obliging extradition was not identified"
        )
        listed = {
            False: "does not list a point-7 ground: a refusal under point 7 collides with the treaty duty",
            True: "lists such a ground",
            None: "is not known to list such a ground (text not read)",
        }[t["point7_listed"]]
        parts.append(f"{t['id']}: {duty}; it {listed}")
    return "; ".join(parts) + ". Treaties prevail over the Code (CPC Art. 1(3), Constitution Art. 15(4))."


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
    out = [f"{'code':4} {'state':14} {'legal basis':48} {'blacklist on date':27} treaties"]
    for r in rows:
        treaties = ", ".join(t["id"] for t in r["treaties"]) or "-"
        out.append(
            f"{r['code']:4} {r['name']['en'][:14]:14} {r['legal_basis'][:48]:48} {blacklist_words(r):27} {treaties}"
        )
    out.append("")
    out.append(
        "The blacklist is a media report of an informal instruction, not law: yes, no or unknown on the date, as "
        "`extrashield blacklist CODE --date D` answers (unknown: not named, but the list has unnamed entries, or "
        "reported apart by a single outlet)."
    )
    if any(r["blacklist_open_questions"] for r in rows):
        out.append(
            "* the answer rests on an open question of the report (see `extrashield blacklist CODE --date D`)."
        )
    return "\n".join(out)


def profile_report(p: dict[str, Any]) -> str:
    b = p["brief"]
    if p["name"] is None:  # no profile file (`missing_profile`)
        out = [
            f"{p['code']} · NO PROFILE · as of {p['as_of']}",
            _w(p["notes"][0], ""),
            "",
            "FOR A REQUEST TO RUSSIA",
        ]
    else:
        out = [
            f"{p['name']['en']} ({p['code']}) · {p['name']['ru']} · as of {p['as_of']}",
            "",
            "FOR A REQUEST TO RUSSIA",
        ]
    out.append(
        _w(
            f"Legal basis: {b['legal_basis']}."
            + (
                " Other treaties may exist (not found is not proof of absence)."
                if b["other_treaties_may_exist"]
                else ""
            )
        )
    )
    for t in p["treaties"]:
        duty = t["obliges_extradition"]
        out.append(
            _w(
                f"- {t['title']} [{t['id']}]: {_BINDS[t['binds_on_date']]} "
                f"({t['between_state_and_russia'].get('certainty')}: {t['between_state_and_russia'].get('why')})",
                "  ",
            )
        )
        if t["binds_on_date"] is False:
            continue
        if duty:
            out.append(
                _w(
                    f"duty to extradite: Art. {duty['article']} ({duty['confidence']}): {duty['summary_en']}",
                    "    ",
                )
            )
        for label, key in (
            ("death penalty", "death_penalty_clause"),
            ("specialty", "specialty_clause"),
            ("sovereignty", "sovereignty_clause"),
        ):
            if t[key]:
                out.append(_w(f"{label}: Art. {t[key]['article']}: {t[key]['summary']}", "    "))
        if t["refusal_grounds"]:
            out.append("    refusal grounds it lists:")
            for g in t["refusal_grounds"]:
                kind = "shall refuse" if g["mandatory"] else "may refuse / condition"
                out.append(
                    _w(
                        f"Art. {g['article'] or '?'} ({kind}, {g['confidence']}): {g['summary_en']}"
                        + (f" ~ {g['covers']}" if g["covers"] else ""),
                        "      ",
                    )
                )
        else:
            out.append("    refusal grounds: none read (not: none exist)")
    out.append(_w("Point 7: " + b["point7_collision"]))
    bl = p["blacklist"]["on_date"]
    out.append(
        _w(
            f"Blacklist (media report, not law) on {p['as_of']}: {bl['on_reported_list'].upper()} - {bl['why']}"
            + (
                f"; first named in list {bl['first_named']['version']}, reported from {bl['first_named']['reported_from']}"
                if bl["first_named"] and not bl["version"]
                else ""
            )
            + "."
        )
    )
    if bl["separate_entry"]:
        e = bl["separate_entry"]
        out.append(_w(f"reported apart ({e['certainty']}): {e['reported_from_note']} {e['note']}", "    "))
    out += [_w(f"open question [{q['id']}]: {q['question']}", "    ") for q in bl["open_questions"]]
    out += ["", f"RUSSIAN GROUNDS OF REFUSAL IN FORCE ON {p['as_of']} (any request is checked against these)"]
    for g in p["russian_grounds_in_force"]:
        word = "bars" if g["effect"] == "bars" else "allows refusal"
        out.append(_w(f"- {g['citation']} [{g['provision']}] ({word}): {g['title']}"))
    out += ["", "ITS OWN LAW ON FIGHTING OR RECRUITING FOR A FOREIGN ARMY"]
    empty = "  not researched (unknown)" if p.get("profile_missing") else "  none found"
    out += [
        _w(
            f"- {o['article'] or '(article not identified)'}: {o['offence']} — targets {o['targets']}; "
            f"penalty {o['penalty'] or 'not sourced'} [{o['confidence']}]"
        )
        for o in p["own_law"]
    ] or [empty]
    out += ["", "PROSECUTIONS"]
    out += [
        _w(f"- {x['date'] or 'date not exact'}: {x['summary']} ({x['who']}; {x['outcome']})")
        for x in p["prosecutions"]
    ] or [empty]
    out += ["", "DEMANDS TO MOSCOW"]
    out += [_w(f"- {x['date'] or 'date not exact'}: {x['summary']}") for x in p["demands_to_moscow"]] or [
        empty
    ]
    if p["notes"]:
        out += ["", "NOTES"] + [_w(f"- {n}") for n in p["notes"]]
    if p["open_questions"]:
        out += ["", "OPEN QUESTIONS"] + [_w(f"? {q['question']} ({q['why']})") for q in p["open_questions"]]
    out += [
        "",
        "Sources: no state file; the treaties' sources are in their files."
        if p.get("profile_missing")
        else f"Sources: {len(p['sources'])} in the state file (see --format json).",
    ]
    return "\n".join(out)
