"""Build the offline sample store: the real refresh pipeline run against the fake publishers,
with every file marked as sample ("exempeldata")."""

from __future__ import annotations

import os
from pathlib import Path

from regstats.fakes import FakePublishers
from regstats.pipeline.refresh import RefreshReport, refresh


def build_sample(out: Path) -> RefreshReport:
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
