"""Stores for meeting tests: a copy of the shipped sample, and a later release of one series."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from regstats.store import SeriesStore
from regstats.store.series_store import new_vintage

SAMPLE = Path(__file__).resolve().parents[1] / "data"
MEETING = date(2026, 11, 5)
NEXT = date(2026, 12, 3)


def copy_sample(root: Path) -> Path:
    shutil.copytree(SAMPLE / "store", root / "store")
    shutil.copy(SAMPLE / "manifest.json", root / "manifest.json")
    return root


def publish_november(root: Path) -> None:
    """A new release of unemployment_close: November added and Jämtland's October revised +0,4."""
    store = SeriesStore(root)
    old = store.read("unemployment_close")
    frame = old.frame.copy()
    october = frame[frame["period"] == pd.Timestamp("2026-10-01")]
    november = october.assign(period=pd.Timestamp("2026-11-01"), value=october["value"] * 1.02)
    revised = (frame["period"] == pd.Timestamp("2026-10-01")) & (frame["region_code"] == "23")
    revised &= (frame["measure"] == "share") & (frame["sex"] == "T")
    frame.loc[revised, "value"] += 0.4
    frame = pd.concat([frame, november], ignore_index=True)
    frame["vintage"] = new_vintage(datetime(2026, 12, 1, 8, tzinfo=UTC))
    store.write("unemployment_close", frame, {**old.metadata, "vintage": frame["vintage"].iloc[0]})
