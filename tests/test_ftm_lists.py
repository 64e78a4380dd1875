"""Person lists to and from FollowTheMoney (docs/person-lists.md, "FollowTheMoney"): a list survives the round
trip through FtM entities column for column, every statement names the file, row and column its value came
from, an OpenSanctions Person reads as a §3b row, `screen` takes an FtM file as a person list, and bad input
is exit 2 naming the file and the line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extrashield.batch import ftm

ROOT = Path(__file__).resolve().parent.parent

LIST = """\
id,name,aliases,latin_name,birth_date,nationality,stateless,formation,contract_from,contract_until,combat,requesting_state,purpose,offence,decision_date,Рост,remarks
R-1,Рам Бахадур Тапа,Ram Bahadur Thapa; राम बहादुर थापा,RAM BAKHADUR TAPA,05.06.1990,Nepal,false,ВС РФ,2024-06-05,ongoing,да,NP,prosecution,theft,2026-05-01,172,взят под Курском
R 2,Хосе Мануэль Эрнандес Руис,,KHOSE MANUEL ERNANDES RUIS,1985,CU;ES,,PMC,2024,05/06/2024,,CU,sentence,fraud,,,
R-3,Ахмед Али,,,,none,true,,,,,,,,,,
"""

# A Person as OpenSanctions publishes it (entities.ftm.json): names in two scripts, a year of birth.
OPENSANCTIONS = {
    "id": "NK-2Xb6mVtJ8vZ3",
    "caption": "Ram Bahadur Thapa",
    "schema": "Person",
    "properties": {
        "name": ["Ram Bahadur Thapa", "राम बहादुर थापा"],
        "alias": ["R. B. Thapa"],
        "birthDate": ["1985"],
        "nationality": ["np"],
        "topics": ["wanted"],
        "notes": ["Wanted for theft"],
    },
    "datasets": ["interpol_red_notices"],
    "referents": [],
    "first_seen": "2024-01-01T00:00:00",
    "last_seen": "2026-01-01T00:00:00",
}


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extrashield", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    (tmp_path / "recruits.csv").write_text(LIST, encoding="utf-8")
    p = _run("lists", "to-ftm", tmp_path / "recruits.csv", tmp_path / "recruits.ftm.json")
    assert p.returncode == 0, p.stderr
    return tmp_path / "recruits.ftm.json"


def test_a_list_comes_back_from_ftm_with_every_column_as_written(exported: Path) -> None:
    back = exported.parent / "back.csv"
    p = _run("lists", "from-ftm", exported, back)
    assert p.returncode == 0, p.stderr
    original = _rows(exported.parent / "recruits.csv")
    assert _rows(back) == original


def test_each_row_is_one_person_entity_of_the_list_dataset(exported: Path) -> None:
    entities = _lines(exported)
    assert [e["schema"] for e in entities] == ["Person"] * 3
    assert entities[0]["id"] == "R-1"
    # "R 2" is no FtM id: the entity gets one made from the dataset, and the id comes back from its statement
    assert str(entities[1]["id"]).startswith("recruits-")
    statements = [s for e in entities for s in e["statements"]]  # type: ignore[attr-defined]
    assert {s["dataset"] for s in statements} == {"recruits"}


def test_every_statement_names_the_file_row_and_column_of_its_value(exported: Path) -> None:
    first = _lines(exported)[0]
    by_column: dict[str, list[dict[str, object]]] = {}
    for s in first["statements"]:  # type: ignore[attr-defined]
        if s["prop"] == "id":  # FtM's own checksum of the entity, from no cell
            continue
        origin = ftm.parse_origin(s["origin"])
        assert origin is not None and origin.file == "recruits.csv" and origin.row == 1, s
        assert s["first_seen"], s
        by_column.setdefault(origin.column, []).append(s)
    header = LIST.splitlines()[0].split(",")
    assert set(by_column) == set(header) - {"id"}  # the id is the entity's own
    # identity goes to FtM's own properties, cleaned, with the cell as written beside it
    [birth] = by_column["birth_date"]
    assert (birth["prop"], birth["value"], birth["original_value"]) == (
        "birthDate",
        "1990-06-05",
        "05.06.1990",
    )
    [country] = by_column["nationality"]
    assert (country["prop"], country["value"], country["original_value"]) == ("citizenship", "np", "Nepal")
    assert sorted(s["value"] for s in by_column["aliases"]) == ["Ram Bahadur Thapa", "राम बहादुर थापा"]
    assert {s["prop"] for s in by_column["aliases"] + by_column["latin_name"]} == {"alias"}
    # what FtM has no property for is a keywords statement of the cell as written
    assert [(s["prop"], s["value"]) for s in by_column["formation"]] == [("keywords", "ВС РФ")]
    assert [(s["prop"], s["value"]) for s in by_column["Рост"]] == [("keywords", "172")]


def test_ftm_reads_the_export_as_person_values(exported: Path) -> None:
    from followthemoney.entity import ValueEntity
    from followthemoney.statement import StatementEntity

    data = _lines(exported)[0]
    values = ValueEntity.from_dict(dict(data))
    assert values.get("name") == ["Рам Бахадур Тапа"] and values.get("citizenship") == ["np"]
    sourced = StatementEntity.from_dict(dict(data))
    assert {s.origin for s in sourced.get_statements("birthDate")} == {
        ftm.origin_of("recruits.csv", 1, "birth_date")
    }


def test_an_opensanctions_person_reads_as_a_row(tmp_path: Path) -> None:
    source = tmp_path / "wanted.ftm.json"
    source.write_text(json.dumps(OPENSANCTIONS, ensure_ascii=False) + "\n", encoding="utf-8")
    p = _run("lists", "from-ftm", source, tmp_path / "wanted.csv")
    assert p.returncode == 0, p.stderr
    [row] = _rows(tmp_path / "wanted.csv")
    assert row == {
        "id": "NK-2Xb6mVtJ8vZ3",
        "name": "Ram Bahadur Thapa",  # the caption; the other script is an alias
        "aliases": "राम बहादुर थापा;R. B. Thapa",
        "birth_date": "1985",
        "nationality": "NP",
        "ftm:notes": "Wanted for theft",
        "ftm:topics": "wanted",
    }


def test_birth_dates_that_disagree_are_passed_through_never_one_picked(tmp_path: Path) -> None:
    source = tmp_path / "d.ftm.json"
    entities = [
        {"id": "a", "schema": "Person", "properties": {"name": ["A"], "birthDate": ["1985", "1985-06-05"]}},
        {"id": "b", "schema": "Person", "properties": {"name": ["B"], "birthDate": ["1970-01-02", "1971"]}},
    ]
    source.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    rows = {r["id"]: r for r in _read_as_list(source)}
    assert rows["a"]["birth_date"] == "1985-06-05" and rows["a"]["ftm:birthDate"] is None
    assert rows["b"]["birth_date"] is None and rows["b"]["ftm:birthDate"] == "1970-01-02;1971"


def _read_as_list(path: Path) -> list[dict[str, str | None]]:
    rows: list[dict[str, str | None]] = []
    for got in ftm.read_table(path, 100):
        assert got.problems is None
        rows += got.table.to_pylist()
    return rows


def test_other_schemata_are_skipped_with_a_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    source = tmp_path / "mixed.ftm.json"
    company = {"id": "c", "schema": "Company", "properties": {"name": ["Acme"]}}
    source.write_text(json.dumps(OPENSANCTIONS) + "\n" + json.dumps(company) + "\n", encoding="utf-8")
    assert [r["id"] for r in _read_as_list(source)] == [OPENSANCTIONS["id"]]
    assert "1 Company skipped" in caplog.text


def test_screen_takes_an_ftm_file_as_a_person_list(exported: Path) -> None:
    results = exported.parent / "results.csv"
    p = _run("screen", exported, results, "--decision-date", "2026-06-01")
    assert p.returncode == 0, p.stderr
    assert "read as a person list" in p.stderr
    rows = {r["id"]: r for r in _rows(results)}
    assert set(rows) == {"R-1", "R 2", "R-3"}
    # the same answers as the list it came from
    direct = exported.parent / "direct.csv"
    assert (
        _run("screen", exported.parent / "recruits.csv", direct, "--decision-date", "2026-06-01").returncode
        == 0
    )
    assert {r["id"]: r["outcome"] for r in _rows(direct)} == {i: r["outcome"] for i, r in rows.items()}


def test_ftm_statements_csv_is_written_and_read_back(tmp_path: Path) -> None:
    (tmp_path / "recruits.csv").write_text(LIST, encoding="utf-8")
    statements = tmp_path / "statements.csv"
    p = _run("lists", "to-ftm", tmp_path / "recruits.csv", statements, "--dataset", "ru_recruits")
    assert p.returncode == 0, p.stderr
    assert {r["dataset"] for r in _rows(statements)} == {"ru_recruits"}
    assert _run("lists", "from-ftm", statements, tmp_path / "back.csv").returncode == 0
    assert _rows(tmp_path / "back.csv") == _rows(tmp_path / "recruits.csv")


@pytest.mark.parametrize(
    "text, said",
    [
        ("this is not json\n", "not a FollowTheMoney file"),
        (json.dumps(OPENSANCTIONS) + "\n{not json\n", "line 2 is not valid JSON"),
        (json.dumps({**OPENSANCTIONS, "schema": "Persn"}) + "\n", "line 1: schema 'Persn' is not"),
        (
            json.dumps(OPENSANCTIONS) + "\n" + json.dumps({**OPENSANCTIONS, "schema": "Persn"}) + "\n",
            "line 2: schema 'Persn' is not a FollowTheMoney schema",
        ),
        (
            json.dumps({"id": "c", "schema": "Company", "properties": {"name": ["Acme"]}}) + "\n",
            "no Person entity",
        ),
        (
            json.dumps(OPENSANCTIONS)
            + "\n"
            + json.dumps({"id": "x", "schema": "Person", "properties": {}})
            + "\n",
            "line 2: the Person entity x has no name",
        ),
    ],
)
def test_bad_ftm_input_is_exit_2_naming_the_file_and_line(tmp_path: Path, text: str, said: str) -> None:
    source = tmp_path / "bad.ftm.json"
    source.write_text(text, encoding="utf-8")
    p = _run("lists", "from-ftm", source, tmp_path / "out.csv")
    assert p.returncode == 2 and said in p.stderr and str(source) in p.stderr, p.stderr
    assert "Traceback" not in p.stderr


def test_a_row_without_a_name_cannot_be_exported(tmp_path: Path) -> None:
    (tmp_path / "l.csv").write_text("id,name,birth_date\n1,Ann,1990\n2,,1991\n", encoding="utf-8")
    p = _run("lists", "to-ftm", tmp_path / "l.csv", tmp_path / "l.ftm.json")
    assert p.returncode == 2 and "row 2: name is empty" in p.stderr, p.stderr


def test_a_bad_dataset_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "l.csv").write_text("id,name\n1,Ann\n", encoding="utf-8")
    p = _run("lists", "to-ftm", tmp_path / "l.csv", tmp_path / "l.ftm.json", "--dataset", "Мой список")
    assert p.returncode == 2 and "--dataset" in p.stderr and "not a FollowTheMoney dataset name" in p.stderr


def test_origins_name_any_header_and_read_back() -> None:
    text = ftm.origin_of("list #2.csv", 7, "contract start=from & to")
    assert ftm.parse_origin(text) == ftm.Origin("list #2.csv", 7, "contract start=from & to")
    assert ftm.parse_origin("crawl") is None and ftm.parse_origin(None) is None


def test_ftm_properties_passed_through_a_list_go_back_to_their_property(tmp_path: Path) -> None:
    source = tmp_path / "wanted.ftm.json"
    source.write_text(json.dumps(OPENSANCTIONS, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _run("lists", "from-ftm", source, tmp_path / "wanted.csv").returncode == 0
    p = _run("lists", "to-ftm", tmp_path / "wanted.csv", tmp_path / "again.ftm.json")
    assert p.returncode == 0, p.stderr
    [entity] = _lines(tmp_path / "again.ftm.json")
    props = {(s["prop"], s["value"]) for s in entity["statements"]}  # type: ignore[attr-defined]
    assert {("notes", "Wanted for theft"), ("topics", "wanted"), ("birthDate", "1985")} <= props
    assert entity["id"] == OPENSANCTIONS["id"]


def test_a_line_over_the_cap_is_an_invalid_row_read_through(tmp_path: Path) -> None:
    source = tmp_path / "long.ftm.json"
    long = {**OPENSANCTIONS, "id": "long", "properties": {"name": ["x" * 5000]}}
    source.write_text(json.dumps(OPENSANCTIONS) + "\n" + json.dumps(long) + "\n", encoding="utf-8")
    [got] = ftm.read_table(source, 100, max_line=4096)
    assert got.problems is not None and got.problems[0] is None
    assert (
        got.problems[1] is not None and "line 2 is" in got.problems[1] and "over the limit" in got.problems[1]
    )


def test_ids_given_to_two_rows_are_said(tmp_path: Path) -> None:
    (tmp_path / "l.csv").write_text("id,name\n7,Ann\n7,Bob\n", encoding="utf-8")
    p = _run("lists", "to-ftm", tmp_path / "l.csv", tmp_path / "l.ftm.json")
    assert p.returncode == 0 and "ids given to more than one row ('7')" in p.stderr, p.stderr


def test_the_api_screens_an_uploaded_ftm_file_as_a_person_list(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from extrashield.adapters.api.app import create_app

    body = (json.dumps(OPENSANCTIONS, ensure_ascii=False) + "\n").encode()
    app = create_app(f"sqlite:///{tmp_path / 'r.sqlite3'}", pages=False, spool_dir=str(tmp_path / "spool"))
    with TestClient(app, raise_server_exceptions=False) as api:
        r = api.post("/v1/screen?decision_date=2026-06-01", files={"file": ("wanted.ftm.json", body)})
    assert r.status_code == 200, r.text
    assert r.headers["X-Extrashield-Layout"] == "person-list"
    [row] = [json.loads(line) for line in r.text.splitlines()]
    assert row["id"] == OPENSANCTIONS["id"] and row["nationality"] == "NP" and row["ftm:topics"] == "wanted"
