"""Publisher time codes ↔ dates. The tidy schema stores the first day of each period."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from regstats.errors import ContractError

if TYPE_CHECKING:
    import pandas as pd

_MONTH = re.compile(r"^(\d{4})M(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})[KQ]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def period_start(code: str) -> date:
    """'2026M04' → 2026-04-01, '2026K2' → 2026-04-01, '2024' → 2024-01-01."""
    code = code.strip()
    if m := _MONTH.match(code):
        return date(int(m[1]), int(m[2]), 1)
    if m := _QUARTER.match(code):
        return date(int(m[1]), 3 * int(m[2]) - 2, 1)
    if m := _YEAR.match(code):
        return date(int(m[1]), 1, 1)
    raise ContractError(f"Okänd tidskod {code!r} (väntade t.ex. 2026M04, 2026K2 eller 2024)")


def period_code(start: date, frequency: str) -> str:
    if frequency == "monthly":
        return f"{start.year}M{start.month:02d}"
    if frequency == "quarterly":
        return f"{start.year}K{(start.month - 1) // 3 + 1}"
    return str(start.year)


def months_in(frequency: str) -> int:
    return {"monthly": 1, "quarterly": 3, "annual": 12}[frequency]


def next_period(start: date, frequency: str) -> date:
    months = start.month - 1 + months_in(frequency)
    return date(start.year + months // 12, months % 12 + 1, 1)


def period_end(start: date, frequency: str) -> date:
    return next_period(start, frequency) - timedelta(days=1)


def expected_release(latest: date, frequency: str, lag_days: int) -> date:
    """When the period after `latest` should be published, given the catalog's release lag."""
    upcoming = next_period(latest, frequency)
    return period_end(upcoming, frequency) + timedelta(days=lag_days)


def latest_expected_period(today: date, frequency: str, lag_days: int) -> date:
    """The newest period whose publication date (period end + lag) has passed by `today`."""
    cutoff = today - timedelta(days=lag_days)
    months = months_in(frequency)
    start = date(cutoff.year, ((cutoff.month - 1) // months) * months + 1, 1)
    while period_end(start, frequency) > cutoff:
        month_index = start.year * 12 + start.month - 1 - months
        start = date(month_index // 12, month_index % 12 + 1, 1)
    return start


def to_timestamps(codes: pd.Series) -> pd.Series:
    """Vectorised period_start over a column of codes (few distinct values, many rows)."""
    import pandas as pd  # here, so the command line starts without pandas

    unique = {code: pd.Timestamp(period_start(code)) for code in pd.unique(codes)}
    return codes.map(unique).astype("datetime64[ns]")
