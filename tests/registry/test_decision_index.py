"""Saved decisions carry whom and what they concern (names in any script, reference, requesting state),
and the registry lists them filtered, sorted as a Russian reader expects and searched by name in Latin
or Cyrillic; names are stored as text that SQL LIKE finds. On SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import Registry, forget_registries, open_registry
from extrashield.adapters.registry.audit import GENESIS, canonical, entry_hash
from extrashield.adapters.registry.config import resolve_url
from extrashield.adapters.registry.decision_index import parse_query, summary_of
from extrashield.adapters.registry.migrate import MIGRATIONS
from extrashield.errors import CaseError

EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"


def _case(example: str = "cuban-veteran-mercenarism", **changes: Any) -> dict[str, Any]:
    case: dict[str, Any] = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    for path, value in changes.items():
        *parents, last = path.split("__")
        place = case
        for p in parents:
            place = place[p]
        if value is None:
            place.pop(last, None)
        else:
            place[last] = value
    return case


def _save(reg: Registry, names: list[str] | None, **changes: Any) -> dict[str, Any]:
    case = _case(person__names=names, **changes)
    return reg.record_decision({"case": case}, "test")


def _listed(reg: Registry, **params: str) -> list[list[str] | None]:
    rows, total = reg.find_decisions(parse_query(params))
    assert total == len(rows)
    return [r["names"] for r in rows]


# -- what a decision carries ----------------------------------------------------------------------------


def test_a_saved_decision_carries_its_persons_names_reference_and_requesting_state(db_url: str) -> None:
    reg = open_registry(db_url)
    stored = _save(reg, ["Иванов Иван", "Ivanov Ivan"], id="2026/117-Э")
    assert stored["names"] == ["Иванов Иван", "Ivanov Ivan"]
    assert stored["reference"] == "2026/117-Э" and stored["requesting_state"] == "CU"
    assert stored["outcome"] == stored["answer"]["outcome"] and stored["decision_date"] == "2026-04-14"
    assert reg.get("decision", stored["id"]) == stored
    assert reg.verify().ok  # the new columns are part of the audited record


def test_a_decision_on_stored_records_takes_the_reference_of_its_request(db_url: str) -> None:
    from extrashield.adapters.registry.records import KINDS

    reg = open_registry(db_url)
    person = reg.create(KINDS["person"], {"names": ["Рамеш Тапа"]}, "test")
    request = reg.create(
        KINDS["request"],
        {"person_id": person["id"], "reference": "NP-2026-4", "requesting_state": "NP"},
        "test",
    )
    stored = reg.record_decision(
        {"person_id": person["id"], "request_id": request["id"], "decision_date": "2026-05-01"}, "test"
    )
    assert (stored["names"], stored["reference"], stored["requesting_state"]) == (
        ["Рамеш Тапа"],
        "NP-2026-4",
        "NP",
    )


def test_what_a_case_does_not_say_stays_empty() -> None:
    assert summary_of({"decision_date": "2026-04-01"}) == {
        "names": None,
        "reference": None,
        "requesting_state": None,
    }
    assert summary_of({"id": "  ", "person": {"names": ["", "A B"]}})["names"] == ["A B"]
    assert summary_of({"reference": "R-1", "id": "x"}, "from the request")["reference"] == "R-1"


# -- search, filters, sort ----------------------------------------------------------------------------


def test_a_name_is_found_in_latin_or_cyrillic_whichever_it_was_written_in(db_url: str) -> None:
    reg = open_registry(db_url)
    _save(reg, ["Иванов Сергей"])
    _save(reg, ["Ivanov Petr"])
    _save(reg, ["Ramesh Thapa"])
    _save(reg, ["Шевченко Тарас"])
    assert _listed(reg, name="Ivanov", sort="name") == [["Иванов Сергей"], ["Ivanov Petr"]]
    assert _listed(reg, name="Иванов", sort="name") == [["Иванов Сергей"], ["Ivanov Petr"]]
    assert _listed(reg, name="иван серг") == [["Иванов Сергей"]]  # every word, from its beginning
    assert _listed(reg, name="Тапа") == [["Ramesh Thapa"]]  # a transliteration that sounds alike
    assert _listed(reg, name="Ševčenko") == [["Шевченко Тарас"]]
    assert _listed(reg, name="Petrov") == []


def test_the_list_filters_by_outcome_requesting_state_and_decision_dates(db_url: str) -> None:
    reg = open_registry(db_url)
    cuban = _save(reg, ["A"])  # CU, 2026-04-14
    early = _save(reg, ["B"], decision_date="2026-01-10")
    other = _save(reg, ["C"], request__requesting_state="VE")

    def ids(**params: str) -> set[str]:
        return {r["id"] for r in reg.find_decisions(parse_query(params))[0]}

    assert ids(state="cu") == {cuban["id"], early["id"]}
    assert ids(outcome=cuban["outcome"]) >= {cuban["id"]}
    assert ids(outcome="permitted") == {d["id"] for d in (cuban, early, other) if d["outcome"] == "permitted"}
    assert ids(**{"from": "2026-02-01"}) == {cuban["id"], other["id"]}
    assert ids(**{"to": "2026-02-01"}) == {early["id"]}
    assert ids(**{"from": "2026-04-14", "to": "2026-04-14", "state": "VE"}) == {other["id"]}
    assert reg.decision_states() == ["CU", "VE"]


def test_names_sort_as_a_russian_reader_expects(db_url: str) -> None:
    reg = open_registry(db_url)
    for names in (["Ефимов"], ["Abramov"], None, ["Ёлкин"], ["Ежов"], ["Жуков"], ["Ivanov"], ["Ельцин"]):
        _save(reg, names)
    expected = [["Ежов"], ["Ёлкин"], ["Ельцин"], ["Ефимов"], ["Жуков"], ["Abramov"], ["Ivanov"], None]
    assert _listed(reg, sort="name") == expected  # Ё as Е (Ёлк < Ель); Cyrillic, then Latin; no name last
    assert _listed(reg, sort="-name") == [*expected[-2::-1], None]


def test_a_page_of_the_list_and_its_total(db_url: str) -> None:
    reg = open_registry(db_url)
    for i in range(5):
        _save(reg, [f"Иванов {i}"])
    rows, total = reg.find_decisions(parse_query({"name": "ivanov", "sort": "name"}), limit=2, offset=2)
    assert total == 5 and [r["names"] for r in rows] == [["Иванов 2"], ["Иванов 3"]]
    rows, total = reg.find_decisions(parse_query({}), limit=2, offset=4)
    assert total == 5 and len(rows) == 1
    assert "case" not in rows[0] and "answer" not in rows[0]  # a list holds what it shows


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"name": "!!!"}, "name"),
        ({"outcome": "refused"}, "outcome"),
        ({"state": "Nepal"}, "state"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "to"),
        ({"sort": "age"}, "sort"),
        ({"sort": "--name"}, "sort"),
    ],
)
def test_a_bad_query_is_refused_naming_its_parameter(params: dict[str, str], field: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_query(params)
    assert caught.value.path == field


# -- names as text --------------------------------------------------------------------------------------


def test_sql_like_finds_cyrillic_names_in_the_database_itself(db_url: str) -> None:
    reg = open_registry(db_url)
    _save(reg, ["Иванов Иван"])
    with reg.engine.connect() as conn:
        found = conn.execute(
            sa.text("SELECT count(*) FROM decisions WHERE CAST(names AS TEXT) LIKE '%Иван%'")
        ).scalar_one()
        case = conn.execute(sa.text('SELECT CAST("case" AS TEXT) FROM decisions')).scalar_one()
    assert found == 1 and "Иванов" in case and "\\u" not in case


# -- migration 0006 ---------------------------------------------------------------------------------------


def _registry_at_0005(db_url: str, decision: dict[str, Any], person: dict[str, Any]) -> None:
    """A registry as 0005 left it, holding a person and a decision written as the registry wrote them
    before it stored UTF-8 text (names as \\u escapes), each with its audit entry."""
    from alembic import command
    from alembic.config import Config

    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        prev = GENESIS
        for seq, (table, entity, row) in enumerate(
            (("persons", "person", person), ("decisions", "decision", decision)), start=1
        ):
            cols = ", ".join(f'"{k}"' for k in row)
            conn.execute(
                sa.text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + k for k in row)})"),
                {k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()},
            )
            entry = {
                "seq": seq,
                "at": row["created_at"],
                "actor": "t",
                "action": "create",
                "entity": entity,
                "entity_id": row["id"],
                "before": None,
                "after": canonical(row),
                "prev_hash": prev,
            }
            entry["hash"] = prev = entry_hash(entry)
            conn.execute(
                sa.text(
                    'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, "before", "after", '
                    "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, :entity_id, :before, "
                    ":after, :prev_hash, :hash)"
                ),
                entry,
            )
    engine.dispose()


def _old_rows() -> tuple[dict[str, Any], dict[str, Any]]:
    from extrashield import assess, default_lawbook

    stamp = "2026-01-01T00:00:00.000000+00:00"
    meta = {"created_at": stamp, "created_by": "t", "updated_at": stamp, "updated_by": "t", "version": 1}
    case = _case(person__names=["Иванов Иван"], id="дело 7")
    answer = assess(case).to_dict()
    decision = {
        "id": "22222222-2222-4333-8444-555555555555",
        "person_id": None,
        "request_id": None,
        "case": case,
        "readings": {},
        "decision_date": answer["decision_date"],
        "answer": answer,
        "outcome": answer["outcome"],
        "law_digest": default_lawbook().digest,
        "notes": None,
        **meta,
    }
    person = {
        "id": "11111111-2222-4333-8444-555555555555",
        "names": ["Иванов Иван"],
        "birth_date": None,
        "citizenships": None,
        "stateless": None,
        "asylum_in_russia": None,
        "notes": None,
        **meta,
    }
    return decision, person


def test_a_registry_made_at_0005_gets_its_decisions_summarised_and_its_names_as_text(db_url: str) -> None:
    decision, person = _old_rows()
    _registry_at_0005(db_url, decision, person)
    reg = open_registry(db_url)  # migrates to the head
    stored = reg.get("decision", decision["id"])
    assert (stored["names"], stored["reference"], stored["requesting_state"]) == (
        ["Иванов Иван"],
        "дело 7",
        "CU",
    )
    assert _listed(reg, name="Ivanov") == [["Иванов Иван"]]
    with reg.engine.connect() as conn:
        for table in ("persons", "decisions"):
            found = conn.execute(
                sa.text(f"SELECT count(*) FROM {table} WHERE CAST(names AS TEXT) LIKE '%Иван%'")
            ).scalar_one()
            assert found == 1, table
        case = conn.execute(sa.text('SELECT CAST("case" AS TEXT) FROM decisions')).scalar_one()
    assert "дело 7" in case and "\\u" not in case
    verdict = reg.verify()
    assert verdict.ok and verdict.entries == 3  # two creations, one attestation of the decision
    attest = reg.audit()[-1]
    assert (attest["action"], attest["actor"], attest["entity_id"]) == (
        "attest",
        "migration:0006",
        decision["id"],
    )
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), reg.engine.begin() as conn:  # still refused
        conn.execute(sa.text("UPDATE decisions SET notes = 'x'"))


def test_a_decision_changed_behind_the_registry_before_the_upgrade_is_still_found(db_url: str) -> None:
    decision, person = _old_rows()
    tampered = copy.deepcopy(decision)
    _registry_at_0005(db_url, decision, person)
    tampered["outcome"] = "permitted" if decision["outcome"] != "permitted" else "barred"
    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:  # lift the append-only trigger as someone with the owner's rights could
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ALTER TABLE decisions DISABLE TRIGGER decisions_no_change")
        else:
            conn.exec_driver_sql("DROP TRIGGER decisions_no_update")
        conn.execute(sa.text("UPDATE decisions SET outcome = :o"), {"o": tampered["outcome"]})
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ALTER TABLE decisions ENABLE TRIGGER decisions_no_change")
    engine.dispose()
    verdict = open_registry(db_url).verify()
    assert not verdict.ok and verdict.first_broken_seq == 3
    assert "when it was attested: outcome" in (verdict.problem or "")
    forget_registries()


def test_migration_0006_is_undone_only_on_a_registry_without_decisions(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    _save(open_registry(db_url), ["Иванов Иван"])
    forget_registries()
    engine = sa.create_engine(resolve_url(db_url))
    with pytest.raises(RuntimeError, match="holds decisions"), engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    engine.dispose()
    assert open_registry(db_url).verify().ok  # nothing was undone
