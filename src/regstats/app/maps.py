"""A map on a page: the SVG image, its image map (each area a link or a named region), the
legend and the boundaries' credit. Clicking a county's area changes the view like a dcc.Link
(assets/04-controls.js), so the app is not reloaded."""

from __future__ import annotations

from dash import dcc, html

from regstats.figures.svgmap import SvgMap
from regstats.geo import CREDIT


def measure_chooser(legend: str, options: list[tuple[str, str]], value: str) -> html.Fieldset:
    """The radio that picks what a map shows; `options` are (key, title). Its value is put in the
    link (?karta=) by layout.choose_map."""
    return html.Fieldset(
        [
            html.Legend(legend, className="legend"),
            dcc.RadioItems(
                id="map-measure",
                options=[{"label": title, "value": key} for key, title in options],
                value=value,
                inline=True,
                className="radio",
            ),
        ],
        className="control",
    )


def map_figure(
    drawn: SvgMap, name: str, *, title: str, unit: str, caption: str, links: dict[str, str], selected: str = ""
) -> html.Figure:
    """`links`: area code → the view it opens; areas without a link are named but not links."""
    areas = [
        html.Area(
            shape="poly",
            coords=area.coords,
            alt=area.label,
            title=area.label,
            **({"href": links[area.code], "data-spa": "1"} if area.code in links else {}),
        )
        for area in drawn.areas
    ]
    chosen = [html.Li([html.Span(className="swatch swatch-selected"), f"Valt: {selected}"])] if selected else []
    legend = html.Ul(
        [
            *chosen,
            *[
                html.Li([html.Span(className="swatch", style={"background": colour}), label])
                for colour, label in drawn.legend
            ],
        ],
        className="map-legend",
        **{"aria-label": f"Teckenförklaring, {unit}"},
    )
    return html.Figure(
        [
            html.P(title, className="map-title"),
            html.Div(
                [
                    html.Img(
                        src=drawn.src,
                        width=drawn.width,
                        height=drawn.height,
                        useMap=f"#{name}",
                        alt=f"Karta: {title}. Varje område är en länk eller har sitt värde som text; "
                        "alla värden finns i tabellen.",
                        className="area-map",
                    ),
                    html.MapEl(areas, name=name, id=name),
                    html.Div([html.P(unit, className="legend-unit"), legend], className="map-side"),
                ],
                className="map-wrap",
            ),
            html.Figcaption([caption, html.Br(), html.Span(CREDIT, className="credit")]),
        ],
        className="map",
    )
