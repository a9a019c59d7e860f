"""Build the offline sample store: the real refresh pipeline run against the fake publishers,
with every file marked as sample ("exempeldata")."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pandas as pd

from regstats.errors import RegstatsError
from regstats.fakes import FakePublishers
from regstats.meeting.snapshot import create_meeting
from regstats.pipeline.refresh import RefreshReport, refresh
from regstats.sources.publishers import pointed_at
from regstats.store.manifest import load_manifest

SAMPLE_MEETING_LAG = pd.DateOffset(months=1)


def _refresh_from_fakes(out: Path, today: date) -> RefreshReport:
    with FakePublishers(today=today, every_municipality=True) as fake, pointed_at(fake.env()):
        return refresh(root=out.resolve(), sample=True, force=True, today=today)


def build_sample(out: Path, today: date | None = None) -> RefreshReport:
    """Rebuild from scratch in two releases, as an analyst's store grows: the publishers as they
    were a month ago (frozen as a sample meeting), then as they are today. So the sample shows a
    meeting, its presentation and what is new since it, all marked as sample."""
    manifest = load_manifest(out)["series"]
    if any(not entry.get("sample") for entry in manifest.values()):
        raise RegstatsError(
            f"{out} innehåller riktiga data; exempeldata byggs bara i ett exempellager",
            hint="ange en annan mapp med --out",
        )
    shutil.rmtree(out / "store", ignore_errors=True)
    shutil.rmtree(out / "meetings", ignore_errors=True)
    (out / "manifest.json").unlink(missing_ok=True)
    today = today or date.today()
    earlier = (pd.Timestamp(today) - SAMPLE_MEETING_LAG).date()
    first = _refresh_from_fakes(out, earlier)
    if first.exit_code:
        return first
    create_meeting(out.resolve(), earlier)
    time.sleep(1)  # vintages are named to the second: the next release must not share a name
    return _refresh_from_fakes(out, today)
