"""The law as data: provision files loaded once, validated strictly, then frozen.

The format is documented in docs/law-data.md. Every error names the file and the key. The `digest`
identifies this exact version of the law data and of the other data answers read (sources/digest.py), so
a stored decision can say which data it used.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NoReturn

from extrashield.errors import LawDataError
from extrashield.i18n import N_, gettext, template_values
from extrashield.i18n.conventions import text_day
from extrashield.sources.datafile import CONFIDENCE, DATA_DIR, Check, Source, read_yaml
from extrashield.sources.digest import law_digest

LAW_DIR = Path(__file__).resolve().parent.parent / "law"
# How sure a date is (docs/law-data.md, "Marks and their sources"), strongest first: read in an official
# publication; read in another source; derived by a stated rule from dates read; the date of an earlier act,
# taken on an unchecked assumption (e.g. that the wording has not changed since); remembered, not read.
CERTAINTY = ("official", "reported", "inferred", "assumed", "recalled")
# A date marked so must say why: what was reported, the reasoning, the assumption, what is recalled.
NEEDS_WHY = ("reported", "inferred", "assumed", "recalled")
EFFECTS = ("bars", "allows_refusal", "none")
# The legislative stages a bill can have reached while it is still a bill (signature makes it a law).
BILL_STAGES = (
    "introduced",
    "committee",
    "first_reading",
    "second_reading",
    "third_reading",
    "federation_council",
)
_BILL_STAGE_WORDS = {
    "introduced": N_("introduced in the State Duma"),
    "committee": N_("recommended by the Duma committee"),
    "first_reading": N_("passed first reading in the State Duma"),
    "second_reading": N_("passed second reading in the State Duma"),
    "third_reading": N_("passed third reading in the State Duma"),
    "federation_council": N_("approved by the Federation Council"),
}
_BILL_NOTE = N_("a bill ({number}), not in force: {stage} on {day}; adoption not confirmed")
_BILL_NUMBER = N_("No. {number}")
_NO_BILL_NUMBER = N_("number not retrieved")


def bill_note_words(note: str) -> str | None:
    """A bill's `note` (made in English, as JSON gives it) in the current language; None when `note` is
    not a bill's note. Its parts (the number, the stage) are translated one by one."""
    values = template_values(note, _BILL_NOTE)
    if values is None:
        return None
    number = template_values(values["number"], _BILL_NUMBER)
    stage = values["stage"] if values["stage"] in _BILL_STAGE_WORDS.values() else None
    return gettext(_BILL_NOTE).format(
        number=gettext(_BILL_NUMBER).format(**number) if number is not None else gettext(values["number"]),
        stage=gettext(stage) if stage is not None else values["stage"],
        day=text_day(values["day"]),
    )


# A provision whose law is only a bill carries an open question with an id ending in this (read by
# `extrashield removal`, services/shields.py), and its bill versions say so with `bill:`.
ADOPTION_QUESTION = ".adoption"
# Folders under law/ that hold other formats (legislative history), loaded by their own modules.
OTHER_FORMATS = ("history",)

CACHE_FORMAT = 5  # bump when the classes below (or sources/datafile.Source) change shape
# A version's id: short, lower case, naming the act that gave the version its wording (`50-fz`,
# `decree-823`), so that it stays put when a date of the version is corrected (docs/law-data.md).
VERSION_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class FrozenDict(dict):  # type: ignore[type-arg]
    """A mapping that refuses changes after loading (and, unlike MappingProxyType, pickles)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("the law data is immutable once loaded")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> Any:
        return (FrozenDict, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


MappingProxyType = FrozenDict


@dataclass(frozen=True)
class Text:
    ru: str
    en: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


@dataclass(frozen=True)
class Bill:
    """A version that is only a bill: the latest legislative stage found, and no confirmed adoption."""

    number: str | None
    stage: str
    stage_date: dt.date
    sources: tuple[Source, ...]

    @property
    def note(self) -> str:
        """For people: "a bill (number not retrieved), not in force: passed first reading in the State Duma
        on 2026-01-21; adoption not confirmed"."""
        number = _BILL_NUMBER.format(number=self.number) if self.number else _NO_BILL_NUMBER
        return _BILL_NOTE.format(
            number=number, stage=_BILL_STAGE_WORDS[self.stage], day=self.stage_date.isoformat()
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": "bill_not_adopted",
            "number": self.number,
            "stage": self.stage,
            "stage_date": self.stage_date.isoformat(),
            "note": self.note,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Version:
    """One dated wording of a provision. `id` is unique within the provision; rules name it where this
    version changes their test (docs/law-data.md)."""

    id: str
    valid_from: dt.date | None
    valid_from_certainty: str | None
    valid_from_why: str | None
    earliest_possible_from: dt.date | None
    valid_until: dt.date | None
    valid_until_certainty: str | None
    valid_until_why: str | None
    act: str
    text: Text
    text_confidence: str
    sources: tuple[Source, ...]
    bill: Bill | None = None  # set when this version is a bill whose adoption is not confirmed

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day < self.valid_until
        )

    def summary(self) -> dict[str, Any]:
        """The `version` object of an answer (docs/contract.md §5): a fresh copy each time."""
        return dict(self._summary)

    @cached_property
    def _summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "certainty": self.valid_from_certainty,
            "act": self.act,
            "text_confidence": self.text_confidence,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "valid_from_why": self.valid_from_why,
            "earliest_possible_from": self.earliest_possible_from.isoformat()
            if self.earliest_possible_from
            else None,
            "valid_until_certainty": self.valid_until_certainty,
            "valid_until_why": self.valid_until_why,
            "text": {"ru": self.text.ru, "en": self.text.en},
            "sources": [s.to_dict() for s in self.sources],
            "bill": self.bill.to_dict() if self.bill is not None else None,
        }


@dataclass(frozen=True)
class Reading:
    key: str
    default: str
    question: str
    values: Mapping[str, str]
    sources: tuple[Source, ...]


# Which day's law a view of a temporal open question applies (LawView.law_of): the day the decision
# was taken, or the day a court reviews it.
LAW_OF = ("decision_day", "review_day")


@dataclass(frozen=True)
class LawView:
    """One answer to an open question, as argued in the sources; the data records views, never picks one."""

    view: str
    law_of: str | None  # for a question about time: the day whose law this view applies (LAW_OF)
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"view": self.view, "law_of": self.law_of, "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True)
class LawQuestion:
    """A question the law leaves open, as a provision's `open_questions` record it; `reading` names the
    reading that answers it, if any; `views` the answers argued, if recorded."""

    id: str
    question: str
    why: str
    reading: str | None
    sources: tuple[Source, ...]
    views: tuple[LawView, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "question": self.question,
            "why": self.why,
            "reading": self.reading,
            "sources": [s.to_dict() for s in self.sources],
        }
        if self.views:  # only where recorded: the law views' JSON stays as it was for the other questions
            out["views"] = [v.to_dict() for v in self.views]
        return out


@dataclass(frozen=True)
class Provision:
    id: str
    file: str
    effect: str
    citation: str
    label: Text
    title: Text
    versions: tuple[Version, ...]
    readings: Mapping[str, Reading]
    open_questions: tuple[LawQuestion, ...]

    def version_on(self, day: dt.date) -> Version | None:
        for v in self.versions:
            if v.in_force_on(day):
                return v
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "effect": self.effect,
            "citation": self.citation,
            "label": {"ru": self.label.ru, "en": self.label.en},
            "title": {"ru": self.title.ru, "en": self.title.en},
            "versions": [v.to_dict() for v in self.versions],
            "readings": {
                k: {
                    "default": r.default,
                    "question": r.question,
                    "values": dict(r.values),
                    "sources": [s.to_dict() for s in r.sources],
                }
                for k, r in self.readings.items()
            },
            "open_questions": [q.to_dict() for q in self.open_questions],
            "file": self.file,
        }


@dataclass(frozen=True)
class Lawbook:
    """The law data, loaded, validated and frozen: every provision by id, the readings (interpretations)
    they define, the earliest date the data covers (`horizon`) and the `digest` that identifies it together
    with the other data the answers read (sources/digest.py)."""

    provisions: Mapping[str, Provision]
    readings: Mapping[str, Reading]
    horizon: dt.date
    digest: str
    files: tuple[str, ...]

    def __getitem__(self, provision_id: str) -> Provision:
        return self.provisions[provision_id]

    def default_readings(self) -> dict[str, str]:
        return {k: r.default for k, r in self.readings.items()}

    def events(self) -> list[tuple[dt.date, str, str]]:
        """Every date on which some provision starts or stops applying: (date, provision id, what)."""
        out: list[tuple[dt.date, str, str]] = []
        for p in self.provisions.values():
            for v in p.versions:
                if v.valid_from is not None:
                    out.append((v.valid_from, p.id, "in force"))
                if v.valid_until is not None:
                    out.append((v.valid_until, p.id, "ends"))
        return sorted(out)


class _FileCheck(Check):
    """The shared strict checks (core/datafile.py), with texts as `Text` for the law."""

    def bilingual(self, value: Any, key: str) -> Text:  # type: ignore[override]
        d = super().bilingual(value, key)
        return Text(d["ru"], d["en"])

    def text(self, value: Any, key: str, *, nullable: bool = False) -> str:
        return str(super().text(value, key))


def _read_sources(chk: _FileCheck, value: Any) -> dict[str, Source]:
    return chk.sources(value, date_key_required=False)


_VERSION_KEYS = (
    "id",
    "valid_from",
    "valid_from_certainty",
    "act",
    "text",
    "text_confidence",
    "sources",
)
_VERSION_OPTIONAL = (
    "valid_from_why",
    "earliest_possible_from",
    "valid_until",
    "valid_until_certainty",
    "valid_until_why",
    "bill",
)


def _read_bill(
    chk: _FileCheck, value: Any, key: str, cat: Mapping[str, Source], valid_from: dt.date | None
) -> Bill:
    m = chk.mapping(value, key, ("number", "stage", "stage_date", "sources"))
    number = m["number"]
    if number is not None and (not isinstance(number, str) or not number.strip()):
        raise chk.fail(f"{key}.number", "expected the Duma bill number as a string, or null if not retrieved")
    stage = str(chk.choice(m["stage"], f"{key}.stage", BILL_STAGES))
    stage_date = chk.date(m["stage_date"], f"{key}.stage_date", nullable=False)
    assert stage_date is not None
    if valid_from is None or stage_date > valid_from:
        raise chk.fail(f"{key}.stage_date", "must be on or before the version's valid_from")
    return Bill(
        number=number,
        stage=stage,
        stage_date=stage_date,
        sources=chk.source_refs(m["sources"], f"{key}.sources", cat),
    )


def _read_version(chk: _FileCheck, m: Any, key: str, cat: Mapping[str, Source]) -> Version:
    m = chk.mapping(m, key, _VERSION_KEYS, _VERSION_OPTIONAL)
    vid = chk.text(m["id"], f"{key}.id")
    if not VERSION_ID.match(vid):
        raise chk.fail(
            f"{key}.id", f"{vid!r}: expected a short key in lower case, words joined by '-' (e.g. 50-fz)"
        )
    vf = chk.date(m["valid_from"], f"{key}.valid_from")
    vf_cert = chk.choice(
        m["valid_from_certainty"], f"{key}.valid_from_certainty", CERTAINTY, nullable=vf is None
    )
    vu = chk.date(m.get("valid_until"), f"{key}.valid_until")
    vu_cert = chk.choice(
        m.get("valid_until_certainty"), f"{key}.valid_until_certainty", CERTAINTY, nullable=vu is None
    )
    if vu is None and m.get("valid_until_certainty") is not None:
        raise chk.fail(f"{key}.valid_until_certainty", "given, but valid_until is null")
    if vf is not None and vu is not None and vu <= vf:
        raise chk.fail(f"{key}.valid_until", "must be after valid_from")
    if vf_cert in NEEDS_WHY and not m.get("valid_from_why"):
        raise chk.fail(f"{key}.valid_from_why", f"a {vf_cert} date must say why")
    if vu_cert in NEEDS_WHY and not m.get("valid_until_why"):
        raise chk.fail(f"{key}.valid_until_why", f"a {vu_cert} date must say why")
    if vf is None and not m.get("valid_from_why"):
        raise chk.fail(f"{key}.valid_from_why", "a null valid_from must say why")
    earliest = chk.date(m.get("earliest_possible_from"), f"{key}.earliest_possible_from")
    if earliest is not None and (vf is None or earliest > vf):
        raise chk.fail(f"{key}.earliest_possible_from", "must be on or before valid_from")
    bill = None if m.get("bill") is None else _read_bill(chk, m["bill"], f"{key}.bill", cat, vf)
    if bill is not None and vf_cert not in ("reported", "official"):
        # A bill has not been published, so its date is the date of a stage as read, never an entry into force
        # inferred from the ten-day rule (docs/contract.md §1.2), assumed or recalled.
        raise chk.fail(
            f"{key}.valid_from_certainty",
            "a bill has no entry into force to infer from the ten-day rule: "
            "give its stage's date as reported (or official)",
        )
    if bill is not None and vu is not None:
        raise chk.fail(
            f"{key}.valid_until",
            "a bill version has no end date (replace it when the bill is adopted or dropped)",
        )
    return Version(
        id=vid,
        valid_from=vf,
        valid_from_certainty=vf_cert,
        valid_from_why=m.get("valid_from_why"),
        earliest_possible_from=earliest,
        valid_until=vu,
        valid_until_certainty=vu_cert,
        valid_until_why=m.get("valid_until_why"),
        act=chk.text(m["act"], f"{key}.act"),
        text=chk.bilingual(m["text"], f"{key}.text"),
        text_confidence=str(chk.choice(m["text_confidence"], f"{key}.text_confidence", CONFIDENCE)),
        sources=chk.source_refs(m["sources"], f"{key}.sources", cat),
        bill=bill,
    )


def _read_provision(chk: _FileCheck, m: Any, key: str, article: str, cat: Mapping[str, Source]) -> Provision:
    m = chk.mapping(
        m, key, ("id", "effect", "citation", "label", "title", "versions"), ("readings", "open_questions")
    )
    pid = chk.text(m["id"], f"{key}.id")
    if pid != article and not pid.startswith(article + "."):
        raise chk.fail(f"{key}.id", f"{pid!r} does not start with the file's article {article!r}")
    vs = m["versions"]
    if not isinstance(vs, list) or not vs:
        raise chk.fail(f"{key}.versions", "expected a non-empty list")
    versions = tuple(_read_version(chk, v, f"{key}.versions[{i}]", cat) for i, v in enumerate(vs))
    for i, v in enumerate(versions):
        first = next(j for j, w in enumerate(versions) if w.id == v.id)
        if first != i:
            raise chk.fail(f"{key}.versions[{i}].id", f"{v.id!r} is already the id of versions[{first}]")
    for i in range(1, len(versions)):
        prev, cur = versions[i - 1], versions[i]
        if prev.valid_until is None or cur.valid_from is None or cur.valid_from < prev.valid_until:
            raise chk.fail(
                f"{key}.versions[{i}].valid_from",
                "overlaps the previous version (versions must be in date order and not overlap)",
            )
    readings: dict[str, Reading] = {}
    for rk, r in (m.get("readings") or {}).items():
        rkey = f"{key}.readings.{rk}"
        rm = chk.mapping(r, rkey, ("default", "question", "values", "sources"))
        values = rm["values"]
        if not isinstance(values, Mapping) or len(values) < 2:
            raise chk.fail(f"{rkey}.values", "expected at least two named readings")
        if rm["default"] not in values:
            raise chk.fail(f"{rkey}.default", f"{rm['default']!r} is not one of the values")
        readings[str(rk)] = Reading(
            key=str(rk),
            default=str(rm["default"]),
            question=chk.text(rm["question"], f"{rkey}.question"),
            values=MappingProxyType({str(k): chk.text(v, f"{rkey}.values.{k}") for k, v in values.items()}),
            sources=chk.source_refs(rm["sources"], f"{rkey}.sources", cat),
        )
    questions = []
    for i, q in enumerate(m.get("open_questions") or []):
        qkey = f"{key}.open_questions[{i}]"
        qm = chk.mapping(q, qkey, ("id", "question", "why", "sources"), ("reading", "views"))
        views = []
        for j, v in enumerate(qm.get("views") or []):
            vkey = f"{qkey}.views[{j}]"
            vm = chk.mapping(v, vkey, ("view", "sources"), ("law_of",))
            law_of = vm.get("law_of")
            views.append(
                LawView(
                    view=chk.text(vm["view"], f"{vkey}.view"),
                    law_of=None if law_of is None else str(chk.choice(law_of, f"{vkey}.law_of", LAW_OF)),
                    sources=chk.source_refs(vm["sources"], f"{vkey}.sources", cat),
                )
            )
        if views and len(views) < 2:
            raise chk.fail(
                f"{qkey}.views", "expected at least two views (one view is an answer, not a question)"
            )
        questions.append(
            LawQuestion(
                id=chk.text(qm["id"], f"{qkey}.id"),
                question=chk.text(qm["question"], f"{qkey}.question"),
                why=chk.text(qm["why"], f"{qkey}.why"),
                reading=qm.get("reading"),
                sources=chk.source_refs(qm["sources"], f"{qkey}.sources", cat),
                views=tuple(views),
            )
        )
    # A bill version and an adoption question go together: the law views read the first, `extrashield
    # removal` the second, and they must not disagree about whether the law exists.
    adoption = [i for i, q in enumerate(questions) if q.id.endswith(ADOPTION_QUESTION)]
    bills = [i for i, v in enumerate(versions) if v.bill is not None]
    if bills and not adoption:
        raise chk.fail(
            f"{key}.versions[{bills[0]}].bill",
            f"a bill version needs an open question whose id ends in {ADOPTION_QUESTION!r} (was it adopted?)",
        )
    if adoption and not bills:
        raise chk.fail(
            f"{key}.open_questions[{adoption[0]}].id",
            "an adoption question needs a bill version (versions[].bill) saying which stage the bill reached",
        )
    return Provision(
        id=pid,
        file=chk.file,
        effect=str(chk.choice(m["effect"], f"{key}.effect", EFFECTS)),
        citation=chk.text(m["citation"], f"{key}.citation"),
        label=chk.bilingual(m["label"], f"{key}.label"),
        title=chk.bilingual(m["title"], f"{key}.title"),
        versions=versions,
        readings=MappingProxyType(readings),
        open_questions=tuple(questions),
    )


def read_provision_file(path: Path, name: str, data: Any) -> list[Provision]:
    chk = _FileCheck(name)
    m = chk.mapping(data, "", ("article", "act", "title", "sources", "provisions"))
    article = chk.text(m["article"], "article")
    chk.bilingual(m["act"], "act")
    chk.bilingual(m["title"], "title")
    cat = _read_sources(chk, m["sources"])
    provs = m["provisions"]
    if not isinstance(provs, list) or not provs:
        raise chk.fail("provisions", "expected a non-empty list")
    return [_read_provision(chk, p, f"provisions[{i}]", article, cat) for i, p in enumerate(provs)]


def _law_files(root: Path) -> list[tuple[str, Path]]:
    out = []
    for path in sorted(root.rglob("*.yaml")):
        name = path.relative_to(root).as_posix()
        if name != "index.yaml" and name.split("/")[0] not in OTHER_FORMATS:
            out.append((name, path))
    return out


def _parse(name: str, path: Path) -> Any:
    return read_yaml(path, name)


def load_lawbook(law_dir: Path | str = LAW_DIR, data_dir: Path | str = DATA_DIR) -> Lawbook:
    """Read, validate and freeze every provision file under `law_dir`; its digest also covers `data_dir`,
    the other data the answers read (sources/digest.py)."""
    root = Path(law_dir)
    index_path = root / "index.yaml"
    if not index_path.exists():
        raise LawDataError("index.yaml", "", "missing")
    index = _parse("index.yaml", index_path)
    ichk = _FileCheck("index.yaml")
    im = ichk.mapping(index, "", ("horizon",), ("description", "files"))
    horizon = ichk.date(im["horizon"], "horizon", nullable=False)
    assert horizon is not None
    provisions: dict[str, Provision] = {}
    readings: dict[str, Reading] = {}
    files = []
    for name, path in _law_files(root):
        data = _parse(name, path)
        for p in read_provision_file(path, name, data):
            if p.id in provisions:
                raise LawDataError(name, p.id, f"provision id already defined in {provisions[p.id].file}")
            provisions[p.id] = p
            for rk, r in p.readings.items():
                if rk in readings:
                    raise LawDataError(name, rk, "reading key defined twice")
                readings[rk] = r
        files.append(name)
    return Lawbook(
        provisions=MappingProxyType(provisions),
        readings=MappingProxyType(readings),
        horizon=horizon,
        digest=law_digest(root, data_dir),
        files=tuple(files),
    )


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "extrashield"


def cached_lawbook(law_dir: Path | str = LAW_DIR, data_dir: Path | str = DATA_DIR) -> Lawbook:
    """`load_lawbook`, kept in a cache file named by the digest of the files' bytes.

    Why: parsing and validating the YAML takes most of a command's start-up; an unchanged set of files
    has the same digest, so the validated result can be reused. Any change of any file misses the cache
    (a change under `data_dir` too, since the book carries the digest of both).
    """
    digest = law_digest(law_dir, data_dir)
    path = _cache_dir() / f"lawbook-{CACHE_FORMAT}-{digest.split(':')[1][:32]}.pickle"
    try:
        with open(path, "rb") as fh:
            book = pickle.load(fh)
        if isinstance(book, Lawbook) and book.digest == digest:
            return book
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # no cache, or one from another version of the code: load afresh
    book = load_lawbook(law_dir, data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(book, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: go on without the cache
    return book


@lru_cache(maxsize=1)
def default_lawbook() -> Lawbook:
    """The bundled law data, loaded once per process."""
    return cached_lawbook(LAW_DIR)
