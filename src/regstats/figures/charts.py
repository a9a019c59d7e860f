"""The statistics segment's charts. Every function takes tidy rows already filtered and
transformed, plus what to call things; none reads files or the URL.

Traces and layouts are written as plain dicts and wrapped once (style.figure): the same figures
as through plotly's property objects, at about a fiftieth of the cost."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from regstats.analysis.tidy import twelve_month_totals
from regstats.classifications import SNI_SHORT
from regstats.figures.style import (
    LINES,
    SEX_LINES,
    SEX_NAMES,
    Y_AXIS,
    base_layout,
    figure,
    region_name,
    x_axis,
)
from regstats.figures.timeaxis import time_ticks
from regstats.figures.traces import (
    add_breaks,
    break_marks,
    hover_text,
    line_trace,
    styled_line,
    transparent,
)
from regstats.formatting import SHORT_MONTHS_SV


def lines_by_region(
    frame: pd.DataFrame,
    regions: list[str],
    *,
    title: str,
    unit: str,
    sample: bool,
    breaks: list[tuple[pd.Timestamp, str]] = (),
    frequency: str = "monthly",
) -> go.Figure:
    """County against Riket and other comparisons: one line per region, each its own style.

    Counts (unit 'antal') of regions of different size are drawn as small multiples, one panel
    and y-axis per region: on one axis a county is a flat line at the foot of Riket's."""
    by_region = {code: rows.sort_values("period") for code, rows in frame.groupby("region_code", sort=False)}
    shown = [code for code in regions if code in by_region]
    ticks = time_ticks(frame["period"].unique(), frequency)
    if unit == "antal" and len(shown) > 1:
        return _small_multiples(by_region, shown, title=title, unit=unit, sample=sample, breaks=breaks, ticks=ticks)
    data: list[dict] = []
    for position, code in enumerate(regions):
        if code in by_region:
            data += styled_line(by_region[code], region_name(code), position, unit)
    return figure(data, add_breaks(base_layout(title, unit, sample=sample, ticks=ticks), list(breaks)))


def _small_multiples(
    by_region: dict[str, pd.DataFrame],
    regions: list[str],
    *,
    title: str,
    unit: str,
    sample: bool,
    breaks: list[tuple[pd.Timestamp, str]] = (),
    ticks: dict | None = None,
) -> go.Figure:
    count = len(regions)
    gap = min(0.12, 0.5 / count)
    height = (1 - gap * (count - 1)) / count
    layout = base_layout(title, unit, sample=sample, height=190 * count + 150)
    layout.update(showlegend=False)
    data: list[dict] = []
    for position, code in enumerate(regions):
        panel = position + 1
        top = 1 - position * (height + gap)
        suffix = "" if panel == 1 else str(panel)
        colour, dash = LINES[position % len(LINES)]
        data += line_trace(by_region[code], region_name(code), unit, colour, dash, 3 if position == 0 else 2, panel)
        layout[f"yaxis{suffix}"] = {
            "title": {"text": unit},
            "domain": [max(0.0, top - height), top],
            "anchor": f"x{suffix}",
            "rangemode": "tozero",
            **Y_AXIS,
        }
        layout[f"xaxis{suffix}"] = {
            **x_axis(ticks),
            "anchor": f"y{suffix}",
            "showticklabels": panel == count,  # the periods once, under the bottom panel
            **({"matches": "x"} if panel > 1 else {}),
        }
        layout["annotations"].append(  # the panel's title: left-aligned, like the chart's
            {
                "text": region_name(code),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": top,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 14},
            }
        )
        shapes, _ = break_marks(list(breaks), axis=f"x{suffix}", labelled=False)
        layout["shapes"] += shapes  # the break's text is in the notes beside the chart
    return figure(data, layout)


def lines_by_sex(
    frame: pd.DataFrame,
    county: str,
    compare: str | None,
    *,
    title: str,
    unit: str,
    sample: bool,
    frequency: str = "monthly",
    breaks: list[tuple[pd.Timestamp, str]] = (),
) -> go.Figure:
    """Women, men and total for the county (thick lines) and for the comparison, Riket by default
    (thin), so a county's gap between women and men reads against the national one."""
    data: list[dict] = []
    for sex in ["T", "K", "M"]:
        rows = frame[(frame["region_code"] == county) & (frame["sex"] == sex)].sort_values("period")
        colour, dash = SEX_LINES[sex]
        data += line_trace(rows, f"{SEX_NAMES[sex]}, {region_name(county)}", unit, colour, dash, 3)
    if compare and compare != county:  # the comparison's women, men and total, thinner
        for sex, (colour, dash) in {
            "T": ("#737373", "longdash"),
            "K": (SEX_LINES["K"][0], "dashdot"),
            "M": (SEX_LINES["M"][0], "longdashdot"),
        }.items():
            rows = frame[(frame["region_code"] == compare) & (frame["sex"] == sex)].sort_values("period")
            data += line_trace(rows, f"{SEX_NAMES[sex]}, {region_name(compare)}", unit, colour, dash, 1.5)
    ticks = time_ticks(frame["period"].unique(), frequency)
    return figure(data, add_breaks(base_layout(title, unit, sample=sample, ticks=ticks), list(breaks)))


def band(
    frame: pd.DataFrame,
    regions: list[str],
    *,
    title: str,
    unit: str,
    sample: bool,
    value: str = "unemployment_rate",
    margin: str = "margin_of_error",
    frequency: str = "quarterly",
    breaks: list[tuple[pd.Timestamp, str]] = (),
) -> go.Figure:
    """A survey estimate with its margin of error drawn as a band."""
    data: list[dict] = []
    for position, code in enumerate(regions[:2]):
        rows = frame[frame["region_code"] == code].pivot(index="period", columns="measure", values="value")
        if rows.empty or value not in rows:
            continue
        colour, dash = LINES[position]
        name = region_name(code)
        if margin in rows:
            upper, lower = rows[value] + rows[margin], rows[value] - rows[margin]
            data.append(
                {
                    "type": "scatter",
                    "x": np.concatenate([rows.index.to_numpy(), rows.index[::-1].to_numpy()]),
                    "y": np.concatenate([upper.to_numpy(), lower[::-1].to_numpy()]),
                    "fill": "toself",
                    "mode": "lines",
                    "line": {"width": 0},
                    "fillcolor": transparent(colour),
                    "hoverinfo": "skip",
                    "name": f"{name}: felmarginal",
                }
            )
        data.append(
            {
                "type": "scatter",
                "x": rows.index.to_numpy(),
                "y": rows[value].to_numpy(),
                "name": name,
                "mode": "lines+markers",
                "line": {"color": colour, "dash": dash, "width": 3 if position == 0 else 2},
                "hovertemplate": hover_text(name, unit),
            }
        )
    ticks = time_ticks(frame["period"].unique(), frequency)
    return figure(data, add_breaks(base_layout(title, unit, sample=sample, ticks=ticks), list(breaks)))


def industry_bars(
    frame: pd.DataFrame, labels: dict[str, str], *, title: str, unit: str, sample: bool, top: int | None = None
) -> go.Figure:
    """Riket by SNI section: the latest 12 months against the 12 before, ranked (the `top` largest)."""
    latest = frame["period"].max()
    totals = pd.DataFrame(
        {
            "senaste": twelve_month_totals(frame),
            "föregående": twelve_month_totals(frame, months_before_latest=12),
        }
    ).fillna(0)
    totals = totals.sort_values("senaste")
    if top:
        totals = totals.tail(top)
    # One line per bar: the SNI letter and a short name (a wrapped full name ran into its
    # neighbours); the full name is in the hover and the table.
    names = [f"{code} {SNI_SHORT.get(code, labels.get(code, ''))}".strip() for code in totals.index]
    full = [f"{code} {labels.get(code, '')}".strip() for code in totals.index]
    start = (latest - pd.DateOffset(months=11)).strftime("%Y-%m")
    data = [
        {
            "type": "bar",
            "y": names,
            "x": totals["föregående"].to_numpy(),
            "orientation": "h",
            "name": "Föregående 12 månader",
            "marker": {"color": "#9cb9d1", "line": {"color": "#1F5F8B", "width": 1}},
            "customdata": full,
            "hovertemplate": "%{customdata}: %{x:,.0f} " + unit + "<extra>föregående 12 mån</extra>",
        },
        {
            "type": "bar",
            "y": names,
            "x": totals["senaste"].to_numpy(),
            "orientation": "h",
            "name": f"Senaste 12 månader ({start}–{latest:%Y-%m})",
            "marker": {"color": "#0072B2"},
            "customdata": full,
            "hovertemplate": "%{customdata}: %{x:,.0f} " + unit + "<extra>senaste 12 mån</extra>",
        },
    ]
    layout = base_layout(title, unit, sample=sample, height=max(420, 30 * len(names) + 160))
    layout.update(
        barmode="group",
        hovermode="closest",
        xaxis={"tickformat": ",d", "title": {"text": unit}, "gridcolor": "#eeeeee"},
        yaxis={"title": {"text": ""}, "automargin": True},  # long industry names are never cut
    )
    return figure(data, layout)


def year_to_date(
    frame: pd.DataFrame, region: str, through: pd.Timestamp, *, title: str, unit: str, sample: bool
) -> go.Figure:
    """Each year's total from January to the month `through` (views.select computes them once,
    with the chosen transform applied to the totals), the newest year highlighted."""
    rows = frame[frame["region_code"] == region].sort_values("period")
    years = rows["period"].dt.year.to_numpy()
    colours = ["#0072B2" if year == through.year else "#9cb9d1" for year in years]
    months = ytd_months(through)
    data = [
        {
            "type": "bar",
            "x": [str(y) for y in years],
            "y": rows["value"].to_numpy(),
            "marker": {"color": colours, "line": {"color": "#1F5F8B", "width": 1}},
            "name": region_name(region),
            "hovertemplate": f"%{{x}}, {months}: %{{y:,.1f}} {unit}<extra></extra>",
        }
    ]
    layout = base_layout(f"{title}, {months}", unit, sample=sample)
    layout.update(hovermode="closest", xaxis={"type": "category", "title": {"text": ""}, "gridcolor": "#eeeeee"})
    return figure(data, layout)


def ytd_months(through: pd.Timestamp) -> str:
    """'jan–okt', or 'januari' when the year so far is one month."""
    return f"jan–{SHORT_MONTHS_SV[through.month - 1]}" if through.month > 1 else "januari"


def lines_by_measure(
    frame: pd.DataFrame, names: dict[str, str], *, title: str, unit: str, sample: bool, frequency: str = "monthly"
) -> go.Figure:
    """Several measures of one region, one line each (e.g. notices and persons for an industry)."""
    ticks = time_ticks(frame["period"].unique(), frequency)
    return figure(_measure_lines(frame, names, unit), base_layout(title, unit, sample=sample, ticks=ticks))


def _measure_lines(frame: pd.DataFrame, names: dict[str, str], unit: str) -> list[dict]:
    data: list[dict] = []
    for position, (measure, name) in enumerate(names.items()):
        rows = frame[frame["measure"] == measure].sort_values("period")
        data += styled_line(rows, name, position, unit)
    return data


def indices(
    frame: pd.DataFrame, names: dict[str, str], *, title: str, sample: bool, frequency: str = "monthly"
) -> go.Figure:
    """Sentiment indices around 100 (= the historical mean)."""
    layout = base_layout(title, "index", sample=sample, ticks=time_ticks(frame["period"].unique(), frequency))
    layout["shapes"].append(
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": 100,
            "y1": 100,
            "line": {"color": "#4d4d4d", "width": 1},
        }
    )
    layout["annotations"].append(
        {
            "text": "100 = historiskt medelvärde",
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": 100,
            "yanchor": "bottom",
            "showarrow": False,
        }
    )
    return figure(_measure_lines(frame, names, "index"), layout)
