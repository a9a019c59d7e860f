"""Build a deck's slides from data: the same chart, table and source line the dashboard shows
for the slide's view, the sentences the rules write (or the analyst's edits), and the dates.

Pure apart from reading the series it is handed; the HTML, PDF and PPTX are drawn from the result."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import parse_qs

import pandas as pd

from regstats.analysis.highlights import Highlight
from regstats.catalog import load_catalog
from regstats.classifications import SNI_SECTIONS
from regstats.county_groups import area_name
from regstats.figures import charts
from regstats.formatting import day_sv, period_label, public_text
from regstats.geography import REGIONS, RIKET
from regstats.meeting import changes, sentences
from regstats.meeting.deck import Deck, SlideSpec
from regstats.meeting.snapshot import StoreData
from regstats.store.series_store import vintage_time
from regstats.views.content import figure_for, source_line, table_frame
from regstats.views.pages import CHARTS, PAGE_OF_CHART
from regstats.views.select import select
from regstats.views.state import ViewState, parse, to_search

SLIDE_FIGURE = {"width": 760, "height": 500, "font_size": 17}


@dataclass(frozen=True)
class Sentence:
    key: str
    text: str
    generated: str
    numbers: dict[str, Any] = field(default_factory=dict)

    @property
    def edited(self) -> bool:
        return self.text != self.generated


@dataclass(frozen=True)
class Slide:
    number: int
    id: str
    kind: str  # title | chart | changes
    title: str
    sentences: tuple[Sentence, ...] = ()
    source: str = ""
    latest_period: str = ""
    link: str = ""
    figure: dict | None = None
    table: pd.DataFrame | None = None
    alt: str = ""
    empty: str = ""


@dataclass(frozen=True)
class BuiltDeck:
    title: str
    county: str
    meeting: date | None
    data_date: date | None
    sample: bool
    slides: tuple[Slide, ...]
    previous: date | None = None

    @property
    def name(self) -> str:
        """File-name stem for exports: the meeting date, or 'utkast' for the current data."""
        stem = f"regstats-{self.meeting.isoformat() if self.meeting else 'utkast'}"
        return stem + ("-exempeldata" if self.sample else "")


def _plain(value: Any) -> Any:
    """Numbers as plain floats, so notes and YAML show 3.9 rather than np.float64(3.9)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;") + "…"


def _apply_edits(found: list[tuple[str, Highlight]], edits: dict[str, str]) -> tuple[Sentence, ...]:
    out = []
    for key, highlight in found:
        text = edits.get(key, highlight.text)
        if text:  # an empty edit hides the sentence
            numbers = {k: _plain(v) for k, v in highlight.numbers.items()}
            out.append(Sentence(key, text, highlight.text, numbers))
    return tuple(out)


def _slide_figure(figure) -> dict:
    """The dashboard's figure at slide size: larger type, no title (the slide has its own)."""
    figure.update_layout(
        title=None,
        width=SLIDE_FIGURE["width"],
        height=SLIDE_FIGURE["height"],
        font={"size": SLIDE_FIGURE["font_size"]},
        margin={"l": 20, "r": 20, "t": 56, "b": 40},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": 16}},
    )
    figure.update_yaxes(automargin=True)  # room for long industry names, whatever the chart
    figure.update_xaxes(tickangle=0, nticks=7, automargin=True)
    return figure.to_plotly_json()


def slide_state(spec: SlideSpec, county: str) -> ViewState:
    """The slide's view, for the deck's county unless the view names one."""
    state = parse(spec.view)
    if "lan" not in parse_qs(spec.view.lstrip("?")):
        state = replace(state, county=county)
    return state


def _chart_slide(number: int, spec: SlideSpec, deck: Deck, data: StoreData, edits: dict[str, str]) -> Slide:
    chart = CHARTS[spec.chart]
    series = load_catalog()[chart.series]
    state = slide_state(spec, deck.county)
    link = PAGE_OF_CHART[chart.id] + to_search(state)
    stored = data.load(chart.series)
    base = Slide(number, spec.id, "chart", spec.title, link=link)
    if stored is None:
        why = data.problems.get(chart.series)
        empty = f"Data saknas för {series.title_sv}." + (f" {public_text(why)}; kör regstats check." if why else "")
        return replace(base, empty=empty, source=spec.source or "")
    population = data.load("population")
    selection = select(chart, series, stored.frame, state, population.frame if population else None)
    found = sentences.generate(spec, chart, series, selection, state.county)
    latest = stored.frame["period"].max()
    figure = None
    if chart.kind == "industry" and not selection.frame.empty:
        # A slide has room for the ten largest industries and names of about 30 characters.
        short = {code: _shorten(name, 30) for code, name in SNI_SECTIONS.items()}
        unit = selection.unit
        bars = charts.industry_bars(selection.frame, short, title="", unit=unit, sample=stored.is_sample, top=10)
        figure = _slide_figure(bars)
    elif not selection.frame.empty:
        figure = _slide_figure(figure_for(chart, series, selection, state, stored.is_sample, None, stored.metadata))
    where = ", ".join(area_name(r) for r in selection.regions)
    return replace(
        base,
        sentences=_apply_edits(found, edits),
        source=" ".join(filter(None, [spec.source or source_line(series, stored), chart.caveat])),
        latest_period=period_label(latest, series.frequency),
        figure=figure,
        table=table_frame(selection, series),
        alt=f"Diagram: {spec.title} ({selection.unit}), {where}. Värdena finns i tabellen bakom diagrammet.",
        empty="" if figure else "Inga värden för vald period och region.",
    )


def _changes_slide(
    number: int,
    spec: SlideSpec,
    deck: Deck,
    data: StoreData,
    before: tuple[StoreData, date] | None,
    edits: dict[str, str],
) -> Slide:
    regions = {deck.county, RIKET}
    found = []
    rows = []
    if before is None:
        found.append(("changes-none", Highlight("Det finns inget tidigare möte att jämföra med.")))
    else:
        used = sorted({CHARTS[s.chart].series for s in deck.slides if s.kind == "chart"})
        for series, change in changes.between(used, before[0], data, regions):
            found.append((f"changes-{series.id}", Highlight(changes.describe(change, series))))
            if not change.revisions.empty:
                titles = change.revisions["measure"].map(lambda m, s=series: s.measure(m).title_sv)
                rows.append(change.revisions.assign(series=series.title_sv, measure=titles))
        if not found:
            found.append(("changes-none", Highlight("Inga nya perioder och inga revideringar sedan förra mötet.")))
    table = pd.concat(rows) if rows else None
    since = f"Jämfört med mötet {day_sv(before[1])}. " if before else ""
    threshold = since + changes.threshold_text(deck.county)
    return Slide(
        number,
        spec.id,
        "changes",
        spec.title,
        _apply_edits(found, edits),
        source=spec.source or threshold,
        link="/nytt",
        table=table,
    )


def build_deck(
    deck: Deck,
    data: StoreData,
    *,
    meeting: date | None = None,
    previous: StoreData | None = None,
    previous_date: date | None = None,
    edits: dict[str, dict[str, str]] | None = None,
) -> BuiltDeck:
    edits = edits or {}
    used = [data.load(CHARTS[s.chart].series) for s in deck.slides if s.kind == "chart"]
    stored = [s for s in used if s is not None]
    data_date = max((vintage_time(s.vintage).date() for s in stored if s.vintage), default=None)
    sample = any(s.is_sample for s in stored)
    subtitle = [REGIONS[deck.county]]
    if meeting:
        subtitle.append(f"Möte {day_sv(meeting)}")
    lead = " · ".join(subtitle)
    title = Slide(1, "start", "title", deck.title, (Sentence("subtitle", lead, lead),))
    slides = [title]
    for number, spec in enumerate(deck.slides, start=2):
        own = edits.get(spec.id, {})
        if spec.kind == "changes":
            before = (previous, previous_date) if previous is not None and previous_date is not None else None
            slides.append(_changes_slide(number, spec, deck, data, before, own))
        else:
            slides.append(_chart_slide(number, spec, deck, data, own))
    return BuiltDeck(deck.title, deck.county, meeting, data_date, sample, tuple(slides), previous_date)
