"""A person list screened by worker processes (issue 16 item 7): the reading process hands each worker its batch
of rows as they came, the worker reads it into cases and screens it, and the answers are those of one process."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from extrashield.batch.formats import input_for, reader_of
from extrashield.batch.person_lists import ListRows, list_reader, tell_layout
from extrashield.batch.screening import Screener, can_fork, screen_file_under

from .person_lists import csv_text

SCREENER = Screener()
WRITTEN = [  # cells as a journalist writes them: names of countries, partial dates, words for booleans
    {"nationality": "Непал", "formation": "ВС РФ", "contract_from": "2024", "combat": "да"},
    {"nationality": "Nepal; India", "formation": "army", "contract_from": "15.04.2024", "combat": ""},
    {"nationality": "Congo", "formation": "ЧВК", "contract_from": "2024-06", "combat": "?"},
    {"nationality": "none", "stateless": "нет", "formation": "", "contract_from": "", "combat": "no"},
    {
        "nationality": "NP",
        "stateless": "yes",
        "formation": "PMC",
        "contract_from": "2023-02-01",
        "combat": "1",
    },
]


def _list(path: Path, rows: int) -> Path:
    people = [
        {
            "id": f"p{i}",
            "name": f"Ram Thapa {i}",
            **WRITTEN[i % len(WRITTEN)],
            "requesting_state": "Nepal",
            "decision_date": "2026-04-01",
            "source": f"https://example.org/{i}",
        }
        for i in range(rows)
    ]
    columns = dict.fromkeys(k for p in people for k in p)
    path.write_text(csv_text([{k: p.get(k, "") for k in columns} for p in people]), encoding="utf-8")
    return path


def _reader(path: Path) -> Any:
    fmt = input_for(path)
    assert fmt is not None
    told = tell_layout(reader_of(fmt), path, None, SCREENER.schema.names)
    assert told.is_list
    return list_reader(reader_of(fmt), told)


def _screened(batch: Any) -> list[dict[str, Any]]:
    b = batch.cases()
    return SCREENER.screen(b.data, b.raw, b.invalid, b.listed).batch.to_pylist()  # type: ignore[no-any-return]


def test_a_batch_of_a_list_crosses_to_a_worker_with_its_own_rows_only(tmp_path: Path) -> None:
    src = _list(tmp_path / "people.csv", 3000)  # one block of the CSV reader: every batch is a slice of it
    batches: list[ListRows] = list(_reader(src).read_rows(src, 100))
    assert len(batches) == 30
    sent = pickle.dumps(batches[7])
    # a slice of a table pickles the whole table it was cut from; a batch must carry only its 100 rows
    assert len(sent) < src.stat().st_size / 10
    back = pickle.loads(sent)
    assert back.first_row == batches[7].first_row == 701
    assert _screened(back) == _screened(batches[7])


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux)")
def test_worker_processes_read_a_list_into_cases_and_answer_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extrashield.facts.person_columns as person_columns

    src = _list(tmp_path / "people.csv", 40)
    readers = tmp_path / "readers"
    readers.mkdir()
    real = person_columns.map_columns

    def map_columns(*args: Any, **kwargs: Any) -> Any:
        (readers / str(os.getpid())).touch()  # which process read a batch into cases
        return real(*args, **kwargs)

    monkeypatch.setattr(person_columns, "map_columns", map_columns)  # (forked workers inherit it)

    def rows(workers: int) -> list[dict[str, Any]]:
        reader = _reader(src)
        got = screen_file_under((SCREENER,), reader, src, 6, workers, SCREENER.day)
        return [r for (s,), _size in got for r in s.batch.to_pylist()]

    many = rows(2)
    read_by = {p.name for p in readers.iterdir()}
    assert read_by and str(os.getpid()) not in read_by  # only the workers read cases
    assert many == rows(1)
    assert [r["id"] for r in many] == [f"p{i}" for i in range(40)]
    assert {r["outcome"] for r in many} >= {"undetermined", "invalid"}


def test_the_command_writes_the_same_results_for_a_list_with_any_number_of_workers(tmp_path: Path) -> None:
    from .test_cli_screen import invoke

    src = _list(tmp_path / "people.csv", 30)
    one, many = tmp_path / "one.parquet", tmp_path / "many.parquet"
    assert invoke(["screen", str(src), str(one), "--workers", "1"]).exit_code == 0
    result = invoke(["screen", str(src), str(many), "--workers", "2", "--batch-rows", "4"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(many).to_pylist() == pq.read_table(one).to_pylist()
