"""`regstats rebuild SERIES`: a fixed parser applied to what was already fetched, offline."""

from __future__ import annotations

from regstats.fakes import synthetic
from regstats.store import SeriesStore


def test_a_parser_fix_is_applied_to_archived_answers_without_a_network(cli, fake, data_root, monkeypatch):
    import regstats.sources.pxweb1 as pxweb1

    tidy = pxweb1.to_tidy
    with monkeypatch.context() as bug:  # a parser that read every index one point low
        bug.setattr(pxweb1, "to_tidy", lambda *a: tidy(*a).assign(value=lambda f: f["value"] - 1))
        assert cli("refresh", "--series", "sentiment").code == 0
    fake.stop()  # offline from here

    refused = cli("rebuild", "sentiment")
    assert refused.code == 1 and "historiska värden ändrades" in refused.out  # the drift guard still asks
    result = cli("rebuild", "sentiment", "--accept-change")
    assert result.code == 0, result.out
    assert "arkivet saknar" not in result.out  # every request the refresh made was answered from raw/
    assert "sentiment: reviderad" in result.out and "godtagen ändring sparad som seriebrott" in result.out
    frame = SeriesStore(data_root).read("sentiment").frame
    row = frame[(frame.measure == "barometer")].iloc[0]
    assert row["value"] == synthetic.sentiment("KIFI", row["period"].date())


def test_rebuild_without_an_archive_says_so(cli, data_root):
    result = cli("rebuild", "sentiment")
    assert result.code == 2 and "inga arkiverade svar" in result.err
