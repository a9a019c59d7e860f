"""The data behind every chart at stable addresses: each series whole as CSV, JSON and Parquet,
a metadata file naming source, licence, units, version and the files' checksums, and every
stored version as a dated Parquet file — what a reader cites or a script fetches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from regstats.catalog import PUBLISHER_NAMES, Series
from regstats.store import StoredSeries
from regstats.store.atomic import sha256_file
from regstats.store.series_store import SeriesStore

COLUMNS = ["region_code", "period", "sex", "breakdown", "measure", "value", "status"]


def write_series(out: Path, series: Series, stored: StoredSeries, store: SeriesStore) -> list[Path]:
    """`out`/<id>.csv|.json|.parquet|.metadata.json and `out`/<id>/versioner/<vintage>.parquet."""
    out.mkdir(parents=True, exist_ok=True)
    frame = stored.frame[COLUMNS].assign(period=stored.frame["period"].dt.strftime("%Y-%m-%d"))
    units = {m.id: m.unit for m in series.measures}
    frame = frame.assign(unit=frame["measure"].map(units))
    files = {kind: out / f"{series.id}.{kind}" for kind in ("csv", "json", "parquet")}
    # Plain CSV (comma, decimal point, UTF-8) for scripts; the dashboard's downloads are the
    # Swedish-Excel dialect. JSON by columns: a tenth the size of one object per row.
    frame.to_csv(files["csv"], index=False)
    files["json"].write_text(frame.to_json(orient="split", index=False, force_ascii=False), encoding="utf-8")
    shutil.copyfile(stored.path, files["parquet"])
    versions = out / series.id / "versioner"
    versions.mkdir(parents=True, exist_ok=True)
    dated = []
    holder = store.holder(series.id)  # the sample stands in for a series the store lacks
    for vintage in holder.vintages(series.id):
        target = versions / f"{vintage}.parquet"
        kept = holder.vintage_dir(series.id) / f"{vintage}.parquet"
        if not target.exists():
            shutil.copyfile(kept if kept.exists() else holder.path(series.id), target)
        dated.append(target)
    metadata = {
        "id": series.id,
        "title": series.title_sv,
        "title_en": series.title_en,
        "definition": series.definition,
        "source": {"publisher": PUBLISHER_NAMES[series.publisher], "url": series.source_url},
        "tables": stored.metadata.get("tables", ""),
        "licence": series.licence,
        "official_statistics": series.official,
        "frequency": series.frequency,
        "units": units,
        "columns": [*COLUMNS, "unit"],
        "version": stored.vintage,
        "sample": stored.is_sample,
        "latest_period": str(stored.frame["period"].max().date()),
        "breaks": [{"period": b.period, "description": b.description} for b in series.breaks],
        "files": {p.name: {"sha256": sha256_file(p), "bytes": p.stat().st_size} for p in files.values()},
        "versions": [f"{series.id}/versioner/{p.name}" for p in dated],
    }
    meta = out / f"{series.id}.metadata.json"
    meta.write_text(json.dumps(metadata, ensure_ascii=False, indent=1), encoding="utf-8")
    return [*files.values(), meta, *dated]
