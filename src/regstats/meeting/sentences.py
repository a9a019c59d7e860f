"""Which highlight rule says what on a slide: each rule named in the deck is applied to the
slide's series for the deck's county. The rules themselves (and their thresholds) live in
regstats.analysis.highlights; here they only get their rows: exactly those the slide's chart
draws (its transform and window), in the unit the chart shows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from regstats.analysis import highlights as h
from regstats.analysis.tidy import line
from regstats.catalog import Series
from regstats.classifications import SNI_SECTIONS
from regstats.county_groups import GROUP_NAMES
from regstats.geography import REGIONS, RIKET
from regstats.meeting.deck import SlideSpec
from regstats.views.pages import Chart
from regstats.views.select import Selection

Found = list[tuple[str, h.Highlight | None]]


def _county(series: Series, county: str) -> str:
    return county if series.regional else RIKET


def _where(series: Series, county: str) -> str:
    """'i Jämtlands län', or 'i riket' for a national series."""
    return f"i {REGIONS[_county(series, county)]}" if series.regional else "i riket"


def _frequency(series: Series, chart: Chart) -> str:
    """How the chart's periods are named: 'juli 2026' for a month, 'kv. 3 2026' for a quarter."""
    return series.measure(chart.measure).frequency or series.frequency


def _level(spec: SlideSpec, chart: Chart, series: Series, frame: pd.DataFrame, county: str, unit: str) -> Found:
    """The county against Riket, and against each comparison group the chart draws."""
    if not series.regional:
        return []
    own = line(frame, chart.measure, county).dropna()
    if own.empty:
        return []
    period, frequency = own.index[-1], _frequency(series, chart)
    found = []
    for code in [RIKET, *(c for c in frame["region_code"].unique() if c in GROUP_NAMES)]:
        other = line(frame, chart.measure, code).get(period)
        group = None if code == RIKET else GROUP_NAMES[code]
        said = h.level_against_riket(spec.subject, REGIONS[county], own.iloc[-1], other, unit, period, frequency, group)
        found.append(("level" if code == RIKET else f"level-{code}", said))
    return found


def _direction(spec: SlideSpec, chart: Chart, series: Series, frame: pd.DataFrame, county: str, unit: str) -> Found:
    rows = line(frame, chart.measure, _county(series, county))
    subject = f"{spec.subject} {_where(series, county)}"
    frequency = _frequency(series, chart)
    found = [("direction", h.recent_direction(subject, rows, unit, frequency))]
    if frequency == "monthly":  # a seasonal series: its trend beside the comparison with a year ago
        found.append(("trend", h.trend_direction(subject, rows, unit)))
    return found


def _sex_divergence(
    spec: SlideSpec, chart: Chart, series: Series, frame: pd.DataFrame, county: str, unit: str
) -> Found:
    region = _county(series, county)
    women, men = line(frame, chart.measure, region, "K"), line(frame, chart.measure, region, "M")
    return [("sex_divergence", h.sex_divergence(f"{spec.subject} {_where(series, county)}", women, men, unit))]


def _top_industry(spec: SlideSpec, chart: Chart, series: Series, frame: pd.DataFrame, county: str, unit: str) -> Found:
    """The region the rows hold: Riket on the national slide; a county's own industries, with
    Riket's largest beside them, for a county's summary (Översikt hands over all the rows)."""
    rows = frame[(frame["breakdown"] != "") & (frame["measure"] == "persons")]
    drawn = set(rows["region_code"]) - {RIKET}
    region = county if county in drawn else RIKET
    own = rows[rows["region_code"] == region][["breakdown", "period", "value"]]
    national = rows[rows["region_code"] == RIKET][["breakdown", "period", "value"]] if region != RIKET else None
    where = "i riket" if region == RIKET else f"i {REGIONS[region]}"
    return [("top_industry", h.top_industry(own, SNI_SECTIONS, where, national))]


def _year_to_date(
    spec: SlideSpec, chart: Chart, series: Series, frame: pd.DataFrame, county: str, unit: str, through=None
) -> Found:
    rows = line(frame, chart.measure, _county(series, county))
    subject = f"{spec.subject} {_where(series, county)}"
    return [("year_to_date", h.year_to_date(subject, rows, unit, through=through, frequency=series.frequency))]


def _sentiment(spec: SlideSpec, chart: Chart, series: Series, frame: pd.DataFrame, county: str, unit: str) -> Found:
    return [(f"sentiment-{m}", h.sentiment(series.measure(m).title_sv, line(frame, m, RIKET))) for m in chart.measures]


RULES: dict[str, Callable[[SlideSpec, Chart, Series, pd.DataFrame, str, str], Found]] = {
    "level": _level,
    "direction": _direction,
    "sex_divergence": _sex_divergence,
    "top_industry": _top_industry,
    "year_to_date": _year_to_date,
    "sentiment": _sentiment,
}


def generate(
    spec: SlideSpec,
    chart: Chart,
    series: Series,
    selection: Selection,
    county: str,
    county_summary: pd.DataFrame | None = None,
) -> list[tuple[str, h.Highlight]]:
    """(key, highlight) for every rule that had data, in the deck's order, from the rows the
    slide's chart draws. The key is what an analyst's edit is stored under, so it does not
    change when the numbers do. `county_summary` (all of the series' rows) makes a national
    breakdown speak of the county's own, with Riket's beside it (Översikt)."""
    found = []
    frame, unit = selection.frame, selection.unit
    if selection.breakdown:  # a chosen group's rows are the line the chart draws (its title names it)
        frame = frame.assign(breakdown="")
    for rule in spec.highlights:
        if rule == "year_to_date":  # the chart's own yearly totals, when it draws them
            results = _year_to_date(spec, chart, series, frame, county, unit, selection.through)
        elif rule == "top_industry" and county_summary is not None:
            results = _top_industry(spec, chart, series, county_summary, county, unit)
        else:
            results = RULES[rule](spec, chart, series, frame, county, unit)
        found += [(key, item) for key, item in results if item is not None]
    return found
