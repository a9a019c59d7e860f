"""Fake tables built from the publishers' own recorded metadata (see recorded/PROVENANCE.md).

A fake table keeps every variable exactly as recorded: codes, labels, elimination flags, units,
notes and extensions. What the fake adds is *semantics*: which recorded code means which region,
sex, measure or period, so that a synthetic value can be computed for any cell. Semantics are
written against the recorded labels, never against the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from regstats.geography import REGIONS, region_code_from_label
from regstats.periods import latest_expected_period, next_period, period_code, period_start

Coords = dict[str, str]  # role → canonical value: region, sex, measure, period, …
TOTAL_LABEL = re.compile(r"^(totalt|samtliga)", re.IGNORECASE)
SEXES = {"TotSa": "T", "1": "M", "2": "K", "1+2": "T"}  # SCB's sex codes, PxWebApi 2.0 and v1
FAKE_MARK = "regstats_fake"


@dataclass
class FakeVariable:
    code: str
    label: str
    values: list[str]
    labels: dict[str, str]
    elimination: bool
    role: str = "other"  # region | sex | measure | time | a name of the fake's own | other
    canonical: dict[str, str] = field(default_factory=dict)  # code → canonical value
    recorded: dict[str, Any] = field(default_factory=dict)  # the recorded dimension/variable as is

    def period_of(self, code: str) -> str:
        """A time code as a period code: the same, or its label where codes are running numbers."""
        return code if re.match(r"^\d{4}", code) else self.labels[code]


@dataclass
class FakeTable:
    id: str
    label: str
    variables: list[FakeVariable]
    value: Callable[[Coords], float | None]
    time_unit: str
    updated: str
    recorded: dict[str, Any] = field(default_factory=dict)  # top-level fields as recorded
    subject: str = "AM"
    discontinued: bool | None = None
    discontinued_in: set[str] = field(default_factory=lambda: {"info", "metadata", "data"})  # where it is said
    revision: int = 0  # bumps the newest values, to exercise revisions
    recorded_last: str = ""  # the last period of the recording; later ones are synthetic
    running_time_codes: bool = False  # Tillväxtanalys: newest month is code "0"
    quarter_mark: str = "K"  # Tillväxtanalys' new firms write quarters 2024Q2
    newest_first: bool = False  # …and list them newest first
    available: list[str] = field(default_factory=list)  # every period the fake can publish

    def variable(self, code: str) -> FakeVariable:
        return next(v for v in self.variables if v.code == code)

    @property
    def time(self) -> FakeVariable:
        return next(v for v in self.variables if v.role == "time")

    @property
    def periods(self) -> list[str]:
        return [self.time.period_of(c) for c in self.time.values]

    @property
    def extended(self) -> bool:
        return bool(self.recorded_last) and self.periods[-1] > self.recorded_last

    def set_last_period(self, last: str) -> None:
        """Publish up to `last`, a period code such as 2026M09 (or a time code of the table)."""
        if last not in self.available:
            last = self.time.period_of(last)
        published = self.available[: self.available.index(last) + 1]
        _set_periods(self.time, published, self.running_time_codes, self.quarter_mark)

    def extend_to(self, last: date) -> None:
        """Append synthetic periods after the recorded ones, up to `last` (never removes any)."""
        periods = self.periods
        frequency = frequency_of(self.time_unit)
        current = next_period(period_start(periods[-1]), frequency)
        while current <= last:
            periods.append(period_code(current, frequency))
            current = next_period(current, frequency)
        _set_periods(self.time, periods, self.running_time_codes, self.quarter_mark)
        self.available = list(self.periods)


def _set_periods(var: FakeVariable, periods: list[str], running: bool, quarter_mark: str = "K") -> None:
    # Running numbers are oldest first, numbered downwards so that the newest is "0".
    if running:
        codes = [str(len(periods) - 1 - i) for i in range(len(periods))]
        var.labels = dict(zip(codes, periods, strict=True))
    else:
        codes = [re.sub(r"^(\d{4})[KQ]", rf"\g<1>{quarter_mark}", p) for p in periods]
        var.labels = {c: c for c in codes}
    var.values = codes


def frequency_of(time_unit: str) -> str:
    return {"Monthly": "monthly", "Quarterly": "quarterly", "Annual": "annual"}[time_unit]


def region_canonical(code: str, label: str) -> str | None:
    """Counties and Riket by code; a municipality counts as part of its county (first two digits)."""
    if code in REGIONS:
        return code
    if re.fullmatch(r"\d{4}", code) and code[:2] in REGIONS:
        return code
    return region_code_from_label(label or "")


Semantics = dict[str, tuple[str, dict[str, str] | Callable[[str, str], str | None]]]


def _canonical(values: list[str], labels: dict[str, str], how: Any) -> dict[str, str]:
    if callable(how):
        out = {c: how(c, labels.get(c, c)) for c in values}
        return {c: v for c, v in out.items() if v is not None}
    return dict(how)


def _variable(
    code: str,
    label: str,
    codes: list[str],
    labels: dict[str, str],
    elimination: bool,
    is_time: bool,
    semantics: Semantics,
    recorded: dict[str, Any],
) -> FakeVariable:
    """One recorded variable with the fake's semantics for its codes (both recording formats)."""
    role, how = ("time", {}) if is_time else semantics.get(code, ("other", {}))
    return FakeVariable(code, label, codes, labels, elimination, role, _canonical(codes, labels, how), recorded)


def from_jsonstat(
    doc: dict[str, Any],
    semantics: Semantics,
    value: Callable[[Coords], float | None],
    *,
    time_unit: str,
    lag_days: int,
    today: date,
    subject: str,
    frozen: bool = False,
) -> FakeTable:
    """A PxWebApi 2.0 table from its recorded json-stat2 metadata (`value: []`)."""
    time_ids = set(doc.get("role", {}).get("time", []))
    variables = []
    for dim_id in doc["id"]:
        dim = doc["dimension"][dim_id]
        index = dim["category"]["index"]
        codes = [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
        labels = {c: str(dim["category"]["label"].get(c, c)) for c in codes}
        elimination = bool((dim.get("extension") or {}).get("elimination", False))
        variables.append(
            _variable(dim_id, str(dim["label"]), codes, labels, elimination, dim_id in time_ids, semantics, dim)
        )
    top = {k: v for k, v in doc.items() if k not in {"id", "size", "dimension", "value"}}
    table = FakeTable(
        str(doc.get("extension", {}).get("px", {}).get("tableid", "")),
        str(doc["label"]),
        variables,
        value,
        time_unit,
        str(doc.get("updated", "")),
        recorded=top,
        subject=subject,
    )
    return _published_until(table, lag_days, today, frozen)


def from_v1(
    table_id: str,
    doc: dict[str, Any],
    semantics: Semantics,
    value: Callable[[Coords], float | None],
    *,
    time_unit: str,
    lag_days: int,
    today: date,
    updated: str,
    running_time_codes: bool = False,
    quarter_mark: str = "K",
) -> FakeTable:
    """A PxWeb v1 table from its recorded metadata (`{title, variables: [...]}`); a time variable
    listed newest first is kept so in every answer, and held oldest first inside."""
    variables = []
    for var in doc["variables"]:
        codes = [str(c) for c in var["values"]]
        texts = var.get("valueTexts") or codes
        labels = {c: (str(t) if t is not None else c) for c, t in zip(codes, texts, strict=True)}
        code, elimination = str(var["code"]), bool(var.get("elimination", False))
        label = str(var.get("text", code))
        variables.append(_variable(code, label, codes, labels, elimination, bool(var.get("time")), semantics, var))
    table = FakeTable(
        table_id,
        str(doc.get("title", table_id)),
        variables,
        value,
        time_unit,
        updated,
        recorded={k: v for k, v in doc.items() if k != "variables"},
        running_time_codes=running_time_codes,
        quarter_mark=quarter_mark,
    )
    time = table.time
    ordered = sorted(time.values, key=lambda c: period_start(time.labels[c]))
    table.newest_first = not running_time_codes and len(ordered) > 1 and ordered != time.values
    time.values = ordered
    return _published_until(table, lag_days, today, frozen=False)


def _published_until(table: FakeTable, lag_days: int, today: date, frozen: bool) -> FakeTable:
    table.recorded_last = table.periods[-1]
    if not frozen:
        table.extend_to(latest_expected_period(today, frequency_of(table.time_unit), lag_days))
    return table
