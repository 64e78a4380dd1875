"""The memo to file: one model of what a lawyer attaches to a filing, built from an answer.

`build_memo(case, answer, lang=...)` gathers, in the memo's language: the facts of the case, the outcome,
every ground with its status, citation, version and certainties, its reasons and statute texts, what is
unknown (as questions), the open legal questions with the outcome under each alternative or view, a
change of the law after the decision date that would change the outcome (with the open question whether
a court reviewing later applies it), the decision date, the law-data version in full and when the memo
was made. The HTML (memo_html), PDF (memo_pdf) and DOCX (memo_docx) renderers only lay it out.

Texts for people only: no fact paths, ids or research references (present/plain.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from extrashield.i18n import answers, data_text, using
from extrashield.i18n.conventions import text_day
from extrashield.present.memo_texts import EFFECT_WORDS, OUTCOME_WORDS, STATUS_WORDS, translator
from extrashield.present.plain import (
    CERTAINTY,
    ITEM_WORDS,
    MARKS,
    TEXT_MARKS,
    field_words,
    reasons,
    scrub,
    value_words,
)


@dataclass(frozen=True)
class MemoAlternative:
    condition: str  # "If the treaty prevails…", "Under the reading…", "View: …"
    outcome: str  # the outcome in words


@dataclass(frozen=True)
class MemoQuestion:
    question: str
    current: str
    alternatives: tuple[MemoAlternative, ...]
    sources: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (title, site path) of pages about it (a treaty, a provision)


@dataclass(frozen=True)
class MemoStatute:
    ru: str
    en: str
    mark: str  # the text's confidence mark (docs/law-data.md)
    mark_words: str  # the mark in words: "reconstructed from secondary sources, not the official text"
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MemoGround:
    provision: str  # for links only; never shown as text
    citation: str
    title: str
    status: str
    status_words: str
    effect_words: str
    version: str  # the act and the dates of the version applied (or the next one, if none is in force)
    date_certainty: str
    reasons: tuple[str, ...]
    statute: MemoStatute | None


@dataclass(frozen=True)
class MemoChange:
    """The law changing after the decision date in a way that changes the outcome on these facts."""

    day: str
    citation: str
    certainty: str
    outcome: str
    outcome_words: str
    applies: tuple[str, ...]
    review: MemoQuestion | None  # whether a court reviewing on or after `day` applies it (law data's views)


@dataclass(frozen=True)
class Memo:
    lang: str
    case_ref: str | None
    names: tuple[str, ...]
    decision_date: str
    law_digest: str
    made_at: str
    tool: str
    outcome: str
    outcome_words: str
    applies: tuple[str, ...]
    readings: tuple[tuple[str, str], ...]  # (question, meaning of the value applied)
    facts: tuple[tuple[str, str], ...]
    grounds: tuple[MemoGround, ...]
    unknowns: tuple[str, ...]
    also_unknown: tuple[str, ...]
    questions: tuple[MemoQuestion, ...]
    change: MemoChange | None
    text_marks: tuple[tuple[str, str], ...]
    date_marks: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = field(default=())

    def day(self, iso: str) -> str:
        """A day of the memo (the decision date, the day the law changes) as its language writes it in
        words: 12.04.2026 in Russian; ISO in English, as the memo has always written it."""
        return text_day(iso, self.lang)

    @property
    def file_stem(self) -> str:
        ref = "".join(ch for ch in (self.case_ref or "") if ch.isalnum() or ch in "-_")[:60]
        return f"memo-{ref}" if ref else "memo"


def build_memo(
    case: Mapping[str, Any],
    answer: Mapping[str, Any],
    *,
    lang: str = "en",
    made_at: dt.datetime | None = None,
) -> Memo:
    """The memo of `answer` (docs/contract.md §5) on `case` (the case as assessed), in `lang` (en, ru)."""
    from extrashield import __version__, default_lawbook

    _ = translator(lang)
    lb = default_lawbook()
    made = (made_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    day = dt.date.fromisoformat(answer["decision_date"])
    person = case.get("person") or {}
    grounds = tuple(_ground(g, lb, day, lang) for g in answer["grounds"])
    current = lb.digest == answer["law_digest"]  # the change and the readings need the law of the answer
    return Memo(
        lang=lang,
        case_ref=answer.get("id") or case.get("id"),
        names=tuple(person.get("names") or ()),
        decision_date=answer["decision_date"],
        law_digest=answer["law_digest"],
        made_at=made.isoformat().replace("+00:00", "Z"),
        tool=_("extrashield %(version)s") % {"version": __version__},
        outcome=answer["outcome"],
        outcome_words=_(OUTCOME_WORDS[answer["outcome"]]),
        applies=tuple(
            mg.citation for mg in grounds if mg.status == "applies"
        ),  # cited in the memo's language
        readings=_readings(answer["interpretations"], lb, lang),
        facts=_facts(case, _),
        grounds=grounds,
        unknowns=tuple(scrub(q["question"]) for q in answer["depends_on"]),
        also_unknown=tuple(scrub(q["question"]) for q in answer.get("also_unknown") or ()),
        questions=tuple(_question(q, _) for q in answer["open_questions"]),
        change=_change(case, answer, lb, lang) if current else None,
        text_marks=tuple((m, _(TEXT_MARKS[m])) for m in ("V", "V-partial", "M", "I", "S")),
        date_marks=tuple((m, _(w)) for m, w in CERTAINTY.items()),
    )


def _readings(interpretations: Mapping[str, str], lb: Any, lang: str) -> tuple[tuple[str, str], ...]:
    """Each reading applied: its question and the meaning of the value, in the memo's language."""
    out = []
    with using(lang):
        for key, value in interpretations.items():
            r = lb.readings.get(key)
            out.append((data_text(r.question), data_text(r.values.get(value, value))) if r else (key, value))
    return tuple((scrub(q), scrub(m)) for q, m in out)


def _facts(case: Mapping[str, Any], _: Any) -> tuple[tuple[str, str], ...]:
    """The case as given, each field in words; a list item on a line of its own."""
    out: list[tuple[str, str]] = []

    def walk(m: Mapping[str, Any], prefix: str) -> None:
        for key, value in m.items():
            if key in ("id", "decision_date"):
                continue
            label = field_words(key, _)
            name = f"{prefix}{label}" if prefix else label
            if isinstance(value, Mapping):
                walk(value, f"{name}: ")
            elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
                item_name = _(ITEM_WORDS[key]) if key in ITEM_WORDS else label
                for i, item in enumerate(value, 1):
                    out.append((f"{item_name} {i}", value_words(item, _)))
            else:
                out.append((name, scrub(value_words(value, _))))  # a treaty by its title

    walk(case, "")
    return tuple((k[:1].upper() + k[1:], v) for k, v in out)


def _version_text(g: Mapping[str, Any], day: dt.date, _: Any, lang: str) -> tuple[str, str]:
    v = g.get("version")
    if v is None:
        return "", ""
    start = (
        _("in force from %(day)s") % {"day": text_day(v["valid_from"], lang)}
        if v.get("valid_from")
        else _("in force from before the data horizon")
    )
    until = (
        f", {_('until %(day)s (excluded)') % {'day': text_day(v['valid_until'], lang)}}"
        if v.get("valid_until")
        else ""
    )
    act = _(v["act"])  # law data: its translation is in the catalogue (babel.cfg: versions.act)
    return f"{act}: {start}{until}", _(CERTAINTY.get(v.get("certainty") or "", ""))


def _ground(g: Mapping[str, Any], lb: Any, day: dt.date, lang: str) -> MemoGround:
    _ = translator(lang)
    provision = lb.provisions.get(g["provision"])
    version_words, certainty = _version_text(g, day, _, lang)
    statute_version = None
    if provision is not None:
        if g.get("version"):
            statute_version = next((v for v in provision.versions if v.id == g["version"]["id"]), None)
        else:  # not in force: the next version, so the memo says what will apply and from when
            statute_version = next(
                (v for v in provision.versions if v.valid_from and v.valid_from > day), None
            )
            if statute_version is not None:
                version_words = f"{_(statute_version.act)}: " + _(
                    "not in force on the decision date; in force from %(day)s"
                ) % {"day": text_day(statute_version.valid_from, lang)}
                certainty = _(CERTAINTY.get(statute_version.valid_from_certainty or "", ""))
    statute = None
    if statute_version is not None:
        mark = statute_version.text_confidence
        statute = MemoStatute(
            ru=statute_version.text.ru,
            en=statute_version.text.en,
            mark=mark,
            mark_words=_(TEXT_MARKS.get(mark, mark)),
            sources=tuple(_source(s, _) for s in statute_version.sources),
        )
    title = provision.title.ru if (provision is not None and lang == "ru") else g["title"]
    citation = provision.label.ru if (provision is not None and lang == "ru") else g["citation"]
    with using(lang):  # a condition's text is translated in the language of the moment, as on the web page
        ground_reasons = tuple(reasons(g, _=_, condition=answers.condition))
    return MemoGround(
        provision=g["provision"],
        citation=citation,
        title=title,
        status=g["status"],
        status_words=_(STATUS_WORDS[g["status"]]),
        effect_words=_(EFFECT_WORDS.get(g["effect"], g["effect"])),
        version=version_words,
        date_certainty=certainty,
        reasons=ground_reasons,
        statute=statute,
    )


def _source(s: Any, _: Any) -> str:
    where = f" <{s.url}>" if s.url else ""
    return f"{scrub(s.publisher)}{where} ({s.confidence}: {_(MARKS.get(s.confidence, ''))})"


def _outcome_in(text: str, _: Any) -> str:
    """An alternative's outcome: a code of the answer (`permitted`) in words, anything else as it is."""
    return _(OUTCOME_WORDS[text]) if text in OUTCOME_WORDS else scrub(text)


def _question(q: Mapping[str, Any], _: Any) -> MemoQuestion:
    alternatives = []
    for alt in q.get("alternatives") or ():
        if alt.get("reading"):
            cond = _("Under the reading: %(reading)s") % {"reading": scrub(alt["reading"])}
        else:
            cond = _("If %(condition)s") % {"condition": scrub(alt.get("if") or "")}
        alternatives.append(
            MemoAlternative(cond, _outcome_in(alt.get("outcome") or alt.get("status") or "", _))
        )
    links: list[tuple[str, str]] = []
    if q.get("kind") == "treaty_collision":
        treaties = [q["treaty"]] if q.get("treaty") else list(q.get("candidates") or ())
        treaties += list(q.get("binding_treaties") or ())
        links = [(t["title"], f"/treaties/{t['id']}") for t in treaties]
    current = q.get("current") or ""
    first, _sep, rest = current.partition(" ")
    current = f"{_outcome_in(first, _)} {rest}".strip() if first in OUTCOME_WORDS else scrub(current)
    return MemoQuestion(
        question=scrub(q["question"]),
        current=current,
        alternatives=tuple(alternatives),
        sources=tuple(q.get("sources") or ()),
        links=tuple(links),
    )


def _change(case: Mapping[str, Any], answer: Mapping[str, Any], lb: Any, lang: str) -> MemoChange | None:
    """The first later version of a ground not in force on the decision date whose entry into force
    changes the outcome on these facts, as the timeline engine finds it; with the law data's open
    question whether a court reviewing the decision then applies it."""
    from extrashield import default_evaluator
    from extrashield.engine.timeline import build_timeline
    from extrashield.facts.case import validate_case

    _ = translator(lang)
    day = dt.date.fromisoformat(answer["decision_date"])
    later = []
    for g in answer["grounds"]:
        if g["status"] != "not_in_force" or g["provision"] not in lb.provisions:
            continue
        p = lb.provisions[g["provision"]]
        v = next((v for v in p.versions if v.valid_from and v.valid_from > day and v.bill is None), None)
        if v is not None:
            later.append((v.valid_from, p, v))
    if not later:
        return None
    start, provision, version = min(later, key=lambda t: t[0])
    raw = dict(case)
    raw["decision_date"] = day.isoformat()
    valid = validate_case(raw)
    t = build_timeline(
        default_evaluator(), valid, day, start + dt.timedelta(days=1), answer["interpretations"]
    ).to_dict()
    after = next(i for i in t["intervals"] if i["from"] <= start.isoformat() < i["until"])
    if after["outcome"] == answer["outcome"]:
        return None
    citations = {pid: (p.label.ru if lang == "ru" else p.citation) for pid, p in lb.provisions.items()}
    review = next((q for q in provision.open_questions if q.views and q.id.endswith("pending_review")), None)
    outcome_words = _(OUTCOME_WORDS[after["outcome"]])
    review_q = None
    if review is not None:
        by_day = {"review_day": outcome_words, "decision_day": _(OUTCOME_WORDS[answer["outcome"]])}
        review_q = MemoQuestion(
            question=scrub(review.question),
            current=scrub(review.why),
            alternatives=tuple(
                MemoAlternative(_("View: %(view)s") % {"view": scrub(v.view)}, by_day.get(v.law_of or "", ""))
                for v in review.views
            ),
            sources=tuple(dict.fromkeys(_source(s, _) for v in review.views for s in v.sources)),
        )
    return MemoChange(
        day=start.isoformat(),
        citation=citations[provision.id],
        certainty=_(CERTAINTY.get(version.valid_from_certainty or "", "")),
        outcome=after["outcome"],
        outcome_words=outcome_words,
        applies=tuple(citations.get(p, p) for p in after["applies"]),
        review=review_q,
    )
