"""A chart's plotly specification drawn as static SVG by the server: what a page shows before any
script has run, what a baked page and an embed show, with no plotly.js at all.

The input is the very figure the interactive chart is made from (figures.charts), so no chart is
defined twice: lines (dashes, widths, bands filled `toself`, small-multiple panels on their own
y-axes), grouped bars (vertical or horizontal), vertical marks (breaks, notes), horizontal
reference lines, annotations and the legend. Hand-written because no library renders a plotly
spec to SVG without a browser: kaleido drives Chromium and takes about a second a chart, which a
first paint cannot wait for. Pure: a figure in, an SVG string out."""

from __future__ import annotations

import base64
import html
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regstats.formatting import number_sv

DASHES = {"dash": "8 4", "dot": "2 3", "dashdot": "8 3 2 3", "longdash": "12 4", "longdashdot": "12 4 2 4"}
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
_TAG = re.compile(r"<[^>]+>")


def _plain(text: str | None) -> str:
    return html.escape(_TAG.sub(" ", str(text or "").replace("<br>", " ")).strip(), quote=True)


def _decoded(values):
    """plotly sends numbers as typed arrays ({'dtype': 'f8', 'bdata': base64}): back to numbers."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).astype(float)
    return values


def _numbers(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in _decoded(values)], dtype=float)


def _is_time(values) -> bool:
    first = next((v for v in values if v is not None), None)
    return isinstance(first, pd.Timestamp | np.datetime64) or (
        isinstance(first, str) and bool(re.match(r"^\d{4}-\d\d", first))
    )


def _times(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(list(values))).to_numpy(dtype="datetime64[ms]").astype(float)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values spanning [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high == low:
        high, low = high + 1, low - (1 if low != 0 else 0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    digits = max(0, 2 - math.floor(math.log10(step)))
    first = math.floor(low / step)
    count = math.ceil(high / step - 1e-9) - first + 1
    return [round((first + i) * step, digits) for i in range(max(2, count))]


@dataclass
class _Panel:
    top: float
    bottom: float
    ticks: list[float]

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.bottom - (value - low) / (high - low or 1) * (self.bottom - self.top)


def _tick_text(value: float, step: float) -> str:
    decimals = 0 if step >= 1 else min(3, max(1, -math.floor(math.log10(step))))
    return number_sv(value, decimals)


class _Canvas:
    def __init__(self, figure: dict, width: int):
        self.layout = figure.get("layout", {})
        self.traces = [
            {**t, **{k: _decoded(t[k]) for k in ("x", "y") if t.get(k) is not None}}
            for t in figure.get("data", [])
            if t.get("visible", True) is not False
        ]
        self.width = width
        self.height = int(self.layout.get("height") or 420)
        self.parts: list[str] = []
        self.horizontal = any(t.get("type") == "bar" and t.get("orientation") == "h" for t in self.traces)
        legend = [t for t in self.traces if t.get("name") and t.get("showlegend", True) is not False]
        self.legend = legend if self.layout.get("showlegend", True) is not False and len(legend) > 1 else []
        title = (self.layout.get("title") or {}).get("text")
        self.title = _plain(title) if title else ""
        left = 190 if self.horizontal else 64
        self.left, self.right = left, width - 16
        self.legend_rows = math.ceil(sum(_legend_width(t) for t in self.legend) / (self.right - self.left))
        self.top = 40 if self.title else 20
        # Under the plot: two lines of x labels ('jan<br>2025'), then the legend's rows.
        self.bottom = self.height - 44 - 20 * self.legend_rows

    def add(self, element: str) -> None:
        self.parts.append(element)

    # x: dates, categories (vertical bars, months of a year) or numbers (horizontal bars)
    def x_scale(self):
        values = [v for t in self.traces for v in (t.get("x") if t.get("x") is not None else [])]
        if self.horizontal:
            numbers = _numbers([v for t in self.traces for v in t.get("x", [])])
            ticks = nice_ticks(min(0.0, np.nanmin(numbers)), np.nanmax(numbers))
            low, high = ticks[0], ticks[-1]
            return "number", (lambda v: self.left + (v - low) / (high - low or 1) * (self.right - self.left)), ticks
        if _is_time(values):
            stamps = _times(values)
            low, high = np.nanmin(stamps), np.nanmax(stamps)
            span = high - low or 1.0
            return "time", (lambda v: self.left + (v - low) / span * (self.right - self.left)), None
        categories = list(dict.fromkeys(str(v) for v in values))
        band = (self.right - self.left) / max(1, len(categories))
        position = {c: self.left + band * (i + 0.5) for i, c in enumerate(categories)}
        return "category", (lambda v: position[str(v)]), categories

    def panels(self) -> dict[str, _Panel]:
        """Each y-axis in use ('y', 'y2' …) with its vertical extent and value range."""
        out = {}
        axes = sorted({t.get("yaxis", "y") for t in self.traces}) or ["y"]
        for axis in axes:
            spec = self.layout.get("yaxis" + axis[1:], {}) or {}
            lower, upper = spec.get("domain", [0, 1])
            top = self.bottom - upper * (self.bottom - self.top)
            bottom = self.bottom - lower * (self.bottom - self.top)
            if len(axes) > 1:
                top += 18  # room for the panel's title
            ys = []
            for trace in self.traces:
                if trace.get("yaxis", "y") == axis and not self.horizontal and trace.get("y") is not None:
                    ys.extend(_numbers(trace["y"]).tolist())
            ys = [y for y in ys if math.isfinite(y)]
            floor = any(t.get("type") == "bar" for t in self.traces) or spec.get("rangemode") == "tozero"
            low, high = (min(ys), max(ys)) if ys else (0.0, 1.0)
            if floor:
                low, high = min(0.0, low), max(0.0, high)
            out[axis] = _Panel(top, bottom, nice_ticks(low, high, max(2, int((bottom - top) / 60))))
        return out


def _line_path(xs: np.ndarray, ys: np.ndarray) -> str:
    """Broken where a value is missing: a gap, never a line drawn through it."""
    out, pen = [], "M"
    for x, y in zip(xs, ys, strict=True):
        if not (math.isfinite(x) and math.isfinite(y)):
            pen = "M"
            continue
        out.append(f"{pen}{x:.1f},{y:.1f}")
        pen = "L"
    return " ".join(out)


def figure_svg(figure, width: int = 760, label: str = "") -> str:
    """The figure (a plotly Figure or its dict) as an SVG document string."""
    spec = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    canvas = _Canvas(spec, width)
    panels = canvas.panels()
    if not canvas.horizontal:  # room for the longest value label ('10 000 000')
        longest = max(len(_tick_text(t, 1)) for p in panels.values() for t in p.ticks)
        canvas.left = max(canvas.left, 14 + 8 * longest)
    kind, x_of, x_ticks = canvas.x_scale()
    _axes(canvas, kind, x_of, x_ticks, panels)
    _marks(canvas, kind, x_of, panels)
    _draw_traces(canvas, kind, x_of, x_ticks, panels)
    _annotations(canvas, kind, x_of, panels)
    _legend(canvas)
    name = _plain(label) or canvas.title or "Diagram"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {canvas.height}" '
        f'width="{width}" height="{canvas.height}" role="img" aria-label="{name}" class="chart-svg" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" font-size="13">'
        f"<title>{name}</title>"
        f'<rect width="{width}" height="{canvas.height}" fill="#fff"/>'
    )
    title = f'<text x="8" y="24" font-size="17" fill="{TEXT}">{canvas.title}</text>' if canvas.title else ""
    return head + title + "".join(canvas.parts) + "</svg>"


def _axes(canvas: _Canvas, kind: str, x_of, x_ticks, panels: dict[str, _Panel]) -> None:
    if kind == "number":  # horizontal bars: values along x, categories down the side
        panel = next(iter(panels.values()))
        for tick in x_ticks:
            x = x_of(tick)
            canvas.add(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{panel.top:.1f}" y2="{panel.bottom:.1f}" stroke="#e6e6e6"/>'
            )
            label = _tick_text(tick, x_ticks[1] - x_ticks[0] if len(x_ticks) > 1 else 1)
            canvas.add(
                f'<text x="{x:.1f}" y="{panel.bottom + 16:.1f}" text-anchor="middle" fill="{MUTED}">{label}</text>'
            )
        return
    for panel in panels.values():
        ticks = panel.ticks
        step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
        for tick in ticks:
            y = panel.y(tick)
            stroke = "#8c8c8c" if tick == 0 else "#d9d9d9"
            canvas.add(f'<line x1="{canvas.left}" x2="{canvas.right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{stroke}"/>')
            canvas.add(
                f'<text x="{canvas.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
                f"{_tick_text(tick, step)}</text>"
            )
    unit = _plain(((canvas.layout.get("yaxis") or {}).get("title") or {}).get("text"))
    if unit and len(panels) == 1:  # small multiples: each panel is titled, the unit is in the subtitle
        canvas.add(f'<text x="{canvas.left}" y="{canvas.top - 6}" fill="{MUTED}" font-size="12">{unit}</text>')
    axis = canvas.layout.get("xaxis") or {}
    bottom = max(p.bottom for p in panels.values())
    if kind == "time":
        values = axis.get("tickvals") or []
        texts = axis.get("ticktext") or []
        if not values:
            xs = [v for t in canvas.traces for v in (t.get("x") if t.get("x") is not None else [])]
            stamps = pd.DatetimeIndex(pd.to_datetime(pd.Series(xs)).dropna().unique()).sort_values()
            chosen = stamps[:: max(1, len(stamps) // 6)]
            values, texts = list(chosen), [f"{t:%Y-%m}" for t in chosen]
        for value, text in zip(_times(values), texts, strict=False):
            _x_label(canvas, x_of(value), bottom, text)
    elif kind == "category":
        every = max(1, math.ceil(len(x_ticks) * 48 / (canvas.right - canvas.left)))
        for category in x_ticks[::every]:
            _x_label(canvas, x_of(category), bottom, category)


def _x_label(canvas: _Canvas, x: float, bottom: float, text: str) -> None:
    lines = str(text).split("<br>")
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 14}">{_plain(line)}</tspan>' for i, line in enumerate(lines)
    )
    canvas.add(f'<text y="{bottom + 16:.1f}" text-anchor="middle" fill="{MUTED}">{spans}</text>')


def _panel_of(panels: dict[str, _Panel], ref: str) -> _Panel:
    return panels.get("y" + ref[1:], next(iter(panels.values())))


def _marks(canvas: _Canvas, kind: str, x_of, panels: dict[str, _Panel]) -> None:
    for shape in canvas.layout.get("shapes") or []:
        line = shape.get("line") or {}
        stroke = f'stroke="{line.get("color", MUTED)}" stroke-width="{line.get("width", 1)}"'
        dash = DASHES.get(line.get("dash", ""), "")
        style = f'{stroke} stroke-dasharray="{dash}"' if dash else stroke
        if shape.get("xref", "x").startswith("x") and kind == "time" and shape.get("x0") == shape.get("x1"):
            x = x_of(_times([shape["x0"]])[0])
            if canvas.left <= x <= canvas.right:
                panel = _panel_of(panels, shape.get("xref", "x"))
                canvas.add(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{panel.top:.1f}" y2="{panel.bottom:.1f}" {style}/>')
        elif shape.get("xref") == "paper" and shape.get("yref", "y").startswith("y"):
            y = _panel_of(panels, shape.get("yref", "y")).y(float(shape["y0"]))
            canvas.add(f'<line x1="{canvas.left}" x2="{canvas.right}" y1="{y:.1f}" y2="{y:.1f}" {style}/>')


def _draw_traces(canvas: _Canvas, kind: str, x_of, x_ticks, panels: dict[str, _Panel]) -> None:
    bars = [t for t in canvas.traces if t.get("type") == "bar"]
    for trace in canvas.traces:
        if trace.get("type") == "bar":
            _bars(canvas, trace, bars.index(trace), len(bars), kind, x_of, x_ticks, panels)
            continue
        if trace.get("x") is None or trace.get("y") is None:
            continue
        panel = _panel_of(panels, trace.get("yaxis", "y"))
        xs = np.array([x_of(v) for v in (_times(trace["x"]) if kind == "time" else trace["x"])], dtype=float)
        ys = np.array([panel.y(v) if math.isfinite(v) else np.nan for v in _numbers(trace["y"])])
        line = trace.get("line") or {}
        colour = line.get("color", "#333333")
        if trace.get("fill") == "toself":
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True) if math.isfinite(y))
            canvas.add(f'<polygon points="{points}" fill="{trace.get("fillcolor", "#ddd")}" stroke="none"/>')
            continue
        mode = trace.get("mode", "lines")
        if "lines" in mode:
            dash = DASHES.get(line.get("dash", "solid"), "")
            canvas.add(
                f'<path d="{_line_path(xs, ys)}" fill="none" stroke="{colour}" stroke-width="{line.get("width", 2)}"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + ' stroke-linejoin="round"/>'
            )
        if "markers" in mode:
            for x, y in zip(xs, ys, strict=True):
                if math.isfinite(y):
                    canvas.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')


def _bars(canvas: _Canvas, trace: dict, index: int, count: int, kind: str, x_of, x_ticks, panels) -> None:
    marker = trace.get("marker") or {}
    colours = marker.get("color", "#0072B2")
    panel = next(iter(panels.values()))
    if kind == "number":  # horizontal: categories down, values across
        categories = list(dict.fromkeys(str(v) for t in canvas.traces for v in t.get("y", [])))
        band = (panel.bottom - panel.top) / max(1, len(categories))
        width = band * 0.8 / count
        for position, (category, value) in enumerate(zip(trace["y"], _numbers(trace["x"]), strict=True)):
            row = len(categories) - 1 - categories.index(str(category))  # the first category at the bottom
            y = panel.top + band * row + band * 0.1 + width * index
            colour = colours[position] if isinstance(colours, list | tuple | np.ndarray) else colours
            x0, x1 = sorted((x_of(0.0), x_of(value if math.isfinite(value) else 0.0)))
            canvas.add(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="{width:.1f}" fill="{colour}"/>')
            if index == 0:
                canvas.add(
                    f'<text x="{canvas.left - 6}" y="{panel.top + band * row + band / 2 + 4:.1f}" text-anchor="end" '
                    f'fill="{TEXT}">{_plain(category)}</text>'
                )
        return
    band = (canvas.right - canvas.left) / max(1, len(x_ticks or [1]))
    width = band * 0.8 / count
    for position, (category, value) in enumerate(zip(trace["x"], _numbers(trace["y"]), strict=True)):
        if not math.isfinite(value):
            continue
        x = x_of(category) - band * 0.4 + width * index
        y0, y1 = sorted((panel.y(0.0), panel.y(value)))
        colour = colours[position] if isinstance(colours, list | tuple | np.ndarray) else colours
        canvas.add(f'<rect x="{x:.1f}" y="{y0:.1f}" width="{width:.1f}" height="{y1 - y0:.1f}" fill="{colour}"/>')


def _annotations(canvas: _Canvas, kind: str, x_of, panels: dict[str, _Panel]) -> None:
    for note in canvas.layout.get("annotations") or []:
        text = _plain(note.get("text"))
        if not text:
            continue
        font = note.get("font") or {}
        if note.get("xref") == "paper":
            x = canvas.left + float(note.get("x", 0)) * (canvas.right - canvas.left)
        elif kind == "time":
            x = x_of(_times([note["x"]])[0])
            if not canvas.left <= x <= canvas.right:  # a break before the window shown
                continue
        else:
            continue
        if note.get("yref") == "paper":
            y = canvas.bottom - float(note.get("y", 1)) * (canvas.bottom - canvas.top)
        else:
            y = _panel_of(panels, note.get("yref", "y")).y(float(note.get("y", 0)))
        anchor = {"left": "start", "right": "end"}.get(note.get("xanchor", "center"), "middle")
        size = font.get("size", 12)
        colour = font.get("color", MUTED)
        if text == "EXEMPELDATA":  # the sample mark, across the middle as on the interactive chart
            x, y = (canvas.left + canvas.right) / 2, (canvas.top + canvas.bottom) / 2
            size = min(size, int((canvas.right - canvas.left) / 8))  # inside a narrow chart too
            canvas.add(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="{size}" fill="#a0a0a0" '
                f'fill-opacity="0.45" transform="rotate(-18 {x:.1f} {y:.1f})">{text}</text>'
            )
            continue
        dy = -4 if note.get("yanchor") == "bottom" or note.get("yref") == "paper" else 4
        where = f'x="{x:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}"'
        canvas.add(f'<text {where} font-size="{size}" fill="{colour}">{text}</text>')


def _legend_width(trace: dict) -> int:
    """About 7,5 px a character at 13 px, a 28 px swatch and a gap."""
    return int(len(str(trace["name"])) * 7.5) + 44


def _legend(canvas: _Canvas) -> None:
    x, y = canvas.left, canvas.bottom + 50
    for trace in canvas.legend:
        name = _plain(trace["name"])
        wide = _legend_width(trace)
        if x + wide > canvas.right and x > canvas.left:
            x, y = canvas.left, y + 20
        line = trace.get("line") or {}
        marker = trace.get("marker") or {}
        colour = line.get("color") or (marker.get("color") if isinstance(marker.get("color"), str) else "#0072B2")
        dash = DASHES.get(line.get("dash", "solid"), "")
        canvas.add(
            f'<line x1="{x}" x2="{x + 28}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="3"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        canvas.add(f'<text x="{x + 34}" y="{y}" fill="{TEXT}">{name}</text>')
        x += wide


NARROW, WIDE = 380, 1100  # a phone's column and a desktop's: the picture is drawn for each, not scaled


def responsive_svg(figure, label: str = "") -> str:
    """The chart drawn twice, for a phone and for a desktop; CSS shows the one that fits
    (`.static-chart .narrow|.wide`), so type stays at its size on either screen."""
    narrow = figure_svg(figure, NARROW, label).replace('class="chart-svg"', 'class="chart-svg narrow"', 1)
    wide = figure_svg(figure, WIDE, label).replace('class="chart-svg"', 'class="chart-svg wide"', 1)
    return f'<div class="static-chart">{narrow}{wide}</div>'

