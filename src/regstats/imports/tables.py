"""PxWeb downloads: json-stat2 (SCB, KI, Tillväxtanalys) and PxWeb csv, matched to the catalog."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from regstats.catalog import Query, Series, load_catalog
from regstats.errors import ContractError, RegstatsError
from regstats.sources.jsonstat import JsonStatDataset
from regstats.sources.selection import TOTAL_LABEL, ResolvedQuery, TableVariable, resolve, to_tidy

TIME = re.compile(r"(\d{4}(?:M\d{2}|K[1-4])?)\s*$")


def _variables(dataset: JsonStatDataset) -> list[TableVariable]:
    return [
        TableVariable(d.id, d.label, d.codes, d.labels, elimination=True, is_time=d.id == dataset.time_dimension)
        for d in dataset.dimensions
    ]


def _candidates(series_id: str | None) -> list[Series]:
    catalog = load_catalog()
    chosen = [catalog[series_id]] if series_id else list(catalog.values())
    return [s for s in chosen if any(q.protocol in {"pxweb1", "pxweb2"} for q in s.queries)]


def _matches(query: Query, dataset: JsonStatDataset, table_id: str | None) -> bool:
    if query.table and table_id and query.table.rsplit("/", 1)[-1].removesuffix(".px") == table_id:
        return True
    if query.title_pattern and re.search(query.title_pattern, dataset.label):
        return True
    codes = {d.id for d in dataset.dimensions}
    return not table_id and all(v.code in codes for v in query.variables if v.code and v.role != "fixed")


def jsonstat_to_series(
    dataset: JsonStatDataset, table_id: str | None, series_id: str | None
) -> tuple[str, pd.DataFrame]:
    reasons = []
    for series in _candidates(series_id):
        frames = []
        for query in series.queries:
            if not _matches(query, dataset, table_id):
                continue
            try:
                resolved = resolve(query, _variables(dataset), partial=True)
                _only_totals_beyond(resolved, dataset)
                frames.append(to_tidy(dataset.frame, resolved, query))
            except RegstatsError as exc:
                reasons.append(f"{series.id}: {exc.message}")
        frames = [f for f in frames if not f.empty]
        if frames:
            return series.id, pd.concat(frames, ignore_index=True)
    detail = "; ".join(reasons) or "ingen serie i katalogen använder den tabellen"
    raise ContractError(f"json-stat2-filen ({table_id or dataset.label}) passar ingen serie: {detail}")


def _only_totals_beyond(resolved: ResolvedQuery, dataset: JsonStatDataset) -> None:
    """A variable the catalog does not ask about must be a single total, or the file is a subset."""
    for dim in dataset.dimensions:
        if resolved.selection.get(dim.id, "") is not None:
            continue
        totals = [c for c in dim.codes if TOTAL_LABEL.match(dim.labels.get(c, c))]
        if len(dim.codes) != 1 or not totals:
            shown = ", ".join(dim.labels.get(c, c) for c in dim.codes[:4])
            raise ContractError(f"filen är ett delurval ({dim.label}: {shown}); katalogen behöver totalen")


def csv_to_series(path: Path, series_id: str | None) -> tuple[str, pd.DataFrame]:
    """A PxWeb csv: label columns, then one column per period (optionally '<contents> <period>')."""
    check_cells(path)
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if _is_utf8(raw) else raw.decode("latin-1")
    frame = pd.read_csv(io.StringIO(text), sep=None, engine="python", dtype=str)
    time_columns = [c for c in frame.columns if TIME.search(c)]
    if not time_columns:
        raise ContractError("CSV-filen har inga kolumner med perioder (t.ex. 2026M01) i rubriken")
    if series_id is None:
        raise ContractError(
            "CSV-filer säger inte vilken tabell de kommer från", hint="ange --series, t.ex. --series unemployment_bas"
        )
    series = load_catalog()[series_id]
    label_columns = [c for c in frame.columns if c not in time_columns]
    long = frame.melt(id_vars=label_columns, value_vars=time_columns, var_name="header", value_name="cell")
    long["Tid"] = long["header"].str.extract(TIME, expand=False)
    long["ContentsCode"] = long["header"].str.replace(TIME, "", regex=True).str.strip()
    variables = [
        TableVariable(c, c, sorted(long[c].dropna().unique()), {v: v for v in long[c].dropna().unique()}, True)
        for c in label_columns
    ]
    contents = sorted(long["ContentsCode"].unique())
    variables.append(TableVariable("ContentsCode", "tabellinnehåll", contents, {c: c for c in contents}, True))
    variables.append(TableVariable("Tid", "tid", sorted(long["Tid"].unique()), {}, True, is_time=True))
    long["value"] = pd.to_numeric(long["cell"].str.replace(",", ".", regex=False), errors="coerce")
    long["status"] = long["cell"].where(long["value"].isna(), "").fillna("..")
    query = _csv_query(series, label_columns, contents)
    return series.id, to_tidy(long, resolve(query, variables, partial=True), query)


def _csv_query(series: Series, label_columns: list[str], contents: list[str]) -> Query:
    """The catalog query rewritten for a csv whose columns are labels, not codes."""
    query = next(q for q in series.queries if q.protocol in {"pxweb1", "pxweb2"})
    specs = []
    region_column = _column(label_columns, r"region|län")
    sex_column = next((c for c in label_columns if re.search(r"kön", c, re.IGNORECASE)), None)
    others = [c for c in label_columns if c not in {region_column, sex_column}]
    for spec in query.variables:
        if spec.role == "region":
            column = region_column
            specs.append(spec.model_copy(update={"code": column, "text": None, "codes": None, "from_labels": True}))
        elif spec.role == "sex":
            column = _column(label_columns, r"kön")
            labels = {
                "T": r"(?i)^(totalt|samtliga|män och kvinnor|kvinnor och män)",
                "M": r"(?i)^män$",
                "K": r"(?i)^kvinnor$",
            }
            specs.append(spec.model_copy(update={"code": column, "text": None, "codes": None, "labels": labels}))
        elif spec.role == "measure":
            labels = spec.labels or {m.id: re.escape(m.title_sv) for m in series.measures}
            # The measure is in the header (ContentsCode) or, as SCB's NyckeltalSCB, a column of its own.
            column = "ContentsCode" if spec.code == "ContentsCode" or len(others) != 1 else others[0]
            if column == "ContentsCode" and contents == [""] and len(series.measures) == 1:
                labels = {series.measures[0].id: "^$"}  # the header holds only the period
            specs.append(spec.model_copy(update={"code": column, "text": None, "codes": None, "labels": labels}))
        elif spec.role == "time":
            specs.append(spec.model_copy(update={"code": "Tid", "text": None}))
    return query.model_copy(update={"variables": specs})


def _column(columns: list[str], pattern: str) -> str:
    for column in columns:
        if re.search(pattern, column, re.IGNORECASE):
            return column
    raise ContractError(f"CSV-filen saknar en kolumn som matchar {pattern!r}; kolumnerna är {columns}")


MAX_CELLS = 2_000_000  # ten times the largest series regstats stores; parsing more costs gigabytes


def check_cells(path: Path) -> None:
    """Count a delimited file's cells in one streamed pass (constant memory) before any parser
    builds frames of it: a file far larger than any series is refused, not loaded."""
    cells = 0
    with path.open("rb") as handle:
        for line in handle:
            cells += line.count(b",") + line.count(b";") + line.count(b"\t") + 1
            if cells > MAX_CELLS:
                raise ContractError(
                    f"{path.name} har över {MAX_CELLS:,} celler; ingen serie i katalogen är i närheten av det".replace(
                        ",", " "
                    ),
                    hint="kontrollera att det är rätt fil; dela upp den om den verkligen ska importeras",
                )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
