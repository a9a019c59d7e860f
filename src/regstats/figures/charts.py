"""The statistics segment's charts. Every function takes tidy rows already filtered and
transformed, plus what to call things; none reads files or the URL."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regstats.analysis.tidy import twelve_month_totals
from regstats.classifications import DERIVED_STATUS
from regstats.figures.style import LINES, SEX_LINES, SEX_NAMES, base_layout, region_name
from regstats.formatting import SHORT_MONTHS_SV

HOVER_NUMBER = "%{y:,.1f}"


def _hover(name: str, unit: str) -> str:
    return f"{name}: {HOVER_NUMBER} {unit}<extra></extra>"


def _at(row: int | None) -> dict:
    """Where add_trace puts a trace: a panel of small multiples, or the only plot."""
    return {"row": row, "col": 1} if row else {}


def _flags(figure: go.Figure, rows: pd.DataFrame, name: str, colour: str, row: int | None = None) -> None:
    """Cells the publisher masked or could not give are shown where they fall, never as 0."""
    flagged = rows[(rows["status"] != "") & ~rows["status"].isin(DERIVED_STATUS)]
    if flagged.empty:
        return
    figure.add_trace(
        go.Scatter(
            x=flagged["period"],
            y=[None] * len(flagged),
            mode="markers",
            name=f"{name}: uppgift saknas/skyddad",
            marker={"symbol": "x-thin-open", "size": 10, "color": colour},
            showlegend=False,
            hovertext=[f"{name}: uppgift saknas ({s})" for s in flagged["status"]],
            hoverinfo="text",
        ),
        **_at(row),
    )


def _line(
    figure: go.Figure,
    rows: pd.DataFrame,
    name: str,
    unit: str,
    colour: str,
    dash: str,
    width: int,
    row: int | None = None,
) -> None:
    """One line with its hover text, and markers where the publisher gave no value."""
    figure.add_trace(
        go.Scatter(
            x=rows["period"],
            y=rows["value"],
            name=name,
            mode="lines",
            line={"color": colour, "dash": dash, "width": width},
            hovertemplate=_hover(name, unit),
            connectgaps=False,
        ),
        **_at(row),
    )
    _flags(figure, rows, name, colour, row)


def _styled_line(figure: go.Figure, rows: pd.DataFrame, name: str, position: int, unit: str) -> None:
    """The palette's colour and style for its position (the first one thicker)."""
    colour, dash = LINES[position % len(LINES)]
    _line(figure, rows, name, unit, colour, dash, 3 if position == 0 else 2)


def add_breaks(figure: go.Figure, breaks: list[tuple[pd.Timestamp, str]]) -> None:
    for when, text in breaks:
        figure.add_vline(x=when, line={"color": "#6b6b6b", "dash": "dot", "width": 1})
        figure.add_annotation(
            x=when,
            y=1,
            yref="paper",
            text="Seriebrott",
            hovertext=text,
            showarrow=False,
            xanchor="left",
            font={"size": 12, "color": "#4d4d4d"},
        )


def lines_by_region(
    frame: pd.DataFrame,
    regions: list[str],
    *,
    title: str,
    unit: str,
    sample: bool,
    breaks: list[tuple[pd.Timestamp, str]] = (),
) -> go.Figure:
    """County against Riket and other comparisons: one line per region, each its own style.

    Counts (unit 'antal') of regions of different size are drawn as small multiples, one panel
    and y-axis per region: on one axis a county is a flat line at the foot of Riket's."""
    shown = [code for code in regions if (frame["region_code"] == code).any()]
    if unit == "antal" and len(shown) > 1:
        return _small_multiples(frame, shown, title=title, unit=unit, sample=sample, breaks=breaks)
    figure = go.Figure()
    for position, code in enumerate(regions):
        rows = frame[frame["region_code"] == code].sort_values("period")
        if rows.empty:
            continue
        _styled_line(figure, rows, region_name(code), position, unit)
    add_breaks(figure, list(breaks))
    return base_layout(figure, title, unit, sample=sample)


def _small_multiples(
    frame: pd.DataFrame,
    regions: list[str],
    *,
    title: str,
    unit: str,
    sample: bool,
    breaks: list[tuple[pd.Timestamp, str]] = (),
) -> go.Figure:
    panel = 190
    figure = make_subplots(
        rows=len(regions),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.12, 0.5 / len(regions)),
        subplot_titles=[region_name(code) for code in regions],
    )
    for position, code in enumerate(regions):
        rows = frame[frame["region_code"] == code].sort_values("period")
        colour, dash = LINES[position % len(LINES)]
        _line(figure, rows, region_name(code), unit, colour, dash, 3 if position == 0 else 2, row=position + 1)
    figure = base_layout(figure, title, unit, sample=sample, height=panel * len(regions) + 150)
    figure.update_yaxes(
        title_text=unit,
        rangemode="tozero",
        gridcolor="#d9d9d9",
        zerolinecolor="#8c8c8c",
        exponentformat="none",
        separatethousands=True,
    )
    figure.update_xaxes(tickformat="%b %Y", hoverformat="%B %Y", gridcolor="#eeeeee")
    figure.update_layout(hovermode="x unified", showlegend=False)
    for annotation in figure.layout.annotations:  # the panel titles: left-aligned, like the chart's
        if annotation.text in {region_name(code) for code in regions}:
            annotation.update(x=0, xanchor="left", font={"size": 14})
    for when, _ in breaks:  # the break's text is in the notes beside the chart
        figure.add_vline(x=when, line={"color": "#6b6b6b", "dash": "dot", "width": 1})
    return figure


def lines_by_sex(
    frame: pd.DataFrame, county: str, compare: str | None, *, title: str, unit: str, sample: bool
) -> go.Figure:
    """Women, men and total for the county (full lines), Riket's total for reference (thin)."""
    figure = go.Figure()
    for sex in ["T", "K", "M"]:
        rows = frame[(frame["region_code"] == county) & (frame["sex"] == sex)].sort_values("period")
        colour, dash = SEX_LINES[sex]
        _line(figure, rows, f"{SEX_NAMES[sex]}, {region_name(county)}", unit, colour, dash, 3)
    if compare and compare != county:
        rows = frame[(frame["region_code"] == compare) & (frame["sex"] == "T")].sort_values("period")
        _line(figure, rows, f"{SEX_NAMES['T']}, {region_name(compare)}", unit, "#8c8c8c", "longdash", 2)
    return base_layout(figure, title, unit, sample=sample)


def band(
    frame: pd.DataFrame,
    regions: list[str],
    *,
    title: str,
    unit: str,
    sample: bool,
    value: str = "unemployment_rate",
    margin: str = "margin_of_error",
) -> go.Figure:
    """A survey estimate with its margin of error drawn as a band."""
    figure = go.Figure()
    for position, code in enumerate(regions[:2]):
        rows = frame[frame["region_code"] == code].pivot_table(index="period", columns="measure", values="value")
        if rows.empty or value not in rows:
            continue
        colour, dash = LINES[position]
        name = region_name(code)
        if margin in rows:
            upper, lower = rows[value] + rows[margin], rows[value] - rows[margin]
            figure.add_trace(
                go.Scatter(
                    x=list(rows.index) + list(rows.index[::-1]),
                    y=list(upper) + list(lower[::-1]),
                    fill="toself",
                    mode="lines",
                    line={"width": 0},
                    fillcolor=_transparent(colour),
                    hoverinfo="skip",
                    name=f"{name}: felmarginal",
                )
            )
        figure.add_trace(
            go.Scatter(
                x=rows.index,
                y=rows[value],
                name=name,
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 3 if position == 0 else 2},
                hovertemplate=_hover(name, unit),
            )
        )
    figure = base_layout(figure, title, unit, sample=sample)
    figure.update_xaxes(tickformat="%Y", hoverformat="kvartal %q %Y")
    return figure


def _transparent(hex_colour: str, alpha: float = 0.18) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


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
    # Wrapped, so that a long industry name fits beside its bar on a phone as on a desktop.
    names = ["<br>".join(textwrap.wrap(f"{code} {labels.get(code, '')}".strip(), 24)) for code in totals.index]
    start = (latest - pd.DateOffset(months=11)).strftime("%Y-%m")
    figure = go.Figure(
        [
            go.Bar(
                y=names,
                x=totals["föregående"],
                orientation="h",
                name="Föregående 12 månader",
                marker={"color": "#9cb9d1", "line": {"color": "#1F5F8B", "width": 1}},
                hovertemplate="%{y}: %{x:,.0f} " + unit + "<extra>föregående 12 mån</extra>",
            ),
            go.Bar(
                y=names,
                x=totals["senaste"],
                orientation="h",
                name=f"Senaste 12 månader ({start}–{latest:%Y-%m})",
                marker={"color": "#0072B2"},
                hovertemplate="%{y}: %{x:,.0f} " + unit + "<extra>senaste 12 mån</extra>",
            ),
        ]
    )
    figure = base_layout(figure, title, unit, sample=sample, height=max(420, 26 * len(names) + 140))
    figure.update_layout(
        barmode="group",
        hovermode="closest",
        xaxis={"tickformat": ",d", "title": {"text": unit}},
        yaxis={"title": {"text": ""}, "automargin": True},  # long industry names are never cut
    )
    return figure


def year_to_date(frame: pd.DataFrame, region: str, *, title: str, unit: str, sample: bool) -> go.Figure:
    """The year so far against the same months of earlier years."""
    rows = frame[frame["region_code"] == region]
    latest = rows["period"].max()
    same_months = rows[rows["period"].dt.month <= latest.month]
    totals = same_months.groupby(same_months["period"].dt.year)["value"].sum()
    colours = ["#0072B2" if year == latest.year else "#9cb9d1" for year in totals.index]
    months = f"jan–{SHORT_MONTHS_SV[latest.month - 1]}" if latest.month > 1 else "januari"
    figure = go.Figure(
        go.Bar(
            x=[str(y) for y in totals.index],
            y=totals.values,
            marker={"color": colours, "line": {"color": "#1F5F8B", "width": 1}},
            name=region_name(region),
            hovertemplate=f"%{{x}}, {months}: %{{y:,.1f}} {unit}<extra></extra>",
        )
    )
    figure = base_layout(figure, f"{title}, {months}", unit, sample=sample)
    figure.update_layout(hovermode="closest", xaxis={"type": "category", "tickformat": None, "title": {"text": ""}})
    return figure


def lines_by_measure(frame: pd.DataFrame, names: dict[str, str], *, title: str, unit: str, sample: bool) -> go.Figure:
    """Several measures of one region, one line each (e.g. notices and persons for an industry)."""
    figure = go.Figure()
    for position, (measure, name) in enumerate(names.items()):
        rows = frame[frame["measure"] == measure].sort_values("period")
        _styled_line(figure, rows, name, position, unit)
    return base_layout(figure, title, unit, sample=sample)


def indices(frame: pd.DataFrame, names: dict[str, str], *, title: str, sample: bool) -> go.Figure:
    """Sentiment indices around 100 (= the historical mean)."""
    figure = lines_by_measure(frame, names, title=title, unit="index", sample=sample)
    figure.add_hline(
        y=100,
        line={"color": "#4d4d4d", "width": 1},
        annotation_text="100 = historiskt medelvärde",
        annotation_position="top left",
    )
    return figure


def sparkline(frame: pd.DataFrame, *, label: str) -> go.Figure:
    rows = frame.sort_values("period")
    figure = go.Figure(
        go.Scatter(
            x=rows["period"],
            y=rows["value"],
            mode="lines",
            line={"color": "#0072B2", "width": 2},
            hoverinfo="skip",
            name=label,
        )
    )
    figure.update_layout(
        height=60,
        margin={"l": 0, "r": 0, "t": 4, "b": 4},
        showlegend=False,
        xaxis={"visible": False},
        yaxis={"visible": False},
        template=None,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure
