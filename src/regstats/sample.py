"""Build the offline sample store: the real refresh pipeline run against the fake publishers,
with every file marked as sample ("exempeldata")."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from regstats.errors import RegstatsError
from regstats.fakes import FakePublishers
from regstats.pipeline.refresh import RefreshReport, refresh
from regstats.store.manifest import load_manifest


def build_sample(out: Path) -> RefreshReport:
    """Rebuild from scratch, so the shipped sample has one vintage per series and no history."""
    manifest = load_manifest(out)["series"]
    if any(not entry.get("sample") for entry in manifest.values()):
        raise RegstatsError(
            f"{out} innehåller riktiga data; exempeldata byggs bara i ett exempellager",
            hint="ange en annan mapp med --out",
        )
    shutil.rmtree(out / "store", ignore_errors=True)
    (out / "manifest.json").unlink(missing_ok=True)
    with FakePublishers() as fake:
        previous = {k: os.environ.get(k) for k in fake.env()}
        os.environ.update(fake.env())
        try:
            return refresh(root=out.resolve(), sample=True, force=True)
        finally:
            for key, value in previous.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
