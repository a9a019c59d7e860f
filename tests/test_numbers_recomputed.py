"""Every county's headline numbers recomputed from the stored values by a path of their own
(plain loops over the sample's rows, no regstats transform), against what regstats prints: the
year-to-date change of bankruptcies, the Översikt cards' twelve-month rates and changes, and the
level the unemployment slide quotes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from regstats.catalog import load_catalog
from regstats.formatting import number_sv
from regstats.geography import COUNTIES
from regstats.store.reading import reading_store
from regstats.views.compare import BY_KEY, compare
from regstats.views.pages import CHARTS
from regstats.views.select import select
from regstats.views.state import ViewState
from tests.test_properties_sentences import _sentences

SAMPLE = Path(__file__).resolve().parents[1] / "data"


@cache
def rows(series_id: str) -> list[dict]:
    return reading_store(SAMPLE).read(series_id).frame.to_dict("records")


def monthly_totals(series_id: str, measure: str, region: str) -> dict:
    return {
        r["period"]: r["value"]
        for r in rows(series_id)
        if r["measure"] == measure and r["region_code"] == region and r["sex"] == "T" and r["breakdown"] == ""
    }


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_the_year_to_date_change_is_the_change_of_the_sums(county):
    months = monthly_totals("bankruptcies", "bankruptcies", county)
    latest = max(months)
    now = sum(v for p, v in months.items() if p.year == latest.year and p.month <= latest.month)
    before = sum(v for p, v in months.items() if p.year == latest.year - 1 and p.month <= latest.month)
    chart = CHARTS["konk-hittills"]
    selection = select(
        chart,
        load_catalog()["bankruptcies"],
        reading_store(SAMPLE).read("bankruptcies").frame,
        ViewState(county=county, transform="yoy"),
    )
    shown = selection.frame[(selection.frame["region_code"] == county)].set_index("period")["value"]
    assert shown[shown.index.year == latest.year].iloc[0] == pytest.approx(100 * (now / before - 1))
    said = next(s for s in _sentences(county)[1] if s.startswith("Konkurserna"))
    assert f": {number_sv(now, 0)}, " in said and f"({number_sv(before, 0)})" in said


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_the_overview_cards_are_twelve_months_per_10000_inhabitants(county):
    store = reading_store(SAMPLE)
    population = store.read("population").frame
    for key in ["platser", "varsel", "konkurser"]:
        measure = BY_KEY[key]
        series = load_catalog()[measure.series]
        found = compare(measure, store.read(measure.series).frame, series.frequency, "antal", population)
        months = monthly_totals(measure.series, measure.measure, county)
        latest = max(p for p in months)
        def back(p, latest=latest):  # months before the latest
            return (latest.year - p.year) * 12 + latest.month - p.month

        window = [v for p, v in months.items() if 0 <= back(p) < 12]
        previous = [v for p, v in months.items() if 12 <= back(p) < 24]
        people = max(
            (
                r
                for r in rows("population")
                if r["region_code"] == county
                and r["measure"] == "month_end"
                and r["sex"] == "T"
                and r["period"] <= latest
            ),
            key=lambda r: r["period"],
        )["value"]
        assert found.values[county] == pytest.approx(10_000 * sum(window) / people), key
        assert found.changes[county] == pytest.approx(100 * (sum(window) / sum(previous) - 1)), key


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_the_unemployment_slide_quotes_the_stored_share(county):
    shares = {
        r["period"]: r["value"]
        for r in rows("unemployment_close")
        if r["measure"] == "share" and r["region_code"] == county and r["sex"] == "T" and r["breakdown"] == ""
    }
    latest = max(shares)
    said = next(s for s in _sentences(county)[1] if " var " in s and "nära arbetsmarknaden" in s)
    assert f" var {number_sv(shares[latest], 1)} %" in said
