"""The deck as one HTML page: shown in presentation mode, printed to PDF and photographed
for PNG/PPTX by the same browser, so every output has the same titles, charts and sentences.

`inline=True` makes a single self-contained file (plotly.js included) that presents offline;
otherwise assets are linked from the app, so the browser caches plotly.js once."""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

import pandas as pd
import plotly
from jinja2 import Environment, PackageLoader
from plotly.io.json import to_json_plotly

from regstats.formatting import day_sv, number_sv
from regstats.geography import REGIONS
from regstats.meeting.slides import BuiltDeck

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@cache
def _environment() -> Environment:
    # Every template here is HTML: escape all of them (select_autoescape() goes by file name and
    # missed deck.html.j2, so an edited sentence with markup ran as script).
    return Environment(loader=PackageLoader("regstats.meeting", "templates"), autoescape=True)


@cache  # packaged files: read once per process, not on every presentation request
def asset_text(name: str) -> str:
    """The files presentation mode needs; all served locally (no CDN)."""
    if name == "plotly.min.js":
        return PLOTLY_JS.read_text("utf-8")
    if name == "plotly-locale-sv.js":
        return resources.files("regstats.app").joinpath("assets", "01-plotly-locale-sv.js").read_text("utf-8")
    return resources.files("regstats.meeting").joinpath("assets", name).read_text("utf-8")


ASSETS = ("deck.css", "deck.js", "plotly.min.js", "plotly-locale-sv.js")


def _figure_json(figure: dict) -> str:
    # Inside <script type="application/json"> only "</" can end the element early.
    return to_json_plotly(figure).replace("</", "<\\/")


def table_html(table: pd.DataFrame, caption: str) -> str:
    """Numbers (the float columns) right-aligned with a decimal comma, text escaped."""
    numeric = {c for c in table.columns if pd.api.types.is_float_dtype(table[c])}
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table.columns)
    rows = []
    for record in table.itertuples(index=False):
        cells = []
        for column, cell in zip(table.columns, record, strict=True):
            if column in numeric:
                cells.append(f'<td class="num">{number_sv(cell, 1, "–")}</td>')
            else:
                cells.append(f"<td>{'' if pd.isna(cell) else escape(str(cell))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _changes_table(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Serie": table["series"],
            "Region": table["region_code"].map(REGIONS),
            "Period": table["period"].dt.strftime("%Y-%m"),
            "Mått": table["measure"],
            "Förra mötet": table["old"].astype(float),
            "Nu": table["new"].astype(float),
        }
    )


def render_deck(
    deck: BuiltDeck,
    *,
    inline: bool = True,
    mode: str = "present",
    asset_url: str = "/presentera-filer",
    exit_url: str = "",
    dashboard_url: str | None = None,
    downloads: tuple[tuple[str, str], ...] = (),
) -> str:
    """`mode="all"` lays every slide out one after another (export, print). Links to the
    dashboard are written only when its address is known (`dashboard_url`, "" for the app itself)."""
    figures = {s.number: _figure_json(s.figure) for s in deck.slides if s.figure}
    tables = {}
    for slide in deck.slides:
        if slide.table is not None and not slide.table.empty:
            table = _changes_table(slide.table) if slide.kind == "changes" else slide.table
            tables[slide.number] = table_html(table, f"{slide.title}. {slide.source}")
    assets = {}
    if inline:
        assets = {
            "css": asset_text("deck.css"),
            "js": asset_text("deck.js"),
            "plotly": asset_text("plotly.min.js").replace("</script", "<\\/script"),
            "locale": asset_text("plotly-locale-sv.js"),
        }
    return (
        _environment()
        .get_template("deck.html.j2")
        .render(
            deck=deck,
            figures=figures,
            tables=tables,
            inline=inline,
            assets=assets,
            mode=mode,
            asset_url=asset_url,
            exit_url=exit_url,
            dashboard_url=dashboard_url,
            downloads=downloads,
            day_sv=day_sv,
        )
    )
