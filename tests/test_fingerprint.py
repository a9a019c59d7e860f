"""Drift seen on every refresh: the metadata is read with the freshness probe and compared with
what is stored beside the series, so a change the publisher makes without a new release date is
refused by a plain refresh (store untouched) — and doctor, a refresh without the data, says so too."""

from __future__ import annotations

import pytest

from regstats.store.manifest import load_manifest
from tests.test_refresh_cli import line_of, snapshot


def _discontinued_in_metadata_only(fake, monkeypatch) -> str:
    table = fake.scb["TAB5663"]
    table.discontinued, table.discontinued_in = True, {"metadata"}  # listing and table info say nothing
    return "markerar tabellen TAB5663 som avslutad"


def _renamed_variable(fake, monkeypatch) -> str:
    fake.rename_variable(fake.scb["TAB5663"], "NyckeltalSCB", "Nyckeltal")
    return "saknar variabeln NyckeltalSCB"


def _scale_in_metadata(fake, monkeypatch) -> str:
    """The unit turns to 1000-tal in the metadata; `updated` does not move."""
    fake.scb["TAB6471"].variable("ContentsCode").recorded["category"]["unit"]["000007SF"]["base"] = "1000-tal"
    return "TAB6471 000007SF: enhet: '1000-tal, 0 decimaler', katalogen väntar 'antal'"


def _renamed_v1_variable(fake, monkeypatch) -> str:
    fake.rename_variable(fake.ki, "Indikator", "Indikatorer")  # KI's folder listing keeps its date
    return "saknar variabeln"


def _fk_measure_relabelled(fake, monkeypatch) -> str:
    meta = fake.fk.meta

    def relabelled(dataset):
        doc = meta(dataset)
        if doc and dataset == "ohm-sjptal":
            doc["table"]["columns"][0]["label"] = "Sjukpenningtal 2.0"
        return doc

    monkeypatch.setattr(fake.fk, "meta", relabelled)
    return "ohm-sjptal spt: etikett: 'Sjukpenningtal 1.0' → 'Sjukpenningtal 2.0'"


CHANGES = {
    "discontinued": ("unemployment_bas", _discontinued_in_metadata_only),
    "renamed": ("unemployment_bas", _renamed_variable),
    "scale": ("population", _scale_in_metadata),
    "renamed-v1": ("sentiment", _renamed_v1_variable),
    "fk-label": ("sick_leave_days", _fk_measure_relabelled),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_plain_refresh_refuses_a_change_made_only_in_the_metadata(cli, fake, data_root, monkeypatch, change):
    series, make = CHANGES[change]
    assert cli("refresh", "--series", series).code == 0
    before = snapshot(data_root)
    message = make(fake, monkeypatch)
    result = cli("refresh", "--series", series)  # no --force: nothing says a new release is out
    assert result.code == 1, result.out
    assert "misslyckades" in line_of(result.out, series)
    assert message in " ".join(result.out.split())
    assert snapshot(data_root) == before  # every Parquet file byte-identical
    assert load_manifest(data_root)["series"][series]["last_status"] == "failed"


@pytest.mark.parametrize("change", CHANGES)
def test_doctor_exits_non_zero_where_refresh_would_refuse(cli, fake, data_root, monkeypatch, change):
    series, make = CHANGES[change]
    assert cli("refresh", "--series", series).code == 0
    assert cli("doctor", "--series", series).code == 0
    message = make(fake, monkeypatch)
    result = cli("doctor", "--series", series)
    assert result.code == 1, result.out
    assert "ändrad" in line_of(result.out, series) and message in " ".join(result.out.split())


def test_doctor_fails_a_series_whose_file_structure_refresh_could_not_read(cli, fake):
    fake.af.renamed_fields = {"KOEN": "KON"}  # the weak-competitiveness file's sex field
    result = cli("doctor", "--publisher", "af")
    assert result.code == 1
    line = line_of(result.out, "unemployment_close")
    assert "ändrad" in line and "ingen pivotcache har fälten PERIOD, KOEN" in line
    assert "ok" in line_of(result.out, "unemployment_af")


def test_a_benign_metadata_change_is_read_in_full_said_and_then_quiet(cli, fake, data_root):
    """SCB's en dash in age labels (July 2026): the query selects by code, so the series still
    reads; the refresh downloads it to be sure, says what changed once, and stays quiet after."""
    assert cli("refresh", "--series", "population").code == 0
    ages = fake.scb["TAB6471"].variable("Alder")
    ages.labels = {code: label.replace("-", "–") for code, label in ages.labels.items()}
    fake.requests.clear()
    result = cli("refresh", "--series", "population")
    assert result.code == 0, result.out
    assert [r for r in fake.requests if r[1] == "POST"]  # the data was read to run the drift guard
    assert "metadata ändrad: TAB6471: värdetexterna i variabel Alder har ändrats" in result.out
    fake.requests.clear()
    again = cli("refresh", "--series", "population")
    assert "oförändrad" in line_of(again.out, "population") and "metadata ändrad" not in again.out
    assert not [r for r in fake.requests if r[1] == "POST"]
