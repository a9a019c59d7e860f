"""The analyst's notes: written with `regstats note add|list|remove` into the analyst's store,
refused with a clear error when wrong (nothing written), drawn on the charts of the series and
regions they name — and only those — and listed in every download's context lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from regstats.catalog import load_catalog
from regstats.geography import COUNTIES
from regstats.store.reading import reading_store
from regstats.views.content import download_about, figure_for
from regstats.views.pages import CHARTS
from regstats.views.select import select
from regstats.views.state import ViewState

SAMPLE = Path(__file__).resolve().parents[1] / "data"


def _figure_and_about(chart_id: str, county: str):
    chart = CHARTS[chart_id]
    series = load_catalog()[chart.series]
    store = reading_store(SAMPLE)
    stored = store.read(chart.series)
    state = ViewState(county=county)
    selection = select(chart, series, stored.frame, state, store.read("population").frame)
    figure = figure_for(chart, series, selection, state, sample=True)
    return figure, download_about(chart, series, selection, stored, "/varsel")


def test_a_note_is_added_listed_and_removed(cli, data_root):
    added = cli("note", "add", "2026-03", "Stort varsel vid sågverket", "--till", "2026-05", "-s", "redundancies",
                "-r", "23")
    assert added.code == 0 and "Anteckning 1 sparad: 2026-03–2026-05 Stort varsel vid sågverket" in added.out
    assert cli("note", "add", "2025-09", "Ny kommunal budget").code == 0
    listed = cli("note", "list", "--format", "text")
    assert "1\t2026-03–2026-05\tStort varsel vid sågverket\tredundancies\t23" in listed.out
    assert "2\t2025-09\tNy kommunal budget\talla\talla" in listed.out
    assert cli("note", "remove", "1").code == 0
    assert "sågverket" not in cli("note", "list", "--format", "text").out
    assert (data_root / "notes.yaml").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["2026-13", "x"], "skrivs ÅÅÅÅ-MM"),
        (["2026-05", "x", "--till", "2026-03"], "ligger före"),
        (["2026-05", "x", "-s", "nosuch"], "Okänd serie"),
        (["2026-05", "x", "-r", "99"], "Okänd regionkod"),
        (["2026-05", "x" * 201], "1–200 tecken"),
    ],
)
def test_a_wrong_note_is_refused_and_nothing_is_written(cli, data_root, args, said):
    assert cli("note", "add", "2026-01", "Finns redan").code == 0
    before = (data_root / "notes.yaml").read_bytes()
    result = cli("note", "add", *args)
    assert result.code != 0 and said in result.err
    assert (data_root / "notes.yaml").read_bytes() == before


def test_a_broken_notes_file_is_named(cli, data_root):
    data_root.mkdir(parents=True, exist_ok=True)
    (data_root / "notes.yaml").write_text("notes: [{start: 2026-01}]", "utf-8")
    result = cli("note", "list")
    assert result.code != 0 and "notes.yaml kan inte läsas" in result.err


def test_a_note_is_drawn_on_its_series_and_regions_only_and_listed_in_downloads(cli, data_root):
    assert cli("note", "add", "2026-03", "Stort varsel vid sågverket", "-s", "redundancies", "-r", "23").code == 0
    for county in COUNTIES:
        figure, about = _figure_and_about("varsel-lan", county)
        labels = [a.text for a in figure.layout.annotations]
        hovers = [a.hovertext for a in figure.layout.annotations if a.text == "Anteckning"]
        noted = ("Anteckning", "2026-03: Stort varsel vid sågverket")
        if county == "23":
            assert "Anteckning" in labels and hovers == ["2026-03: Stort varsel vid sågverket"]
            assert noted in about
        else:
            assert "Anteckning" not in labels and noted not in about, county
    other, about = _figure_and_about("platser", "23")  # another series: not drawn
    assert "Anteckning" not in [a.text for a in other.layout.annotations]


def test_a_note_is_drawn_on_the_charts_by_sex_and_with_a_margin_of_error_too(cli, data_root):
    """Every chart with a time axis draws the notes: sick leave by sex, AKU's band."""
    assert cli("note", "add", "2025-06", "Ny rutin för sjukskrivning", "-s", "sick_leave_days").code == 0
    assert cli("note", "add", "2025-04", "Urvalet byttes", "-s", "unemployment_aku").code == 0
    for chart_id, text in [("sjp", "2025-06: Ny rutin för sjukskrivning"), ("aku", "2025-04: Urvalet byttes")]:
        figure, about = _figure_and_about(chart_id, "23")
        assert [a.hovertext for a in figure.layout.annotations if a.text == "Anteckning"] == [text]
        assert ("Anteckning", text) in about
