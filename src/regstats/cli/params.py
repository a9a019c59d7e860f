"""Options shared by several commands, with Swedish metavars and values checked as they are read
(the catalog is imported only when a value needs checking, so `--help` stays quick)."""

from __future__ import annotations

import click

PUBLISHER_HELP = "Publicerare: scb, ki, tva, fk, af eller kolada (kan upprepas)."


def _known_series(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    if values:
        from regstats.catalog import load_catalog

        catalog = load_catalog()
        unknown = [v for v in values if v not in catalog]
        if unknown:
            raise click.BadParameter(f"okänd serie {', '.join(unknown)}; `regstats list` visar katalogen")
    return values


def _known_publishers(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    if values:
        from regstats.catalog import PUBLISHER_NAMES

        unknown = [v for v in values if v not in PUBLISHER_NAMES]
        if unknown:
            raise click.BadParameter(f"okänd publicerare {', '.join(unknown)}; välj bland {', '.join(PUBLISHER_NAMES)}")
    return values


series_option = click.option(
    "--series", "-s", multiple=True, metavar="SERIE", callback=_known_series, help="Serie-id (kan upprepas)."
)
publisher_option = click.option(
    "--publisher", "-p", multiple=True, metavar="KOD", callback=_known_publishers, help=PUBLISHER_HELP
)


class Count(click.ParamType):
    """A whole number of at least one, with a Swedish message (click's says 'integer')."""

    name = "antal"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} är inte ett heltal", param, ctx)
        if number < 1:
            self.fail(f"{number} är för litet; ange minst 1", param, ctx)
        return number


class Day(click.ParamType):
    """A date written ÅÅÅÅ-MM-DD."""

    name = "datum"

    def convert(self, value, param, ctx):
        from datetime import date

        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-10-01", param, ctx)
