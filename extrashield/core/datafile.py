"""Strict reading of the sourced data files that are not law (docs/data-formats.md): every error names
the file and the key. Shared by the figures ledger and the recruitment-blacklist loaders."""

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
SLUG = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class DataSource:
    key: str
    url: str | None
    publisher: str
    date: dt.date | None
    confidence: str
    supports: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "url": self.url, "publisher": self.publisher,
                "date": self.date.isoformat() if self.date else None,
                "confidence": self.confidence, "supports": self.supports}


def read_yaml(path: Path, name: str) -> Any:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise LawDataError(name, "", f"cannot read ({exc.__class__.__name__})") from None
    except yaml.YAMLError as exc:
        raise LawDataError(name, "", f"not valid YAML: {exc}") from None


class Check:
    """Strict accessors for one file."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, problem: str) -> LawDataError:
        return LawDataError(self.file, key, problem)

    def mapping(self, value: Any, key: str, required: Iterable[str], optional: Iterable[str] = ()) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key or "(top level)", "expected a mapping")
        req, opt = set(required), set(optional)
        for k in value:
            if k not in req | opt:
                raise self.fail(f"{key}.{k}" if key else str(k), f"unknown key (allowed: {', '.join(sorted(req | opt))})")
        for k in sorted(req):
            if k not in value:
                raise self.fail(f"{key}.{k}" if key else k, "missing")
        return value

    def text(self, value: Any, key: str, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected non-empty text" + (" or null" if nullable else ""))
        return value

    def slug(self, value: Any, key: str, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not SLUG.match(value):
            raise self.fail(key, f"expected a slug [a-z0-9_]+, got {value!r}")
        return value

    def date(self, value: Any, key: str, *, nullable: bool = True) -> dt.date | None:
        if value is None:
            if nullable:
                return None
            raise self.fail(key, "a date is required")
        try:
            return parse_iso(value)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def choice(self, value: Any, key: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return str(value)

    def integer(self, value: Any, key: str, *, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"expected an integer >= {minimum}, got {value!r}")
        return value

    def country(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or value not in CODES:
            raise self.fail(key, f"expected an ISO 3166-1 alpha-2 code, got {value!r}")
        return value

    def bilingual(self, value: Any, key: str) -> dict[str, str]:
        m = self.mapping(value, key, ("ru", "en"))
        return {"ru": str(self.text(m["ru"], f"{key}.ru")), "en": str(self.text(m["en"], f"{key}.en"))}

    def url(self, value: Any, key: str, *, nullable: bool) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise self.fail(key, f"expected an http(s) URL{' or null' if nullable else ''}, got {value!r}")
        return value

    def sources(self, value: Any) -> dict[str, DataSource]:
        if not isinstance(value, Mapping) or not value:
            raise self.fail("sources", "expected a non-empty mapping of source keys")
        out = {}
        for key, s in value.items():
            k = f"sources.{key}"
            self.slug(key, k)
            m = self.mapping(s, k, ("url", "publisher", "date", "confidence", "supports"))
            conf = self.choice(m["confidence"], f"{k}.confidence", CONFIDENCE)
            out[str(key)] = DataSource(
                key=str(key),
                url=self.url(m["url"], f"{k}.url", nullable=conf == "S"),
                publisher=str(self.text(m["publisher"], f"{k}.publisher")),
                date=self.date(m["date"], f"{k}.date"),
                confidence=conf,
                supports=str(self.text(m["supports"], f"{k}.supports")),
            )
        return out

    def source_refs(self, value: Any, key: str, catalogue: Mapping[str, DataSource]) -> tuple[DataSource, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "a value without a source: list at least one source key")
        out = []
        for i, ref in enumerate(value):
            if ref not in catalogue:
                raise self.fail(f"{key}[{i}]", f"source {ref!r} is not defined in this file's sources")
            out.append(catalogue[ref])
        return tuple(out)
