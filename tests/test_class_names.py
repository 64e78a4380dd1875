"""Each class name in `extrashield` means one thing (issue 14): a reader who meets `Source` or `Check`
should not have to look at the import to know which one."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "extrashield"

# The typed JSON models are named as the JSON Schema and OpenAPI components that clients read
# (docs/answer.schema.json, docs/api.md), which are the contract's words for the domain objects they
# describe: renaming either side would change the contract or blur the domain. Each entry names exactly
# the modules allowed to share the name, so a third class of that name still fails.
JSON_MIRRORS: dict[str, frozenset[str]] = {
    "Ground": frozenset({"engine/grounds.py", "engine/answer_model.py"}),
    "Version": frozenset({"sources/lawbook.py", "engine/answer_model.py"}),
    "Interval": frozenset({"engine/timeline.py", "adapters/api/schemas.py"}),
    "Timeline": frozenset({"engine/timeline.py", "adapters/api/schemas.py"}),
}


def _classes() -> dict[str, list[str]]:
    """Every class defined anywhere in the package (nested ones too), by name: the modules defining it."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef):
                found[node.name].append(module)
    return found


def test_no_two_classes_share_a_name_unless_a_json_model_mirrors_its_domain_class() -> None:
    shared = {name: sorted(modules) for name, modules in _classes().items() if len(modules) > 1}
    unexplained = {
        name: modules
        for name, modules in shared.items()
        if frozenset(modules) != JSON_MIRRORS.get(name) or len(set(modules)) != len(modules)
    }
    assert unexplained == {}, f"classes of the same name for different things: {unexplained}"


def test_the_allowed_duplicates_still_exist() -> None:
    # an allowance outlives its reason silently otherwise
    classes = _classes()
    stale = {
        name: sorted(modules)
        for name, modules in JSON_MIRRORS.items()
        if frozenset(classes.get(name, ())) != modules
    }
    assert stale == {}, f"allowed duplicates that are no longer both there: {stale}"
