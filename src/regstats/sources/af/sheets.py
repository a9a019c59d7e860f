"""Read tables from visible sheets, finding the header row by content, not position."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import openpyxl
import pandas as pd

from regstats.errors import ContractError

MAX_HEADER_SEARCH = 30
Header = tuple[str, dict[str, int], dict[int, str], Iterator[Any]]  # sheet, roles, regions, rows after


@contextmanager
def _workbook(source: IO[bytes], what: str):
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise ContractError(f"{what}: filen gick inte att läsa som xlsx ({type(exc).__name__})") from None
    try:
        yield workbook
    finally:
        workbook.close()


def _positions(cells: list[str], patterns: dict[str, re.Pattern]) -> dict[str, int] | None:
    """Where each role's header is in a row, or None when one of them is not there."""
    found = {role: next((i for i, c in enumerate(cells) if p.search(c)), None) for role, p in patterns.items()}
    return None if any(i is None for i in found.values()) else found  # type: ignore[return-value]


def _headers(
    workbook, columns: dict[str, str], is_region: Callable[[str], bool], what: str, min_regions: int
) -> Iterator[Header]:
    """Each visible sheet with a header row that has a cell matching each pattern in `columns` and
    at least `min_regions` region columns; raises, naming the last rows seen, when there is none."""
    patterns = {role: re.compile(p, re.IGNORECASE) for role, p in columns.items()}
    seen: list[str] = []
    found = False
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows = sheet.iter_rows(values_only=True)
        for _, row in zip(range(MAX_HEADER_SEARCH), rows, strict=False):
            cells = [str(c).strip() if c is not None else "" for c in row]
            positions = _positions(cells, patterns)
            regions = {i: c for i, c in enumerate(cells) if c and is_region(c)}
            if positions is not None and len(regions) >= min_regions:
                found = True
                yield sheet.title, positions, regions, rows
                break
            if any(cells):
                seen.append(f"{sheet.title}: {' | '.join(c for c in cells if c)[:120]}")
    if not found:
        raise ContractError(
            f"{what}: hittade inget blad med rubrikerna {', '.join(columns.values())} och minst "
            f"{min_regions} länskolumner. Sista rader: {seen[-3:]}",
            hint="Arbetsförmedlingen har ändrat filens layout; uppdatera receptet",
        )


def read_wide_tables(
    source: IO[bytes], columns: dict[str, str], is_region: Callable[[str], bool], what: str, min_regions: int = 15
) -> pd.DataFrame:
    """Every table (see _headers; e.g. AF's varsel file: one sheet per year, rows of month ×
    industry, a column per county), read until a row that says `Summa`; returned long, with the
    roles plus `region` (the column's header) and `value`, as text."""
    records: list[dict[str, str | None]] = []
    with _workbook(source, what) as workbook:
        for _, positions, regions, rows in _headers(workbook, columns, is_region, what, min_regions):
            records += _wide_rows(rows, positions, regions)
    return pd.DataFrame.from_records(records, columns=[*columns, "region", "value"])


def wide_table_headers(
    source: IO[bytes], columns: dict[str, str], is_region: Callable[[str], bool], what: str, min_regions: int = 15
) -> dict[str, str]:
    """The sheets read_wide_tables would read and their headers, without reading their rows."""
    with _workbook(source, what) as workbook:
        return {
            sheet: ", ".join(columns) + f" och {len(regions)} länskolumner"
            for sheet, _, regions, _ in _headers(workbook, columns, is_region, what, min_regions)
        }


def _wide_rows(rows, positions: dict[str, int], regions: dict[int, str]) -> list[dict[str, str | None]]:
    out = []
    for row in rows:
        cells = [None if c is None else str(c).strip() for c in row]
        if any((c or "").casefold() == "summa" for c in cells[: max(regions)]):
            break  # the file's own total row ends the table
        keys = {role: cells[i] if i < len(cells) else None for role, i in positions.items()}
        if not all(keys.values()):
            continue  # a blank or a note row
        for i, region in regions.items():
            out.append({**keys, "region": region, "value": cells[i] if i < len(cells) else None})
    return out


def read_long_tables(
    source: IO[bytes], columns: dict[str, dict[str, str]], what: str, rows: bool = True
) -> dict[str, pd.DataFrame]:
    """Named sheets (the keys of `columns`) holding one table each under a few heading rows (AF's
    time-without-work file: four heading rows, then a header row with every role's column), read
    by header text, not by position, to the first blank row. Returned per sheet with the roles as
    columns, as text; `rows=False` finds the headers only (doctor)."""
    out: dict[str, pd.DataFrame] = {}
    with _workbook(source, what) as workbook:
        names = {sheet.title: sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"}
        for name, roles in columns.items():
            patterns = {role: re.compile(p, re.IGNORECASE) for role, p in roles.items()}
            if name not in names:
                raise ContractError(
                    f"{what}: bladet {name!r} saknas; bladen är {', '.join(names)}",
                    hint="Arbetsförmedlingen har ändrat filens blad; uppdatera receptet",
                )
            found = _long_table(names[name].iter_rows(values_only=True), patterns, f"{what}, bladet {name!r}", rows)
            out[name] = found
    return out


def _long_table(rows: Iterator[Any], patterns: dict[str, re.Pattern], what: str, read: bool) -> pd.DataFrame:
    seen = []
    for _, row in zip(range(MAX_HEADER_SEARCH), rows, strict=False):
        cells = [str(c).strip() if c is not None else "" for c in row]
        if (positions := _positions(cells, patterns)) is not None:
            records = []
            for data in rows if read else ():
                values = [None if c is None else str(c).strip() for c in data]
                if not any(values):
                    break  # the table ends at the first blank row (notes follow)
                records.append({role: values[i] if i < len(values) else None for role, i in positions.items()})
            table = pd.DataFrame.from_records(records, columns=list(patterns))
            table.attrs["headers"] = [cells[i] for i in positions.values()]  # as written
            return table
        if any(cells):
            seen.append(" | ".join(c for c in cells if c)[:120])
    raise ContractError(
        f"{what}: hittade ingen rubrikrad med {', '.join(p.pattern for p in patterns.values())}. "
        f"Sista rader: {seen[-3:]}",
        hint="Arbetsförmedlingen har ändrat filens kolumner; uppdatera receptet",
    )
