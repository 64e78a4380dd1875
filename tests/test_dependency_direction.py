"""Which way the packages depend (issue 14: no import cycles): the web pages and the HTTP helpers they share
with the API import nothing of the API (whose app mounts the pages), and the table formats nothing of the
screener (which reads and writes through them). Imports anywhere count: at the top, inside a function,
or for type checking only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extrashield"


def _imports(folder: Path) -> dict[str, set[str]]:
    """For each module under `folder`, the absolute names of the modules it imports."""
    out: dict[str, set[str]] = {}
    for f in sorted(folder.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{f}: a relative import"
                names.update(f"{node.module}.{a.name}" for a in node.names)
        out[str(f.relative_to(PACKAGE.parent))] = names
    return out


@pytest.mark.parametrize(
    "folder, forbidden",
    [
        ("adapters/web", ("extrashield.adapters.api",)),
        ("adapters/http", ("extrashield.adapters.api", "extrashield.adapters.web")),
        ("batch/formats", ("extrashield.batch.screening", "extrashield.adapters")),
    ],
)
def test_a_package_imports_nothing_of_those_that_depend_on_it(
    folder: str, forbidden: tuple[str, ...]
) -> None:
    found = {
        module: sorted(n for n in names if n.startswith(forbidden))
        for module, names in _imports(PACKAGE / folder).items()
    }
    assert {m: n for m, n in found.items() if n} == {}
