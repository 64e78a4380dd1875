"""Strict reading of every sourced data file: law (docs/law-data.md), the figures ledger, the recruitment
blacklist (docs/data-formats.md), treaties and requesting states (docs/treaties-and-states.md).

One `Check` per file: every complaint names the file and the key. One `Source` shape everywhere: URL,
publisher, date, confidence mark (V, V-partial, M, I, S) and what the source supports; optionally the
language of what was read and whether it is an official publication (what a mark may rest on:
docs/law-data.md, "Marks and their sources").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extrashield.errors import LawDataError
from extrashield.facts.countries import CODES
from extrashield.facts.dates import parse_iso

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CONFIDENCE = ("V", "V-partial", "M", "I", "S")
SLUG = re.compile(r"^[a-z0-9_]+$")
LANGUAGE = re.compile(r"^[a-z]{2}$")  # ISO 639-1


@dataclass(frozen=True)
class Source:
    key: str
    url: str | None
    publisher: str
    date: dt.date | None
    confidence: str
    supports: str
    # What a mark may rest on (docs/law-data.md): the language the source was read in, and whether it is an
    # official publication of the act (an official portal or gazette, a depositary's record). Not part of
    # the answers, which keep the five keys above.
    language: str | None = None
    official: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "url": self.url,
            "publisher": self.publisher,
            "date": self.date.isoformat() if self.date else None,
            "confidence": self.confidence,
            "supports": self.supports,
        }


DataSource = Source  # the name the figures and blacklist loaders use


@lru_cache(maxsize=1)
def iso_or_none(day: dt.date | None) -> str | None:
    """A date as `YYYY-MM-DD` in JSON, `None` (unknown) as null."""
    return day.isoformat() if day else None


def yaml_loader() -> Any:
    """A safe loader that leaves dates as text, so that a bad date is reported with its key (PyYAML
    would raise a bare ValueError for 2026-02-30 before any check could name the key)."""
    import yaml  # imported here: a cached lawbook needs no YAML parser at start-up

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


def read_yaml(path: Path, name: str) -> Any:
    """Parse one YAML file; a missing file or a syntax error names the file."""
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader())
    except FileNotFoundError:
        raise LawDataError(name, "", "missing") from None
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

    def mapping(
        self, value: Any, key: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key or "(top level)", "expected a mapping")
        req, opt = set(required), set(optional)
        for k in value:
            if k not in req | opt:
                raise self.fail(
                    f"{key}.{k}" if key else str(k), f"unknown key (allowed: {', '.join(sorted(req | opt))})"
                )
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

    def choice(self, value: Any, key: str, allowed: tuple[str, ...], *, nullable: bool = False) -> Any:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    def boolean(self, value: Any, key: str, *, nullable: bool = False) -> bool | None:
        if value is None and nullable:
            return None
        if value is not True and value is not False:
            raise self.fail(key, f"expected true or false{' or null' if nullable else ''}, got {value!r}")
        return value

    def period(self, m: Mapping[str, Any], key: str) -> tuple[dt.date | None, dt.date | None]:
        start, end = self.date(m.get("from"), f"{key}.from"), self.date(m.get("until"), f"{key}.until")
        if start is not None and end is not None and end < start:
            raise self.fail(f"{key}.until", f"{end} is before from ({start})")
        return start, end

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

    def sources(
        self,
        value: Any,
        *,
        null_url: Callable[[str], bool] = lambda confidence: confidence in ("S", "M"),
        date_key_required: bool = True,
    ) -> dict[str, Source]:
        """The file's `sources` catalogue. `null_url(confidence)` says when a source may lack a URL (by
        default a seed report, S, that gives none, and a recollection, M, which has no page to point at);
        law files may leave out the `date` key. `language` (ISO 639-1) and `official` (true for an official
        publication) are optional everywhere."""
        if not isinstance(value, Mapping) or not value:
            raise self.fail("sources", "expected a non-empty mapping of source keys")
        out = {}
        for key, s in value.items():
            k = f"sources.{key}"
            self.slug(key, k)
            required = ("url", "publisher", "confidence", "supports")
            optional = ("language", "official")
            m = self.mapping(
                s,
                k,
                (*required, "date") if date_key_required else required,
                optional if date_key_required else (*optional, "date"),
            )
            conf = self.choice(m["confidence"], f"{k}.confidence", CONFIDENCE)
            if m["url"] is None and not null_url(conf):
                raise self.fail(
                    f"{k}.url",
                    "a URL is required (only a seed report, confidence S, or a recollection, "
                    "confidence M, may lack one)",
                )
            language = m.get("language")
            if language is not None and (not isinstance(language, str) or not LANGUAGE.match(language)):
                raise self.fail(
                    f"{k}.language", f"expected an ISO 639-1 code such as ru or en, got {language!r}"
                )
            out[str(key)] = Source(
                key=str(key),
                url=self.url(m["url"], f"{k}.url", nullable=True),
                publisher=str(self.text(m["publisher"], f"{k}.publisher")),
                date=self.date(m.get("date"), f"{k}.date"),
                confidence=conf,
                supports=str(self.text(m["supports"], f"{k}.supports")),
                language=language,
                official=bool(self.boolean(m.get("official", False), f"{k}.official")),
            )
        return out

    def source_refs(
        self, value: Any, key: str, catalogue: Mapping[str, Source], *, required: bool = True
    ) -> tuple[Source, ...]:
        if value is None and not required:
            return ()
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "a value without a source: list at least one source key")
        out = []
        for i, ref in enumerate(value):
            if ref not in catalogue:
                raise self.fail(f"{key}[{i}]", f"source {ref!r} is not defined in this file's sources")
            out.append(catalogue[ref])
        return tuple(out)
