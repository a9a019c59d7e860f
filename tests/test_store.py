"""The Parquet store: self-describing files, atomic replacement, vintages, manifest."""

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from regstats.errors import NotFoundError, ValidationError
from regstats.store import SeriesStore
from regstats.store.manifest import load_manifest, update_entry
from regstats.store.series_store import new_vintage


def frame(values, vintage):
    return pd.DataFrame(
        {
            "series_id": "demo",
            "region_code": ["00", "23"],
            "period": pd.to_datetime(["2026-01-01"] * 2),
            "sex": "T",
            "breakdown": "",
            "measure": "rate",
            "value": values,
            "status": ["", ".."],
            "vintage": vintage,
        }
    )


def test_a_written_file_describes_itself_and_reads_back_equal(tmp_path):
    store = SeriesStore(tmp_path)
    store.write("demo", frame([6.8, None], "20261001T000000Z"), {"title_sv": "Demo", "vintage": "20261001T000000Z"})
    metadata = pq.read_schema(store.path("demo")).metadata
    assert metadata[b"title_sv"] == b"Demo"
    back = store.read("demo")
    assert back.frame["value"].tolist()[0] == 6.8 and pd.isna(back.frame["value"].tolist()[1])
    assert back.frame["status"].tolist() == ["", ".."]
    assert back.frame["period"].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-01"] * 2


def test_identical_data_gives_identical_bytes(tmp_path):
    store = SeriesStore(tmp_path)
    meta = {"vintage": "20261001T000000Z"}
    store.write("demo", frame([1.0, 2.0], "v"), meta)
    first = store.path("demo").read_bytes()
    store.write("demo", frame([1.0, 2.0], "v").iloc[::-1], meta)
    assert store.path("demo").read_bytes() == first


def test_a_failed_write_leaves_the_stored_file_untouched(tmp_path, monkeypatch):
    store = SeriesStore(tmp_path)
    store.write("demo", frame([1.0, 2.0], "a"), {"vintage": "20261001T000000Z"})
    before = store.path("demo").read_bytes()

    def broken_write(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr("regstats.store.series_store.pq.write_table", broken_write)
    with pytest.raises(OSError, match="disk full"):
        store.write("demo", frame([9.0, 9.0], "b"), {"vintage": "20261101T000000Z"})
    assert store.path("demo").read_bytes() == before
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_file_that_does_not_read_back_is_never_renamed_into_place(tmp_path, monkeypatch):
    store = SeriesStore(tmp_path)
    store.write("demo", frame([1.0, 2.0], "a"), {"vintage": "20261001T000000Z"})
    before = store.path("demo").read_bytes()
    real_read = pq.read_table
    monkeypatch.setattr("regstats.store.series_store.pq.read_table", lambda p: real_read(p).slice(0, 1))
    with pytest.raises(ValidationError, match="läsa tillbaka"):
        store.write("demo", frame([3.0, 4.0], "b"), {"vintage": "20261101T000000Z"})
    assert store.path("demo").read_bytes() == before


def test_earlier_vintages_stay_readable_as_of_a_date(tmp_path):
    store = SeriesStore(tmp_path)
    store.write("demo", frame([1.0, 2.0], "20261001T000000Z"), {"vintage": "20261001T000000Z"})
    store.write("demo", frame([1.5, 2.0], "20261101T000000Z"), {"vintage": "20261101T000000Z"})
    assert store.vintages("demo") == ["20261001T000000Z", "20261101T000000Z"]
    october = store.read("demo", as_of=datetime(2026, 10, 15, tzinfo=UTC))
    assert october.frame["value"].tolist()[0] == 1.0
    assert store.read("demo", as_of=datetime(2026, 11, 30)).frame["value"].tolist()[0] == 1.5
    with pytest.raises(NotFoundError, match="ingen version från 2026-09-01"):
        store.read("demo", as_of=datetime(2026, 9, 1))


def test_a_missing_series_says_how_to_get_it(tmp_path):
    with pytest.raises(NotFoundError, match="regstats refresh --series demo"):
        SeriesStore(tmp_path).read("demo")


def test_manifest_entries_merge(tmp_path):
    update_entry(tmp_path, "demo", rows=2, last_status="ok")
    update_entry(tmp_path, "demo", last_status="failed", last_error="x")
    assert load_manifest(tmp_path)["series"]["demo"] == {
        "rows": 2,
        "last_status": "failed",
        "last_error": "x",
    }


def test_vintage_ids_sort_in_time_order():
    assert new_vintage(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "20260102T030405Z"
