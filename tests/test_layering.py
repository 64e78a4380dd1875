"""The core imports no web, command-line or storage library (docs/contract.md §2), and `import extrashield`
stays light enough for a fast command start-up."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import extrashield.engine
import extrashield.facts
import extrashield.sources
import extrashield.rules

ROOT = Path(__file__).resolve().parent.parent
ADAPTER_LIBRARIES = ("fastapi", "starlette", "uvicorn", "typer", "click", "rich", "sqlalchemy", "alembic", "psycopg", "jinja2", "matplotlib")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout))


def test_core_and_rules_import_no_adapter_library() -> None:
    modules = [m.name for pkg in (extrashield.engine, extrashield.facts, extrashield.sources)
               for m in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + ".")]
    modules += [f"extrashield.rules.{m.name}" for m in pkgutil.iter_modules(extrashield.rules.__path__)]
    loaded = _imported_after("\n".join(f"import {m}" for m in modules))
    leaked = sorted(lib for lib in ADAPTER_LIBRARIES if lib in loaded)
    assert leaked == [], f"the core imported {leaked}"


def test_the_pictures_import_no_adapter_library_nor_numpy() -> None:
    # Presentation only: the same drawers serve the command line and the web pages.
    loaded = _imported_after("import extrashield.present.pictures")
    leaked = sorted(lib for lib in (*ADAPTER_LIBRARIES, "numpy", "resvg_py") if lib in loaded)
    assert leaked == [], f"extrashield.present.pictures imported {leaked}"


def test_assessing_a_case_loads_neither_numpy_nor_yaml_once_the_law_is_cached() -> None:
    code = (
        "import extrashield, json\n"
        "extrashield.assess(json.load(open('extrashield/examples/nepali-serving.json'))).to_dict()\n"
    )
    _imported_after(code)  # the first run may fill the law cache
    loaded = _imported_after(code)
    assert "numpy" not in loaded and "pyarrow" not in loaded
    assert "yaml" not in loaded
