"""AF's `web-platser`: new vacancies, read tab by tab. §0b: the file has a tab per breakdown —
totals ("1996-01-"), SNI sections ("SNIAVD 2010-01-"), occupational areas ("Yrkesområde
201301-") — each over its own pivot cache, found through the workbook's relationships. No field
name is verified, so each tab's fields are discovered by pattern and said in the contract (a
renamed field stops the series like any changed meaning)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import IO, Literal

import pandas as pd

from regstats.errors import ContractError
from regstats.sources.af.pivot import PivotCache, iter_records, pivot_caches, sheet_caches
from regstats.sources.af.tally import Sums, county_code, open_file, period_of, pick_field, sni_section, tidy_row
from regstats.tidy import TIDY_COLUMNS

PREFIX = "web-platser"
Kind = Literal["total", "industry", "occupation"]
MEASURES = {"total": "new_vacancies", "industry": "new_vacancies", "occupation": "new_vacancies_occupation"}
GROUPS: dict[Kind, str] = {"industry": r"SNI|NARINGSGREN|NÄRINGSGREN|BRANSCH", "occupation": r"YRKE|YRKESOMR"}


@dataclass(frozen=True)
class Tab:
    """A tab as discovered: its cache, the fields that carry period, county and count, and the
    breakdown field (None for totals)."""

    sheet: str
    cache: PivotCache
    kind: Kind
    period: str
    county: str
    count: str
    group: str | None

    def described(self) -> str:
        return ", ".join(self.cache.fields)


def _tab(sheet: str, cache: PivotCache) -> Tab:
    what = f"{PREFIX}, fliken {sheet!r}"
    period = pick_field(cache.fields, r"^(PERIOD|MANAD|MÅNAD|AR_MANAD)$", what)
    county = pick_field(cache.fields, r"^(LAN|LÄN|LAN_BESKR|LÄN_BESKR)$", what)
    count = pick_field(cache.fields, r"PLATSER|^ANTAL", what)
    rest = [f for f in cache.fields if f not in {period, county, count}]
    for kind, pattern in GROUPS.items():
        if group := next((f for f in rest if re.search(pattern, f, re.IGNORECASE)), None):
            return Tab(sheet, cache, kind, period, county, count, group)
    return Tab(sheet, cache, "total", period, county, count, None)


def vacancy_tabs(archive: zipfile.ZipFile) -> list[Tab]:
    """Every tab with a pivot table; a workbook without any (an older layout) by its caches."""
    caches = sheet_caches(archive) or {f"pivotcache {i}": c for i, c in enumerate(pivot_caches(archive), 1)}
    if not caches:
        raise ContractError(f"{PREFIX}: filen har ingen pivotcache", hint="Arbetsförmedlingen har ändrat filen")
    tabs = [_tab(sheet, cache) for sheet, cache in caches.items()]
    if not any(t.kind == "total" for t in tabs):
        found = "; ".join(f"{t.sheet}: {t.described()}" for t in tabs)
        raise ContractError(
            f"{PREFIX}: ingen flik med totaler (period, län, antal utan uppdelning). Flikarna: {found}",
            hint="Arbetsförmedlingen har ändrat filens flikar; uppdatera receptet",
        )
    return tabs


def tab_contract(tabs: list[Tab]) -> dict[str, str]:
    """What was found, kept with the series: the drift guard names a tab whose fields changed."""
    return {f"{PREFIX} flik {t.sheet}: fält": t.described() for t in tabs}


def _read(archive: zipfile.ZipFile, tab: Tab) -> list[dict]:
    idx = [tab.cache.fields.index(f) for f in (tab.period, tab.county, tab.count)]
    group_at = tab.cache.fields.index(tab.group) if tab.group else None
    sums = Sums(["count"])
    for record in iter_records(archive, tab.cache):
        period, county, count = (record[i] for i in idx)
        breakdown = ""
        if group_at is not None:
            label = record[group_at]
            breakdown = (sni_section(label) or "") if tab.kind == "industry" else str(label or "").strip()
            if not breakdown:
                continue  # an unclassified row: the totals tab counts it
        sums.add((period_of(period), county_code(county), breakdown), [count])
    sums = sums.with_riket()
    return [
        tidy_row(region, period, "T", MEASURES[tab.kind], *sums.get(key, "count"), breakdown=breakdown)
        for key in sums.values
        for period, region, breakdown in [key]
    ]


def vacancies(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """New vacancies reported during the month: totals, by SNI section (breakdown = the letter) and
    by occupational area (`new_vacancies_occupation`, breakdown = the area's name); the tabs and
    fields found ride along in `frame.attrs["found"]`."""
    archive = open_file(files, PREFIX)
    tabs = vacancy_tabs(archive)
    rows = [row for tab in tabs for row in _read(archive, tab)]
    frame = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    frame.attrs["found"] = tab_contract(tabs)  # what was discovered, for the report and the contract
    return frame
