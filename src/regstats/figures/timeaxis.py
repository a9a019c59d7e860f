"""Tick labels on a time axis written by regstats, in Swedish and by the series' frequency:
'jan 2025' for months, '2025 kv. 1' for quarters, '2025' for years. plotly's own date ticks
follow the renderer's locale (English in an exported PNG or on a slide) and label quarters by
year only, so a short quarterly window read '2024, 2024, 2024'; explicit ticks read the same
everywhere and are never repeated. Pure."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from regstats.formatting import period_short

MAX_TICKS = 8
_STEPS = {
    "monthly": [1, 2, 3, 6, 12, 24, 60, 120],
    "quarterly": [3, 6, 12, 24, 60, 120],
    "annual": [12, 24, 60, 120],
}


def tick_label(period: pd.Timestamp, frequency: str, step_months: int) -> str:
    """A year alone for steps of a year or more; else month (or quarter) over year on two lines,
    narrow enough for six ticks on a 390 px phone."""
    if step_months >= 12:
        return str(period.year)
    return (
        period_short(period, frequency).replace(" ", "<br>", 1)
        if frequency == "monthly"
        else (f"kv. {(period.month - 1) // 3 + 1}<br>{period.year}")
    )


def time_ticks(periods: Iterable[pd.Timestamp], frequency: str, max_ticks: int = MAX_TICKS) -> dict:
    """A date axis' tick settings (tickvals, ticktext, hoverformat) for the periods shown: the
    smallest step (a month, a quarter, a year, several years) that keeps the ticks at `max_ticks`
    or fewer, aligned on January when the step is a year or more."""
    shown = pd.DatetimeIndex(list(periods))
    if shown.empty:
        return {}
    first, last = shown.min(), shown.max()
    span = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in _STEPS[frequency] if span // s + 1 <= max_ticks), _STEPS[frequency][-1])
    if step >= 12:
        years = step // 12
        year = first.year if first.month == 1 else first.year + 1  # the first January shown
        start = pd.Timestamp(year=year + (-year % years), month=1, day=1)  # a round year: 2010, 2015
    else:
        start = first
    ticks = []
    tick = start
    while tick <= last:
        ticks.append(tick)
        tick = tick + pd.DateOffset(months=step)
    if not ticks:  # a window shorter than the step: the first period alone
        ticks = [first]
    return {
        "tickmode": "array",
        "tickvals": [t.strftime("%Y-%m-%d") for t in ticks],
        "ticktext": [tick_label(t, frequency, step) for t in ticks],
        "hoverformat": {"quarterly": "kvartal %q %Y", "annual": "%Y"}.get(frequency, "%B %Y"),
    }
