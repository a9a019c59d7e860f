"""The drift guard through the real CLI: a changed meaning is refused, named, and stores
nothing, until the analyst accepts it as a break."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq

from regstats.store.manifest import load_manifest
from tests.test_refresh_cli import line_of, snapshot


def _scale_to_thousands(fake) -> None:
    """SCB publishes TAB6471 in 1000-tal: every value ÷ 1 000 and the unit says so."""
    table = fake.scb["TAB6471"]
    value = table.value
    table.value = lambda coords: value(coords) / 1000
    table.variable("ContentsCode").recorded["category"]["unit"]["000007SF"]["base"] = "1000-tal"
    table.updated = "2099-01-01T06:00:00Z"


def test_a_scale_change_is_refused_naming_old_and_new_and_stores_nothing(cli, fake, data_root):
    assert cli("refresh", "--series", "population").code == 0
    before = snapshot(data_root)
    _scale_to_thousands(fake)
    result = cli("refresh", "--series", "population")
    assert result.code == 1
    assert "misslyckades" in line_of(result.out, "population")
    assert "TAB6471 000007SF: enhet: 'antal, 0 decimaler' → '1000-tal, 0 decimaler'" in result.out
    assert "--accept-change population" in result.out
    assert snapshot(data_root) == before
    assert load_manifest(data_root)["series"]["population"]["last_status"] == "failed"


def test_an_accepted_change_is_stored_as_a_break(cli, fake, data_root):
    assert cli("refresh", "--series", "population").code == 0
    _scale_to_thousands(fake)
    result = cli("refresh", "--series", "population", "--accept-change", "population")
    assert result.code == 0, result.out
    assert "godtagen ändring sparad som seriebrott" in result.out
    metadata = pq.read_schema(data_root / "store" / "population.parquet").metadata
    (accepted,) = json.loads(metadata[b"accepted_changes"])
    assert any("1000-tal" in change for change in accepted["changes"])
    assert "TAB6471 000007SF: enhet" in metadata[b"contract"].decode()
    # Drawn where the new meaning arrived (the newest period of the version accepted), like the
    # catalog's breaks and the analyst's notes, and named in every download.
    from regstats.app import data
    from regstats.catalog import load_catalog
    from regstats.views.content import download_about, figure_for
    from regstats.views.pages import CHARTS
    from regstats.views.select import select
    from regstats.views.state import parse

    stored, chart = data.load("population"), CHARTS["bef-manad"]
    series, state = load_catalog()["population"], parse("?visa=index")
    selection = select(chart, series, stored.frame, state, stored.frame)
    figure = figure_for(chart, series, selection, state, stored.is_sample, None, stored.metadata)
    newest = pd.Timestamp(stored.frame["period"].max())
    assert accepted["period"] == f"{newest:%Y-%m}"
    assert newest in {pd.Timestamp(shape.x0) for shape in figure.layout.shapes}
    assert any("Godkänd ändring" in (note.hovertext or "") for note in figure.layout.annotations)
    about = dict(download_about(chart, series, selection, stored, "/befolkning"))
    assert "1000-tal" in about["Godkänd ändring"]


def test_a_mass_revision_of_history_is_refused(cli, fake, data_root):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    before = snapshot(data_root)
    table = fake.scb["TAB5663"]
    value = table.value
    table.value = lambda coords: value(coords) + 2.0  # every month since 2024 rewritten
    table.updated = "2099-01-01T06:00:00Z"
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 1
    assert "historiska värden ändrades (100 %, gränsen är 50 %)" in result.out
    assert snapshot(data_root) == before


def test_revisions_of_recent_months_are_ordinary_revisions(cli, fake, data_root):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    table = fake.scb["TAB5663"]
    table.revision, table.updated = 2, "2099-01-01T06:00:00Z"  # the three newest months
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 0 and "reviderad" in line_of(result.out, "unemployment_bas")


def test_a_discontinued_flag_in_the_metadata_alone_stops_the_series(cli, fake, data_root):
    table = fake.scb["TAB5663"]
    table.discontinued, table.discontinued_in = True, {"metadata"}  # the table probe says nothing
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 1
    assert "markerar tabellen TAB5663 som avslutad" in result.out
    assert not (data_root / "store" / "unemployment_bas.parquet").exists()


def test_periods_the_publisher_no_longer_has_are_refused(cli, fake, data_root):
    assert cli("refresh", "--series", "sentiment").code == 0
    before = snapshot(data_root)
    time = fake.ki.time
    time.values = time.values[12:]  # KI's table now starts in 1997
    fake.ki.updated = "2099-01-01T08:00:00"
    result = cli("refresh", "--series", "sentiment")
    assert result.code == 1
    assert "12 perioder som finns i den lagrade versionen saknas: 1996-01, 1996-02" in result.out
    assert snapshot(data_root) == before


def test_a_scale_change_on_an_empty_store_is_refused_too(cli, fake, data_root):
    """No stored version to compare with: the catalog's pinned publisher units guard a first refresh."""
    _scale_to_thousands(fake)
    result = cli("refresh", "--series", "population")
    assert result.code == 1
    assert "misslyckades" in line_of(result.out, "population")
    assert "TAB6471 000007SF: enhet: '1000-tal, 0 decimaler', katalogen väntar 'antal' eller 'antal personer'" in (
        " ".join(result.out.split())
    )
    assert not (data_root / "store" / "population.parquet").exists()


def test_one_decimal_is_said_in_swedish():
    from regstats.pipeline.drift import contract_changes

    (change,) = contract_changes({"x: enhet": "procent, 0 decimaler"}, {"x: enhet": "procent, 1 decimaler"})
    assert change == "x: enhet: 'procent, 0 decimaler' → 'procent, 1 decimal'"
