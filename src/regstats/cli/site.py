"""`regstats bake OUT/`: the static site (regstats.site.bake)."""

from __future__ import annotations

from pathlib import Path

import click

from regstats.cli.app import app
from regstats.cli.output import console
from regstats.geography import REGIONS


@app.command("bake")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path), metavar="MAPP")
@click.option("--live-url", default="", metavar="URL", help="Den interaktiva appens adress (andra vyer öppnas där).")
@click.option("--site-url", default="", metavar="URL", help="Webbplatsens egen adress (flödet, inbäddningar).")
@click.option("--lan", "regions", default="", metavar="KODER", help="Bara dessa regioner, t.ex. 23,00 (för att titta).")
@click.option("--utan-pdf", "no_pdf", is_flag=True, help="Profilerna bara som HTML (ingen webbläsare behövs).")
def bake_command(out: Path, live_url: str, site_url: str, regions: str, no_pdf: bool) -> None:
    """Skriv en statisk webbplats: varje sida för riket och alla län, data, flöde och kalender."""
    from regstats.site.bake import bake, clear

    chosen = [code for code in regions.split(",") if code]
    if unknown := [code for code in chosen if code not in REGIONS]:
        raise click.BadParameter(f"okänd region: {', '.join(unknown)}", param_hint="--lan")
    clear(out)
    report = bake(out, live_url=live_url, site_url=site_url.rstrip("/"), regions=chosen or None, pdf=not no_pdf)
    console.print(
        f"Webbplatsen i {out}: {report.pages} sidor, {report.charts} diagram, {report.profiles} profiler, "
        f"{report.data_files} datafiler, "
        f"{report.megabytes:.0f} MB på {report.seconds:.0f} s. Prova: python -m http.server -d {out}",
        soft_wrap=True,
    )
