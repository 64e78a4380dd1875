"""The core imports no web, command-line or storage library (docs/contract.md §2), and `import extrashield`
stays light enough for a fast command start-up."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import extrashield.engine
import extrashield.facts
import extrashield.rules
import extrashield.sources

ROOT = Path(__file__).resolve().parent.parent
ADAPTER_LIBRARIES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "typer",
    "click",
    "rich",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "jinja2",
    "matplotlib",
)


def _imported_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout))


def test_core_and_rules_import_no_adapter_library() -> None:
    modules = [
        m.name
        for pkg in (extrashield.engine, extrashield.facts, extrashield.sources)
        for m in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + ".")
    ]
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


# Import cycles still allowed, each until the change that removes it (then delete its line here). None is
# left: a new cycle is broken where it appears, or listed here with the reason it must stay for now.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _package_imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports anywhere: at the top, inside a
    function, or for type checking only (a cycle of any of these still ties the modules together)."""
    files = {}
    for f in (ROOT / "extrashield").rglob("*.py"):
        parts = f.relative_to(ROOT).with_suffix("").parts
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    graph: dict[str, set[str]] = {}
    for name, f in files.items():
        here = name.split(".") if f.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in files)
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from the package `level` steps up
                    base = ".".join([*here[: len(here) - node.level + 1], node.module or ""]).strip(".")
                else:
                    base = node.module or ""
                for a in node.names:  # `from pkg import module` imports the module, else the package
                    found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in files else base)
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.add(w)
                    if w == v:
                        break
                if len(component) > 1:
                    out.append(frozenset(component))
    return out


def test_the_cycle_finder_finds_a_cycle_and_only_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]


def test_no_import_cycle_inside_the_package() -> None:
    cycles = _cycles(_package_imports())
    new = sorted(sorted(c) for c in cycles if c not in KNOWN_CYCLES)
    assert new == [], f"modules that import each other: {new}"
