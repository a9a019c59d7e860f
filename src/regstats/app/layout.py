"""A first dashboard: pick a series, a measure and a county; chart against Riket plus a table."""

from __future__ import annotations

from dash import Dash, Input, Output, dash_table, dcc, html

from regstats.app import data, figures
from regstats.catalog import load_catalog
from regstats.formatting import number_sv
from regstats.geography import JAMTLAND, REGIONS

SAMPLE_TEXT = "Exempeldata — inte officiell statistik. Kör `regstats refresh` för riktiga data."


def build_app() -> Dash:
    catalog = load_catalog()
    app = Dash(__name__, title="regstats — regional arbetsmarknadsstatistik", serve_locally=True)
    series_options = [{"label": s.title_sv, "value": s.id} for s in catalog.values()]
    app.layout = html.Main(
        lang="sv",
        children=[
            html.H1("Regional arbetsmarknadsstatistik"),
            html.Div(id="sample-banner", role="status"),
            html.Label("Serie", htmlFor="series"),
            dcc.Dropdown(id="series", options=series_options, value="unemployment_bas", clearable=False),
            html.Label("Mätning", htmlFor="measure"),
            dcc.Dropdown(id="measure", clearable=False),
            html.Label("Län", htmlFor="region"),
            dcc.Dropdown(
                id="region",
                options=[{"label": n, "value": c} for c, n in REGIONS.items()],
                value=JAMTLAND,
                clearable=False,
            ),
            dcc.Graph(id="chart", config={"displaylogo": False}),
            dash_table.DataTable(id="table", page_size=12, sort_action="native"),
        ],
    )

    @app.callback(Output("measure", "options"), Output("measure", "value"), Input("series", "value"))
    def measures(series_id: str):
        series = catalog[series_id]
        return [{"label": m.title_sv, "value": m.id} for m in series.measures], series.measure_ids[0]

    @app.callback(
        Output("chart", "figure"),
        Output("table", "data"),
        Output("table", "columns"),
        Output("sample-banner", "children"),
        Input("series", "value"),
        Input("measure", "value"),
        Input("region", "value"),
    )
    def update(series_id: str, measure: str, region: str):
        series = catalog[series_id]
        stored = data.load(series_id)
        if stored is None or measure not in series.measure_ids:
            return {}, [], [], "Serien finns inte i lagret ännu."
        if not series.regional:
            region = "00"
        figure = figures.line_chart(stored.frame, series, measure, region, sample=stored.is_sample)
        rows = stored.frame[
            (stored.frame["measure"] == measure)
            & (stored.frame["sex"] == "T")
            & stored.frame["region_code"].isin({region, "00"})
        ].sort_values("period")
        table = [
            {
                "Period": f"{r.period:%Y-%m}",
                "Region": REGIONS[r.region_code],
                "Värde": number_sv(r.value, 1, r.status),
            }
            for r in rows.itertuples()
        ]
        columns = [{"name": c, "id": c} for c in ["Period", "Region", "Värde"]]
        banner = SAMPLE_TEXT if stored.is_sample else ""
        return figure, table, columns, banner

    return app
