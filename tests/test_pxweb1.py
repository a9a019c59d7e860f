"""PxWeb v1 (KI, Tillväxtanalys): real recorded metadata and query shapes, BOM, labels."""

import json

import pandas as pd
import pytest

from regstats.fakes import synthetic
from regstats.fakes.pxweb1 import GENERATIONS
from regstats.geography import COUNTIES, region_code_from_label
from regstats.periods import period_start
from regstats.sources._http import Fetched, HttpClient
from regstats.sources.publishers import PUBLISHERS
from regstats.sources.pxweb1 import PxWeb1Client, variables_from_v1
from tests.conftest import REAL

V1 = REAL / "scb" / "v1"


def test_real_v1_metadata_parses_with_time_and_elimination_flags():
    title, variables = variables_from_v1(json.loads((V1 / "SamForvInk1_metadata.json").read_text("utf-8")))
    assert title.startswith("Sammanräknad förvärvsinkomst")
    by_code = {v.code: v for v in variables}
    assert len(by_code["Region"].values) == 312
    assert by_code["Region"].value_labels["23"] == "Jämtlands län"
    assert by_code["Tid"].is_time and not by_code["Region"].is_time


def test_the_recorded_v1_query_has_the_shape_our_client_sends(fake, catalog):
    recorded = json.loads((V1 / "SamForvInk1_query.json").read_text("utf-8"))
    client = PxWeb1Client(HttpClient(PUBLISHERS["ki"]))
    query = catalog["sentiment"].queries[0]
    bodies = []
    client.http.on_response = lambda f: bodies.append(json.loads(f.request_body)) if f.request_body else None
    client.fetch(query, client.locate(query))
    assert set(bodies[0]) == set(recorded) == {"query", "response"}
    assert bodies[0]["response"] == recorded["response"] == {"format": "json-stat2"}
    assert set(bodies[0]["query"][0]) == set(recorded["query"][0]) == {"code", "selection"}
    assert bodies[0]["query"][0]["selection"]["filter"] == "item"


def test_values_per_call_stay_within_the_documented_thousand(fake, catalog):
    client = PxWeb1Client(HttpClient(PUBLISHERS["tva"]))
    query = catalog["bankruptcies"].queries[0]
    piece = client.fetch(query, client.locate(query))
    periods = sum(p >= "2010M01" for p in fake.tva.periods)  # the catalog reads from 2010
    per_call = 1000 // (21 * 2)  # whole periods of 21 counties × 2 measures (there is no Riket row)
    assert piece.requests == 1 + -(-periods // per_call)  # metadata, then the data calls
    assert all(status == 200 for *_, status in fake.requests)
    assert len(piece.frame) == 22 * 2 * periods  # and Riket summed by regstats


def test_a_byte_order_mark_before_json_is_tolerated():
    body = "\ufeff" + json.dumps([{"id": "KonjBar", "type": "l", "text": "Konjunkturbarometern"}])
    fetched = Fetched("GET", "https://x/", 200, body.encode("utf-8"), {"Content-Type": "application/json"})
    assert fetched.json()[0]["id"] == "KonjBar"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("23 Jämtlands län", "23"),
        ("00 Riket", "00"),
        ("Riket", "00"),
        ("Jämtlands län", "23"),
        ("01 Stockholms län", "01"),
        ("99 Okänt län", None),
        ("Utlandet", None),
    ],
)
def test_region_codes_are_taken_from_labels(label, code):
    assert region_code_from_label(label) == code


@pytest.mark.parametrize("generation", sorted(GENERATIONS))
def test_every_published_form_of_the_bankruptcy_table_is_read(fake, catalog, generation):
    """Four file names and two sets of variable codes in 2025–26; running-number codes for
    counties and months, the real ones only in the labels; no Riket row."""
    fake.use_tva_generation(generation)
    client = PxWeb1Client(HttpClient(PUBLISHERS["tva"]))
    query = catalog["bankruptcies"].queries[0]
    version = client.locate(query)
    assert version.table.endswith("/" + GENERATIONS[generation].file)
    frame = client.fetch(query, version).frame
    latest = frame["period"].max()
    assert latest == pd.Timestamp(period_start(fake.tva.periods[-1]))
    month = frame[(frame["period"] == latest) & (frame["measure"] == "bankruptcies")].set_index("region_code")
    expected = synthetic.bankruptcies("23", latest.date(), "bankruptcies")
    assert month.loc["23", "value"] == expected and month.loc["23", "status"] == ""
    counties = month.drop(index="00")
    assert len(counties) == 21 and month.loc["00", "value"] == counties["value"].sum()
    assert month.loc["00", "status"] == "sum"


def test_a_riket_sum_with_a_county_missing_is_missing_not_too_small():
    from regstats.sources.selection import with_riket_sum

    rows = pd.DataFrame(
        {
            "region_code": list(COUNTIES),
            "period": pd.Timestamp("2026-10-01"),
            "sex": "T",
            "breakdown": "",
            "measure": "bankruptcies",
            "value": [10.0] * 20 + [float("nan")],
            "status": [""] * 20 + [".."],
        }
    )
    riket = with_riket_sum(rows).set_index("region_code").loc["00"]
    assert pd.isna(riket["value"]) and riket["status"] == ".."


def test_the_title_pattern_skips_the_other_bankruptcy_table_in_the_folder(fake, catalog):
    client = PxWeb1Client(HttpClient(PUBLISHERS["tva"]))
    listing = client.list_folder(catalog["bankruptcies"].queries[0].folder)
    assert any(e["id"].startswith("14_anstallda") for e in listing)
    assert "14_anstallda" not in client.locate(catalog["bankruptcies"].queries[0]).table
