"""The server-drawn SVG of a chart, over the view space: the same specification as the
interactive chart, so every line it has is drawn, every legend name is written, nothing is
drawn outside the picture, and the picture is a well-formed, named image."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from regstats.figures.svgchart import figure_svg, nice_ticks
from regstats.geography import COUNTIES
from regstats.views.pages import CHARTS
from tests.test_properties_views import TRANSFORMS, _view

SVG = "{http://www.w3.org/2000/svg}"


def _drawn_lines(trace: dict) -> bool:
    y = trace.get("y")
    if trace.get("type") != "scatter" or "lines" not in trace.get("mode", "") or y is None or trace.get("fill"):
        return False
    values = np.array([np.nan if v is None else v for v in y], dtype=float)
    return int(np.isfinite(values).sum()) >= 2


@settings(max_examples=80, deadline=None)
@given(
    chart_id=st.sampled_from(sorted(CHARTS)),
    county=st.sampled_from(sorted(COUNTIES)),
    transform=st.sampled_from(TRANSFORMS),
    sex=st.sampled_from(["T", "K", "M"]),
    view=st.sampled_from(["diagram", "ar"]),
    compare=st.sampled_from([("00",), ("00", "norrland"), ("00", "22", "grannar")]),
)
def test_every_view_is_drawn_whole_and_inside_the_picture(chart_id, county, transform, sex, view, compare):
    _, _, selection, figure = _view(chart_id, county, transform, sex, None, view, compare)
    svg = figure_svg(figure, label="Diagram")
    root = ET.fromstring(svg)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Diagram"
    traces = [t.to_plotly_json() for t in figure.data]
    lines = [t for t in traces if _drawn_lines(t)]
    paths = root.findall(f"{SVG}path")
    assert len(paths) >= len(lines), chart_id
    for path in paths:
        points = [float(v) for v in re.findall(r"-?\d+\.?\d*", path.get("d"))]
        assert all(-1 <= x <= width + 1 for x in points[0::2]) and all(-1 <= y <= height + 1 for y in points[1::2])
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    named = [t["name"] for t in traces if t.get("name") and t.get("showlegend", True) is not False]
    if len(named) > 1 and figure.layout.showlegend is not False:
        assert set(named) <= texts, (chart_id, set(named) - texts)
    if not selection.frame.empty and any(t.get("type") == "bar" for t in traces):
        assert root.findall(f"{SVG}rect")[1:], chart_id  # the bars, beyond the white background


@given(low=st.floats(-1e7, 1e7), span=st.floats(1e-3, 1e7))
def test_axis_ticks_are_round_and_cover_the_values(low, span):
    assume(span > abs(low) * 1e-9)  # a span a float can still tell from its level
    ticks = nice_ticks(low, low + span)
    assert ticks[0] <= low and ticks[-1] >= low + span - span * 1e-9
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0]) and 2 <= len(ticks) <= 12
    mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 2.5, 5, 10))
