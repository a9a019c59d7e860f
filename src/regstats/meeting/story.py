"""The meeting's story for any county, without building slides: the default deck's sentences,
for Översikt. The same rules on the same selections as the deck, so page and slides agree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from regstats.catalog import load_catalog
from regstats.meeting import sentences
from regstats.meeting.deck import load_deck
from regstats.meeting.slides import slide_state
from regstats.store import StoredSeries
from regstats.views.pages import CHARTS
from regstats.views.select import select


@dataclass(frozen=True)
class Point:
    slide: str  # the slide's title
    chart: str  # the chart's id, for a link to its page
    text: str


def story(
    county: str, load: Callable[[str], StoredSeries | None], groups: tuple[str, ...] = (), chosen: tuple[str, ...] = ()
) -> list[Point]:
    """`groups`: comparison groups (jmf=norrland) the reader chose, compared with beside Riket."""
    deck, _ = load_deck()
    catalog = load_catalog()
    population = load("population")
    points = []
    for spec in deck.slides:
        if spec.kind != "chart":
            continue
        chart = CHARTS[spec.chart]
        stored = load(chart.series)
        if stored is None:
            continue
        series = catalog[chart.series]
        state = slide_state(spec, county)
        if groups:
            state = replace(state, compare=tuple(dict.fromkeys([*state.compare, *groups])), chosen=chosen)
        selection = select(chart, series, stored.frame, state, population.frame if population else None)
        found_all = sentences.generate(spec, chart, series, selection, state.county, county_summary=stored.frame)
        for _, found in found_all:
            points.append(Point(spec.title, chart.id, found.text))
    return points
