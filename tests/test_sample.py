"""The sample store shipped in data/: complete, valid, and impossible to mistake for statistics."""

from pathlib import Path

import pytest

from regstats.catalog import load_catalog
from regstats.pipeline.validate import validate
from regstats.store import SeriesStore
from regstats.store.manifest import load_manifest

SAMPLE = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("series_id", list(load_catalog()))
def test_every_catalog_series_ships_as_labelled_sample(series_id):
    stored = SeriesStore(SAMPLE).read(series_id)
    assert stored.is_sample
    assert stored.metadata["title_sv"] == load_catalog()[series_id].title_sv
    assert load_manifest(SAMPLE)["series"][series_id]["sample"] is True
    validate(stored.frame, load_catalog()[series_id], today=stored.frame["period"].max().date())


def test_the_sample_was_made_by_the_pipeline_from_the_fake_publishers():
    stored = SeriesStore(SAMPLE).read("unemployment_aku")
    assert "TAB9901" in stored.metadata["tables"]  # the fake's table id, never a real one
    jamtland = stored.frame[(stored.frame.region_code == "23") & (stored.frame.measure == "margin_of_error")]
    riket = stored.frame[(stored.frame.region_code == "00") & (stored.frame.measure == "margin_of_error")]
    assert jamtland["value"].min() > riket["value"].max()  # a small county has the wider band
