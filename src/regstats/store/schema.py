"""The tidy schema (regstats.tidy) as Arrow and Parquet key-value metadata."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from regstats.tidy import COLUMNS, KEY

__all__ = ["ARROW_SCHEMA", "COLUMNS", "KEY"]

ARROW_SCHEMA = pa.schema(
    [
        ("series_id", pa.string()),
        ("region_code", pa.string()),
        ("period", pa.date32()),
        ("sex", pa.string()),
        ("breakdown", pa.string()),
        ("measure", pa.string()),
        ("value", pa.float64()),
        ("status", pa.string()),
        ("vintage", pa.string()),
    ]
)


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Column order, dtypes and a fixed row order: identical data gives identical bytes."""
    out = frame[COLUMNS].copy()
    for column in ["series_id", "region_code", "sex", "breakdown", "measure", "status", "vintage"]:
        out[column] = out[column].fillna("").astype(str)
    out["period"] = pd.to_datetime(out["period"]).astype("datetime64[s]")
    out["value"] = out["value"].astype(float)
    return out.sort_values(KEY, kind="stable").reset_index(drop=True)


def to_arrow(frame: pd.DataFrame, metadata: dict[str, str]) -> pa.Table:
    table = pa.Table.from_pandas(normalise(frame), schema=ARROW_SCHEMA, preserve_index=False)
    return table.replace_schema_metadata({k: str(v) for k, v in metadata.items()})


def from_arrow(table: pa.Table) -> pd.DataFrame:
    frame = table.to_pandas()
    frame["period"] = pd.to_datetime(frame["period"])
    for column in ["series_id", "region_code", "sex", "breakdown", "measure", "status", "vintage"]:
        frame[column] = frame[column].astype(str)
    return frame


def decode_metadata(table_metadata: dict[bytes, bytes] | None) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in (table_metadata or {}).items() if not k.startswith(b"pandas")}
