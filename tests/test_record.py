"""`regstats record DIR` saves a refresh's requests and responses; the bundle replays offline
through the real pipeline and gives the same store."""

from __future__ import annotations

import json

from regstats.store import SeriesStore
from tests.test_refresh_cli import line_of


def test_a_recorded_refresh_replays_offline_into_the_same_series(cli, fake, monkeypatch, tmp_path):
    bundle = tmp_path / "bundle"
    recorded = cli("record", str(bundle), "--publisher", "scb", "--publisher", "tva", "--publisher", "kolada")
    assert recorded.code == 0, recorded.out
    index = json.loads((bundle / "index.json").read_text("utf-8"))
    assert {e["publisher"] for e in index["responses"]} == {"scb", "scb_v1", "tva", "kolada"}
    assert (bundle / "PROVENANCE.md").exists() and "regstats record" in (bundle / "PROVENANCE.md").read_text()
    assert not list((tmp_path / "data").glob("store/*.parquet"))  # recording leaves the store alone

    fake.stop()  # the publishers are gone: only the bundle answers now
    result = cli("refresh", "--publisher", "scb", "--publisher", "tva", "--publisher", "kolada", "--replay", bundle)
    assert result.code == 0, result.out
    assert "inspelningen saknar" not in result.err
    assert not (tmp_path / "data" / "raw").exists()  # a replay archives nothing again
    store = SeriesStore(tmp_path / "data")
    assert set(store.series_ids()) == {
        "population",
        "unemployment_bas",
        "unemployment_bas_groups",
        "unemployment_aku",
        "housing_starts",
        "bankruptcies",
        "new_firms",
        "kolada",
    }
    konk = store.read("bankruptcies").frame
    assert konk[(konk.region_code == "00")]["status"].eq("sum").all()


def test_a_request_the_recording_lacks_is_named_and_fails_its_series(cli, fake, tmp_path):
    bundle = tmp_path / "bundle"
    assert cli("record", str(bundle), "--series", "bankruptcies").code == 0
    fake.stop()
    result = cli("refresh", "--series", "bankruptcies", "--series", "sentiment", "--replay", bundle)
    assert result.code == 1
    assert "nya data" in line_of(result.out, "bankruptcies")  # recorded: answered from the bundle
    assert "misslyckades" in line_of(result.out, "sentiment")  # never recorded: named, not invented
    assert "inspelningen saknar svar på GET" in result.err and "/ki/" in result.err


def test_replay_of_a_folder_that_is_no_recording_is_refused(cli, tmp_path):
    result = cli("refresh", "--replay", tmp_path)
    assert result.code == 2 and "ingen inspelning" in result.err
