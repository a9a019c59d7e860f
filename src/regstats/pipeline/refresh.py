"""The analyst's refresh: under the store's lock, the store's self-check, then every publisher
side by side (refresher.py does one publisher), then Kolada's cross-checks; the report says per
series what happened."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from datetime import UTC, date, datetime
from pathlib import Path

from requests.adapters import BaseAdapter

from regstats.catalog import Series, load_catalog
from regstats.errors import (
    NotFoundError,
)
from regstats.pipeline.archive import RawArchive
from regstats.pipeline.crosscheck import CHECKS, crosscheck
from regstats.pipeline.refresher import SERIES_WORKERS, SeriesRefresher
from regstats.pipeline.report import Progress, RefreshReport, SeriesResult
from regstats.sources._http import HttpSettings
from regstats.store import SeriesStore
from regstats.store.check import check_store
from regstats.store.lock import refresh_lock

__all__ = ["Progress", "RefreshReport", "SeriesResult", "refresh", "select_series"]


def _add_crosscheck_warnings(results: list[SeriesResult], store: SeriesStore) -> None:
    """After a successful Kolada refresh, compare it with the monthly series it cross-checks."""
    kolada = next((r for r in results if r.series_id == "kolada" and r.ok), None)
    if kolada is None:
        return
    others = {c.series: store.read(c.series).frame for c in CHECKS if store.exists(c.series)}
    kolada.warnings += crosscheck(store.read("kolada").frame, others)


def select_series(series_ids: Iterable[str] | None = None, publishers: Iterable[str] | None = None) -> list[Series]:
    catalog = load_catalog()
    chosen = list(catalog.values())
    if series_ids:
        unknown = [s for s in series_ids if s not in catalog]
        if unknown:
            raise NotFoundError(f"Okända serier: {', '.join(unknown)}", hint=f"välj bland: {', '.join(catalog)}")
        chosen = [catalog[s] for s in series_ids]
    if publishers:
        wanted = {p.lower() for p in publishers}
        known = list(dict.fromkeys(s.publisher for s in catalog.values()))
        if unknown := wanted - set(known):
            raise NotFoundError(
                f"Okända publicerare: {', '.join(sorted(unknown))}",
                hint=f"välj bland: {', '.join(known)}",
            )
        chosen = [s for s in chosen if s.publisher in wanted]
    return chosen


def refresh(
    series_ids: Iterable[str] | None = None,
    publishers: Iterable[str] | None = None,
    *,
    root: Path,
    sample: bool = False,
    force: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    settings: HttpSettings | None = None,
    accept: Iterable[str] = (),
    archive: bool = True,
    transport: BaseAdapter | None = None,
) -> RefreshReport:
    """`accept`: series whose changed meaning (see pipeline.drift) the analyst accepts as a break;
    `archive`: keep every answer in raw/ (off when the answers come from raw/ already: rebuild);
    `transport`: where answers come from instead of the network (sources.replay)."""
    chosen = select_series(series_ids, publishers)
    progress = progress or Progress()
    started = datetime.now(UTC)
    with refresh_lock(root):
        checked = check_store(root)  # a store left broken by a crash is mended before anything else
        store, keeper = SeriesStore(root), RawArchive(root if archive else None)
        by_publisher: dict[str, list[Series]] = {}
        for series in chosen:
            by_publisher.setdefault(series.publisher, []).append(series)
        progress.start([s.id for s in chosen])

        def run_publisher(publisher: str) -> tuple[list[SeriesResult], int]:
            refresher = SeriesRefresher(
                publisher,
                store,
                keeper,
                sample=sample,
                force=force,
                today=today or date.today(),
                settings=settings,
                accept=accept,
                transport=transport,
            )

            def run(series: Series) -> SeriesResult:
                result = refresher.run(series)
                progress.series_done(result)
                return result

            # Side by side, so one slow table does not hold up the next; a publisher that is down
            # still costs one bounded attempt (the HTTP client lets its first request go alone).
            with ThreadPoolExecutor(max_workers=SERIES_WORKERS) as pool:
                results = list(pool.map(lambda s: copy_context().run(run, s), by_publisher[publisher]))
            return results, refresher.request_count

        # Publishers are independent (own limits, own outages): run them side by side.
        with ThreadPoolExecutor(max_workers=len(by_publisher) or 1) as pool:
            outputs = list(pool.map(run_publisher, by_publisher))
    order = {s.id: i for i, s in enumerate(chosen)}
    results = sorted((r for rs, _ in outputs for r in rs), key=lambda r: order[r.series_id])
    _add_crosscheck_warnings(results, SeriesStore(root))
    return RefreshReport(
        results, started, datetime.now(UTC), sum(n for _, n in outputs), checked.repairs, checked.problems
    )
