"""Försäkringskassan (meta-driven queries, silent [] answers, rojd) and Kolada (paging,
deleted rows, 25 ids per call, cross-checks)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from regstats.errors import ContractError
from regstats.fakes import recorded
from regstats.fakes.fk import FakeFk
from regstats.sources._http import HttpClient
from regstats.sources.fk import FkClient, build_params, parse_meta, rows_to_tidy
from regstats.sources.publishers import PUBLISHERS
from regstats.store import SeriesStore
from tests.test_refresh_cli import line_of, snapshot

TODAY = date(2026, 11, 30)


def test_the_transcribed_meta_shape_lists_tables_under_filter_uppdelning():
    meta = parse_meta(recorded.load("fk_meta.TRANSCRIBED.json"))
    assert meta.tables == ["SJPsjptal"]
    assert meta.dimensions["kon_kod"].codes == ["ALL", "K", "M"]
    assert meta.dimensions["lan_kod"].codes[:2] == ["ALL", "20"]


def test_parameters_use_the_real_keys_and_are_checked_against_the_meta(catalog):
    meta = parse_meta(FakeFk(TODAY).meta("ohm-sjptal"))
    params = build_params(catalog["sick_leave_days"].queries[0], meta, TODAY)
    assert params["lan_kod"].split(",")[:3] == ["ALL", "01", "03"]
    assert params["kon_kod"] == "ALL,K,M" and params["aldersklass_kod"] == "ALL"
    assert params["kommun_kod"].split(",")[:2] == ["ALL_ALL", "ALL_01"] and "23_ALL" not in params["kommun_kod"]
    assert params["ar"].split(",")[0] == "2018" and "manad" not in params  # `manad` or `man`: all months come


def test_a_code_the_meta_no_longer_lists_is_named_before_any_data_call(catalog):
    doc = FakeFk(TODAY).meta("ohm-sjptal")
    sexes = next(d for d in doc["filter"]["dimension"] if d["key"] == "kon_kod")
    sexes["values"] = [{"key": "1", "label": "Kvinnor"}, {"key": "2", "label": "Män"}]
    with pytest.raises(ContractError, match=r"'kon_kod' har inte värdena \['ALL', 'K', 'M'\]"):
        build_params(catalog["sick_leave_days"].queries[0], parse_meta(doc), TODAY)


def test_a_table_missing_from_the_meta_is_named(catalog):
    meta = parse_meta({"filter": {"uppdelning": ["Annan"], "dimension": []}})
    with pytest.raises(ContractError, match="'SJPsjptal' finns inte i datasetets meta; tabellerna är: Annan"):
        build_params(catalog["sick_leave_days"].queries[0], meta, TODAY)


def test_a_meta_in_another_shape_says_what_it_found():
    with pytest.raises(ContractError, match=r"väntade filter.uppdelning, fick \['tables', 'dimensions'\]"):
        parse_meta({"tables": ["SJPsjptal"], "dimensions": []})


@pytest.mark.parametrize("month_key", ["manad", "man"])
def test_the_transcribed_rows_give_the_real_riket_values(catalog, month_key):
    """Sept 2024 Riket 10,3 / women 13,5 / men 7,3 (FK's own export); the Dalarna row is null."""
    rows = recorded.load("fk_SJPsjptal_rows.TRANSCRIBED.json")
    for row in rows:
        row["dimensions"][month_key] = row["dimensions"].pop("manad")
    frame = rows_to_tidy(rows, catalog["sick_leave_days"].queries[0])
    riket = frame[frame.region_code == "00"]
    assert dict(zip(riket.sex, riket.value, strict=True)) == {"T": 10.3, "K": 13.5, "M": 7.3}
    assert set(riket.period) == {pd.Timestamp("2024-09-01")}
    dalarna = frame[frame.region_code == "20"].iloc[0]
    assert pd.isna(dalarna.value) and dalarna.status == ".."


def test_the_transcribed_diagnosis_rows_are_shares_of_cases_by_chapter(catalog):
    frame = rows_to_tidy(
        recorded.load("fk_SJPPagSjukfallDiagnosLan_rows.TRANSCRIBED.json"), catalog["sick_leave_cases"].queries[0]
    )
    shares = frame[frame.measure == "share_of_cases"].set_index("breakdown")["value"]
    assert shares.to_dict() == {"": 100.0, "F00-F99": 49.9}  # all chapters = 100 %, not a share of the insured


def test_the_other_spelling_of_the_meta_address_is_tried_on_404(fake):
    fake.add_fault("fk", "status", path="meta/json$", status=404)
    client = FkClient(HttpClient(PUBLISHERS["fk"]), TODAY)
    assert client.meta("ohm-sjptal").tables == ["SJPsjptal"]
    assert fake.count("fk", r"meta\.json$") == 1


def test_fk_series_arrive_with_suppressed_cells_flagged(cli, fake, data_root):
    result = cli("refresh", "--publisher", "fk")
    assert result.code == 0, result.out
    cases = SeriesStore(data_root).read("sick_leave_cases").frame
    suppressed = cases[(cases.status == "rojd")]
    assert len(suppressed) > 0 and suppressed["value"].isna().all()
    assert set(suppressed.region_code) == {"09"} and set(suppressed.sex) == {"M"}
    days = SeriesStore(data_root).read("sick_leave_days").frame
    assert set(days.sex) == {"T", "K", "M"} and len(set(days.region_code)) == 22


def test_an_empty_answer_is_an_error_that_says_what_was_sent(cli, fake, data_root):
    assert cli("refresh", "--series", "sick_leave_days").code == 0
    before = snapshot(data_root)
    fake.add_fault("fk", "empty", path="SJPsjptal.json")
    result = cli("refresh", "--series", "sick_leave_days", "--force")  # nothing is due: only --force asks
    assert result.code == 1
    assert "tom lista för en fråga som måste ha data" in result.out
    assert "lan_kod=ALL,01" in result.out and "kon_kod=ALL,K,M" in result.out
    assert snapshot(data_root) == before


def test_a_renamed_fk_table_is_caught_before_any_data_call(cli, fake):
    fake.fk.tables["ohm-sjptal"] = "SJPsjptalV2"
    result = cli("refresh", "--series", "sick_leave_days")
    assert result.code == 1 and "'SJPsjptal' finns inte i datasetets meta" in result.out
    assert fake.count("fk", r"\.json$") == 0


def test_kolada_pages_are_followed_and_deleted_rows_dropped(cli, fake, data_root):
    result = cli("refresh", "--series", "kolada")
    assert result.code == 0, result.out
    frame = SeriesStore(data_root).read("kolada").frame
    assert {"00", "23", "2380", "2303"} <= set(frame.region_code)
    assert not ((frame.region_code == "2380") & (frame.value == 1.0)).any()  # the isdeleted row
    assert fake.count("kolada", "page=2") > 0  # paging was needed and followed
    assert all(status == 200 for p, *_, status in fake.requests if p == "kolada")  # never > 25 ids


def test_v2_style_next_page_links_are_accepted(cli, fake, data_root):
    fake.kolada.use_v2_paging = True
    assert cli("refresh", "--series", "kolada").code == 0
    assert fake.count("kolada", "page=2") > 0


def test_the_refresh_warns_when_kolada_and_the_monthly_series_disagree(cli, fake):
    result = cli("refresh", "--series", "unemployment_af", "--series", "kolada")
    assert result.code == 0 and "varning" not in result.out
    fake.kolada.offsets["N03941"] = 2.5
    result = cli("refresh", "--series", "kolada", "--force")
    assert result.code == 0
    assert "kolada: varning: N03941" in result.out and "tolerans 1,0" in result.out


def test_stored_sick_leave_days_are_plausible_around_the_calibration(cli, fake, data_root):
    assert cli("refresh", "--series", "sick_leave_days").code == 0
    frame = SeriesStore(data_root).read("sick_leave_days").frame
    september = frame[(frame.region_code == "00") & (frame.period == pd.Timestamp("2024-09-01"))]
    assert dict(zip(september.sex, september.value, strict=True)) == {"T": 10.3, "K": 13.5, "M": 7.3}
    assert "oförändrad" in line_of(cli("refresh", "--series", "sick_leave_days").out, "sick_leave_days")
