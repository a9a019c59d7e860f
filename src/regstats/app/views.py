"""Dash components for one chart: heading, notes, chart or table, and downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd
from dash import dcc, html

from regstats.app import data
from regstats.catalog import Series, load_catalog
from regstats.classifications import DERIVED_STATUS, SUMMED
from regstats.formatting import number_sv
from regstats.store.status import series_state
from regstats.views.content import describe, figure_for, publisher_name, source_line, table_frame, title_for
from regstats.views.pages import Chart
from regstats.views.select import Selection, accepted_changes, select
from regstats.views.state import ViewState

GRAPH_CONFIG = {
    "locale": "sv-regstats",
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def data_table(chart_id: str, table: pd.DataFrame, caption: str) -> html.Div:
    """A plain, accessible HTML table. Sorting and filtering are done in the browser by
    assets/03-tables.js (header buttons with aria-sort, a labelled filter field); raw values sit
    in data-sort so numbers sort as numbers while they are shown with Swedish formatting."""
    table_id = f"table-{chart_id}"
    value_column = next(c for c in table.columns if c.startswith("Värde"))
    head = html.Tr(
        [
            html.Th(html.Button(column, type="button", className="sort"), scope="col", **{"aria-sort": "none"})
            for column in table.columns
        ]
    )
    rows = []
    for record in table.itertuples(index=False):
        cells = []
        for column, value in zip(table.columns, record, strict=True):
            if column == value_column:
                cells.append(
                    html.Td(
                        number_sv(value, 1, "–"),
                        className="num",
                        **{"data-sort": "" if pd.isna(value) else repr(float(value))},
                    )
                )
            else:
                cells.append(html.Td("" if pd.isna(value) else str(value)))
        rows.append(html.Tr(cells))
    return html.Div(
        [
            html.Label("Filtrera rader", htmlFor=f"filter-{chart_id}", className="filter-label"),
            dcc.Input(id=f"filter-{chart_id}", type="search", className="table-filter", autoComplete="off"),
            html.P(f"{len(rows)} rader", className="row-count", role="status", id=f"count-{chart_id}"),
            html.Div(
                html.Table([html.Caption(caption), html.Thead(head), html.Tbody(rows)], id=table_id, className="data"),
                className="table-scroll",
                tabIndex="0",
                role="region",
                **{"aria-label": caption},
            ),
        ],
        className="table-wrap",
    )


def state_warning(series: Series, entry: dict) -> str | None:
    """What a reader must know when the chart may not show the newest published data."""
    state = series_state(series, entry, date.today())
    since = state.last_success[:10] if state.last_success else "vid okänt datum"
    return {
        "failed": f"Senaste uppdateringen misslyckades. Visar data senast uppdaterade {since}.",
        "skipped": f"Publiceraren svarade inte vid senaste uppdateringen. Visar data senast uppdaterade {since}.",
        "stale": f"Inaktuella data: {state.reason}.",
    }.get(state.state)


def _notes(chart: Chart, series: Series, selection: Selection, stored, entry: dict) -> list:
    notes = []
    if stored.is_sample:
        notes.append(html.P("Exempeldata – inte officiell statistik.", className="note note-sample"))
    if warning := state_warning(series, entry):
        notes.append(html.P(warning, className="note note-warning", role="status"))
    if series.preliminary:
        notes.append(html.P("Preliminär statistik: värdena revideras.", className="note"))
    if not series.official:
        notes.append(
            html.P(f"Verksamhetsstatistik från {publisher_name(series)}, inte officiell statistik.", className="note")
        )
    status = selection.frame["status"]
    if (status == SUMMED).any():
        notes.append(html.P("Riket är summan av länen: publiceraren redovisar ingen riksrad.", className="note"))
    if ((status != "") & ~status.isin(DERIVED_STATUS)).any():
        notes.append(
            html.P(
                "Kryss i diagrammet och status i tabellen markerar värden som saknas eller är skyddade.",
                className="note",
            )
        )
    for period, text in [(b.period, b.description) for b in series.breaks]:
        notes.append(html.P(f"Seriebrott {period}: {text}", className="note"))
    for when, text in accepted_changes(stored.metadata):
        notes.append(html.P(f"{text} (ritad vid {when:%Y-%m})", className="note"))
    notes += [html.P(text, className="note") for text in selection.notes]
    if chart.note:
        notes.append(html.P(chart.note, className="note"))
    if chart.caveat:
        notes.append(html.P(chart.caveat, className="note caveat"))
    return notes


def _selection(chart: Chart, series: Series, stored, state: ViewState) -> Selection:
    population = data.load("population")
    return select(chart, series, stored.frame, state, population.frame if population else None)


def table_behind(chart: Chart, state: ViewState) -> html.Div | html.P:
    """The table behind a chart, for the same view the chart shows."""
    series = load_catalog()[chart.series]
    stored = data.load(chart.series)
    if stored is None:
        return html.P(f"Data saknas för {series.title_sv}.", className="empty")
    selection = _selection(chart, series, stored, state)
    caption = f"{title_for(chart, selection)}: {describe(chart, selection)}. {source_line(series, stored)}"
    return data_table(chart.id, table_frame(selection, series), caption)


def chart_section(chart: Chart, state: ViewState) -> html.Section:
    series = load_catalog()[chart.series]
    stored = data.load(chart.series)
    heading = html.H2(chart.title, id=f"heading-{chart.id}")
    if stored is None:
        return html.Section(
            [
                heading,
                html.P(
                    f"Data saknas för {series.title_sv}. Analytikern kan hämta den med "
                    f"kommandot regstats refresh --series {series.id}.",
                    className="empty",
                ),
            ],
            className="chart",
            **{"aria-labelledby": f"heading-{chart.id}"},
        )
    selection = _selection(chart, series, stored, state)
    entry = data.manifest_entry(chart.series)
    description = describe(chart, selection)
    caption = f"{title_for(chart, selection)}: {description}. {source_line(series, stored)}"
    image_title = ""
    if selection.frame.empty:
        body = html.P("Inga värden för vald period och region.", className="empty")
    elif state.view == "tabell":
        body = data_table(chart.id, table_frame(selection, series), caption)
    else:
        figure = figure_for(chart, series, selection, state, stored.is_sample, description, stored.metadata)
        # The page says title and subtitle in HTML, where they wrap on a phone (in the SVG they
        # were cut); the image downloads put them back (assets/02-downloads.js).
        image_title = figure.layout.title.text
        figure.layout.title = None
        figure.layout.margin.t = 36
        # The image downloads (assets/02-downloads.js) print this under the chart, with the mark.
        image_note = source_line(series, stored) + (" EXEMPELDATA – inte officiell statistik." * stored.is_sample)
        body = html.Figure(
            [
                dcc.Graph(
                    id={"type": "graph", "chart": chart.id},
                    figure=figure,
                    config={**GRAPH_CONFIG, "toImageButtonOptions": {"format": "png", "filename": chart.id}},
                ),
                html.Figcaption(caption),
                html.Div(hidden=True, className="image-note", children=image_note),
                html.Div(hidden=True, className="image-title", children=image_title),
                # The table behind the chart is built when first opened (layout.table_behind):
                # as Dash components it was most of a page's render time.
                html.Details(
                    [
                        html.Summary(
                            "Visa diagrammets värden som tabell", id={"type": "behind-open", "chart": chart.id}
                        ),
                        html.Div(
                            html.P("Tabellen hämtas …", className="empty"),
                            id={"type": "behind", "chart": chart.id},
                            **{"aria-live": "polite"},
                        ),
                    ]
                ),
            ]
        )
    downloads = html.Div(
        [
            html.Span("Ladda ned: ", className="downloads-label"),
            *[
                html.Button(label, id={"type": "dl", "chart": chart.id, "what": what}, className="download")
                for what, label in [
                    ("rows-csv", "Visade rader, CSV"),
                    ("rows-xlsx", "Visade rader, XLSX"),
                    ("full-csv", "Hela serien, CSV"),
                    ("full-xlsx", "Hela serien, XLSX"),
                ]
            ],
            *[
                item
                for fmt, label in [("png", "Diagram, PNG"), ("svg", "Diagram, SVG")]
                if state.view != "tabell"
                for item in (
                    html.Button(label, id={"type": "img", "chart": chart.id, "fmt": fmt}, className="download"),
                    dcc.Store(id={"type": "img-done", "chart": chart.id, "fmt": fmt}),
                )
            ],
        ],
        className="downloads",
        role="group",
        **{"aria-label": f"Ladda ned {chart.title}"},
    )
    # Warnings before the chart; what explains it after, so the chart itself comes first on a phone.
    notes = _notes(chart, series, selection, stored, entry)
    warnings = [n for n in notes if "note-warning" in n.className or "note-sample" in n.className]
    explained = [n for n in notes if n not in warnings]
    subtitle = html.P(description, className="chart-subtitle")
    # The heading says what the figure's title said: women or men alone, the industry chosen.
    heading = html.H2(image_title or title_for(chart, selection), id=f"heading-{chart.id}")
    return html.Section(
        [heading, subtitle, *warnings, body, *explained, downloads],
        className="chart",
        **{"aria-labelledby": f"heading-{chart.id}"},
    )
