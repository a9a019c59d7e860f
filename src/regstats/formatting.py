"""Swedish number and period formatting (babel does the locale work)."""

from __future__ import annotations

import math
from datetime import date

from babel.numbers import format_decimal

MONTHS_SV = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


SHORT_MONTHS_SV = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def number_sv(value: float | None, decimals: int = 1, status: str = "") -> str:
    """1234.5 → '1 234,5' (non-breaking space). Missing values show their status symbol."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return status or ".."
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="sv_SE")


def day_sv(day: date) -> str:
    """date(2026, 12, 3) → '3 december 2026'."""
    return f"{day.day} {MONTHS_SV[day.month - 1]} {day.year}"


def period_label(start: date, frequency: str) -> str:
    if frequency == "monthly":
        return f"{MONTHS_SV[start.month - 1]} {start.year}"
    if frequency == "quarterly":
        return f"kvartal {(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)
