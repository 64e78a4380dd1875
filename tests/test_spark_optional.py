"""Spark is an optional extra: nothing but `--engine spark` imports pyspark, and without it that option is
exit 2 saying how to install it (the other commands work as they do)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "extrashield" / "examples"
# The command line run with pyspark made unimportable, as where the extra is not installed
WITHOUT_PYSPARK = (
    "import sys; sys.modules['pyspark'] = None\n"
    "from extrashield.adapters.cli.main import main\n"
    "sys.argv = ['extrashield', *sys.argv[1:]]\n"
    "main()\n"
)


def run_without_pyspark(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_PYSPARK, *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_no_command_imports_pyspark_until_the_spark_engine_is_asked_for() -> None:
    probe = "import sys\nimport extrashield.adapters.cli.main, extrashield.batch.frames\nprint('pyspark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_without_pyspark_screen_works_and_the_spark_engine_says_how_to_install_it(tmp_path: Path) -> None:
    local = run_without_pyspark("screen", str(EXAMPLES / "cases.jsonl"), str(tmp_path / "out.csv"))
    assert local.returncode == 0, local.stderr
    spark = run_without_pyspark(
        "screen",
        "--engine",
        "spark",
        str(EXAMPLES / "cases.jsonl"),
        str(tmp_path / "out.parquet"),
        "--input-format",
        "parquet",
    )
    assert spark.returncode == 2
    assert "extrashield[spark]" in spark.stderr and "Traceback" not in spark.stderr
