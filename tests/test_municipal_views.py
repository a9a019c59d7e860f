"""Kommuner for every county and every measure, as the page computes it from the bundled sample:
every municipality of the county has a value in the newest period most of them have, the county
and Riket stand beside them where the publisher has them, and a group of AF's unemployed is the
group's own rows — never the total's."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from regstats.geography import COUNTIES, RIKET, municipalities_of
from regstats.store.reading import reading_store
from regstats.views.compare import MUNICIPAL_MEASURES, municipal

SAMPLE = Path(__file__).resolve().parents[1] / "data"
MONTHLY = [m for m in MUNICIPAL_MEASURES if m.monthly]


@cache
def _frame(series_id: str) -> pd.DataFrame:
    return reading_store(SAMPLE).read(series_id).frame


@pytest.mark.parametrize("measure", MONTHLY, ids=lambda m: m.key)
def test_every_municipality_of_every_county_has_the_monthly_figure(measure):
    frame = _frame(measure.series)
    for county in COUNTIES:
        codes = list(municipalities_of(county))
        found = municipal(measure, frame, county, codes)
        assert found is not None, county
        assert found.values.reindex(codes).notna().all(), (county, measure.key)
        assert pd.notna(found.values[county]) and pd.notna(found.values[RIKET])  # monthly series sum upwards
        rows = frame[
            (frame["measure"] == measure.kpi)
            & (frame["breakdown"] == measure.breakdown)
            & (frame["sex"] == "T")
            & (frame["period"] == found.period)
        ].set_index("region_code")["value"]
        assert found.values.reindex(codes).tolist() == rows.reindex(codes).tolist()  # the group's own rows


def test_jamtlands_municipalities_by_group_differ_from_their_totals():
    """A group measure that silently fell back on the total would equal it everywhere."""
    frame = _frame("unemployment_af")
    codes = list(municipalities_of("23"))
    total = municipal(next(m for m in MONTHLY if m.key == "af-andel"), frame, "23", codes)
    for measure in [m for m in MONTHLY if m.breakdown]:
        found = municipal(measure, frame, "23", codes)
        assert len(codes) == 8 and found.period == total.period
        assert not found.values.reindex(codes).equals(total.values.reindex(codes)), measure.key
