"""`regstats rebuild SERIES`: re-derive a series from its raw archive, offline.

Every refresh archives each answer byte for byte (pipeline.archive). When a parser is fixed,
the fix can be applied to what was already fetched: the archived answers are served on loopback
(fakes.replay) and the series is refreshed through the real pipeline — validation and the drift
guard included — without a network. A request the archive has no answer to is named.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from regstats.catalog import get_series
from regstats.errors import NotFoundError
from regstats.fakes.replay import ReplayPublishers
from regstats.pipeline.record import bundle
from regstats.pipeline.refresh import RefreshReport, refresh
from regstats.sources.publishers import pointed_at


def rebuild(series_id: str, root: Path, accept: tuple[str, ...] = ()) -> tuple[RefreshReport, list[str]]:
    """The refresh report, and the requests the archive could not answer."""
    series = get_series(series_id)
    endpoints = {series.publisher}
    for query in series.queries:
        for q in (query, query.fallback):
            if q is not None and q.endpoint:
                endpoints.add(q.endpoint)
    raw = root / "raw"
    if not any((raw / e).exists() for e in endpoints):
        raise NotFoundError(
            f"Det finns inga arkiverade svar för {series_id} i {raw}",
            hint="rebuild använder svar som en tidigare refresh har arkiverat; kör refresh först",
        )
    work = Path(tempfile.mkdtemp(prefix="regstats-rebuild-"))
    try:
        bundle(raw, work, endpoints)
        with ReplayPublishers(work) as replay, pointed_at(replay.env()):
            report = refresh([series_id], root=root, force=True, accept=accept, archive=False)
        return report, replay.misses
    finally:
        shutil.rmtree(work, ignore_errors=True)
