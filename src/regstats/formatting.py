"""Swedish number and period formatting (babel does the locale work)."""

from __future__ import annotations

import math
import re
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


# How a value reads with its unit: counts without decimals and without the word "antal",
# percentages with the sign a Swede writes ("2,5 %"), other units as words.
_DECIMALS = {"antal": 0}
_SUFFIX = {"": "", "antal": "", "index": "", "procent": "\u00a0%", "%": "\u00a0%"}


def with_unit(value: float | None, unit: str, status: str = "") -> str:
    """2.5, 'procent' → '2,5 %'; 135403.0, 'antal' → '135 403'; 9.4, 'dagar' → '9,4 dagar'."""
    shown = number_sv(value, _DECIMALS.get(unit, 1), status)
    return shown + _SUFFIX.get(unit, f" {unit}")


def change_sv(value: float | None, unit: str) -> str:
    """A signed change at the precision it is shown with; one that rounds to zero is 'oförändrad'
    (never '−0,0')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(abs(value), _DECIMALS.get(unit, 1)) == 0:
        return "oförändrad"
    return ("+" if value > 0 else "−") + with_unit(abs(value), unit)


def day_sv(day: date) -> str:
    """date(2026, 12, 3) → '3 december 2026'."""
    return f"{day.day} {MONTHS_SV[day.month - 1]} {day.year}"


def period_short(start: date, frequency: str) -> str:
    """A period as a short Swedish label by its frequency: 'jan 2026', '2026 kv. 3', '2025'."""
    if frequency == "monthly":
        return f"{SHORT_MONTHS_SV[start.month - 1]} {start.year}"
    if frequency == "quarterly":
        return f"{start.year} kv. {(start.month - 1) // 3 + 1}"
    return str(start.year)


def period_label(start: date, frequency: str) -> str:
    if frequency == "monthly":
        return f"{MONTHS_SV[start.month - 1]} {start.year}"
    if frequency == "quarterly":
        return f"kvartal {(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])(?:/[^\s/'\"]+)+/([^\s/'\"]+)")


def public_text(text: str) -> str:
    """A message fit for a visitor: file system paths cut to their last part, so a page never
    tells where the server keeps its files ("…/store/x.parquet är trasig" → "x.parquet är trasig")."""
    return _ABSOLUTE_PATH.sub(r"\1", text)
