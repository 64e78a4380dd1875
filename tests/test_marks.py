"""Every mark in the law and research data is exactly as strong as its sources, never stronger.

The rules are those of docs/law-data.md, "Marks and their sources". The walk reads the YAML itself rather
than the loaded objects, so that it reaches every file under `law/` and `data/` (provisions, bill history,
treaties, states, figures, blacklist) with one set of rules, and names the file and the key of each mark
its sources cannot carry.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parent.parent / "extrashield"
READ = ("V", "V-partial", "S")  # a source that was read (or a seed report that states the thing)
DATE_MARKS = (
    ("certainty", "why"),
    ("valid_from_certainty", "valid_from_why"),
    ("valid_until_certainty", "valid_until_why"),
    ("in_force_certainty", "in_force_why"),
)
# How strong a claim's own mark is, and which source marks can carry it.
CARRIED_BY = {"V": ("V",), "V-partial": ("V", "V-partial"), "S": ("S",)}


def _load(path: Path) -> Any:
    """YAML with dates left as text (as the loaders read it): marks, not dates, are checked here."""
    from extrashield.sources.datafile import yaml_loader

    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader())


def data_files() -> dict[str, Any]:
    """Every sourced data file, by its name under the package (`law/ru/upk/464.yaml`, `data/states/KZ.yaml`)."""
    out = {}
    for folder in ("law", "data"):
        for path in sorted((PACKAGE / folder).rglob("*.yaml")):
            if path.name != "index.yaml":
                out[path.relative_to(PACKAGE).as_posix()] = _load(path)
    return out


def _nodes(node: Any, key: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping in a file with its dotted key, the file's own `sources` catalogue left out."""
    if isinstance(node, Mapping):
        yield key, node
        for k, v in node.items():
            if not (key == "" and k == "sources"):
                yield from _nodes(v, f"{key}.{k}" if key else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _nodes(v, f"{key}[{i}]")


def _cited(node: Mapping[str, Any], catalogue: Mapping[str, Any]) -> list[dict[str, Any]]:
    refs = node.get("sources")
    if not isinstance(refs, list):
        return []
    return [catalogue[r] for r in refs if isinstance(r, str) and r in catalogue]


def _evidence(name: str, key: str, node: Mapping[str, Any], files: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The sources a mark rests on: those it cites; a bill history's law rests on its `in_force` stage; a
    state's treaty entry without sources rests on the treaty file (docs/treaties-and-states.md): the
    state's party entry and the treaty's entry into force."""
    data = files[name]
    cited = _cited(node, data.get("sources") or {})
    if not cited and name.startswith("law/history/") and key == "law":
        return [
            s
            for stage in data.get("stages", [])
            if stage.get("stage") == "in_force"
            for s in _cited(stage, data["sources"])
        ]
    if cited or not (name.startswith("data/states/") and key.startswith("treaties[") and "id" in node):
        return cited
    treaty = files.get(f"data/treaties/{node['id']}.yaml") or {}
    catalogue = treaty.get("sources") or {}
    party = next((p for p in treaty.get("parties", []) if p.get("country") == data.get("code")), {})
    return _cited(party, catalogue) + _cited(treaty.get("in_force_for_russia") or {}, catalogue)


def catalogue_problems(files: Mapping[str, Any]) -> list[str]:
    """What a source entry itself may not claim."""
    out = []
    seed_urls = {
        s["url"]
        for data in files.values()
        for s in (data.get("sources") or {}).values()
        if s.get("confidence") == "S" and s.get("url")
    }
    for name, data in files.items():
        for key, s in (data.get("sources") or {}).items():
            where, conf, url = f"{name}: sources.{key}", s.get("confidence"), s.get("url")
            if url is None and conf not in ("S", "M", "V-partial"):
                out.append(f"{where}: {conf} without an address (only S, M or V-partial may lack one)")
            if conf == "M" and url is not None:
                out.append(
                    f"{where}: a recollection (M) carries the address of a page not read for it: {url}"
                )
            if url in seed_urls and conf != "S":
                out.append(f"{where}: a seed report marked {conf}, not S")
            if s.get("official") and (conf not in ("V", "V-partial") or url is None):
                out.append(f"{where}: an official publication must have been read at its address")
        for i, claim in enumerate(data.get("claims") or []):  # the figures ledger: one source per claim
            where, conf, url = (
                f"{name}: claims[{i}] ({claim.get('id')})",
                claim.get("confidence"),
                claim.get("url"),
            )
            if url is None and conf in ("V", "V-partial"):
                out.append(f"{where}: {conf} without an address")
            if url in seed_urls and conf != "S":
                out.append(f"{where}: a claim read in a seed report marked {conf}, not S")
    return out


def claim_problems(files: Mapping[str, Any]) -> list[str]:
    """A claim's confidence, and a wording's `text_confidence`, against the sources it cites."""
    out = []
    for name, data in files.items():
        catalogue = data.get("sources") or {}
        for key, node in _nodes(data):
            cited = _cited(node, catalogue)
            for mark_key in ("confidence", "text_confidence"):
                mark = node.get(mark_key)
                if (
                    mark in CARRIED_BY
                    and isinstance(node.get("sources"), list)
                    and not any(s.get("confidence") in CARRIED_BY[mark] for s in cited)
                ):
                    out.append(
                        f"{name}: {key}.{mark_key}: {mark}, but no cited source is {' or '.join(CARRIED_BY[mark])}"
                    )
            wording = node.get("text_confidence")
            if wording in ("V", "V-partial") and not any(_reads_russian(s, wording) for s in cited):
                out.append(
                    f"{name}: {key}.text_confidence: {wording}, but no cited source read in Russian "
                    f"(language: ru) is {' or '.join(CARRIED_BY[wording])}"
                    + (" and says it carries the Russian text" if wording == "V" else "")
                )
    return out


def _reads_russian(source: Mapping[str, Any], wording: str) -> bool:
    """Whether a source can carry a Russian wording so marked: it was read in Russian and, for `V`, it says
    it carries the Russian text (not only a date or a paraphrase)."""
    if source.get("language") != "ru" or source.get("confidence") not in CARRIED_BY[wording]:
        return False
    return wording != "V" or "russian text" in str(source.get("supports", "")).lower()


RANK = {"official": 5, "reported": 4, "inferred": 3, "assumed": 2, "recalled": 1, "unknown": 0}


def link_problems(files: Mapping[str, Any]) -> list[str]:
    """A state's treaty entry is no surer than what it rests on in the treaty file: the treaty's entry into
    force for Russia, and the state's status as a party (unknown stays unknown; recalled stays recalled)."""
    out = []
    for name, data in files.items():
        if not name.startswith("data/states/"):
            continue
        for i, link in enumerate(data.get("treaties") or []):
            treaty = files.get(f"data/treaties/{link.get('id')}.yaml")
            if treaty is None or link.get("certainty") not in RANK:
                continue
            mark, where = link["certainty"], f"{name}: treaties[{i}].certainty: {link['certainty']}"
            in_force = treaty["in_force_for_russia"]["certainty"]
            if RANK[mark] > RANK.get(in_force, 0):
                out.append(f"{where}, surer than the treaty's entry into force for Russia ({in_force})")
            party = next((p for p in treaty.get("parties", []) if p.get("country") == data.get("code")), None)
            if party is not None and party.get("status") == "unknown" and mark != "unknown":
                out.append(f"{where}, but the treaty file does not know whether the state is a party")
            if party is not None and party.get("certainty") == "recalled" and RANK[mark] > RANK["recalled"]:
                out.append(f"{where}, but the state's party status in the treaty file is only recalled")
    return out


def date_problems(files: Mapping[str, Any]) -> list[str]:
    """Each date mark against what it needs (docs/law-data.md, the table of marks)."""
    out = []
    for name, data in files.items():
        for key, node in _nodes(data):
            for mark_key, why_key in DATE_MARKS:
                mark, why = node.get(mark_key), node.get(why_key)
                if mark is None:
                    continue
                evidence = _evidence(name, key, node, files)
                where = f"{name}: {key}.{mark_key}: {mark}"
                if mark == "official" and not any(
                    s.get("official") and s.get("confidence") in ("V", "V-partial") for s in evidence
                ):
                    out.append(
                        f"{where}, but no cited source is an official publication that was read (official: true)"
                    )
                if mark in ("reported", "inferred", "assumed") and not any(
                    s.get("confidence") in READ for s in evidence
                ):
                    out.append(f"{where}, but no cited source was read (V, V-partial or S)")
                if mark in ("inferred", "assumed", "recalled") and not (isinstance(why, str) and why.strip()):
                    out.append(f"{where}, without a {why_key} saying how it was reached")
                if (
                    mark in ("official", "reported", "inferred")
                    and isinstance(why, str)
                    and re.search(r"\brecalled\b", why)
                ):
                    out.append(f"{where}, but its {why_key} says it rests on something recalled")
    return out


def assumption_problems(files: Mapping[str, Any]) -> list[str]:
    """A law version dated on an assumption raises the question that the assumption leaves open."""
    out = []
    for name, data in files.items():
        for i, p in enumerate(data.get("provisions") or []):
            assumed = any(
                "assumed" in (v.get("valid_from_certainty"), v.get("valid_until_certainty"))
                for v in p.get("versions", [])
            )
            if assumed and not p.get("open_questions"):
                out.append(
                    f"{name}: provisions[{i}] ({p.get('id')}): an assumed date without an open question"
                )
    return out


RULES = (catalogue_problems, claim_problems, date_problems, link_problems, assumption_problems)


@pytest.fixture(scope="module")
def files() -> dict[str, Any]:
    return data_files()


def test_the_walk_reaches_every_sourced_file_of_the_law_and_the_data(files: dict[str, Any]) -> None:
    on_disk = {
        p.relative_to(PACKAGE).as_posix()
        for folder in ("law", "data")
        for p in (PACKAGE / folder).rglob("*.yaml")
    }
    assert set(files) == on_disk - {"law/index.yaml"}
    # every file has a catalogue of sources, but the figures ledger, whose claims each name their own
    assert all(isinstance(d, Mapping) and (d.get("sources") or d.get("claims")) for d in files.values())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_no_mark_is_stronger_than_its_sources(files: dict[str, Any], rule: Any) -> None:
    problems = rule(files)
    assert problems == [], "\n".join(problems)


def _planted(files: dict[str, Any], name: str, change: Any) -> dict[str, Any]:
    out = dict(files)
    out[name] = copy.deepcopy(files[name])
    change(out[name])
    return out


def _version(path: str, version: int = 0) -> Any:
    def get(d: dict[str, Any]) -> dict[str, Any]:
        p = next(p for p in d["provisions"] if p["id"] == path)
        return p["versions"][version]  # type: ignore[no-any-return]

    return get


@pytest.mark.parametrize(
    "name,change,rule,says",
    [
        (
            "law/ru/upk/464.yaml",
            lambda d: _version("ru.upk.464.1.7")(d).update(valid_from_certainty="official"),
            date_problems,
            "no cited source is an official publication",
        ),
        (
            "law/ru/upk/462.yaml",
            lambda d: _version("ru.upk.462.3.2")(d).update(text_confidence="V"),
            claim_problems,
            "no cited source read in Russian",
        ),
        (
            "law/ru/upk/464.yaml",
            lambda d: _version("ru.upk.464.1.7")(d).update(text_confidence="V"),
            claim_problems,
            "carries the Russian text",
        ),
        (
            "data/states/TJ.yaml",
            lambda d: d["treaties"][1].update(certainty="reported"),
            link_problems,
            "party status in the treaty file is only recalled",
        ),
        (
            "law/ru/upk/4.yaml",
            lambda d: d["provisions"][0].pop("open_questions"),
            assumption_problems,
            "an assumed date without an open question",
        ),
        (
            "law/ru/uk/15.yaml",
            lambda d: _version("ru.uk.15", 1)(d).update(
                valid_from_certainty="inferred", valid_from_why="In force on publication, recalled."
            ),
            date_problems,
            "rests on something recalled",
        ),
        (
            "data/states/KE.yaml",
            lambda d: d["sources"]["research_recollection"].update(url="https://example.org/page"),
            catalogue_problems,
            "a recollection (M) carries the address",
        ),
        (
            "data/states/KE.yaml",
            lambda d: d["sources"]["allafrica_omwamba"].update(url=None),
            catalogue_problems,
            "V without an address",
        ),
        (
            "data/states/KE.yaml",
            lambda d: d["own_law"][0].update(confidence="V"),
            claim_problems,
            "no cited source is V",
        ),
    ],
)
def test_a_planted_overstatement_is_caught_naming_file_and_key(
    files: dict[str, Any], name: str, change: Any, rule: Any, says: str
) -> None:
    problems = rule(_planted(files, name, change))
    assert any(p.startswith(f"{name}: ") and says in p for p in problems), problems
