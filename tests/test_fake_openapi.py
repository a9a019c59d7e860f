"""The fake SCB answers in shapes that validate against the official PxWebApi 2.0 OpenAPI
description, except where the recorded live service itself deviates (SOURCES.md §1)."""

from __future__ import annotations

import copy
import json

import pytest
import requests
import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_schema_validator import OAS30Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from tests.conftest import FIXTURES, REAL

SPEC_PATH = FIXTURES / "specs" / "PxAPI-2.yml"


def spec_as_the_live_service_behaves() -> dict:
    """Recorded reality: `updated` is a date-time although the pattern allows only a date."""
    spec = yaml.safe_load(SPEC_PATH.read_text("utf-8"))
    schemas = spec["components"]["schemas"]
    schemas["updated"].pop("pattern")
    schemas["Table"]["properties"]["updated"].pop("pattern")
    return spec


@pytest.fixture(scope="module")
def spec():
    return spec_as_the_live_service_behaves()


def test_the_recorded_responses_need_exactly_the_documented_deviations(spec):
    strict = yaml.safe_load(SPEC_PATH.read_text("utf-8"))
    recorded = json.loads((REAL / "scb" / "v2" / "TAB5974_table.json").read_text("utf-8"))
    table_strict = _validator(strict, "Table")
    assert list(table_strict.iter_errors(recorded)), "the strict spec rejects the live `updated`"
    assert not list(_validator(spec, "Table").iter_errors(recorded))


def _validator(spec: dict, schema: str) -> OAS30Validator:
    root = copy.deepcopy(spec)
    registry = Registry().with_resource("spec", DRAFT4.create_resource(root))  # OAS 3.0 ≈ draft 4
    return OAS30Validator({"$ref": f"spec#/components/schemas/{schema}"}, registry=registry)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/config", None),
        ("GET", "/tables?lang=sv&query=AKU&pageSize=10&pageNumber=1", None),
        ("GET", "/tables/TAB6471?lang=sv", None),
        ("GET", "/tables/TAB5663?lang=sv", None),
        ("GET", "/tables/TAB6471/metadata?lang=sv", None),
        ("GET", "/tables/TAB5663/metadata?lang=sv", None),
        ("GET", "/tables/TAB5557/metadata?lang=sv", None),
        ("GET", "/tables/TAB638/metadata?lang=sv", None),
    ],
)
def test_fake_scb_answers_validate_against_the_spec(fake, spec, method, path, body):
    base = fake.urls()["scb"]
    openapi = OpenAPI.from_dict({**spec, "servers": [{"url": base}]})
    request = requests.Request(method, base + path, json=body)
    response = requests.Session().send(request.prepare(), timeout=5)
    assert response.status_code == 200
    openapi.validate_response(RequestsOpenAPIRequest(request), RequestsOpenAPIResponse(response))


def test_fake_scb_data_answers_are_json_stat2_datasets_per_the_spec(fake, spec):
    # The spec types the data answer as an opaque string; validate it as its Dataset schema.
    body = {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["00", "23"]},
            {"variableCode": "Alder", "valueCodes": ["TotSA"]},
            {"variableCode": "ContentsCode", "valueCodes": ["000007SF"]},
            {"variableCode": "Tid", "valueCodes": ["2025M01", "2025M02"]},
        ]
    }
    answer = requests.post(
        fake.urls()["scb"] + "/tables/TAB6471/data?lang=sv&outputFormat=json-stat2", json=body, timeout=5
    ).json()
    errors = [e.message for e in _validator(spec, "Dataset").iter_errors(answer)]
    assert errors == []
    assert answer["size"] == [2, 1, 1, 2]


def test_an_invalid_fake_answer_would_be_caught(spec):
    broken = {"version": "2.0", "class": "dataset", "id": ["Tid"], "size": "1", "dimension": {}, "value": []}
    assert list(_validator(spec, "Dataset").iter_errors(broken))


def test_fake_scb_problems_are_problem_json_with_the_recorded_titles(fake):
    answer = requests.get(fake.urls()["scb"] + "/tables/TAB0000?lang=sv", timeout=5)
    recorded = json.loads((REAL / "scb" / "errors" / "v2_404_non_existent_table.FROM_SERVER_SOURCE.json").read_text())
    assert answer.status_code == 404 and answer.headers["Content-Type"].startswith("application/problem+json")
    assert answer.json() == recorded
