"""The package as a library: its public names (`extrashield.__all__`), its type information (PEP 561) and
its version, which pyproject.toml and `extrashield.__version__` both state and must not let drift."""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path

import extrashield

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_name_in_all_exists() -> None:
    missing = [name for name in extrashield.__all__ if not hasattr(extrashield, name)]
    assert missing == []


def test_all_is_sorted_without_repeats() -> None:
    assert extrashield.__all__ == sorted(set(extrashield.__all__))


def test_star_import_gives_exactly_the_names_in_all() -> None:
    namespace: dict[str, object] = {}
    exec("from extrashield import *", namespace)
    assert sorted(set(namespace) - {"__builtins__"}) == sorted(extrashield.__all__)


def test_every_public_class_and_function_has_its_own_docstring() -> None:
    undocumented = []
    for name in extrashield.__all__:
        obj = getattr(extrashield, name)
        if not callable(obj):
            continue
        doc = inspect.getdoc(obj) or ""
        # a dataclass without a docstring gets its signature as one ("Lawbook(provisions: ...)")
        if not doc.strip() or doc.startswith(f"{getattr(obj, '__name__', name)}("):
            undocumented.append(name)
    assert undocumented == []


def test_the_package_ships_its_type_information() -> None:
    assert (ROOT / "extrashield" / "py.typed").is_file()
    # the wheel takes the whole package directory, py.typed with it (an `exclude` could drop it)
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["extrashield"]
    assert not any("py.typed" in pattern for pattern in wheel.get("exclude", []))


def test_version_in_pyproject_is_the_package_version() -> None:
    assert PYPROJECT["project"]["version"] == extrashield.__version__


TEST_TOOLS = ("pytest", "hypothesis", "playwright", "schemathesis", "ruff", "mypy", "jsonschema")


def _name(requirement: str) -> str:
    return requirement.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower()


def test_running_needs_no_test_tools() -> None:
    # README's run command installs `[project].dependencies` only (`--no-dev`); the test tools are the dev group.
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    dev = {_name(r) for r in PYPROJECT["dependency-groups"]["dev"]}
    assert runtime.isdisjoint(TEST_TOOLS)
    assert set(TEST_TOOLS) <= dev


def test_readme_run_command_skips_the_test_tools() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "uv run --frozen --no-dev extrashield assess" in readme
    assert "compile-bytecode" not in PYPROJECT.get("tool", {}).get("uv", {})
