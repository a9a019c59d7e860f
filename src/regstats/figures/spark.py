"""Sparklines as a few hundred bytes of SVG: a card's trend needs no plotting library (a plotly
graph per card cost a figure, a JSON payload and a draw in the browser)."""

from __future__ import annotations

import base64

import pandas as pd


def sparkline_svg(values: pd.Series, *, width: int = 240, height: int = 48, colour: str = "#0072B2") -> str:
    """`values` indexed by period; gaps break the line. Returns a data: URI for an <img>."""
    values = values.sort_index()
    present = values.dropna()
    if len(present) < 2:
        return ""
    low, high = float(present.min()), float(present.max())
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    segments: list[list[str]] = [[]]
    for position, value in enumerate(values.to_numpy()):
        if pd.isna(value):
            segments.append([])
            continue
        y = height - 3 - (float(value) - low) / span * (height - 6)
        segments[-1].append(f"{position * step:.1f},{y:.1f}")
    paths = "".join(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        for points in segments
        if len(points) > 1
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" preserveAspectRatio="none">{paths}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
