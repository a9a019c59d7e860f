"""Översikt: one card per theme with the latest value for the county and Riket."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from regstats.analysis.transform import DIFFERENCE_UNITS
from regstats.app import data
from regstats.app.views import state_warning
from regstats.catalog import load_catalog
from regstats.figures.charts import sparkline
from regstats.figures.style import region_name
from regstats.formatting import MONTHS_SV, change_sv, with_unit
from regstats.geography import RIKET
from regstats.views.state import ViewState, to_search

THEMES = [
    ("Arbetslöshet, nära arbetsmarknaden", "unemployment_close", "share", "/arbetsloshet"),
    ("Lediga jobb", "vacancies_new", "new_vacancies", "/lediga-jobb"),
    ("Varsel", "redundancies", "persons", "/varsel"),
    ("Sjukpenningtal", "sick_leave_days", "sick_pay_days", "/sjukskrivningar"),
    ("Konkurser", "bankruptcies", "bankruptcies", "/konkurser"),
    ("Stämningsläge", "sentiment", "barometer", "/stamningslage"),
    ("Befolkning", "population", "month_end", "/befolkning"),
]


def latest_with_change(rows: pd.DataFrame, unit: str) -> tuple[pd.Timestamp, float, float | None, str]:
    """Latest value and its change against the same period a year earlier (pp for rates, % for counts)."""
    rows = rows.dropna(subset=["value"]).set_index("period")["value"].sort_index()
    latest = rows.index.max()
    before = rows.get(latest - pd.DateOffset(years=1))
    if before is None or pd.isna(before):
        return latest, float(rows[latest]), None, ""
    if unit in DIFFERENCE_UNITS:
        return latest, float(rows[latest]), float(rows[latest] - before), DIFFERENCE_UNITS[unit]
    return latest, float(rows[latest]), float(100 * (rows[latest] / before - 1)), "%"


def card(title: str, series_id: str, measure: str, path: str, state: ViewState) -> html.Article:
    series = load_catalog()[series_id]
    stored = data.load(series_id)
    link = dcc.Link(f"Till sidan {title.split(',')[0]}", href=path + to_search(state), className="card-link")
    heading = html.H2(title, id=f"card-{series_id}")
    if stored is None:
        return html.Article(
            [heading, html.P("Data saknas ännu."), link], className="card", **{"aria-labelledby": f"card-{series_id}"}
        )
    unit = series.measure(measure).unit
    frame = stored.frame
    frame = frame[(frame["measure"] == measure) & (frame["sex"] == "T") & (frame["breakdown"] == "")]
    county = state.county if series.regional else RIKET
    rows = []
    for code in dict.fromkeys([county, RIKET]):
        part = frame[frame["region_code"] == code]
        if part.empty:
            continue
        latest, value, change, change_unit = latest_with_change(part, unit)
        rows += [
            html.Dt(region_name(code)),
            html.Dd(
                [
                    html.Span(with_unit(value, unit), className="value"),
                    html.Span(f" ({change_sv(change, change_unit)} på ett år)", className="change"),
                ]
            ),
        ]
    latest = frame["period"].max()
    when = f"{MONTHS_SV[latest.month - 1]} {latest.year}" if series.frequency == "monthly" else str(latest.year)
    spark = frame[(frame["region_code"] == county) & (frame["period"] > latest - pd.DateOffset(months=36))]
    notes = [html.P("Exempeldata", className="note note-sample")] if stored.is_sample else []
    if not series.regional:
        notes.append(html.P("Endast riket", className="note"))
    return html.Article(
        [
            heading,
            html.Dl(rows),
            html.Div(
                dcc.Graph(figure=sparkline(spark, label=title), config={"staticPlot": True}),
                className="spark",
                **{"aria-hidden": "true"},
            ),
            html.P(f"Data till och med {when}", className="data-date"),
            *notes,
            link,
        ],
        className="card",
        **{"aria-labelledby": f"card-{series_id}"},
    )


def overview(state: ViewState) -> html.Div:
    cards = html.Div([card(*theme, state) for theme in THEMES], className="cards")
    catalog = load_catalog()
    warnings = [
        html.Li(f"{catalog[sid].title_sv}: {text}")
        for sid in catalog
        if (text := state_warning(catalog[sid], data.manifest_entry(sid)))
    ]
    if not warnings:
        return cards
    notice = html.Div(
        [html.P("Alla serier är inte aktuella:", className="note-title"), html.Ul(warnings)],
        className="note note-warning",
        role="status",
        id="stale-warning",
    )
    return html.Div([notice, cards])
