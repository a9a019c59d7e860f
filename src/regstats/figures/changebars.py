"""Every county's change on a year as horizontal bars, the chosen county highlighted: drawn as SVG
on the server (Översikt loads no plotting library), with the names and values as text in the
picture and a table beside it on the page."""

from __future__ import annotations

import base64
from html import escape

import pandas as pd

from regstats.formatting import number_sv

ROW = 20
LABEL_WIDTH = 150
BAR_WIDTH = 260
VALUE_WIDTH = 70
CHOSEN, OTHERS, RIKET_COLOUR = "#B0306A", "#7FA7C9", "#333333"


def change_bars_svg(changes: pd.Series, names: dict[str, str], chosen: str, unit: str, riket: str = "00") -> str:
    """`changes`: area code → change (counties and Riket). Sorted from the largest rise to the
    largest fall; Riket drawn as its own dark bar. Returns a data: URI for an <img>."""
    shown = changes.dropna().sort_values(ascending=False)
    if shown.empty:
        return ""
    extent = max(float(shown.abs().max()), 1e-9)
    zero = LABEL_WIDTH + BAR_WIDTH / 2
    scale = (BAR_WIDTH / 2 - 4) / extent
    rows = []
    for position, (code, value) in enumerate(shown.items()):
        y = position * ROW + 4
        length = abs(float(value)) * scale
        x = zero if value >= 0 else zero - length
        colour = CHOSEN if code == chosen else RIKET_COLOUR if code == riket else OTHERS
        weight = ' font-weight="bold"' if code in {chosen, riket} else ""
        label = escape(names.get(code, code))
        printed = f"{'+' if value > 0 else ''}{number_sv(float(value), 1)}".replace("-", "−")
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end"{weight}>{label}</text>'
            f'<rect x="{x:.1f}" y="{y + 2}" width="{max(length, 1):.1f}" height="{ROW - 6}" fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 13}"{weight}>{escape(printed)} {escape(unit)}</text>'
        )
    height = len(shown) * ROW + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH + 40
    axis = f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height}" stroke="#4d4d4d" stroke-width="1"/>'
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="#1a1a1a">{axis}{"".join(rows)}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
