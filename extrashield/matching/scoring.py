"""The score of a candidate pair in [0, 1]: names first, then what birth dates and citizenships say.

The name score aligns the words of two names one to one, best pairs first, in any order (a Russian
record puts the family name first, a notice last). A word left over costs according to what it is: a
patronymic or a particle almost nothing (foreign records have none), an extra given or second family
name a little (records drop middle names and the mother's surname), and a word facing a different word
on the other side a full share (Ram Thapa is not Sita Thapa). When the two names cut the same sounds into
words differently (Ким Чен Ын, 김정은), the names are also compared whole.

Birth dates and citizenships then raise or lower the name score (the qualifiers of nomenklatura's
logic-v2, with their weights set for this data): a date years apart pulls a namesake below any threshold;
an unknown date or citizenship changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from extrashield.matching.dates import DateEvidence, compare_birth_dates, date_score
from extrashield.matching.frequency import FrequencyEvidence, NameFrequencies
from extrashield.matching.korean import is_syllable
from extrashield.matching.languages import Convention, conventions_of
from extrashield.matching.names import Name, Word, WordKind, analyse, korean_joined, names_of
from extrashield.matching.person import Person
from extrashield.matching.scripts import Script, scripts_in
from extrashield.matching.thresholds import DEFAULT_THRESHOLD, LIKELY_MATCH
from extrashield.matching.words import WordMatch, compare_words, similarity

MIN_WORD = 0.6  # two words below this are not aligned
OUT_OF_ORDER = 0.5  # the most a name scores whose syllables align in another order (_out_of_order)
PARTICLE_AS_NAME = 0.95  # a particle aligns with a name only when it is that name (Ван, Wang)
EXTRA_WORD = 0.25  # cost of a name word with no counterpart when the other name is shorter
_WEIGHT = {WordKind.NAME: 1.0, WordKind.INITIAL: 0.5, WordKind.PATRONYMIC: 0.6, WordKind.PARTICLE: 0.0}
_ALONE = {WordKind.NAME: 1.0, WordKind.INITIAL: 0.3, WordKind.PATRONYMIC: 0.1, WordKind.PARTICLE: 0.0}
# What two different patronymics, one left over on each side, add to the weight on top of their cost as
# words left over (0.1 each): in all 0.6 each, their weight when aligned, as two different names weigh 1 each
FACING_PATRONYMICS = 2 * (_WEIGHT[WordKind.PATRONYMIC] - _ALONE[WordKind.PATRONYMIC])

# Qualifiers: added to the name score
DATE_ADJUST = (
    (0.95, 0.06),
    (0.75, 0.03),
    (0.5, 0.0),
    (0.28, -0.15),
    (0.2, -0.08),
    (0.1, -0.3),
    (-1.0, -0.45),
)
SAME_COUNTRY = 0.02
# No citizenship shared, both known. In the labelled sets no true pair has two known citizenships that
# differ (0 of 822: benchmarks/RESULTS.md), while namesakes of another nationality do; but a wanted list
# may name the requesting state where a Russian record keeps a former citizenship, so the cost keeps a
# same-name, same-year pair a "possible match" for a person to judge, below "likely match"
# (thresholds.LIKELY_MATCH), and a birth date agreeing to the day (1 in 13,000 strangers) outweighs it
OTHER_COUNTRY = -0.2
OTHER_COUNTRY_SAME_DAY = -0.12
SAME_DAY = DATE_ADJUST[0][0]  # a date score from which two birth dates are the same day
# Names alone, with a birth date unknown on one side, make at most a "possible match" for a person to judge:
# at 20,000 x 100,000 such pairs at or above "likely match" were 279 true against 187 namesakes, where
# pairs with both dates were 1,563 against 54 (benchmarks/RESULTS.md, session 27); sanctions screening
# likewise asks a second identifier before it calls two records one person
NAMES_ALONE = round(LIKELY_MATCH - 0.01, 2)


@dataclass(frozen=True, slots=True)
class Aligned:
    left: Word | None
    right: Word | None
    match: WordMatch | None


@dataclass(frozen=True, slots=True)
class NameComparison:
    score: float
    left: Name
    right: Name
    aligned: tuple[Aligned, ...]
    whole: bool = False  # decided by comparing the names whole
    out_of_order: bool = False  # syllables of one name aligned in another order (Dong Dok, Док Дон)


# Few pairs of distinct names meet twice when long lists are linked (3 % of 112,000 at 2,000 x 100,000), and
# each entry holds an alignment: a small cache, kept for the pairs a person's aliases and a query repeat
@lru_cache(maxsize=16384)
def compare_names(a: Name, b: Name) -> NameComparison:
    """The name score of two analysed names (see the module's text); cached per pair of distinct names."""
    left = [w for w in a.words if w.kind is not WordKind.PARTICLE]
    right = [w for w in b.words if w.kind is not WordKind.PARTICLE]
    if not left or not right:
        return NameComparison(0.0, a, b, ())
    # A particle may be a name on the other side (Ван, read as the Dutch van, is Wang): it aligns with
    # a name it equals, and is otherwise ignored as before
    left += [w for w in a.words if w.kind is WordKind.PARTICLE]
    right += [w for w in b.words if w.kind is WordKind.PARTICLE]
    candidates = sorted(
        (
            (match, i, j)
            for i, x in enumerate(left)
            for j, y in enumerate(right)
            if (match := _word_match(x, y)) is not None
        ),
        key=lambda t: (-t[0].score, t[1], t[2]),
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    order: list[tuple[int, int]] = []
    pairs: list[Aligned] = []
    total = 0.0
    weight = 0.0
    for match, i, j in candidates:
        if match.score < MIN_WORD or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        order.append((i, j))
        w = (_WEIGHT[left[i].kind] + _WEIGHT[right[j].kind]) / 2
        total += match.score * w
        weight += w
        pairs.append(Aligned(left[i], right[j], match))
    alone_l = [w for i, w in enumerate(left) if i not in used_l and w.kind is not WordKind.PARTICLE]
    alone_r = [w for j, w in enumerate(right) if j not in used_r and w.kind is not WordKind.PARTICLE]
    names_l = sum(1 for w in alone_l if w.kind is WordKind.NAME)
    names_r = sum(1 for w in alone_r if w.kind is WordKind.NAME)
    facing = min(names_l, names_r)  # words that face a different word on the other side
    extra = abs(names_l - names_r)
    weight += 2 * facing + EXTRA_WORD * extra
    # Two patronymics left over, one on each side, are two fathers' names (Olegovich and Борисович): they
    # weigh as an aligned pair that does not match, not as a patronymic one record leaves out
    weight += FACING_PATRONYMICS * min(
        sum(1 for w in alone_l if w.kind is WordKind.PATRONYMIC),
        sum(1 for w in alone_r if w.kind is WordKind.PATRONYMIC),
    )
    patronymics = (_patronymic_initial(a), _patronymic_initial(b))
    weight += sum(
        _ALONE[WordKind.PATRONYMIC if any(w is p for p in patronymics) else w.kind]
        for w in (*alone_l, *alone_r)
        if w.kind is not WordKind.NAME
    )
    pairs.extend(Aligned(w, None, None) for w in alone_l)
    pairs.extend(Aligned(None, w, None) for w in alone_r)
    score = total / weight if weight else 0.0
    if _out_of_order(order, left, right):
        return NameComparison(min(score, OUT_OF_ORDER), a, b, tuple(pairs), out_of_order=True)
    count_l = sum(1 for w in left if w.kind is WordKind.NAME)
    count_r = sum(1 for w in right if w.kind is WordKind.NAME)
    if score < 0.9 and count_l != count_r:
        whole = _whole(left, right)
        if whole * 0.95 > score:
            return NameComparison(whole * 0.95, a, b, tuple(pairs), whole=True)
    return NameComparison(score, a, b, tuple(pairs))


def _out_of_order(order: list[tuple[int, int]], left: list[Word], right: list[Word]) -> bool:
    """Three or more syllables of a Korean (or Chinese) name written by syllable (`korean.is_syllable`)
    aligned in an order that is not the other's, the family name moved from first to last or back aside:
    a given name's syllables come in one order (Dong Dok and Док Дон are two names, 동덕 and 덕동)."""
    if len(order) < 3 or not all(w.syllabic and is_syllable(w.folds[0]) for w in (*left, *right)):
        return False
    rights = [j for _, j in sorted(order)]
    first = rights.index(min(rights))
    return rights[first:] + rights[:first] != sorted(rights)


def _patronymic_initial(name: Name) -> Word | None:
    """The last of two initials after a family name (Мирзаев Д. А.): a Russian record's patronymic,
    which foreign records lack, so it costs as little as a patronymic when left over."""
    words = name.names
    if (
        len(words) >= 3
        and words[0].kind is WordKind.NAME
        and all(w.kind is WordKind.INITIAL for w in words[-2:])
    ):
        return words[-1]
    return None


def _word_match(x: Word, y: Word) -> WordMatch | None:
    """How alike two words are, or None for two particles and for a particle that is not the name it faces."""
    particles = (x.kind is WordKind.PARTICLE) + (y.kind is WordKind.PARTICLE)
    if particles == 2:
        return None
    match = compare_words(x, y)
    return None if particles and match.score < PARTICLE_AS_NAME else match


def _whole(left: list[Word], right: list[Word]) -> float:
    """The names compared as one string each, in the given order and with the first word moved last."""

    def joined(words: list[Word]) -> str:
        return "".join(w.folds[0] for w in words if w.kind is WordKind.NAME)

    a = joined(left)
    options = {joined(right), joined(right[1:] + right[:1]), joined(right[-1:] + right[:-1])}
    return max(similarity(a, b) for b in options)


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    name: NameComparison
    birth_date: DateEvidence | None
    nationality: float | None
    shared_countries: frozenset[str] = field(default=frozenset())
    countries: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    frequency: FrequencyEvidence | None = None  # the name words' frequencies on the lists linked
    held: float | None = None  # the score names alone had, where it was held at NAMES_ALONE

    @property
    def best_first(self) -> tuple[float, float]:
        """A sort key, best first: the score, then for pairs held at NAMES_ALONE what their names scored."""
        return -self.score, -(self.score if self.held is None else self.held)

    @property
    def features(self) -> dict[str, float | None]:
        """Per-feature scores in [0, 1]; None where a feature could not be compared."""
        return {
            "name": round(self.name.score, 4),
            "birth_date": None if self.birth_date is None else self.birth_date.score,
            "nationality": self.nationality,
        }


def _names(person: Person, convs: frozenset[Convention]) -> list[Name]:
    return [n for n in names_of(person, convs) if n.words]


def _forms(
    a: Name, b: Name, joined_a: dict[Name, tuple[Name, ...]], joined_b: dict[Name, tuple[Name, ...]]
) -> list[tuple[Name, Name]]:
    """The two names as written, and where one has more words than the other, its Korean given name's
    syllables joined (names.korean_given_joined: Чон Дэ Хён against 정대현, read 정 대현)."""
    out = [(a, b)]
    if len(a.names) > len(b.names):
        out += [(x, b) for x in joined_a.get(a, ())]
    elif len(a.names) < len(b.names):
        out += [(a, y) for y in joined_b.get(b, ())]
    return out


def _in_hangul(person: Person) -> bool:
    found = person.derived.get("hangul")
    if found is None:
        found = person.derived["hangul"] = any(Script.HANGUL in scripts_in(n) for n in person.names)
    return bool(found)


def _qualifiers(a: Person, b: Person) -> tuple[float, float, DateEvidence | None, frozenset[str]]:
    """What birth dates and what citizenships add to the name score (0.0 when unknown), the dates'
    evidence, and the citizenships both hold."""
    date = compare_birth_dates(a.birth_date, b.birth_date)
    shared = a.nationalities & b.nationalities
    return *_adjustments(a, b, None if date is None else date.score, shared), date, shared


def _adjustments(a: Person, b: Person, date: float | None, shared: frozenset[str]) -> tuple[float, float]:
    """What a date score (`dates.date_score`) and the citizenships add to the name score."""
    by_date = 0.0 if date is None else next(adj for floor, adj in DATE_ADJUST if date >= floor)
    by_country = 0.0
    if a.nationalities and b.nationalities:
        same_day = date is not None and date >= SAME_DAY
        by_country = SAME_COUNTRY if shared else OTHER_COUNTRY_SAME_DAY if same_day else OTHER_COUNTRY
    return by_date, by_country


def score_ceiling(a: Person, b: Person) -> float:
    """The highest score two persons can get, whatever their names: what their birth dates and
    citizenships allow on a perfect name score (never below `score_pair`, summed in the same order). Cheap:
    no name is looked at, so that pairs that cannot reach a threshold (namesakes born years apart) need not
    be scored in full. Asked of every candidate pair: the dates' score without their words."""
    date = date_score(a.birth_date, b.birth_date)
    by_date, by_country = _adjustments(a, b, date, a.nationalities & b.nationalities)
    return round(min(1.0, max(0.0, 1.0 + by_date + by_country)), 4)


def score_pair(a: Person, b: Person, frequencies: NameFrequencies | None = None) -> PairScore:
    """Score two persons. Names are read by the conventions of both persons' citizenships: a Cuban's
    recruit record is compared as if the other spelling were Spanish too. With the `frequencies` of the
    lists linked, a name of common words that no birth date confirms is discounted (frequency.py)."""
    convs = conventions_of(a.nationalities | b.nationalities)
    if Convention.KOREAN not in convs and (_in_hangul(a) or _in_hangul(b)):
        convs |= {Convention.KOREAN}  # a name in Hangul is Korean whatever the citizenships known
    best: NameComparison | None = None
    names_b = _names(b, convs)
    korean = Convention.KOREAN in convs
    joined_a = korean_joined(a, convs) if korean else {}
    joined_b = korean_joined(b, convs) if korean else {}
    for na in _names(a, convs):
        for nb in names_b:
            for x, y in _forms(na, nb, joined_a, joined_b):
                cmp = compare_names(x, y)
                if best is None or cmp.score > best.score:
                    best = cmp
    if best is None:
        best = NameComparison(0.0, analyse(""), analyse(""), ())
    by_date, by_country, date, shared = _qualifiers(a, b)
    score = best.score + by_date + by_country
    frequency = None
    if frequencies is not None:
        frequency = frequencies.evidence(_matched(best), date, (a.nationalities, b.nationalities))
        if frequency is not None:
            score -= frequency.discount
    nationality: float | None = None
    if a.nationalities and b.nationalities:
        nationality = 1.0 if shared else 0.0
    score = round(min(1.0, max(0.0, score)), 4)
    held = None
    if date is None and score > NAMES_ALONE:
        held, score = score, NAMES_ALONE
    return PairScore(
        score=score,
        name=best,
        birth_date=date,
        nationality=nationality,
        shared_countries=shared,
        countries=(a.nationalities, b.nationalities),
        frequency=frequency,
        held=held,
    )


def _matched(cmp: NameComparison) -> list[tuple[Word, Word, float]]:
    """The name words (not initials, particles or patronymics) two names share, and how alike they are."""
    return [
        (x.left, x.right, x.match.score)
        for x in cmp.aligned
        if x.left is not None
        and x.right is not None
        and x.match is not None
        and x.left.kind is WordKind.NAME
        and x.right.kind is WordKind.NAME
    ]


__all__ = [
    "DEFAULT_THRESHOLD",
    "LIKELY_MATCH",
    "NAMES_ALONE",
    "NameComparison",
    "PairScore",
    "compare_names",
    "score_ceiling",
    "score_pair",
]
