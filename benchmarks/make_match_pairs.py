"""Make the labelled pairs of wanted persons and recruits that benchmarks/match_quality.py scores.

    .venv/bin/python benchmarks/make_match_pairs.py [--seed 17] [--per-country 60]

writes benchmarks/data/match/pairs.jsonl (seeded: the same seed gives the same file). How the pairs are
built and why is in benchmarks/data/match/README.md. This script shares no code with extrashield.matching:
its Russian spellings come from the hand-written name bank (names.yaml), its passport Latin from its own
ICAO Doc 9303 table, its typos from its own list of clerks' slips.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent / "data" / "match"

# ICAO Doc 9303 (7th ed.), Part 3, transliteration of Cyrillic as used in Russian passports since 2010
ICAO = {
    "а": "A",
    "б": "B",
    "в": "V",
    "г": "G",
    "д": "D",
    "е": "E",
    "ё": "E",
    "ж": "ZH",
    "з": "Z",
    "и": "I",
    "й": "I",
    "к": "K",
    "л": "L",
    "м": "M",
    "н": "N",
    "о": "O",
    "п": "P",
    "р": "R",
    "с": "S",
    "т": "T",
    "у": "U",
    "ф": "F",
    "х": "KH",
    "ц": "TS",
    "ч": "CH",
    "ш": "SH",
    "щ": "SHCH",
    "ъ": "IE",
    "ы": "Y",
    "ь": "",
    "э": "E",
    "ю": "IU",
    "я": "IA",
}

# A clerk's slips when typing a foreign name heard or read: letters Russian speakers confuse in these names
SLIPS = [
    ("е", "э"),
    ("э", "е"),
    ("и", "ы"),
    ("о", "а"),
    ("а", "о"),
    ("с", "з"),
    ("з", "с"),
    ("д", "т"),
    ("й", "и"),
    ("у", "ю"),
    ("х", "г"),
    ("б", "п"),
    ("в", "ф"),
    ("л", "ль"),
]

FEMALE = {
    "TJ": ["Dilnoza | Дилноза", "Malika | Малика", "Gulnora | Гулнора"],
    "UZ": ["Dilnoza | Дилноза", "Nodira | Нодира", "Shahnoza | Шахноза"],
    "KG": ["Aigul | Айгуль", "Aizhan | Айжан", "Nazgul | Назгуль"],
}
SPANISH_TWO_SURNAMES = {"CU", "CO"}
ARABIC_NASAB = {"SY", "EG", "IQ", "YE", "SO"}
FAMILY_FIRST = {"CN", "KP"}
CENTRAL_ASIAN = {"TJ", "UZ", "KG"}


@dataclass(frozen=True)
class Entry:
    latin: list[str]
    russian: list[str]
    native: str


def parse_entry(text: str) -> Entry:
    parts = [p.strip() for p in text.split("|")] + [""]
    return Entry(parts[0].split("/"), parts[1].split("/"), parts[2])


def load_bank() -> dict[str, dict[str, tuple[list[Entry], list[Entry]]]]:
    """country -> part -> (entries for training pairs, entries for held-out pairs)."""
    raw = yaml.safe_load((HERE / "names.yaml").read_text(encoding="utf-8"))
    bank: dict[str, dict[str, tuple[list[Entry], list[Entry]]]] = {}
    for country, parts in raw.items():
        bank[country] = {}
        for part, entries in parts.items():
            train: list[Entry] = []
            held: list[Entry] = []
            target = train
            for text in entries:
                if text.strip() == "# holdout":
                    target = held
                    continue
                target.append(parse_entry(text))
            bank[country][part] = (train, held or train)
    return bank


def icao(cyrillic: str) -> str:
    return "".join(ICAO.get(c.lower(), c.upper()) if c.isalpha() else c for c in cyrillic)


def pick(rng: random.Random, options: list[str]) -> str:
    # the first spelling is the usual one
    return options[0] if len(options) == 1 or rng.random() < 0.6 else rng.choice(options[1:])


def slip(rng: random.Random, word: str) -> str:
    lower = word.lower()
    choices = [(a, b) for a, b in SLIPS if a in lower[1:]]
    if choices and rng.random() < 0.7:
        a, b = rng.choice(choices)
        at = lower.index(a, 1)
        out = lower[:at] + b + lower[at + len(a) :]
    elif len(lower) > 4:
        at = rng.randrange(1, len(lower) - 1)
        out = lower[:at] + lower[at + 1 :]  # a letter left out
    else:
        out = lower
    return out[:1].upper() + out[1:]


@dataclass
class Person:
    country: str
    given: Entry
    middle: Entry | None
    family: list[Entry]  # one or two (Spanish and Portuguese second surname)
    father: Entry | None  # Arabic and Somali filiation; Central Asian patronymic
    born: dt.date
    female: bool = False


def make_person(rng: random.Random, bank: dict[str, Any], country: str, held: bool) -> Person:
    parts = bank[country]

    def entries(part: str) -> list[Entry]:
        train, hold = parts[part]
        return list(hold) if held else list(train)

    given = rng.choice(entries("given"))
    middle = rng.choice(entries("middle")) if "middle" in parts and rng.random() < 0.45 else None
    family = [rng.choice(entries("family"))]
    if country in SPANISH_TWO_SURNAMES | {"BR"} and rng.random() < 0.6:
        family.append(rng.choice([e for e in parts["family"][0] + parts["family"][1] if e != family[0]]))
    father = None
    if country in ARABIC_NASAB and rng.random() < 0.5:
        father = rng.choice(parts["given"][0] + parts["given"][1])
    elif country in CENTRAL_ASIAN:
        father = rng.choice(parts["given"][0] + parts["given"][1])
    born = dt.date(1968, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 36))  # aged 20 to 56 in 2024
    return Person(country, given, middle, family, father, born)


def patronymic(father_russian: str, female: bool) -> str:
    stem = father_russian
    if stem.endswith("й"):
        return stem[:-1] + ("евна" if female else "евич")
    return stem + ("овна" if female else "ович")


def latin_name(rng: random.Random, p: Person, native_ok: bool) -> tuple[str, str]:
    """The wanted notice's spelling, and whether it is in the native script."""
    native = native_ok and all(e.native for e in [p.given, *p.family] + ([p.middle] if p.middle else []))
    if native and rng.random() < 0.4:
        if p.country in FAMILY_FIRST:
            return p.family[0].native + p.given.native, "native"
        words = [p.given.native] + ([p.middle.native] if p.middle else [])
        if p.father is not None and p.father.native and p.country in ARABIC_NASAB:
            words.append(p.father.native)
        words += [e.native for e in p.family]
        return " ".join(words), "native"
    given = pick(rng, p.given.latin)
    family = [pick(rng, e.latin) for e in p.family]
    if p.country in FAMILY_FIRST:
        return " ".join([family[0], given]), "latin"
    words = [given]
    if p.middle is not None:
        m = pick(rng, p.middle.latin)
        if p.country == "BD":
            words.insert(0, m)  # Md. Rahim Uddin
        else:
            words.append(m)
    if p.father is not None and p.country in ARABIC_NASAB:
        words.append(pick(rng, p.father.latin))
    words += family
    return " ".join(words), "latin"


def russian_name(rng: random.Random, p: Person, drop_middle: bool, drop_second: bool, typo: bool) -> str:
    given = pick(rng, p.given.russian)
    family = [pick(rng, e.russian) for e in p.family]
    if drop_second and len(family) > 1:
        family = family[:1]
    if p.female and p.country in CENTRAL_ASIAN:
        family = [f + "а" if f.endswith(("ов", "ев")) else f for f in family]
    middle = [] if p.middle is None or drop_middle else [pick(rng, p.middle.russian)]
    if p.country in FAMILY_FIRST:
        words = family[:1] + given.split()
    elif p.country in CENTRAL_ASIAN:
        pat = [] if "уулу" in family[0] or p.father is None else [patronymic(p.father.russian[0], p.female)]
        words = [*family, given, *pat] if rng.random() < 0.8 else [given, *family, *pat]
    else:
        extra = [pick(rng, p.father.russian)] if p.father is not None and p.country in ARABIC_NASAB else []
        if rng.random() < 0.6:
            words = [*family, given, *middle, *extra]  # the Russian order: family name first
        else:
            words = [given, *middle, *extra, *family]
        if p.country == "BD" and middle:
            words = [w for w in words if w not in middle]
            words.insert(0 if words[0] == given else 1, middle[0])
    if typo:
        at = rng.randrange(len(words))
        words[at] = slip(rng, words[at])
    return " ".join(words)


def date_text(rng: random.Random, day: dt.date, full: float, month: float, missing: float) -> str:
    r = rng.random()
    if r < missing:
        return ""
    if r < missing + full:
        return day.isoformat() if rng.random() < 0.7 else day.strftime("%d.%m.%Y")
    if r < missing + full + month:
        return day.strftime("%Y-%m")
    return str(day.year)


def with_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


LATIN_SLIPS = [
    ("ee", "i"),
    ("ou", "u"),
    ("a", "e"),
    ("i", "y"),
    ("u", "o"),
    ("ss", "s"),
    ("kh", "k"),
    ("sh", "s"),
    ("y", "i"),
    ("e", "a"),
]


def latin_slip(rng: random.Random, name: str) -> str:
    """A different hand's spelling in the notice: one vowel or digraph written otherwise."""
    words = name.split()
    at = rng.randrange(len(words))
    lower = words[at]
    choices = [(a, b) for a, b in LATIN_SLIPS if a in lower[1:]]
    if not choices or not lower.isascii():
        return name
    a, b = rng.choice(choices)
    i = lower.index(a, 1)
    words[at] = lower[:i] + b + lower[i + len(a) :]
    return " ".join(words)


def record_pair(
    rng: random.Random,
    bank: dict[str, Any],
    country: str,
    held: bool,
    kind: str,
    counter: list[int],
    hard: bool = False,
) -> dict[str, Any]:
    p = make_person(rng, bank, country, held)
    q = p
    notes: list[str] = []
    if kind == "namesake":
        gap = rng.choice([-1, 1]) * rng.randint(3, 15)
        gap = gap if p.born.year + gap <= 2006 else -gap
        q = Person(
            p.country,
            p.given,
            p.middle,
            p.family,
            p.father,
            with_year(p.born, gap) + dt.timedelta(days=rng.randint(-150, 150)),
        )
    elif kind == "ten_years":
        q = Person(
            p.country,
            p.given,
            p.middle,
            p.family,
            p.father,
            with_year(p.born, 10 if p.born.year <= 1996 else -10),
        )
    elif kind in ("relative", "same_surname"):
        other = rng.choice([e for e in bank[country]["given"][0] + bank[country]["given"][1] if e != p.given])
        female = kind == "relative" and country in FEMALE and rng.random() < 0.5
        if female:
            other = parse_entry(rng.choice(FEMALE[country]))
        # a parent (20 to 32 years older) or a brother or sister (2 to 8 years apart)
        gap = -rng.randint(20, 32) if rng.random() < 0.5 else rng.choice([-1, 1]) * rng.randint(2, 8)
        if kind == "same_surname":
            gap = rng.randint(-15, 15)
        gap = min(gap, 2006 - p.born.year)  # a recruit is an adult
        q = Person(
            p.country,
            other,
            None,
            p.family[:1],
            p.father if kind == "relative" else None,
            with_year(p.born, gap) + dt.timedelta(days=rng.randint(-100, 100)),
            female=female,
        )
        if female:
            notes.append("female form of the family name")
    elif kind == "different":
        q = make_person(rng, bank, country, held)
        if q.family[0] == p.family[0] and q.given == p.given and abs(q.born.year - p.born.year) < 5:
            q = Person(
                q.country,
                q.given,
                q.middle,
                q.family,
                q.father,
                with_year(p.born, 12 if p.born.year <= 1994 else -12),
            )
    match = kind == "match"
    wanted_name, script = latin_name(rng, p, native_ok=True)
    drop_middle = p.middle is not None and rng.random() < 0.4
    drop_second = len(p.family) > 1 and rng.random() < 0.4
    typo = rng.random() < 0.2
    for flag, label in (
        (drop_middle, "middle name dropped"),
        (drop_second, "second surname dropped"),
        (typo, "typo in the Russian record"),
    ):
        if flag and match:
            notes.append(label)
    recruit_name = russian_name(rng, q, drop_middle, drop_second, typo)
    if hard:
        # the noisy part: a second slip in the Russian record, another spelling in the notice, and a
        # given name or patronymic left out of the Russian record
        words = recruit_name.split()
        if rng.random() < 0.6:
            at = rng.randrange(len(words))
            words[at] = slip(rng, words[at])
            notes.append("second typo")
        if len(words) > 2 and rng.random() < 0.4:
            words.pop(rng.randrange(1, len(words)))
            notes.append("a word left out")
        recruit_name = " ".join(words)
        if script == "latin" and rng.random() < 0.6:
            wanted_name = latin_slip(rng, wanted_name)
            notes.append("another spelling in the notice")
    if script == "native":
        notes.append("wanted name in native script")
    recruit_born = q.born
    if match and rng.random() < 0.08:
        if recruit_born.day <= 12 and rng.random() < 0.5:
            recruit_born = recruit_born.replace(day=recruit_born.month, month=recruit_born.day)
            notes.append("day and month swapped")
        else:
            recruit_born = with_year(recruit_born, rng.choice([-1, 1]))
            notes.append("birth year off by one")
    if match:
        wanted_birth = date_text(rng, p.born, full=0.75, month=0.0, missing=0.1)
        recruit_birth = date_text(rng, recruit_born, full=0.55, month=0.1, missing=0.1)
    else:
        # hard non-matches keep both dates (at least the year): two namesakes with no dates are not told apart
        wanted_birth = date_text(rng, p.born, full=0.8, month=0.0, missing=0.0)
        recruit_birth = date_text(rng, recruit_born, full=0.6, month=0.1, missing=0.0)
    passport = rng.random() < 0.35
    only_passport = passport and rng.random() < 0.25
    counter[0] += 1
    ident = counter[0]
    recruit: dict[str, Any] = {
        "id": f"R{ident}",
        "name": "" if only_passport else recruit_name,
        "latin_name": icao(recruit_name) if passport else "",
        "birth_date": recruit_birth,
        "nationality": country if rng.random() < 0.65 else "",
    }
    if only_passport:
        notes.append("recruit in passport Latin only")
    wanted = {
        "id": f"W{ident}",
        "name": wanted_name,
        "birth_date": wanted_birth,
        "nationality": country if rng.random() < 0.95 else "",
    }
    return {
        "pair": ident,
        "split": "holdout-noisy" if hard else "holdout" if held else "train",
        "label": int(match),
        "kind": kind,
        "country": country,
        "notes": notes,
        "wanted": wanted,
        "recruit": recruit,
    }


KINDS = [
    ("match", 0.5),
    ("namesake", 0.1),
    ("ten_years", 0.1),
    ("relative", 0.12),
    ("same_surname", 0.12),
    ("different", 0.06),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--per-country", type=int, default=60)
    parser.add_argument("--noisy-per-country", type=int, default=20)
    parser.add_argument("--out", type=Path, default=HERE / "pairs.jsonl")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bank = load_bank()
    rows: list[dict[str, Any]] = []
    counter = [0]
    for country in bank:
        for n in range(args.per_country):
            held = n >= args.per_country * 2 // 3
            kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
            rows.append(record_pair(rng, bank, country, held, kind, counter))
        for _n in range(args.noisy_per_country):
            kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
            rows.append(record_pair(rng, bank, country, True, kind, counter, hard=True))
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    labels = sum(r["label"] for r in rows)
    held_n = sum(r["split"] != "train" for r in rows)
    print(f"{len(rows)} pairs ({labels} matches), {held_n} held out -> {args.out}")


if __name__ == "__main__":
    main()
