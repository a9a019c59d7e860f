"""Colours, line styles and Swedish layout shared by every figure.

The palette is Okabe–Ito, darkened where needed so every line has at least 3:1 contrast
against the white background (WCAG 2.1 non-text contrast); each region also gets its own
line style, so the county and Riket differ without colour.
"""

from __future__ import annotations

import plotly.graph_objects as go

from regstats.county_groups import area_name

# (colour, dash) per position: the county first, Riket (or the first comparison) second.
LINES = [
    ("#0072B2", "solid"),
    ("#C4501A", "dash"),
    ("#007A5A", "dot"),
    ("#7A4B94", "dashdot"),
    ("#4D4D4D", "longdash"),
    ("#8A5A00", "longdashdot"),
    ("#B0306A", "solid"),
    ("#1F5F8B", "dot"),
]
SEX_LINES = {"T": ("#333333", "solid"), "K": ("#B0306A", "dot"), "M": ("#0072B2", "dash")}
SEX_NAMES = {"T": "Kvinnor och män", "K": "Kvinnor", "M": "Män"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


Y_AXIS = {
    "gridcolor": "#d9d9d9",
    "zerolinecolor": "#8c8c8c",
    # '25 000' and '10 000 000', never '25k' or '10M': Swedish readers do not read SI prefixes.
    "exponentformat": "none",
    "separatethousands": True,
}
X_AXIS = {"tickformat": "%b %Y", "hoverformat": "%B %Y", "gridcolor": "#eeeeee"}
SAMPLE_MARK = {
    "text": "EXEMPELDATA",
    "xref": "paper",
    "yref": "paper",
    "x": 0.5,
    "y": 0.5,
    "showarrow": False,
    "font": {"size": 44, "color": "rgba(160,160,160,0.35)"},
    "textangle": -18,
}


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, wrapped once and not validated: building it through plotly's
    property objects (update_layout, add_trace …) cost about 23 ms a chart, most of a county
    change. The specs are checked against plotly's schema by the tests (test_figures.py)."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def x_axis(ticks: dict | None = None) -> dict:
    """A date axis: Swedish ticks written by regstats (figures.timeaxis) where the chart has them,
    else plotly's own date ticks."""
    if not ticks:
        return dict(X_AXIS)
    return {**{k: v for k, v in X_AXIS.items() if k != "tickformat"}, **ticks}


def base_layout(title: str, unit: str, *, sample: bool, height: int = 420, ticks: dict | None = None) -> dict:
    """The layout every chart starts from (a dict; the chart adds its own keys). `ticks`: the
    date axis' tick settings (figures.timeaxis.time_ticks), set here, before the figure is wrapped."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        "separators": ",\u00a0",
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
        # No named template: plotly deep-copies a template on every figure; the few settings we
        # need are set here directly.
        "template": None,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": height,
        "margin": {"l": 60, "r": 24, "t": 64, "b": 56},
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "yaxis": {"title": {"text": unit}, **Y_AXIS},
        "xaxis": x_axis(ticks),
        "annotations": [dict(SAMPLE_MARK)] if sample else [],
        "shapes": [],
    }


def add_subtitle(figure: go.Figure, text: str) -> go.Figure:
    """What the chart shows (regions, sex, transform, unit) under its title, so that an image of
    it says the same when it is downloaded or put on a slide."""
    # Attribute assignments, not update_layout: the latter parses its keywords (~3 ms a call).
    figure.layout.title.subtitle = {"text": text, "font": {"size": 13, "color": "#4d4d4d"}}
    figure.layout.margin.t = (figure.layout.margin.t or 64) + 22
    return figure


def region_name(code: str) -> str:
    return area_name(code)
