"""`screen --engine spark` and `match --engine spark` write what `screen` and `match` write, and refuse what
they refuse. In this process (Typer's runner), so that the commands find the test session's Spark."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

# Typer 0.16 calls a helper Click 8.5 deprecates (a warning, which this project's tests make an error).
CLICK_DEPRECATION = r"ignore:.*is deprecated and will be removed in Click:DeprecationWarning"
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", ".*is deprecated and will be removed in Click", DeprecationWarning)
    from typer.testing import CliRunner

    from extrashield.adapters.cli.main import app

pytestmark = pytest.mark.filterwarnings(CLICK_DEPRECATION)
EXAMPLES = Path(__file__).resolve().parents[2] / "extrashield" / "examples"
RUNNER = CliRunner()


def _cli(*args: str) -> Any:
    return RUNNER.invoke(app, list(args), catch_exceptions=False)


def test_screen_engine_spark_writes_what_screen_writes(spark: Any, tmp_path: Path) -> None:
    for name in ("cases.csv", "recruits.csv"):
        local, parts = tmp_path / f"{name}.local.parquet", tmp_path / f"{name}.spark.parquet"
        assert _cli("screen", str(EXAMPLES / name), str(local)).exit_code == 0
        done = _cli("screen", "--engine", "spark", "--master", "local[2]", str(EXAMPLES / name), str(parts))
        assert done.exit_code == 0, done.output
        assert pq.read_table(parts).to_pylist() == pq.read_table(local).to_pylist()


def test_screen_engine_spark_refuses_what_screen_refuses_before_reading(spark: Any, tmp_path: Path) -> None:
    given = str(EXAMPLES / "recruits.csv")
    wrong_date = _cli(
        "screen", "--engine", "spark", given, str(tmp_path / "o.parquet"), "--decision-date", "soon"
    )
    assert wrong_date.exit_code == 2 and "decision_date" in wrong_date.output
    not_parquet = _cli("screen", "--engine", "spark", given, str(tmp_path / "o.csv"))
    assert not_parquet.exit_code == 2 and ".parquet" in not_parquet.output
    unknown_header = _cli(
        "screen", "--engine", "spark", given, str(tmp_path / "o.parquet"), "--map", "nope=name"
    )
    assert unknown_header.exit_code == 2


def test_match_engine_spark_writes_the_pairs_and_answers_match_writes(spark: Any, tmp_path: Path) -> None:
    lists = [str(EXAMPLES / "wanted.csv"), str(EXAMPLES / "recruits.csv")]
    local, there = tmp_path / "local.parquet", tmp_path / "spark.parquet"
    options = ["--decision-date", "2026-04-01", "--explain", "--threshold", "0.5"]
    assert _cli("match", *lists, str(local), *options).exit_code == 0
    done = _cli("match", "--engine", "spark", "--master", "local[2]", *lists, str(there), *options)
    assert done.exit_code == 0, done.output
    pairs = pq.read_table(local).to_pylist()
    assert len(pairs) >= 6 and pq.read_table(there).to_pylist() == pairs


def test_screen_engine_spark_in_russian_writes_what_screen_writes_in_russian(
    spark: Any, tmp_path: Path
) -> None:
    from click.testing import CliRunner as ClickRunner

    from extrashield.adapters.cli.main import root_command  # with --lang on every command
    from extrashield.i18n import using

    def cli(*args: str) -> Any:
        with using("en"):  # the command sets the language of this process's context: put it back after
            return ClickRunner().invoke(root_command(), list(args), catch_exceptions=False)

    local, parts = tmp_path / "ru.local.parquet", tmp_path / "ru.spark.parquet"
    given = str(EXAMPLES / "cases.csv")
    assert cli("screen", given, str(local), "--lang", "ru").exit_code == 0
    done = cli("screen", "--engine", "spark", "--master", "local[2]", given, str(parts), "--lang", "ru")
    assert done.exit_code == 0, done.output
    rows = pq.read_table(parts).to_pylist()
    assert rows == pq.read_table(local).to_pylist()
    said = " ".join(str(r.get("questions") or "") for r in rows)
    assert re.search("[А-Яа-я]", said), said  # the executors' texts are Russian, as the driver was asked
