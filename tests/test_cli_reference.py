"""The command-line reference (docs/cli.md) and README.md stay true to the commands, as sqlite-utils tests
its documentation: every command and option is documented, and the reference is the generator's output."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest

import extrashield

with warnings.catch_warnings():
    # Typer 0.16 imports a name that Click 8.2+ deprecates (the tests turn warnings into errors); the
    # command line itself runs in its own process elsewhere in the tests
    warnings.filterwarnings("ignore", r"'click\.utils\.get_\w+_stream' is deprecated", DeprecationWarning)
    from extrashield.adapters.cli.reference import REGENERATE, render, root_command, walk

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"


def commands() -> list[tuple[click.Command, click.Context]]:
    root = root_command()
    return list(walk(root, click.Context(root, info_name="extrashield")))


def section(doc: str, path: str) -> str:
    """The text under the heading `## PATH`, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(path)}\n(.*?)(?=^## |\Z)", doc, flags=re.DOTALL | re.MULTILINE)
    assert match, f"docs/cli.md has no section for `{path}`; regenerate it: {REGENERATE}"
    return match.group(1)


def test_docs_cli_md_is_what_the_generator_writes_from_the_commands() -> None:
    assert CLI_MD.read_text(encoding="utf-8") == render(), (
        f"docs/cli.md is stale; regenerate it: {REGENERATE}"
    )


@pytest.mark.parametrize("path", [ctx.command_path for _, ctx in commands()])
def test_every_command_has_a_section_with_each_of_its_options_and_arguments(path: str) -> None:
    doc = CLI_MD.read_text(encoding="utf-8")
    command, ctx = next((c, x) for c, x in commands() if x.command_path == path)
    text = section(doc, path)
    assert f"```\n{path} " in text, f"no usage line for {path}"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            for name in [*param.opts, *param.secondary_opts]:
                assert f"`{name}`" in text, f"{path}: option {name} is not documented"
            if param.help:
                assert " ".join(param.help.split()) in text, (
                    f"{path} {param.opts[0]}: its help is not documented"
                )
        elif isinstance(param, click.Argument):
            assert f"`{param.make_metavar(ctx)}`" in text, f"{path}: argument {param.name} is not documented"
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            assert f"[`{name}`](#" in text, f"{path}: subcommand {name} is not listed"


def test_subcommands_appear_in_the_reference_in_the_order_help_lists_them() -> None:
    doc = CLI_MD.read_text(encoding="utf-8")
    headings = re.findall(r"^## (extrashield.*)$", doc, flags=re.MULTILINE)
    assert headings == [ctx.command_path for _, ctx in commands()]


def test_readme_mentions_every_top_level_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    root = root_command()
    assert isinstance(root, click.Group)
    missing = [
        name
        for name in root.list_commands(click.Context(root))
        if not re.search(rf"\bextrashield {re.escape(name)}\b", readme)
    ]
    assert missing == [], f"README.md never shows `extrashield NAME` for {missing}"


def test_readme_points_at_the_command_line_reference() -> None:
    assert "docs/cli.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_version_option_prints_the_package_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "extrashield", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, f"extrashield {extrashield.__version__}\n", "")


def test_the_generator_writes_the_file_it_is_given(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    out = subprocess.run(
        [sys.executable, "-m", "extrashield.adapters.cli.reference", str(target)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert target.read_text(encoding="utf-8") == render()


@pytest.mark.parametrize("path", ["extrashield screen", "extrashield match", "extrashield assess"])
def test_help_says_what_each_argument_is(path: str) -> None:
    """`--help` shows every argument's help (Click 8.5 with Typer 0.16 dropped it: pyproject.toml)."""
    command, _ = next((c, x) for c, x in commands() if x.command_path == path)
    p = subprocess.run(
        [sys.executable, "-m", "extrashield", *path.split()[1:], "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    arguments = [q for q in command.params if isinstance(q, click.Argument)]
    assert arguments
    for argument in arguments:
        help_text = getattr(argument, "help", None)
        assert help_text, f"{path}: argument {argument.name} has no help"
        # Click wraps help at 80 columns, breaking lines after hyphens too: compare without white space
        assert "".join(help_text.split()) in "".join(p.stdout.split()), f"{path}: {argument.name}"
