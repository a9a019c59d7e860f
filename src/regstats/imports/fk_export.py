"""Försäkringskassan statistikdatabas exports (sheet `tabell`: År, Månad, Län, Kön, … value)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

from regstats.errors import ContractError
from regstats.geography import region_code_from_label
from regstats.tidy import TIDY_COLUMNS

DIMENSIONS = {"År", "Månad", "Län", "Kommun", "Ålder", "Kön", "Diagnoskapitel"}
MEASURES = [
    (r"^sjukpenningtal", "sick_leave_days", "sick_pay_days"),
    (r"^andel pågående sjukfall", "sick_leave_cases", "share_of_cases"),
    (r"^antal pågående sjukfall", "sick_leave_cases", "cases"),
]
SEX = {"kvinnor och män": "T", "kvinnor": "K", "män": "M"}
TOTAL = re.compile(r"^samtliga", re.IGNORECASE)
CHAPTER = re.compile(r"^([A-Z]\d\d-[A-Z]\d\d)\b")  # 'F00-F99 Psykiska sjukdomar …' → F00-F99


def header_of(path: Path) -> tuple[str, list[str]] | None:
    """The sheet and header row if this workbook looks like an FK export, else None."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(min_row=1, max_row=5, values_only=True):
                cells = [str(c).strip() for c in row if c is not None]
                if {"År", "Månad", "Län", "Kön"} <= set(cells):
                    return sheet.title, cells
    finally:
        book.close()
    return None


MAX_CELLS = 2_000_000  # FK's exports are a few thousand rows; pandas holds a sheet whole


def worksheet_cells_over(path: Path, limit: int) -> bool:
    """Whether the workbook's sheets hold more than `limit` cells, counted as their XML streams
    (not as a sheet's `<dimension>` declares: a sheet may have none, or lie). Hand-written: a byte
    count of `<c ` and `<c>` tags runs at the speed of decompression, while openpyxl needs seconds
    just to open a large sheet and counts some 30 000 cells a second."""
    cells = 0
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with book.open(name) as part:
                tail = b""
                for block in iter(lambda part=part: part.read(1 << 20), b""):
                    data = tail + block  # a tag split between two blocks is counted once
                    cells += data.count(b"<c ") + data.count(b"<c>")
                    tail = data[-2:]
                    if cells > limit:
                        return True
    return False


def _check_size(path: Path, sheet: str) -> None:
    """Refused before pandas loads the sheet whole."""
    if worksheet_cells_over(path, MAX_CELLS):
        raise ContractError(
            f"Bladet {sheet!r} i {path.name} har över {MAX_CELLS:,} celler".replace(",", " "),
            hint="en export från Försäkringskassan är några tusen rader; kontrollera filen",
        )


def read_fk_export(path: Path) -> dict[str, pd.DataFrame]:
    found = header_of(path)
    assert found
    sheet, header = found
    _check_size(path, sheet)
    frame = pd.read_excel(path, sheet_name=sheet, dtype=str, header=None)
    start = next(i for i, row in frame.iterrows() if set(header) <= {str(c).strip() for c in row})
    frame.columns = [str(c).strip() for c in frame.iloc[start]]
    frame = frame.iloc[start + 1 :]
    if "Ålder" in frame:
        frame = frame[frame["Ålder"].fillna("").str.match(TOTAL)]
    if "Kommun" in frame:
        frame = frame[frame["Kommun"] == frame["Län"]]  # county and Riket rows, not municipalities
    out: dict[str, list[pd.DataFrame]] = {}
    for column in [c for c in frame.columns if c not in DIMENSIONS]:
        target = next(((s, m) for p, s, m in MEASURES if re.match(p, column, re.IGNORECASE)), None)
        if target is None:
            raise ContractError(
                f"Exporten har Försäkringskassans layout men mätningen {column!r} känns inte igen",
                hint="regstats känner till sjukpenningtal och pågående sjukfall (antal, andel)",
            )
        series_id, measure = target
        out.setdefault(series_id, []).append(_tidy(frame, column, measure))
    return {series_id: pd.concat(parts, ignore_index=True) for series_id, parts in out.items()}


def _chapter(label: object) -> str:
    """A diagnosis chapter's code ('' for all chapters): the same breakdown the API gives."""
    text = str(label or "").strip()
    if TOTAL.match(text):
        return ""
    if match := CHAPTER.match(text):
        return match.group(1)
    raise ContractError(f"Okänt diagnoskapitel i exporten: {text!r}")


def _tidy(frame: pd.DataFrame, column: str, measure: str) -> pd.DataFrame:
    regions = frame["Län"].map(lambda label: region_code_from_label(str(label)))
    if regions.isna().any():
        raise ContractError(f"Okänt län i exporten: {frame.loc[regions.isna(), 'Län'].iloc[0]!r}")
    sexes = frame["Kön"].str.strip().str.casefold().map(SEX)
    if sexes.isna().any():
        raise ContractError(f"Okänt kön i exporten: {frame.loc[sexes.isna(), 'Kön'].iloc[0]!r}")
    breakdown = frame["Diagnoskapitel"].map(_chapter) if "Diagnoskapitel" in frame else ""
    numbers = pd.to_numeric(frame[column].str.replace(",", ".", regex=False), errors="coerce")
    status = frame[column].where(numbers.isna(), "").fillna("..").astype(str)
    tidy = pd.DataFrame(
        {
            "region_code": regions,
            "period": pd.to_datetime(frame["År"].str.strip() + "-" + frame["Månad"].str.strip().str.zfill(2) + "-01"),
            "sex": sexes,
            "breakdown": breakdown,
            "measure": measure,
            "value": numbers.astype(float),
            "status": status,
        }
    )
    return tidy[TIDY_COLUMNS].reset_index(drop=True)
