"""Arbetsförmedlingen: links on its pages, streamed pivot caches, recipes, and refresh faults."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest

from regstats.errors import ContractError
from regstats.fakes.af_sheets import varsel_rows
from regstats.fakes.xlsx import pivot_workbook_bytes
from regstats.geography import COUNTIES
from regstats.sources.af import recipes
from regstats.sources.af.links import newest_downloads
from regstats.sources.af.pivot import find_cache, iter_records, open_workbook
from regstats.store import SeriesStore
from tests.test_refresh_cli import line_of, snapshot

PAGE = """<html><body>
<a href="/download/18.2b1c/1729000000000/web-platser-2026-09.xlsx">sept</a>
<a href="/download/18.9f3e/1731000000000/web-platser-2026-10.xlsx">okt</a>
<a href="/download/18.1/1/web-platser-per-yrke-2026-11.xlsx">annan fil</a>
<a href="https://example.org/download/web-platser-2027-01.xlsx">annan värd</a>
<a href="/download/18.1d7e68af19f87d573c91d73/1786515252048/web-varsel-bransch-199201-2026-07.xlsx">varsel</a>
</body></html>"""


def test_the_newest_file_per_prefix_is_found_by_name_never_by_template():
    found = newest_downloads(PAGE, "https://arbetsformedlingen.se/statistik/x", ["web-platser", "web-varsel-*"])
    assert found["web-platser"].month == "2026-10"
    assert (
        found["web-platser"].url
        == "https://arbetsformedlingen.se/download/18.9f3e/1731000000000/web-platser-2026-10.xlsx"
    )
    assert found["web-varsel-*"].month == "2026-07"  # the real 2026 name: web-varsel-bransch-199201-2026-07.xlsx


FIELDS = ["PERIOD", "LAN", "KOM", "TOTAK", "KVIAK", "MANAK", "KVISOK", "MANSOK"]
SHARED = {
    "PERIOD": ["2026-09"],
    "LAN": ["Jämtlands län", "Gotlands län", "Uppgift saknas"],
    "KOM": ["Östersund", "Åre", "Gotland", "Uppgift saknas"],
}


def workbook(records, fields=FIELDS, shared=SHARED) -> dict[str, io.BytesIO]:
    data = pivot_workbook_bytes(fields, records, shared)
    return {recipes.SHARE_FIELDS and "web-inskrivna-arbetslosa-andel-av-bas": io.BytesIO(data)}


RECORDS = [
    ["2026-09", "Jämtlands län", "Östersund", 1000, 480, 520, 20, 30],
    ["2026-09", "Jämtlands län", "Åre", 500, 240, 260, 10, "<5"],
    ["2026-09", "Gotlands län", "Gotland", 800, 390, 410, 15, 25],
    ["2026-09", "Uppgift saknas", "Uppgift saknas", 0, 0, 0, 5, 6],
]


def test_pivot_records_stream_back_with_shared_items_resolved():
    archive = open_workbook(workbook(RECORDS)["web-inskrivna-arbetslosa-andel-av-bas"])
    cache = find_cache(archive, FIELDS, "test")
    assert list(iter_records(archive, cache)) == [
        [r[0], r[1], r[2], *[v if isinstance(v, str) else float(v) for v in r[3:]]] for r in RECORDS
    ]


def frame_value(frame, region, sex, measure, breakdown=""):
    row = frame[
        (frame.region_code == region) & (frame.sex == sex) & (frame.measure == measure) & (frame.breakdown == breakdown)
    ]
    assert len(row) == 1, (region, sex, measure)
    return row["value"].item(), row["status"].item()


def test_counties_sum_their_municipalities_and_riket_counts_unknown_county_rows():
    frame = recipes.unemployment_share(workbook(RECORDS))
    assert frame_value(frame, "23", "K", "unemployed") == (30.0, "")
    assert frame_value(frame, "23", "T", "labour_force") == (1500.0, "")
    assert frame_value(frame, "23", "K", "share") == (pytest.approx(100 * 30 / 720), "")
    # the masked men in Åre are not guessed: the sum of known parts, flagged
    assert frame_value(frame, "23", "M", "unemployed") == (30.0, "<5")
    assert frame_value(frame, "00", "K", "unemployed") == (30.0 + 15 + 5, "")
    assert "??" not in set(frame.region_code)


def test_an_unknown_county_name_stops_the_series_and_names_it():
    records = [*RECORDS, ["2026-09", "Jämtlands landskap", "Östersund", 1, 1, 0, 0, 0]]
    shared = {**SHARED, "LAN": [*SHARED["LAN"], "Jämtlands landskap"]}
    with pytest.raises(ContractError, match="Okänt län 'Jämtlands landskap'"):
        recipes.unemployment_share(workbook(records, shared=shared))


def test_a_renamed_column_names_the_field_that_is_missing():
    fields = [f if f != "KVISOK" else "KVINNOR_SOK" for f in FIELDS]
    with pytest.raises(ContractError, match=r"KVISOK.*Fälten är: .*KVINNOR_SOK"):
        recipes.unemployment_share(workbook(RECORDS, fields=fields))


def test_a_refresh_stores_all_four_af_series_from_the_fake_files(cli, fake, data_root):
    result = cli("refresh", "--publisher", "af")
    assert result.code == 0, result.out
    store = SeriesStore(data_root)
    close = store.read("unemployment_close").frame
    af = store.read("unemployment_af").frame
    latest = close["period"].max()
    for sex in "TKM":
        share_close = frame_value(close[close.period == latest], "23", sex, "share")[0]
        share_all = frame_value(af[af.period == latest], "23", sex, "share")[0]
        assert 0 < share_close < share_all  # close to the market is a part of all registered
    varsel = store.read("redundancies").frame  # persons, month × industry × county
    by_sni = varsel[varsel.breakdown != ""]
    assert set(by_sni.breakdown) >= {"C", "J", "Q"} and len(set(by_sni.region_code)) == 22
    totals = varsel[varsel.breakdown == ""].set_index(["period", "region_code"])["value"].sort_index()
    summed = by_sni.groupby(["period", "region_code"])["value"].sum().sort_index()
    assert summed.equals(totals)  # a county = its industries
    riket = totals.xs("00", level="region_code")
    counties = totals.drop(index="00", level="region_code").groupby(level="period").sum()
    assert riket.equals(counties)  # no Riket column in the file: Riket = the counties
    january = date(2024, 1, 1)
    jamtland_j = by_sni[(by_sni.region_code == "23") & (by_sni.breakdown == "J") & (by_sni.period == str(january))]
    assert jamtland_j["value"].item() == varsel_rows(january)["J"][list(COUNTIES).index("23")]
    assert not np.isnan(store.read("vacancies_new").frame["value"]).any()


def test_files_published_for_different_months_are_reported(cli, fake):
    fake.af.months_behind["web-inskrivna-arbetslosa-svag-konkurrensformaga"] = 1
    result = cli("refresh", "--series", "unemployment_close")
    assert result.code == 0
    assert "varning: filerna är inte publicerade för samma månad" in result.out


def test_only_a_newer_month_triggers_a_download(cli, fake):
    assert cli("refresh", "--series", "vacancies_new").code == 0
    fake.requests.clear()
    result = cli("refresh", "--series", "vacancies_new")
    assert "oförändrad" in line_of(result.out, "vacancies_new")
    assert fake.count("af", "download") == 0


AF_FAULTS = {
    "html instead of xlsx": (lambda f: f.add_fault("af", "html", path="download"), "är en HTML-sida"),
    "zip that is no workbook": (lambda f: f.add_fault("af", "zip", path="download"), "ingen Excel-arbetsbok"),
    "renamed column": (lambda f: f.af.renamed_fields.update(KVISOK="KVINNOR_SOK"), "KVINNOR_SOK"),
    "truncated body": (lambda f: f.add_fault("af", "truncate", path="download"), "avbröts"),
    "file three years old": (
        lambda f: f.af.months_behind.update({"web-inskrivna-arbetslosa-andel-av-bas": 40}),
        "inaktuella",
    ),
}


@pytest.mark.parametrize("fault", AF_FAULTS, ids=list(AF_FAULTS))
def test_af_faults_fail_readably_and_keep_the_stored_file(cli, fake, data_root, fault):
    breaking, message = AF_FAULTS[fault]
    assert cli("refresh", "--series", "unemployment_af").code == 0
    before = snapshot(data_root)
    breaking(fake)
    result = cli("refresh", "--series", "unemployment_af", "--force")
    assert result.code == 1
    assert "misslyckades" in line_of(result.out, "unemployment_af")
    assert message in result.out and "Traceback" not in result.out + result.err
    assert snapshot(data_root) == before


def _varsel_workbook(header: list, rows: list[list]) -> dict[str, io.BytesIO]:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026"
    sheet.append(["Varsel 2026"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append(["", "Summa", *([999] * (len(header) - 2))])
    sheet.append(["2026-09", "J Information och kommunikation", *([777] * (len(header) - 2))])  # after Summa: ignored
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return {"web-varsel-*": buffer}


def test_a_varsel_file_with_its_own_riket_column_and_masked_cells_is_read_as_published():
    """Variants the 2023 layout allows: a Riket column, 'J - name' labels, '<5' cells."""
    header = ["Månad", "Näringsgren (SNI 2007)", *COUNTIES.values(), "Riket"]
    rows = [
        ["2026-09", "J - Information och kommunikation", *([3] * 20), "<5", 70],
        ["2026-09", "Tillverkning", *([10] * 21), 215],
        ["2026-09", "Uppgift saknas", *([1] * 21), 21],
    ]
    frame = recipes.redundancies(_varsel_workbook(header, rows)).set_index(["region_code", "breakdown"])
    assert frame.loc[("00", "J"), "value"] == 70 and frame.loc[("00", ""), "value"] == 285  # the file's own Riket
    assert frame.loc[("25", "J"), "status"] == "<5" and np.isnan(frame.loc[("25", "J"), "value"])
    assert frame.loc[("25", ""), "value"] == 10 and frame.loc[("25", ""), "status"] == "<5"  # a known part missing
    assert frame.loc[("23", "C"), "value"] == 10
    assert "??" not in frame.index.get_level_values("region_code")


def test_a_varsel_file_without_county_columns_is_refused_with_what_was_seen():
    header = ["Månad", "Bransch", "Antal varsel", "Antal personer"]
    with pytest.raises(ContractError, match="minst 15 länskolumner"):
        recipes.redundancies(_varsel_workbook(header, [["2026-09", "J Information", 4, 70]]))


# ----- web-platser by its tabs ------------------------------------------------------------------
def _tabs(fields_of_tab: dict[str, list[str]]) -> bytes:
    from regstats.fakes.xlsx import PivotTab, pivot_tabs_bytes

    tabs = []
    for name, fields in fields_of_tab.items():
        group = [f for f in fields if f not in {"PERIOD", "LAN"} and not f.startswith("ANTAL")]
        labels = {"SNI_AVDELNING": ["J Information och kommunikation", "Q Vård och omsorg; sociala tjänster"]}
        values = labels.get(group[0], ["Data/IT", "Vård och omsorg"]) if group else [None]
        records = [
            ["2026-09", "Jämtlands län", *([v] if group else []), 10 * (i + 1)] for i, v in enumerate(values)
        ]
        shared = {"PERIOD": ["2026-09"], "LAN": ["Jämtlands län"], **({group[0]: values} if group else {})}
        tabs.append(PivotTab(name, fields, records, shared))
    return pivot_tabs_bytes(tabs)


TABS = {
    "1996-01-": ["PERIOD", "LAN", "ANTAL_NYA"],
    "SNIAVD 2010-01-": ["PERIOD", "LAN", "SNI_AVDELNING", "ANTAL_PLATSER"],
    "Yrkesområde 201301-": ["PERIOD", "LAN", "YRKESOMRADE", "ANTAL_PLATSER"],
}


def test_each_sheet_finds_its_own_cache_through_the_relationships_not_by_number():
    from regstats.sources.af.pivot import pivot_caches, sheet_caches

    archive = open_workbook(io.BytesIO(_tabs(TABS)))
    caches = sheet_caches(archive)
    assert {sheet: cache.fields for sheet, cache in caches.items()} == TABS
    # the caches are numbered against the sheets: by number, the first sheet would get the last tab's
    assert pivot_caches(archive)[0].fields == TABS["Yrkesområde 201301-"]
    assert caches["1996-01-"].definition.endswith("pivotCacheDefinition3.xml")


def test_web_platser_is_read_tab_by_tab_into_totals_industries_and_occupational_areas():
    from regstats.sources.af.vacancies import vacancies

    frame = vacancies({"web-platser": io.BytesIO(_tabs(TABS))})
    jamtland = frame[frame.region_code == "23"].set_index(["measure", "breakdown"])["value"]
    assert jamtland[("new_vacancies", "")] == 10
    assert jamtland[("new_vacancies", "J")] == 10 and jamtland[("new_vacancies", "Q")] == 20
    assert jamtland[("new_vacancies_occupation", "Data/IT")] == 10
    assert jamtland[("new_vacancies_occupation", "Vård och omsorg")] == 20
    riket = frame[frame.region_code == "00"].set_index(["measure", "breakdown"])["value"]
    assert riket.equals(jamtland)  # one county in the file: Riket is its sum


def test_web_platser_without_a_totals_tab_is_refused_naming_every_tab_and_its_fields():
    from regstats.sources.af.vacancies import vacancies

    without = {k: v for k, v in TABS.items() if k != "1996-01-"}
    with pytest.raises(ContractError, match=r"ingen flik med totaler.*SNIAVD 2010-01-: PERIOD, LAN, SNI_AVDELNING"):
        vacancies({"web-platser": io.BytesIO(_tabs(without))})


def test_a_refresh_says_which_tabs_and_fields_it_found_and_stores_every_breakdown(cli, fake, data_root):
    result = cli("refresh", "--series", "vacancies_new")
    assert result.code == 0, result.out
    said = " ".join(result.out.split())
    for tab in ["1996-01-", "SNIAVD 2010-01-", "Yrkesområde 201301-"]:
        assert f"vacancies_new: läste web-platser flik {tab}: fält: PERIOD, LAN" in said
    frame = SeriesStore(data_root).read("vacancies_new").frame
    totals = frame[(frame.measure == "new_vacancies") & (frame.breakdown == "")]
    sections = frame[(frame.measure == "new_vacancies") & (frame.breakdown != "")]
    by_key = sections.groupby(["region_code", "period"])["value"].sum()
    # the fake splits each county's total over sections exactly: the tabs agree with each other
    assert np.allclose(by_key.sort_index(), totals.set_index(["region_code", "period"])["value"].sort_index())
    assert set(frame[frame.measure == "new_vacancies_occupation"].breakdown) == {
        "Vård och omsorg",
        "Data/IT",
        "Övriga yrken",
    }
    assert "web-platser flik SNIAVD 2010-01-: fält" in SeriesStore(data_root).read("vacancies_new").metadata["contract"]


def test_a_renamed_field_in_a_web_platser_tab_is_refused_as_a_changed_meaning(cli, fake, data_root):
    assert cli("refresh", "--series", "vacancies_new").code == 0
    before = snapshot(data_root)
    fake.af.renamed_fields = {"ANTAL_PLATSER": "ANTAL_PLATSER_EXKL_KORTA"}
    fake.af.months_behind = {}
    fake.af.last = date(fake.af.last.year + (fake.af.last.month == 12), fake.af.last.month % 12 + 1, 1)
    result = cli("refresh", "--series", "vacancies_new")
    assert result.code == 1
    assert "ANTAL_PLATSER_EXKL_KORTA" in result.out and "--accept-change vacancies_new" in result.out
    assert snapshot(data_root) == before
