"""Fake PxWebApi 2.0 tables made from nothing but a recorded or transcribed metadata file.

Adding an SCB series is declarative: a catalog entry plus the table's metadata. The fake must
not need Python for it either, or the proof would hide a step. So every `TAB*_metadata*.json` in
the recordings that the fake SCB does not model by hand is served from its metadata alone: each
variable as recorded, periods appended after the recording at the publication rhythm the
recording itself shows (its `updated` stamp against its last period), and values chosen from
what the recorded labels and units say a content is (a rate, an employment rate, a count).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from regstats.fakes import recorded, synthetic
from regstats.fakes.tables import (
    SEXES,
    TOTAL_LABEL,
    Coords,
    FakeTable,
    Semantics,
    frequency_of,
    from_jsonstat,
    region_canonical,
)
from regstats.geography import RIKET
from regstats.periods import period_end, period_start

_TIME_UNITS = {"M": "Monthly", "K": "Quarterly"}
_RATE = re.compile(r"arbetslöshet|unemployment", re.IGNORECASE)
_EMPLOYMENT = re.compile(r"sysselsättningsgrad|employment rate|arbetskraftsdeltagande|participation", re.IGNORECASE)
# Counts as a share of the population per period: what the recorded label says is counted.
_COUNT_SHARES = (
    (re.compile(r"påbörjade|starts", re.IGNORECASE), 0.0012),
    (re.compile(r"färdigställda|completed", re.IGNORECASE), 0.0011),
    (re.compile(r"arbetslösa|unemployed", re.IGNORECASE), 0.035),
    (re.compile(r"sysselsatta|employed", re.IGNORECASE), 0.48),
)


def recorded_tables(known: set[str]) -> list[str]:
    """The bundled SCB metadata files the fake SCB does not model by hand, by name."""
    names = [p.name for p in recorded.folder().iterdir() if re.match(r"^TAB\d+_metadata.*\.json$", p.name)]
    return sorted(n for n in names if n.split("_", 1)[0] not in known)


def described_table(doc: dict[str, Any], today: date) -> FakeTable:
    """One table served from its metadata document alone."""
    time_code = (doc.get("role") or {}).get("time", ["Tid"])[0]
    periods = list(doc["dimension"][time_code]["category"]["index"])
    unit = _time_unit(periods[-1])
    metric = (doc.get("role") or {}).get("metric", ["ContentsCode"])[0]
    semantics: Semantics = {"Region": ("region", region_canonical), "Kon": ("sex", SEXES)}
    for code in doc["id"]:
        if code not in semantics and code != time_code:
            role = "measure" if code == metric else code.lower()
            semantics[code] = (role, lambda value, _label: value)
    table = from_jsonstat(
        doc,
        semantics,
        _values(doc, metric),
        time_unit=unit,
        lag_days=_lag_days(doc, periods[-1], unit),
        today=today,
        subject=str(doc.get("extension", {}).get("px", {}).get("subject-code", "AM")),
    )
    if table.extended:
        table.updated = f"{today:%Y-%m}-0{1 + len(table.id) % 8}T06:00:00Z"
    return table


def _time_unit(code: str) -> str:
    match = re.match(r"^\d{4}([MK])\d", code)
    return _TIME_UNITS[match[1]] if match else "Annual"


def _lag_days(doc: dict[str, Any], last: str, unit: str) -> int:
    """Days from the end of the recorded last period to the recording's `updated` stamp."""
    frequency = frequency_of(unit)
    try:
        updated = datetime.fromisoformat(str(doc["updated"]).replace("Z", "+00:00")).date()
    except (KeyError, ValueError):
        return 45
    return max(0, (updated - period_end(period_start(last), frequency)).days)


def _values(doc: dict[str, Any], metric: str) -> Callable[[Coords], float | None]:
    category = doc["dimension"][metric]["category"]
    labels = {c: str(category["label"].get(c, c)) for c in category["index"]}
    units = {c: str((category.get("unit") or {}).get(c, {}).get("base", "")) for c in category["index"]}
    totals = frozenset(
        v for code in doc["id"] for v, text in doc["dimension"][code]["category"]["label"].items()
        if TOTAL_LABEL.match(str(text))
    )

    def value(coords: Coords) -> float | None:
        region = coords.get("region", RIKET)
        county, weight = (region, 1.0) if len(region) == 2 else (region[:2], 0.1)
        sex, period, content = coords.get("sex", "T"), _start(coords["period"]), coords.get("measure", "")
        label = labels.get(content, content)
        groups = tuple(sorted((k, v) for k, v in coords.items() if k not in _PLAIN and v not in totals))
        tilt = _tilt(groups)
        if _RATE.search(label) and units.get(content, "procent") in {"procent", "percent"}:
            return round(synthetic.unemployment(county, sex, period, "unemployment") * tilt, 1)
        if _EMPLOYMENT.search(label):
            return round(synthetic.unemployment(county, sex, period, "employment") - 20 * (tilt - 1), 1)
        share = next((s for pattern, s in _COUNT_SHARES if pattern.search(label)), 0.05)
        people = synthetic.population(county, sex, period) * weight
        return float(round(people * share * tilt * (0.8 + 0.4 * _unit(period, region, content))))

    return value


_PLAIN = frozenset({"region", "sex", "measure", "period"})


@cache
def _start(code: str) -> date:
    return period_start(code)


@cache
def _tilt(groups: tuple[tuple[str, str], ...]) -> float:
    """A fixed ±40 % per group (age band, birth region, house type), none for a total."""
    if not groups:
        return 1.0
    return 0.6 + 0.8 * (zlib.crc32(repr(groups).encode()) % 1000) / 1000


def _unit(period: date, region: str, content: str) -> float:
    return (zlib.crc32(f"{period}|{region}|{content}".encode()) % 1000) / 1000
