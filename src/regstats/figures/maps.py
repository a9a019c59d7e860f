"""Maps of counties or municipalities, drawn as filled outlines on plain axes.

Not plotly's geo traces: those fetch their base map (topojson) from a CDN at run time, which a
dashboard that must work offline cannot do, and they would add the geo module to the plotly
bundle. An outline per area is a scatter trace with `fill='toself'`; the areas come first, in the
order given, so a click's curveNumber names the area even where a browser reports no point."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from regstats.figures.style import FONT
from regstats.formatting import number_sv
from regstats.geo import CREDIT, Outline

# Five classes of a sequential blue (ColorBrewer Blues): light to dark, dark = high.
CLASSES = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
MISSING = "#f2f2f2"


def classes(values: pd.Series, count: int = len(CLASSES)) -> tuple[pd.Series, list[str]]:
    """Each value's class (0 = lowest) by equal-count bins, and each class's range in words."""
    present = values.dropna()
    if present.empty:
        return pd.Series(pd.NA, index=values.index), []
    bins = min(count, present.nunique())
    codes = pd.qcut(present.rank(method="first"), bins, labels=False)
    labels = []
    for index in range(bins):
        members = present[codes == index]
        labels.append(f"{number_sv(members.min(), 1)}–{number_sv(members.max(), 1)}")
    return codes.reindex(values.index), labels


def _path(outline: Outline) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for ring in outline.rings:
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def area_map(
    outlines: tuple[Outline, ...],
    values: pd.Series,
    names: dict[str, str],
    *,
    title: str,
    unit: str,
    selected: str | None,
    sample: bool,
    height: int = 560,
) -> go.Figure:
    """One filled outline per area, coloured by its class; `selected` outlined in black."""
    klass, labels = classes(values.reindex([o.code for o in outlines]))
    palette = CLASSES if len(labels) == len(CLASSES) else CLASSES[-len(labels) :] if labels else []
    figure = go.Figure()
    for outline in outlines:
        xs, ys = _path(outline)
        value = values.get(outline.code)
        shown = "uppgift saknas" if value is None or pd.isna(value) else f"{number_sv(value, 1)} {unit}"
        index = klass.get(outline.code)
        colour = MISSING if index is None or pd.isna(index) else palette[int(index)]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                # Grey borders: the lightest class is too close to white to be told apart without them.
                line={"color": "#737373", "width": 0.6},
                name=names.get(outline.code, outline.code),
                hoveron="fills",
                hoverinfo="text",
                text=f"{names.get(outline.code, outline.code)}: {shown}",
                customdata=[outline.code] * len(xs),
                showlegend=False,
            )
        )
    for outline in outlines:
        if outline.code == selected:
            xs, ys = _path(outline)
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": "#1a1a1a", "width": 3},
                    hoverinfo="skip",
                    name=f"Valt: {names.get(outline.code, outline.code)}",
                    showlegend=True,
                )
            )
    for colour, label in zip(palette, labels, strict=True):  # the legend: one square per class
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": colour, "line": {"color": "#4d4d4d", "width": 1}},
                name=label,
                showlegend=True,
            )
        )
    latitudes = [y for o in outlines for ring in o.rings for _, y in ring]
    middle = (min(latitudes) + max(latitudes)) / 2 if latitudes else 62.0
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": "#1a1a1a"},
        separators=",\u00a0",
        template=None,
        height=height,
        margin={"l": 8, "r": 8, "t": 64, "b": 40},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        hovermode="closest",
        dragmode=False,
        legend={"title": {"text": unit}, "x": 1, "xanchor": "right", "y": 0.02, "yanchor": "bottom"},
        # A degree of longitude is cos(latitude) of a degree of latitude: without this Sweden is squat.
        xaxis={"visible": False, "fixedrange": True},
        yaxis={
            "visible": False,
            "fixedrange": True,
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(middle)),
        },
        annotations=[
            {
                "text": CREDIT,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.06,
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 11, "color": "#4d4d4d"},
            }
        ],
    )
    if sample:
        figure.add_annotation(
            text="EXEMPELDATA",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            font={"size": 40, "color": "rgba(160,160,160,0.35)"},
            textangle=-18,
        )
    return figure
