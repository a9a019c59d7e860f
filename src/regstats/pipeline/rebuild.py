"""`regstats rebuild SERIES`: re-derive a series from its raw archive, offline.

Every refresh archives each answer byte for byte (pipeline.archive). When a parser is fixed,
the fix can be applied to what was already fetched: the HTTP clients are given a transport that
answers from the archive (sources.replay) and the series is refreshed through the real pipeline —
validation and the drift guard included — without a network. A request the archive has no
answer to is named.
"""

from __future__ import annotations

from pathlib import Path

from regstats.catalog import get_series
from regstats.errors import NotFoundError
from regstats.pipeline.refresh import RefreshReport, refresh
from regstats.sources.replay import ReplayTransport, archived


def rebuild(series_id: str, root: Path, accept: tuple[str, ...] = ()) -> tuple[RefreshReport, list[str]]:
    """The refresh report, and the requests the archive could not answer."""
    series = get_series(series_id)
    endpoints = {series.publisher}
    for query in series.queries:
        for q in (query, query.fallback):
            if q is not None and q.endpoint:
                endpoints.add(q.endpoint)
    answers = archived(root / "raw", endpoints) if (root / "raw").is_dir() else []
    if not answers:
        raise NotFoundError(
            f"Det finns inga arkiverade svar för {series_id} i {root / 'raw'}",
            hint="rebuild använder svar som en tidigare refresh har arkiverat; kör refresh först",
        )
    transport = ReplayTransport(answers)
    report = refresh([series_id], root=root, force=True, accept=accept, archive=False, transport=transport)
    return report, transport.misses
