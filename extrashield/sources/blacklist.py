"""The informal 2026 recruitment blacklist: a MEDIA REPORT, never a legal rule.

Recruiters were reportedly told to stop signing citizens of certain countries (IStories via Radio
Svoboda, 23.02.2026: 36 countries from early January 2026; 43 after February additions). No legal act
was found. The loader keeps it strictly apart from the law: it is never a criterion of eligibility and
never an extradition ground; it answers only "was this country on the reported list on date D?".

Answer for a country C on a day D:
- `no` when no version of the list is reported to circulate on D (before its first `reported_from`);
- `yes` when the version circulating on D names C;
- `no` when C is first named in the next version and that version's count grew by exactly the number
  of newly named countries (so they are additions, e.g. Iraq, added in February 2026, was not on the 36);
- `unknown` when C is not named but the version has unnamed entries (a list of 36 that names 19 may
  hold C among the other 17), or when C is reported apart by a single outlet with no date (Jordan);
- `no` only when the version names every country it is reported to have and C is not one of them.

`Blacklist.check` is the one place that decides this: `extrashield blacklist`, `extrashield states` (and
their web pages) and the contract-eligibility answer all call it. Each answer says what it rests on (the
start date of the version it used, that version's named countries, a separate entry), the note of the
start date it used (e.g. "the first day of January is used" for "early January"), and the open questions
of the report that concern those (`open_questions[].concerns`), so a convention shows as one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extrashield.i18n import N_, _, data_text, template_values
from extrashield.i18n.conventions import text_day
from extrashield.sources.datafile import DATA_DIR, Check, DataSource, read_yaml

BLACKLIST_FILE = DATA_DIR / "recruitment-blacklist.yaml"
CERTAINTY = ("reported", "uncertain")
YES, NO, UNKNOWN = "yes", "no", "unknown"


# Why a country is or is not on the reported list on a day (an answer's `why`): made in English from these
# templates (the data of every answer), said in the current language from the same ones by `why_words`.
NONE_YET = N_("no version of the reported list circulated on {day}; the first is reported from {start}")
NONE_YET_NOTE = N_(
    "no version of the reported list circulated on {day}; the first is reported from {start} ({note})"
)
NAMED = N_("named in the reported list {list} ({count} countries, reported from {start})")
APART = N_("reported apart as on list {list}")
SINGLE_OUTLET = N_("reported apart by a single outlet ({certainty}); whether it is on list {list} is unknown")
ADDED_LATER = N_("reported as added to the list only in {later} (from {start}); not on {list}")
UNNAMED = N_(
    "not among the {named} named countries of {list}, but {unnamed} of its {count} countries are not named in "
    "the reports"
)
ALL_NAMED = N_("{list} names all its {count} countries; this is not one")


def why_words(why: str) -> str:
    """An answer's `why` in the current language: its template's translation, the days written as the
    language writes them in a sentence, the data's note through the catalogue."""
    for template in (NONE_YET_NOTE, NONE_YET, NAMED, APART, SINGLE_OUTLET, ADDED_LATER, UNNAMED, ALL_NAMED):
        values = template_values(why, template)
        if values is not None:
            said = {
                k: text_day(v)
                if k in ("day", "start")
                else data_text(v)
                if k == "note"
                else _(v)
                if k == "certainty"
                else v
                for k, v in values.items()
            }
            return _(template).format(**said)
    return data_text(why)


@dataclass(frozen=True)
class ListVersion:
    id: str
    reported_from: dt.date
    reported_from_note: str | None
    date_reported: dt.date | None
    certainty: str
    count_reported: int
    countries: tuple[str, ...]
    unnamed_count: int
    note: str | None
    sources: tuple[DataSource, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reported_from": self.reported_from.isoformat(),
            "reported_from_note": self.reported_from_note,
            "date_reported": self.date_reported.isoformat() if self.date_reported else None,
            "certainty": self.certainty,
            "count_reported": self.count_reported,
            "countries": list(self.countries),
            "unnamed_count": self.unnamed_count,
            "note": self.note,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class SeparateEntry:
    country: str
    name: dict[str, str]
    reported_from: dt.date | None
    reported_from_note: str
    protest_date: dt.date | None
    protest_date_note: str | None
    certainty: str
    note: str
    in_versions: tuple[str, ...] | None  # None: unknown
    sources: tuple[DataSource, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "name": self.name,
            "reported_from": self.reported_from.isoformat() if self.reported_from else None,
            "reported_from_note": self.reported_from_note,
            "protest_date": self.protest_date.isoformat() if self.protest_date else None,
            "protest_date_note": self.protest_date_note,
            "certainty": self.certainty,
            "note": self.note,
            "in_versions": list(self.in_versions) if self.in_versions is not None else "unknown",
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Blacklist:
    title: dict[str, str]
    summary: str
    sources: dict[str, DataSource]
    versions: tuple[ListVersion, ...]
    separate: tuple[SeparateEntry, ...]
    open_questions: tuple[dict[str, Any], ...]
    status: str = "media_report"
    legal_effect: str = "none"

    def version_on(self, day: dt.date) -> ListVersion | None:
        """The version reported to circulate on `day`: the latest one that had started by then."""
        current = None
        for v in self.versions:
            if v.reported_from <= day:
                current = v
        return current

    def added_later(self, country: str, v: ListVersion) -> ListVersion | None:
        """The next version, if it adds `country` as one of its newly named countries and the growth of
        the count equals the number of newly named countries (then every newly named country is an
        addition, not one of the earlier list's unnamed entries)."""
        i = self.versions.index(v)
        if i + 1 >= len(self.versions):
            return None
        nxt = self.versions[i + 1]
        new = set(nxt.countries) - set(v.countries)
        if (
            country in new
            and nxt.count_reported - v.count_reported == len(new)
            and set(v.countries) <= set(nxt.countries)
        ):
            return nxt
        return None

    def first_named(self, country: str) -> ListVersion | None:
        """The first version that names `country` (whatever the date asked about)."""
        return next((v for v in self.versions if country in v.countries), None)

    def check(self, country: str, day: dt.date) -> BlacklistAnswer:
        """Was `country` on the reported list on `day`? The one decision used by every command and page."""
        country = country.upper()
        v = self.version_on(day)
        sep = next((e for e in self.separate if e.country == country), None)
        first = self.first_named(country)

        def answer(value: str, why: str, *rests_on: str, on_start: bool = True) -> BlacklistAnswer:
            # on_start: the answer rests on the start date of the version that circulated on `day` (the first
            # version's, before any): a later start would make it `no`, an earlier one could make it `yes`
            start = (v if v is not None else self.versions[0]) if on_start else None
            keys = (
                ((f"{start.id}.reported_from",) if start else ())
                + rests_on
                + ((country,) if sep is not None else ())
            )
            questions = tuple(q for q in self.open_questions if set(q["concerns"]) & set(keys))
            return BlacklistAnswer(self, country, day, value, v, sep, why, first, start, keys, questions)

        if v is None:
            head = self.versions[0]
            if head.reported_from_note:
                why = NONE_YET_NOTE.format(day=day, start=head.reported_from, note=head.reported_from_note)
            else:
                why = NONE_YET.format(day=day, start=head.reported_from)
            return answer(NO, why)
        if country in v.countries:
            return answer(
                YES,
                NAMED.format(list=v.id, count=v.count_reported, start=v.reported_from),
            )
        if sep is not None and (sep.in_versions is None or v.id in sep.in_versions):
            if sep.in_versions is not None and sep.certainty == "reported":
                return answer(YES, APART.format(list=v.id))
            return answer(
                UNKNOWN,
                SINGLE_OUTLET.format(certainty=sep.certainty, list=v.id),
                f"{v.id}.countries",
            )
        later = self.added_later(country, v)
        if later is not None:
            return answer(
                NO,
                ADDED_LATER.format(later=later.id, start=later.reported_from, list=v.id),
                f"{later.id}.reported_from",
                on_start=False,
            )
        if v.unnamed_count > 0:
            return answer(
                UNKNOWN,
                UNNAMED.format(
                    named=len(v.countries), list=v.id, unnamed=v.unnamed_count, count=v.count_reported
                ),
                f"{v.id}.countries",
            )
        return answer(
            NO,
            ALL_NAMED.format(list=v.id, count=v.count_reported),
            f"{v.id}.countries",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "legal_effect": self.legal_effect,
            "title": self.title,
            "summary": self.summary,
            "versions": [v.to_dict() for v in self.versions],
            "separate_entries": [e.to_dict() for e in self.separate],
            "open_questions": list(self.open_questions),
            "sources": [s.to_dict() for s in self.sources.values()],
        }


DISCLAIMER = N_(
    "A media report of an unofficial instruction, not law: no legal act was found. It decides neither "
    "eligibility for a contract nor extradition."
)  # translated where it is shown


@dataclass(frozen=True)
class BlacklistAnswer:
    blacklist: Blacklist
    country: str
    day: dt.date
    answer: str  # yes | no | unknown
    version: ListVersion | None  # the version circulating on the day (None: none yet)
    separate: SeparateEntry | None
    why: str
    first_named: ListVersion | None = None  # the first version naming the country, whatever the day
    start: ListVersion | None = None  # the version whose start date decided which list circulated on the day
    rests_on: tuple[
        str, ...
    ] = ()  # what the answer rests on, as open questions name it (list_36.reported_from…)
    open_questions: tuple[dict[str, Any], ...] = ()  # the report's open questions about those

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "date": self.day.isoformat(),
            "on_reported_list": self.answer,
            "why": self.why,
            "status": self.blacklist.status,
            "legal_effect": self.blacklist.legal_effect,
            "disclaimer": DISCLAIMER,
            "version": self.version.to_dict() if self.version else None,
            "first_named": None
            if self.first_named is None
            else {
                "version": self.first_named.id,
                "reported_from": self.first_named.reported_from.isoformat(),
                "reported_from_note": self.first_named.reported_from_note,
            },
            "start_date_used": None
            if self.start is None
            else {
                "version": self.start.id,
                "reported_from": self.start.reported_from.isoformat(),
                "reported_from_note": self.start.reported_from_note,
            },
            "separate_entry": self.separate.to_dict() if self.separate else None,
            "rests_on": list(self.rests_on),
            "open_questions": [
                {"id": q["id"], "question": q["question"], "why": q["why"]} for q in self.open_questions
            ],
        }


def _questions(
    chk: Check, value: Any, cat: dict[str, DataSource], concernable: set[str]
) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list):
        raise chk.fail("open_questions", "expected a list")
    out, seen = [], set()
    for i, q in enumerate(value):
        k = f"open_questions[{i}]"
        m = chk.mapping(q, k, ("id", "question", "why", "sources"), ("concerns",))
        qid = chk.slug(m["id"], f"{k}.id")
        if qid in seen:
            raise chk.fail(f"{k}.id", f"duplicate id {qid!r}")
        seen.add(qid)
        concerns = m.get("concerns", [])
        if not isinstance(concerns, list) or any(c not in concernable for c in concerns):
            raise chk.fail(
                f"{k}.concerns", f"expected a list of {', '.join(sorted(concernable))}; got {concerns!r}"
            )
        out.append(
            {
                "id": qid,
                "question": chk.text(m["question"], f"{k}.question"),
                "why": chk.text(m["why"], f"{k}.why"),
                "concerns": list(concerns),
                "sources": [s.url for s in chk.source_refs(m["sources"], f"{k}.sources", cat) if s.url],
            }
        )
    return tuple(out)


def parse_blacklist(data: Any, name: str = "recruitment-blacklist.yaml") -> Blacklist:
    """Validate the blacklist file (docs/data-formats.md §5); errors name the file and the key."""
    chk = Check(name)
    m = chk.mapping(
        data,
        "",
        (
            "status",
            "legal_effect",
            "title",
            "summary",
            "sources",
            "versions",
            "separate_entries",
            "open_questions",
        ),
    )
    chk.choice(m["status"], "status", ("media_report",))
    chk.choice(m["legal_effect"], "legal_effect", ("none",))
    cat = chk.sources(m["sources"])
    vs = m["versions"]
    if not isinstance(vs, list) or not vs:
        raise chk.fail("versions", "expected a non-empty list")
    versions: list[ListVersion] = []
    for i, v in enumerate(vs):
        k = f"versions[{i}]"
        vm = chk.mapping(
            v,
            k,
            (
                "id",
                "reported_from",
                "reported_from_note",
                "date_reported",
                "certainty",
                "count_reported",
                "countries",
                "unnamed_count",
                "note",
                "sources",
            ),
        )
        countries = vm["countries"]
        if not isinstance(countries, list):
            raise chk.fail(f"{k}.countries", "expected a list of country codes")
        codes = tuple(chk.country(c, f"{k}.countries[{j}]") for j, c in enumerate(countries))
        if len(set(codes)) != len(codes):
            raise chk.fail(f"{k}.countries", "a country is listed twice")
        count = chk.integer(vm["count_reported"], f"{k}.count_reported", minimum=1)
        unnamed = chk.integer(vm["unnamed_count"], f"{k}.unnamed_count")
        if unnamed != count - len(codes):
            raise chk.fail(
                f"{k}.unnamed_count",
                f"is {unnamed}, but count_reported {count} minus {len(codes)} named countries is {count - len(codes)}",
            )
        start = chk.date(vm["reported_from"], f"{k}.reported_from", nullable=False)
        assert start is not None
        if versions and start < versions[-1].reported_from:
            raise chk.fail(f"{k}.reported_from", "versions must be in reported_from order")
        vid = str(chk.slug(vm["id"], f"{k}.id"))
        if any(x.id == vid for x in versions):
            raise chk.fail(f"{k}.id", f"duplicate id {vid!r}")
        versions.append(
            ListVersion(
                id=vid,
                reported_from=start,
                reported_from_note=chk.text(
                    vm["reported_from_note"], f"{k}.reported_from_note", nullable=True
                ),
                date_reported=chk.date(vm["date_reported"], f"{k}.date_reported"),
                certainty=chk.choice(vm["certainty"], f"{k}.certainty", CERTAINTY),
                count_reported=count,
                countries=codes,
                unnamed_count=unnamed,
                note=chk.text(vm["note"], f"{k}.note", nullable=True),
                sources=chk.source_refs(vm["sources"], f"{k}.sources", cat),
            )
        )
    ids = {v.id for v in versions}
    separate = []
    entries = m["separate_entries"]
    if not isinstance(entries, list):
        raise chk.fail("separate_entries", "expected a list")
    for i, e in enumerate(entries):
        k = f"separate_entries[{i}]"
        em = chk.mapping(
            e,
            k,
            (
                "country",
                "name",
                "reported_from",
                "reported_from_note",
                "protest_date",
                "protest_date_note",
                "certainty",
                "note",
                "in_versions",
                "sources",
            ),
        )
        inv = em["in_versions"]
        if inv == "unknown":
            in_versions = None
        elif isinstance(inv, list) and all(x in ids for x in inv):
            in_versions = tuple(inv)
        else:
            raise chk.fail(
                f"{k}.in_versions",
                f"expected a list of version ids ({', '.join(sorted(ids))}) or unknown, got {inv!r}",
            )
        separate.append(
            SeparateEntry(
                country=chk.country(em["country"], f"{k}.country"),
                name=chk.bilingual(em["name"], f"{k}.name"),
                reported_from=chk.date(em["reported_from"], f"{k}.reported_from"),
                reported_from_note=str(chk.text(em["reported_from_note"], f"{k}.reported_from_note")),
                protest_date=chk.date(em["protest_date"], f"{k}.protest_date"),
                protest_date_note=chk.text(em["protest_date_note"], f"{k}.protest_date_note", nullable=True),
                certainty=chk.choice(em["certainty"], f"{k}.certainty", CERTAINTY),
                note=str(chk.text(em["note"], f"{k}.note")),
                in_versions=in_versions,
                sources=chk.source_refs(em["sources"], f"{k}.sources", cat),
            )
        )
    return Blacklist(
        title=chk.bilingual(m["title"], "title"),
        summary=str(chk.text(m["summary"], "summary")),
        sources=cat,
        versions=tuple(versions),
        separate=tuple(separate),
        open_questions=_questions(chk, m["open_questions"], cat, _concernable(versions, separate)),
    )


def _concernable(versions: list[ListVersion], separate: list[SeparateEntry]) -> set[str]:
    """What an open question may concern: a version's start date or its countries, a separate entry's country."""
    return {f"{v.id}.{part}" for v in versions for part in ("reported_from", "countries")} | {
        e.country for e in separate
    }


def load_blacklist(path: Path | str = BLACKLIST_FILE) -> Blacklist:
    p = Path(path)
    return parse_blacklist(read_yaml(p, p.name), p.name)


@lru_cache(maxsize=1)
def default_blacklist() -> Blacklist:
    return load_blacklist()
