"""How AF's files become tidy series. Pure functions over opened workbooks: no network.

Geography comes by name: municipality rows are summed to their county, counties (and the
`Uppgift saknas` rows, people with an unknown county) to Riket. A masked small count (`<5`)
is never guessed: a cell is missing with its flag, and an aggregate that lost a masked part
keeps the sum of the known parts with status `<5` (see the catalog notes).
"""

from __future__ import annotations

import hashlib
import re
import threading
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import IO

import numpy as np
import pandas as pd

from regstats.classifications import SNI_SECTIONS
from regstats.errors import ContractError
from regstats.geography import RIKET, county_code_from_name
from regstats.sources.af.pivot import as_number, find_cache, iter_records, open_workbook, pivot_caches
from regstats.sources.af.sheets import read_wide_tables
from regstats.tidy import TIDY_COLUMNS

UNKNOWN = "??"  # AF's "Uppgift saknas": counted in Riket only
_PERIOD = re.compile(r"^(\d{4})\D?M?(\d{2})")


@lru_cache(maxsize=4096)  # the same few hundred names repeat in every record
def county_code(name: object) -> str:
    text = str(name or "").strip()
    if text.casefold() in {"uppgift saknas", "okänd", "okänt"}:
        return UNKNOWN
    if text.casefold() in {"riket", "hela riket", "totalt", "samtliga"}:
        return RIKET
    if code := county_code_from_name(re.sub(r"^\d{2}\s+", "", text)):
        return code
    raise ContractError(f"Okänt län {text!r} i Arbetsförmedlingens fil", hint="lägg till namnet i geography.py")


@lru_cache(maxsize=4096)
def period_of(value: object) -> pd.Timestamp:
    match = _PERIOD.match(str(value).strip())
    if not match:
        raise ContractError(f"Okänd period {value!r} (väntade t.ex. 2026-10)")
    return pd.Timestamp(int(match[1]), int(match[2]), 1)


class _Sums:
    """Sums per key and field that remember whether a masked part was left out."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = fields
        self.values: dict[tuple, list[float]] = defaultdict(lambda: [0.0] * len(fields))
        self.masked: dict[tuple, set[str]] = defaultdict(set)
        self.known: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(fields))  # parts with a number

    def add(self, key: tuple, cells: Iterable[object]) -> None:
        sums, known = self.values[key], self.known[key]
        for i, cell in enumerate(cells):
            number = cell if type(cell) is float else as_number(cell)[0]  # the common case first
            if number is None:
                self.masked[key].add(self.fields[i])
            else:
                sums[i] += number
                known[i] += 1

    def with_riket(self) -> _Sums:
        """Roll counties and unknown-county rows up to Riket; drop the unknown rows themselves."""
        out = _Sums(self.fields)
        for (period, region, *rest), values in self.values.items():
            for target in ([region] if region != UNKNOWN else []) + [RIKET]:
                key = (period, target, *rest)
                source = (period, region, *rest)
                out.values[key] = [a + b for a, b in zip(out.values[key], values, strict=True)]
                out.known[key] = [a + b for a, b in zip(out.known[key], self.known[source], strict=True)]
                out.masked[key] |= self.masked.get(source, set())
        return out

    def get(self, key: tuple, field: str) -> tuple[float, str]:
        """The sum of the known parts; NaN when every part was masked or the key is absent."""
        if key not in self.values:
            return np.nan, ".."
        i = self.fields.index(field)
        value = self.values[key][i] if self.known[key][i] else np.nan
        return float(value), "<5" if field in self.masked.get(key, ()) else ""


def _row(
    region: str, period: pd.Timestamp, sex: str, measure: str, value: float, status: str = "", breakdown: str = ""
) -> dict:
    return {
        "region_code": region,
        "period": period,
        "sex": sex,
        "breakdown": breakdown,
        "measure": measure,
        "value": value,
        "status": status,
    }


def _share(numerator: tuple[float, str], denominator: tuple[float, str]) -> tuple[float, str]:
    (num, num_status), (den, den_status) = numerator, denominator
    status = num_status or den_status
    return (100 * num / den if den else np.nan), status or ("" if den else "..")


LABOUR_FORCE = {"T": "TOTAK", "K": "KVIAK", "M": "MANAK"}
SHARE_FIELDS = ["PERIOD", "LAN", "KOM", "TOTAK", "KVIAK", "MANAK", "KVISOK", "MANSOK"]


def labour_force_sums(source: IO[bytes]) -> _Sums:
    """Cached by content: unemployment_af and unemployment_close read the same file in one refresh."""
    source.seek(0)
    digest = hashlib.sha256(source.read()).hexdigest()
    with _LABOUR_FORCE_LOCK:  # the two series may read it at the same time: sum it once
        if digest not in _LABOUR_FORCE:
            _LABOUR_FORCE.clear()
            source.seek(0)
            _LABOUR_FORCE[digest] = _labour_force_sums(open_workbook(source))
        return _LABOUR_FORCE[digest]


_LABOUR_FORCE: dict[str, _Sums] = {}
_LABOUR_FORCE_LOCK = threading.Lock()


def _labour_force_sums(archive: zipfile.ZipFile) -> _Sums:
    cache = find_cache(archive, SHARE_FIELDS, "web-inskrivna-arbetslosa-andel-av-bas")
    idx = [cache.fields.index(f) for f in SHARE_FIELDS]
    sums = _Sums(SHARE_FIELDS[3:])
    for record in iter_records(archive, cache):
        cells = [record[i] for i in idx]
        sums.add((period_of(cells[0]), county_code(cells[1])), cells[3:])
    return sums.with_riket()


def unemployment_share(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """Registered unemployed as a share of the BAS labour force, with both kept."""
    sums = labour_force_sums(_file(files, "web-inskrivna-arbetslosa-andel-av-bas"))
    rows = []
    for key in sums.values:
        period, region = key
        unemployed = {"K": sums.get(key, "KVISOK"), "M": sums.get(key, "MANSOK")}
        k, m = unemployed["K"], unemployed["M"]
        unemployed["T"] = (k[0] + m[0], k[1] or m[1])
        for sex in ["T", "K", "M"]:
            force = sums.get(key, LABOUR_FORCE[sex])
            rows += [
                _row(region, period, sex, "unemployed", *unemployed[sex]),
                _row(region, period, sex, "labour_force", *force),
                _row(region, period, sex, "share", *_share(unemployed[sex], force)),
            ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


CLOSE_FIELDS = ["PERIOD", "KOEN", "LAN_BESKR", "KOMMUN_BESKR", "UTSATTA", "SAMTLIGA"]
SEX_NAMES = {"kvinnor": "K", "kvinna": "K", "män": "M", "man": "M"}


def unemployment_close(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """Unemployed *not* in the weak-competitiveness group, as a share of the same labour force."""
    archive = _open(files, "web-inskrivna-arbetslosa-svag-konkurrensformaga")
    cache = find_cache(archive, CLOSE_FIELDS, "web-inskrivna-arbetslosa-svag-konkurrensformaga")
    idx = [cache.fields.index(f) for f in CLOSE_FIELDS]
    sums = _Sums(["UTSATTA", "SAMTLIGA"])
    for record in iter_records(archive, cache):
        period, sex_name, county, _, weak, everyone = (record[i] for i in idx)
        sex = SEX_NAMES.get(str(sex_name).strip().casefold())
        if sex is None:
            raise ContractError(f"Okänt kön {sex_name!r} i fältet KOEN")
        for target in [sex, "T"]:
            sums.add((period_of(period), county_code(county), target), [weak, everyone])
    sums = sums.with_riket()
    force = labour_force_sums(_file(files, "web-inskrivna-arbetslosa-andel-av-bas"))
    rows = []
    for key in sums.values:
        period, region, sex = key
        weak, everyone = sums.get(key, "UTSATTA"), sums.get(key, "SAMTLIGA")
        close = (everyone[0] - weak[0], weak[1] or everyone[1])
        labour = force.get((period, region), LABOUR_FORCE[sex])
        if np.isnan(labour[0]):
            continue  # the labour-force file does not reach this month yet
        rows += [
            _row(region, period, sex, "unemployed_close", *close),
            _row(region, period, sex, "labour_force", *labour),
            _row(region, period, sex, "share", *_share(close, labour)),
        ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def _pick(fields: list[str], pattern: str, what: str) -> str:
    for field in fields:
        if re.search(pattern, field, re.IGNORECASE):
            return field
    raise ContractError(f"{what}: inget fält matchar {pattern!r}; fälten är {', '.join(fields)}")


def vacancies(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """New vacancies reported during the month; the layout is read from the cache's field names."""
    archive = _open(files, "web-platser")
    caches = pivot_caches(archive)
    if not caches:
        raise ContractError("web-platser: filen har ingen pivotcache")
    cache = caches[0]
    period_f = _pick(cache.fields, r"^(PERIOD|MANAD|MÅNAD)$", "web-platser")
    county_f = _pick(cache.fields, r"^(LAN|LÄN|LAN_BESKR)$", "web-platser")
    count_f = _pick(cache.fields, r"PLATSER|^ANTAL", "web-platser")
    idx = [cache.fields.index(f) for f in (period_f, county_f, count_f)]
    sums = _Sums(["count"])
    for record in iter_records(archive, cache):
        period, county, count = (record[i] for i in idx)
        sums.add((period_of(period), county_code(county)), [count])
    sums = sums.with_riket()
    rows = [
        _row(region, period, "T", "new_vacancies", *sums.get((period, region), "count"))
        for period, region in sums.values
    ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


SNI = re.compile(r"^([A-U])\b")
SNI_BY_NAME = {name.casefold(): letter for letter, name in SNI_SECTIONS.items()}


def sni_section(label: object) -> str | None:
    """'J Information och kommunikation', 'J - …' or just the name → 'J'; None for a total or
    an unclassified row."""
    text = str(label or "").strip()
    if match := SNI.match(text):
        return match.group(1)
    return SNI_BY_NAME.get(re.sub(r"^[A-U]\s*[-–:]\s*", "", text).casefold())


def _is_region(header: str) -> bool:
    try:
        return county_code(header) not in {UNKNOWN}
    except ContractError:
        return False


def redundancies(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    """Persons affected by notices, month × industry × county (AF's varsel file). A county is the
    sum of its industries; Riket is the file's own Riket/total column when there is one, else the
    sum of the counties. Industry rows per county and for Riket keep their SNI letter."""
    prefix = next(iter(files))
    columns = {"month": r"^(månad|period|år och månad)$", "industry": r"bransch|näringsgren|sni"}
    table = read_wide_tables(_file(files, prefix), columns, _is_region, prefix)
    sums = _Sums(["persons"])
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
        _row(region, period, "T", "persons", *sums.get(key, "persons"), breakdown=section)
        for key in sums.values
        for period, region, section in [key]
        if region != UNKNOWN
    ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def _file(files: dict[str, IO[bytes]], prefix: str) -> IO[bytes]:
    if prefix not in files:
        raise ContractError(f"Filen {prefix}-ÅÅÅÅ-MM.xlsx saknas")
    files[prefix].seek(0)
    return files[prefix]


def _open(files: dict[str, IO[bytes]], prefix: str) -> zipfile.ZipFile:
    return open_workbook(_file(files, prefix))


RECIPES = {
    "unemployment_share": unemployment_share,
    "unemployment_close": unemployment_close,
    "vacancies": vacancies,
    "redundancies": redundancies,
}
