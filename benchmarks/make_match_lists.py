"""Two person lists with planted matches, for measuring `match` at list scale (benchmarks/match_scale.py).

    .venv/bin/python benchmarks/make_match_lists.py --wanted 2000 --recruits 10000 --out DIR [--seed 23]
        [--planted N] [--hard N] [--missing-dates SHARE] [--east-asian-given measured|syllables]

writes DIR/wanted.csv, DIR/recruits.csv (person lists of docs/contract.md §3b: `id`, `name`, `latin_name`,
`birth_date`, `nationality`) and DIR/truth.csv (`wanted_id`, `recruit_id` of every planted pair), in chunks,
so that a million recruits never sit in memory as rows. Seeded: the same arguments give the same files.

The labelled pairs' name bank (data/match/names.yaml: a few hundred names) is far too small for lists of
100,000: every pair of its names would recur hundreds of times. Here it is the *common* part of each
country's names (Mohammed, Ram, Kim, Zhang Wei, and Ivanov for the Russians among the recruits), drawn often;
the rest are names made of syllables, each syllable with its Latin and its Russian spelling from this
file's own tables (never from extrashield.matching), drawn by a Zipf law over a few thousand names per
country, as real lists are: a few names very common, most rare.

Recruits are written as Russian records write them (make_match_pairs.russian_name: family name first or
last, a middle name or second surname dropped, a clerk's typo, passport Latin beside or instead of the
Cyrillic). The wanted list holds, in order:

* planted persons (`--planted`, default a tenth): recruits written as a notice writes them (Latin, or the
  native script where the bank has it);
* hard non-matches made from a recruit: a namesake born 3 to 15 years apart, a relative (same family name
  and citizenship, another given name), in `--hard` of the wanted (default a tenth);
* other persons drawn from the same names, who collide with recruits as namesakes do by chance.

No two persons made here share given name, family names and birth date, so a pair that is not planted is
two different persons (whether anyone could tell them apart from these records is another matter: a
namesake with no birth date on one side cannot be).

Birth dates: a wanted row gives the full date in 75 % of the rows and the year alone in 15 %, a recruit row
the full date in 60 %, year and month in 10 % and the year alone in 20 %; each list leaves it out in the
other 10 % (`MISSING_DATES`; no measured source for any of these shares). `--missing-dates SHARE` sets
that last share on both lists and scales the others by (1 - SHARE) / 0.9, so that the dates given keep
their forms' proportions (at 0.0 a wanted row gives the full date in 83.3 % of the rows and the year alone
in 16.7 %). The persons, names and everything else stay those of the default share's lists (same seed
and other options): the dates are drawn as at 0.1, then a second generator, seeded from the seed alone,
draws for each row one number u and one date form from the proportions above; a date left out is given
(in that form) where u < (0.1 - SHARE) / 0.1, a date given is left out where u < (SHARE - 0.1) / 0.9. So
each row has its date with the shares' chances, and a row dated at one share is dated at every lower one.
The default, 0.1, writes the lists of before the option byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_match_pairs as gen

CHUNK = 10_000  # rows written at a time
# The share of each list's rows with no birth date (`--missing-dates`'s default; see the module's text)
MISSING_DATES = 0.1

# Syllables (Latin, Russian) by naming tradition; each tradition's given names are two or three of its
# syllables, its family names two syllables and an ending. Russian spellings follow the same practical
# transcription as the name bank (data/match/README.md).


def _syllables(consonants: str, vowels: str, extra: str = "") -> list[tuple[str, str]]:
    """Every consonant with every vowel, then the extra syllables; each written `latin:russian`."""

    def pairs(text: str) -> list[tuple[str, str]]:
        return [(p.split(":")[0], p.split(":")[1]) for p in text.split()]

    made = [(c + v, rc + rv) for (c, rc), (v, rv) in product(pairs(consonants), pairs(vowels))]
    return [*made, *pairs(extra)]


_SOUTH_ASIAN = _syllables(
    "k:к g:г ch:ч j:дж t:т d:д n:н p:п b:б m:м r:р l:л v:в s:с sh:ш h:х", "a:а i:и u:у e:е o:о"
)
_ARABIC = _syllables("kh:х h:х s:с sh:ш r:р m:м n:н j:дж f:ф b:б d:д t:т k:к z:з l:л w:в", "a:а i:и u:у")
_SPANISH = _syllables(
    "b:б c:к d:д f:ф g:г l:л m:м n:н p:п r:р s:с t:т v:в",
    "a:а o:о u:у",
    "ce:се ci:си je:хе ji:хи ja:ха jo:хо za:са",
)
_PORTUGUESE = _syllables(
    "b:б c:к d:д f:ф g:г l:л m:м n:н p:п r:р t:т v:в", "a:а u:у i:и", "ja:жа ju:жу ce:се ci:си"
)
_AFRICAN = _syllables("k:к mb:мб nk:нк ng:нг w:в m:м n:н t:т b:б d:д s:с l:л r:р", "a:а i:и o:о u:у", "ya:я")
_CENTRAL_ASIAN = _syllables(
    "kh:х sh:ш b:б d:д f:ф g:г j:дж k:к l:л m:м n:н r:р s:с t:т z:з", "a:а o:о u:у i:и"
)
_SERBIAN = _syllables("b:б d:д g:г k:к l:л m:м n:н p:п r:р s:с t:т v:в z:з", "a:а o:о u:у i:и")
_RUSSIAN = _syllables("b:б v:в g:г d:д z:з k:к l:л m:м n:н p:п r:р s:с t:т kh:х sh:ш", "a:а o:о u:у i:и")
_PINYIN = [
    ("wei", "вэй"), ("jun", "цзюнь"), ("ming", "мин"), ("hua", "хуа"), ("li", "ли"), ("xiao", "сяо"),
    ("jian", "цзянь"), ("guo", "го"), ("hong", "хун"), ("yong", "юн"), ("zhi", "чжи"), ("qiang", "цян"),
    ("lin", "линь"), ("bo", "бо"), ("tao", "тао"), ("gang", "ган"), ("ping", "пин"), ("jie", "цзе"),
    ("hai", "хай"), ("dong", "дун"), ("feng", "фэн"), ("lei", "лэй"), ("bin", "бинь"), ("peng", "пэн"),
    ("chao", "чао"), ("xin", "синь"), ("kai", "кай"), ("long", "лун"), ("fang", "фан"), ("yan", "янь"),
]  # fmt: skip
# More syllables for the measured given names (`EastAsianGiven.MEASURED`): two of 46 make some 2,000 names
_PINYIN_MORE = [
    ("yu", "юй"), ("hao", "хао"), ("jia", "цзя"), ("qing", "цин"), ("wen", "вэнь"), ("zhong", "чжун"),
    ("rong", "жун"), ("sheng", "шэн"), ("fu", "фу"), ("cheng", "чэн"), ("liang", "лян"), ("xiang", "сян"),
    ("de", "дэ"), ("an", "ань"), ("shan", "шань"), ("yi", "и"),
]  # fmt: skip
_CHINESE_FAMILY = [
    ("Wang", "Ван"), ("Li", "Ли"), ("Liu", "Лю"), ("Chen", "Чэнь"), ("Yang", "Ян"), ("Huang", "Хуан"),
    ("Zhao", "Чжао"), ("Zhou", "Чжоу"), ("Xu", "Сюй"), ("Sun", "Сунь"), ("Ma", "Ма"), ("Zhu", "Чжу"),
    ("Hu", "Ху"), ("Guo", "Го"), ("He", "Хэ"), ("Gao", "Гао"), ("Lin", "Линь"), ("Luo", "Ло"),
    ("Zheng", "Чжэн"), ("Liang", "Лян"), ("Song", "Сун"), ("Tang", "Тан"), ("Han", "Хань"), ("Feng", "Фэн"),
]  # fmt: skip
_KOREAN = [
    ("Chol", "Чхоль"), ("Song", "Сон"), ("Min", "Мин"), ("Nam", "Нам"), ("Su", "Су"), ("Gwang", "Гван"),
    ("Ho", "Хо"), ("Myong", "Мён"), ("Sok", "Сок"), ("Il", "Иль"), ("Hyon", "Хён"), ("Chun", "Чхун"),
    ("Kuk", "Гук"), ("Ryong", "Рён"), ("Hak", "Хак"), ("Man", "Ман"), ("Bok", "Бок"), ("Dok", "Док"),
]  # fmt: skip
_KOREAN_MORE = [
    ("Yong", "Ён"), ("Jin", "Чин"), ("Gyu", "Гю"), ("Hun", "Хун"), ("Hui", "Хи"), ("Gil", "Гиль"),
    ("Sik", "Сик"), ("Gyong", "Гён"), ("Jong", "Чон"), ("Thae", "Тхэ"), ("Hwan", "Хван"), ("Yun", "Юн"),
    ("Sam", "Сам"), ("Won", "Вон"), ("Sun", "Сун"), ("Ok", "Ок"), ("Hae", "Хэ"), ("Kum", "Гым"),
    ("Ung", "Ун"), ("Pyong", "Пхён"), ("Dong", "Дон"), ("Hyok", "Хёк"), ("Rim", "Рим"), ("Ryol", "Рёль"),
    ("Bom", "Бом"), ("Jae", "Чэ"), ("Yop", "Ёп"), ("Hyang", "Хян"),
]  # fmt: skip
_KOREAN_FAMILY = [
    ("Kang", "Кан"), ("Yun", "Юн"), ("Jang", "Чан"), ("Im", "Им"), ("Shin", "Син"), ("Yu", "Ю"),
    ("Jo", "Чо"), ("Hwang", "Хван"), ("Ahn", "Ан"), ("Song", "Сон"), ("Jon", "Чон"), ("Hong", "Хон"),
]  # fmt: skip
_RUSSIAN_GIVEN = [
    ("Aleksandr", "Александр"), ("Sergey", "Сергей"), ("Dmitry", "Дмитрий"), ("Andrey", "Андрей"),
    ("Aleksey", "Алексей"), ("Maksim", "Максим"), ("Ivan", "Иван"), ("Nikolay", "Николай"),
    ("Vladimir", "Владимир"), ("Mikhail", "Михаил"), ("Yevgeny", "Евгений"), ("Pavel", "Павел"),
    ("Roman", "Роман"), ("Denis", "Денис"), ("Artem", "Артем"), ("Igor", "Игорь"), ("Oleg", "Олег"),
    ("Viktor", "Виктор"), ("Anton", "Антон"), ("Gennady", "Геннадий"), ("Konstantin", "Константин"),
    ("Vadim", "Вадим"), ("Ruslan", "Руслан"), ("Kirill", "Кирилл"), ("Boris", "Борис"), ("Egor", "Егор"),
]  # fmt: skip
_RUSSIAN_FAMILY = [
    ("Ivanov", "Иванов"), ("Smirnov", "Смирнов"), ("Kuznetsov", "Кузнецов"), ("Popov", "Попов"),
    ("Vasilyev", "Васильев"), ("Petrov", "Петров"), ("Sokolov", "Соколов"), ("Mikhaylov", "Михайлов"),
    ("Novikov", "Новиков"), ("Fedorov", "Федоров"), ("Morozov", "Морозов"), ("Volkov", "Волков"),
]  # fmt: skip

_TRADITION: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    # syllables, family-name endings
    "south_asian": (_SOUTH_ASIAN, [("", ""), ("n", "н"), ("r", "р"), ("l", "л"), ("sh", "ш"), ("t", "т")]),
    "arabic": (_ARABIC, [("", ""), ("r", "р"), ("m", "м"), ("n", "н"), ("l", "ль"), ("i", "и")]),
    "somali": (_ARABIC, [("", ""), ("e", "е"), ("ow", "оу"), ("le", "ле"), ("n", "н")]),
    "spanish": (_SPANISH, [("ez", "ес"), ("es", "ес"), ("ar", "ар"), ("ado", "адо"), ("ero", "еро")]),
    "portuguese": (_PORTUGUESE, [("es", "ес"), ("ar", "ар"), ("ado", "аду"), ("ira", "ейра")]),
    "african": (_AFRICAN, [("", ""), ("h", "х"), ("ng", "нг"), ("m", "м")]),
    "central_asian": (
        _CENTRAL_ASIAN,
        [("rov", "ров"), ("nov", "нов"), ("bekov", "беков"), ("aliev", "алиев")],
    ),
    "serbian": (_SERBIAN, [("vić", "вич"), ("kić", "кич"), ("nović", "нович"), ("ić", "ич")]),
    "russian": (
        _RUSSIAN,
        [("kov", "ков"), ("nov", "нов"), ("rin", "рин"), ("shin", "шин"), ("enko", "енко"), ("sky", "ский")],
    ),
}
_OF_COUNTRY = {
    **dict.fromkeys(["NP", "IN", "LK", "BD"], "south_asian"),
    **dict.fromkeys(["SY", "EG", "IQ", "YE"], "arabic"),
    "SO": "somali",
    **dict.fromkeys(["CU", "CO"], "spanish"),
    "BR": "portuguese",
    **dict.fromkeys(["GH", "CM", "KE"], "african"),
    **dict.fromkeys(["TJ", "UZ", "KG"], "central_asian"),
    "RS": "serbian",
    "RU": "russian",
}
# Russian among the recruits: many, and none of the notices' conventions apply
RUSSIAN_SHARE = 0.25
# How often a name is the bank's (the common names) rather than one made of syllables, and the Zipf
# exponents over the made ones: given names are few and common (a tenth of Russian men are Aleksandr or
# Sergey), family names many (the commonest Russian one, Smirnov, is about 1 %; Thapa, Kim are more)
GIVEN_BANK, GIVEN_ZIPF, GIVEN_MADE = 0.3, 0.8, 600
FAMILY_BANK, FAMILY_ZIPF, FAMILY_MADE = 0.15, 0.6, 5000
# Korean and Chinese given names as measured (`measured_given`, the default since session 25). South Korea,
# boys' names in the birth registrations of the Supreme Court of Korea (as Yonhap reported them): born in
# 1975, Jeong-hun 2,286, Seong-ho 1,789, Seong-hun 1,756, Seong-jin 1,745 of some 450,000 boys (the
# commonest 0.5 %, the next three 0.78, 0.77 and 0.76 of it); born in 2008, Min-jun 2,641 of some 240,000
# (1.1 %). China, the Ministry of Public Security's name report for 2019: Zhang Wei, the commonest full name,
# 252,224 men of some 45 million men surnamed Zhang (0.56 %). Here the bank's given names come first, then
# two-syllable names of 46 syllables (2,070), all under one Zipf law whose exponent fits the ranks 2 to 4 of
# 1975: the commonest given name 0.5 % of a country's persons and two persons' given names the same with a
# chance of 0.00065. The syllable-made names before (18 Korean syllables, 30 Chinese; Zipf 0.8; the bank's
# 7 or 8 given names drawn 30 % of the time, 4 % each) gave the commonest 6.2 % (Korean) and 4.7 % (Chinese)
# and a chance of 0.022 and 0.016: some thirty times too many chance namesakes.
EAST_ASIAN = {"CN", "KP"}
MEASURED_ZIPF = 0.36
# Session 26 (benchmarks/RESULTS.md): the other countries' names and the share of made namesakes were
# weighed against measured figures and left as they are. South Asian given names are drawn too
# concentrated: the commonest 5.2 % of a country's persons (a syllable-made name) and the bank's 2.5 to
# 4.3 % each, where India's commonest, Ram, is some 5.6 million persons (Forebears, 2023), 0.4 % of
# everyone, and Delhi's 6.8 million men on the voter rolls share 120,000 first names. Their family names are
# drawn too spread: 1.9 % at most, where the 2011 census of Nepal counts Magars 7.1 %, Tamangs 5.6 %, Rais
# 2.8 % and Gurungs 2.4 %, names carried as surnames. The two errors offset in what makes chance namesakes,
# the chance that two persons share both names (here 0.0135 x 0.0035; some 0.004 x 0.015 by those figures,
# a judgement), so correcting one alone would make the lists easier (or harder) without a reason.
# Latin American family names are here 1.4 % at most against Honduras's Hernández at 4 % (RNP, 2023; no
# Cuban figure found), with two surnames for most, also left. The tenth of the wanted list made as
# namesakes or relatives of a recruit (`--hard`) has no measured counterpart: it is a stress test on top of
# the chance namesakes, kept so that the figures stay comparable (RESULTS.md gives precision without it too).


@dataclass
class Names:
    """One country's names: the bank's (common) and made ones, with Zipf weights over the made ones."""

    given: list[gen.Entry]
    family: list[gen.Entry]
    middle: list[gen.Entry]
    made_given: list[gen.Entry]
    made_family: list[gen.Entry]
    given_weights: list[float]  # cumulative
    family_weights: list[float]


def _entry(latin: str, russian: str) -> gen.Entry:
    return gen.Entry([latin[:1].upper() + latin[1:]], [russian[:1].upper() + russian[1:]], "")


def _made(
    rng: random.Random, tradition: str, country: str, n_given: int, n_family: int, measured: bool = False
) -> Names:
    if tradition == "chinese":
        pinyin = [*_PINYIN, *_PINYIN_MORE] if measured else _PINYIN
        given = [_entry(a + b, ra + rb) for (a, ra), (b, rb) in product(pinyin, pinyin) if a != b]
        family = [_entry(a, ra) for a, ra in _CHINESE_FAMILY]
    elif tradition == "korean":
        korean = [*_KOREAN, *_KOREAN_MORE] if measured else _KOREAN
        pairs = [(a, ra, b, rb) for (a, ra), (b, rb) in product(korean, korean) if a != b]
        given = [gen.Entry([f"{a} {b}"], [f"{ra} {rb}"], "") for a, ra, b, rb in pairs]
        family = [_entry(a, ra) for a, ra in _KOREAN_FAMILY]
    else:
        syllables, endings = _TRADITION[tradition]
        seen: set[str] = set()
        given, family = [], []
        while len(given) < n_given:
            parts = rng.sample(syllables, rng.choice([2, 2, 3]))
            latin = "".join(p[0] for p in parts)
            if latin not in seen:
                seen.add(latin)
                given.append(_entry(latin, "".join(p[1] for p in parts)))
        while len(family) < n_family:
            parts = [*rng.sample(syllables, 2), rng.choice(endings)]
            latin = "".join(p[0] for p in parts)
            if latin not in seen:
                seen.add(latin)
                entry = _entry(latin, "".join(p[1] for p in parts))
                if country == "TJ" and latin.endswith("ov") and rng.random() < 0.3:
                    # the Tajik -zoda form of a surname the Russian record writes -ov (as the bank's)
                    entry = gen.Entry([entry.latin[0], entry.latin[0][:-2] + "zoda"], entry.russian, "")
                family.append(entry)
    rng.shuffle(given)
    rng.shuffle(family)
    return Names(
        [],
        [],
        [],
        given,
        family,
        list(accumulate(1 / (r + 1) ** GIVEN_ZIPF for r in range(len(given)))),
        list(accumulate(1 / (r + 1) ** FAMILY_ZIPF for r in range(len(family)))),
    )


def _russians(rng: random.Random) -> Names:
    names = _made(rng, "russian", "RU", 150, FAMILY_MADE)
    names.given = [_entry(a, ra) for a, ra in _RUSSIAN_GIVEN]
    names.family = [_entry(a, ra) for a, ra in _RUSSIAN_FAMILY]
    return names


def load_names(rng: random.Random, measured_given: bool = True) -> dict[str, Names]:
    """Each country's names; `measured_given`: Korean and Chinese given names as measured (see
    `MEASURED_ZIPF`), else as before session 25 (syllable-made, twenty times too many namesakes)."""
    bank = gen.load_bank()
    out: dict[str, Names] = {}
    for country, parts in bank.items():
        tradition = _OF_COUNTRY.get(country) or {"CN": "chinese", "KP": "korean"}[country]
        measured = measured_given and country in EAST_ASIAN
        names = _made(rng, tradition, country, GIVEN_MADE, FAMILY_MADE, measured)
        names.given = parts["given"][0] + parts["given"][1]
        if measured:
            # the bank's given names are the commonest of one measured law, not a flat share of their own
            names.made_given = [*names.given, *names.made_given]
            names.given = []
            names.given_weights = list(
                accumulate(1 / (r + 1) ** MEASURED_ZIPF for r in range(len(names.made_given)))
            )
        names.family = parts["family"][0] + parts["family"][1]
        if "middle" in parts:
            names.middle = parts["middle"][0] + parts["middle"][1]
        out[country] = names
    out["RU"] = _russians(rng)
    return out


def _draw(
    rng: random.Random, bank: list[gen.Entry], made: list[gen.Entry], weights: list[float], share: float
) -> gen.Entry:
    if bank and rng.random() < share:
        return rng.choice(bank)
    return rng.choices(made, cum_weights=weights)[0]


class Persons:
    """Persons drawn from the names, none two with the same given name, family names and birth date."""

    def __init__(self, rng: random.Random, names: dict[str, Names]) -> None:
        self.rng = rng
        self.names = names
        self.foreign = sorted(c for c in names if c != "RU")
        self.seen: set[tuple[str, ...]] = set()

    def _key(self, p: gen.Person) -> tuple[str, ...]:
        return (p.given.latin[0], *(f.latin[0] for f in p.family), p.born.isoformat())

    def add(self, p: gen.Person) -> bool:
        key = self._key(p)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def new(self, country: str | None = None) -> gen.Person:
        while True:
            p = self._make(country)
            if self.add(p):
                return p

    def _make(self, country: str | None) -> gen.Person:
        rng = self.rng
        if country is None:
            country = "RU" if rng.random() < RUSSIAN_SHARE else rng.choice(self.foreign)
        n = self.names[country]
        given = _draw(rng, n.given, n.made_given, n.given_weights, GIVEN_BANK)
        family = [_draw(rng, n.family, n.made_family, n.family_weights, FAMILY_BANK)]
        if country in gen.SPANISH_TWO_SURNAMES | {"BR"} and rng.random() < 0.6:
            family.append(_draw(rng, n.family, n.made_family, n.family_weights, FAMILY_BANK))
        middle = rng.choice(n.middle) if n.middle and rng.random() < 0.45 else None
        father = None
        if (country in gen.ARABIC_NASAB and rng.random() < 0.5) or country in gen.CENTRAL_ASIAN:
            father = _draw(rng, n.given, n.made_given, n.given_weights, GIVEN_BANK)
        if country == "RU":
            # the patronymic is the Russian middle name, written in notices too (Ivan Sergeyevich Ivanov)
            middle = _patronymic(_draw(rng, n.given, n.made_given, n.given_weights, GIVEN_BANK))
        born = dt.date(1968, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 36))
        return gen.Person(country, given, middle, family, father, born)


def _patronymic(father: gen.Entry) -> gen.Entry:
    latin, russian = father.latin[0], father.russian[0]
    if russian.endswith("й"):
        return gen.Entry([latin[:-1] + "evich"], [russian[:-1] + "евич"], "")
    if russian[-1] in "аоуиеы":
        latin, russian = latin[:-1], russian[:-1]
    return gen.Entry([latin + "ovich"], [russian + "ович"], "")


class Dates:
    """Birth dates' text with another share of them missing (see the module's text): the shares of the
    full date and of the year and month are those of `MISSING_DATES`, scaled to the rest."""

    def __init__(self, seed: int, missing: float = MISSING_DATES) -> None:
        if not 0.0 <= missing <= 1.0:
            raise ValueError(f"a share of missing birth dates must be in [0, 1], not {missing}")
        self.missing = missing
        self.rng = random.Random(f"{seed} birth dates")  # its own: the persons' draws stay as they are

    def text(self, rng: random.Random, day: dt.date, full: float, month: float) -> str:
        """The date's text as drawn with the default share, then given or left out to make `missing`."""
        drawn = gen.date_text(rng, day, full, month, MISSING_DATES)
        if self.missing == MISSING_DATES:
            return drawn
        u = self.rng.random()
        rest = 1 - MISSING_DATES
        form = gen.date_text(self.rng, day, full / rest, month / rest, 0.0)  # drawn whatever u is
        if not drawn and u < (MISSING_DATES - self.missing) / MISSING_DATES:
            return form
        if drawn and u < (self.missing - MISSING_DATES) / rest:
            return ""
        return drawn


AS_DRAWN = Dates(0)  # the default share: its own generator is never drawn from


def recruit_row(rng: random.Random, p: gen.Person, ident: str, dates: Dates = AS_DRAWN) -> dict[str, str]:
    name = gen.russian_name(rng, p, rng.random() < 0.4, rng.random() < 0.4, rng.random() < 0.15)
    passport = rng.random() < 0.3
    only_passport = passport and rng.random() < 0.25
    return {
        "id": ident,
        "name": "" if only_passport else name,
        "latin_name": gen.icao(name) if passport else "",
        "birth_date": dates.text(rng, p.born, 0.6, 0.1),
        "nationality": p.country if rng.random() < 0.65 else "",
    }


def wanted_row(rng: random.Random, p: gen.Person, ident: str, dates: Dates = AS_DRAWN) -> dict[str, str]:
    if p.country == "RU":
        words = [p.given.latin[0], *([p.middle.latin[0]] if p.middle and rng.random() < 0.5 else [])]
        name = " ".join([*words, p.family[0].latin[0]])
    else:
        name, _ = gen.latin_name(rng, p, native_ok=True)
    return {
        "id": ident,
        "name": name,
        "latin_name": "",
        "birth_date": dates.text(rng, p.born, 0.75, 0.0),
        "nationality": p.country if rng.random() < 0.95 else "",
    }


COLUMNS = ["id", "name", "latin_name", "birth_date", "nationality"]


def _relative(rng: random.Random, persons: Persons, p: gen.Person) -> gen.Person:
    n = persons.names[p.country]
    for _ in range(20):
        if rng.random() < 0.5:  # a namesake
            gap = rng.choice([-1, 1]) * rng.randint(3, 15)
            q = gen.Person(p.country, p.given, p.middle, p.family, p.father, gen.with_year(p.born, gap))
        else:  # a relative: the family name and citizenship, another given name
            gap = -rng.randint(20, 32) if rng.random() < 0.5 else rng.choice([-1, 1]) * rng.randint(2, 8)
            other = _draw(rng, n.given, n.made_given, n.given_weights, GIVEN_BANK)
            q = gen.Person(p.country, other, None, p.family[:1], p.father, gen.with_year(p.born, gap))
        if persons.add(q):
            return q
    return persons.new(p.country)


def write_lists(
    out: Path,
    n_wanted: int,
    n_recruits: int,
    planted: int,
    hard: int,
    seed: int,
    measured_given: bool = True,
    missing_dates: float = MISSING_DATES,
) -> dict[str, Path]:
    """Write the three files (see the module's text); the chosen recruits' persons are the only ones kept.
    `measured_given=False` makes the lists of before session 25 (the same files for the same seed);
    `missing_dates`: the share of each list's rows with no birth date."""
    rng = random.Random(seed)
    dates = Dates(seed, missing_dates)
    persons = Persons(rng, load_names(rng, measured_given))
    chosen = rng.sample(range(n_recruits), planted + hard)
    keep = {j: k for k, j in enumerate(chosen)}
    kept: list[gen.Person | None] = [None] * len(chosen)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"wanted": out / "wanted.csv", "recruits": out / "recruits.csv", "truth": out / "truth.csv"}

    def recruits() -> Iterator[dict[str, str]]:
        for j in range(n_recruits):
            p = persons.new()
            if j in keep:
                kept[keep[j]] = p
            yield recruit_row(rng, p, f"R{j}", dates)

    _write(paths["recruits"], recruits())
    truth: list[tuple[str, str]] = []

    def wanted() -> Iterator[dict[str, str]]:
        for i in range(n_wanted):
            if i < planted:
                p = kept[i]
                truth.append((f"W{i}", f"R{chosen[i]}"))
            elif i < planted + hard:
                p = _relative(rng, persons, kept[i])  # type: ignore[arg-type]
            else:
                p = persons.new(None if rng.random() < 0.05 else rng.choice(persons.foreign))
            assert p is not None
            yield wanted_row(rng, p, f"W{i}", dates)

    _write(paths["wanted"], wanted())
    with paths["truth"].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["wanted_id", "recruit_id"])
        writer.writerows(truth)
    return paths


def _write(path: Path, rows: Iterator[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS)
        writer.writeheader()
        chunk: list[dict[str, str]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                writer.writerows(chunk)
                chunk = []
        writer.writerows(chunk)


def add_given_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--east-asian-given",
        choices=["measured", "syllables"],
        default="measured",
        help="Korean and Chinese given names: as measured (default), or syllable-made as before session 25",
    )


def missing_share(text: str) -> float:
    """`--missing-dates`: a share in [0, 1]."""
    try:
        share = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= share <= 1.0:
        raise argparse.ArgumentTypeError(f"a share in [0, 1], not {text}")
    return share


def add_dates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--missing-dates",
        type=missing_share,
        default=MISSING_DATES,
        metavar="SHARE",
        help=f"share of each list's rows with no birth date, in [0, 1] (default {MISSING_DATES}: "
        "the other forms scaled to the rest; the persons stay those of the default lists)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wanted", type=int, default=2000)
    parser.add_argument("--recruits", type=int, default=10000)
    parser.add_argument("--planted", type=int, help="default: a tenth of the wanted")
    parser.add_argument("--hard", type=int, help="namesakes and relatives of recruits; default a tenth")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--out", type=Path, required=True)
    add_given_option(parser)
    add_dates_option(parser)
    args = parser.parse_args()
    planted = args.planted if args.planted is not None else args.wanted // 10
    hard = args.hard if args.hard is not None else args.wanted // 10
    measured = args.east_asian_given == "measured"
    paths = write_lists(
        args.out, args.wanted, args.recruits, planted, hard, args.seed, measured, args.missing_dates
    )
    print(" ".join(str(p) for p in paths.values()))


if __name__ == "__main__":
    main()
