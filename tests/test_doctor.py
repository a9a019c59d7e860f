"""`regstats doctor`: each series' live contract, without downloading data."""

from __future__ import annotations

from tests.test_refresh_cli import line_of


def test_every_series_is_ok_against_publishers_that_speak_their_recorded_shapes(cli, fake):
    result = cli("doctor")
    assert result.code == 0, result.out
    assert "ändrad" not in result.out and "borta" not in result.out
    assert not [r for r in fake.requests if r[1] == "POST"]  # no data call
    assert fake.count("fk", r"\.json\?") == 0
    assert "NAKUBefolkningLK" in line_of(result.out, "unemployment_aku")
    # what was checked, per series: variables and units from metadata; AF's files by structure
    assert "TAB5663: 4 variabler, enheter, avslutad-flagga" in line_of(result.out, "unemployment_bas")
    vacancies = line_of(result.out, "vacancies_new")
    for tab in ["1996-01-", "SNIAVD 2010-01-", "Yrkesområde 201301-"]:
        assert f"web-platser flik {tab}: fält (PERIOD, LAN" in vacancies
    assert "web-inskrivna-arbetslosa-svag-konkurrensformaga: pivotcache (PERIOD, KOEN" in line_of(
        result.out, "unemployment_close"
    )


def test_a_changed_variable_a_gone_table_and_a_wrong_kpi_geography_are_named(cli, fake):
    fake.rename_variable(fake.scb["TAB5663"], "NyckeltalSCB", "Nyckeltal")
    fake.use_tva_generation("2024")
    fake.tva.label = "Utmätningar per kvartal"
    fake.fk.tables["ohm-sjptal"] = "SJPsjptalV2"
    result = cli("doctor")
    assert result.code == 1
    assert "saknar variabeln NyckeltalSCB" in line_of(result.out, "unemployment_bas")
    assert "ändrad" in line_of(result.out, "bankruptcies")
    assert "'SJPsjptal' finns inte i datasetets meta" in result.out
    assert "ok" in line_of(result.out, "sentiment")


def test_a_kpi_asked_for_the_wrong_geography_is_reported(cli, fake, monkeypatch):
    from regstats.fakes import kolada

    rows = {k: dict(v) for k, v in kolada.kpi_rows().items()}
    rows["N03941"]["municipality_type"] = "K"  # Kolada now has it for municipalities only
    monkeypatch.setattr(kolada, "kpi_rows", lambda: rows)
    result = cli("doctor", "--series", "kolada")
    assert result.code == 1 and "N03941 är av typ K hos Kolada men katalogen frågar efter län och riket" in result.out
