"""One publisher's refresh: probe each table, fetch what changed (side by side within the
publisher's limit), validate, guard against drift and store — or say exactly why not, touching
nothing."""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
from requests.adapters import BaseAdapter

from regstats.catalog import Series
from regstats.errors import (
    ContractError,
    PublisherDown,
    PublisherUnavailable,
    RegstatsError,
    StoreError,
)
from regstats.periods import expected_release, latest_expected_period, period_code
from regstats.pipeline.archive import RawArchive
from regstats.pipeline.diff import compare
from regstats.pipeline.drift import drift, unpinned_units
from regstats.pipeline.inspection import Facts, closed_tables, fact_changes, inspect, meaning_changes
from regstats.pipeline.reader import PublisherReader
from regstats.pipeline.report import Outcome, SeriesResult
from regstats.pipeline.validate import validate
from regstats.sources._http import HttpSettings, counting
from regstats.sources.base import Piece, SourceVersion
from regstats.sources.publishers import PUBLISHERS
from regstats.store import SeriesStore, StoredSeries
from regstats.store.manifest import load_manifest, timestamp, update_entry
from regstats.store.series_store import new_vintage
from regstats.store.status import stale_reason

SERIES_WORKERS = 3  # per publisher; the rate limiter, not the pool, sets the pace


def _sources(versions: list[SourceVersion]) -> dict[str, dict]:
    """What the manifest keeps per table to tell the next refresh whether anything changed."""
    return {v.table: {"updated": v.updated, "last_period": v.last_period} for v in versions}


def release_due(series: Series, latest: date, today: date) -> bool:
    """Whether a period after `latest` should have been published by `today`."""
    return latest < latest_expected_period(today, series.frequency, series.release_lag_days)


class SeriesRefresher:
    """Refreshes the series of one publisher, in catalog order, with one HTTP client."""

    def __init__(
        self,
        publisher: str,
        store: SeriesStore,
        archive: RawArchive,
        *,
        sample: bool,
        force: bool,
        today: date,
        settings: HttpSettings | None = None,
        accept: Iterable[str] = (),
        transport: BaseAdapter | None = None,
    ) -> None:
        self.publisher = PUBLISHERS[publisher]
        self.store, self.sample, self.force, self.today = store, sample, force, today
        self.accept = set(accept)
        self.reader = PublisherReader(publisher, today, settings, archive.save, transport)
        self.down: dict[str, str] = {}  # endpoint (a publisher may have two hosts) → why it is skipped

    @property
    def request_count(self) -> int:
        return self.reader.request_count

    def run(self, series: Series) -> SeriesResult:
        endpoint = series.queries[0].endpoint or series.publisher
        if endpoint in self.down:
            return self._skipped(series, self.down[endpoint])
        with counting() as requests:
            result = self._run(series, endpoint)
        result.requests = requests[0]
        return result

    def _run(self, series: Series, endpoint: str) -> SeriesResult:
        try:
            result = self._refresh(series)
        except PublisherDown as exc:  # another series of this run found the publisher down
            self.down[endpoint] = exc.message
            result = self._skipped(series, exc.message)
        except PublisherUnavailable as exc:
            self.down[endpoint] = f"{PUBLISHERS[endpoint].name} svarade inte tidigare i denna körning"
            result = self._failed(series, exc)
        except RegstatsError as exc:
            result = self._failed(series, exc)
        except OSError as exc:  # a full disk or a read-only store: nothing was replaced
            result = self._failed(
                series,
                StoreError(
                    f"Kunde inte skriva till lagret {self.store.root}: {exc.strerror or exc}",
                    hint="frigör diskutrymme eller kontrollera rättigheterna och kör refresh igen; "
                    "lagrade data är orörda",
                ),
            )
        except Exception as exc:  # an unforeseen bug must not stop the other series
            log_path = self.store.root / "refresh-errors.log"
            with suppress(OSError), log_path.open("a", encoding="utf-8") as handle:
                handle.write(f"{datetime.now(UTC).isoformat()} {series.id}\n{traceback.format_exc()}\n")
            result = self._failed(
                series,
                RegstatsError(f"Oväntat fel ({type(exc).__name__}: {exc})", hint=f"detaljer i {log_path}"),
            )
        return result

    def _skipped(self, series: Series, why: str) -> SeriesResult:
        """Not tried: said in the manifest too, so status and the dashboard do not say 'ok'."""
        reason = f"hoppades över: {why}"
        update_entry(self.store.root, series.id, last_attempt=timestamp(), last_status="skipped", last_error=reason)
        return SeriesResult(series.id, series.publisher, "skipped", reason=reason)

    def _failed(self, series: Series, exc: RegstatsError) -> SeriesResult:
        exc.with_context(series=series.id, publisher=series.publisher)
        with suppress(OSError):  # on a full disk the report still says why
            update_entry(
                self.store.root,
                series.id,
                last_attempt=timestamp(),
                last_status="failed",
                last_error=str(exc),
            )
        return SeriesResult(series.id, series.publisher, "failed", reason=str(exc))

    def _refresh(self, series: Series) -> SeriesResult:
        stored = self.store.read(series.id) if self.store.exists(series.id) else None
        same_kind = stored is not None and stored.is_sample == self.sample
        # With nothing of the same kind stored (or --force) the data is fetched anyway, and a
        # PxWebApi 2.0 metadata answer says what the probe would: skip the probe.
        probe = same_kind and not self.force
        inspected = inspect(self.reader, series, probe)
        if closed := closed_tables(self.publisher.name, inspected):
            raise closed
        entry = load_manifest(self.store.root)["series"].get(series.id, {})
        described = entry.get("described") if same_kind else None
        changed = fact_changes(described, inspected.facts) if described is not None else []
        stored_contract = json.loads(stored.metadata.get("contract") or "{}") if same_kind else {}
        if (problems := meaning_changes(series, inspected.contract, stored_contract)) and series.id not in self.accept:
            raise self._refusal(series, problems + [f"metadata: {c}" for c in changed])
        sources = _sources(inspected.versions)
        if probe and described is not None and not changed and entry.get("sources") == sources:
            probed = all(v.updated for v in inspected.versions)
            # FK and Kolada offer no freshness probe: their release calendar says when to look.
            if probed or not release_due(series, stored.frame["period"].max().date(), self.today):
                return self._unchanged(series, stored.frame, sources, inspected.facts)
        pieces: list[Piece] = self.reader.each(lambda qv: self.reader.fetch(*qv), inspected.located)
        versions = [p.version for p in pieces]
        if closed := closed_tables(self.publisher.name, replace(inspected, versions=versions)):
            raise closed  # a data answer may say it too
        result = self._store(
            series, pieces, stored if same_kind else None, stored is not None, _sources(versions), inspected.facts
        )
        result.warnings += [v.warning for v in versions if v.warning]
        result.warnings += [f"metadata ändrad: {c}" for c in changed]
        result.notices += [line for p in pieces for line in p.found]
        return result

    def _now(self) -> datetime:
        """The vintage's time: now, or this time of day on the day the refresh is run as of (the
        sample's month-old meeting must say its data was fetched then, not when it was built)."""
        now = datetime.now(UTC)
        return now if self.today >= now.date() else datetime.combine(self.today, now.time(), UTC)

    def _store(
        self,
        series: Series,
        pieces: list[Piece],
        previous: StoredSeries | None,
        replaced: bool,
        sources: dict,
        facts: Facts,
    ) -> SeriesResult:
        """Validate what was fetched and store it as a new vintage, unless nothing changed."""
        frame = pd.concat([p.frame for p in pieces], ignore_index=True)
        frame["series_id"] = series.id
        validate(frame, series, self.today)
        latest = frame["period"].max().date()
        self._check_fresh(series, latest)
        contract = {k: v for p in pieces for k, v in p.contract.items()}
        accepted, breaking = self._accepted(series, previous, frame, contract)
        changes = compare(previous.frame if previous is not None else None, frame)
        if previous is not None and not changes.any:
            return self._unchanged(series, previous.frame, sources, facts)

        vintage = new_vintage(self._now())
        frame["vintage"] = vintage
        notes = list(dict.fromkeys(n for p in pieces for n in p.notes))
        mandatory = list(dict.fromkeys(n for p in pieces for n in p.mandatory_notes))
        metadata = {
            **series.metadata(),
            "sample": str(self.sample).lower(),
            "vintage": vintage,
            "sources": json.dumps(sources, ensure_ascii=False),
            "tables": ", ".join(dict.fromkeys(f"{p.version.table} ({p.version.label})" for p in pieces)),
            "publisher_notes": json.dumps(notes, ensure_ascii=False),
            "mandatory_notes": json.dumps(mandatory, ensure_ascii=False),
            "contract": json.dumps(contract, ensure_ascii=False, sort_keys=True),
            "accepted_changes": json.dumps(accepted, ensure_ascii=False),
        }
        checksum = self.store.write(series.id, frame, metadata)
        self._record_success(
            series.id,
            latest_period=period_code(latest, series.frequency),
            sources=sources,
            described=facts,
            next_expected_release=expected_release(latest, series.frequency, series.release_lag_days).isoformat(),
            rows=len(frame),
            checksum=checksum,
            vintage=vintage,
            sample=self.sample,
        )
        revised = changes.revised if previous is not None else 0
        outcome: Outcome = "revised" if previous is not None and not changes.new_periods else "new"
        warnings = [f"godtagen ändring sparad som seriebrott: {'; '.join(breaking)}"] if breaking else []
        return SeriesResult(
            series.id,
            series.publisher,
            outcome,
            new_periods=changes.new_periods,
            revised=revised,
            rows=len(frame),
            latest_period=period_code(latest, series.frequency),
            reason="ersatte exempeldata" if replaced and previous is None else None,
            warnings=warnings,
        )

    def _accepted(
        self, series: Series, previous: StoredSeries | None, frame: pd.DataFrame, contract: dict[str, str]
    ) -> tuple[list[dict], list[str]]:
        """The drift guard: refuse a changed meaning unless the analyst accepted it; return the
        accepted changes (breaks) the new version carries, and the one accepted now."""
        earlier = json.loads(previous.metadata.get("accepted_changes") or "[]") if previous else []
        old_contract = json.loads(previous.metadata.get("contract") or "{}") if previous else {}
        problems = unpinned_units(series.publisher_units, contract) + drift(
            previous.frame if previous else None, old_contract, frame, contract
        )
        if not problems:
            return earlier, []
        if series.id not in self.accept:
            raise self._refusal(series, problems)
        # The newest period of the version accepted: where charts draw the break (views.select.marks).
        newest = pd.Timestamp(frame["period"].max()).strftime("%Y-%m")
        return [*earlier, {"date": self.today.isoformat(), "period": newest, "changes": problems}], problems

    def _refusal(self, series: Series, problems: list[str]) -> ContractError:
        return ContractError(
            f"{self.publisher.name} verkar ha ändrat vad serien betyder: " + "; ".join(problems),
            hint=f"stämmer ändringen, godta den: regstats refresh --series {series.id} "
            f"--accept-change {series.id} (den sparas som ett seriebrott)",
        )

    def _record_success(self, series_id: str, **fields) -> None:
        now = timestamp()
        update_entry(
            self.store.root, series_id, last_attempt=now, last_success=now, last_status="ok", last_error=None, **fields
        )

    def _check_fresh(self, series: Series, latest: date) -> None:
        if reason := stale_reason(series, latest, self.today):
            raise ContractError(
                f"Publicerade data är inaktuella: {reason}",
                hint="publiceraren kan ha slutat uppdatera tabellen; kontrollera källan",
            )

    def _unchanged(self, series: Series, frame: pd.DataFrame, sources: dict, facts: Facts) -> SeriesResult:
        latest = frame["period"].max().date()
        self._check_fresh(series, latest)
        self._record_success(series.id, sources=sources, described=facts)
        return SeriesResult(
            series.id,
            series.publisher,
            "unchanged",
            rows=len(frame),
            latest_period=period_code(latest, series.frequency),
        )
