"""The command-line reference (docs/cli.md), generated from the commands themselves.

    uv run python -m extrashield.adapters.cli.reference docs/cli.md     # rewrite the reference
    uv run python -m extrashield.adapters.cli.reference                 # print it

Every command and subcommand, with every argument and option, is read from the Click tree that Typer
builds for `extrashield`, so a new command or option appears here without anyone writing it down; a test
(tests/test_cli_reference.py) fails when docs/cli.md differs from what this module writes. The Markdown is
written here rather than taken from Click's or Rich's help formatter, whose output depends on the
terminal's width and on whether Rich was importable when Typer was imported.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import click

REGENERATE = "uv run python -m extrashield.adapters.cli.reference docs/cli.md"


def root_command() -> click.Command:
    """The Click command that `extrashield` runs."""
    from extrashield.adapters.cli import main

    return main.root_command()


def walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Command, click.Context]]:
    """`command` and every command under it, depth first, in the order `--help` lists them; hidden
    commands are left out, as `--help` leaves them out."""
    yield command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, click.Context(sub, info_name=name, parent=ctx))


def _help_text(command: click.Command) -> str:
    # Click's marker for a paragraph that must not be rewrapped means nothing in Markdown
    text = inspect.cleandoc(command.help or "").replace("\b\n", "")
    return text.strip()


def _summary(command: click.Command) -> str:
    """A command's first paragraph (Click's short help stops at the first full stop, even in "No. 50")."""
    return command.short_help or _help_text(command).split("\n\n")[0]


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: one line, with the cell separator escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _metavar(param: click.Parameter) -> str:
    if param.metavar:
        return param.metavar
    if isinstance(param, click.Option) and param.is_flag:
        return ""
    if isinstance(param.type, click.IntRange):
        return "INTEGER"  # the range is given beside it
    if isinstance(param.type, click.FloatRange):
        return "FLOAT"
    return param.type.name.upper()  # as Click names a plain type: TEXT, INTEGER, PATH


def _values(param: click.Parameter) -> str:
    """The values a parameter takes, where its type restricts them."""
    kind = param.type
    if isinstance(kind, click.Choice):
        return ", ".join(_code(str(c)) for c in kind.choices)
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        low = "" if kind.min is None else f"{kind.min} {'<' if kind.min_open else '≤'} "
        high = "" if kind.max is None else f" {'<' if kind.max_open else '≤'} {kind.max}"
        return f"{low}x{high}"
    if isinstance(kind, click.Path):
        return "a file" if kind.file_okay and not kind.dir_okay else "a path"
    return ""  # text, numbers: the metavar says it


def _default(param: click.Parameter) -> str:
    if isinstance(param, click.Option) and (param.is_flag or param.show_default is False):
        return ""
    if isinstance(param, click.Option) and isinstance(param.show_default, str):
        return param.show_default  # the author's words for a default computed at run time
    default = param.default
    if default is None or default == () or default == [] or param.required:
        return ""
    if isinstance(default, (list, tuple)):
        return ", ".join(_code(str(d)) for d in default)
    return _code(str(default))


def _usage(command: click.Command, ctx: click.Context) -> str:
    return " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])


def _arguments(command: click.Command, ctx: click.Context) -> list[str]:
    lines = []
    for p in command.params:
        if isinstance(p, click.Argument):
            marks = ["required" if p.required else "optional"] + (["repeatable"] if p.nargs == -1 else [])
            help_text = getattr(p, "help", None)
            lines.append(
                f"- {_code(p.make_metavar(ctx))} ({', '.join(marks)})"
                + (f": {help_text}" if help_text else "")
            )
    return ["**Arguments**", "", *lines, ""] if lines else []


def _options(command: click.Command, ctx: click.Context) -> list[str]:
    rows = []
    for p in command.params:
        if not isinstance(p, click.Option) or p.hidden:
            continue
        names = ", ".join(_code(o) for o in [*p.opts, *p.secondary_opts])
        values = _values(p)
        takes = "flag" if p.is_flag else _code(_metavar(p)) + (f" ({values})" if values else "")
        if p.multiple:
            takes += ", repeatable"
        if p.required:
            takes += ", required"
        rows.append("| " + " | ".join(_cell(c) for c in (names, takes, _default(p), p.help or "")) + " |")
    rows.append("| `--help` | flag |  | Show the help of this command and exit. |")
    return ["**Options**", "", "| option | takes | default | description |", "|---|---|---|---|", *rows, ""]


def render() -> str:
    """docs/cli.md as this code writes it."""
    root = root_command()
    top = click.Context(root, info_name="extrashield")
    commands = list(walk(root, top))
    out = [
        "# Command-line reference",
        "",
        "<!-- Generated from the commands by `python -m extrashield.adapters.cli.reference`; do not edit by hand.",
        f"     Regenerate with: {REGENERATE} -->",
        "",
        "Every `extrashield` command and subcommand, with every argument and option, as `--help` gives them.",
        "Dates are `YYYY-MM-DD`. Unless a command says otherwise, it exits 0 with an answer, 2 for invalid input",
        "(the field and the problem on stderr) and 1 for an internal error, with a one-line message.",
        "",
        "## Contents",
        "",
    ]
    for _command, ctx in commands[1:]:
        depth = ctx.command_path.count(" ") - 1
        out.append(f"{'  ' * depth}- [{ctx.command_path}](#{_anchor(ctx.command_path)})")
    out.append("")
    for command, ctx in commands:
        out += [f"## {ctx.command_path}", ""]
        text = _help_text(command)
        if text:
            out += [text, ""]
        out += ["```", _usage(command, ctx), "```", ""]
        if isinstance(command, click.Group):
            subs = [(n, command.get_command(ctx, n)) for n in command.list_commands(ctx)]
            out += ["**Commands**", ""]
            out += [
                f"- [`{n}`](#{_anchor(f'{ctx.command_path} {n}')}): {_cell(_summary(c))}"
                for n, c in subs
                if c is not None and not c.hidden
            ]
            out.append("")
        out += _arguments(command, ctx)
        out += _options(command, ctx)
    return "\n".join(out).rstrip("\n") + "\n"


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading of plain words."""
    return heading.lower().replace(" ", "-")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
