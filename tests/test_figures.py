"""Figures are pure functions: check what a reader would see in them."""

import pandas as pd

from regstats.figures import charts
from tests.test_transform import series


def test_county_and_riket_differ_by_line_style_not_only_colour():
    frame = pd.concat([series([4, 5, 6], region="23"), series([6, 7, 8], region="00")])
    figure = charts.lines_by_region(frame, ["23", "00"], title="T", unit="procent", sample=False)
    lines = [t for t in figure.data if t.mode == "lines"]
    assert [t.name for t in lines] == ["Jämtlands län", "Riket"]
    assert lines[0].line.dash != lines[1].line.dash
    assert figure.layout.separators == ",\u00a0"
    # Month and year on the axis, written by regstats in Swedish (no locale-dependent tickformat).
    assert list(figure.layout.xaxis.ticktext) == ["jan<br>2024", "feb<br>2024", "mar<br>2024"]
    assert figure.layout.xaxis.tickformat is None


def test_sample_data_carries_a_visible_mark():
    figure = charts.lines_by_region(series([1, 2]), ["23"], title="T", unit="antal", sample=True)
    assert any(a.text == "EXEMPELDATA" for a in figure.layout.annotations)
    figure = charts.lines_by_region(series([1, 2]), ["23"], title="T", unit="antal", sample=False)
    assert not any(a.text == "EXEMPELDATA" for a in figure.layout.annotations)


def test_suppressed_cells_are_marked_not_drawn_as_zero():
    frame = series([4, 0, 6])
    frame.loc[1, ["value", "status"]] = [float("nan"), "<5"]
    figure = charts.lines_by_region(frame, ["23"], title="T", unit="antal", sample=False)
    line, flags = figure.data
    assert pd.isna(line.y[1])
    assert "uppgift saknas (<5)" in flags.hovertext[0]


def test_the_aku_band_spans_estimate_plus_minus_margin():
    frame = pd.concat([series([5.0, 6.0], measure="unemployment_rate"), series([2.0, 2.0], measure="margin_of_error")])
    figure = charts.band(frame, ["23"], title="AKU", unit="procent", sample=False)
    band, line = figure.data
    assert list(band.y) == [7.0, 8.0, 4.0, 3.0] and band.fill == "toself"
    assert list(line.y) == [5.0, 6.0]


def test_industry_bars_rank_the_latest_twelve_months_against_the_twelve_before():
    rows = []
    for code, before, recent in [("C", 10, 20), ("J", 5, 40), ("F", 30, 1)]:
        frame = series([before] * 12 + [recent] * 12, start="2024-11-01")
        rows.append(frame.assign(breakdown=code, region_code="00"))
    figure = charts.industry_bars(
        pd.concat(rows), {"J": "Information och kommunikation"}, title="V", unit="personer", sample=False
    )
    previous, latest = figure.data
    # Largest last (top); one line of letter and short name, the full name in the hover.
    assert latest.y[-1] == "J Information, kommunikation" and latest.customdata[-1] == "J Information och kommunikation"
    assert all("<br>" not in label and len(label) <= 30 for label in latest.y)
    assert list(latest.x) == [12.0, 240.0, 480.0] and list(previous.x) == [360.0, 120.0, 60.0]


def test_year_to_date_compares_the_same_months_of_each_year():
    from regstats.analysis.transform import year_to_date

    totals, through = year_to_date(series([1] * 12 + [2] * 12 + [3] * 10, start="2024-01-01"))
    figure = charts.year_to_date(totals, "23", through, title="Konkurser hittills i år", unit="antal", sample=False)
    assert list(figure.data[0].x) == ["2024", "2025", "2026"]
    assert list(figure.data[0].y) == [10, 20, 30]
    assert figure.layout.title.text == "Konkurser hittills i år, jan–okt"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_line_colour_has_at_least_three_to_one_contrast_on_white():
    from regstats.figures.style import LINES, SEX_LINES

    for colour, _ in [*LINES, *SEX_LINES.values()]:
        contrast = (1.0 + 0.05) / (_luminance(colour) + 0.05)
        assert contrast >= 3.0, (colour, round(contrast, 2))
    assert len({dash for _, dash in LINES[:6]}) == 6  # the first six regions never share a line style


def test_a_chart_of_women_says_so_in_its_title_and_every_table_row():
    from pathlib import Path

    from regstats.catalog import load_catalog
    from regstats.store import SeriesStore
    from regstats.views.content import figure_for, table_frame
    from regstats.views.pages import CHARTS
    from regstats.views.select import select
    from regstats.views.state import parse

    store = SeriesStore(Path(__file__).resolve().parents[1] / "data")
    chart, series = CHARTS["af"], load_catalog()["unemployment_af"]
    selection = select(chart, series, store.read(series.id).frame, parse("?kon=K"))
    figure = figure_for(chart, series, selection, parse("?kon=K"), True)
    assert "kvinnor" in figure.layout.title.text
    assert set(table_frame(selection, series)["Kön"]) == {"Kvinnor"}


def test_values_read_as_a_swede_writes_them():
    from regstats.formatting import change_sv, with_unit

    assert with_unit(135403.0, "antal") == "135\u00a0403"
    assert with_unit(2.5, "procent") == "2,5\u00a0%"
    assert with_unit(9.4, "dagar") == "9,4 dagar"
    assert change_sv(-0.04, "procentenheter") == "oförändrad"  # never '−0,0'
    assert change_sv(0.3, "procentenheter") == "+0,3 procentenheter"
    assert change_sv(-12.0, "%") == "−12,0\u00a0%"


def test_ticks_are_written_as_a_swede_reads_them():
    frame = pd.concat([series([25_000, 10_000_000], region="23"), series([30_000, 12_000_000], region="00")])
    for figure in [
        charts.lines_by_region(frame, ["23"], title="T", unit="antal", sample=False),
        charts.lines_by_region(frame, ["23", "00"], title="T", unit="antal", sample=False),  # panels
    ]:
        axes = [figure.layout[name] for name in figure.layout if name.startswith("yaxis")]
        assert axes and all(a.exponentformat == "none" and a.separatethousands for a in axes)  # never 25k, 10M
        assert figure.layout.separators == ",\u00a0"  # '10 000 000' and '2,5'
