"""The case format of docs/contract.md §3 (version 1), validated at the boundary.

`validate_case` refuses unknown fields, wrong types, impossible dates, values outside an enumeration,
negative numbers and contradictions, naming the field path and the problem. It returns a `Case`: the
facts as a flat mapping from field path to value, where ``None`` means unknown (or an open bound for the
fields marked `open_bound`), and each list is a list of flat item mappings.

The question attached to each field is what `depends_on` asks when that fact is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extrashield.engine.pysource import PySource
from extrashield.errors import CaseError
from extrashield.facts.countries import CODES
from extrashield.facts.dates import parse_iso
from extrashield.facts.paths import unindexed
from extrashield.i18n import N_, _

FORMATIONS = ("armed_forces", "other_military_formation", "volunteer_formation", "private_military_company")
ONGOING = "ongoing"


@dataclass(frozen=True)
class Spec:
    """One field of the case format."""

    kind: str  # str | bool | date | date_or_ongoing | number | enum | country | strings | object | list
    question: str | None = None
    values: tuple[str, ...] = ()
    required: bool = False
    open_bound: bool = False  # null is an open bound (known), not unknown
    asked_when: tuple[str, Any] | None = None  # only a fact to ask about when that other fact has that value
    check: Callable[[str, str], str] | None = (
        None  # extra check of a "str" value (value, path), e.g. a known id
    )
    fields: Mapping[str, Spec] = field(default_factory=dict)  # for objects, and list items
    doc: str = ""
    max_items: int | None = None  # for lists: more items than any real person has is refused
    # null also stands for an answer no value of the field can write (sentence_years: a life sentence), so
    # trying every value does not cover every answer
    null_also_means: str | None = None
    # for numbers: the largest value accepted, and why (docs/case-format.md, "Bounds on numbers")
    maximum: float | None = None
    maximum_why: str = ""


# Far more than any real person has, and small enough that depends_on's search (which tries each unknown
# item field with every other item in place) stays quick: a longer list is refused, naming it.
MAX_CITIZENSHIPS = 20
MAX_CONTRACTS = 50

# Bounds on the numbers of the format (docs/case-format.md, "Bounds on numbers"): each far above any real
# value, so only what is no term at all (1e308, a typo of several digits) is refused, and every threshold
# the rules compare with (six months, one, ten years) lies well inside.
MAX_PENALTY_YEARS = 100
MAX_SENTENCE_YEARS = 1000
MAX_CONTRACT_TERM_YEARS = 100
NUL = "\x00"
NUL_PROBLEM = N_("contains a NUL character (U+0000), which text here cannot hold")


def _obj(fields: dict[str, Spec], question: str | None = None, doc: str = "") -> Spec:
    return Spec("object", question=question, fields=fields, doc=doc)


def _list(item: dict[str, Spec], question: str, max_items: int, doc: str = "") -> Spec:
    return Spec("list", question=question, fields=item, doc=doc, max_items=max_items)


CITIZENSHIP = {
    "country": Spec("country", required=True, doc="ISO 3166-1 alpha-2 code"),
    "from": Spec("date", open_bound=True, doc="held since this date; absent: since before"),
    "until": Spec("date", open_bound=True, doc="held until this date (excluded); absent: still held"),
}

SERVICE = {
    "formation": Spec(
        "enum",
        values=FORMATIONS,
        question=N_("In which kind of formation did the person serve under this contract?"),
    ),
    "contract_from": Spec("date", question=N_("When did this contract begin?")),
    "contract_until": Spec(
        "date_or_ongoing",
        question=N_("Is the person still serving under this contract, and if not, when did it end?"),
        doc='a date (the first day no longer served), or "ongoing"',
    ),
    "combat": Spec(
        "bool", question=N_("Did the person take part in combat operations as part of this formation?")
    ),
    # Optional extensions (docs/case-format.md), read by `extrashield eligibility` (simplified citizenship).
    "contract_term_years": Spec(
        "number",
        question=N_("For how many years was this contract concluded?"),
        maximum=MAX_CONTRACT_TERM_YEARS,
        maximum_why=N_(
            "a contract runs for a few years or until the age limit (at most 65), never a century"
        ),
    ),
    "discharge_ground": Spec(
        "enum",
        values=("health", "age", "contract_end", "other"),
        question=N_(
            "On what ground was the person discharged from this contract: health, age limit, end of the contract, or another ground?"
        ),
    ),
}

# A family member who serves or served under contract (simplified citizenship for spouses, children and
# parents). The relative's contract is described with the same keys as `military_service` items, so the
# same rule conditions read both.
FAMILY_MEMBER = {
    "relation": Spec(
        "enum",
        values=("spouse", "child", "parent"),
        question=N_(
            "How is the person related to this serviceman: spouse, child or parent (of the serviceman)?"
        ),
    ),
    "formation": SERVICE["formation"],
    "contract_from": SERVICE["contract_from"],
    "contract_until": SERVICE["contract_until"],
    "contract_term_years": SERVICE["contract_term_years"],
    "discharge_ground": SERVICE["discharge_ground"],
}


def _known_treaty(value: str, path: str) -> str:
    """`request.treaty` must name a treaty of the data; only the file names are read, never the YAML."""
    from extrashield.sources.treaties import treaty_ids

    if value not in treaty_ids():
        raise CaseError(
            path,
            _("unknown treaty {value} (known: {known})").format(
                value=repr(value), known=", ".join(treaty_ids())
            ),
        )
    return value


CASE_SPEC: Spec = _obj(
    {
        "id": Spec("str", doc="free text"),
        "decision_date": Spec("date", required=True, doc="the day the extradition decision is taken"),
        "person": _obj(
            {
                "names": Spec("strings"),
                "birth_date": Spec("date", question=N_("When was the person born?")),
                "citizenships": _list(
                    CITIZENSHIP,
                    question=N_(
                        "Which citizenships has the person held, and since when (is the person a Russian citizen)?"
                    ),
                    max_items=MAX_CITIZENSHIPS,
                ),
                "stateless": Spec("bool", question=N_("Is the person stateless?")),
                "asylum_in_russia": _obj(
                    {
                        "granted": Spec(
                            "bool",
                            question=N_(
                                "Has Russia granted the person asylum because of possible persecution in the requesting state?"
                            ),
                        ),
                        "granted_on": Spec(
                            "date",
                            question=N_("On what date was asylum in Russia granted?"),
                            asked_when=("person.asylum_in_russia.granted", True),
                        ),
                        "ended_on": Spec("date", open_bound=True, doc="absent: still in effect"),
                    }
                ),
                "military_service": _list(
                    SERVICE,
                    question=N_(
                        "Has the person served under contract in the Russian Armed Forces or another military formation? List every contract."
                    ),
                    max_items=MAX_CONTRACTS,
                ),
                # Optional extensions (docs/case-format.md), read by `extrashield eligibility`.
                "sex": Spec(
                    "enum", values=("male", "female"), question=N_("Is the person a man or a woman?")
                ),
                "legally_capable": Spec("bool", question=N_("Does the person have full legal capacity?")),
                "lawfully_in_russia": Spec("bool", question=N_("Is the person lawfully present in Russia?")),
                "fitness": Spec(
                    "enum",
                    values=("fit", "limited", "unfit"),
                    question=N_(
                        "What did the military-medical commission find: fit for military service, of limited fitness, or unfit?"
                    ),
                ),
                "fitness_listed_disease": Spec(
                    "bool",
                    question=N_(
                        "Does the person have a disease on the Defence Ministry's list that bars a contract for persons of limited fitness?"
                    ),
                ),
                "prison_sentence": Spec(
                    "enum",
                    values=("none", "expunged", "not_expunged"),
                    question=N_(
                        "Has the person served a prison sentence, and if so, is the conviction expunged?"
                    ),
                ),
                "family_in_service": _list(
                    FAMILY_MEMBER,
                    question=N_(
                        "Is the person the spouse, child or parent of someone who serves or served under a military contract? List each such relative."
                    ),
                    max_items=MAX_CONTRACTS,
                ),
            }
        ),
        "request": _obj(
            {
                "requesting_state": Spec("country", question=N_("Which state requests extradition?")),
                "received_on": Spec("date", question=N_("When was the request received?")),
                "purpose": Spec(
                    "enum",
                    values=("prosecution", "sentence"),
                    question=N_("Is extradition requested for prosecution or to enforce a sentence?"),
                ),
                "legal_basis": Spec(
                    "enum",
                    values=("treaty", "reciprocity", "none"),
                    question=N_("Does the request rest on a treaty, on reciprocity, or on neither?"),
                ),
                # Optional extension (docs/case-format.md): the treaty the request rests on; absent = unknown.
                "treaty": Spec(
                    "str",
                    question=N_(
                        "Which treaty does the request rest on (a treaty id such as ece-1957 or chisinau-2002)?"
                    ),
                    check=_known_treaty,
                ),
                "offense": _obj(
                    {
                        "description": Spec("str"),
                        "committed_on": Spec("date", question=N_("On what date was the act committed?")),
                        "committed_in_russia": Spec(
                            "bool", question=N_("Was the act committed on Russian territory?")
                        ),
                        "against_russian_interests": Spec(
                            "bool",
                            question=N_("Was the act committed abroad against the interests of Russia?"),
                        ),
                        "crime_under_russian_law": Spec(
                            "bool", question=N_("Is the act a crime under Russian criminal law?")
                        ),
                        "crime_under_requesting_law": Spec(
                            "bool", question=N_("Is the act a crime under the law of the requesting state?")
                        ),
                        "max_penalty_years": Spec(
                            "number",
                            question=N_(
                                "What is the maximum imprisonment for the act under Russian criminal law, in years?"
                            ),
                            maximum=MAX_PENALTY_YEARS,
                            maximum_why=N_(
                                "the Criminal Code's longest term is 20 years for one crime and 35 on cumulation "
                                "(Art. 56(2), (4)); life imprisonment is life_imprisonment: true"
                            ),
                        ),
                        "life_imprisonment": Spec(
                            "bool", question=N_("Does Russian law punish the act with life imprisonment?")
                        ),
                        "intentional": Spec("bool", question=N_("Was the act intentional (not negligent)?")),
                        "no_limitation": Spec(
                            "bool",
                            question=N_("Is the act one for which Russian law sets no limitation period?"),
                        ),
                        "sentence_years": Spec(
                            "number",
                            question=N_("What term of imprisonment was imposed, in years?"),
                            null_also_means="a sentence to life imprisonment",
                            maximum=MAX_SENTENCE_YEARS,
                            maximum_why=N_(
                                "a longer term gives the same answer (only a term under six "
                                "months matters, Art. 462(3)(2)): give 1000; for a life "
                                "sentence leave it out"
                            ),
                        ),
                        "sentence_final_on": Spec(
                            "date", question=N_("On what date did the sentence become final?")
                        ),
                        "private_prosecution": Spec(
                            "bool",
                            question=N_("Is the prosecution one of private prosecution (частное обвинение)?"),
                        ),
                        "political_persecution": Spec(
                            "bool", question=N_("Is the person persecuted for political beliefs?")
                        ),
                    }
                ),
                "guarantees": _obj(
                    {
                        "specialty": Spec(
                            "bool",
                            question=N_(
                                "Has the requesting state guaranteed prosecution only for the offence in the request and freedom to leave afterwards?"
                            ),
                        ),
                        "no_onward_extradition": Spec(
                            "bool",
                            question=N_(
                                "Has the requesting state guaranteed no transfer to a third state without Russia's consent?"
                            ),
                        ),
                    }
                ),
            }
        ),
        "russian_proceedings": _obj(
            {
                "same_act": Spec(
                    "enum",
                    values=("none", "ongoing", "final_judgment", "terminated"),
                    question=N_(
                        "Are there Russian criminal proceedings for the same act: none, ongoing, ended in a final judgment, or terminated?"
                    ),
                ),
                "limitation_expired": Spec(
                    "bool",
                    question=N_("Has the Russian limitation period for prosecution or enforcement expired?"),
                ),
                "limitation_suspended": Spec(
                    "bool",
                    question=N_(
                        "Was the running of the limitation period suspended because the person evaded investigation, trial or punishment?"
                    ),
                ),
                "other_lawful_ground": Spec(
                    "bool",
                    question=N_(
                        "Is there another lawful ground under Russian law on which a case cannot be opened or a sentence enforced?"
                    ),
                ),
                "court_found_obstacles": Spec(
                    "bool",
                    question=N_(
                        "Has a Russian court found, in a final decision, obstacles to the extradition?"
                    ),
                ),
            }
        ),
    }
)


def spec_at(path: str) -> Spec:
    """The spec of a field path such as ``person.military_service[0].combat`` (indices ignored); the
    empty path is the whole case."""
    return _spec_at(unindexed(path))


@lru_cache(maxsize=512)
def _spec_at(path: str) -> Spec:
    spec = CASE_SPEC
    for name in path.split(".") if path else ():
        spec = spec.fields[name]
    return spec


@dataclass(frozen=True)
class Case:
    """A validated case. `facts` maps a field path to its value; lists map to tuples of item mappings."""

    facts: Mapping[str, Any]
    decision_date: dt.date
    raw: Mapping[str, Any]

    @property
    def id(self) -> str | None:
        return self.facts.get("id")

    def with_decision_date(self, day: dt.date) -> Case:
        facts = dict(self.facts)
        facts["decision_date"] = day
        return Case(facts, day, self.raw)


Check = Callable[[Any, str], Any]


def _check_scalar(spec: Spec, value: Any, path: str) -> Any:
    kind = spec.kind
    if kind == "bool":
        if value is True or value is False:
            return value
        raise CaseError(path, _("expected true, false or null, got {value}").format(value=_show(value)))
    if kind == "date":
        try:
            return parse_iso(value)
        except ValueError as exc:
            raise CaseError(path, str(exc)) from None
    if kind == "date_or_ongoing":
        if value == ONGOING:
            return ONGOING
        try:
            return parse_iso(value)
        except ValueError as exc:
            raise CaseError(path, _('{problem}, or "ongoing"').format(problem=exc)) from None
    if kind == "enum":
        if isinstance(value, str) and value in spec.values:
            return value
        raise CaseError(
            path,
            _("expected one of {values}, got {value}").format(
                values=", ".join(spec.values), value=_show(value)
            ),
        )
    if kind == "country":
        if isinstance(value, str) and value in CODES:
            return value
        raise CaseError(
            path,
            _("expected an ISO 3166-1 alpha-2 country code such as RU or NP, got {value}").format(
                value=_show(value)
            ),
        )
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CaseError(path, _("expected a number, got {value}").format(value=_show(value)))
        if value != value or value in (float("inf"), float("-inf")):
            raise CaseError(path, _("expected a finite number"))
        if value < 0:
            raise CaseError(path, _("must not be negative, got {value}").format(value=value))
        if spec.maximum is not None and value > spec.maximum:
            raise CaseError(
                path,
                _("must be at most {maximum} years, got {value}: {why}").format(
                    maximum=spec.maximum, value=value, why=_(spec.maximum_why)
                ),
            )
        return value
    if kind == "str":
        if isinstance(value, str):
            if NUL in value:
                raise CaseError(path, _(NUL_PROBLEM))
            return value if spec.check is None else spec.check(value, path)
        raise CaseError(path, _("expected text, got {value}").format(value=_show(value)))
    if kind == "strings":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            for i, v in enumerate(value):
                if NUL in v:
                    raise CaseError(f"{path}[{i}]", _(NUL_PROBLEM))
            return tuple(value)
        raise CaseError(path, _("expected a list of texts"))
    raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover - a programming error


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__ if not isinstance(value, int | float) else str(value)


class _Plan:
    """An object spec prepared once: each field with its flat key, so validation builds no strings
    unless it has something to complain about."""

    __slots__ = ("absent", "fields", "names", "spec")

    def __init__(self, spec: Spec, prefix: str) -> None:
        self.spec = spec
        self.names = frozenset(spec.fields)
        self.fields: list[tuple[str, Spec, str, _Plan | None]] = []
        for name, sub in spec.fields.items():
            key = prefix + name
            child = (
                _Plan(sub, key + ".")
                if sub.kind == "object"
                else _Plan(sub, "")
                if sub.kind == "list"
                else None
            )
            self.fields.append((name, sub, key, child))
        absent: dict[str, Any] = {}
        for name, sub in spec.fields.items():
            _absent(sub, prefix + name, absent)
        self.absent = absent


def _walk(plan: _Plan, value: Any, path: str, out: dict[str, Any]) -> None:
    """Validate `value` against an object plan and write its flat facts into `out`."""
    if value is None:
        out.update(plan.absent)
        return
    if not isinstance(value, Mapping):
        raise CaseError(path or "case", _("expected an object, got {value}").format(value=_show(value)))
    names = plan.names
    for key in value:
        if key not in names:
            where = f"{path}.{key}" if path else str(key)
            raise CaseError(
                where, _("unknown field (allowed here: {fields})").format(fields=", ".join(plan.spec.fields))
            )
    get = value.get
    for name, sub, flat, child in plan.fields:
        v = get(name)
        if v is None:
            if sub.required:
                raise CaseError(f"{path}.{name}" if path else name, _("is required"))
            if child is not None and sub.kind == "object":
                out.update(child.absent)
            else:
                out[flat] = None
        elif child is None:
            out[flat] = (
                _check_scalar(sub, v, f"{path}.{name}" if path else name)
                if sub.kind != "bool" or (v is not True and v is not False)
                else v
            )
        elif sub.kind == "object":
            _walk(child, v, f"{path}.{name}" if path else name, out)
        else:
            where = f"{path}.{name}" if path else name
            if not isinstance(v, list):
                raise CaseError(
                    where, _("expected a list (or null for unknown), got {value}").format(value=_show(v))
                )
            if sub.max_items is not None and len(v) > sub.max_items:
                raise CaseError(
                    where,
                    _("has {count} items; at most {most} are accepted").format(
                        count=len(v), most=sub.max_items
                    ),
                )
            items = []
            for i, item in enumerate(v):
                if item is None:
                    raise CaseError(f"{where}[{i}]", _("expected an object, got null"))
                row: dict[str, Any] = {}
                _walk(child, item, f"{where}[{i}]", row)
                items.append(row)
            out[flat] = tuple(items)


def _absent(spec: Spec, key: str, out: dict[str, Any]) -> None:
    if spec.kind == "object":
        for name, sub in spec.fields.items():
            _absent(sub, f"{key}.{name}", out)
    else:
        out[key] = None


@lru_cache(maxsize=1)
def _case_plan() -> _Plan:
    return _Plan(CASE_SPEC, "")


# --- the fast path ----------------------------------------------------------------------------------
# `_walk` above is the reference: it names the field and the problem. Most input is well formed, so a
# function generated from CASE_SPEC first checks plain JSON (dicts, lists, str, int, float, bool) with
# straight-line code and builds the same facts; at the first thing it does not accept it gives up, and
# `_walk` runs on the whole input, to fail with its message (or to accept what the fast path is too
# strict for, such as a Mapping that is not a dict).

_ISO_ASCII = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class _CheckerSource(PySource):
    def __init__(self) -> None:
        super().__init__(
            {
                "_iso": _ISO_ASCII.fullmatch,
                "_fromiso": dt.date.fromisoformat,
                "_date": dt.date,
                "_codes": CODES,
                "_inf": float("inf"),
                "_ONGOING": ONGOING,
                "_NUL": NUL,
            }
        )

    def obj(self, plan: _Plan, src: str, out: str, d: int, in_list: bool) -> None:
        """Fields of the object `src` (a dict) into `out`; `return None` on anything unusual."""
        self.put(d, f"if not {self.const(plan.names)}.issuperset({src}):")
        self.put(d + 1, "return None")
        for name, sub, flat, child in plan.fields:
            v = self.var("v")
            key = repr(flat)
            self.put(d, f"{v} = {src}.get({name!r})")
            self.put(d, f"if {v} is None:")
            if sub.required:
                self.put(d + 1, "return None")
            elif child is not None and sub.kind == "object":
                self.put(d + 1, f"{out}.update({self.const(child.absent)})")
            else:
                self.put(d + 1, f"{out}[{key}] = None")
            if child is None:
                self.scalar(sub, v, out, key, d, in_list)
            elif sub.kind == "object":
                self.put(d, f"elif type({v}) is not dict:")
                self.put(d + 1, "return None")
                self.put(d, "else:")
                self.obj(child, v, out, d + 1, in_list)
            else:
                rows, item, row = self.var("rows"), self.var("item"), self.var("row")
                self.put(d, f"elif type({v}) is not list or len({v}) > {sub.max_items}:")
                self.put(d + 1, "return None")
                self.put(d, "else:")
                self.put(d + 1, f"{rows} = []")
                self.put(d + 1, f"for {item} in {v}:")
                self.put(d + 2, f"if type({item}) is not dict:")
                self.put(d + 3, "return None")
                self.put(d + 2, f"{row} = {{}}")
                self.obj(child, item, row, d + 2, True)
                self.put(d + 2, f"{rows}.append({row})")
                self.put(d + 1, f"{out}[{key}] = tuple({rows})")

    def scalar(self, spec: Spec, v: str, out: str, key: str, d: int, in_list: bool) -> None:
        """`elif` branches that store an acceptable non-null `v` into `out[key]` (as `_check_scalar`)."""
        kind = spec.kind
        target = f"{out}[{key}]"
        if kind == "bool":
            self.put(d, f"elif {v} is True or {v} is False:")
            self.put(d + 1, f"{target} = {v}")
        elif kind in ("date", "date_or_ongoing"):
            if kind == "date_or_ongoing":
                self.put(d, f"elif {v} == _ONGOING and type({v}) is str:")
                self.put(d + 1, f"{target} = _ONGOING")
            self.put(d, f"elif type({v}) is str and _iso({v}) is not None:")
            self.put(d + 1, "try:")
            self.put(d + 2, f"{target} = _fromiso({v})")
            self.put(d + 1, "except ValueError:")
            self.put(d + 2, "return None")
            self.put(d, f"elif type({v}) is _date:")
            self.put(d + 1, f"{target} = {v}")
        elif kind in ("enum", "country"):
            values = "_codes" if kind == "country" else self.const(frozenset(spec.values))
            self.put(d, f"elif type({v}) is str and {v} in {values}:")
            self.put(d + 1, f"{target} = {v}")
        elif kind == "number":
            top = "_inf" if spec.maximum is None else f"{spec.maximum!r}"
            self.put(
                d, f"elif (type({v}) is int or type({v}) is float) and 0 <= {v} <= {top} and {v} < _inf:"
            )
            self.put(d + 1, f"{target} = {v}")
        elif kind == "str" and (spec.check is None or not in_list):
            self.put(d, f"elif type({v}) is str and _NUL not in {v}:")
            if spec.check is None:
                self.put(d + 1, f"{target} = {v}")
            else:  # outside lists the flat key is the path: the check raises CaseError naming it, as in `_walk`
                self.put(d + 1, f"{target} = {self.const(spec.check)}({v}, {key})")
        elif kind == "strings":
            self.put(d, f"elif type({v}) is list and all(type(x) is str and _NUL not in x for x in {v}):")
            self.put(d + 1, f"{target} = tuple({v})")
        self.put(d, "else:")
        self.put(d + 1, "return None")


@lru_cache(maxsize=1)
def _fast_walk() -> Callable[[dict[str, Any]], dict[str, Any] | None]:
    """The generated checker: the flat facts of a well-formed case, or None (then `_walk` decides)."""
    src = _CheckerSource()
    src.put(1, "out = {}")
    src.obj(_case_plan(), "D", "out", 1, False)
    fn: Callable[[dict[str, Any]], dict[str, Any] | None] = src.define(
        "def fast(D):", "    return out\n", "<case checks>"
    )
    return fn


def validate_case(data: Any, *, decision_date: dt.date | str | None = None) -> Case:
    """Validate a case mapping; `decision_date` overrides the case's own."""
    if not isinstance(data, Mapping):
        raise CaseError("case", _("expected a JSON object, got {value}").format(value=_show(data)))
    if decision_date is not None and data.get("decision_date") is None:
        data = {
            **data,
            "decision_date": decision_date if isinstance(decision_date, str) else decision_date.isoformat(),
        }
    fast = _fast_walk()(data) if type(data) is dict else None
    if fast is not None:
        facts = fast
    else:
        facts = {}
        _walk(_case_plan(), data, "", facts)
    if decision_date is not None:
        try:
            facts["decision_date"] = parse_iso(decision_date)
        except ValueError as exc:
            raise CaseError("decision_date", str(exc)) from None
    check_consistency(facts)
    return Case(facts, facts["decision_date"], data)


# Every fact `check_consistency` reads. A value tried for any other fact cannot change its verdict, which
# spares depends_on the check for most values (tests/core/test_case_fast_path.py keeps this list whole).
CONSISTENCY_FACTS = frozenset(
    {
        "decision_date",
        "person.citizenships",
        "person.stateless",
        "person.asylum_in_russia.granted",
        "person.asylum_in_russia.granted_on",
        "person.asylum_in_russia.ended_on",
        "request.treaty",
        "request.legal_basis",
        "person.military_service",
        "request.requesting_state",
        "request.offense.life_imprisonment",
        "request.offense.max_penalty_years",
        "request.offense.intentional",
    }
)
# Lists whose items `check_consistency` checks one by one, each item on its own (`check_contract`): a value
# tried for a field of one item needs only that item checked again.
ITEM_CHECKED = frozenset({"person.military_service"})


def held_while_stateless(
    f: Mapping[str, Any], first: dt.date, last: dt.date
) -> tuple[int, dt.date, dt.date] | None:
    """For a person said to be stateless: the first citizenship held on some day from `first` to `last`
    (both included), as (its index, the first and the last such day); None when there is none."""
    if f["person.stateless"] is not True:
        return None
    for i, c in enumerate(f["person.citizenships"] or ()):
        since, until = c["from"], c["until"]  # `until` is the first day no longer held
        if (since is None or since <= last) and (until is None or until > first):
            held_last = last if until is None or until > last else until - dt.timedelta(days=1)
            return i, first if since is None else max(first, since), held_last
    return None


def check_consistency(f: Mapping[str, Any]) -> None:
    """Contradictions the format cannot express by types alone."""
    day: dt.date = f["decision_date"]
    cits = f["person.citizenships"]
    if cits is not None:
        for i, c in enumerate(cits):
            if c["from"] is not None and c["until"] is not None and c["until"] <= c["from"]:
                raise CaseError(
                    f"person.citizenships[{i}].until", _("must be after {field}").format(field="from")
                )
        held = held_while_stateless(f, day, day)
        if held is not None:
            i = held[0]
            raise CaseError(
                "person.stateless",
                _("true contradicts {item} ({country}), held on the decision date {day}").format(
                    item=f"person.citizenships[{i}]", country=cits[i]["country"], day=day
                ),
            )
    granted = f["person.asylum_in_russia.granted"]
    g_on, e_on = f["person.asylum_in_russia.granted_on"], f["person.asylum_in_russia.ended_on"]
    if granted is False and (g_on is not None or e_on is not None):
        raise CaseError("person.asylum_in_russia.granted", _("is false but granted_on or ended_on is given"))
    if g_on is not None and e_on is not None and e_on <= g_on:
        raise CaseError(
            "person.asylum_in_russia.ended_on", _("must be after {field}").format(field="granted_on")
        )
    if cits == () and f["person.stateless"] is False:
        raise CaseError(
            "person.stateless",
            _("is false, but person.citizenships is empty: a person with no citizenship is stateless"),
        )
    if f["request.requesting_state"] == "RU":
        raise CaseError(
            "request.requesting_state",
            _("is RU: the requesting state asks Russia to extradite, so it cannot be Russia"),
        )
    treaty, basis = f.get("request.treaty"), f.get("request.legal_basis")
    if treaty is not None and basis in ("reciprocity", "none"):
        raise CaseError(
            "request.treaty",
            _(
                'names a treaty, but request.legal_basis is {basis}; use legal_basis "treaty" or leave the treaty out'
            ).format(basis=repr(basis)),
        )
    _check_penalty(f)
    services = f["person.military_service"]
    if services is not None:
        for i, s in enumerate(services):
            check_contract(i, s)


def _check_penalty(f: Mapping[str, Any]) -> None:
    """Life imprisonment is a penalty only for especially grave crimes (Criminal Code Art. 57(1)): intentional
    acts punishable by more than ten years (Art. 15(5)). The rules rely on it (a maximum of ten years or
    less, or a negligent act, rules life imprisonment out), so a case stating both is refused."""
    if f["request.offense.life_imprisonment"] is not True:
        return
    most = f["request.offense.max_penalty_years"]
    if most is not None and most <= 10:
        raise CaseError(
            "request.offense.life_imprisonment",
            _(
                "is true, but request.offense.max_penalty_years is {most}: life imprisonment is a penalty only for "
                "especially grave crimes, punishable by more than ten years (Criminal Code Arts. 15(5), 57(1)); give "
                "the longest term of imprisonment the article provides, or leave max_penalty_years out"
            ).format(most=most),
        )
    if f["request.offense.intentional"] is False:
        raise CaseError(
            "request.offense.life_imprisonment",
            _(
                "is true, but request.offense.intentional is false: life imprisonment is a penalty only for especially "
                "grave crimes, and only intentional acts are especially grave (Criminal Code Arts. 15(5), 57(1))"
            ),
        )


def check_contract(index: int, item: Mapping[str, Any]) -> None:
    """The contradictions within contract `index` of `person.military_service`."""
    start, end = item["contract_from"], item["contract_until"]
    if start is not None and isinstance(end, dt.date) and end <= start:
        raise CaseError(
            f"person.military_service[{index}].contract_until",
            _("must be after {field}").format(field="contract_from"),
        )


@lru_cache(maxsize=1)
def _flat_specs() -> dict[str, Spec]:
    """The spec of every key of `Case.facts` (a plain dict: faster than `spec_at` in a loop)."""
    out: dict[str, Spec] = {}

    def add(spec: Spec, prefix: str) -> None:
        for name, sub in spec.fields.items():
            if sub.kind == "object":
                add(sub, f"{prefix}{name}.")
            else:
                out[prefix + name] = sub

    add(CASE_SPEC, "")
    return out


def unknown_paths(case: Case) -> Iterator[str]:
    """Every unknown fact of the case as a concrete path (open bounds are not unknown)."""
    facts = case.facts
    specs = _flat_specs()
    for key, value in facts.items():
        if value is None:
            spec = specs.get(key) or spec_at(key)
            if not spec.open_bound and (
                spec.asked_when is None or facts.get(spec.asked_when[0]) == spec.asked_when[1]
            ):
                yield key
        elif isinstance(value, tuple) and key != "person.names":
            spec = specs.get(key) or spec_at(key)
            for i, item in enumerate(value):
                for name, v in item.items():
                    if v is None and not spec.fields[name].open_bound:
                        yield f"{key}[{i}].{name}"


def question_for(path: str) -> str:
    q = spec_at(path).question
    return q if q is not None else N_("What is {path}?").format(path=path)
