"""`regstats doctor`: a refresh without the data.

Per series the same reader and checks a refresh uses (pipeline.inspection): each table located
and described from its metadata — PxWebApi 2.0 and PxWeb v1 metadata, Försäkringskassan's meta,
Kolada's KPI descriptions, the pages that link Arbetsförmedlingen's files and, since those files
are their own metadata, their structure (pivot-cache definitions, tabs, header rows; no record is
read) — then held to the catalog and to the stored version. A series is ok; changed (what, where
a refresh would refuse it); gone (its table no longer exists); or the publisher does not answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from regstats.catalog import Series
from regstats.errors import ContractError, PublisherError, RegstatsError
from regstats.pipeline.inspection import closed_tables, fact_changes, inspect, meaning_changes
from regstats.pipeline.reader import PublisherReader
from regstats.pipeline.refresh import select_series
from regstats.sources._http import HttpSettings
from regstats.store import SeriesStore
from regstats.store.manifest import load_manifest

Verdict = Literal["ok", "changed", "gone", "unreachable"]
VERDICT_SV = {"ok": "ok", "changed": "ändrad", "gone": "borta", "unreachable": "svarar inte"}


@dataclass(frozen=True)
class Diagnosis:
    series_id: str
    verdict: Verdict
    detail: str = ""
    checked: str = ""


class Doctor:
    def __init__(self, root: Path | None = None, settings: HttpSettings | None = None, today: date | None = None):
        self.settings, self.today = settings, today or date.today()
        found = root is not None and root.exists()
        self.store = SeriesStore(root) if found else None
        self.manifest = load_manifest(root)["series"] if found else {}
        self._readers: dict[str, PublisherReader] = {}

    def reader(self, publisher: str) -> PublisherReader:
        if publisher not in self._readers:
            self._readers[publisher] = PublisherReader(publisher, self.today, self.settings)
        return self._readers[publisher]

    def check(self, series: Series) -> Diagnosis:
        try:
            inspected = inspect(self.reader(series.publisher), series, deep=True)
        except (ContractError, PublisherError) as exc:
            gone = isinstance(exc, PublisherError) and exc.status in {404, 410}
            return Diagnosis(series.id, "gone" if gone else "changed", exc.message)
        except RegstatsError as exc:
            return Diagnosis(series.id, "unreachable", exc.message)
        checked = inspected.checked
        if closed := closed_tables(series.publisher, inspected):
            return Diagnosis(series.id, "changed", closed.message, checked)
        stored_contract, described = self._stored(series)
        changed = fact_changes(described, inspected.facts) if described is not None else []
        if problems := meaning_changes(series, inspected.contract, stored_contract):
            detail = "refresh vägrar: " + "; ".join(problems + [f"metadata: {c}" for c in changed])
            return Diagnosis(series.id, "changed", detail, checked)
        detail = ("metadata ändrad (godtas): " + "; ".join(changed)) if changed else ""
        return Diagnosis(series.id, "ok", detail, checked)

    def _stored(self, series: Series) -> tuple[dict[str, str], dict | None]:
        """The stored version's contract and facts; real data only (the sample was not fetched)."""
        if self.store is None or not self.store.exists(series.id):
            return {}, None
        stored = self.store.read(series.id)
        if stored.is_sample:
            return {}, None
        return json.loads(stored.metadata.get("contract") or "{}"), self.manifest.get(series.id, {}).get("described")


def diagnose(
    series_ids: Iterable[str] | None = None, publishers: Iterable[str] | None = None, root: Path | None = None
) -> list[Diagnosis]:
    doctor = Doctor(root)
    return [doctor.check(series) for series in select_series(series_ids, publishers)]
