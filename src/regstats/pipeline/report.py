"""What a refresh reports: per series the outcome, and for the run the repairs and requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Outcome = Literal["new", "revised", "unchanged", "failed", "skipped"]


@dataclass
class SeriesResult:
    series_id: str
    publisher: str
    outcome: Outcome
    new_periods: list[str] = field(default_factory=list)
    revised: int = 0
    rows: int = 0
    latest_period: str | None = None
    reason: str | None = None
    requests: int = 0
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what was found, for the analyst's information

    @property
    def ok(self) -> bool:
        return self.outcome in {"new", "revised", "unchanged"}


@dataclass
class RefreshReport:
    results: list[SeriesResult]
    started: datetime
    finished: datetime
    requests: int
    repairs: list[str] = field(default_factory=list)  # what the store's self-check mended first
    problems: list[str] = field(default_factory=list)  # what it could not

    @property
    def exit_code(self) -> int:
        return 0 if all(r.ok for r in self.results) else 1


class Progress:
    """Hooks for a progress display; the pipeline itself prints nothing."""

    def start(self, series_ids: list[str]) -> None: ...
    def series_done(self, result: SeriesResult) -> None: ...
