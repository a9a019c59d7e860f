"""A county's count series must be readable against Riket: compared per 10 000 inhabitants or as
an index by default, drawn as separate panels when the reader asks for the level. Checked on
the bundled sample, as the dashboard and the deck read it."""

from __future__ import annotations

import pandas as pd
import pytest

from regstats.app import data
from regstats.catalog import load_catalog
from regstats.store import sample_dir
from regstats.views.content import describe, figure_for
from regstats.views.pages import CHARTS
from regstats.views.select import select
from regstats.views.state import parse


@pytest.fixture(autouse=True)
def _sample(monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))


def _view(chart_id: str, search: str = ""):
    chart = CHARTS[chart_id]
    series = load_catalog()[chart.series]
    stored = data.load(chart.series)
    state = parse(search)
    selection = select(chart, series, stored.frame, state, data.load("population").frame)
    return chart, selection, figure_for(chart, series, selection, state, stored.is_sample)


@pytest.mark.parametrize("chart_id", ["platser", "varsel-lan", "konk", "konk-anstallda"])
def test_counts_are_compared_per_10000_inhabitants_by_default(chart_id):
    _, selection, figure = _view(chart_id)
    assert selection.transform == "per10k" and selection.unit == "per 10 000 invånare"
    lines = {t.name: pd.Series(t.y).dropna() for t in figure.data if t.mode == "lines"}
    county, riket = lines["Jämtlands län"], lines["Riket"]
    # The same scale: a county is no longer a flat line at the foot of Riket's (raw: ~1:80).
    assert 0.2 < county.mean() / riket.mean() < 5
    # No sex split in the series: no sex named.
    assert figure.layout.title.subtitle.text == "Jämtlands län och Riket · per 10 000 invånare"


def test_a_rate_is_the_count_over_the_population_of_that_month():
    _, selection, _ = _view("platser", "?fran=2025-06&till=2025-06")
    stored = data.load("vacancies_new").frame
    people = data.load("population").frame
    month = pd.Timestamp("2025-06-01")

    def raw(frame, measure, region):
        rows = frame[(frame.measure == measure) & (frame.region_code == region) & (frame.period == month)]
        return float(rows[(rows.sex == "T") & (rows.breakdown == "")].value.iloc[0])

    shown = selection.frame.set_index("region_code")["value"]
    for region in ["23", "00"]:
        expected = 10_000 * raw(stored, "new_vacancies", region) / raw(people, "month_end", region)
        assert shown[region] == pytest.approx(expected)


def test_the_level_chosen_is_drawn_as_one_panel_per_region():
    _, selection, figure = _view("platser", "?visa=niva&jmf=00,22")
    assert selection.unit == "antal"
    panels = [t.yaxis for t in figure.data if t.mode == "lines"]
    assert panels == ["y", "y2", "y3"]  # each region its own y-axis
    titles = [a.text for a in figure.layout.annotations if a.text != "EXEMPELDATA"]
    assert titles[:3] == ["Jämtlands län", "Riket", "Västernorrlands län"]
    assert figure.layout.yaxis.title.text == "antal" and figure.layout.yaxis2.title.text == "antal"


def test_population_is_an_index_from_the_start_of_the_window():
    _, selection, figure = _view("bef-ar", "?fran=2015-01")
    first = selection.frame[selection.frame.period == selection.frame.period.min()]
    assert list(first["value"].round(6)) == [100.0, 100.0]
    assert selection.unit == "index, 2015 = 100"  # 31 December is annual: no month in its base
    assert figure.layout.title.subtitle.text.endswith("index, 2015 = 100")


def test_a_rate_series_keeps_its_own_unit_and_says_the_sex_shown():
    chart, selection, figure = _view("nara", "?kon=K")
    assert selection.transform == "level"
    assert describe(chart, selection) == "Jämtlands län och Riket · kvinnor · procent"
    assert figure.layout.title.subtitle.text == "Jämtlands län och Riket · kvinnor · procent"


def test_a_county_ranks_among_the_21_on_twelve_months_per_10000_inhabitants():
    from regstats.views.compare import BY_KEY, compare

    stored = data.load("redundancies").frame
    people = data.load("population").frame
    found = compare(BY_KEY["varsel"], stored, "monthly", "antal", people)
    totals = stored[(stored.measure == "persons") & (stored.breakdown == "") & (stored.sex == "T")]
    latest = totals.period.max()
    window = totals[totals.period > latest - pd.DateOffset(months=12)]
    counts = window.groupby("region_code")["value"].sum()
    month_end = people[(people.measure == "month_end") & (people.sex == "T")]
    month_end = month_end[month_end.period == month_end[month_end.period <= latest].period.max()]
    per_10k = 10_000 * counts / month_end.set_index("region_code")["value"]
    assert found.values["23"] == pytest.approx(per_10k["23"])
    counties = per_10k.drop("00")
    assert found.rank("23") == 1 + int((counties > counties["23"]).sum())
    assert found.ranked == 21 and found.rank("00") is None


def test_the_map_colours_every_county_in_five_classes_and_names_every_area():
    import base64

    from regstats.figures.svgmap import CLASSES, area_map
    from regstats.geo import county_outlines
    from regstats.geography import REGIONS

    values = pd.Series({o.code: float(i) for i, o in enumerate(county_outlines())})
    drawn = area_map(county_outlines(), values, REGIONS, unit="procent", selected="23", sample=True)
    svg = base64.b64decode(drawn.src.split(",", 1)[1]).decode()
    assert {colour for colour in CLASSES if f'fill="{colour}"' in svg} == set(CLASSES)
    assert svg.count('stroke-width="2.5"') == 1 and "EXEMPELDATA" in svg  # the chosen county, the mark
    assert {a.code for a in drawn.areas} == {o.code for o in county_outlines()}
    assert any(a.label.startswith("Jämtlands län: ") and a.label.endswith(" procent") for a in drawn.areas)
    assert drawn.legend[0][1] == "0,0–4,0"
    # The areas lie inside the image: their pixel coordinates are where the shapes are drawn.
    points = [int(v) for a in drawn.areas for v in a.coords.split(",")]
    assert min(points) >= 0 and max(points[0::2]) <= drawn.width and max(points[1::2]) <= drawn.height


def test_the_aku_band_says_when_it_draws_fewer_regions_than_chosen():
    chart, selection, figure = _view("aku", "?jmf=00,22,24")
    assert any("Felmarginalen ritas för länet och den första jämförelsen" in note for note in selection.notes)
    assert set(selection.frame.region_code) == {"23", "00", "22", "24"}  # all of them in the table
    assert describe(chart, selection).startswith("Jämtlands län och Riket ·")
    assert {t.name for t in figure.data if t.mode == "lines+markers"} == {"Jämtlands län", "Riket"}


@pytest.mark.parametrize("search", ["", "?visa=niva&jmf=00,22&kon=K", "?visa=index&fran=2024-01", "?visa=forandring"])
def test_every_figure_is_valid_plotly(search):
    """The charts are written as plain dicts and not validated when built (for speed): here each
    one must pass plotly's full schema validation."""
    import plotly.graph_objects as go

    for chart_id in CHARTS:
        _, _, figure = _view(chart_id, search)
        go.Figure(figure.to_plotly_json())  # raises on any property plotly does not know
