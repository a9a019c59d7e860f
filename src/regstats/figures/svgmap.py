"""Maps of counties or municipalities as one small SVG image plus an HTML image map.

A map is the only graphic on Översikt and Kommuner; drawing it without plotly keeps plotly.js
off those pages entirely (a third of a megabyte less to fetch and parse), and an image map's
<area> elements are links a keyboard reaches and a screen reader names, which a canvas of
plotly traces is not. The image has a fixed size, because the areas' coordinates are in pixels.
Pure: outlines and values in, the image and the areas out."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

import pandas as pd

from regstats.formatting import number_sv
from regstats.geo import Outline

# Five classes of a sequential blue (ColorBrewer Blues): light to dark, dark = high.
CLASSES = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
MISSING = "#f2f2f2"


@dataclass(frozen=True)
class Area:
    code: str
    coords: str  # "x1,y1,x2,y2,…" in image pixels, for <area shape="poly">
    label: str  # "Västerbottens län: 2,9 %"


@dataclass(frozen=True)
class SvgMap:
    src: str  # data: URI of the SVG
    width: int
    height: int
    areas: tuple[Area, ...]
    legend: tuple[tuple[str, str], ...]  # (colour, "2,5–2,9")


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


def _projection(outlines: tuple[Outline, ...], width: int) -> tuple:
    """Longitude shrunk by cos(latitude) so the country keeps its shape; north up."""
    xs = [x for o in outlines for ring in o.rings for x, _ in ring]
    ys = [y for o in outlines for ring in o.rings for _, y in ring]
    squeeze = math.cos(math.radians((min(ys) + max(ys)) / 2))
    span_x, span_y = (max(xs) - min(xs)) * squeeze, max(ys) - min(ys)
    scale = (width - 8) / span_x
    height = int(span_y * scale) + 8

    def point(x: float, y: float) -> tuple[float, float]:
        return 4 + (x - min(xs)) * squeeze * scale, 4 + (max(ys) - y) * scale

    return point, height


def area_map(
    outlines: tuple[Outline, ...],
    values: pd.Series,
    names: dict[str, str],
    *,
    unit: str,
    selected: str | None,
    sample: bool,
    width: int = 300,
) -> SvgMap:
    point, height = _projection(outlines, width)
    klass, labels = classes(values.reindex([o.code for o in outlines]))
    palette = CLASSES[-len(labels) :] if labels else []
    shapes, areas, outline_of_selected = [], [], ""
    for outline in outlines:
        rings = [[point(x, y) for x, y in ring] for ring in outline.rings]
        path = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z" for ring in rings)
        index = klass.get(outline.code)
        colour = MISSING if index is None or pd.isna(index) else palette[int(index)]
        value = values.get(outline.code)
        shown = "uppgift saknas" if value is None or pd.isna(value) else f"{number_sv(value, 1)} {unit}".strip()
        label = f"{names.get(outline.code, outline.code)}: {shown}"
        shapes.append(f'<path d="{path}" fill="{colour}" stroke="#737373" stroke-width="0.6"/>')
        if outline.code == selected:
            outline_of_selected = f'<path d="{path}" fill="none" stroke="#1a1a1a" stroke-width="2.5"/>'
        for ring in rings:  # one clickable area per island of the area
            if len(ring) >= 3:
                areas.append(Area(outline.code, ",".join(f"{round(x)},{round(y)}" for x, y in ring), label))
    mark = (
        f'<text x="{width / 2}" y="{height / 2}" font-size="30" fill="rgba(160,160,160,0.5)" '
        f'text-anchor="middle" transform="rotate(-60 {width / 2} {height / 2})" '
        'font-family="sans-serif">EXEMPELDATA</text>'
        if sample
        else ""
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(shapes)}{outline_of_selected}{mark}</svg>'
    )
    return SvgMap(
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        width,
        height,
        tuple(areas),
        tuple(zip(palette, labels, strict=True)),
    )
