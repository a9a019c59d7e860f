"""Stream the records of an Excel pivot cache without loading the file.

AF keeps its data in pivot caches that can be hundreds of MB uncompressed. openpyxl builds the
whole record list in memory, so this reads `pivotCacheDefinition{n}.xml` (field names and
shared items) and then walks `pivotCacheRecords{n}.xml` with lxml's `iterparse`, deleting each
`<r>` as soon as it is read: memory stays flat however many records there are.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from lxml.etree import iterparse

from regstats.errors import ContractError

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
Cell = str | float | None


@dataclass
class PivotCache:
    definition: str
    records: str
    fields: list[str]  # the fields a record carries, in its order
    shared: list[list[Cell]]  # per field: the shared items that `<x v=…>` points into
    calculated: dict[str, str] = field(default_factory=dict)  # name → formula; Excel computes them


# Entities are never expanded and nothing is fetched: a file cannot make the parser read other
# files (XXE) or grow without bound (billion laughs).
SAFE_XML = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
MAX_UNPACKED = 4_000_000_000  # AF's pivot caches reach hundreds of MB unpacked; they are streamed
MAX_RATIO = 1_000  # xml compresses well, but not a thousandfold: beyond that it is a zip bomb


def open_workbook(source: str | IO[bytes]) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ContractError("Filen är inte en xlsx-arbetsbok (inte en zip-fil; kanske en HTML-sida)") from None
    if "xl/workbook.xml" not in archive.namelist():
        raise ContractError("Zip-filen är ingen Excel-arbetsbok (xl/workbook.xml saknas)")
    unpacked = sum(i.file_size for i in archive.infolist())
    packed = sum(i.compress_size for i in archive.infolist()) or 1
    if unpacked > MAX_UNPACKED or (unpacked > 100_000_000 and unpacked / packed > MAX_RATIO):
        archive.close()
        raise ContractError(
            f"Arbetsboken packas upp till {unpacked / 1e9:.1f} GB ({unpacked / packed:.0f} gånger sin storlek)".replace(
                ".", ","
            )
            + ": den läses inte",
            hint="en riktig fil från publiceraren är aldrig så stor; ladda ned den igen",
        )
    return archive


def _item(element) -> Cell:
    tag = element.tag.removeprefix(NS)
    if tag == "m":
        return None
    value = element.get("v")
    if tag == "n":
        return float(value)
    return value


def _relations(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """A part's relationships (`_rels/<name>.rels`) as (id, type's last word, target part)."""
    folder, name = posixpath.split(part)
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in archive.namelist():
        return []
    out = []
    for _, element in iterparse(archive.open(rels), **SAFE_XML):
        if element.tag == f"{REL_NS}Relationship":
            target = element.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((element.get("Id", ""), element.get("Type", "").rsplit("/", 1)[-1], path))
    return out


def _related(archive: zipfile.ZipFile, part: str, kind: str) -> list[str]:
    return [target for _, type_, target in _relations(archive, part) if type_ == kind]


def read_cache(archive: zipfile.ZipFile, definition: str) -> PivotCache:
    """A cache's field names and shared items (its definition), not its records. A calculated
    field (`databaseField="0"`, e.g. AF's shares) has no value in the records: it is kept apart,
    so that record cells and fields stay paired."""
    fields: list[str] = []
    shared: list[list[Cell]] = []
    calculated: dict[str, str] = {}
    current: list[Cell] | None = None
    for event, element in iterparse(archive.open(definition), events=("start", "end"), **SAFE_XML):
        tag = element.tag.removeprefix(NS)
        if event == "start" and tag == "cacheField" and element.get("databaseField") == "0":
            calculated[element.get("name", "")] = element.get("formula", "")
        elif event == "start" and tag == "cacheField":
            fields.append(element.get("name", ""))
            current = []
            shared.append(current)
        elif event == "end" and current is not None and tag in {"s", "n", "m", "b", "e", "d"}:
            current.append(_item(element))
        elif event == "end" and tag == "cacheField":
            current = None
            element.clear()
    records = _related(archive, definition, "pivotCacheRecords")
    records_part = records[0] if records else definition.replace("Definition", "Records")
    return PivotCache(definition, records_part, fields, shared, calculated)


def pivot_caches(archive: zipfile.ZipFile) -> list[PivotCache]:
    definitions = sorted(n for n in archive.namelist() if re.match(r"xl/pivotCache/pivotCacheDefinition\d+\.xml$", n))
    return [read_cache(archive, definition) for definition in definitions]


def sheet_caches(archive: zipfile.ZipFile) -> dict[str, PivotCache]:
    """Each sheet's pivot cache, by the sheet's name: sheet → its pivot table → the table's cache
    definition, followed through the `_rels` parts (a cache's number says nothing about which
    sheet uses it). Sheets without a pivot table are left out."""
    sheets: list[tuple[str, str]] = []  # (name, relationship id)
    for _, element in iterparse(archive.open("xl/workbook.xml"), **SAFE_XML):
        if element.tag == f"{NS}sheet":
            rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            sheets.append((element.get("name", ""), rel_id))
    targets = {rel_id: target for rel_id, _, target in _relations(archive, "xl/workbook.xml")}
    read: dict[str, PivotCache] = {}
    out: dict[str, PivotCache] = {}
    for name, rel_id in sheets:
        sheet = targets.get(rel_id)
        if sheet is None or sheet not in archive.namelist():
            continue
        for table in _related(archive, sheet, "pivotTable"):
            for definition in _related(archive, table, "pivotCacheDefinition"):
                if definition not in read and definition in archive.namelist():
                    read[definition] = read_cache(archive, definition)
                if definition in read:
                    out.setdefault(name, read[definition])
    return out


def find_cache(archive: zipfile.ZipFile, required: list[str], what: str) -> PivotCache:
    caches = pivot_caches(archive)
    for cache in caches:
        if set(required) <= set(cache.fields):
            return cache
    found = "; ".join(", ".join(c.fields) for c in caches) or "inga pivotcachar"
    raise ContractError(
        f"{what}: ingen pivotcache har fälten {', '.join(required)}. Fälten är: {found}",
        hint="Arbetsförmedlingen har ändrat filens kolumner; uppdatera receptet",
    )


def iter_records(archive: zipfile.ZipFile, cache: PivotCache) -> Iterator[list[Cell]]:
    """Yield one list per record, values resolved through the shared items."""
    if cache.records not in archive.namelist():
        raise ContractError(f"Pivotcachens poster saknas i filen ({cache.records})")
    shared = cache.shared
    x_tag, n_tag = f"{NS}x", f"{NS}n"
    for _, record in iterparse(archive.open(cache.records), events=("end",), tag=f"{NS}r", **SAFE_XML):
        yield [
            shared[field][int(cell.get("v"))]
            if cell.tag == x_tag
            else float(cell.get("v"))
            if cell.tag == n_tag
            else _item(cell)
            for field, cell in enumerate(record)
        ]
        # Free the record and every finished sibling before it, or the tree grows per record.
        record.clear()
        while record.getprevious() is not None:
            del record.getparent()[0]


def as_number(value: Any) -> tuple[float | None, str]:
    """A count cell: a number, or a masked small count such as '<5' (kept as a flag)."""
    if isinstance(value, float):
        return value, ""
    if value is None:
        return None, ".."
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if text.startswith("<"):
        return None, text
    try:
        return float(text), ""
    except ValueError:
        raise ContractError(f"Oväntat värde {value!r} i ett talfält") from None
