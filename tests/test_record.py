"""`regstats record DIR` saves a refresh's requests and responses; the bundle replays offline
through the real pipeline and gives the same store."""

from __future__ import annotations

import json

from regstats.fakes.replay import ReplayPublishers
from regstats.store import SeriesStore


def test_a_recorded_refresh_replays_offline_into_the_same_series(cli, fake, monkeypatch, tmp_path):
    bundle = tmp_path / "bundle"
    recorded = cli("record", str(bundle), "--publisher", "scb", "--publisher", "tva", "--publisher", "kolada")
    assert recorded.code == 0, recorded.out
    index = json.loads((bundle / "index.json").read_text("utf-8"))
    assert {e["publisher"] for e in index["responses"]} == {"scb", "scb_v1", "tva", "kolada"}
    assert (bundle / "PROVENANCE.md").exists() and "regstats record" in (bundle / "PROVENANCE.md").read_text()
    assert not list((tmp_path / "data").glob("store/*.parquet"))  # recording leaves the store alone

    fake.stop()  # the publishers are gone: only the bundle answers now
    with ReplayPublishers(bundle) as replay:
        for key, value in replay.env().items():
            monkeypatch.setenv(key, value)
        result = cli("refresh", "--publisher", "scb", "--publisher", "tva", "--publisher", "kolada")
    assert result.code == 0, result.out
    assert replay.misses == []
    store = SeriesStore(tmp_path / "data")
    assert set(store.series_ids()) == {"population", "unemployment_bas", "unemployment_aku", "bankruptcies", "kolada"}
    konk = store.read("bankruptcies").frame
    assert konk[(konk.region_code == "00")]["status"].eq("sum").all()
