"""Finding persons by name in any script, and paging list endpoints with a cursor."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import Registry, open_registry
from extrashield.adapters.registry.access import GIVEN
from extrashield.adapters.registry.audit import GENESIS, canonical, entry_hash
from extrashield.adapters.registry.migrate import MIGRATIONS
from extrashield.adapters.registry.names import name_keys, query_words
from extrashield.adapters.registry.paging import decode_cursor, encode_cursor
from extrashield.adapters.registry.records import KINDS

PERSON = KINDS["person"]


def _names(reg: Registry, query: str) -> list[list[str]]:
    return [p["names"] for p in reg.list("person", name=query_words(query))]


def _people(reg: Registry, *names: list[str]) -> list[str]:
    return [reg.create(PERSON, {"names": n}, "test")["id"] for n in names]


# -- search --------------------------------------------------------------------------------------------


def test_a_name_is_found_across_scripts_case_and_accents(db_url: str) -> None:
    reg = open_registry(db_url)
    _people(reg, ["Ramesh Thapa"], ["Тапа"], ["José Müller"], ["Tebow Tim"], ["Шевченко Тарас"])
    assert _names(reg, "Тапа") == [["Ramesh Thapa"], ["Тапа"]]  # Cyrillic finds Latin, and itself
    assert _names(reg, "thapa") == [["Ramesh Thapa"], ["Тапа"]]  # Latin finds Cyrillic
    assert _names(reg, "THÁPA ramesh") == [["Ramesh Thapa"]]  # every word must match; case, accents ignored
    assert _names(reg, "jose muller") == [["José Müller"]]
    assert _names(reg, "мюллер") == [["José Müller"]]
    assert _names(reg, "shevchenko") == [["Шевченко Тарас"]]
    assert _names(reg, "thap") == [["Ramesh Thapa"]]  # the beginning of a word
    assert _names(reg, "Ivanov") == []


def test_sounding_alike_is_not_enough_without_few_letters_between(db_url: str) -> None:
    # "tapa" and "tebow" share their Soundex code (T100) but differ by three letters: no match.
    assert name_keys(["Tebow"])[0][1] == name_keys(["Тапа"])[0][1]
    reg = open_registry(db_url)
    _people(reg, ["Tebow"])
    assert _names(reg, "Тапа") == []


def test_the_search_follows_a_change_of_names(db_url: str) -> None:
    reg = open_registry(db_url)
    (pid,) = _people(reg, ["Ivan Petrov"])
    reg.update(PERSON, pid, {"names": ["Иван Сидоров"]}, "test")
    assert _names(reg, "petrov") == []
    assert _names(reg, "sidorov") == [["Иван Сидоров"]]
    reg.update(PERSON, pid, {"notes": "names unchanged"}, "test")
    assert _names(reg, "sidorov") == [["Иван Сидоров"]]
    assert reg.verify().ok  # the search keys live outside the audited record


def test_a_name_query_without_letters_is_refused() -> None:
    for query in ("", "  ", "!!!", "-"):
        with pytest.raises(ValueError, match="at least one letter or digit"):
            query_words(query)
    with pytest.raises(ValueError, match="at most 200"):
        query_words("a" * 201)


def test_names_are_stored_as_text_not_escapes(db_url: str) -> None:
    reg = open_registry(db_url)
    _people(reg, ["Рамеш Тапа"])
    cast = "CAST(names AS TEXT)"
    with reg.engine.connect() as conn:
        stored = conn.execute(sa.text(f"SELECT {cast} FROM persons")).scalar_one()
        found = conn.execute(sa.text(f"SELECT count(*) FROM persons WHERE {cast} LIKE '%Тапа%'")).scalar_one()
    assert "Тапа" in stored and "\\u" not in stored
    assert found == 1


def test_the_http_search_finds_across_scripts_and_logs_the_name_as_given(api: Any, db_url: str) -> None:
    ed, rd = api.auth_as("editor"), api.auth_as("reader")
    api.post("/v1/persons", json={"names": ["Ramesh Thapa"]}, headers=ed)
    api.post("/v1/persons", json={"names": ["Иван Петров"]}, headers=ed)
    r = api.get("/v1/persons", params={"name": "Тапа"}, headers=rd)
    assert r.status_code == 200 and [p["names"] for p in r.json()] == [["Ramesh Thapa"]]
    r = api.get("/v1/persons", params={"name": "1995-02-11"}, headers=rd)  # looks like a date: still personal
    assert r.status_code == 200 and r.json() == []
    for bad in ("!!!", "x" * 201):
        r = api.get("/v1/persons", params={"name": bad}, headers=rd)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "name"]
    queries = [json.loads(e["query"]) for e in open_registry(db_url).access_log() if e["query"]]
    assert [q["name"] for q in queries] == [GIVEN, GIVEN]
    assert "Тапа" not in json.dumps(queries, ensure_ascii=False) and "1995" not in json.dumps(queries)


def test_only_the_persons_list_takes_a_name(api: Any) -> None:
    spec = api.get("/openapi.json").json()["paths"]
    assert "name" in [p["name"] for p in spec["/v1/persons"]["get"]["parameters"]]
    assert "name" not in [p["name"] for p in spec["/v1/requests"]["get"]["parameters"]]


# -- migration -----------------------------------------------------------------------------------------


def test_a_registry_made_at_0002_gets_search_keys_and_still_verifies(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from extrashield.adapters.registry.config import resolve_url

    # A person as a 0002 registry stored them: names as \u escapes, with their audit entry.
    row = {
        "id": "11111111-2222-4333-8444-555555555555",
        "names": ["Рамеш Тапа"],
        "birth_date": None,
        "citizenships": None,
        "stateless": None,
        "asylum_in_russia": None,
        "notes": None,
        "created_at": "2026-01-01T00:00:00.000000+00:00",
        "created_by": "t",
        "updated_at": "2026-01-01T00:00:00.000000+00:00",
        "updated_by": "t",
        "version": 1,
    }
    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            sa.text(
                "INSERT INTO persons (id, names, created_at, created_by, updated_at, updated_by, version) "
                "VALUES (:id, :names, :created_at, :created_by, :updated_at, :updated_by, :version)"
            ),
            {**row, "names": json.dumps(row["names"])},
        )
        entry = {
            "seq": 1,
            "at": row["created_at"],
            "actor": "t",
            "action": "create",
            "entity": "person",
            "entity_id": row["id"],
            "before": None,
            "after": canonical(row),
            "prev_hash": GENESIS,
        }
        entry["hash"] = entry_hash(entry)
        conn.execute(
            sa.text(
                'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, "before", "after", '
                "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, :entity_id, :before, "
                ":after, :prev_hash, :hash)"
            ),
            entry,
        )
    engine.dispose()

    reg = open_registry(db_url)  # migrates to the head
    assert _names(reg, "thapa") == [["Рамеш Тапа"]]
    assert reg.verify().ok and reg.verify().entries == 1


# -- cursors -------------------------------------------------------------------------------------------


def _follow(api: Any, url: str, headers: dict[str, str]) -> tuple[list[str], list[str]]:
    """Every id reached by following X-Next-Cursor from `url`, and the Link headers seen."""
    ids: list[str] = []
    links: list[str] = []
    while True:
        r = api.get(url, headers=headers)
        assert r.status_code == 200, r.text
        ids += [x["id"] for x in r.json()]
        nxt = r.headers.get("x-next-cursor")
        if nxt is None:
            assert "link" not in r.headers
            return ids, links
        links.append(r.headers["link"])
        url = r.headers["link"].split(">")[0][1:]
        assert f"cursor={nxt}" in url


def test_following_cursors_visits_every_record_once(api: Any) -> None:
    ed, rd = api.auth_as("editor"), api.auth_as("reader")
    made = [api.post("/v1/sources", json={"title": f"s{i}"}, headers=ed).json()["id"] for i in range(7)]
    ids, links = _follow(api, "/v1/sources?limit=3", rd)
    assert ids == made
    assert len(links) == 2 and all(link.endswith('>; rel="next"') and "limit=3" in link for link in links)
    # offset paging works as before, and the first page of it also names the next cursor
    r = api.get("/v1/sources?limit=3&offset=3", headers=rd)
    assert [x["id"] for x in r.json()] == made[3:6] and decode_cursor(r.headers["x-next-cursor"])[1] == made[
        5
    ]
    # exactly a page left: one more request finds nothing and ends it
    ids6, _ = _follow(api, "/v1/sources?limit=7", rd)
    assert ids6 == made


def test_records_created_while_paging_are_reached_once_after_the_others(api: Any) -> None:
    ed, rd = api.auth_as("editor"), api.auth_as("reader")
    pid = api.post("/v1/persons", json={"names": ["A B"]}, headers=ed).json()["id"]
    made = [
        api.post("/v1/requests", json={"person_id": pid, "reference": f"r{i}"}, headers=ed).json()["id"]
        for i in range(4)
    ]
    seen: list[str] = []
    url = f"/v1/requests?person_id={pid}&limit=2"
    while url:
        r = api.get(url, headers=rd)
        seen += [x["id"] for x in r.json()]
        if len(seen) <= 4:  # inserts during paging
            made.append(
                api.post("/v1/requests", json={"person_id": pid, "reference": "late"}, headers=ed).json()[
                    "id"
                ]
            )
        url = r.headers["link"].split(">")[0][1:] if "link" in r.headers else ""
    assert seen == made and len(set(seen)) == len(seen)


def test_cursors_page_a_name_search_and_decisions(api: Any, nepali: dict[str, Any]) -> None:
    ed, rd = api.auth_as("editor"), api.auth_as("reader")
    thapas = [
        api.post("/v1/persons", json={"names": [f"Тапа {i}"]}, headers=ed).json()["id"] for i in range(5)
    ]
    api.post("/v1/persons", json={"names": ["Other"]}, headers=ed)
    ids, _ = _follow(api, "/v1/persons?name=thapa&limit=2", rd)
    assert ids == thapas
    decisions = [api.post("/v1/decisions", json={"case": nepali}, headers=ed).json()["id"] for _ in range(3)]
    assert _follow(api, "/v1/decisions?limit=2", rd)[0] == decisions


def test_a_bad_cursor_is_refused_naming_it(api: Any) -> None:
    rd = api.auth_as("reader")
    forged = base64.urlsafe_b64encode(b'["yesterday","x"]').decode().rstrip("=")
    for bad in ("nonsense", "!!", forged, "e30", "x" * 201):
        r = api.get("/v1/persons", params={"cursor": bad}, headers=rd)
        assert r.status_code == 422, bad
        assert r.json()["detail"][0]["loc"] == ["query", "cursor"] and bad not in r.text
    good = encode_cursor({"created_at": "2026-01-01T00:00:00.000000+00:00", "id": "x"})
    r = api.get("/v1/persons", params={"cursor": good, "offset": 2}, headers=rd)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "offset"]


def test_the_store_pages_records_without_loading_them_all(db_url: str) -> None:
    reg = open_registry(db_url)
    made = _people(reg, *[[f"P {i}"] for i in range(5)])
    assert [r["id"] for r in reg.records("person", page=2)] == made
    upto = (reg.get("person", made[2])["created_at"], made[2])
    assert [r["id"] for r in reg.records("person", page=2, upto=upto)] == made[:3]
    assert reg.last_key("person") == (reg.get("person", made[-1])["created_at"], made[-1])
    assert reg.last_key("source") is None
