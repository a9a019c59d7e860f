"""Figures as pure functions of (frame, series metadata, options)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from regstats.catalog import Series
from regstats.geography import REGIONS, RIKET

# Okabe–Ito colours (colour-blind safe); county solid, Riket dashed so they differ without colour.
COUNTY_COLOUR, RIKET_COLOUR = "#0072B2", "#D55E00"


def line_chart(
    frame: pd.DataFrame, series: Series, measure: str, region: str, sex: str = "T", sample: bool = False
) -> go.Figure:
    """County against Riket for one measure."""
    figure = go.Figure()
    part = frame[(frame["measure"] == measure) & (frame["sex"] == sex)]
    unit = series.measure(measure).unit
    for code, colour, dash in [(region, COUNTY_COLOUR, "solid"), (RIKET, RIKET_COLOUR, "dash")]:
        rows = part[part["region_code"] == code].sort_values("period")
        if rows.empty or (code == RIKET and region == RIKET):
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["period"],
                y=rows["value"],
                name=REGIONS[code],
                mode="lines",
                line={"color": colour, "dash": dash, "width": 3 if code == region else 2},
                hovertemplate=f"%{{x|%B %Y}}<br>{REGIONS[code]}: %{{y:,.1f}} {unit}<extra></extra>",
            )
        )
    title = f"{series.measure(measure).title_sv} ({unit})"
    if sample:
        title += " — EXEMPELDATA"
    figure.update_layout(
        title=title,
        separators=", ",
        hovermode="x unified",
        template="plotly_white",
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 50, "r": 20, "t": 60, "b": 40},
    )
    return figure
