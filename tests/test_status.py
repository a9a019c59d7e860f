"""Honest status: ok, stale, failed and skipped told apart in the CLI, the report and the app."""

from __future__ import annotations

from datetime import date

from regstats.catalog import get_series
from regstats.store.manifest import update_entry
from regstats.store.status import series_state
from regstats.views.state import ViewState
from tests.test_refresh_cli import line_of


def test_an_offline_refresh_counts_failed_and_skipped_apart_and_status_says_so(cli, fake, data_root):
    assert cli("refresh", "--publisher", "scb").code == 0
    fake.add_fault("scb", "drop")
    result = cli("refresh", "--publisher", "scb", "--force")
    assert result.code == 1
    # The first SCB v2 series fails; the three after it are skipped; AKU's v1 host answers.
    assert "1 misslyckade, 3 överhoppade" in result.out
    status = cli("status").out
    states = [line_of(status, s) for s in ["population", "unemployment_bas"]]
    assert sum("misslyckad" in line for line in states) == 1 and sum("överhoppad" in line for line in states) == 1
    assert "ok" in line_of(status, "unemployment_aku")
    assert "exempeldata" in line_of(status, "sentiment")  # never fetched: the sample stands in, marked


def test_a_series_behind_the_release_calendar_is_stale():
    series = get_series("unemployment_bas")
    entry = {"last_status": "ok", "latest_period": "2025M01", "last_success": "2026-11-30T06:00:00+00:00"}
    state = series_state(series, entry, date(2026, 11, 30))
    assert state.state == "stale" and "2025M01 är äldre än väntat" in state.reason
    fresh = {**entry, "latest_period": "2026M08"}
    assert series_state(series, fresh, date(2026, 11, 30)).ok


def test_the_overview_and_each_chart_warn_when_what_they_show_is_not_current(data_root):
    import shutil
    from pathlib import Path

    from regstats.app.overview import overview

    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data_root)
    update_entry(data_root, "bankruptcies", last_status="failed", last_error="Tillväxtanalys svarade inte")
    update_entry(data_root, "sentiment", last_status="skipped", last_error="hoppades över: KI svarade inte")
    text = str(overview(ViewState()))
    assert "Alla serier är inte aktuella" in text
    assert "Konkurser: Senaste uppdateringen misslyckades" in text
    assert "Publiceraren svarade inte vid senaste uppdateringen" in text
