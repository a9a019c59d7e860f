"""`regstats import`: files recognised by content, stored as a validated revision."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import requests

from regstats.store import SeriesStore
from tests.conftest import REAL

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
FK = REAL / "fk"


def test_a_real_fk_sickness_export_shows_exactly_as_in_the_file(cli, data_root):
    result = cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"))
    assert result.code == 0, result.err
    assert "sick_leave_days: 108 rader" in result.out
    shown = cli("show", "sick_leave_days", "--region", "00", "--format", "csv")
    assert "00,2024M09,T,,sick_pay_days,10.3," in shown.out
    assert "00,2024M09,K,,sick_pay_days,13.5," in shown.out
    assert "00,2024M09,M,,sick_pay_days,7.3," in shown.out
    metadata = pq.read_schema(data_root / "store" / "sick_leave_days.parquet").metadata
    assert metadata[b"imported_from"] == b"export_sjukpenningtal_2024.xlsx" and metadata[b"sample"] == b"false"


def test_a_real_fk_cases_export_updates_a_refreshed_series_key_by_key(cli, fake, data_root):
    assert cli("refresh", "--series", "sick_leave_cases").code == 0
    before = SeriesStore(data_root).read("sick_leave_cases").frame
    result = cli("import", str(FK / "export_pagaende_sjukfall_diagnos_2024.xlsx"))
    assert result.code == 0, result.err
    assert "uppdaterade den lagrade serien" in result.out
    after = SeriesStore(data_root).read("sick_leave_cases").frame
    # Same keys replaced; the file's third chapter (M00-M99: 4 regions × 4 months × 3) is added.
    assert len(after) == len(before) + 48
    assert set(after.breakdown) == {"", "F00-F99", "M00-M99"}
    april = after[(after.region_code == "17") & (after.sex == "T") & (after.period == "2024-04-01")]
    shares = april[april.measure == "share_of_cases"].set_index("breakdown")["value"]
    assert shares[""] == 100.0  # Värmland, all diagnoses, April 2024: 100 % of the cases in the file
    assert 0 < shares["F00-F99"] < 100
    shown = cli("show", "sick_leave_cases", "--region", "00", "--measure", "share_of_cases", "--format", "csv")
    assert "00,2024M04,T,,share_of_cases,100.0," in shown.out
    assert len(SeriesStore(data_root).vintages("sick_leave_cases")) == 2


def test_importing_over_sample_data_replaces_it_instead_of_mixing(cli, data_root):
    shutil.copytree(REPO_DATA / "store", data_root / "store")
    result = cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"))
    assert result.code == 0 and "ny serie i lagret" in result.out
    stored = SeriesStore(data_root).read("sick_leave_days")
    assert not stored.is_sample and set(stored.frame.region_code) == {"00", "17", "20", "21"}


def test_json_stat_downloads_are_matched_to_their_series(cli, fake, tmp_path, data_root):
    body = {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["00", "23"]},
            {"variableCode": "NyckeltalSCB", "valueCodes": ["BAS03"]},
            {"variableCode": "ContentsCode", "valueCodes": ["000007AN"]},
            {"variableCode": "Tid", "valueCodes": ["2025M01", "2025M02"]},
        ]
    }
    answer = requests.post(fake.urls()["scb"] + "/tables/TAB5663/data?outputFormat=json-stat2", json=body, timeout=5)
    path = tmp_path / "tab5663.json"
    path.write_bytes(answer.content)
    result = cli("import", str(path))
    assert result.code == 0, result.err
    frame = SeriesStore(data_root).read("unemployment_bas").frame
    assert set(frame.region_code) == {"00", "23"} and set(frame.measure) == {"unemployment_rate"}
    assert frame["value"].tolist() == answer.json()["value"]


def test_a_subset_that_is_not_the_total_is_refused_with_the_reason(cli):
    result = cli("import", str(REAL / "scb" / "v2" / "TAB638_data_POST_riket_2024.json"))
    assert result.code == 2
    assert "delurval" in result.err and "Traceback" not in result.err


def test_pxweb_csv_needs_the_series_and_reads_labels(cli, tmp_path, data_root):
    path = tmp_path / "bas.csv"
    path.write_text(  # TAB5663 as Statistikdatabasen exports it: the key figure is a column of its own
        '"region","typ av nyckeltal","Nyckeltal, procent 2026M01","Nyckeltal, procent 2026M02"\n'
        '"00 Riket","arbetslöshet",6.8,6.9\n"23 Jämtlands län","arbetslöshet",4.1,..\n'
        '"23 Jämtlands län","sysselsättningsgrad",80.1,80.3\n',
        encoding="utf-8",
    )
    assert "ange --series" in cli("import", str(path)).err
    result = cli("import", str(path), "--series", "unemployment_bas")
    assert result.code == 0, result.err
    frame = SeriesStore(data_root).read("unemployment_bas").frame.sort_values(["region_code", "sex", "period"])
    jamtland = frame[(frame.region_code == "23") & (frame.measure == "unemployment_rate")]
    assert jamtland["value"].tolist()[0] == 4.1 and jamtland["status"].tolist() == ["", ".."]
    employment = frame[(frame.region_code == "23") & (frame.measure == "employment_rate")]
    assert employment["value"].tolist() == [80.1, 80.3]


def test_an_af_file_saved_from_the_site_is_recognised(cli, fake, tmp_path, data_root):
    link = fake.af.file_name("web-platser")
    path = tmp_path / "nedladdad.xlsx"  # the name says nothing: recognition is by content
    path.write_bytes(fake.af.file(link))
    result = cli("import", str(path))
    assert result.code == 0, result.err
    assert SeriesStore(data_root).read("vacancies_new").frame["value"].sum() > 0


def test_files_that_are_not_recognised_are_refused_with_what_was_expected(cli, tmp_path):
    cases = {
        "anteckning.txt": b"bara text utan kolumner",
        "trasig.xlsx": b"PK\x03\x04 inte hela filen",
        "annan.json": json.dumps({"hej": 1}).encode(),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = cli("import", str(path))
        assert result.code == 2, name
        assert "Traceback" not in result.err
    assert "väntade en export från Försäkringskassans" in cli("import", str(tmp_path / "annan.json")).err
    assert "inte en zip-fil" in cli("import", str(tmp_path / "trasig.xlsx")).err
    assert "finns inte" in cli("import", str(tmp_path / "saknas.xlsx")).err
