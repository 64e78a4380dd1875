"""Strict reading of the research data files (treaties, requesting states): the shared checks.

The formats are in docs/treaties-and-states.md. These files are research, not law: they decide nothing
by themselves, but every value in them must name its source, so that an answer quoting them can show
where each claim comes from and how sure it is. Every complaint names the file and the key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .countries import CODES
from .dates import parse_iso
from .errors import LawDataError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CONFIDENCE = ("V", "V-partial", "M", "I", "S")
CERTAINTY = ("official", "reported", "inferred", "unknown")
_SOURCE_KEY = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Source:
    key: str
    url: str | None
    publisher: str
    date: dt.date | None
    confidence: str
    supports: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "url": self.url,
            "publisher": self.publisher,
            "date": self.date.isoformat() if self.date else None,
            "confidence": self.confidence,
            "supports": self.supports,
        }


@dataclass(frozen=True)
class ResearchQuestion:
    """An open question recorded in a research file: never silently decided."""

    id: str
    question: str
    why: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "why": self.why, "sources": [s.key for s in self.sources]}


class Check:
    """Strict reading of one file; every complaint names the file and the key."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.sources: dict[str, Source] = {}

    def fail(self, key: str, problem: str) -> LawDataError:
        return LawDataError(self.file, key, problem)

    def mapping(self, value: Any, key: str, required: Iterable[str], optional: Iterable[str] = ()) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key or "(top level)", "expected a mapping")
        req, opt = set(required), set(optional)
        for k in value:
            if k not in req | opt:
                raise self.fail(_join(key, k), f"unknown key (allowed: {', '.join(sorted(req | opt))})")
        for k in sorted(req):
            if k not in value:
                raise self.fail(_join(key, k), "missing")
        return value

    def text(self, value: Any, key: str, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected non-empty text")
        return value

    def bilingual(self, value: Any, key: str) -> dict[str, str]:
        m = self.mapping(value, key, ("ru", "en"))
        return {"ru": str(self.text(m["ru"], f"{key}.ru")), "en": str(self.text(m["en"], f"{key}.en"))}

    def date(self, value: Any, key: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_iso(value)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def period(self, m: Mapping[str, Any], key: str) -> tuple[dt.date | None, dt.date | None]:
        start, end = self.date(m.get("from"), f"{key}.from"), self.date(m.get("until"), f"{key}.until")
        if start is not None and end is not None and end < start:
            raise self.fail(f"{key}.until", f"{end} is before from ({start})")
        return start, end

    def choice(self, value: Any, key: str, allowed: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    def boolean(self, value: Any, key: str, *, nullable: bool = False) -> bool | None:
        if value is None and nullable:
            return None
        if value is not True and value is not False:
            raise self.fail(key, f"expected true or false{' or null' if nullable else ''}, got {value!r}")
        return value

    def country(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or value not in CODES:
            raise self.fail(key, f"expected an upper-case ISO 3166-1 alpha-2 code, got {value!r}")
        return value

    def catalogue(self, value: Any) -> dict[str, Source]:
        """The file's `sources` catalogue; read first, so that every other value can cite it."""
        if not isinstance(value, Mapping) or not value:
            raise self.fail("sources", "expected a non-empty mapping of source keys")
        for key, s in value.items():
            where = f"sources.{key}"
            if not isinstance(key, str) or not _SOURCE_KEY.match(key):
                raise self.fail(where, "a source key must match [a-z0-9_]+")
            m = self.mapping(s, where, ("url", "publisher", "date", "confidence", "supports"))
            url = m["url"]
            # null only for a publication named without an address, or the recollection pseudo-source
            if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
                raise self.fail(f"{where}.url", f"expected an http(s) URL or null, got {url!r}")
            self.sources[key] = Source(
                key=key,
                url=url,
                publisher=str(self.text(m["publisher"], f"{where}.publisher")),
                date=self.date(m["date"], f"{where}.date"),
                confidence=self.choice(m["confidence"], f"{where}.confidence", CONFIDENCE),
                supports=str(self.text(m["supports"], f"{where}.supports")),
            )
        return self.sources

    def refs(self, value: Any, key: str, *, required: bool = True) -> tuple[Source, ...]:
        """A `sources` list: keys of this file's catalogue (at least one unless `required` is false)."""
        if value is None and not required:
            return ()
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "a value without a source: list at least one source key")
        out = []
        for i, ref in enumerate(value):
            if ref not in self.sources:
                raise self.fail(f"{key}[{i}]", f"source {ref!r} is not defined in this file's sources")
            out.append(self.sources[ref])
        return tuple(out)

    def questions(self, value: Any, key: str = "open_questions") -> tuple[ResearchQuestion, ...]:
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        out, seen = [], set()
        for i, q in enumerate(value):
            where = f"{key}[{i}]"
            m = self.mapping(q, where, ("id", "question", "why", "sources"))
            qid = str(self.text(m["id"], f"{where}.id"))
            if qid in seen:
                raise self.fail(f"{where}.id", f"{qid!r} is used twice in this file")
            seen.add(qid)
            out.append(ResearchQuestion(
                qid, str(self.text(m["question"], f"{where}.question")), str(self.text(m["why"], f"{where}.why")),
                self.refs(m["sources"], f"{where}.sources"),
            ))
        return tuple(out)


def _join(key: str, k: Any) -> str:
    return f"{key}.{k}" if key else str(k)


def parse_yaml(path: Path, name: str) -> Any:
    """Parse one YAML file; a syntax error names the file."""
    import yaml  # imported here: commands that need no research data never pay for the parser

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise LawDataError(name, "", "missing") from None
    except yaml.YAMLError as exc:
        raise LawDataError(name, "", f"not valid YAML: {exc}") from None


def covers_day(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool | None:
    """Whether a half-open period with possibly unknown bounds covers `day`: True, False or None (unknown).

    An unknown start is unknown (not "since always"); an unknown end is "not known to have ended", which
    the data formats define as still running.
    """
    if end is not None and day >= end:
        return False
    if start is None:
        return None
    return start <= day
