"""One Spark session (local[2]) for every Spark test. Where pyspark (the extra `spark`) or Java is missing,
the tests are skipped, with the reason and how to install them, and a warning in the summary."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

SPARK_SKIP = (
    "Spark tests SKIPPED: {missing}. Install with `uv sync --extra spark` (pip install 'extrashield[spark]') "
    "and Java 17 or later (apt-get install default-jre-headless); .ci/services and .ci/run do both on CI"
)
_skipped: list[str] = []


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if shutil.which("java") is None:
        return "java is not on the PATH"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/spark/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.spark)


@pytest.fixture(scope="session")
def _spark_session() -> Iterator[Any]:
    """A local Spark session with two cores, shared by the whole test session (one costs seconds to start);
    None where Spark cannot run here."""
    if _missing() is not None:
        yield None
        return
    from extrashield.batch.spark import spark_session

    session = spark_session("local[2]")
    # lists of tens of rows: a few partitions after a shuffle, not Spark's default 200
    session.conf.set("spark.sql.shuffle.partitions", "4")
    yield session
    session.stop()


@pytest.fixture
def spark(_spark_session: Any, request: pytest.FixtureRequest) -> Any:
    if _spark_session is None:
        _skipped.append(request.node.nodeid)
        pytest.skip(SPARK_SKIP.format(missing=_missing()))
    return _spark_session


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped:
        missing = _missing() or "see above"
        terminalreporter.write_sep("!", f"{len(_skipped)} Spark tests were SKIPPED", yellow=True, bold=True)
        terminalreporter.write_line(SPARK_SKIP.format(missing=missing), yellow=True, bold=True)
