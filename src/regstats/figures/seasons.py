"""'Ett år per linje': a monthly series drawn January–December, one line per year, the way regional
analysts show whether this year runs above or below the last ones despite the seasons. The newest
year is the thick, dark line; earlier years fade with age, each still told apart by its dash."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from regstats.figures.style import base_layout, figure, region_name
from regstats.figures.traces import hover_text
from regstats.formatting import SHORT_MONTHS_SV

YEARS_SHOWN = 6  # more lines than this on one axis is a tangle nobody reads on a phone
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
OLDER = ["#1F5F8B", "#4A7BA6", "#6F93B8", "#90A9C7", "#A9BBD3", "#BCCADD"]


def year_lines(frame: pd.DataFrame, region: str, *, title: str, unit: str, sample: bool) -> go.Figure:
    """`frame`: one region's monthly rows (already transformed). The newest years, one line each."""
    rows = frame[frame["region_code"] == region].dropna(subset=["value"]).sort_values("period")
    years = sorted(rows["period"].dt.year.unique())[-YEARS_SHOWN:]
    data: list[dict] = []
    for age, year in enumerate(reversed(years)):
        part = rows[rows["period"].dt.year == year]
        name = str(year)
        data.append(
            {
                "type": "scatter",
                "x": [SHORT_MONTHS_SV[m - 1] for m in part["period"].dt.month],
                "y": part["value"].to_numpy(),
                "name": name,
                "mode": "lines+markers" if len(part) < 3 else "lines",
                "line": {
                    "color": "#B0306A" if age == 0 else OLDER[min(age - 1, len(OLDER) - 1)],
                    "dash": DASHES[age % len(DASHES)],
                    "width": 3.5 if age == 0 else 2,
                },
                "hovertemplate": hover_text(name, unit),
            }
        )
    layout = base_layout(f"{title}, {region_name(region)}", unit, sample=sample)
    layout["xaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(SHORT_MONTHS_SV),
        "title": {"text": ""},
        "gridcolor": "#eeeeee",
    }
    layout["hovermode"] = "x unified"
    return figure(data, layout)
