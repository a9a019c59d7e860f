"""Översikt: the meeting's story for the chosen county in sentences, a card per theme comparing
county and Riket in a comparable measure with the county's rank among the 21, and a county map."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd
from dash import dcc, html

from regstats.analysis.groups import why_not_grouped
from regstats.analysis.tidy import line
from regstats.analysis.transform import PER_10K
from regstats.app import data
from regstats.app.maps import map_figure, measure_chooser
from regstats.app.views import data_table, state_warning
from regstats.catalog import load_catalog
from regstats.county_groups import GROUP_KEYS, CountyGroup
from regstats.figures.changebars import change_bars_svg
from regstats.figures.spark import sparkline_svg
from regstats.figures.style import region_name
from regstats.figures.svgmap import area_map
from regstats.formatting import change_sv, number_sv, with_unit
from regstats.geo import county_outlines
from regstats.geography import COUNTIES, REGIONS, RIKET
from regstats.meeting.story import story
from regstats.views.compare import BY_KEY, MEASURES, Comparison, Measure, compare, with_groups
from regstats.views.pages import BY_PATH
from regstats.views.state import ViewState, to_search

SENTIMENT = ("Stämningsläge", "sentiment", "barometer", "/stamningslage")


def comparison(measure: Measure, groups: tuple[CountyGroup, ...] = ()) -> Comparison | None:
    """The 21 counties in the measure (and the comparison groups asked for); the same for every
    county chosen, so computed once per version of the data (the versions are part of the key)."""
    stored, population = data.load(measure.series), data.load("population")
    if stored is None:
        return None
    return _comparison(measure, stored.path, stored.vintage, population.vintage if population else "", groups)


@lru_cache(maxsize=64)
def _comparison(
    measure: Measure, path, vintage: str, population_vintage: str, groups: tuple[CountyGroup, ...]
) -> Comparison | None:
    stored, population = data.load(measure.series), data.load("population")
    catalog = load_catalog()
    series = catalog[measure.series]
    unit = series.measure(measure.measure).unit
    frame = with_groups(stored.frame, series, [measure.measure], groups)
    people = None
    if population is not None:
        people = with_groups(population.frame, catalog["population"], ["month_end", "year_end"], groups)
    return compare(measure, frame, series.frequency, unit, people)


def _shown_unit(unit: str) -> str:
    """The comparable units read shorter on a card: the basis is said once below the values."""
    return PER_10K if unit.startswith(PER_10K) else unit


def rank_text(found: Comparison, county: str) -> str:
    rank, of = found.rank(county), found.ranked
    if rank is None:
        return ""
    if rank == 1:
        return f"Högst av {of} län."
    if rank == of:
        return f"Lägst av {of} län."
    return f"Plats {rank} av {of} län, räknat från det högsta."


def _basis(found: Comparison) -> str:
    if found.measure.basis == "twelve":
        return f"Senaste 12 månaderna per 10 000 invånare ({found.period})."
    if found.measure.basis == "growth":
        return f"Förändring av folkmängden på ett år ({found.period})."
    return f"Senaste period: {found.period}."


def _value_row(code: str, found: Comparison) -> list:
    value = found.values.get(code)
    # Rates per inhabitant: the number alone, the basis line under the values names the unit.
    unit = "" if found.measure.basis == "twelve" else _shown_unit(found.unit)
    change = found.changes.get(code)
    parts = [html.Span(with_unit(value, unit), className="value")]
    if found.change_unit and change is not None and not pd.isna(change):
        parts.append(html.Span(f" ({change_sv(change, found.change_unit)} på ett år)", className="change"))
    return [html.Dt(region_name(code)), html.Dd(parts)]


def _spark(series_id: str, measure: str, code: str) -> html.Div | None:
    stored = data.load(series_id)
    if stored is None:
        return None
    rows = line(stored.frame, measure, code)
    source = sparkline_svg(rows[rows.index > rows.index.max() - pd.DateOffset(months=36)]) if len(rows) else ""
    if not source:
        return None
    # Decorative: the numbers are in the card and the trend in the page's chart and table.
    return html.Div(html.Img(src=source, alt="", className="spark-img"), className="spark", **{"aria-hidden": "true"})


def card(measure: Measure, state: ViewState) -> html.Article:
    series = load_catalog()[measure.series]
    heading_id = f"card-{measure.key}"
    page = BY_PATH[measure.page].title  # the page it opens ("Företag och byggande" for new firms)
    link = dcc.Link(f"Till sidan {page}", href=measure.page + to_search(state), className="card-link")
    heading = html.H2(measure.title, id=heading_id)
    groups = tuple(state.groups())
    found = comparison(measure, groups)
    if found is None:
        return html.Article(
            [heading, html.P("Data saknas ännu."), link], className="card", **{"aria-labelledby": heading_id}
        )
    shown = [state.county, RIKET, *(g.code for g in groups if g.code in found.values.index)]
    body = [heading, html.Dl([row for code in shown for row in _value_row(code, found)])]
    if groups and (why := why_not_grouped(series, measure.measure)):
        body.append(html.P(why, className="note"))
    body.append(html.P(rank_text(found, state.county), className="rank"))
    body.append(html.P(_basis(found), className="data-date"))
    if found.counts is not None and measure.basis == "twelve":
        count = found.counts.get(state.county)
        body.append(html.P(f"Antal i {REGIONS[state.county]}: {number_sv(count, 0)}", className="data-date"))
    if (spark := _spark(measure.series, measure.measure, state.county)) is not None:
        body.append(spark)
    stored = data.load(measure.series)
    if stored is not None and stored.is_sample:
        body.append(html.P("Exempeldata", className="note note-sample"))
    if warning := state_warning(series, data.manifest_entry(measure.series)):
        body.append(html.P(warning, className="note note-warning"))
    body.append(link)
    return html.Article(body, className="card", **{"aria-labelledby": heading_id})


def sentiment_card(state: ViewState) -> html.Article:
    """National only: no rank, no map; the latest of the barometer indicator against 100."""
    title, series_id, measure, path = SENTIMENT
    link = dcc.Link(f"Till sidan {title}", href=path + to_search(state), className="card-link")
    heading = html.H2(title, id="card-sentiment")
    stored = data.load(series_id)
    rows = line(stored.frame, measure, RIKET).dropna() if stored is not None else pd.Series(dtype=float)
    if rows.empty:
        return html.Article([heading, html.P("Data saknas ännu."), link], className="card")
    latest = rows.index[-1]
    earlier = latest - pd.DateOffset(years=1)
    change = rows[latest] - rows[earlier] if earlier in rows.index else None
    body = [
        heading,
        html.Dl(
            [
                html.Dt("Riket"),
                html.Dd(
                    [
                        html.Span(number_sv(rows[latest], 1), className="value"),
                        html.Span(f" ({change_sv(change, 'indexenheter')} på ett år)", className="change"),
                    ]
                ),
            ]
        ),
        html.P("Barometerindikatorn; 100 = historiskt medelvärde. Endast riket.", className="data-date"),
        _spark(series_id, measure, RIKET),
    ]
    if stored.is_sample:
        body.append(html.P("Exempeldata", className="note note-sample"))
    if warning := state_warning(load_catalog()[series_id], data.manifest_entry(series_id)):
        body.append(html.P(warning, className="note note-warning"))
    body.append(link)
    return html.Article([b for b in body if b is not None], className="card", **{"aria-labelledby": "card-sentiment"})


def story_section(state: ViewState) -> html.Section:
    groups = tuple(key for key in state.compare if key in GROUP_KEYS)
    points = story(state.county, data.load, groups, state.chosen)
    items = [html.Li(point.text) for point in points] or [html.Li("Data saknas ännu.")]
    return html.Section(
        [
            html.H2(f"I korthet: {REGIONS[state.county]}", id="story-heading"),
            html.Ul(items, className="story"),
            html.P(
                "Meningarna skrivs av samma regler som mötets bildspel, ur de värden diagrammen visar.",
                className="note",
            ),
        ],
        className="story-section",
        **{"aria-labelledby": "story-heading"},
    )


def map_table(found: Comparison, county: str) -> pd.DataFrame:
    """The table equivalent of the map: every county ranked, Riket last for reference."""
    counties = found.values.reindex(list(COUNTIES))
    order = counties.sort_values(ascending=False, na_position="last").index
    rows = []
    for code in [*order, RIKET]:
        rank = found.rank(code) if code != RIKET else None
        rows.append(
            {
                "Plats": "" if rank is None else str(rank),
                "Region": region_name(code) + (" (valt)" if code == county else ""),
                f"Värde ({found.unit})": found.values.get(code),
                "Förändring på ett år": change_sv(found.changes.get(code), found.change_unit)
                if found.change_unit
                else "",
            }
        )
    return pd.DataFrame(rows)


def map_section(state: ViewState) -> html.Section:
    measure = BY_KEY.get(state.map or "", MEASURES[0])
    chooser = measure_chooser("Visa på kartan", [(m.key, m.title) for m in MEASURES], measure.key)
    found = comparison(measure)
    heading = html.H2("Länen på karta", id="map-heading")
    if found is None:
        return html.Section([heading, chooser, html.P("Data saknas ännu.", className="empty")], className="chart")
    stored = data.load(measure.series)
    sample = bool(stored and stored.is_sample)
    unit = _shown_unit(found.unit)
    title = f"{measure.title}, {found.unit.replace(', 12 månader', ' (12 månader)')}"
    drawn = area_map(county_outlines(), found.values, REGIONS, unit=unit, selected=state.county, sample=sample)
    links = {code: "/" + to_search(replace(state, county=code, problems=())) for code in COUNTIES}
    basis = "" if found.measure.basis == "latest" else f" {_basis(found)}"
    caption = f"{title}, {found.period}. {REGIONS[state.county]} är markerat.{basis}"
    return html.Section(
        [
            heading,
            html.P("Välj ett län på kartan för att visa det län i hela verktyget.", className="intro"),
            chooser,
            map_figure(
                drawn, "karta-lan", title=title, unit=unit, caption=caption, links=links, selected=REGIONS[state.county]
            ),
            html.Details(
                [
                    html.Summary("Visa kartans värden som tabell"),
                    data_table("karta", map_table(found, state.county), caption),
                ]
            ),
            *change_section(found, state.county, measure.title),
        ],
        className="chart",
        **{"aria-labelledby": "map-heading"},
    )


def change_section(found: Comparison, county: str, title: str) -> list:
    """Every county's change on a year as bars, the chosen one highlighted (a population's growth is
    itself the change); the numbers are in the map's table just above."""
    changes, unit = (found.changes, found.change_unit) if found.change_unit else (found.values, found.unit)
    shown = changes.reindex([*COUNTIES, RIKET]).dropna()
    if shown.empty:
        return []
    source = change_bars_svg(shown, {c: region_name(c) for c in shown.index}, county, unit)
    ranked = shown.drop(RIKET, errors="ignore").rank(ascending=False, method="min")
    own = shown.get(county)
    said = (
        f"{REGIONS[county]}: {change_sv(own, unit)}, plats {int(ranked[county])} av {len(ranked)} från största ökning"
        if own is not None and county in ranked
        else f"{REGIONS[county]} saknar värde"
    )
    heading = f"{title}: förändring på ett år, alla län ({found.period})"
    alt = f"Stapeldiagram. {heading}. {said}. Riket: {change_sv(shown.get(RIKET), unit)}."
    return [
        html.H3(heading, id="change-heading"),
        html.Figure(
            [
                html.Img(src=source, alt=alt, className="change-bars"),
                html.Figcaption(f"{said}. Värdena finns i kartans tabell ovan."),
            ],
            className="change-figure",
        ),
    ]


def overview(state: ViewState) -> html.Div:
    cards = html.Div([*[card(m, state) for m in MEASURES], sentiment_card(state)], className="cards")
    catalog = load_catalog()
    warnings = [
        html.Li(f"{catalog[sid].title_sv}: {text}")
        for sid in catalog
        if (text := state_warning(catalog[sid], data.manifest_entry(sid)))
    ]
    parts: list = []
    if warnings:
        parts.append(
            html.Div(
                [html.P("Alla serier är inte aktuella:", className="note-title"), html.Ul(warnings)],
                className="note note-warning",
                role="status",
                id="stale-warning",
            )
        )
    parts += [story_section(state), cards, map_section(state)]
    return html.Div(parts)
