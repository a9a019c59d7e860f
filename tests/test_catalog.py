import pytest
from pydantic import ValidationError

from regstats.catalog import Series, get_series
from regstats.errors import NotFoundError

REQUIRED = [
    "title_sv",
    "title_en",
    "unit",
    "definition",
    "publisher",
    "frequency",
    "geography",
    "release_lag_days",
    "licence",
    "source_url",
    "notes",
    "breaks",
    "queries",
]


def test_every_series_declares_everything_a_consumer_needs(catalog):
    assert set(catalog) >= {"population", "unemployment_bas", "unemployment_aku", "bankruptcies", "sentiment"}
    for series in catalog.values():
        for field in REQUIRED:
            assert getattr(series, field) not in (None, ""), (series.id, field)
        assert series.source_url.startswith("https://")
        assert all(m.unit for m in series.measures)


def test_a_series_missing_a_required_field_is_rejected(catalog):
    entry = catalog["sentiment"].model_dump()
    del entry["licence"]
    with pytest.raises(ValidationError, match="licence"):
        Series.model_validate(entry)


def test_blank_unit_and_non_snake_case_ids_are_rejected(catalog):
    entry = catalog["sentiment"].model_dump()
    with pytest.raises(ValidationError, match="must not be empty"):
        Series.model_validate({**entry, "unit": "  "})
    with pytest.raises(ValidationError, match="snake_case"):
        Series.model_validate({**entry, "id": "Sentiment-KI"})


def test_the_aku_series_keeps_its_margin_of_error_as_a_measure(catalog):
    assert catalog["unemployment_aku"].measure_ids == ["unemployment_rate", "margin_of_error"]


def test_unknown_series_gives_a_helpful_error():
    with pytest.raises(NotFoundError, match="välj en av"):
        get_series("arbetsloshet")
