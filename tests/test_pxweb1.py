"""PxWeb v1 (KI, Tillväxtanalys): real recorded metadata and query shapes, BOM, labels."""

import json

import pytest

from regstats.geography import region_code_from_label
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
    periods = len(fake.tva.time.values)
    per_call = 1000 // (22 * 2)  # whole periods of 22 regions × 2 measures
    assert piece.requests == 1 + -(-periods // per_call)  # metadata, then the data calls
    assert all(status == 200 for *_, status in fake.requests)
    assert len(piece.frame) == 22 * 2 * len(fake.tva.time.values)


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


def test_tables_are_found_by_title_because_file_names_change(fake, catalog):
    fake.tva.id = "konkurser_lan_manad_v4.px"
    client = PxWeb1Client(HttpClient(PUBLISHERS["tva"]))
    version = client.locate(catalog["bankruptcies"].queries[0])
    assert version.table.endswith("/konkurser_lan_manad_v4.px")
    assert version.label == "Konkurser efter län och månad"
