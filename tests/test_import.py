"""`regstats import`: files recognised by content, stored as a validated revision."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import requests

from regstats.meeting.deck import parse_deck
from regstats.meeting.slides import build_deck
from regstats.meeting.snapshot import StoreData
from regstats.store import SeriesStore
from tests.conftest import FIXTURES, REAL

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
FK = REAL / "fk"


def test_a_real_fk_sickness_export_shows_exactly_as_in_the_file(cli, data_root):
    result = cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"), "--partial")  # Riket and three counties
    assert result.code == 0, result.err
    assert "sick_leave_days: 108 rader importerade" in result.out
    shown = cli("show", "sick_leave_days", "--region", "00", "--format", "csv")
    assert "00;2024M09;T;;sick_pay_days;dagar;10,3;" in shown.out
    assert "00;2024M09;K;;sick_pay_days;dagar;13,5;" in shown.out
    assert "00;2024M09;M;;sick_pay_days;dagar;7,3;" in shown.out
    metadata = pq.read_schema(data_root / "store" / "sick_leave_days.parquet").metadata
    assert metadata[b"imported_from"] == b"export_sjukpenningtal_2024.xlsx" and metadata[b"sample"] == b"false"


def test_a_real_fk_cases_export_updates_a_refreshed_series_key_by_key(cli, fake, data_root):
    assert cli("refresh", "--series", "sick_leave_cases").code == 0
    before = SeriesStore(data_root).read("sick_leave_cases").frame
    result = cli("import", str(FK / "export_pagaende_sjukfall_diagnos_2024.xlsx"), "--partial")
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
    assert "00;2024M04;T;;share_of_cases;procent;100,0;" in shown.out
    assert len(SeriesStore(data_root).vintages("sick_leave_cases")) == 2


def test_importing_over_sample_data_replaces_it_instead_of_mixing(cli, data_root):
    shutil.copytree(REPO_DATA / "store", data_root / "store")
    result = cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"), "--partial")
    assert result.code == 0 and "ersatte exempeldata" in result.out
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
    assert "2 av 22 regioner saknas" not in cli("import", str(path)).err  # 20 of 22 are missing
    result = cli("import", str(path), "--partial")
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
    result = cli("import", str(path), "--series", "unemployment_bas", "--partial")
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


def test_a_made_up_file_cannot_replace_a_stored_series(cli, data_root, tmp_path):
    """The case found on main: a three-line CSV replaced 7 years of bankruptcies with 4 rows."""
    shutil.copytree(REPO_DATA / "store", data_root / "store")
    shutil.copy(REPO_DATA / "manifest.json", data_root / "manifest.json")
    before = (data_root / "store" / "bankruptcies.parquet").read_bytes()
    path = tmp_path / "konkurser.csv"
    path.write_text(
        '"region","Antal konkurser 2026M09","Antal konkurser 2026M10"\n"23 Jämtlands län",999,999\n'
        '"00 Riket",999,999\n',
        encoding="utf-8",
    )
    result = cli("import", str(path), "--series", "bankruptcies")
    assert result.code == 2
    assert "konkurser.csv täcker inte hela bankruptcies: 20 av 22 regioner saknas" in result.err
    assert "mätningarna employees saknas" in result.err and "--partial" in result.err
    assert (data_root / "store" / "bankruptcies.parquet").read_bytes() == before
    path.write_text('"region","Företag 2026M09"\n"23 Jämtlands län",999\n', encoding="utf-8")
    result = cli("import", str(path), "--series", "bankruptcies", "--partial")
    assert result.code == 2 and result.err.startswith("Fel: konkurser.csv (bankruptcies): ")
    assert (data_root / "store" / "bankruptcies.parquet").read_bytes() == before


def test_a_partial_import_changes_only_what_the_file_covers(cli, fake, data_root, tmp_path):
    assert cli("refresh", "--series", "sick_leave_days").code == 0
    before = SeriesStore(data_root).read("sick_leave_days").frame
    dry = cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"), "--partial", "--dry-run")
    assert dry.code == 0 and "skulle importeras" in dry.out and "Inget sparades" in dry.out
    assert SeriesStore(data_root).read("sick_leave_days").frame.equals(before)
    assert cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"), "--partial").code == 0
    after = SeriesStore(data_root).read("sick_leave_days").frame
    assert len(after) == len(before)  # nothing outside the file's coverage disappeared
    untouched = after[after.region_code == "23"].set_index(["sex", "period"])["value"]
    assert untouched.equals(before[before.region_code == "23"].set_index(["sex", "period"])["value"])


def test_files_that_look_importable_but_are_not_are_named(cli, fake, tmp_path):
    metadata = requests.get(fake.urls()["scb"] + "/tables/TAB5663/metadata?lang=sv", timeout=5).content
    (tmp_path / "metadata.json").write_bytes(metadata)
    result = cli("import", str(tmp_path / "metadata.json"))
    assert result.code == 2 and "är en metadatafil: den beskriver tabellen men har inga värden" in result.err
    v1 = {
        "columns": [{"code": "Tid", "text": "månad", "type": "t"}],
        "comments": [],
        "data": [{"key": ["2026M01"], "values": ["1"]}],
    }
    (tmp_path / "v1.json").write_text(json.dumps(v1), encoding="utf-8")
    result = cli("import", str(tmp_path / "v1.json"))
    assert result.code == 2 and "PxWeb v1:s format 'json'" in result.err


def test_kolada_values_import_from_the_api_json_and_its_csv_form(cli, data_root, tmp_path):
    from regstats.fakes import recorded

    doc = recorded.load("kolada_v3_values.TRANSCRIBED.json")
    doc["values"][0]["values"][0]["value"] = 9.1  # N00938, Östersund, 2024, T
    (tmp_path / "kolada.json").write_text(json.dumps(doc), encoding="utf-8")
    assert cli("import", str(tmp_path / "kolada.json"), "--partial").code == 0
    frame = SeriesStore(data_root).read("kolada").frame
    row = frame[(frame.region_code == "2380") & (frame.sex == "T") & (frame.measure == "N00938")]
    assert row["value"].tolist() == [9.1]
    (tmp_path / "kolada.csv").write_text(
        "gender,count,status,value,kpi,year,municipality_id,municipality,municipality_type\n"
        "T,1,,8.7,N00938,2023,2380,Östersund,K\nK,1,,11.2,N00938,2023,2380,Östersund,K\n",
        encoding="utf-8",
    )
    assert cli("import", str(tmp_path / "kolada.csv"), "--partial").code == 0
    frame = SeriesStore(data_root).read("kolada").frame
    assert sorted(frame[frame.period == "2023-01-01"]["value"]) == [8.7, 11.2]
    assert 9.1 in frame["value"].tolist()  # the earlier import is kept
    refused = cli("import", str(FIXTURES / "kolada" / "values_N00945_unnested.csv"))
    assert refused.code == 2 and "nyckeltal som katalogen inte använder: N00945" in refused.err


def test_the_sick_leave_slide_says_what_the_real_fk_export_shows(cli, data_root):
    """The women-up/men-down rule on Försäkringskassan's real export (January–September 2024):
    in Gävleborg women's sjukpenningtal rose 16,0 → 16,8 days while men's fell 9,1 → 9,0."""
    assert cli("import", str(FK / "export_sjukpenningtal_2024.xlsx"), "--partial").code == 0
    deck = parse_deck(
        "title: Test\ncounty: '21'\nslides:\n"
        "  - {id: sjuk, chart: sjp, view: '?fran=2024-01', title: Sjukpenningtal, subject: Sjukpenningtalet,"
        " highlights: [level, sex_divergence]}\n"
    )
    slide = build_deck(deck, StoreData(data_root)).slides[1]
    said = [s.text for s in slide.sentences]
    assert said == [
        "Sjukpenningtalet i Gävleborgs län var 12,8 dagar i september 2024, högre än rikssnittet 10,3 dagar.",
        "Sjukpenningtalet i Gävleborgs län ökar bland kvinnor men minskar bland män jämfört med januari 2024 "
        "(kvinnor 16,0 dagar → 16,8 dagar, män 9,1 dagar → 9,0 dagar). "
        "Nivån är 7,8 dagar högre för kvinnor än för män.",
    ]
    # Värmland's men are flat (8,6 → 8,6): no divergence is claimed there.
    deck = deck.model_copy(update={"county": "17"})
    said = [s.text for s in build_deck(deck, StoreData(data_root)).slides[1].sentences]
    assert not any("sjunker bland" in text for text in said)
