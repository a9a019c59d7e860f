"""The view space, not examples: Riket's 21 counties × every chart × every transform × every sex,
built as the dashboard builds them (pure: no browser). What a reader sees must hold in every cell:
a sex named only where the series is split by sex, period labels by the series' frequency, tick
labels distinct, category labels on one line."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regstats.catalog import load_catalog
from regstats.classifications import GROUPS
from regstats.geography import COUNTIES
from regstats.store.reading import reading_store
from regstats.views.content import describe, figure_for, table_frame, title_for
from regstats.views.pages import CHARTS
from regstats.views.select import select
from regstats.views.state import ViewState

SAMPLE = Path(__file__).resolve().parents[1] / "data"
SEX_WORDS = re.compile(r"\b(kvinnor|män)\b", re.IGNORECASE)
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
TRANSFORMS = [None, "level", "yoy", "index", "ma", "per10k", "sa", "trend"]
CHOSEN = ("01", "12", "14")  # an own group of the three largest counties


@cache
def _frame(series_id: str):
    return reading_store(SAMPLE).read(series_id).frame


def _view(
    chart_id: str,
    county: str,
    transform: str | None,
    sex: str,
    group: str | None = None,
    view: str = "diagram",
    compare: tuple[str, ...] = ("00",),
):
    chart = CHARTS[chart_id]
    series = load_catalog()[chart.series]
    state = ViewState(county, compare, CHOSEN, transform=transform, sex=sex, group=group, view=view)
    selection = select(chart, series, _frame(chart.series), state, _frame("population"))
    figure = figure_for(chart, series, selection, state, sample=True)
    return chart, series, selection, figure


def _assert_reads_right(chart, series, selection, figure) -> None:
    layout = figure.layout
    words = f"{title_for(chart, selection)} {describe(chart, selection)} {layout.title.subtitle.text}"
    if not selection.sex_split:
        assert not SEX_WORDS.search(words.replace("Kvinnor och män", "")), (chart.id, words)
    for key, axis in layout.to_plotly_json().items():
        if key.startswith("xaxis") and axis.get("ticktext"):
            labels = list(axis["ticktext"])
            assert len(labels) == len(set(labels)), (chart.id, labels)
            if series.frequency == "quarterly" and len(labels) > 1 and "kv." in labels[0]:
                assert all(re.fullmatch(r"kv\. [1-4]<br>\d{4}", label) for label in labels), labels
            assert not any(re.search(r"[A-Z][a-z]{2} \d{4}", label) for label in labels), labels  # no 'Oct 2026'
    for trace in figure.data:
        if trace.type == "bar" and trace.orientation == "h":
            assert all("<br>" not in label for label in trace.y), chart.id
    if not selection.frame.empty:
        table = table_frame(selection, series)
        assert len(table) == len(selection.frame)
        if series.frequency == "quarterly":
            assert table["Period"].str.fullmatch(r"\d{4} kv\. [1-4]").all()


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_every_chart_of_every_county_reads_right_in_its_default_view(county):
    for chart_id in CHARTS:
        _assert_reads_right(*_view(chart_id, county, None, "T"))


@settings(max_examples=120, deadline=None)
@given(
    chart_id=st.sampled_from(sorted(CHARTS)),
    county=st.sampled_from(sorted(COUNTIES)),
    transform=st.sampled_from(TRANSFORMS),
    sex=st.sampled_from(["T", "K", "M"]),
    group=st.sampled_from([None, *GROUPS]),
    view=st.sampled_from(["diagram", "ar"]),
    compare=st.sampled_from([("00",), ("00", "norrland"), ("00", "grannar", "valda"), ("norrland",)]),
)
def test_every_view_reads_right(chart_id, county, transform, sex, group, view, compare):
    chart, series, selection, figure = _view(chart_id, county, transform, sex, group, view, compare)
    _assert_reads_right(chart, series, selection, figure)
    # A comparison group is drawn with its rows, or not at all and the chart says why.
    drawn = set(selection.frame["region_code"])
    for found in selection.groups:
        assert found.code in drawn or selection.frame.empty or chart.kind in {"ytd"}, (chart.id, found.code)
    asked = ViewState(county, compare, CHOSEN).groups()
    if chart.kind in {"regions", "band"} and series.regional and any(g.code not in selection.regions for g in asked):
        assert any("täljare och nämnare" in note for note in selection.notes), chart.id
    if view == "ar" and selection.frequency == "monthly" and chart.kind in {"regions", "sexes", "band"}:
        years = [trace.name for trace in figure.data]
        assert years == sorted(years, reverse=True) and len(years) <= 6  # the newest year first
        assert all(list(trace.x) == sorted(trace.x, key=MONTHS.index) for trace in figure.data)


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_the_group_chart_shows_the_chosen_group_of_every_county_by_name(county):
    """Every group × sex: the title names the group (and the sex when one is shown), the rows are
    the group's share only, and the table says which group each row is."""
    for group, label in GROUPS.items():
        for sex in ["T", "K", "M"]:
            chart, series, selection, figure = _view("af-grupp", county, None, sex, group)
            _assert_reads_right(chart, series, selection, figure)
            title = title_for(chart, selection)
            assert label in title and title == figure.layout.title.text.split("<")[0].strip(), (county, group)
            assert set(selection.frame["breakdown"]) == {group} and set(selection.frame["sex"]) == {sex}
            assert set(table_frame(selection, series)["Grupp"]) == {label}
    if selection.sex_split and sex != "T" and chart.kind != "sexes" and not selection.frame.empty:
        named = "kvinnor" if sex == "K" else "män"
        assert named in title_for(chart, selection).lower()  # women alone are never taken for the total


def test_default_windows_are_five_years_of_months():
    for chart_id in ["konk", "ki", "platser"]:
        _, _, selection, _ = _view(chart_id, "23", None, "T")
        periods = selection.frame["period"]
        months = (periods.max().year - periods.min().year) * 12 + periods.max().month - periods.min().month + 1
        assert months <= 60, (chart_id, months)
