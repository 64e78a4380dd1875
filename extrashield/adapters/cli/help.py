"""The command line's help in the current language: every command's help (its docstring) and every
option's and argument's, read from the Click tree Typer builds and looked up in the catalogue.

The English texts stay where they are written (docstrings and `help=`, as Typer reads them, and as
docs/cli.md is generated from them); the catalogue holds them because extrashield/i18n/extract.py reads
the same tree (`help_texts`), so no help can be shown that the catalogue lacks."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import click

from extrashield.i18n import N_, _

# The placeholders of the usage line, which Click writes without gettext (its defaults, as Typer keeps them)
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
# Click's type names, which it prints for people without gettext: upper-cased as an option's metavar
# (`--workers INTEGER RANGE`) and in its errors ("'x' is not a valid integer"). Path's (file, directory,
# path) are Click's own msgids.
TYPE_NAMES = (
    N_("text"),
    N_("integer"),
    N_("integer range"),
    N_("float"),
    N_("float range"),
    N_("boolean"),
    N_("uuid"),
    N_("datetime"),
    N_("filename"),
)
# Our own options' placeholders that are words (not a syntax to type, as YYYY-MM-DD or KEY=VALUE are); an
# argument's name stays as written, since the help texts name it
OPTION_METAVARS = (N_("FILE"), N_("DATE"), N_("NAME"), N_("QUERY"))


def _parts(command: click.Command, path: str) -> Iterator[tuple[object, str, str]]:
    """(holder, attribute, where) of each help text under `command`, depth first."""
    yield command, "help", path
    for param in command.params:
        yield param, "help", f"{path} {param.opts[0] if param.opts else param.name}"
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _parts(sub, f"{path} {name}")


def help_texts(command: click.Command) -> Iterator[tuple[str, str]]:
    """(text, where) of every help text under `command`: what the catalogue must hold."""
    for holder, attribute, where in _parts(command, command.name or "extrashield"):
        text = getattr(holder, attribute, None)
        if isinstance(text, str) and text.strip():
            yield text, where


def translate(command: click.Command) -> click.Command:
    """`command`'s tree with each help text in the current language (the tree is changed in place: Typer
    builds a fresh one for each run)."""
    for holder, attribute, _where in _parts(command, command.name or "extrashield"):
        text = getattr(holder, attribute, None)
        if isinstance(text, str) and text.strip():
            setattr(holder, attribute, _(text))
        if isinstance(holder, click.Parameter):
            _name_type(holder)
        if isinstance(holder, click.Option) and holder.metavar in OPTION_METAVARS:
            holder.metavar = _(holder.metavar)
        if isinstance(holder, click.Command) and holder.options_metavar == OPTIONS_METAVAR:
            holder.options_metavar = _(OPTIONS_METAVAR)
        if isinstance(holder, click.Group) and holder.subcommand_metavar == SUBCOMMAND_METAVAR:
            holder.subcommand_metavar = _(SUBCOMMAND_METAVAR)
    return command


def _name_type(param: click.Parameter) -> None:
    """`param`'s type named in the current language, on a copy: Click's types are shared (click.INT), and a
    process may run in both languages (tests, a server)."""
    name = getattr(param.type, "name", None)
    if (
        not isinstance(name, str)
        or _(name) == name
        or isinstance(type(param.type).__dict__.get("name"), property)
    ):
        return
    named = copy.copy(param.type)
    named.name = _(name)
    param.type = named
