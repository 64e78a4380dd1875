"""`extrashield states [CODE]`: requesting-state profiles (treaties with Russia, own law, prosecutions,
demands to Moscow, the reported recruitment blacklist)."""

from __future__ import annotations

from typing import Annotated

import typer

from extrashield.adapters.cli.common import check_choice, fail, print_json
from extrashield.i18n import _


def states_command(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help="ISO 3166-1 alpha-2 code of a requesting state, e.g. KZ; omit for all states with a profile. A state without one gets what the treaty data and the reported blacklist say, and is told its profile is missing.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Which treaties bind, and which Russian grounds are in force, on this date (default: today).",
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """What a ministry of justice preparing a request to Russia reads first: the treaty, point 7, the state's own law.

    Example: extrashield states KZ --date 2026-04-01
    """
    check_choice("--format", format, ("text", "json"))
    import datetime as dt

    from extrashield.errors import LawDataError
    from extrashield.facts.countries import CODES
    from extrashield.facts.dates import parse_iso
    from extrashield.services.state_profiles import (
        all_profiles,
        missing_profile,
        profile_report,
        profiles_table,
        state_profile,
    )
    from extrashield.sources.states import state_codes

    try:
        day = parse_iso(date) if date is not None else dt.date.today()
    except ValueError as exc:
        fail(f"--date: {exc}")
    if code is None:
        rows = all_profiles(day)
        print_json({"as_of": day.isoformat(), "states": rows}) if format == "json" else typer.echo(
            profiles_table(rows)
        )
        return
    code = code.upper()
    if code not in CODES:
        fail(
            _("CODE {code}: not an ISO 3166-1 alpha-2 country code (states with a profile: {codes})").format(
                code=repr(code), codes=", ".join(state_codes())
            )
        )
    try:
        profile = state_profile(code, day) if code in state_codes() else missing_profile(code, day)
    except LawDataError as exc:
        fail(_("invalid data: {exc}").format(exc=exc), 1)
    print_json(profile) if format == "json" else typer.echo(profile_report(profile))
