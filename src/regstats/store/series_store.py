"""Series files on disk: `store/<id>.parquet` is the current vintage; each earlier vintage is
moved, never deleted, to `store/vintages/<id>/<vintage>.parquet`, so `as_of` can read history."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from regstats.errors import NotFoundError, StoreError, ValidationError
from regstats.store.atomic import recorded_checksum, replace_atomically, sha256_file, write_checksum
from regstats.store.schema import COLUMNS, decode_metadata, from_arrow, to_arrow

VINTAGE_FORMAT = "%Y%m%dT%H%M%SZ"


def new_vintage(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime(VINTAGE_FORMAT)


def vintage_time(vintage: str) -> datetime:
    return datetime.strptime(vintage, VINTAGE_FORMAT).replace(tzinfo=UTC)


@dataclass
class StoredSeries:
    frame: pd.DataFrame
    metadata: dict[str, str]
    path: Path

    @property
    def vintage(self) -> str:
        return self.metadata.get("vintage", "")

    @property
    def is_sample(self) -> bool:
        return self.metadata.get("sample") == "true"


def _read_table(path: Path, series_id: str, what: str, hint: str):
    """A series file and its metadata, or a StoreError saying it is broken."""
    try:
        table = pq.read_table(path)
        return table, decode_metadata(table.schema.metadata)
    except Exception:  # pyarrow raises several types for a truncated or garbled file
        raise StoreError(f"{what} är trasig och går inte att läsa", series=series_id, hint=hint) from None


def assert_intact(path: Path, vintage: str, series_id: str) -> None:
    """Refuse a file whose bytes are not those written with it: a flipped bit can leave Parquet
    readable with other numbers, which must never be served as data. A checksum of another
    vintage is one a crash left behind between the file's rename and its checksum's, not damage."""
    recorded = recorded_checksum(path)
    if recorded is None or recorded[1] != vintage or sha256_file(path) == recorded[0]:
        return
    raise StoreError(
        f"{path.name} ({series_id}) är skadad: innehållet stämmer inte med kontrollsumman",
        series=series_id,
        hint="kör `regstats check`: den ställer undan filen och återställer den senaste hela versionen",
    )


class SeriesStore:
    """One store's series files. A reading store may have a `fallback` (the bundled sample): a
    series this store lacks is read from there, so a live store that holds some series shows the
    sample, marked, for the rest. Writers never get a fallback."""

    def __init__(self, root: Path, fallback: SeriesStore | None = None) -> None:
        self.root = root
        self.store_dir = root / "store"
        self.fallback = fallback

    def holder(self, series_id: str) -> SeriesStore:
        """The store whose files are read for this series: this one, or its fallback."""
        if self.fallback is not None and not self.path(series_id).exists() and self.fallback.exists(series_id):
            return self.fallback
        return self

    def path(self, series_id: str) -> Path:
        return self.store_dir / f"{series_id}.parquet"

    def vintage_dir(self, series_id: str) -> Path:
        return self.store_dir / "vintages" / series_id

    def exists(self, series_id: str) -> bool:
        return self.path(series_id).exists() or (self.fallback is not None and self.fallback.exists(series_id))

    def series_ids(self) -> list[str]:
        own = {p.stem for p in self.store_dir.glob("*.parquet")}
        return sorted(own | set(self.fallback.series_ids() if self.fallback is not None else ()))

    def read(self, series_id: str, as_of: datetime | None = None) -> StoredSeries:
        """The current vintage, or the newest vintage stored at or before `as_of`."""
        if (holder := self.holder(series_id)) is not self:
            return holder.read(series_id, as_of)
        path = self.path(series_id)
        if not path.exists():
            raise NotFoundError(
                f"Serien {series_id!r} finns inte i lagret {self.store_dir}",
                series=series_id,
                hint="kör `regstats refresh --series " + series_id + "`",
            )
        if as_of is not None:
            path = self._path_as_of(series_id, as_of)
        table, metadata = _read_table(
            path, series_id, f"{path}", "kör `regstats check`: den återställer filen från dess senaste hela version"
        )
        assert_intact(path, metadata.get("vintage", ""), series_id)
        return StoredSeries(from_arrow(table), metadata, path)

    def read_vintage(self, series_id: str, vintage: str) -> StoredSeries:
        """Exactly one stored vintage: what a meeting froze (in this store or its fallback)."""
        if self.fallback is not None and not self._has_vintage(series_id, vintage):
            return self.fallback.read_vintage(series_id, vintage)
        current = self.path(series_id)
        older = self.vintage_dir(series_id) / f"{vintage}.parquet"
        for path in (older, current):
            if path.exists():
                table, metadata = _read_table(
                    path,
                    series_id,
                    f"Version {vintage} av {series_id!r}",
                    "kör `regstats check`; mötet som använder versionen visar då vad som saknas",
                )
                if metadata.get("vintage") == vintage:
                    assert_intact(path, vintage, series_id)
                    return StoredSeries(from_arrow(table), metadata, path)
        raise NotFoundError(
            f"Versionen {vintage} av serien {series_id!r} finns inte längre i lagret {self.store_dir}",
            series=series_id,
            hint="återställ mappen store/vintages från en säkerhetskopia",
        )

    def _has_vintage(self, series_id: str, vintage: str) -> bool:
        if (self.vintage_dir(series_id) / f"{vintage}.parquet").exists():
            return True
        current = self.path(series_id)
        return current.exists() and decode_metadata(pq.read_schema(current).metadata).get("vintage") == vintage

    def vintages(self, series_id: str) -> list[str]:
        """All vintages, oldest first, the current one last."""
        if (holder := self.holder(series_id)) is not self:
            return holder.vintages(series_id)
        older = sorted(p.stem for p in self.vintage_dir(series_id).glob("*.parquet"))
        current = []
        if self.exists(series_id):
            meta = decode_metadata(pq.read_schema(self.path(series_id)).metadata)
            current = [meta.get("vintage", "")]
        return older + current

    def _path_as_of(self, series_id: str, as_of: datetime) -> Path:
        if as_of.tzinfo is None:
            as_of = as_of.replace(tzinfo=UTC)
        candidates = [v for v in self.vintages(series_id) if v and vintage_time(v) <= as_of]
        if not candidates:
            raise NotFoundError(
                f"Serien {series_id!r} har ingen version från {as_of:%Y-%m-%d} eller tidigare",
                series=series_id,
            )
        chosen = candidates[-1]
        older = self.vintage_dir(series_id) / f"{chosen}.parquet"
        return older if older.exists() else self.path(series_id)

    def write(self, series_id: str, frame: pd.DataFrame, metadata: dict[str, str]) -> str:
        """Write a validated frame as the new current vintage; returns the file's checksum.

        The new file is written beside the old, read back and checked, and only then renamed
        over it; the old current file is first copied into the vintage folder.
        """
        table = to_arrow(frame, metadata)
        target = self.path(series_id)

        def write(tmp: Path) -> None:
            pq.write_table(table, tmp, compression="zstd")

        def check(tmp: Path) -> None:
            back = pq.read_table(tmp)
            if back.num_rows != table.num_rows or back.column_names != COLUMNS:
                raise ValidationError(
                    f"Den skrivna filen för {series_id!r} gick inte att läsa tillbaka korrekt",
                    series=series_id,
                )

        if target.exists():
            previous = decode_metadata(pq.read_schema(target).metadata).get("vintage")
            if previous:
                self.preserve(series_id, target, previous)
        replace_atomically(target, write, check)
        return write_checksum(target, metadata.get("vintage", ""))

    def preserve(self, series_id: str, current: Path, vintage: str) -> None:
        """Keep the current file as a vintage: copied atomically (a crash or a full disk leaves
        no half file under the final name) and checked byte for byte; a vintage left broken by an
        earlier crash is replaced by the intact current file of the same vintage."""
        keep = self.vintage_dir(series_id) / f"{vintage}.parquet"
        digest = sha256_file(current)
        if keep.exists() and sha256_file(keep) == digest:
            if recorded_checksum(keep) is None:
                write_checksum(keep, vintage, digest)
            return

        def check(tmp: Path) -> None:
            if sha256_file(tmp) != digest:
                raise ValidationError(f"Kopian av version {vintage} av {series_id!r} blev inte hel", series=series_id)

        replace_atomically(keep, lambda tmp: shutil.copyfile(current, tmp), check)
        write_checksum(keep, vintage, digest)
