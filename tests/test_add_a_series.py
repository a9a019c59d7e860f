"""Adding a PxWeb series is declarative: a catalog entry and the table's metadata, no Python.

The entry below is what the README's "Lägg till en serie" tells an analyst to write: employed,
unemployed and the labour force 20–64 for every municipality from SCB's TAB6260, a series regstats
does not ship. It is kept in a file of the analyst's own (REGSTATS_CATALOG); the fake SCB serves
the table from its bundled metadata alone (fakes/described.py). The test then uses it as a user
would: `list`, `doctor`, `refresh`, `show`, and the stored values against the publisher's cells.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import regstats
from regstats.catalog import load_catalog
from regstats.fakes.described import recorded_tables

ENTRY = """
series:
  - id: labour_force_local
    title_sv: Sysselsatta och arbetslösa per kommun (BAS)
    title_en: Employed and unemployed by municipality (BAS)
    unit: antal
    definition: Sysselsatta, arbetslösa och arbetskraften 20–64 år per kommun, län och riket, per månad.
    publisher: scb
    frequency: monthly
    geography: [riket, county, municipality]
    release_lag_days: 60
    preliminary: true
    licence: CC0 1.0 (SCB)
    source_url: https://statistikdatabasen.scb.se/api/v2/tables/TAB6260?lang=sv
    notes: Preliminär statistik.
    breaks: []
    publisher_units: ["antal"]
    measures:
      - {id: employed, title_sv: Sysselsatta, title_en: Employed, unit: antal}
      - {id: unemployed, title_sv: Arbetslösa, title_en: Unemployed, unit: antal}
      - {id: labour_force, title_sv: Arbetskraften, title_en: Labour force, unit: antal}
    queries:
      - protocol: pxweb2
        table: TAB6260
        fixed: {sex: T}
        variables:
          - {code: Region, role: region, codes: areas}
          - {code: Alder, codes: ["20-64"]}
          - code: ContentsCode
            role: measure
            codes: {"000006HI": employed, "000004YH": unemployed, "000006IU": labour_force}
          - {code: Tid, role: time}
"""
CONTENTS = {"employed": "000006HI", "unemployed": "000004YH", "labour_force": "000006IU"}


@pytest.fixture
def own_catalog(tmp_path, monkeypatch):
    path = tmp_path / "mina-serier.yaml"
    path.write_text(ENTRY, "utf-8")
    monkeypatch.setenv("REGSTATS_CATALOG", str(path))
    load_catalog.cache_clear()
    yield path
    load_catalog.cache_clear()


def test_nothing_in_the_package_names_the_new_series_or_models_its_table():
    package = Path(regstats.__file__).parent
    for source in package.rglob("*.py"):
        assert "labour_force_local" not in source.read_text("utf-8"), source
    assert "TAB6260_metadata.TRANSCRIBED.json" in recorded_tables(set())  # served from metadata alone
    assert "TAB6260" not in (package / "fakes" / "scb.py").read_text("utf-8")


def test_a_series_from_the_catalog_alone_lists_refreshes_and_shows(fake, own_catalog, cli, data_root):
    listed = cli("list", "--format", "text")
    assert listed.code == 0 and "labour_force_local\tSysselsatta och arbetslösa per kommun (BAS)" in listed.out

    checked = cli("doctor", "-s", "labour_force_local", "--format", "text")
    assert checked.code == 0, checked.out + checked.err  # the query against the metadata, no data
    assert "TAB6260" in checked.out

    refreshed = cli("refresh", "-s", "labour_force_local", "--format", "json")
    assert refreshed.code == 0, refreshed.err
    (row,) = json.loads(refreshed.out)  # json on stdout is data only: the summary goes to stderr
    assert row["Serie"] == "labour_force_local" and row["Resultat"] == "nya data"

    table = fake.scb["TAB6260"]
    latest = table.periods[-1]
    shown = cli("show", "labour_force_local", "--region", "2380", "--measure", "labour_force", "--last", "1",
                "--format", "json")
    assert shown.code == 0, shown.err
    (point,) = json.loads(shown.out)
    assert point["period_code"] == latest and point["region_code"] == "2380" and point["unit"] == "antal"
    expected = table.value({"region": "2380", "measure": CONTENTS["labour_force"], "alder": "20-64", "period": latest})
    assert point["value"] == pytest.approx(round(expected, 1))


def test_every_area_and_measure_is_stored_for_every_period(fake, own_catalog, cli, data_root):
    import pandas as pd

    from regstats.geography import AREAS

    assert cli("refresh", "-s", "labour_force_local").code == 0
    stored = pd.read_parquet(data_root / "store" / "labour_force_local.parquet")
    assert set(stored["region_code"]) == set(AREAS)
    assert set(stored["measure"]) == set(CONTENTS)
    per_period = stored.groupby("period").size()
    assert (per_period == len(AREAS) * len(CONTENTS)).all()
    assert len(per_period) == len(fake.scb["TAB6260"].periods)


def test_a_mistake_in_the_analysts_catalog_is_named_and_nothing_runs(tmp_path, monkeypatch, cli):
    broken = tmp_path / "mina-serier.yaml"
    broken.write_text(ENTRY.replace("frequency: monthly", "frequency: weekly"), "utf-8")
    monkeypatch.setenv("REGSTATS_CATALOG", str(broken))
    load_catalog.cache_clear()
    try:
        result = cli("list")
    finally:
        load_catalog.cache_clear()
    assert result.code != 0
    assert "mina-serier.yaml" in result.err and "frequency" in result.err
