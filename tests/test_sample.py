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
    # The fakes serve the real table in its recorded shape; the values and the file say sample.
    assert "NAKUBefolkningLK" in stored.metadata["tables"] and stored.metadata["sample"] == "true"
    jamtland = stored.frame[(stored.frame.region_code == "23") & (stored.frame.measure == "margin_of_error")]
    riket = stored.frame[(stored.frame.region_code == "00") & (stored.frame.measure == "margin_of_error")]
    assert jamtland["value"].min() > riket["value"].max()  # a small county has the wider band


def test_the_sample_ships_a_meeting_a_release_ago_and_what_is_new_since():
    from regstats.meeting.build import deck_for
    from regstats.meeting.snapshot import list_meetings

    (meeting,) = list_meetings(SAMPLE)
    frozen = deck_for(SAMPLE, meeting)
    draft = deck_for(SAMPLE)
    assert frozen.sample and draft.sample and draft.previous == meeting
    frozen_period, draft_period = frozen.slides[1].latest_period, draft.slides[1].latest_period
    assert frozen_period != draft_period  # the meeting kept last month's release
    news = [s.text for s in draft.slides[-1].sentences]
    said = next(t for t in news if t.startswith("Arbetslösa som står nära arbetsmarknaden: ny period:"))
    assert said.startswith(f"Arbetslösa som står nära arbetsmarknaden: ny period: {draft_period} (")
    assert "Jämtlands län" in said and "riket" in said  # the new numbers, not only the new period
