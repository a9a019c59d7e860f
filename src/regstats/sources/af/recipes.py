"""How AF's files become tidy series. Pure functions over opened workbooks: no network.

Geography comes by name: municipality rows are summed to their county, counties (and the
`Uppgift saknas` rows, people with an unknown county) to Riket. A masked small count (`<5`)
is never guessed: a cell is missing with its flag, and an aggregate that lost a masked part
keeps the sum of the known parts with status `<5` (see the catalog notes).
"""

from __future__ import annotations

import hashlib
import threading
import zipfile
from typing import IO

import numpy as np
import pandas as pd

from regstats.errors import ContractError
from regstats.geography import RIKET
from regstats.sources.af.long_term import PREFIX as LONG_TERM
from regstats.sources.af.long_term import headers as long_term_headers
from regstats.sources.af.long_term import long_term
from regstats.sources.af.pivot import find_cache, iter_records, open_workbook
from regstats.sources.af.sheets import read_wide_tables, wide_table_headers
from regstats.sources.af.tally import (
    UNKNOWN,
    Sums,
    county_code,
    file_of,
    municipality_code,
    open_file,
    period_of,
    share_of,
    sni_section,
    tidy_row,
)
from regstats.sources.af.vacancies import PREFIX as VACANCIES
from regstats.sources.af.vacancies import tab_contract, vacancies, vacancy_tabs
from regstats.tidy import TIDY_COLUMNS

LABOUR_FORCE = {"T": "TOTAK", "K": "KVIAK", "M": "MANAK"}
SHARE_FIELDS = ["PERIOD", "LAN", "KOM", "TOTAK", "KVIAK", "MANAK", "KVISOK", "MANSOK"]
# §0b: the file's numerator (…SOK) and denominator (…AK) per group, also per sex (…K…, …M…).
GROUPS = {
    "UNG": "18-24",
    "GAM": "55-64",
    "INR": "inrikes_fodda",
    "UTR": "utrikes_fodda",
    "FG": "forgymnasial",
    "GY": "gymnasial",
    "EG": "eftergymnasial",
}
SEX_PART = {"T": "", "K": "K", "M": "M"}


def group_fields(fields: list[str]) -> list[str]:
    """The group numerators and denominators a file has (an older file has none)."""
    wanted = {f"{g}{SEX_PART[s]}{kind}" for g in GROUPS for s in SEX_PART for kind in ("SOK", "AK")}
    return [f for f in fields if f in wanted]


def labour_force_sums(source: IO[bytes]) -> Sums:
    """Cached by content: unemployment_af and unemployment_close read the same file in one refresh."""
    source.seek(0)
    digest = hashlib.sha256(source.read()).hexdigest()
    with _LABOUR_FORCE_LOCK:  # the two series may read it at the same time: sum it once
        if digest not in _LABOUR_FORCE:
            _LABOUR_FORCE.clear()
            source.seek(0)
            _LABOUR_FORCE[digest] = _labour_force_sums(open_workbook(source))
        return _LABOUR_FORCE[digest]


_LABOUR_FORCE: dict[str, Sums] = {}
_LABOUR_FORCE_LOCK = threading.Lock()


def _labour_force_sums(archive: zipfile.ZipFile) -> Sums:
    cache = find_cache(archive, SHARE_FIELDS, "web-inskrivna-arbetslosa-andel-av-bas")
    summed = SHARE_FIELDS + group_fields(cache.fields)
    idx = [cache.fields.index(f) for f in summed]
    sums = Sums(summed[3:])
    for record in iter_records(archive, cache):
        cells = [record[i] for i in idx]
        period = period_of(cells[0])
        sums.add((period, county_code(cells[1])), cells[3:])
        if municipality := municipality_code(cells[2]):
            sums.add((period, municipality), cells[3:])  # Heby has sat under two counties: by code
    return sums.with_riket()


def unemployment_share(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """Registered unemployed as a share of the BAS labour force, with both kept."""
    sums = labour_force_sums(file_of(files, "web-inskrivna-arbetslosa-andel-av-bas"))
    rows = []
    for key in sums.values:
        period, region = key
        unemployed = {"K": sums.get(key, "KVISOK"), "M": sums.get(key, "MANSOK")}
        k, m = unemployed["K"], unemployed["M"]
        unemployed["T"] = (k[0] + m[0], k[1] or m[1])
        for sex in ["T", "K", "M"]:
            force = sums.get(key, LABOUR_FORCE[sex])
            rows += [
                tidy_row(region, period, sex, "unemployed", *unemployed[sex]),
                tidy_row(region, period, sex, "labour_force", *force),
                tidy_row(region, period, sex, "share", *share_of(unemployed[sex], force)),
            ]
        # Groups for women, men and both per county and Riket; per municipality for both sexes (a
        # municipality's groups by sex are mostly masked counts, and would triple the series).
        rows += _group_rows(sums, key, SEX_PART if len(region) == 2 else {"T": ""})
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def _group_rows(sums: Sums, key: tuple, sexes: dict[str, str]) -> list[dict]:
    """Each group's share as Σ numerators / Σ denominators over the area's municipalities — never
    an average of the municipalities' shares (the workbook's own shares are calculated fields)."""
    period, region = key
    rows = []
    for group, breakdown in GROUPS.items():
        for sex, part in sexes.items():
            numerator, denominator = f"{group}{part}SOK", f"{group}{part}AK"
            if numerator not in sums.fields or denominator not in sums.fields:
                continue
            unemployed, force = sums.get(key, numerator), sums.get(key, denominator)
            rows += [
                tidy_row(region, period, sex, "unemployed", *unemployed, breakdown=breakdown),
                tidy_row(region, period, sex, "labour_force", *force, breakdown=breakdown),
                tidy_row(region, period, sex, "share", *share_of(unemployed, force), breakdown=breakdown),
            ]
    return rows


CLOSE_FIELDS = ["PERIOD", "KOEN", "LAN_BESKR", "KOMMUN_BESKR", "UTSATTA", "SAMTLIGA"]
SEX_NAMES = {"kvinnor": "K", "kvinna": "K", "män": "M", "man": "M"}


def unemployment_close(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """Unemployed *not* in the weak-competitiveness group, as a share of the same labour force."""
    archive = open_file(files, "web-inskrivna-arbetslosa-svag-konkurrensformaga")
    cache = find_cache(archive, CLOSE_FIELDS, "web-inskrivna-arbetslosa-svag-konkurrensformaga")
    idx = [cache.fields.index(f) for f in CLOSE_FIELDS]
    sums = Sums(["UTSATTA", "SAMTLIGA"])
    for record in iter_records(archive, cache):
        period, sex_name, county, municipality, weak, everyone = (record[i] for i in idx)
        sex = SEX_NAMES.get(str(sex_name).strip().casefold())
        if sex is None:
            raise ContractError(f"Okänt kön {sex_name!r} i fältet KOEN")
        areas = [county_code(county)]
        if code := municipality_code(municipality):
            areas.append(code)
        for area in areas:
            for target in [sex, "T"]:
                sums.add((period_of(period), area, target), [weak, everyone])
    sums = sums.with_riket()
    force = labour_force_sums(file_of(files, "web-inskrivna-arbetslosa-andel-av-bas"))
    rows = []
    for key in sums.values:
        period, region, sex = key
        weak, everyone = sums.get(key, "UTSATTA"), sums.get(key, "SAMTLIGA")
        close = (everyone[0] - weak[0], weak[1] or everyone[1])
        labour = force.get((period, region), LABOUR_FORCE[sex])
        if np.isnan(labour[0]):
            continue  # the labour-force file does not reach this month yet
        rows += [
            tidy_row(region, period, sex, "unemployed_close", *close),
            tidy_row(region, period, sex, "labour_force", *labour),
            tidy_row(region, period, sex, "share", *share_of(close, labour)),
        ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def is_region(header: str) -> bool:
    try:
        return county_code(header) not in {UNKNOWN}
    except ContractError:
        return False


VARSEL_COLUMNS = {"month": r"^(månad|period|år och månad)$", "industry": r"bransch|näringsgren|sni"}


def redundancies(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """Persons affected by notices, month × industry × county (AF's varsel file). A county is the
    sum of its industries; Riket is the file's own Riket/total column when there is one, else the
    sum of the counties. Industry rows per county and for Riket keep their SNI letter."""
    prefix = next(iter(files))
    table = read_wide_tables(file_of(files, prefix), VARSEL_COLUMNS, is_region, prefix)
    sums = Sums(["persons"])
    for record in table.itertuples():
        section = sni_section(record.industry)
        if section is None:
            continue  # a total or an unclassified row; totals are summed from the sections
        period, region = period_of(record.month), county_code(record.region)
        sums.add((period, region, section), [record.value])
        sums.add((period, region, ""), [record.value])
    own_riket = any(region == RIKET for _, region, _ in sums.values)
    if not own_riket:
        sums = sums.with_riket()
    rows = [
        tidy_row(region, period, "T", "persons", *sums.get(key, "persons"), breakdown=section)
        for key in sums.values
        for period, region, section in [key]
        if region != UNKNOWN
    ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


RECIPES = {
    "unemployment_share": unemployment_share,
    "unemployment_close": unemployment_close,
    "vacancies": vacancies,
    "redundancies": redundancies,
    "long_term": long_term,
}


def structure(recipe: str, files: dict[str, IO[bytes]]) -> dict[str, str]:
    """What a recipe needs of its files, checked without reading a record: the pivot caches with
    the fields it reads (their definitions only), the tabs of web-platser, the varsel sheets'
    header rows. Raises as the recipe would; returns what was found, for doctor and the report."""
    if recipe in {"unemployment_share", "unemployment_close"}:
        wanted = {"web-inskrivna-arbetslosa-andel-av-bas": SHARE_FIELDS}
        if recipe == "unemployment_close":
            wanted["web-inskrivna-arbetslosa-svag-konkurrensformaga"] = CLOSE_FIELDS
        return {
            f"{prefix}: pivotcache": ", ".join(find_cache(open_file(files, prefix), fields, prefix).fields)
            for prefix, fields in wanted.items()
        }
    if recipe == "vacancies":
        return tab_contract(vacancy_tabs(open_file(files, VACANCIES)))
    if recipe == "long_term":
        return long_term_headers(file_of(files, LONG_TERM))
    prefix = next(iter(files))
    sheets = wide_table_headers(file_of(files, prefix), VARSEL_COLUMNS, is_region, prefix)
    return {f"{prefix} blad {sheet}": header for sheet, header in sheets.items()}
