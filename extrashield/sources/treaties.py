"""Treaties that may bind Russia to a requesting state: loaded strictly, lazily, one file at a time.

Format: docs/treaties-and-states.md. A treaty file is read only when a case or a command names it (the
one-case `assess` must start fast), then cached. What the data does not know stays unknown: a treaty
whose refusal article was not read has `refusal_grounds == ()` and `point7_listed is None`, which never
means "lists no ground".
"""

from __future__ import annotations

import datetime as dt
import re
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

TREATY_DIR = DATA_DIR / "treaties"
TREATY_ID = re.compile(r"^[a-z0-9-]+$")
KINDS = ("multilateral", "bilateral")
PARTY_STATUS = ("party", "not_party", "unknown")
RESERVATION_KINDS = ("reservation", "declaration")


@dataclass(frozen=True)
class DatedPeriod:
    """A period with how sure its dates are, why, and the evidence."""

    start: dt.date | None
    end: dt.date | None
    certainty: str
    why: str
    sources: tuple[Source, ...]

    def covers(self, day: dt.date) -> bool | None:
        return covers_day(self.start, self.end, day)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": iso_or_none(self.start),
            "until": iso_or_none(self.end),
            "certainty": self.certainty,
            "why": self.why,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class Party:
    country: str
    start: dt.date | None
    end: dt.date | None
    status: str
    certainty: str
    why: str | None
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "from": iso_or_none(self.start),
            "until": iso_or_none(self.end),
            "status": self.status,
            "certainty": self.certainty,
            "why": self.why,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class Reservation:
    id: str
    article: str
    kind: str
    summary_en: str
    text_ru: str | None
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "kind": self.kind,
            "summary_en": self.summary_en,
            "text_ru": self.text_ru,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class Duty:
    """The treaty's article that obliges the parties to extradite."""

    article: str | None
    summary_en: str
    text: dict[str, str] | None
    confidence: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "summary_en": self.summary_en,
            "text": self.text,
            "confidence": self.confidence,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class RefusalGround:
    id: str
    article: str | None
    mandatory: bool
    summary_en: str
    text_ru: str | None
    quote_other: dict[str, str] | None
    covers: str | None
    confidence: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "mandatory": self.mandatory,
            "summary_en": self.summary_en,
            "text_ru": self.text_ru,
            "quote_other": self.quote_other,
            "covers": self.covers,
            "confidence": self.confidence,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class Clause:
    """A death-penalty, specialty or sovereignty clause."""

    article: str | None
    summary: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "summary": self.summary, "sources": [s.key for s in self.sources]}


@dataclass(frozen=True)
class Point7Ground:
    listed: bool | None
    confidence: str
    why: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "listed": self.listed,
            "confidence": self.confidence,
            "why": self.why,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class PriorityRule:
    provisions: tuple[str, ...]
    summary: str
    text_ru: str | None
    confidence: str
    why: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "provisions": list(self.provisions),
            "summary": self.summary,
            "text_ru": self.text_ru,
            "confidence": self.confidence,
            "why": self.why,
            "sources": [s.key for s in self.sources],
        }


@dataclass(frozen=True)
class Treaty:
    id: str
    file: str
    title: dict[str, str]
    kind: str
    signed: dt.date | None
    in_force_for_russia: DatedPeriod
    reservations: tuple[Reservation, ...]
    parties: tuple[Party, ...]
    obliges_extradition: Duty | None
    refusal_grounds: tuple[RefusalGround, ...]
    point7_ground: Point7Ground
    death_penalty_clause: Clause | None
    specialty_clause: Clause | None
    sovereignty_clause: Clause | None
    priority_rule: PriorityRule
    sources: dict[str, Source]
    open_questions: tuple[ResearchQuestion, ...]

    def party(self, country: str) -> Party | None:
        return next((p for p in self.parties if p.country == country), None)

    def grounds_for(self, ground_id: str) -> tuple[RefusalGround, ...]:
        """The treaty's refusal grounds that correspond to an extrashield ground."""
        return tuple(g for g in self.refusal_grounds if g.covers == ground_id)

    def lists(self, ground_id: str) -> bool | None:
        """Whether the treaty lists a ground matching `ground_id`: True, False, or None (not known).

        Point 7 has its own record (`point7_ground`). For the others, a matching refusal ground is a yes
        (whether its condition is the Code's is another matter: `rules/treaty_grounds.py`). No match is a
        no only where the refusal catalogue is known: the point 7 record says whether it is (`listed` is
        true or false only where the refusal grounds were read or recalled, null where they were not), since
        a few grounds read from a treaty's other articles are not its catalogue.
        """
        if ground_id == "ru.upk.464.1.7":
            return self.point7_ground.listed
        if self.grounds_for(ground_id):
            return True
        # The specialty and onward-extradition guarantees of Art. 462(3)(3) are given by the treaty itself
        # when it has a specialty clause: the requesting state is bound by it without a separate promise.
        # It is no refusal ground, so the catalogue does not tell: without a clause found, not known.
        if ground_id == "ru.upk.462.3.3":
            return True if self.specialty_clause is not None else None
        return False if self.point7_ground.listed is not None else None

    def citation(self) -> str:
        return self.title["en"]

    def to_dict(self) -> dict[str, Any]:
        def opt(x: Any) -> Any:
            return None if x is None else x.to_dict()

        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "signed": iso_or_none(self.signed),
            "in_force_for_russia": self.in_force_for_russia.to_dict(),
            "reservations": [r.to_dict() for r in self.reservations],
            "parties": [p.to_dict() for p in self.parties],
            "obliges_extradition": opt(self.obliges_extradition),
            "refusal_grounds": [g.to_dict() for g in self.refusal_grounds],
            "point7_ground": self.point7_ground.to_dict(),
            "death_penalty_clause": opt(self.death_penalty_clause),
            "specialty_clause": opt(self.specialty_clause),
            "sovereignty_clause": opt(self.sovereignty_clause),
            "priority_rule": self.priority_rule.to_dict(),
            "sources": {k: s.to_dict() for k, s in self.sources.items()},
            "open_questions": [q.to_dict() for q in self.open_questions],
        }


# --- loading ------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def treaty_ids(root: Path = TREATY_DIR) -> tuple[str, ...]:
    """The ids of the bundled treaties, from the file names alone (no YAML is parsed)."""
    return tuple(sorted(p.stem for p in root.glob("*.yaml")))


@lru_cache(maxsize=64)
def load_treaty(treaty_id: str, root: Path = TREATY_DIR) -> Treaty:
    """Read and validate one treaty file (cached)."""
    if treaty_id not in treaty_ids(root):
        raise LawDataError(
            f"treaties/{treaty_id}.yaml", "", f"no such treaty (known: {', '.join(treaty_ids(root))})"
        )
    name = f"treaties/{treaty_id}.yaml"
    return read_treaty(parse_yaml(root / f"{treaty_id}.yaml", name), name, treaty_id)


def load_treaties(root: Path = TREATY_DIR) -> dict[str, Treaty]:
    """Every treaty file, validated."""
    return {tid: load_treaty(tid, root) for tid in treaty_ids(root)}


@lru_cache(maxsize=1)
def ground_ids() -> frozenset[str]:
    """The grounds (docs/contract.md §4) a treaty refusal ground may correspond to: the provisions the rules
    cite, asked of them rather than listed again here, so a ground added to the rules may be covered at once."""
    from extrashield.rules import GROUNDS  # the rules sit above the sourced data: asked when a treaty is read

    return frozenset(g.provision for g in GROUNDS)


def read_treaty(data: Any, name: str, expected_id: str | None = None) -> Treaty:
    """Validate one parsed treaty file; `expected_id` is the id its file name gives."""
    c = ResearchCheck(name)
    m = c.mapping(
        data,
        "",
        (
            "id",
            "title",
            "kind",
            "signed",
            "in_force_for_russia",
            "parties",
            "obliges_extradition",
            "refusal_grounds",
            "point7_ground",
            "death_penalty_clause",
            "specialty_clause",
            "sovereignty_clause",
            "priority_rule",
            "sources",
            "open_questions",
        ),
        ("reservations",),
    )
    c.catalogue(m["sources"])
    tid = str(c.text(m["id"], "id"))
    if not TREATY_ID.match(tid):
        raise c.fail("id", f"expected a slug [a-z0-9-]+, got {tid!r}")
    if expected_id is not None and tid != expected_id:
        raise c.fail("id", f"{tid!r} does not match the file name ({expected_id}.yaml)")

    f = c.mapping(
        m["in_force_for_russia"], "in_force_for_russia", ("from", "until", "certainty", "why", "sources")
    )
    start, end = c.period(f, "in_force_for_russia")
    in_force = DatedPeriod(
        start,
        end,
        c.choice(f["certainty"], "in_force_for_russia.certainty", CERTAINTY),
        str(c.text(f["why"], "in_force_for_russia.why")),
        c.refs(f["sources"], "in_force_for_russia.sources"),
    )

    reservations = []
    for i, r in enumerate(_list(c, m.get("reservations") or [], "reservations")):
        k = f"reservations[{i}]"
        rm = c.mapping(r, k, ("id", "article", "kind", "summary_en", "sources"), ("text_ru",))
        reservations.append(
            Reservation(
                str(c.text(rm["id"], f"{k}.id")),
                str(c.text(rm["article"], f"{k}.article")),
                c.choice(rm["kind"], f"{k}.kind", RESERVATION_KINDS),
                str(c.text(rm["summary_en"], f"{k}.summary_en")),
                c.text(rm.get("text_ru"), f"{k}.text_ru", nullable=True),
                c.refs(rm["sources"], f"{k}.sources"),
            )
        )

    parties = []
    seen: set[str] = set()
    for i, p in enumerate(_list(c, m["parties"], "parties")):
        k = f"parties[{i}]"
        pm = c.mapping(p, k, ("country", "from", "until", "status", "certainty", "sources"), ("why",))
        country = c.country(pm["country"], f"{k}.country")
        if country in seen:
            raise c.fail(f"{k}.country", f"{country} is listed twice")
        seen.add(country)
        ps, pe = c.period(pm, k)
        parties.append(
            Party(
                country,
                ps,
                pe,
                c.choice(pm["status"], f"{k}.status", PARTY_STATUS),
                c.choice(pm["certainty"], f"{k}.certainty", CERTAINTY),
                c.text(pm.get("why"), f"{k}.why", nullable=True),
                c.refs(pm["sources"], f"{k}.sources"),
            )
        )

    duty = None
    if m["obliges_extradition"] is not None:
        k = "obliges_extradition"
        dm = c.mapping(m[k], k, ("article", "summary_en", "text", "confidence", "sources"))
        text = None
        if dm["text"] is not None:
            tm = c.mapping(dm["text"], f"{k}.text", (), ("ru", "en"))
            text = {lang: str(c.text(v, f"{k}.text.{lang}")) for lang, v in tm.items()}
        duty = Duty(
            c.text(dm["article"], f"{k}.article", nullable=True),
            str(c.text(dm["summary_en"], f"{k}.summary_en")),
            text,
            c.choice(dm["confidence"], f"{k}.confidence", CONFIDENCE),
            c.refs(dm["sources"], f"{k}.sources"),
        )

    grounds = []
    gseen: set[str] = set()
    for i, g in enumerate(_list(c, m["refusal_grounds"], "refusal_grounds")):
        k = f"refusal_grounds[{i}]"
        gm = c.mapping(
            g,
            k,
            ("id", "article", "mandatory", "summary_en", "covers", "confidence", "sources"),
            ("text_ru", "quote_other"),
        )
        gid = str(c.text(gm["id"], f"{k}.id"))
        if gid in gseen:
            raise c.fail(f"{k}.id", f"{gid!r} is used twice in this file")
        gseen.add(gid)
        covers = gm["covers"]
        if covers is not None and covers not in ground_ids():
            raise c.fail(
                f"{k}.covers", f"expected null or a ground id of docs/contract.md §4, got {covers!r}"
            )
        quote = None
        if gm.get("quote_other") is not None:
            qm = gm["quote_other"]
            if (
                not isinstance(qm, dict)
                or not qm
                or not all(
                    isinstance(v, str) and re.fullmatch(r"[a-z]{2}", str(lang)) for lang, v in qm.items()
                )
            ):
                raise c.fail(f"{k}.quote_other", "expected a mapping from ISO 639-1 codes to quoted text")
            quote = {str(lang): v for lang, v in qm.items()}
        grounds.append(
            RefusalGround(
                gid,
                c.text(gm["article"], f"{k}.article", nullable=True),
                bool(c.boolean(gm["mandatory"], f"{k}.mandatory")),
                str(c.text(gm["summary_en"], f"{k}.summary_en")),
                c.text(gm.get("text_ru"), f"{k}.text_ru", nullable=True),
                quote,
                covers,
                c.choice(gm["confidence"], f"{k}.confidence", CONFIDENCE),
                c.refs(gm["sources"], f"{k}.sources"),
            )
        )

    k = "point7_ground"
    p7 = c.mapping(m[k], k, ("listed", "confidence", "why", "sources"))
    point7 = Point7Ground(
        c.boolean(p7["listed"], f"{k}.listed", nullable=True),
        c.choice(p7["confidence"], f"{k}.confidence", CONFIDENCE),
        str(c.text(p7["why"], f"{k}.why")),
        c.refs(p7["sources"], f"{k}.sources"),
    )

    k = "priority_rule"
    pr = c.mapping(m[k], k, ("provisions", "summary", "confidence", "why", "sources"), ("text_ru",))
    provs = pr["provisions"]
    if not isinstance(provs, list) or not provs or not all(isinstance(x, str) and x.strip() for x in provs):
        raise c.fail(f"{k}.provisions", "expected a non-empty list of provision names")
    priority = PriorityRule(
        tuple(provs),
        str(c.text(pr["summary"], f"{k}.summary")),
        c.text(pr.get("text_ru"), f"{k}.text_ru", nullable=True),
        c.choice(pr["confidence"], f"{k}.confidence", CONFIDENCE),
        str(c.text(pr["why"], f"{k}.why")),
        c.refs(pr["sources"], f"{k}.sources"),
    )

    return Treaty(
        id=tid,
        file=name,
        title=c.bilingual(m["title"], "title"),
        kind=c.choice(m["kind"], "kind", KINDS),
        signed=c.date(m["signed"], "signed"),
        in_force_for_russia=in_force,
        reservations=tuple(reservations),
        parties=tuple(parties),
        obliges_extradition=duty,
        refusal_grounds=tuple(grounds),
        point7_ground=point7,
        death_penalty_clause=_clause(c, m["death_penalty_clause"], "death_penalty_clause"),
        specialty_clause=_clause(c, m["specialty_clause"], "specialty_clause"),
        sovereignty_clause=_clause(c, m["sovereignty_clause"], "sovereignty_clause"),
        priority_rule=priority,
        sources=dict(c.catalogued),
        open_questions=c.questions(m["open_questions"]),
    )


def _list(c: ResearchCheck, value: Any, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise c.fail(key, "expected a list")
    return value


def _clause(c: ResearchCheck, value: Any, key: str) -> Clause | None:
    if value is None:
        return None
    cm = c.mapping(value, key, ("article", "summary", "sources"))
    return Clause(
        c.text(cm["article"], f"{key}.article", nullable=True),
        str(c.text(cm["summary"], f"{key}.summary")),
        c.refs(cm["sources"], f"{key}.sources"),
    )
