"""Every monthly chart offers Säsongrensad and Trend for every county, as the dashboard selects
them from the bundled sample: a line long enough is adjusted (its newest six months marked
preliminary), a small count is shown as twelve-month sums with the reason said — never a silent
level. STL here (REGSTATS_SEASONAL_ENGINE=stl) keeps 21 counties × charts fast; X-13 is proven on
the same engine interface in test_seasonal.py and for Jämtland below."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from regstats.analysis.transform import TWELVE_MONTHS
from regstats.catalog import load_catalog
from regstats.geography import COUNTIES
from regstats.store.reading import reading_store
from regstats.views.pages import CHARTS
from regstats.views.select import select
from regstats.views.state import ViewState

SAMPLE = Path(__file__).resolve().parents[1] / "data"
MONTHLY = [
    c
    for c in CHARTS.values()
    if c.kind in {"regions", "sexes", "band"}
    and (load_catalog()[c.series].measure(c.measure).frequency or load_catalog()[c.series].frequency) == "monthly"
]


@cache
def _stored(series_id: str):
    return reading_store(SAMPLE).read(series_id).frame


def _selected(chart, county: str, transform: str):
    series = load_catalog()[chart.series]
    state = ViewState(county=county, transform=transform)
    return select(chart, series, _stored(chart.series), state, _stored("population"))


@pytest.mark.parametrize("chart", MONTHLY, ids=lambda c: c.id)
def test_every_monthly_chart_is_adjusted_or_says_why_for_every_county(chart, monkeypatch):
    monkeypatch.setenv("REGSTATS_SEASONAL_ENGINE", "stl")
    for county in COUNTIES:
        for transform in ["sa", "trend"]:
            chosen = _selected(chart, county, transform)
            said = " ".join(chosen.notes)
            assert not chosen.frame.empty, (county, transform, said)
            if chosen.unit.endswith(TWELVE_MONTHS):
                assert "Inte säsongrensad – små tal" in said and chosen.transform == "level"
                continue
            if "Inte säsongrensad – för kort" in said:  # the level, said as the level
                assert chosen.transform == "level" and len(chosen.frame["period"].unique()) < 36
                continue
            assert chosen.transform == transform, (county, said)
            assert "av regstats med STL" in said, (county, said)
            for _, line in chosen.frame.groupby(["region_code", "sex", "measure"]):
                statuses = line.sort_values("period")["status"].tolist()
                assert statuses[-6:] == ["preliminär"] * 6, (county, chart.id)


def test_x13_adjusts_jamtlands_unemployment_beside_riket():
    chosen = _selected(CHARTS["nara"], "23", "sa")
    assert "av regstats med X-13ARIMA-SEATS" in " ".join(chosen.notes)
    assert set(chosen.frame["region_code"]) == {"23", "00"}
