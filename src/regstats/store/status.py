"""What a series' state is, from its manifest entry and the release calendar. Pure.

ok: the last refresh succeeded and the newest period is what the calendar expects (one period
behind is tolerated, as publishers slip a few days);
stale (inaktuell): older than that;
failed (misslyckad): the last refresh failed, with its reason — the stored data is the last good;
skipped (överhoppad): the publisher did not answer, so the series was not tried;
missing (saknas): nothing stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from regstats.catalog import Series
from regstats.errors import ContractError
from regstats.periods import latest_expected_period, next_period, period_code, period_start

State = Literal["ok", "stale", "failed", "skipped", "missing"]
STATE_SV: dict[str, str] = {
    "ok": "ok",
    "stale": "inaktuell",
    "failed": "misslyckad",
    "skipped": "överhoppad",
    "missing": "saknas",
}


@dataclass(frozen=True)
class SeriesState:
    state: State
    reason: str = ""
    last_success: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    @property
    def text(self) -> str:
        return STATE_SV[self.state]


def stale_reason(series: Series, latest: date, today: date) -> str | None:
    """One period behind the catalog's release calendar is tolerated; more is reported."""
    expected = latest_expected_period(today, series.frequency, series.release_lag_days)
    if next_period(latest, series.frequency) < expected:
        return (
            f"senaste period {period_code(latest, series.frequency)} är äldre än väntat "
            f"({period_code(expected, series.frequency)} borde vara publicerad)"
        )
    return None


def series_state(series: Series, entry: dict | None, today: date) -> SeriesState:
    if not entry:
        return SeriesState("missing", "inget lagrat")
    since = (entry.get("last_success") or "")[:16].replace("T", " ")
    status = entry.get("last_status")
    if status in {"failed", "skipped"}:
        return SeriesState(status, entry.get("last_error") or "", since)
    try:
        latest = period_start(str(entry.get("latest_period") or ""))
    except ContractError:
        return SeriesState("ok", "", since)
    if (reason := stale_reason(series, latest, today)) and not entry.get("sample"):
        return SeriesState("stale", reason, since)
    return SeriesState("ok", "", since)
