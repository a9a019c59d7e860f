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
