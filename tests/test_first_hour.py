"""A new analyst's first hour: an empty or partly filled store shows the sample, marked, for what
it lacks; no page shows where the server keeps its files; status shows the latest attempt;
`meeting create` says which slides have no data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import plotly.utils
import pytest

from regstats.views.pages import PAGES
from regstats.views.state import ViewState
from tests.conftest import FIXTURES
from tests.test_refresh_cli import line_of

REPO = Path(__file__).resolve().parents[1]


def _text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


@pytest.fixture
def app_client():
    from regstats.app.layout import build_app

    return build_app().server.test_client()


def _every_page(client) -> dict[str, str]:
    from regstats.app.router import render_page

    shown = {page.path: _text(render_page(page.path, ViewState())[0]) for page in PAGES}
    for url in ["/health", "/presentera", "/nytt", "/presentera/2031-01-01", "/finns-inte"]:
        shown[url] = client.get(url).get_data(as_text=True)
    return shown


def test_an_empty_store_shows_the_whole_sample_with_a_banner_on_how_to_fetch(data_root, app_client):
    from regstats.app import data
    from regstats.app.layout import _sample_banner

    data_root.mkdir()
    assert data.all_sample() and data.load("population").is_sample
    banner = _text(_sample_banner())
    assert "Exempeldata" in banner and "regstats refresh" in banner
    health = app_client.get("/health").json
    assert health["sample"] is True and len(health["sample_series"]) == len(health["series"])


def test_one_partial_import_keeps_the_sample_for_every_other_series(cli, data_root):
    from regstats.app import data
    from regstats.app.layout import _sample_banner
    from regstats.app.router import render_page

    result = cli("import", str(FIXTURES / "fk" / "export_sjukpenningtal_2024.xlsx"), "--partial")
    assert result.code == 0, result.err
    status = cli("status").out
    assert "exempeldata" not in line_of(status, "sick_leave_days")
    for other in ["population", "bankruptcies", "sentiment", "kolada"]:
        assert "exempeldata" in line_of(status, other), other
    assert not data.load("sick_leave_days").is_sample and data.load("bankruptcies").is_sample
    banner = _text(_sample_banner())
    assert "Konkurser" in banner and "Sjukpenningtal" not in banner
    body, _ = render_page("/konkurser", ViewState())
    assert "Data saknas" not in _text(body) and "Exempeldata" in _text(body)


def test_no_page_shows_the_servers_file_system(data_root, app_client, monkeypatch):
    shutil.copytree(REPO / "data", data_root)
    # A failed refresh leaves an error that names a file in the store, as a broken file's does.
    manifest = json.loads((data_root / "manifest.json").read_text("utf-8"))
    broken = f"{data_root}/store/population.parquet är trasig och går inte att läsa"
    manifest["series"]["population"].update(last_status="failed", last_error=broken)
    (data_root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for url, text in _every_page(app_client).items():
        assert str(data_root) not in text, url
        assert str(REPO) not in text, url
        assert "Traceback" not in text, url
    about = _every_page(app_client)["/om-data"]
    assert "population.parquet är trasig" in about and "Dataversion" in about


def test_status_shows_the_latest_attempt(cli, fake, data_root):
    assert cli("refresh", "--series", "sick_leave_days").code == 0
    fake.add_fault("fk", "drop")
    assert cli("refresh", "--series", "sick_leave_days", "--force").code == 1
    assert "misslyckad" in line_of(cli("status").out, "sick_leave_days")
    imported = cli("import", str(FIXTURES / "fk" / "export_sjukpenningtal_2024.xlsx"), "--partial")
    assert imported.code == 0, imported.err
    line = line_of(cli("status").out, "sick_leave_days")
    assert line.split("\t")[1] == "ok" and line.split("\t")[-1] == ""


def test_meeting_create_names_the_slides_without_data(cli, data_root, monkeypatch):
    monkeypatch.setenv("REGSTATS_SAMPLE_DIR", str(data_root.parent / "inget-exempel"))
    assert cli("import", str(FIXTURES / "fk" / "export_sjukpenningtal_2024.xlsx"), "--partial").code == 0
    result = cli("meeting", "create", "2026-12-03")
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if line.startswith("Varning: bild")]
    assert warnings and all("saknar data" in line for line in warnings)
    assert not any("sjukskrivningar" in line for line in warnings)


def test_a_sample_meeting_is_not_compared_value_by_value_with_real_data(cli, data_root):
    import shutil

    from regstats.app.router import render_page

    shutil.copytree(REPO / "data", data_root)
    assert cli("import", str(FIXTURES / "fk" / "export_sjukpenningtal_2024.xlsx"), "--partial").code == 0
    body = _text(render_page("/nytt", ViewState())[0])
    assert "bygger på exempeldata och lagret har nu riktiga data" in body
    assert body.count('"Td"') < 50  # not the thousands of "revisions" between sample and real values


def test_the_meetings_page_shows_the_largest_revisions_only():
    import pandas as pd

    from regstats.app.meetings import SHOWN_REVISIONS, _revisions_table
    from regstats.catalog import load_catalog
    from regstats.meeting.changes import SeriesChange

    revisions = pd.DataFrame(
        {
            "measure": "sick_pay_days",
            "region_code": "23",
            "sex": "T",
            "breakdown": "",
            "period": pd.date_range("2015-01-01", periods=100, freq="MS"),
            "old": 10.0,
            "new": [10.0 + i / 10 for i in range(100)],
            "unit": "dagar",
        }
    )
    table = _revisions_table(SeriesChange("sick_leave_days", "S", (), revisions), load_catalog()["sick_leave_days"])
    rows = table.children[2].children
    assert len(rows) == SHOWN_REVISIONS
    assert "19,9" in _text(table)  # the largest revision (10,0 → 19,9) is among those shown
