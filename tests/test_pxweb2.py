"""PxWebApi 2.0: selections built from the real recorded metadata, splitting, discovery."""

import json

import pytest

from regstats.catalog import Query
from regstats.errors import ContractError, PublisherError
from regstats.fakes import recorded
from regstats.geography import AREAS
from regstats.sources._http import HttpClient, HttpSettings, _error_title
from regstats.sources.base import chunk_time_codes
from regstats.sources.publishers import PUBLISHERS
from regstats.sources.pxweb2 import (
    PxWeb2Client,
    parse_codelist,
    parse_table_listing,
    variables_from_metadata,
    version_from_table,
)
from regstats.sources.selection import resolve
from tests.conftest import REAL

V2 = REAL / "scb" / "v2"


def load(name):
    """A recorded answer: tests/fixtures, or the recordings the fake publishers serve."""
    path = V2 / name
    return json.loads(path.read_text("utf-8")) if path.exists() else recorded.load(name)


def population_monthly_query(catalog) -> Query:
    return next(q for q in catalog["population"].queries if q.table == "TAB6471")


def test_tab6471_selection_covers_every_variable_that_cannot_be_eliminated(catalog):
    variables = variables_from_metadata(load("TAB6471_metadata.json"))
    assert {v.code: v.elimination for v in variables} == {
        "Region": True,
        "Alder": False,
        "Kon": True,
        "ContentsCode": False,
        "Tid": False,
    }
    resolved = resolve(population_monthly_query(catalog), variables)
    assert resolved.selection["Region"] == list(AREAS)  # Riket, the counties and every municipality
    assert resolved.selection["Alder"] == ["TotSA"]
    assert resolved.selection["Kon"] == ["TotSa", "1", "2"]
    assert resolved.selection["ContentsCode"] == ["000007SF"]
    assert resolved.selection["Tid"][0] == "2025M01" and len(resolved.selection["Tid"]) == 16
    assert resolved.roles["Kon"] == ("sex", {"TotSa": "T", "1": "M", "2": "K"})


def test_tab638_eliminates_what_it_may_and_selects_what_it_must(catalog):
    variables = variables_from_metadata(load("TAB638_metadata.json"))
    query = catalog["population"].queries[1]  # Kon split into men and women
    resolved = resolve(query, variables)
    assert resolved.selection["Civilstand"] is None and resolved.selection["Alder"] is None
    assert resolved.selection["ContentsCode"] == ["BE0101N1"]
    assert resolved.selection["Tid"][0] == "1968" and resolved.selection["Tid"][-1] == "2024"


def test_a_mandatory_variable_the_catalog_does_not_know_stops_with_its_name(catalog):
    doc = load("TAB6471_metadata.json")
    doc["dimension"]["Alder"]["category"]["label"]["TotSA"] = "alla åldrar utom 0"
    doc["dimension"]["Alder"]["category"]["label"]["-4"] = "totalt 0-4"
    query = population_monthly_query(catalog).model_copy(
        update={"variables": [v for v in population_monthly_query(catalog).variables if v.code != "Alder"]}
    )
    with pytest.raises(ContractError, match="kräver nu ett val för variabeln 'Alder'"):
        resolve(query, variables_from_metadata(doc))


def test_a_missing_value_code_is_named(catalog):
    doc = load("TAB6471_metadata.json")
    del doc["dimension"]["Region"]["category"]["index"]["23"]
    with pytest.raises(ContractError, match=r"saknar värdena \['23'\]"):
        resolve(population_monthly_query(catalog), variables_from_metadata(doc))


def test_codes_are_deduplicated_even_if_the_catalog_lists_alternatives(catalog):
    variables = variables_from_metadata(load("TAB6471_metadata.json"))
    resolved = resolve(population_monthly_query(catalog), variables)
    for codes in resolved.selection.values():
        assert codes is None or len(codes) == len(set(codes))


def test_time_codes_are_split_to_stay_within_the_cell_limit():
    codes = [f"20{y:02d}M{m:02d}" for y in range(10) for m in range(1, 13)]
    chunks = chunk_time_codes(codes, other_cells=22 * 3 * 2000, limit=150_000)
    assert [len(c) for c in chunks] == [1] * 120
    chunks = chunk_time_codes(codes, other_cells=22 * 3, limit=1000)
    assert [c for chunk in chunks for c in chunk] == codes and max(len(c) for c in chunks) * 66 <= 1000
    with pytest.raises(ValueError):
        chunk_time_codes(codes, other_cells=2000, limit=1000)


def test_the_recorded_table_description_gives_the_freshness_probe():
    version = version_from_table(load("TAB5974_table.json"))
    assert (version.table, version.updated, version.last_period) == (
        "TAB5974",
        "2026-04-16T06:00:00Z",
        "2120",
    )


def test_the_recorded_search_listing_has_the_bas_tables():
    tables = {t["id"]: version_from_table(t) for t in load("tables_search_befolkning.json")["tables"]}
    assert tables["TAB5663"].last_period == "2026M03"
    assert "Sysselsättningsgrad och arbetslöshet efter region" in tables["TAB5663"].label


def test_config_limits_come_from_the_recorded_config(fake, monkeypatch):
    client = PxWeb2Client(HttpClient(PUBLISHERS["scb"], HttpSettings(retries=0)))
    monkeypatch.setattr(client.http, "get", lambda url, params=None: _Fetched(load("config.json")))
    assert client.max_cells == 150000
    assert (client.http.limiter.max_calls, client.http.limiter.window) == (30, 10.0)


class _Fetched:
    def __init__(self, doc):
        self.doc = doc

    def json(self, publisher=None):
        return self.doc


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("v2_400_missing_selection.TRANSCRIBED.json", "Missing selection for mandantory variable"),
        ("v2_400_non_existent_variable.TRANSCRIBED.json", "Non-existent variable"),
        ("v2_400_too_many_cells.FROM_SERVER_SOURCE.json", "Too many cells selected"),
        ("v2_404_non_existent_table.FROM_SERVER_SOURCE.json", "Non-existent table"),
        ("v2_429_body.INFERRED.txt", "API calls quota exceeded! maximum admitted 30 per 10s."),
    ],
)
def test_recorded_error_bodies_become_one_readable_title(name, expected):
    body = (REAL / "scb" / "errors" / name).read_bytes()
    from regstats.sources._http import Fetched

    assert _error_title(Fetched("GET", "https://x/", 400, body, {})) == expected


def test_no_pxwebapi2_table_has_aku_by_county_yet_so_the_search_says_what_it_looked_for(fake, catalog):
    """SCB lists monthly AKU tables without counties (TAB6387, TAB2920 in the recorded search)."""
    client = PxWeb2Client(HttpClient(PUBLISHERS["scb"]))
    successor = catalog["unemployment_aku"].queries[0].fallback
    with pytest.raises(ContractError, match=r"Ingen aktiv tabell hos SCB matchar .* \(sökning 'AKU', 3 träffar\)"):
        client.locate(successor)


def test_a_pxwebapi2_aku_table_by_county_would_be_found_by_its_title(fake, catalog):
    entry = dict(load("tables_search_befolkning.json")["tables"][3])  # TAB6387, monthly AKU
    entry |= {
        "id": "TAB9999",
        "label": "Befolkningen 15-74 år (AKU) efter region, kön och kvartal. Kvartal 2005K1-2026K3",
    }
    fake.scb_v2.listing["TAB9999"] = entry
    client = PxWeb2Client(HttpClient(PUBLISHERS["scb"]))
    assert client.locate(catalog["unemployment_aku"].queries[0].fallback).table == "TAB9999"


def test_the_fake_rejects_the_mistakes_the_real_service_rejects(fake):
    http = HttpClient(PUBLISHERS["scb"], HttpSettings(retries=0))
    url = http.url("tables/TAB6471/data")
    with pytest.raises(PublisherError, match="Missing selection"):
        http.post_json(url, {"selection": [{"variableCode": "Tid", "valueCodes": ["2025M01"]}]})
    with pytest.raises(PublisherError, match="Non-existent variable"):
        http.post_json(url, {"selection": [{"variableCode": "Lan", "valueCodes": ["23"]}]})


def test_the_recorded_first_listing_page_says_how_many_pages_follow():
    tables, pages = parse_table_listing(load("tables_page1.json"))
    assert pages == 213 and len(tables) == 20
    assert tables[0].table == "TAB4707" and tables[0].last_period == "2026M03"


def test_the_recorded_aggregation_codelist_maps_groups_to_single_ages():
    codes = parse_codelist(load("codelist_agg_Alder10arJ.json"))
    label, members = codes["-9"]
    assert label == "0-9 år" and sorted(members, key=int) == [str(a) for a in range(10)]


def test_a_null_cell_without_a_symbol_is_kept_as_missing_not_zero(catalog):
    import pandas as pd

    from regstats.sources.selection import ResolvedQuery, to_tidy

    query = catalog["sentiment"].queries[0]
    frame = pd.DataFrame(
        {
            "Indikator": ["KIFI", "KIFI"],
            "Period": ["2026M01", "2026M02"],
            "value": [101.0, None],
            "status": ["", ""],
        }
    )
    resolved = ResolvedQuery(
        selection={}, roles={"Indikator": ("measure", {"KIFI": "barometer"})}, time_variable="Period"
    )
    tidy = to_tidy(frame, resolved, query)
    assert tidy["status"].tolist() == ["", ".."]


def test_a_pinned_query_asks_for_its_data_while_the_metadata_is_read_and_asks_once(cli, fake):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    assert fake.count("scb", "TAB5663/data") == 1 and fake.count("scb", "TAB5663/metadata") == 1
    assert fake.count("scb", r"tables/TAB5663\?") == 0  # nothing stored yet: the metadata says what a probe would


def test_an_early_data_answer_is_dropped_when_the_metadata_says_the_table_changed(cli, fake, data_root):
    regions = fake.scb["TAB5663"].variable("Region")
    regions.values.remove("23")  # Jämtland gone from the table: the early call asked for it
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 1
    assert "Variabeln 'Region' saknar värdena ['23']" in result.out  # the checked reason, not the early 400
    assert not (data_root / "store" / "unemployment_bas.parquet").exists()


def test_the_catalog_alone_implies_a_selection_only_where_every_code_is_pinned(catalog):
    from regstats.sources.pxweb2 import pinned_selection

    bas = pinned_selection(catalog["unemployment_bas"].queries[0])
    assert [item["variableCode"] for item in bas] == ["Region", "NyckeltalSCB", "ContentsCode", "Tid"]
    assert bas[1]["valueCodes"] == ["BAS03", "BAS02"] and bas[3]["valueCodes"] == ["*"]
    assert pinned_selection(catalog["population"].queries[2]) is None  # TAB5557 starts in 2025: filtered
