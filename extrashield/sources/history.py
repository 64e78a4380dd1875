"""Legislative history of a bill (docs/data-formats.md §1): stages with dates, certainty and sources,
and the companion bills, some of whose dates are unknown.

Loaded strictly: an unknown or missing key, a bad date, a certainty that does not fit its date, a
source key that is not defined, stages out of date order: each is a `LawDataError` naming the file and
the key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extrashield.errors import LawDataError
from extrashield.i18n import DEFAULT, N_, _, pgettext, using
from extrashield.i18n.conventions import text_day
from extrashield.sources.datafile import Source
from extrashield.sources.lawbook import CERTAINTY, LAW_DIR, Text, _FileCheck, _read_sources

HISTORY_DIR = LAW_DIR / "history"
STAGES = (
    "government_commission",
    "introduced",
    "committee",
    "first_reading",
    "second_reading",
    "third_reading",
    "federation_council",
    "signed",
    "published",
    "in_force",
)
ADOPTED_STAGES = ("signed", "published", "in_force")  # a bill that reached one of these is a law
# A companion bill's status in words (`status_note`)
_LATEST = N_("the latest stage found is the {stage} on {day}")
_NO_DATED_STAGE = N_("no dated stage")
_ADOPTED = N_("adopted: {latest}")
_NOT_ADOPTED = N_("a bill, not law: {latest}; adoption not confirmed")


def stage_name(stage: str) -> str:
    """A stage of a bill's way in words (nominative), as `status_note` and `law history` name it."""
    names = {
        "government_commission": pgettext("a bill's latest stage", "government commission"),
        "introduced": pgettext("a bill's latest stage", "introduced"),
        "committee": pgettext("a bill's latest stage", "committee"),
        "first_reading": pgettext("a bill's latest stage", "first reading"),
        "second_reading": pgettext("a bill's latest stage", "second reading"),
        "third_reading": pgettext("a bill's latest stage", "third reading"),
        "federation_council": pgettext("a bill's latest stage", "federation council"),
        "signed": pgettext("a bill's latest stage", "signed"),
        "published": pgettext("a bill's latest stage", "published"),
        "in_force": pgettext("a bill's latest stage", "in force"),
    }
    return names.get(stage, stage.replace("_", " "))


# A date not read in a source says how it was reached (a stage's description says what was reported).
REASONED = ("inferred", "assumed", "recalled")


@dataclass(frozen=True)
class Stage:
    stage: str
    date: dt.date | None
    certainty: str | None
    why: str | None
    uncertain: str | None
    description: Text
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "date": self.date.isoformat() if self.date else None,
            "certainty": self.certainty,
            "why": self.why,
            "uncertain": self.uncertain,
            "description": {"ru": self.description.ru, "en": self.description.en},
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Companion:
    bill: str | None
    bill_note: str | None
    title: Text
    title_note: str | None
    subject: Text
    stages: tuple[Stage, ...]

    @property
    def uncertain(self) -> bool:
        return any(s.date is None for s in self.stages) or self.bill is None

    @property
    def adopted(self) -> bool:
        """Whether a dated stage shows the bill became law (signed, published or in force)."""
        return any(s.date is not None and s.stage in ADOPTED_STAGES for s in self.stages)

    @property
    def status(self) -> str:
        return "adopted" if self.adopted else "bill_not_adopted"

    @property
    def status_note(self) -> str:
        """In words, in English (the data): "a bill, not law: the latest stage found is the first reading on
        2026-01-21; …"."""
        with using(DEFAULT):
            return self.status_words()

    def status_words(self) -> str:
        """`status_note` in the current language, its day as the language writes it in a sentence."""
        dated = [s for s in self.stages if s.date is not None]
        latest = (
            _(_LATEST).format(stage=stage_name(dated[-1].stage), day=text_day(str(dated[-1].date)))
            if dated
            else _(_NO_DATED_STAGE)
        )
        return _(_ADOPTED if self.adopted else _NOT_ADOPTED).format(latest=latest)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bill": self.bill,
            "status": self.status,
            "status_note": self.status_note,
            "bill_note": self.bill_note,
            "title": {"ru": self.title.ru, "en": self.title.en},
            "title_note": self.title_note,
            "subject": {"ru": self.subject.ru, "en": self.subject.en},
            "has_uncertain_dates": self.uncertain,
            "stages": [s.to_dict() for s in self.stages],
        }


@dataclass(frozen=True)
class HistoryQuestion:
    id: str
    question: str
    why: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "why": self.why,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class BillHistory:
    file: str
    bill: str
    title: Text
    law_number: str
    law_date: dt.date
    law_title: Text
    in_force: dt.date | None
    in_force_certainty: str
    in_force_why: str | None
    stages: tuple[Stage, ...]
    companions: tuple[Companion, ...]
    open_questions: tuple[HistoryQuestion, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "bill": self.bill,
            "title": {"ru": self.title.ru, "en": self.title.en},
            "law": {
                "number": self.law_number,
                "date": self.law_date.isoformat(),
                "title": {"ru": self.law_title.ru, "en": self.law_title.en},
                "in_force": self.in_force.isoformat() if self.in_force else None,
                "in_force_certainty": self.in_force_certainty,
                "in_force_why": self.in_force_why,
            },
            "stages": [s.to_dict() for s in self.stages],
            "companions": [c.to_dict() for c in self.companions],
            "open_questions": [q.to_dict() for q in self.open_questions],
            "file": self.file,
        }


def _optional_text(chk: _FileCheck, m: Mapping[str, Any], name: str, key: str) -> str | None:
    return None if m.get(name) is None else chk.text(m[name], f"{key}.{name}")


def _stage(chk: _FileCheck, value: Any, key: str, cat: Mapping[str, Source], *, companion: bool) -> Stage:
    m = chk.mapping(
        value, key, ("stage", "date", "certainty", "why", "description", "sources"), ("uncertain",)
    )
    stage = str(chk.choice(m["stage"], f"{key}.stage", STAGES))
    day = chk.date(m["date"], f"{key}.date", nullable=companion)
    if day is None:
        if m["certainty"] is not None:
            raise chk.fail(f"{key}.certainty", "must be null when the date is null")
        if not m.get("uncertain"):
            raise chk.fail(f"{key}.uncertain", "an unknown date must say why (uncertain: ...)")
        certainty = None
    else:
        certainty = chk.choice(m["certainty"], f"{key}.certainty", CERTAINTY)
        if m.get("uncertain") is not None:
            raise chk.fail(f"{key}.uncertain", "only allowed when the date is null")
    if certainty in REASONED:
        why = chk.text(m["why"], f"{key}.why")
    elif m["why"] is not None:
        raise chk.fail(f"{key}.why", f"must be null unless the certainty is {', '.join(REASONED)}")
    else:
        why = None
    return Stage(
        stage=stage,
        date=day,
        certainty=certainty,
        why=why,
        uncertain=_optional_text(chk, m, "uncertain", key),
        description=chk.bilingual(m["description"], f"{key}.description"),
        sources=chk.source_refs(m["sources"], f"{key}.sources", cat),
    )


def _stages(
    chk: _FileCheck, value: Any, key: str, cat: Mapping[str, Source], *, companion: bool
) -> tuple[Stage, ...]:
    if not isinstance(value, list) or not value:
        raise chk.fail(key, "expected a non-empty list of stages")
    out = tuple(_stage(chk, s, f"{key}[{i}]", cat, companion=companion) for i, s in enumerate(value))
    last: dt.date | None = None
    for i, s in enumerate(out):
        if s.date is not None:
            if last is not None and s.date < last:
                raise chk.fail(
                    f"{key}[{i}].date",
                    f"{s.date} is before the previous stage ({last}); stages go in date order",
                )
            last = s.date
    return out


def read_history(data: Any, name: str) -> BillHistory:
    """Validate one bill-history mapping (already parsed from YAML)."""
    chk = _FileCheck(name)
    m = chk.mapping(data, "", ("bill", "title", "law", "sources", "stages", "companions", "open_questions"))
    cat = _read_sources(chk, m["sources"])
    law = chk.mapping(
        m["law"], "law", ("number", "date", "title", "in_force", "in_force_certainty", "in_force_why")
    )
    in_force_certainty = str(chk.choice(law["in_force_certainty"], "law.in_force_certainty", CERTAINTY))
    if in_force_certainty in REASONED:
        in_force_why: str | None = chk.text(law["in_force_why"], "law.in_force_why")
    else:
        in_force_why = _optional_text(chk, law, "in_force_why", "law")
    if not isinstance(m["bill"], str) or not m["bill"].strip():
        raise chk.fail("bill", 'expected the bill number as a string, e.g. "1075342-8"')
    companions = []
    if not isinstance(m["companions"], list):
        raise chk.fail("companions", "expected a list (may be empty)")
    for i, c in enumerate(m["companions"]):
        key = f"companions[{i}]"
        cm = chk.mapping(c, key, ("bill", "title", "subject", "stages"), ("bill_note", "title_note"))
        bill = cm["bill"]
        if bill is None and not cm.get("bill_note"):
            raise chk.fail(f"{key}.bill_note", "required when the bill number is null")
        if bill is not None and not isinstance(bill, str):
            raise chk.fail(f"{key}.bill", "expected a string or null")
        companions.append(
            Companion(
                bill=bill,
                bill_note=_optional_text(chk, cm, "bill_note", key),
                title=chk.bilingual(cm["title"], f"{key}.title"),
                title_note=_optional_text(chk, cm, "title_note", key),
                subject=chk.bilingual(cm["subject"], f"{key}.subject"),
                stages=_stages(chk, cm["stages"], f"{key}.stages", cat, companion=True),
            )
        )
    questions = []
    if not isinstance(m["open_questions"], list):
        raise chk.fail("open_questions", "expected a list")
    seen: set[str] = set()
    for i, q in enumerate(m["open_questions"]):
        key = f"open_questions[{i}]"
        qm = chk.mapping(q, key, ("id", "question", "why", "sources"))
        qid = chk.text(qm["id"], f"{key}.id")
        if qid in seen:
            raise chk.fail(f"{key}.id", f"{qid!r} is used twice")
        seen.add(qid)
        questions.append(
            HistoryQuestion(
                qid,
                chk.text(qm["question"], f"{key}.question"),
                chk.text(qm["why"], f"{key}.why"),
                chk.source_refs(qm["sources"], f"{key}.sources", cat),
            )
        )
    law_date = chk.date(law["date"], "law.date", nullable=False)
    assert law_date is not None
    return BillHistory(
        file=name,
        bill=m["bill"],
        title=chk.bilingual(m["title"], "title"),
        law_number=chk.text(law["number"], "law.number"),
        law_date=law_date,
        law_title=chk.bilingual(law["title"], "law.title"),
        in_force=chk.date(law["in_force"], "law.in_force"),
        in_force_certainty=in_force_certainty,
        in_force_why=in_force_why,
        stages=_stages(chk, m["stages"], "stages", cat, companion=False),
        companions=tuple(companions),
        open_questions=tuple(questions),
    )


def load_history(path: Path | str) -> BillHistory:
    import yaml

    p = Path(path)
    name = f"history/{p.name}" if p.parent == HISTORY_DIR else str(p)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LawDataError(name, "", "no such file") from None
    except yaml.YAMLError as exc:
        raise LawDataError(name, "", f"not valid YAML: {exc}") from None
    return read_history(data, name)


def bill_history(bill: str = "1075342-8") -> BillHistory:
    """The bundled history of a bill, by its Duma number."""
    return load_history(HISTORY_DIR / f"bill-{bill}.yaml")


def available_bills() -> list[str]:
    return sorted(p.stem.removeprefix("bill-") for p in HISTORY_DIR.glob("bill-*.yaml"))
