"""The `extrashield` command."""

from __future__ import annotations

import sys

# Typer renders help with Rich when Rich is importable, and importing Rich's markdown renderer costs
# about 200 ms at every start. Hide Rich while Typer is imported (plain help), so that a one-case
# `extrashield assess` starts in well under 300 ms; commands that draw with Rich import it themselves.
_rich = sys.modules.get("rich")
sys.modules["rich"] = None  # type: ignore[assignment]
try:
    import typer
finally:
    if _rich is None:
        del sys.modules["rich"]
    else:
        sys.modules["rich"] = _rich

import click

from extrashield.adapters.cli.assess import assess_command
from extrashield.adapters.cli.db import db_app, serve_command, users_app
from extrashield.adapters.cli.db_lists import db_lists_app
from extrashield.adapters.cli.eligibility import eligibility_app
from extrashield.adapters.cli.impact import impact_command
from extrashield.adapters.cli.law import law_app
from extrashield.adapters.cli.lists import lists_app
from extrashield.adapters.cli.match import match_command
from extrashield.adapters.cli.memo import memo_command
from extrashield.adapters.cli.recruitment import blacklist_command, figures_command
from extrashield.adapters.cli.removal import removal_command
from extrashield.adapters.cli.screen import SCREEN_HELP, screen_command
from extrashield.adapters.cli.states import states_command
from extrashield.adapters.cli.timeline import timeline_command

app = typer.Typer(
    name="extrashield",
    help="When Russia must or may refuse extradition (Art. 464 CPC, point 7 of 50-FZ of 08.03.2026), explained down to the provision.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from extrashield import __version__

        typer.echo(f"extrashield {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        expose_value=False,
        callback=_print_version,
        help="Print the version of extrashield and exit.",
    ),
) -> None:
    """When Russia must or may refuse extradition, explained down to the provision."""


app.command("assess")(assess_command)
app.command("timeline")(timeline_command)
app.add_typer(eligibility_app, name="eligibility")
app.command("blacklist")(blacklist_command)
app.command("figures")(figures_command)
app.add_typer(law_app, name="law")
db_app.add_typer(db_lists_app, name="lists")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.command("serve")(serve_command)
app.command("removal")(removal_command)
app.command("states")(states_command)
app.command("screen", help=SCREEN_HELP)(screen_command)
app.command("impact")(impact_command)
app.add_typer(lists_app, name="lists")
app.command("match")(match_command)
app.command("memo")(memo_command)


def root_command() -> click.Command:
    """The Click command that `extrashield` runs: Typer's tree, with `--lang` everywhere and the required
    parameters required (adapters/cli/language.py)."""
    from extrashield import i18n
    from extrashield.adapters.cli.language import required_when_missing, with_lang_everywhere

    # Built in English, whatever the language of the run: Typer reads the options' help from annotations
    # evaluated now, and the English help is what the catalogue holds (adapters/cli/help.py translates it)
    with i18n.using(i18n.DEFAULT):
        command = typer.main.get_command(app)
    return required_when_missing(with_lang_everywhere(command))


def _language(args: list[str]) -> str:
    """The language of this run: `--lang` if given a known one (the command checks it again and refuses
    another), else the locale's. Chosen before Click parses, so that `--help` speaks it too."""
    from extrashield.i18n import LANGUAGES, language_of_locale

    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            return value
    return language_of_locale()


def main() -> None:
    """Entry point: never show a traceback; unexpected failures exit 1 with a one-line message. Help and
    messages are in the language of `--lang`, else of the locale (extrashield.i18n)."""
    from extrashield.adapters.cli.language import route_library_words
    from extrashield.i18n import DEFAULT, set_language

    lang = _language(sys.argv[1:])
    set_language(lang)
    try:
        command = root_command()
        if lang != DEFAULT:
            from extrashield.adapters.cli.help import translate

            route_library_words()
            translate(command)
        command()
    except SystemExit:
        raise
    except Exception as exc:
        typer.echo(f"internal error: {exc.__class__.__name__}: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
