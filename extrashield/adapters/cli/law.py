"""`extrashield law ...`: the law at a date, one provision through time, what changed between two dates,
and the legislative history of bill 1075342-8. The queries live in extrashield.sources.lawquery."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from extrashield.adapters.cli.common import LangOpt, check_choice, fail, print_json, use_language
from extrashield.i18n import _

if TYPE_CHECKING:
    from extrashield.sources.lawbook import Lawbook, Provision

law_app = typer.Typer(
    help="The law as dated, sourced data: list, show, diff, history.",
    no_args_is_help=True,
)

FORMAT = Annotated[str, typer.Option("--format", help="text or json.")]


def _day(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from extrashield.facts.dates import parse_iso

    try:
        return parse_iso(value)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def _book() -> Lawbook:
    from extrashield.sources.lawbook import default_lawbook

    return default_lawbook()


@law_app.command("list")
def list_command(
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Show each provision's status and version on this day."
        ),
    ] = None,
    format: FORMAT = "text",
) -> None:
    """Every provision of the law data; with --date, whether it was in force that day and which version.
    A bill whose adoption is not confirmed is shown as such (bill_not_adopted), never as in force.

    Example: extrashield law list --date 2026-03-19
    """
    check_choice("--format", format, ("text", "json"))
    day = _day("--date", date)
    from extrashield.sources.lawquery import law_listing, list_text

    book = _book()
    listing = law_listing(book, day)
    if format == "json":
        print_json(listing)
    else:
        typer.echo(list_text(listing["provisions"], day, book))


@law_app.command("show")
def show_command(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A provision id (ru.upk.464.1.7) or an article prefix (ru.upk.464)."
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Mark the version in force on this day."),
    ] = None,
    lang: LangOpt = None,
    format: FORMAT = "text",
) -> None:
    """A provision with every version (dates and how certain they are), its text, sources, readings and
    open questions.

    Example: extrashield law show ru.upk.464.1.7 --date 2026-03-19 --lang ru
    """
    lang = use_language(lang)
    check_choice("--format", format, ("text", "json"))
    day = _day("--date", date)
    from extrashield.errors import CaseError
    from extrashield.sources.lawquery import provision_detail, show_text

    book = _book()
    try:
        found = book_find(book, ident)
    except CaseError as exc:
        fail(exc.problem)
    if format == "json":
        print_json({"law_digest": book.digest, "provisions": [provision_detail(p, day) for p in found]})
    else:
        typer.echo("\n\n".join(show_text(p, day, lang) for p in found))


def book_find(book: Lawbook, ident: str) -> list[Provision]:
    from extrashield.sources.lawquery import find

    return find(book, ident)


@law_app.command("diff")
def diff_command(
    d1: Annotated[str, typer.Argument(metavar="D1", help="The earlier date, YYYY-MM-DD.")],
    d2: Annotated[str, typer.Argument(metavar="D2", help="The later date, YYYY-MM-DD.")],
    format: FORMAT = "text",
) -> None:
    """What was added, changed or ended between the law on D1 and the law on D2, and each dated step between.

    Example: extrashield law diff 2026-03-01 2026-04-01
    """
    check_choice("--format", format, ("text", "json"))
    a, b = _day("D1", d1), _day("D2", d2)
    assert a is not None and b is not None  # both are required arguments
    from extrashield.errors import CaseError
    from extrashield.sources.lawquery import diff, diff_text

    book = _book()
    try:
        d = diff(book, a, b)
    except CaseError as exc:
        fail(str(exc))
    if format == "json":
        print_json(d)
    else:
        typer.echo(diff_text(d, book))


@law_app.command("history")
def history_command(
    bill: Annotated[str, typer.Option("--bill", help="Duma bill number.")] = "1075342-8",
    lang: LangOpt = None,
    format: FORMAT = "text",
) -> None:
    """The legislative history of bill 1075342-8 (Federal Law No. 50-FZ): each stage with its date, how
    certain it is and its sources; the companion bills, with their unknown dates marked.

    Example: extrashield law history
    """
    lang = use_language(lang)
    check_choice("--format", format, ("text", "json"))
    from extrashield.errors import LawDataError
    from extrashield.sources.history import available_bills, bill_history
    from extrashield.sources.lawquery import history_text

    if bill not in available_bills():
        fail(
            _("--bill {bill}: no history in the law data (available: {value})").format(
                bill=repr(bill), value=", ".join(available_bills())
            )
        )
    try:
        h = bill_history(bill)
    except LawDataError as exc:
        fail(str(exc))
    if format == "json":
        print_json(h.to_dict())
    else:
        typer.echo(history_text(h, lang))
