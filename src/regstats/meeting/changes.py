"""'Nytt sedan förra mötet': new periods and revisions between two data revisions.

Compared for the deck's county and Riket, on every series both revisions hold. A rate or an
index counts as revised when it moved as much as the highlight rules call a change (0,1
procentenheter or dagar, 0,5 index points); a count when it moved 1 % and at least one unit.
Suppressed or missing cells that became numbers count as revised too."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regstats.analysis.highlights import FLAT, format_value, kind
from regstats.catalog import Series
from regstats.formatting import number_sv, period_label
from regstats.geography import REGIONS
from regstats.tidy import KEY

COUNT_SHARE = 0.01


def threshold_text(county: str) -> str:
    """What 'reviderat' means here, for the slide and the page."""
    return (
        f"Reviderat = ändrat minst {number_sv(FLAT['rate'], 1)} procentenheter eller dagar, "
        f"{number_sv(FLAT['index'], 1)} indexenheter eller 1 % av ett antal. {REGIONS[county]} och riket."
    )


@dataclass(frozen=True)
class SeriesChange:
    series_id: str
    title: str
    new_periods: tuple[pd.Timestamp, ...]
    revisions: pd.DataFrame  # KEY + old, new, unit
    latest: tuple[tuple[str, float, str], ...] = ()  # the newest new period: (region, value, unit), county first
    latest_measure: str = ""  # the measure `latest` is of

    @property
    def empty(self) -> bool:
        return not self.new_periods and self.revisions.empty


def _threshold_crossed(old: pd.Series, new: pd.Series, units: pd.Series) -> pd.Series:
    delta = (new - old).abs().round(9)  # at the published precision, as the highlight rules compare
    kinds = units.map(kind)
    rate = (kinds == "rate") & (delta >= FLAT["rate"])
    index = (kinds == "index") & (delta >= FLAT["index"])
    count = (kinds == "count") & (delta >= 1) & (delta >= old.abs() * COUNT_SHARE)
    appeared = old.isna() & new.notna()
    return rate | index | count | appeared


def _newest_values(series: Series, new: pd.DataFrame, period: pd.Timestamp) -> tuple[tuple, str]:
    """The headline measure's values in the newest new period (total, no breakdown), county before
    Riket, and the measure's title."""
    rows = new[(new["period"] == period) & (new["sex"] == "T") & (new["breakdown"] == "")].dropna(subset=["value"])
    for measure in series.measures:
        found = rows[rows["measure"] == measure.id].sort_values("region_code", key=lambda c: c == "00")
        if not found.empty:
            values = zip(found["region_code"], found["value"], strict=True)
            return tuple((r, float(v), measure.unit) for r, v in values), measure.title_sv
    return (), ""


def compare(series: Series, old: pd.DataFrame | None, new: pd.DataFrame, regions: set[str]) -> SeriesChange:
    new = new[new["region_code"].isin(regions)]
    if old is None:
        periods = tuple(sorted(new.dropna(subset=["value"])["period"].unique()))
        latest, measure = _newest_values(series, new, periods[-1]) if periods else ((), "")
        return SeriesChange(series.id, series.title_sv, periods, pd.DataFrame(), latest, measure)
    old = old[old["region_code"].isin(regions)]
    old_periods = set(old.dropna(subset=["value"])["period"])
    new_periods = tuple(sorted(p for p in set(new.dropna(subset=["value"])["period"]) if p not in old_periods))
    joined = old[[*KEY, "value"]].merge(new[[*KEY, "value"]], on=KEY, suffixes=("_old", "_new"))
    # A measure the catalog no longer declares (retired after a contract fix) is not compared.
    joined = joined[~joined["period"].isin(new_periods) & joined["measure"].isin(series.measure_ids)]
    units = joined["measure"].map(lambda m: series.measure(m).unit)
    revised = joined[_threshold_crossed(joined["value_old"], joined["value_new"], units)]
    revised = revised.rename(columns={"value_old": "old", "value_new": "new"}).assign(unit=units[revised.index])
    latest, measure = _newest_values(series, new, new_periods[-1]) if new_periods else ((), "")
    return SeriesChange(series.id, series.title_sv, new_periods, revised.reset_index(drop=True), latest, measure)


def _span(periods: tuple[pd.Timestamp, ...], frequency: str) -> str:
    first, last = periods[0], periods[-1]
    if len(periods) == 1:
        return f"ny period: {period_label(first, frequency)}"
    return f"nya perioder: {period_label(first, frequency)} – {period_label(last, frequency)}"


def describe(change: SeriesChange, series: Series) -> str:
    """One Swedish sentence per series, with the largest revision and its numbers."""
    parts = []
    if change.new_periods:
        span = _span(change.new_periods, series.frequency)
        if change.latest:
            values = ", ".join(f"{_region(r)} {format_value(v, u)}" for r, v, u in change.latest)
            same = change.latest_measure.casefold() in series.title_sv.casefold()
            measure = "" if same else change.latest_measure
            span += f" ({_lower(measure)}: {values})" if measure else f" ({values})"
        parts.append(span)
    if not change.revisions.empty:
        rows = change.revisions.assign(size=(change.revisions["new"] - change.revisions["old"]).abs())
        top = rows.sort_values("size", ascending=False, na_position="first").iloc[0]
        when = period_label(top["period"], series.frequency)
        count = len(rows)
        parts.append(
            f"{count} {'värde reviderat' if count == 1 else 'värden reviderade'}, störst {REGIONS[top['region_code']]} "
            f"{when}: {format_value(top['old'], top['unit'])} → {format_value(top['new'], top['unit'])}"
        )
    return f"{change.title}: {'; '.join(parts)}." if parts else ""


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _region(code: str) -> str:
    return "riket" if code == "00" else REGIONS.get(code, code)


def between(series_ids: list[str], before, after, regions: set[str]) -> list[tuple[Series, SeriesChange]]:
    """Every series that changed from one data revision (a StoreData) to another."""
    from regstats.catalog import load_catalog

    catalog = load_catalog()
    found = []
    for series_id in series_ids:
        new = after.load(series_id)
        if new is None:
            continue
        old = before.load(series_id)
        change = compare(catalog[series_id], old.frame if old else None, new.frame, regions)
        if not change.empty:
            found.append((catalog[series_id], change))
    return found
