"""Build the blind pair set: ``python benchmarks/data/match_blind/build_pairs.py`` writes pairs.jsonl here.

Each pair puts a wanted-notice row (Latin or native script) beside a Russian-record row (Cyrillic in Russian
practical transcription and/or the ICAO Doc 9303 Latin of that Cyrillic) as person-list rows of contract
§3b. Positives are one person written both ways with the slips real lists carry; negatives are the hard
ones an investigator meets: namesakes, relatives, same surname and nationality, dates ten years apart.
Seeded, so the file is reproducible; the name tables are in names.py (see README.md).
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from names import COUNTRIES, Country, Tok

HERE = Path(__file__).parent

# ICAO Doc 9303 (7th ed., part 3) transliteration of Cyrillic, as Russian passports print it since 2013.
ICAO = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "A",
            "B",
            "V",
            "G",
            "D",
            "E",
            "E",
            "ZH",
            "Z",
            "I",
            "I",
            "K",
            "L",
            "M",
            "N",
            "O",
            "P",
            "R",
            "S",
            "T",
            "U",
            "F",
            "KH",
            "TS",
            "CH",
            "SH",
            "SHCH",
            "IE",
            "Y",
            "",
            "E",
            "IU",
            "IA",
        ],
    )
)


def icao(cyrillic: str) -> str:
    out = []
    for ch in cyrillic:
        low = ch.lower()
        if low in ICAO:
            out.append(ICAO[low])
        elif ch in "'’ʻ.":
            continue
        else:
            out.append(ch.upper())
    return " ".join("".join(out).split())


def patronymic(father_ru: str) -> str:
    """Russian patronymic of a (Central Asian) father's name as a Russian clerk forms it."""
    if father_ru.endswith(("а", "о", "я")):
        return father_ru + "евич"  # Абдулла -> Абдуллаевич, Нурулло -> Нуруллоевич
    if father_ru.endswith("й"):
        return father_ru[:-1] + "евич"
    if father_ru[-1] in "жшчщц":
        return father_ru + "евич"
    return father_ru + "ович"


@dataclass
class Person:
    country: Country
    given: list[Tok]
    middle: list[Tok]
    surname: list[Tok]
    birth: date
    father: Tok | None = None  # Central Asia: patronymic source; Kyrgyz: the uulu name
    uulu: bool = False
    father_ru: str = ""  # the father's Russian given name when he is himself in the set (relatives)
    notes: list[str] = field(default_factory=list)


@dataclass
class Style:
    """How one side of one pair is written: chosen per row, so every pair mixes the usual slips."""

    native: bool = False
    surname_first: bool = False
    comma: bool = False
    upper_surname: bool = True
    drop_middle: bool = False
    drop_second_surname: bool = False
    initials: bool = False
    typo: bool = False
    date_mode: str = "full"  # full, year, month, none, swap (day and month exchanged), dotted
    nationality: str = "code"  # code, name, none
    cyrillic: bool = True
    latin: bool = False
    patronymic: bool = True
    zoda_as_ov: bool = False


def pick(rng: random.Random, options: tuple[str, ...]) -> str:
    # The usual spelling is the likeliest; a quarter of the time another one a list may carry.
    return options[0] if len(options) == 1 or rng.random() < 0.55 else rng.choice(options[1:])


def typo(rng: random.Random, word: str) -> str:
    letters = list(word)
    if len(letters) < 4:
        return word
    inner = [j for j in range(1, len(letters) - 1) if letters[j].isalpha() and letters[j + 1].isalpha()]
    if not inner:
        return word
    i = rng.choice(inner)
    kind = rng.choice(["drop", "swap", "double", "vowel"])
    if kind == "drop":
        del letters[i]
    elif kind == "swap" and letters[i] != letters[i + 1]:
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    elif kind == "double":
        letters.insert(i, letters[i])
    else:
        vowels = {
            "а": "о",
            "о": "а",
            "е": "и",
            "и": "е",
            "у": "ю",
            "a": "e",
            "e": "i",
            "i": "e",
            "o": "u",
            "u": "o",
            "ы": "и",
        }
        for j in [i, *range(1, len(letters))]:
            if letters[j] in vowels:
                letters[j] = vowels[letters[j]]
                break
    out = "".join(letters)
    return out if out != word else word[:-1]


def fmt_date(d: date, mode: str, rng: random.Random) -> str:
    if mode == "none":
        return ""
    if mode == "year":
        return f"{d.year}"
    if mode == "month":
        return f"{d.year}-{d.month:02d}"
    if mode == "swap":
        return f"{d.year}-{d.day:02d}-{d.month:02d}"
    if mode == "dotted":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    return d.isoformat()


def apply_typo(rng: random.Random, parts: list[str]) -> list[str]:
    idx = [i for i, p in enumerate(parts) if len(p) >= 4 and "-" not in p]
    if not idx:
        return parts
    i = rng.choice(idx)
    return [typo(rng, p) if j == i else p for j, p in enumerate(parts)]


def wanted_row(p: Person, s: Style, rng: random.Random, rid: str) -> dict[str, str]:
    c = p.country
    middle = [] if s.drop_middle else list(p.middle)
    given = middle + list(p.given) if c.code == "BD" else list(p.given) + middle
    surname = p.surname[:1] if s.drop_second_surname else list(p.surname)
    if s.native:
        g = [t.native for t in given]
        f = [t.native for t in surname]
        if p.uulu:
            f = [f"{p.father.native if p.father else ''} уулу"]
        if c.order == "eastern":
            name = "".join(f) + c.native_joiner + "".join(g)
        elif c.order == "ca" and s.surname_first:
            name = " ".join(f + g)
        else:
            name = " ".join(g + f)
    else:
        g = [pick(rng, t.latin) for t in given]
        if s.initials and len(g) > 1:
            g = [g[0]] + [x[0] + "." for x in g[1:]]
        f = [pick(rng, t.latin) for t in surname]
        if p.uulu and p.father:
            f = [f"{p.father.latin[0]} uulu"]
        if s.typo:
            g = apply_typo(rng, g)
        if s.upper_surname:
            f = [x.upper() for x in f]
        eastern_first = c.order == "eastern" and (s.surname_first or rng.random() < 0.65)
        if eastern_first or (c.order != "eastern" and s.surname_first):
            name = " ".join(f) + ("," if s.comma else "") + " " + " ".join(g)
        else:
            name = " ".join(g + f)
    row = {"id": rid, "name": name, "birth_date": fmt_date(p.birth, s.date_mode, rng)}
    nat = {"code": c.code, "name": c.en, "none": ""}[s.nationality]
    row["nationality"] = nat
    return {k: v for k, v in row.items() if v}


def recruit_row(p: Person, s: Style, rng: random.Random, rid: str) -> dict[str, str]:
    c = p.country
    given = [pick(rng, t.russian) for t in p.given]
    middle = [] if s.drop_middle else [pick(rng, t.russian) for t in p.middle]
    surname_toks = p.surname[:1] if s.drop_second_surname else list(p.surname)
    surname = [
        t.alt_russian if (s.zoda_as_ov and t.alt_russian) else pick(rng, t.russian) for t in surname_toks
    ]
    if p.uulu and p.father:
        surname = [p.father.russian[0].removesuffix("ович").removesuffix("евич") + " уулу"]
    pat = []
    if c.order == "ca" and not p.uulu and s.patronymic:
        if p.father_ru:
            pat = [patronymic(p.father_ru)]
        elif p.father:
            pat = [pick(rng, p.father.russian)]
    if s.typo:
        typed = apply_typo(rng, given + surname)
        given, surname = typed[: len(given)], typed[len(given) :]
    if s.initials:
        given = [x[0] + "." for x in given]
        middle = [x[0] + "." for x in middle]
        pat = [x[0] + "." for x in pat]
    if c.code == "BD":  # Mohammad / Md. comes before the given name
        given, middle = middle + given, []
    if c.order == "eastern" or s.surname_first:
        parts = surname + given + middle + pat
    else:
        parts = given + middle + pat + surname
    cyr = " ".join(parts)
    cyr = cyr[:1].upper() + cyr[1:]
    row: dict[str, str] = {"id": rid}
    if s.cyrillic:
        row["name"] = cyr
    if s.latin or not s.cyrillic:
        row["latin_name"] = icao(cyr)
    row["birth_date"] = fmt_date(p.birth, s.date_mode, rng)
    row["nationality"] = {"code": c.code, "name": c.ru, "none": ""}[s.nationality]
    return {k: v for k, v in row.items() if v}


def rand_date(rng: random.Random, lo: int = 1966, hi: int = 2004) -> date:
    return date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def new_person(
    rng: random.Random,
    c: Country,
    used: set[str],
    *,
    surname: list[Tok] | None = None,
    given: Tok | None = None,
) -> Person:
    for _ in range(200):
        g = given or rng.choice(c.given)
        n_sur = c.surnames_per_person
        sur = surname or rng.sample(c.surname, n_sur)
        middle: list[Tok] = []
        if c.script == "Arabic":
            middle = [rng.choice([t for t in c.given if t is not g])]
        elif c.script == "Somali":
            middle = [rng.choice([t for t in c.given if t is not g])]
        elif c.middle and rng.random() < 0.5:
            middle = [rng.choice([t for t in c.middle if t.key != g.key and t.key != sur[0].key])]
        if c.code in ("CU", "CO") and rng.random() < 0.4:
            middle = [rng.choice([t for t in c.given if t is not g])]
        key = g.key + "|" + "|".join(t.key for t in middle) + "|" + "|".join(t.key for t in sur)
        if key in used or g.key == sur[0].key:
            continue
        used.add(key)
        father = rng.choice(c.fathers) if c.fathers else None
        uulu = c.code == "KG" and rng.random() < 0.45
        return Person(c, [g], middle, sur, rand_date(rng), father=father, uulu=uulu)
    raise RuntimeError(f"no fresh name left in {c.code}")


def base_style(rng: random.Random, c: Country) -> tuple[Style, Style]:
    w = Style(
        native=bool(c.script) and rng.random() < 0.45,
        surname_first=rng.random() < 0.4,
        comma=rng.random() < 0.3,
        upper_surname=rng.random() < 0.7,
        date_mode=rng.choice(["full"] * 6 + ["dotted"]),
        nationality=rng.choice(["code", "code", "name"]),
    )
    r = Style(
        surname_first=rng.random() < 0.7 or c.order == "ca",
        date_mode=rng.choice(["full", "full", "dotted"]),
        nationality=rng.choice(["code", "name", "name"]),
        cyrillic=rng.random() < 0.8,
        latin=rng.random() < 0.5,
        patronymic=rng.random() < 0.8,
    )
    return w, r


VARIATIONS = [
    "drop_middle",
    "initials",
    "typo_wanted",
    "typo_recruit",
    "year_only",
    "year_month",
    "day_month_swap",
    "no_nationality",
    "no_birth_date",
    "drop_second_surname",
    "zoda_as_ov",
]


def vary(rng: random.Random, p: Person, w: Style, r: Style, n: int) -> list[str]:
    applicable = []
    for v in VARIATIONS:
        if v == "drop_middle" and not p.middle:
            continue
        if v == "drop_second_surname" and len(p.surname) < 2:
            continue
        if v == "zoda_as_ov" and not any(t.alt_russian for t in p.surname):
            continue
        if v == "day_month_swap" and (p.birth.day > 12 or p.birth.day == p.birth.month):
            continue
        if v == "initials" and not (p.middle or p.country.order == "ca"):
            continue
        if v == "typo_wanted" and w.native:
            continue
        applicable.append(v)
    weights = {
        "no_birth_date": 0.3,
        "typo_wanted": 0.35,
        "typo_recruit": 0.35,
        "no_nationality": 0.6,
        "zoda_as_ov": 2.0,
        "drop_second_surname": 1.5,
        "drop_middle": 1.5,
    }
    chosen: list[str] = []
    for _ in range(n):
        # At most one slip in the birth date, and none beside initials: an initial with only a birth year
        # is not a match a reviewer could confirm either.
        dates = {"year_only", "year_month", "day_month_swap", "no_birth_date", "initials"}
        pool = [v for v in applicable if v not in chosen and not (v in dates and dates & set(chosen))]
        if not pool:
            break
        v = rng.choices([*pool, "stop"], [*(weights.get(x, 1.0) for x in pool), 1.2])[0]
        if v == "stop":  # once the usual slips are used up, a row stays clean rather than misspelt
            break
        chosen.append(v)
        if v == "drop_middle":
            (w if rng.random() < 0.5 else r).drop_middle = True
        elif v == "initials":
            if p.country.order == "ca":
                r.initials = True
            else:
                w.initials = True
                w.native = False
        elif v == "typo_wanted":
            w.typo = True
        elif v == "typo_recruit":
            r.typo = True
        elif v == "year_only":
            w.date_mode = "year"
        elif v == "year_month":
            w.date_mode = "month"
        elif v == "day_month_swap":
            r.date_mode = "swap"
        elif v == "no_nationality":
            (w if rng.random() < 0.5 else r).nationality = "none"
        elif v == "no_birth_date":
            w.date_mode = "none"
        elif v == "drop_second_surname":
            (w if rng.random() < 0.5 else r).drop_second_surname = True
        elif v == "zoda_as_ov":
            r.zoda_as_ov = True
    return chosen


def describe(w: Style, r: Style, c: Country) -> list[str]:
    out = []
    out.append(f"wanted in {c.script}" if w.native else "wanted in Latin")
    if not r.cyrillic:
        out.append("recruit only as passport Latin")
    elif r.latin:
        out.append("recruit in Cyrillic and passport Latin")
    return out


def shifted(rng: random.Random, d: date, years: int, same_day: bool) -> date:
    if same_day:
        return d.replace(year=d.year + years)
    return date(d.year + years, rng.randint(1, 12), rng.randint(1, 28))


def build() -> list[dict[str, object]]:
    rng = random.Random(20261207)
    pairs: list[dict[str, object]] = []

    def emit(label: int, kind: str, p: Person, q: Person, notes: list[str], w: Style, r: Style) -> None:
        n = len(pairs) + 1
        if kind in ("relative", "same_surname") and p.given[0] is q.given[0]:
            # the random "other" given name came out the same: that is a namesake (found after the
            # first commit; relabelled here so the rest of the seeded set stays as it was)
            kind, notes = "namesake", [*notes, "same given name drawn too: a namesake"]
        pairs.append(
            {
                "id": f"blind-{n:04d}",
                "label": label,
                "kind": kind,
                "country": p.country.code,
                "script": p.country.script or "Latin",
                "notes": "; ".join(describe(w, r, p.country) + notes),
                "wanted": wanted_row(p, w, rng, f"W{n:04d}"),
                "recruit": recruit_row(q, r, rng, f"R{n:04d}"),
            }
        )

    common = {  # the names every list has many of: namesakes among them are the hardest negatives
        "NP": ("Ram", "Thapa"),
        "CU": ("José", "García"),
        "IQ": ("Mohammed", "Ali"),
        "KP": ("Chol", "Kim"),
        "EG": ("Mohammed", "Ali"),
        "CN": ("Wei", "Wang"),
        "BD": ("Rafiqul", "Islam"),
        "IN": ("Rajesh", "Kumar"),
    }
    for c in COUNTRIES:
        used: set[str] = set()
        people = [new_person(rng, c, used) for _ in range(8)]
        if c.code in common:
            gk, sk = common[c.code]
            gt = next((t for t in c.given if t.key.startswith(gk)), None)
            st = next((t for t in c.surname + c.given if t.key.startswith(sk)), None)
            if gt and st and not any(q.given[0] is gt and q.surname[0] is st for q in people):
                cp = new_person(rng, c, used, given=gt, surname=[st, *people[0].surname[1:]])
                cp.middle = []
                people[0] = cp
        # Matches: every person once, three of them twice with other slips.
        for p in people + people[:3]:
            w, r = base_style(rng, c)
            notes = vary(rng, p, w, r, rng.choice([1, 2, 2, 3]))
            emit(1, "match", p, p, notes, w, r)
        # Namesakes: the same name, another person born on another day.
        for p in (people[0], people[1]):
            q = Person(
                c,
                p.given,
                p.middle,
                p.surname,
                shifted(rng, p.birth, rng.choice([-7, -4, -2, 3, 5]), False),
                p.father,
                p.uulu,
            )
            w, r = base_style(rng, c)
            emit(0, "namesake", p, q, ["same name, other birth date"], w, r)
        # Same name, born ten years apart on the same day and month (a typist's slip is not that large).
        for p in (people[2], people[3] if c.order != "eastern" else people[0]):
            q = Person(
                c,
                p.given,
                p.middle,
                p.surname,
                shifted(rng, p.birth, -10 if p.birth.year > 1993 else rng.choice([-10, 10]), True),
                p.father,
                p.uulu,
            )
            w, r = base_style(rng, c)
            emit(0, "ten_years", p, q, ["same name, birth date ten years apart, same day and month"], w, r)
        # Relatives: father and son (the son's patronymic or middle name is the father's name), brothers.
        dad = people[4]
        son = new_person(rng, c, used, surname=dad.surname)
        son.birth = (
            shifted(rng, dad.birth, rng.randint(20, 30), False) if dad.birth.year < 1984 else son.birth
        )
        if son.birth.year - dad.birth.year < 18:
            dad.birth = shifted(rng, son.birth, -rng.randint(22, 30), False)
        if c.order == "ca":
            dad.uulu = son.uulu = False
            son.father_ru = dad.given[0].russian[0]
        elif c.script in ("Arabic", "Somali"):
            son.middle = [dad.given[0]]
        w, r = base_style(rng, c)
        if rng.random() < 0.5:
            emit(0, "relative", son, dad, ["son on the wanted list, father among the recruits"], w, r)
        else:
            emit(0, "relative", dad, son, ["father on the wanted list, son among the recruits"], w, r)
        brother = new_person(rng, c, used, surname=people[5].surname)
        brother.birth = shifted(rng, people[5].birth, rng.choice([-5, -3, -2, 2, 4]), False)
        brother.father, brother.uulu = people[5].father, people[5].uulu
        if c.script in ("Arabic", "Somali"):
            brother.middle = people[5].middle
        w, r = base_style(rng, c)
        emit(0, "relative", people[5], brother, ["brothers: same surname and father, other given name"], w, r)
        # Same surname and nationality, other given name; birth years close.
        for p in (people[6], people[7], people[1]):
            q = new_person(rng, c, used, surname=p.surname)
            q.birth = shifted(rng, p.birth, rng.randint(-3, 3), False)
            if p.uulu:  # a Kyrgyz "surname" in uulu form is the father's name
                q.uulu, q.father = True, p.father
            w, r = base_style(rng, c)
            emit(0, "same_surname", p, q, ["same surname and nationality, other given name"], w, r)
        # Different people of one country, half of them born on the same day.
        p = people[3]
        q = new_person(rng, c, used)
        if rng.random() < 0.5:
            q.birth = p.birth
            note = "different names, same birth date"
        else:
            note = "different person of the same country"
        w, r = base_style(rng, c)
        emit(0, "different", p, q, [note], w, r)
    return pairs


def main() -> None:
    pairs = build()
    with (HERE / "pairs.jsonl").open("w", encoding="utf-8") as out:
        for pair in pairs:
            out.write(json.dumps(pair, ensure_ascii=False) + "\n")
    labels = [int(str(p["label"])) for p in pairs]
    print(f"{len(pairs)} pairs, {sum(labels)} matches, {len(labels) - sum(labels)} non-matches")


if __name__ == "__main__":
    main()
