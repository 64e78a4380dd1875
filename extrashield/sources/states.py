"""Requesting states: their treaties with Russia, their own law on fighting or recruiting for a foreign
army, known prosecutions, demands to Moscow, and the state file's note on the reported recruitment blacklist.

Format: docs/treaties-and-states.md (state files). Files are read when asked for, validated strictly, then
cached. Unknown stays unknown: a treaty list with an `unknown` marker says other treaties may exist;
`blacklist: null` says "not reported", never "not listed". Whether a state was on the reported blacklist on
a date is decided by `extrashield.sources.blacklist` (`Blacklist.check`), never here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extrashield.errors import LawDataError
from extrashield.sources.datafile import Source, iso_or_none
from extrashield.sources.research import (
    CERTAINTY,
    CONFIDENCE,
    DATA_DIR,
    ResearchCheck,
    ResearchQuestion,
    covers_day,
    parse_yaml,
)
from extrashield.sources.treaties import TREATY_DIR, treaty_ids

STATE_DIR = DATA_DIR / "states"
TARGETS = ("fighter", "recruiter", "both", "unknown")
WHO = ("fighter", "recruiter", "trafficker")


@dataclass(frozen=True)
class TreatyLink:
    """A treaty binding this state and Russia (`treaty` set), or the marker that others may exist."""

    treaty: str | None
    start: dt.date | None
    end: dt.date | None
    certainty: str | None
    why: str
    sources: tuple[Source, ...]

    @property
    def unknown_marker(self) -> bool:
        return self.treaty is None

    def covers(self, day: dt.date) -> bool | None:
        """Whether this treaty binds the state and Russia on `day` (None: the data does not say)."""
        return covers_day(self.start, self.end, day)

    def to_dict(self) -> dict[str, Any]:
        if self.treaty is None:
            return {"unknown": True, "why": self.why, "sources": [s.key for s in self.sources]}
        return {
            "id": self.treaty,
            "from": iso_or_none(self.start),
            "until": iso_or_none(self.end),
            "certainty": self.certainty,
            "why": self.why,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class StateProfile:
    code: str
    file: str
    name: dict[str, str]
    treaties: tuple[TreatyLink, ...]
    own_law: tuple[dict[str, Any], ...]
    prosecutions: tuple[dict[str, Any], ...]
    demands_to_moscow: tuple[dict[str, Any], ...]
    blacklist: dict[str, Any] | None
    notes: tuple[str, ...]
    sources: dict[str, Source]
    open_questions: tuple[ResearchQuestion, ...]

    def known_treaties(self) -> tuple[TreatyLink, ...]:
        return tuple(t for t in self.treaties if t.treaty is not None)

    def treaties_on(self, day: dt.date) -> list[tuple[TreatyLink, bool | None]]:
        """The known treaties that bind, or may bind, this state and Russia on `day` (with True/None)."""
        out: list[tuple[TreatyLink, bool | None]] = []
        for t in self.known_treaties():
            binds = t.covers(day)
            if binds is not False:
                out.append((t, binds))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "treaties": [t.to_dict() for t in self.treaties],
            "own_law": list(self.own_law),
            "prosecutions": list(self.prosecutions),
            "demands_to_moscow": list(self.demands_to_moscow),
            "blacklist": self.blacklist,
            "notes": list(self.notes),
            "sources": {k: s.to_dict() for k, s in self.sources.items()},
            "open_questions": [q.to_dict() for q in self.open_questions],
        }


@lru_cache(maxsize=4)
def state_codes(root: Path = STATE_DIR) -> tuple[str, ...]:
    """The codes of the states with a profile, from the file names alone."""
    return tuple(sorted(p.stem for p in root.glob("*.yaml")))


@lru_cache(maxsize=64)
def load_state(code: str, root: Path = STATE_DIR, treaty_root: Path = TREATY_DIR) -> StateProfile:
    """Read and validate one state file (cached). `code` is an ISO alpha-2 code."""
    code = code.upper()
    name = f"states/{code}.yaml"
    if code not in state_codes(root):
        raise LawDataError(name, "", f"no profile for this state (known: {', '.join(state_codes(root))})")
    return read_state(parse_yaml(root / f"{code}.yaml", name), name, code, treaty_ids(treaty_root))


def load_states(root: Path = STATE_DIR) -> dict[str, StateProfile]:
    return {code: load_state(code, root) for code in state_codes(root)}


def read_state(
    data: Any, name: str, expected_code: str | None, known_treaties: tuple[str, ...]
) -> StateProfile:
    c = ResearchCheck(name)
    m = c.mapping(
        data,
        "",
        (
            "code",
            "name",
            "treaties",
            "own_law",
            "prosecutions",
            "demands_to_moscow",
            "blacklist",
            "notes",
            "sources",
        ),
        ("open_questions",),
    )
    c.catalogue(m["sources"])
    code = c.country(m["code"], "code")
    if expected_code is not None and code != expected_code:
        raise c.fail("code", f"{code!r} does not match the file name ({expected_code}.yaml)")

    links = []
    if not isinstance(m["treaties"], list):
        raise c.fail("treaties", "expected a list")
    for i, t in enumerate(m["treaties"]):
        k = f"treaties[{i}]"
        if isinstance(t, dict) and "unknown" in t:
            tm = c.mapping(t, k, ("unknown", "why", "sources"))
            if tm["unknown"] is not True:
                raise c.fail(f"{k}.unknown", "the unknown marker must be `unknown: true`")
            links.append(
                TreatyLink(
                    None,
                    None,
                    None,
                    None,
                    str(c.text(tm["why"], f"{k}.why")),
                    c.refs(tm["sources"], f"{k}.sources"),
                )
            )
            continue
        tm = c.mapping(t, k, ("id", "from", "until", "certainty", "why"), ("sources",))
        tid = str(c.text(tm["id"], f"{k}.id"))
        if tid not in known_treaties:
            raise c.fail(f"{k}.id", f"no treaty file {tid}.yaml (known: {', '.join(known_treaties)})")
        start, end = c.period(tm, k)
        links.append(
            TreatyLink(
                tid,
                start,
                end,
                c.choice(tm["certainty"], f"{k}.certainty", CERTAINTY),
                str(c.text(tm["why"], f"{k}.why")),
                c.refs(tm.get("sources"), f"{k}.sources", required=False),
            )
        )

    own_law = []
    for i, o in enumerate(_items(c, m["own_law"], "own_law")):
        k = f"own_law[{i}]"
        om = c.mapping(o, k, ("article", "offence", "targets", "penalty", "confidence", "sources"))
        own_law.append(
            {
                "article": c.text(om["article"], f"{k}.article", nullable=True),
                "offence": c.text(om["offence"], f"{k}.offence"),
                "targets": c.choice(om["targets"], f"{k}.targets", TARGETS),
                "penalty": c.text(om["penalty"], f"{k}.penalty", nullable=True),
                "confidence": c.choice(om["confidence"], f"{k}.confidence", CONFIDENCE),
                "sources": [s.key for s in c.refs(om["sources"], f"{k}.sources")],
            }
        )

    prosecutions = []
    for i, p in enumerate(_items(c, m["prosecutions"], "prosecutions")):
        k = f"prosecutions[{i}]"
        pm = c.mapping(p, k, ("date", "summary", "who", "outcome", "sources"))
        prosecutions.append(
            {
                "date": iso_or_none(c.date(pm["date"], f"{k}.date")),
                "summary": c.text(pm["summary"], f"{k}.summary"),
                "who": c.choice(pm["who"], f"{k}.who", WHO),
                "outcome": c.text(pm["outcome"], f"{k}.outcome"),
                "sources": [s.key for s in c.refs(pm["sources"], f"{k}.sources")],
            }
        )

    demands = []
    for i, d in enumerate(_items(c, m["demands_to_moscow"], "demands_to_moscow")):
        k = f"demands_to_moscow[{i}]"
        dm = c.mapping(d, k, ("date", "summary", "sources"))
        demands.append(
            {
                "date": iso_or_none(c.date(dm["date"], f"{k}.date")),
                "summary": c.text(dm["summary"], f"{k}.summary"),
                "sources": [s.key for s in c.refs(dm["sources"], f"{k}.sources")],
            }
        )

    blacklist = None
    if m["blacklist"] is not None:
        k = "blacklist"
        bm = c.mapping(m[k], k, ("listed", "since", "since_why", "certainty", "why", "sources"))
        blacklist = {
            "listed": c.boolean(bm["listed"], f"{k}.listed"),
            "since": iso_or_none(c.date(bm["since"], f"{k}.since")),
            "since_why": c.text(bm["since_why"], f"{k}.since_why"),
            "certainty": c.choice(bm["certainty"], f"{k}.certainty", CERTAINTY),
            "why": c.text(bm["why"], f"{k}.why"),
            "sources": [s.key for s in c.refs(bm["sources"], f"{k}.sources")],
        }

    notes = _items(c, m["notes"], "notes")
    for i, n in enumerate(notes):
        c.text(n, f"notes[{i}]")

    return StateProfile(
        code=code,
        file=name,
        name=c.bilingual(m["name"], "name"),
        treaties=tuple(links),
        own_law=tuple(own_law),
        prosecutions=tuple(prosecutions),
        demands_to_moscow=tuple(demands),
        blacklist=blacklist,
        notes=tuple(notes),
        sources=dict(c.catalogued),
        open_questions=c.questions(m.get("open_questions") or []),
    )


def _items(c: ResearchCheck, value: Any, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise c.fail(key, "expected a list (empty: nothing found)")
    return value
