import json

import pytest

from regstats.errors import ContractError
from regstats.sources.jsonstat import parse_jsonstat2
from tests.conftest import REAL

V2 = REAL / "scb" / "v2"


def load(name):
    return json.loads((V2 / name).read_text("utf-8"))


def test_counties_by_age_and_sex_parse_in_the_responses_own_order():
    dataset = parse_jsonstat2(load("TAB6471_data_counties_2026M01-M04.json"))
    assert [d.id for d in dataset.dimensions] == ["Region", "Alder", "Kon", "ContentsCode", "Tid"]
    frame = dataset.frame
    assert len(frame) == 21 * 11 * 3 * 1 * 4
    cell = frame[(frame.Region == "23") & (frame.Alder == "0-9") & (frame.Kon == "TotSa") & (frame.Tid == "2026M01")]
    assert cell["value"].tolist() == [12105.0]
    assert frame.iloc[0].to_dict() | {} == {
        "Region": "01",
        "Alder": "0-9",
        "Kon": "TotSa",
        "ContentsCode": "000007SF",
        "Tid": "2026M01",
        "value": 245284.0,
        "status": "",
    }
    assert "00" not in set(frame.Region)  # this recording asked for counties only


def test_the_cell_key_method_note_is_kept_as_mandatory():
    dataset = parse_jsonstat2(load("TAB6471_data_counties_2026M01-M04.json"))
    assert any("Cell Key Method" in note for note in dataset.mandatory_notes)
    assert dataset.time_dimension == "Tid"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("TAB638_data_POST_riket_2024.json", [50937.0]), ("TAB5974_data_POST.json", [50080.0, 47361.0])],
)
def test_small_recorded_answers_parse(name, expected):
    dataset = parse_jsonstat2(load(name))
    assert dataset.frame["value"].tolist() == expected
    assert dataset.updated.startswith("20")


def test_status_symbols_are_kept_beside_missing_values():
    doc = load("TAB5974_data_POST.json")
    doc["value"] = [None, 47361]
    doc["status"] = {"0": ".."}
    frame = parse_jsonstat2(doc).frame
    assert frame["status"].tolist() == ["..", ""]
    assert frame["value"].isna().tolist() == [True, False]


def test_a_value_count_that_disagrees_with_the_dimensions_is_a_contract_error():
    doc = load("TAB5974_data_POST.json")
    doc["value"] = [1]
    with pytest.raises(ContractError, match="1 värden men dimensionerna ger 2"):
        parse_jsonstat2(doc)


def test_something_that_is_not_a_dataset_is_refused():
    with pytest.raises(ContractError, match="json-stat2"):
        parse_jsonstat2(load("TAB5974_table.json"))
