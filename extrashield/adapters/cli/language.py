"""The language of the whole command line: `--lang` on every command, and Click's and Typer's own words
(Usage:, Options, Error:, Missing argument…) from our catalogue.

Click and Typer mark their words for translation with the standard library's `gettext.gettext` and
`ngettext`, imported into each of their modules (`from gettext import gettext as _`). Those read the
process's default domain in the language of the environment; ours follow the language of this run
(a context variable, extrashield.i18n). So the names `_` and `ngettext` in those modules are bound to
ours: the same words, looked up in the one catalogue (the extractor reads the same modules, `click_texts`,
so no word of theirs can be shown that the catalogue lacks).
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import importlib
from collections.abc import Iterator
from pathlib import Path

import click

from extrashield import i18n
from extrashield.adapters.cli.common import LANG_HELP, use_language

# The modules whose words a user of `extrashield` sees (help, usage, parse errors, prompts, progress);
# _winconsole, shell_completion and utils speak only of Windows consoles, shells and streams.
MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click._termui_impl",
    "typer.core",
)


def route_library_words() -> None:
    """Make Click's and Typer's words follow the language of this run (idempotent)."""
    for name in MODULES:
        module = importlib.import_module(name)
        if getattr(module, "_", None) is _stdlib_gettext.gettext:
            module._ = i18n.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is _stdlib_gettext.ngettext:
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def module_files() -> Iterator[tuple[str, Path]]:
    """(module, source file) of each module whose words are ours to translate."""
    for name in MODULES:
        file = importlib.import_module(name).__file__
        assert file is not None
        yield name, Path(file)


def _choose(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    # Not given: the language stays as main() chose it before parsing (a group's `--lang` left out must
    # not undo its command's `--lang ru`)
    if value is not None:
        use_language(value)


def with_lang_everywhere(command: click.Command) -> click.Command:
    """`command`'s tree with `--lang` on every command and group that does not declare it itself (those
    that do use its value; the others only need the language set, before anything is said)."""
    if not any(p.name == "lang" for p in command.params):
        command.params.append(
            click.Option(
                ["--lang"],
                metavar="ru|en",
                help=LANG_HELP,
                expose_value=False,
                is_eager=True,
                callback=_choose,
            )
        )
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            with_lang_everywhere(sub)
    return command


def required_when_missing(command: click.Command) -> click.Command:
    """`command`'s tree with each required argument and option told missing when not given. Typer 0.16
    gives them the default None, which Click 8.3+ takes for a value given (it marks "not given" with its
    own sentinel): the command would run with None and fail inside, instead of Click's "Missing
    argument" (exit 2). Typer 0.19+ sets the sentinel itself; this is then a no-op."""
    from click._utils import UNSET
    from typer.core import TyperArgument

    for param in command.params:
        if param.required and param.default is None:
            param.default = UNSET
            if isinstance(param, click.Option | TyperArgument):  # Typer's help would show the sentinel
                param.show_default = False
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            required_when_missing(sub)
    return command
