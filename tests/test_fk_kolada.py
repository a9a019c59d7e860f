"""Försäkringskassan (meta-driven queries, silent [] answers, rojd) and Kolada (paging,
deleted rows, 25 ids per call, cross-checks)."""

from __future__ import annotations

import pandas as pd
import pytest

from regstats.errors import ContractError
from regstats.fakes.fk import FakeFk
from regstats.sources.fk import build_params, parse_meta
from regstats.store import SeriesStore
from tests.test_refresh_cli import line_of, snapshot


def test_parameters_come_from_the_meta_with_totals_for_the_rest(catalog):
    from datetime import date

    meta = parse_meta(FakeFk(date(2026, 11, 30)).meta("ohm-sjptal"))
    params = build_params(catalog["sick_leave_days"].queries[0], meta, date(2026, 11, 30))
    assert params["lan_kod"].split(",")[:3] == ["ALL", "01", "03"]
    assert params["kon_kod"] == "ALL,K,M"
    assert params["alder_kod"] == "ALL"
    assert "ALL_23" in params["kommun_kod"].split(",") and "2380" not in params["kommun_kod"]
    assert params["ar"].split(",")[0] == "2018"


def test_a_table_missing_from_the_meta_is_named(catalog):
    from datetime import date

    meta = parse_meta({"tables": ["Annan"], "dimensions": []})
    with pytest.raises(ContractError, match="'SJPsjptal' finns inte i datasetets meta; tabellerna är: Annan"):
        build_params(catalog["sick_leave_days"].queries[0], meta, date(2026, 11, 30))


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
    result = cli("refresh", "--series", "sick_leave_days")
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
    result = cli("refresh", "--series", "kolada")
    assert result.code == 0
    assert "kolada: varning: N03941" in result.out and "tolerans 1,0" in result.out


def test_stored_sick_leave_days_are_plausible_around_the_calibration(cli, fake, data_root):
    assert cli("refresh", "--series", "sick_leave_days").code == 0
    frame = SeriesStore(data_root).read("sick_leave_days").frame
    september = frame[(frame.region_code == "00") & (frame.period == pd.Timestamp("2024-09-01"))]
    assert dict(zip(september.sex, september.value, strict=True)) == {"T": 10.3, "K": 13.5, "M": 7.3}
    assert "oförändrad" in line_of(cli("refresh", "--series", "sick_leave_days").out, "sick_leave_days")
