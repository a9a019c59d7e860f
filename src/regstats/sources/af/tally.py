"""What every AF recipe shares: county and period from AF's labels, sums that remember masked
parts, tidy rows, and the workbook of a file prefix. Pure functions over opened files."""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import IO

import numpy as np
import pandas as pd

from regstats.classifications import SNI_SECTIONS
from regstats.errors import ContractError
from regstats.geography import MUNICIPALITIES, RIKET, county_code_from_name
from regstats.sources.af.pivot import as_number, open_workbook

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


_MUNICIPALITY_BY_NAME = {name.casefold(): code for code, name in MUNICIPALITIES.items()}


@lru_cache(maxsize=4096)
def municipality_code(name: object) -> str | None:
    """'Östersund' (or 'Östersunds kommun') → '2380'; None for AF's unknown-municipality rows.
    AF names municipalities, never codes them; a name we do not know stops the series rather
    than losing the municipality from its own rows unseen."""
    text = str(name or "").strip()
    folded = re.sub(r"\s+kommun$", "", text.casefold())
    if folded in {"uppgift saknas", "okänd", "okänt", ""}:
        return None
    code = _MUNICIPALITY_BY_NAME.get(folded)
    if code is None and folded != text.casefold() and folded.endswith("s"):  # 'Östersunds kommun'
        code = _MUNICIPALITY_BY_NAME.get(folded[:-1])
    if code is None:
        raise ContractError(f"Okänd kommun {text!r} i Arbetsförmedlingens fil", hint="lägg till namnet i geography")
    return code


@lru_cache(maxsize=4096)
def period_of(value: object) -> pd.Timestamp:
    match = _PERIOD.match(str(value).strip())
    if not match:
        raise ContractError(f"Okänd period {value!r} (väntade t.ex. 2026-10)")
    return pd.Timestamp(int(match[1]), int(match[2]), 1)


class Sums:
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

    def with_riket(self) -> Sums:
        """Roll counties and unknown-county rows up to Riket; drop the unknown rows themselves.
        A municipality's sums (a four-digit code) are kept as they are: its county counts it."""
        out = Sums(self.fields)
        for (period, region, *rest), values in self.values.items():
            targets = [region] if len(region) == 4 else ([region] if region != UNKNOWN else []) + [RIKET]
            for target in targets:
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


def tidy_row(
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


def share_of(numerator: tuple[float, str], denominator: tuple[float, str]) -> tuple[float, str]:
    (num, num_status), (den, den_status) = numerator, denominator
    status = num_status or den_status
    return (100 * num / den if den else np.nan), status or ("" if den else "..")


def pick_field(fields: list[str], pattern: str, what: str) -> str:
    for field in fields:
        if re.search(pattern, field, re.IGNORECASE):
            return field
    raise ContractError(f"{what}: inget fält matchar {pattern!r}; fälten är {', '.join(fields)}")


def file_of(files: dict[str, IO[bytes]], prefix: str) -> IO[bytes]:
    if prefix not in files:
        raise ContractError(f"Filen {prefix}-ÅÅÅÅ-MM.xlsx saknas")
    files[prefix].seek(0)
    return files[prefix]


def open_file(files: dict[str, IO[bytes]], prefix: str) -> zipfile.ZipFile:
    return open_workbook(file_of(files, prefix))


SNI = re.compile(r"^([A-U])\b")
SNI_BY_NAME = {name.casefold(): letter for letter, name in SNI_SECTIONS.items()}


def sni_section(label: object) -> str | None:
    """'J Information och kommunikation', 'J - …' or just the name → 'J'; None for a total or
    an unclassified row."""
    text = str(label or "").strip()
    if match := SNI.match(text):
        return match.group(1)
    return SNI_BY_NAME.get(re.sub(r"^[A-U]\s*[-–:]\s*", "", text).casefold())
