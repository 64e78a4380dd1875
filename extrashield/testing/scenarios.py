"""A pytest plugin: scenario files (tests/scenarios/**/*.yaml) that lawyers can read and write.

Each case of a file becomes one test item, named by its sentence. A failure is reported as
``path: Test '<name>'`` with what was expected and what came out. The format is in
tests/scenarios/README.md. `command:` picks the runner in `RUNNERS` (assess, screen, timeline,
eligibility_contract, eligibility_citizenship, removal); each returns the answer's `to_dict()` (screen:
its result rows). A file may name another law directory (`law:`) and other rules (`rules:`, a Python
file defining `GROUNDS`) for the extradition commands, e.g. a fixture law with an amendment.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from extrashield.facts import paths

if TYPE_CHECKING:
    from extrashield.engine.evaluator import Evaluator
    from extrashield.sources.lawbook import Lawbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASE_KEYS = {"name", "base", "case", "set", "decision_date", "readings", "expect", "command", "options"}


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings, as in JSON cases."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def set_path(case: dict[str, Any], path: str, value: Any) -> None:
    """Set `person.military_service[0].combat`-style paths, creating objects on the way."""
    paths.put(case, path, value)


def build_case(spec: Mapping[str, Any], file_base: str | None) -> dict[str, Any]:
    base = spec.get("base", file_base)
    if "case" in spec:
        case = copy.deepcopy(_plain(spec["case"]))
    elif base:
        case = json.loads((EXAMPLES / f"{base}.json").read_text(encoding="utf-8"))
    else:
        raise ValueError("a scenario needs `case` or `base`")
    for path, value in (spec.get("set") or {}).items():
        set_path(case, str(path), _plain(value))
    if spec.get("decision_date") is not None:
        case["decision_date"] = _plain(spec["decision_date"])
    return dict(case)


@cache
def law_under_test(law: Path | None, rules: Path | None) -> Evaluator:
    """The extradition evaluator over the law directory `law` (None: the bundled law) with the `GROUNDS`
    of the Python file `rules` (None: the bundled rules), built once per pair."""
    import extrashield
    from extrashield.sources.lawbook import default_lawbook, load_lawbook

    grounds = None
    if rules is not None:
        spec = importlib.util.spec_from_file_location(f"scenario_rules_{rules.stem}", rules)
        if spec is None or spec.loader is None:
            raise ScenarioFailure(f"rules: cannot load {rules}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        grounds = module.GROUNDS
    return extrashield.evaluator_for(default_lawbook() if law is None else load_lawbook(law), grounds)


def _evaluator(spec: Mapping[str, Any]) -> Evaluator:
    """The evaluator of the law and rules the scenario's file names, else the bundled one."""
    import extrashield

    if spec.get("law") is None and spec.get("rules") is None:
        return extrashield.default_evaluator()
    return law_under_test(spec.get("law"), spec.get("rules"))


def run_assess(case: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    import extrashield
    from extrashield.facts.case import validate_case

    if spec.get("law") is None and spec.get("rules") is None:
        return extrashield.assess(case, readings=spec.get("readings")).to_dict()
    return _evaluator(spec).assess(validate_case(case), spec.get("readings")).to_dict()


def run_screen(case: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """`options: {decision_dates: [D1, D2, …]}`: the case screened once on each date, all rows in one batch
    as `extrashield screen` takes a file; `{"rows": [{id, outcome, applies, depends_on, error}, …]}`."""
    from extrashield.batch.screening import Screener, screen_records
    from extrashield.errors import CaseError

    days = _plain(spec.get("options") or {}).get("decision_dates")
    if not isinstance(days, list) or not days:
        raise CaseError(
            "options.decision_dates", "a screen needs options.decision_dates, a list of YYYY-MM-DD"
        )
    rows = [{**case, "decision_date": day} for day in days]
    screener = Screener(readings=spec.get("readings"), evaluator=_evaluator(spec))
    return {"rows": screen_records(rows, screener=screener)}


def run_eligibility_contract(case: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    from extrashield.services import recruitment

    return recruitment.contract_eligibility(case, readings=spec.get("readings")).to_dict()


def run_eligibility_citizenship(case: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    from extrashield.services import recruitment

    return recruitment.citizenship_eligibility(case, readings=spec.get("readings")).to_dict()


def run_removal(case: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """`options: {bills: {PROVISION: {stage: S, stage_date: D}}}`: the bundled law with those bills at
    another stage (`law_with_bills`)."""
    from extrashield.services.removal import assess_removal

    bills = _plain(spec.get("options") or {}).get("bills")
    book = None if not bills else law_with_bills(_frozen(bills))
    return assess_removal(case, readings=spec.get("readings"), lawbook=book).to_dict()


def _frozen(value: Any) -> Any:
    """A hashable copy of plain scenario data (mappings and lists of texts), to key a cache."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


# What a scenario may set a bill to: a stage it can reach while still a bill, or `in_force` (its adoption
# recorded: the law applies from `stage_date`).
ADOPTED = "in_force"


@cache
def law_with_bills(bills: tuple[tuple[str, Any], ...]) -> Lawbook:
    """The bundled law data with the bill versions of some provisions at another stage: TEST DATA, NOT LAW.

    `bills` pairs a provision id with `{stage, stage_date}` (frozen by `_frozen`). A stage of
    `BILL_STAGES` keeps the version a bill, as the law data would record it at that stage (its
    `valid_from` is the stage's date); `in_force` records the adoption, as docs/law-data.md says to: the
    bill version becomes a law version applying from `stage_date` and the `.adoption` question goes.
    Lets a scenario put each bill at each stage without a law directory per stage."""
    from dataclasses import replace

    from extrashield.errors import CaseError
    from extrashield.sources.lawbook import ADOPTION_QUESTION, BILL_STAGES, FrozenDict, default_lawbook

    book = default_lawbook()
    provisions = dict(book.provisions)
    for pid, raw in bills:
        where = f"options.bills.{pid}"
        p = provisions.get(pid)
        want = dict(raw) if isinstance(raw, tuple) else {}
        if p is None or not any(v.bill is not None for v in p.versions):
            raise CaseError(where, "not a provision whose law data holds a bill")
        stage, day = want.get("stage"), want.get("stage_date")
        if stage not in (*BILL_STAGES, ADOPTED) or not isinstance(day, str):
            raise CaseError(
                where,
                f"expected {{stage: one of {', '.join((*BILL_STAGES, ADOPTED))}, stage_date: YYYY-MM-DD}}",
            )
        on = dt.date.fromisoformat(day)
        versions = []
        for v in p.versions:
            if v.bill is None:
                versions.append(v)
            elif stage == ADOPTED:
                versions.append(
                    replace(
                        v, valid_from=on, valid_from_why=f"test data: the law applies from {on}", bill=None
                    )
                )
            else:
                versions.append(replace(v, valid_from=on, bill=replace(v.bill, stage=stage, stage_date=on)))
        questions = p.open_questions
        if stage == ADOPTED:
            questions = tuple(q for q in questions if not q.id.endswith(ADOPTION_QUESTION))
        provisions[pid] = replace(p, versions=tuple(versions), open_questions=questions)
    return replace(book, provisions=FrozenDict(provisions))


def run_timeline(case: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """`options: {from: D1, to: D2}`: the intervals of [D1, D2), as `extrashield timeline`."""
    from extrashield.engine.timeline import build_timeline
    from extrashield.errors import CaseError
    from extrashield.facts.case import validate_case
    from extrashield.facts.dates import parse_iso

    options = _plain(spec.get("options") or {})
    days = []
    for key in ("from", "to"):
        try:
            days.append(parse_iso(options[key]))
        except (KeyError, TypeError, ValueError) as exc:
            raise CaseError(
                f"options.{key}", f"a timeline needs options.{key} as YYYY-MM-DD ({exc})"
            ) from None
    return build_timeline(
        _evaluator(spec), validate_case(case), days[0], days[1], spec.get("readings")
    ).to_dict()


RUNNERS: dict[str, Callable[[dict[str, Any], Mapping[str, Any]], dict[str, Any]]] = {
    "assess": run_assess,
    "screen": run_screen,
    "eligibility_contract": run_eligibility_contract,
    "eligibility_citizenship": run_eligibility_citizenship,
    "removal": run_removal,
    "timeline": run_timeline,
}
# the commands that run on the law and rules a file names (the others use the bundled law)
LAW_COMMANDS = ("assess", "screen", "timeline")


BRIEF = {
    "intervals": ("from", "until", "outcome", "applies"),
    "rows": ("outcome", "applies", "depends_on", "error"),
}


def _sorted_if_list(value: Any) -> Any:
    return sorted(value, key=str) if isinstance(value, list) else value


def _question_details(want: Mapping[str, Any], question: Mapping[str, Any]) -> list[str]:
    """An open question's details: `alternatives` as the list of their outcomes, any other key as a dotted
    path into the question (`treaty.binds_on_decision_date`); a list of objects compares by their `id`."""
    problems = []
    for key, value in want.items():
        got: Any = question
        for part in key.split("."):
            got = got.get(part) if isinstance(got, Mapping) else None
        if key == "alternatives":
            got = [a["outcome"] for a in question.get("alternatives", [])]
        elif isinstance(got, list) and all(isinstance(x, Mapping) for x in got):
            got = [x.get("id") for x in got]
        if got != value:
            problems.append(f"{key}: expected {value!r}, got {got!r}")
    return problems


def compare(expect: Mapping[str, Any], answer: Mapping[str, Any]) -> list[str]:
    """Differences between what a scenario expects and the answer; empty when it matches."""
    problems = []
    for key, want in expect.items():
        if key in (
            "grounds",
            "criteria",
            "shields",
        ):  # assess: grounds; eligibility: criteria; a route: shields
            got_by = {g["provision"]: g["status"] for g in answer.get(key, [])}
            for pid, status in want.items():
                if got_by.get(pid) != status:
                    problems.append(f"{key}.{pid}: expected {status}, got {got_by.get(pid, 'absent')}")
        elif key == "routes":  # removal: {route: status} or {route: {status: …, law_confirmed: …, …}}
            got_routes = {r["route"]: r for r in answer.get("routes", [])}
            for rid, route_want in want.items():
                if rid not in got_routes:
                    problems.append(f"routes.{rid}: expected, but absent")
                    continue
                sub = route_want if isinstance(route_want, Mapping) else {"status": route_want}
                problems += [f"routes.{rid}.{p}" for p in compare(sub, got_routes[rid])]
        elif key in ("intervals", "rows"):  # timeline, screen: exactly these, each on the keys it names
            got_all = answer.get(key, [])
            got = [{k: _sorted_if_list(iv.get(k)) for k in w} for w, iv in zip(want, got_all)]
            shown = [{k: _sorted_if_list(v) for k, v in w.items()} for w in want]
            if len(got_all) != len(want) or got != shown:
                brief = [{k: iv[k] for k in BRIEF[key]} for iv in got_all]
                problems.append(f"{key}: expected {shown}, got {brief}")
        elif (
            key == "versions"
        ):  # assess: the id of the version each ground named applied (null: none in force)
            got_versions = {g["provision"]: (g["version"] or {}).get("id") for g in answer.get("grounds", [])}
            for pid, vid in want.items():
                if got_versions.get(pid, "absent") != vid:
                    problems.append(f"versions.{pid}: expected {vid}, got {got_versions.get(pid, 'absent')}")
        elif key in ("depends_on", "also_unknown"):
            got = sorted(d["fact"] for d in answer.get(key, []))
            if got != sorted(want):
                problems.append(f"{key}: expected {sorted(want)}, got {got}")
        elif key == "open_questions":
            got = sorted(q["id"] for q in answer.get("open_questions", []))
            if got != sorted(want):
                problems.append(f"open_questions: expected {sorted(want)}, got {got}")
            elif isinstance(want, Mapping):  # {id: {key: value}}: details of each question too
                by_id = {q["id"]: q for q in answer.get("open_questions", [])}
                for qid, details in want.items():
                    problems += [
                        f"open_questions.{qid}.{p}" for p in _question_details(details or {}, by_id[qid])
                    ]
        elif key in ("applies", "closed_by"):
            got = sorted(answer.get(key, []))
            if got != sorted(want):
                problems.append(f"{key}: expected {sorted(want)}, got {got}")
        elif answer.get(key) != want:
            problems.append(f"{key}: expected {want!r}, got {answer.get(key)!r}")
    return problems


class ScenarioFailure(Exception):
    pass


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[ScenarioItem]:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        if not isinstance(data, Mapping) or not isinstance(data.get("cases"), list):
            raise ScenarioFailure(f"{self.path}: expected a mapping with a `cases` list")
        file_base = data.get("base")
        file_command = data.get("command", "assess")  # the file's default runner; a case may override it
        # another law directory and other rules, relative to this file (the bundled ones when absent)
        law = {
            key: (self.path.parent / str(data[key])).resolve() for key in ("law", "rules") if data.get(key)
        }
        for i, spec in enumerate(data["cases"]):
            unknown = set(spec) - CASE_KEYS
            if unknown:
                raise ScenarioFailure(f"{self.path}: case {i}: unknown keys {sorted(unknown)}")
            command = spec.get("command", file_command)
            if command not in RUNNERS:
                raise ScenarioFailure(
                    f"{self.path}: case {i}: unknown command {command!r} (known: {sorted(RUNNERS)})"
                )
            if law and command not in LAW_COMMANDS:
                raise ScenarioFailure(
                    f"{self.path}: case {i}: `law` and `rules` serve only {', '.join(LAW_COMMANDS)}, "
                    f"not {command!r}"
                )
            spec = {**spec, **law, "command": command}
            name = spec.get("name") or f"case {i}"
            yield ScenarioItem.from_parent(self, name=name, spec=spec, file_base=file_base)


class ScenarioItem(pytest.Item):
    def __init__(self, *, spec: Mapping[str, Any], file_base: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.file_base = file_base

    def runtest(self) -> None:
        from extrashield.errors import CaseError

        expect = _plain(self.spec.get("expect") or {})
        if not expect:
            raise ScenarioFailure("the scenario expects nothing: add an `expect`")
        case = build_case(self.spec, self.file_base)
        runner = RUNNERS[self.spec.get("command", "assess")]
        if "error" in expect:
            try:
                runner(case, self.spec)
            except CaseError as exc:
                if expect["error"] not in str(exc):
                    raise ScenarioFailure(
                        f"error: expected a message naming {expect['error']!r}, got {str(exc)!r}"
                    ) from None
                return
            raise ScenarioFailure(
                f"error: expected the case to be refused naming {expect['error']!r}, but it was accepted"
            )
        problems = compare(expect, runner(case, self.spec))
        if problems:
            raise ScenarioFailure("\n".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return f"{self.path}: Test '{self.name}'\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.name}"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> ScenarioFile | None:
    if file_path.suffix == ".yaml" and "scenarios" in file_path.parts and file_path.name != "README.yaml":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
