"""Comparison groups (Norrland, a county's neighbours, the reader's own): which counties they hold,
how they travel in the URL, and that a group's value is its members' counts summed and its shares
the summed numerators through the summed denominators — checked against sums computed here from
the members' own rows, for every county, and by Hypothesis on frames it writes."""

from __future__ import annotations

import itertools
import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import cKDTree

from regstats.analysis.groups import group_rows, why_not_grouped
from regstats.app import data
from regstats.catalog import load_catalog
from regstats.classifications import GROUPED
from regstats.county_groups import NEIGHBOURS, NORRLAND, CountyGroup, county_group
from regstats.geography import COUNTIES, RIKET
from regstats.store import sample_dir
from regstats.views.content import download_about, figure_for, table_frame
from regstats.views.pages import CHARTS
from regstats.views.select import select
from regstats.views.state import ViewState, parse, to_search


@pytest.fixture(autouse=True)
def _sample(monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))


def test_the_neighbours_are_the_counties_whose_municipalities_touch_in_the_bundled_outlines():
    outlines = json.loads(resources.files("regstats.geo").joinpath("swedish_municipalities.geojson").read_text())
    points: dict[str, list] = {}
    for feature in outlines["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        corners = [corner for polygon in polygons for ring in polygon for corner in ring]
        points.setdefault(str(feature["properties"]["lan_code"]).zfill(2), []).extend(corners)
    vertices = {county: np.array(corners) for county, corners in points.items()}
    touching = set()
    for a, b in itertools.combinations(sorted(vertices), 2):
        distance, _ = cKDTree(vertices[a]).query(vertices[b], k=1)
        if distance.min() < 1e-6:  # a shared boundary point, in degrees
            touching |= {(a, b), (b, a)}
    assert set(NEIGHBOURS) == set(COUNTIES)
    assert {(a, b) for a, near in NEIGHBOURS.items() for b in near} == touching


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_a_group_never_holds_the_county_it_is_compared_with(county):
    for key in ["norrland", "grannar", "valda"]:
        group = county_group(key, county, chosen=tuple(COUNTIES))
        if group is None:
            assert (key, county) == ("grannar", "09")  # Gotland has no neighbour by land
            continue
        assert county not in group.members and group.members and set(group.members) <= set(COUNTIES)
    norrland = county_group("norrland", county)
    assert norrland.title == ("Övriga Norrlandslän" if county in NORRLAND else "Norrlandslänen")
    assert set(norrland.members) == set(NORRLAND) - {county}


def test_groups_travel_in_the_url_and_bad_ones_are_refused_without_echo():
    state = parse("?jmf=00,norrland,grannar&valda=01,12,14")
    assert state.compare == ("00", "norrland", "grannar", "valda") and state.chosen == ("01", "12", "14")
    assert state.regions() == ["23", "00", "ovriga-norrland", "grannar", "valda"]
    assert parse(to_search(state)) == state
    assert parse("?jmf=norrland").regions() == ["23", "ovriga-norrland"]  # old links: the group, not six lines
    hostile = parse("?valda=01,<script>")
    assert hostile.compare == ViewState().compare and not any("<script>" in p for p in hostile.problems)
    gotland = parse("?lan=09&jmf=00,grannar")
    assert gotland.regions() == ["09", "00"] and any("Gotlands län" in p for p in gotland.problems)
    assert parse("?jmf=00,valda").regions() == ["23", "00"]  # an own group with no counties


def test_the_controls_make_the_same_url():
    from regstats.app.router import _control_values, state_from_controls

    values = ["25", ["00", "grannar"], ["21", "22"], None, None, "T", "", None, "diagram", "", "18-24"]
    state = state_from_controls(values)
    assert to_search(state) == "?lan=25&jmf=00,grannar,valda&valda=21,22"
    assert _control_values(state)[:3] == ["25", ["00", "grannar", "valda"], ["21", "22"]]


COUNTS = st.integers(min_value=0, max_value=50_000)


@settings(max_examples=60, deadline=None)
@given(
    members=st.lists(st.sampled_from(sorted(COUNTIES)), min_size=1, max_size=6, unique=True),
    cells=st.data(),
)
def test_a_group_sums_counts_and_divides_the_sums_never_averages_shares(members, cells):
    series = load_catalog()["unemployment_close"]
    periods = pd.date_range("2025-01-01", periods=3, freq="MS")
    rows = []
    for region, period in itertools.product(members, periods):
        labour = cells.draw(st.integers(min_value=1, max_value=500_000))
        unemployed = cells.draw(st.integers(min_value=0, max_value=labour))
        status = cells.draw(st.sampled_from(["", "", "<5"]))
        missing = cells.draw(st.booleans()) and cells.draw(st.booleans())
        for measure, value in [("labour_force", labour), ("unemployed_close", unemployed)]:
            value = np.nan if missing and measure == "unemployed_close" else value
            rows.append([series.id, region, period, "T", "", measure, value, status, "v1"])
        rows.append([series.id, region, period, "T", "", "share", 100 * unemployed / labour, status, "v1"])
    columns = ["series_id", "region_code", "period", "sex", "breakdown", "measure", "value", "status", "vintage"]
    frame = pd.DataFrame(rows, columns=columns)
    out = group_rows(frame, CountyGroup("valda", tuple(members)), series).set_index(["measure", "period"])
    for period in periods:
        month = frame[frame["period"] == period].pivot(index="region_code", columns="measure", values="value")
        complete = month["unemployed_close"].notna().all()
        labour, unemployed = month["labour_force"].sum(), month["unemployed_close"].sum(min_count=len(members))
        assert out.loc[("labour_force", period), "value"] == labour
        if complete:
            assert out.loc[("share", period), "value"] == pytest.approx(100 * unemployed / labour)
        else:  # a sum over fewer members would read as a fall
            assert np.isnan(out.loc[("share", period), "value"])
        flags = set(frame[(frame["period"] == period)]["status"]) - {""}
        assert out.loc[("share", period), "status"] == (flags.pop() if flags else GROUPED)


def _independent(series_id: str, measure: str, members, sex: str, breakdown: str = "") -> pd.Series:
    """The group's value by period, computed here from the members' stored rows."""
    frame = data.load(series_id).frame
    rows = frame[frame["region_code"].isin(members) & (frame["sex"] == sex) & (frame["breakdown"] == breakdown)]
    wide = rows.pivot_table(index="period", columns="measure", values="value", aggfunc="sum")
    ratio = load_catalog()[series_id].measure(measure).ratio_of
    return 100 * wide[ratio[0]] / wide[ratio[1]] if ratio else wide[measure]


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_every_county_sees_each_group_as_its_members_sums(county):
    state = parse(f"?lan={county}&jmf=00,norrland,grannar&valda=01,12,14&visa=niva")
    population = data.load("population").frame
    shown = [("nara", "unemployment_close"), ("langtid", "unemployment_long"), ("konk", "bankruptcies")]
    for chart_id, series_id in shown:
        chart, series = CHARTS[chart_id], load_catalog()[series_id]
        selection = select(chart, series, data.load(series_id).frame, state, population)
        assert [g.code for g in selection.groups] == state.regions()[2:]
        for group in selection.groups:
            drawn = selection.frame[selection.frame["region_code"] == group.code].set_index("period")["value"]
            expected = _independent(series_id, chart.measure, group.members, "T").reindex(drawn.index)
            assert not drawn.empty
            assert np.allclose(drawn, expected, rtol=1e-9, equal_nan=True)


def test_a_group_per_10000_inhabitants_divides_by_the_members_summed_population():
    state = parse("?jmf=00,norrland&fran=2026-06&till=2026-06")
    selection = select(
        CHARTS["platser"],
        load_catalog()["vacancies_new"],
        data.load("vacancies_new").frame,
        state,
        data.load("population").frame,
    )
    (group,) = selection.groups
    month = pd.Timestamp("2026-06-01")
    vacancies = _independent("vacancies_new", "new_vacancies", group.members, "T")[month]
    people = _independent("population", "month_end", group.members, "T")[month]
    shown = selection.frame.set_index("region_code").loc[group.code, "value"]
    assert shown == pytest.approx(10_000 * vacancies / people)


@pytest.mark.parametrize("chart_id", ["sjp", "aku", "bas"])
def test_a_rate_published_without_its_counts_draws_no_group_and_says_why(chart_id):
    chart = CHARTS[chart_id]
    series = load_catalog()[chart.series]
    assert why_not_grouped(series, chart.measure)
    frame, population = data.load(chart.series).frame, data.load("population").frame
    selection = select(chart, series, frame, parse("?jmf=norrland"), population)
    assert selection.regions == ["23", RIKET]  # never the county alone
    assert any("täljare och nämnare" in note for note in selection.notes)


def test_every_declared_ratio_is_true_of_the_stored_data():
    """The catalog's `ratio_of` is what a group's share is computed by: it must be how the
    series' own shares are made, for every region, sex, group and month of the sample."""
    for series in load_catalog().values():
        for measure in [m for m in series.measures if m.ratio_of]:
            frame = data.load(series.id).frame
            keys = ["region_code", "period", "sex", "breakdown"]
            wide = frame[frame["measure"].isin([measure.id, *measure.ratio_of])].pivot_table(
                index=keys, columns="measure", values="value"
            )
            numerator, denominator = measure.ratio_of
            both = wide.dropna()
            both = both[both[denominator] > 0]
            assert len(both) > 1000
            assert np.allclose(both[measure.id], 100 * both[numerator] / both[denominator], atol=0.06)


def test_the_group_is_in_the_legend_the_table_and_the_download():
    state = parse("?jmf=00,grannar")
    chart, series = CHARTS["nara"], load_catalog()["unemployment_close"]
    stored = data.load(series.id)
    selection = select(chart, series, stored.frame, state, data.load("population").frame)
    figure = figure_for(chart, series, selection, state, stored.is_sample)
    assert "Grannlänen" in {trace.name for trace in figure.data}
    table = table_frame(selection, series)
    assert set(table[table["Region"] == "Grannlänen"]["Status"]) == {"beräknad för gruppen av regstats"}
    about = dict(download_about(chart, series, selection, stored, "/arbetsloshet?jmf=00,grannar"))
    members = "Dalarnas, Gävleborgs, Västernorrlands och Västerbottens län"
    assert about["Jämförelsegrupp"].startswith(f"Grannlänen: {members}")


def test_overview_cards_show_each_group_and_say_when_one_cannot_be_computed():
    from regstats.app.router import render_page

    body, _ = render_page("/", parse("?jmf=00,norrland&valda=01,03"))
    text = json.dumps(body, default=lambda c: c.to_plotly_json(), ensure_ascii=False)
    assert text.count("Övriga Norrlandslän") >= 6 and text.count("Valda län") >= 6  # every groupable card
    assert "Sjukpenningtal publiceras inte som täljare och nämnare per län" in text
    assert "lägre än i övriga Norrlandslän" in text or "högre än i övriga Norrlandslän" in text  # the story
