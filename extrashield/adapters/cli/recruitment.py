"""`extrashield blacklist` (the reported informal 2026 country blacklist, a media report) and
`extrashield figures` (the ledger of reported figures, grouped, with disagreements)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from extrashield.adapters.cli.common import check_choice, fail, print_json
from extrashield.i18n import _


def blacklist_command(
    countries: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COUNTRY]...", help="ISO 3166-1 alpha-2 codes (KE, NP…); none: show the whole report."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The day asked about (default: today).")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Was this country on the informal recruitment blacklist reported in 2026, on date D?

    A MEDIA REPORT, not law: answers yes, no or unknown (a country not named in a list with unnamed
    entries is unknown, not no), with the list version and its sources. Exit 2 for invalid input.

    Example: extrashield blacklist KE NP --date 2026-01-15
    """
    check_choice("--format", format, ("text", "json"))
    from extrashield.facts.countries import CODES
    from extrashield.facts.dates import parse_iso
    from extrashield.sources.blacklist import DISCLAIMER, default_blacklist

    try:
        day = parse_iso(date) if date is not None else dt.date.today()
    except ValueError as exc:
        fail(f"--date: {exc}")
    codes = []
    for c in countries or []:
        code = c.strip().upper()
        if code not in CODES:
            fail(_("COUNTRY {c}: expected an ISO 3166-1 alpha-2 code such as KE or NP").format(c=repr(c)))
        codes.append(code)
    b = default_blacklist()
    answers = [b.check(c, day).to_dict() for c in codes]
    if format == "json":
        print_json(
            {"date": day.isoformat(), "disclaimer": _(DISCLAIMER), "answers": answers}
            if codes
            else b.to_dict()
        )
    else:
        from extrashield.present.recruitment_report import blacklist_report

        typer.echo(blacklist_report(b, answers, day.isoformat()))


def figures_command(
    quantity: Annotated[
        list[str] | None,
        typer.Option(
            "--quantity", metavar="Q", help="Only this quantity (repeatable), e.g. foreign_recruits_total."
        ),
    ] = None,
    disagreements: Annotated[
        bool, typer.Option("--disagreements", help="Only quantities whose claims disagree.")
    ] = False,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """The reported figures of the recruitment drive, grouped by quantity, with where sources disagree.

    Claims, not facts. Figures disagree when they count the same quantity at the same date and their
    values cannot both be true (see docs/figures.md); legal claims when the ledger records the
    contradiction. Claims without a URL are kept and marked. Exit 2 for an unknown quantity.

    Example: extrashield figures --quantity foreign_recruits_killed
    """
    check_choice("--format", format, ("text", "json"))
    from extrashield.sources.figures import DISAGREEMENT_RULE, default_ledger

    ledger = default_ledger()
    qs = ledger.quantities()
    if quantity:
        known = {q.name for q in qs}
        for q in quantity:
            if q not in known:
                fail(
                    _("--quantity {q}: unknown (known: {value})").format(
                        q=repr(q), value=", ".join(sorted(known))
                    )
                )
        qs = [q for q in qs if q.name in quantity]
    if disagreements:
        qs = [q for q in qs if q.to_dict()["disagreements"]]
    if format == "json":
        print_json(
            {
                "description": ledger.description,
                "disagreement_rule": _(DISAGREEMENT_RULE),
                "quantities": [q.to_dict() for q in qs],
            }
        )
    else:
        from extrashield.present.recruitment_report import figures_report

        typer.echo(figures_report(ledger, qs, DISAGREEMENT_RULE))
