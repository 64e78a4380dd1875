"""Person lists in the registry, POST /v1/match/{list} in yente's shape, judgements and confirmed matches
(issue 17 items 4, 5), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.person_lists import judgements

RECRUITS = (
    "id,name,birth_date,nationality,contract_from,combat\n"
    "r1,Рам Бахадур Тапа,1995-01-10,Непал,2024-03-01,true\n"
    "r2,Хосе Мануэль Эрнандес Руис,1990-04-02,Cuba,2024-05-01,false\n"
    "r3,Иван Петров,1980,RU,,\n"
)
THAPA = {
    "schema": "Person",
    "properties": {
        "name": ["Ram Bahadur Thapa"],
        "birthDate": ["1995-01-10"],
        "nationality": ["np"],
        "requesting_state": ["NP"],
    },
}


def _upload(api: Any, name: str = "recruits", text: str = RECRUITS, role: str = "editor") -> Any:
    headers = {**api.auth_as(role), "Content-Type": "text/csv"}
    return api.put(f"/v1/lists/{name}", content=text.encode(), headers=headers)


def _match(api: Any, queries: dict[str, Any], query: str = "", role: str = "reader") -> Any:
    return api.post(f"/v1/match/recruits{query}", json={"queries": queries}, headers=api.auth_as(role))


def test_a_list_is_stored_as_rows_with_names_in_plain_text(api: Any, db_url: str) -> None:
    r = _upload(api)
    assert r.status_code == 201, r.text
    assert r.json()["rows"] == 3 and r.json()["version"] == 1
    reg = open_registry(db_url)
    with reg.engine.connect() as conn:
        names = conn.execute(sa.text("SELECT name FROM person_list_rows ORDER BY position")).scalars().all()
        data = conn.execute(sa.text("SELECT CAST(data AS TEXT) FROM person_list_rows")).scalars().first()
    assert names[0] == "Рам Бахадур Тапа"
    assert "Рам" in data and "\\u" not in data
    assert [x["name"] for x in api.get("/v1/lists", headers=api.auth_as("reader")).json()] == ["recruits"]
    assert reg.verify().ok


def test_replacing_a_list_raises_its_version_and_deleting_it_removes_rows_and_judgements(
    api: Any, db_url: str
) -> None:
    _upload(api)
    api.post(
        "/v1/lists/recruits/judgements",
        json={"wanted_id": "w1", "recruit_id": "r1", "judgement": "match"},
        headers=api.auth_as("editor"),
    )
    again = _upload(api, text=RECRUITS.rsplit("r3", 1)[0])
    assert again.status_code == 200 and again.json()["version"] == 2 and again.json()["rows"] == 2
    assert judgements(db_url, "recruits") == {("w1", "r1"): "match"}
    gone = api.delete("/v1/lists/recruits", headers=api.auth_as("editor"))
    assert gone.status_code == 200
    assert api.get("/v1/lists/recruits", headers=api.auth_as("reader")).status_code == 404
    reg = open_registry(db_url)
    assert reg.count(sa.table("person_list_rows")) == 0
    verdict = reg.verify()
    assert verdict.ok, verdict.problem
    actions = [(e["action"], e["entity"]) for e in reg.audit(limit=500) if e["entity"] != "user"]
    assert actions[-2:] == [("delete", "judgement"), ("delete", "person_list")]


@pytest.mark.parametrize(
    "text, field",
    [
        ("id,birth_date\nr1,1990\n", "name"),
        ("id,name\n", "body"),
        ("id,name\nr1,Ram\nr1,Sita\n", "row 2.id"),
        ("id,name\nr1," + "a" * 10_000 + "\n", "row 1.name"),
    ],
)
def test_a_list_that_cannot_be_stored_is_a_422_naming_row_and_column(api: Any, text: str, field: str) -> None:
    r = _upload(api, text=text)
    assert r.status_code == 422, r.text
    assert r.json()["detail"][0]["field"] == field


def test_match_answers_in_yente_shape_with_the_extradition_answer_of_the_merged_person(api: Any) -> None:
    _upload(api)
    other = {"schema": "Person", "properties": {"name": ["Hernandez Ruiz Jose Manuel"]}}
    r = _match(api, {"q1": THAPA, "q2": other}, "?decision_date=2026-04-01&limit=1")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["limit"] == 1 and set(body["responses"]) == {"q1", "q2"}
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"] == {"value": 1, "relation": "eq"}
    assert q1["query"]["properties"]["name"] == ["Ram Bahadur Thapa"]
    (top,) = q1["results"]
    assert top["id"] == "r1" and top["schema"] == "Person" and top["caption"] == "Рам Бахадур Тапа"
    assert top["match"] is True and top["score"] >= 0.85
    assert top["properties"]["nationality"] == ["np"] and top["datasets"] == ["recruits"]
    # and `name_frequency`, which says how common the name words are on the list and the queries
    assert {"name", "birth_date", "nationality"} <= set(top["explanations"])
    assert (
        "Thapa" in top["explanations"]["name"]["detail"] and top["explanations"]["birth_date"]["score"] == 1.0
    )
    answer = top["extradition"]
    assert answer["decision_date"] == "2026-04-01" and answer["error"] is None
    assert answer["outcome"] in ("barred", "permitted", "undetermined", "discretionary_refusal")
    assert body["responses"]["q2"]["results"][0]["id"] == "r2"


def test_match_threshold_decides_match_and_total(api: Any) -> None:
    _upload(api)
    strict = _match(api, {"q": THAPA}, "?threshold=1").json()["responses"]["q"]
    loose = _match(api, {"q": THAPA}, "?threshold=0.5").json()["responses"]["q"]
    assert [x["match"] for x in loose["results"]] == [x["score"] >= 0.5 for x in loose["results"]]
    assert strict["total"]["value"] <= loose["total"]["value"]
    assert all(x["match"] == (x["score"] >= 1) for x in strict["results"])


def test_a_pair_judged_no_match_is_not_proposed_and_others_carry_their_judgement(api: Any) -> None:
    _upload(api)
    ed = api.auth_as("editor")
    r = api.post(
        "/v1/lists/recruits/judgements",
        json={"wanted_id": "q1", "recruit_id": "r1", "judgement": "unsure"},
        headers=ed,
    )
    assert r.status_code == 201 and r.json()["created_by"] == "editor-user"
    assert _match(api, {"q1": THAPA}).json()["responses"]["q1"]["results"][0]["judgement"] == "unsure"
    r = api.post(
        "/v1/lists/recruits/judgements",
        json={"wanted_id": "q1", "recruit_id": "r1", "judgement": "no_match"},
        headers=ed,
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    assert [x["id"] for x in _match(api, {"q1": THAPA}).json()["responses"]["q1"]["results"]] == []
    listed = api.get("/v1/lists/recruits/judgements?judgement=no_match", headers=api.auth_as("reader")).json()
    assert [(j["wanted_id"], j["recruit_id"], j["judgement"]) for j in listed] == [("q1", "r1", "no_match")]


def test_confirmed_matches_export_as_a_person_list_that_screen_reads(api: Any) -> None:
    _upload(api)
    wanted = {"id": "W-7", "name": "Ram Bahadur Thapa", "nationality": "NP", "requesting_state": "NP"}
    api.post(
        "/v1/lists/recruits/judgements",
        json={"wanted_id": "W-7", "recruit_id": "r1", "judgement": "match", "wanted": wanted, "score": 0.98},
        headers=api.auth_as("editor"),
    )
    r = api.get("/v1/lists/recruits/confirmed?format=csv", headers=api.auth_as("reader"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    (row,) = list(csv.DictReader(io.StringIO(r.text)))
    assert row["wanted_id"] == "W-7" and row["recruit_id"] == "r1"
    assert row["name"] == "Ram Bahadur Thapa" and "Рам Бахадур Тапа" in row["aliases"]
    assert row["contract_from"] == "2024-03-01" and row["requesting_state"] == "NP"
    screened = api.post(
        "/v1/screen?decision_date=2026-04-01", content=r.content, headers={"Content-Type": "text/csv"}
    )
    assert screened.status_code == 200 and screened.headers["x-extrashield-layout"] == "person-list"
    assert '"id": "W-7 = r1"' in screened.text
    xlsx = api.get("/v1/lists/recruits/confirmed?format=xlsx", headers=api.auth_as("reader"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    "queries, field",
    [
        ({"q1": {"schema": "Company", "properties": {"name": ["X"]}}}, "queries.q1.schema"),
        ({"q1": {"schema": "Person", "properties": {"name": "Ram Thapa"}}}, "queries.q1.properties.name"),
        (
            {"q1": {"schema": "Person", "properties": {"name": ["a" * 10_000]}}},
            "queries.q1.properties.name[0]",
        ),
        ({"q1": {"schema": "Person", "properties": {"birthDate": ["1990"]}}}, "queries.q1.properties.name"),
        (
            {"q1": {"schema": "Person", "properties": {"name": ["X"], "shoeSize": ["9"]}}},
            "queries.q1.properties.shoeSize",
        ),
        ({f"q{i}": THAPA for i in range(101)}, "queries"),
        ({}, "queries"),
    ],
)
def test_bad_queries_are_a_422_naming_the_query_and_property(api: Any, queries: Any, field: str) -> None:
    _upload(api)
    r = _match(api, queries)
    assert r.status_code == 422, r.text
    assert r.json()["detail"][0]["field"] == field


def test_bad_parameters_are_a_422_naming_them(api: Any) -> None:
    _upload(api)
    for query, name in (
        ("?threshold=2", "threshold"),
        ("?limit=0", "limit"),
        ("?decision_date=2026-02-30", "decision_date"),
    ):
        r = _match(api, {"q1": THAPA}, query)
        assert r.status_code == 422, r.text
        assert r.json()["detail"][0]["loc"] == ["query", name]


def test_an_unknown_list_is_a_404(api: Any) -> None:
    assert _match(api, {"q1": THAPA}).status_code == 404


def test_roles_reader_matches_and_reads_editor_stores_and_judges(api: Any) -> None:
    assert _upload(api, role="reader").status_code == 403
    assert api.put("/v1/lists/x", content=b"id,name\n1,a\n").status_code == 401
    _upload(api)
    assert api.post("/v1/match/recruits", json={"queries": {"q": THAPA}}).status_code == 401
    assert _match(api, {"q": THAPA}).status_code == 200
    judge = {"wanted_id": "q", "recruit_id": "r1", "judgement": "match"}
    assert (
        api.post("/v1/lists/recruits/judgements", json=judge, headers=api.auth_as("reader")).status_code
        == 403
    )
    assert api.delete("/v1/lists/recruits", headers=api.auth_as("reader")).status_code == 403


def test_reads_of_a_list_are_access_logged(api: Any, db_url: str) -> None:
    _upload(api)
    _match(api, {"q": THAPA})
    entries = open_registry(db_url).access_log(limit=None)
    (entry,) = [e for e in entries if e["route"] == "POST /v1/match/{name}"]
    assert entry["actor"] == "reader-user" and entry["kind"] == "person_list" and entry["returned"] >= 1


THAPAS = "id,name,birth_date,nationality\n" + "".join(
    f"r{i:02},Рам Тапа,{1970 + i}-0{1 + i % 9}-1{i % 9},Непал\n" for i in range(40)
)
WANTED = (
    ("w1", "Ram Thapa", "", "Nepal"),  # a common name with no birth date: discounted
    ("w2", "Ram Thapa", "1975-06-15", "Nepal"),  # the same, its date agreeing with r05's
    ("w3", "Ramesh Gurung", "1990-02-03", "Nepal"),
)


def test_match_scores_a_pair_as_the_match_command_does_with_the_name_frequency_discount(
    api: Any, tmp_path: Path
) -> None:
    from extrashield.batch.formats import input_for, reader_of
    from extrashield.batch.screening import Screener
    from extrashield.services.cross_reference import ListSource, cross_reference

    _upload(api, text=THAPAS)
    queries = {
        key: {
            "schema": "Person",
            "properties": {"name": [n], "birthDate": [b] if b else [], "nationality": [c]},
        }
        for key, n, b, c in WANTED
    }
    body = _match(api, queries, "?threshold=0&limit=500").json()
    wanted = tmp_path / "wanted.csv"
    wanted.write_text(
        "id,name,birth_date,nationality\n" + "".join(",".join(w) + "\n" for w in WANTED), encoding="utf-8"
    )
    recruits = tmp_path / "recruits.csv"
    recruits.write_text(THAPAS, encoding="utf-8")
    sources = [
        ListSource(role, path, reader_of(input_for(str(path))))
        for role, path in (("wanted", wanted), ("recruits", recruits))
    ]
    result = cross_reference(*sources, Screener(decision_date="2026-04-01"), threshold=0.0)
    command = {
        (row["wanted_id"], row["recruit_id"]): row for batch in result.batches for row in batch.to_pylist()
    }
    got = {(key, r["id"]): r for key, response in body["responses"].items() for r in response["results"]}
    assert got and set(got) == set(command)
    for pair, result_ in got.items():
        assert result_["score"] == command[pair]["score"], pair
    discounted = got[("w1", "r05")]["explanations"]["name_frequency"]
    assert discounted["score"] < 0 and "no birth date confirms the match" in discounted["detail"]
    assert discounted["detail"] in command[("w1", "r05")]["explanation"]
    assert got[("w2", "r05")]["score"] > got[("w1", "r05")]["score"]  # the agreeing date counts as in `match`


def test_a_volunteers_pair_says_its_answer_turns_on_the_reading_of_volunteer_formations(api: Any) -> None:
    volunteer = (
        "id,name,birth_date,nationality,formation,contract_from,combat\n"
        "r1,Рам Бахадур Тапа,1995-01-10,Непал,volunteer_formation,2024-03-01,true\n"
    )
    _upload(api, text=volunteer)
    (top,) = _match(api, {"q": THAPA}, "?decision_date=2026-04-01").json()["responses"]["q"]["results"]
    answer = top["extradition"]
    assert answer["outcome"] == "undetermined"
    assert answer["open_questions"] == ["point7.volunteer_formations"]


def test_the_list_is_analysed_once_per_version(api: Any) -> None:
    _upload(api)
    _match(api, {"q": THAPA})
    kept = api.app.state.list_indexes
    first = next(iter(kept._kept.values()))
    _match(api, {"q": THAPA})
    assert next(iter(kept._kept.values())) is first
    _upload(api)  # a new version
    _match(api, {"q": THAPA})
    assert list(kept._kept.values())[-1] is not first and list(kept._kept.values())[-1].version == 2


def test_bad_judgements_are_a_422_naming_the_field(api: Any) -> None:
    _upload(api)
    ed = api.auth_as("editor")
    for body, field in (
        ({"wanted_id": "q", "recruit_id": "r1", "judgement": "maybe"}, "judgement"),
        ({"wanted_id": "q", "recruit_id": "nope", "judgement": "match"}, "recruit_id"),
        ({"wanted_id": "", "recruit_id": "r1", "judgement": "match"}, "wanted_id"),
        ({"wanted_id": "q", "recruit_id": "r1", "judgement": "match", "score": 3}, "score"),
    ):
        r = api.post("/v1/lists/recruits/judgements", json=body, headers=ed)
        assert r.status_code == 422, r.text
        assert r.json()["detail"][0]["field"] == field


def test_docs_api_md_names_every_matching_operation(api: Any) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    paths = api.get("/openapi.json").json()["paths"]
    ours = [
        (m.upper(), p) for p, ops in paths.items() for m in ops if p.startswith(("/v1/lists", "/v1/match"))
    ]
    assert len(ours) == 8
    assert [f"{m} {p}" for m, p in ours if f"`{m} {p}" not in doc] == []
