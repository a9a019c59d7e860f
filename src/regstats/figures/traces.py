"""The pieces every chart is drawn from, as plain dicts: hover texts, a region's or a sex's line
with its flagged points, panels of small multiples, and the marks of series breaks."""

from __future__ import annotations

import pandas as pd

from regstats.classifications import DERIVED_STATUS
from regstats.figures.style import LINES

HOVER_NUMBER = "%{y:,.1f}"


def hover_text(name: str, unit: str) -> str:
    return f"{name}: {HOVER_NUMBER} {unit}<extra></extra>"


def _axes(panel: int) -> dict:
    """The axes a trace of small-multiple panel `panel` (1 = the top one) is drawn on."""
    suffix = "" if panel <= 1 else str(panel)
    return {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}


def _flags(rows: pd.DataFrame, name: str, colour: str, panel: int = 1) -> list[dict]:
    """Cells the publisher masked or could not give are shown where they fall, never as 0."""
    status = rows["status"].to_numpy(dtype=object)
    marked = (status != "") & ~pd.Series(status).isin(DERIVED_STATUS).to_numpy()
    if not marked.any():
        return []
    flagged = rows[marked]
    return [
        {
            "type": "scatter",
            "x": flagged["period"].to_numpy(),
            "y": [None] * len(flagged),
            "mode": "markers",
            "name": f"{name}: uppgift saknas/skyddad",
            "marker": {"symbol": "x-thin-open", "size": 10, "color": colour},
            "showlegend": False,
            "hovertext": [f"{name}: uppgift saknas ({s})" for s in flagged["status"]],
            "hoverinfo": "text",
            **_axes(panel),
        }
    ]


def line_trace(
    rows: pd.DataFrame, name: str, unit: str, colour: str, dash: str, width: float, panel: int = 1
) -> list[dict]:
    """One line with its hover text, and markers where the publisher gave no value."""
    trace = {
        "type": "scatter",
        # Arrays, not lists: plotly copies a trace's data when it wraps it (a list of timestamps
        # cost more to copy than the chart took to build) and sends numbers as typed arrays.
        "x": rows["period"].to_numpy(),
        "y": rows["value"].to_numpy(),
        "name": name,
        "mode": "lines",
        "line": {"color": colour, "dash": dash, "width": width},
        "hovertemplate": hover_text(name, unit),
        "connectgaps": False,
        **_axes(panel),
    }
    return [trace, *_flags(rows, name, colour, panel)]


def styled_line(rows: pd.DataFrame, name: str, position: int, unit: str) -> list[dict]:
    """The palette's colour and style for its position (the first one thicker)."""
    colour, dash = LINES[position % len(LINES)]
    return line_trace(rows, name, unit, colour, dash, 3 if position == 0 else 2)


NOTE_PREFIX = "Anteckning: "


def break_marks(breaks: list[tuple[pd.Timestamp, str]], axis: str = "x", labelled: bool = True) -> tuple:
    shapes, annotations = [], []
    for when, text in breaks:
        shapes.append(
            {
                "type": "line",
                "x0": when,
                "x1": when,
                "xref": axis,
                "y0": 0,
                "y1": 1,
                "yref": f"{'y' + axis[1:]} domain",
                "line": {"color": "#6b6b6b", "dash": "dot", "width": 1},
            }
        )
        if labelled:
            annotations.append(
                {
                    "x": when,
                    "xref": axis,
                    "y": 1,
                    "yref": "paper",
                    # The analyst's notes are drawn as breaks are, and named as what they are.
                    "text": "Anteckning" if text.startswith(NOTE_PREFIX) else "Seriebrott",
                    "hovertext": text.removeprefix(NOTE_PREFIX),
                    "showarrow": False,
                    "xanchor": "left",
                    "font": {"size": 12, "color": "#4d4d4d"},
                }
            )
    return shapes, annotations


def add_breaks(layout: dict, breaks: list[tuple[pd.Timestamp, str]]) -> dict:
    shapes, annotations = break_marks(breaks)
    layout["shapes"] += shapes
    layout["annotations"] += annotations
    return layout


def transparent(hex_colour: str, alpha: float = 0.18) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
