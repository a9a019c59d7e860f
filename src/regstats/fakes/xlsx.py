"""Write xlsx files with a real pivot-cache structure (definition + records), streamed, so the
fake Arbetsförmedlingen can serve them and the memory benchmark can build millions of records."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

Cell = str | float | int | None
NOTE = "Exempeldata från regstats fejkade Arbetsförmedlingen."


@dataclass
class PivotTab:
    """A sheet with a pivot table over its own cache, as AF's multi-tab files have them."""

    name: str
    fields: list[str]
    records: Iterable[list[Cell]]
    shared: dict[str, list[str]]


def _content_types(sheets: int, tables: int, caches: int) -> str:
    kinds = {
        "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        "table": "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
        "definition": "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
        "records": "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
    }
    parts = [(f"/xl/worksheets/sheet{i}.xml", kinds["worksheet"]) for i in range(1, sheets + 1)]
    parts += [(f"/xl/pivotTables/pivotTable{i}.xml", kinds["table"]) for i in range(1, tables + 1)]
    for k in range(1, caches + 1):
        parts += [
            (f"/xl/pivotCache/pivotCacheDefinition{k}.xml", kinds["definition"]),
            (f"/xl/pivotCache/pivotCacheRecords{k}.xml", kinds["records"]),
        ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in parts)
        + "</Types>"
    )


def _item(value: Cell) -> str:
    if value is None:
        return "<m/>"
    if isinstance(value, (int, float)):
        return f'<n v="{value:g}"/>'
    return f"<s v={quoteattr(value)}/>"


def _rels(*relations: tuple[str, str, str]) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{OFFICE}/{kind}" Target="{target}"/>' for rid, kind, target in relations
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{body}</Relationships>'


def _sheet(note: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{note}</t></is></c></row></sheetData></worksheet>'
    )


def _write_cache(
    archive: zipfile.ZipFile,
    k: int,
    fields: list[str],
    records: Iterable[list[Cell]],
    shared: dict[str, list[str]],
    calculated: dict[str, str] | None = None,
) -> None:
    """Cache k's definition (fields, shared items) and its records, streamed straight into the zip.
    `calculated` fields (name → formula) are defined after the others with databaseField="0", as
    Excel writes calculated fields: their values are computed by Excel, never stored in a record."""
    cache_fields = []
    for name in fields:
        if name in shared:
            items = "".join(_item(v) for v in shared[name])
            cache_fields.append(
                f'<cacheField name={quoteattr(name)}><sharedItems count="{len(shared[name])}">'
                f"{items}</sharedItems></cacheField>"
            )
        else:
            cache_fields.append(f'<cacheField name={quoteattr(name)}><sharedItems containsNumber="1"/></cacheField>')
    for name, formula in (calculated or {}).items():
        cache_fields.append(
            f'<cacheField name={quoteattr(name)} numFmtId="0" formula={quoteattr(formula)} databaseField="0"/>'
        )
    archive.writestr(
        f"xl/pivotCache/pivotCacheDefinition{k}.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{REL}" r:id="rId1">'
        f'<cacheSource type="worksheet"/><cacheFields count="{len(cache_fields)}">{"".join(cache_fields)}</cacheFields>'
        "</pivotCacheDefinition>",
    )
    archive.writestr(
        f"xl/pivotCache/_rels/pivotCacheDefinition{k}.xml.rels",
        _rels(("rId1", "pivotCacheRecords", f"pivotCacheRecords{k}.xml")),
    )
    index = {name: {v: i for i, v in enumerate(items)} for name, items in shared.items()}
    with archive.open(f"xl/pivotCache/pivotCacheRecords{k}.xml", "w", force_zip64=True) as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheRecords xmlns="{MAIN}">'.encode())
        buffer = []
        for record in records:
            cells = [
                f'<x v="{index[name][value]}"/>' if name in index else _item(value)
                for name, value in zip(fields, record, strict=True)
            ]
            buffer.append("<r>" + "".join(cells) + "</r>")
            if len(buffer) >= 5000:
                out.write("".join(buffer).encode())
                buffer.clear()
        out.write(("".join(buffer) + "</pivotCacheRecords>").encode())


def _workbook(archive: zipfile.ZipFile, sheet_names: list[str], caches: int) -> None:
    sheets = "".join(
        f"<sheet name={quoteattr(name)} sheetId=\"{i}\" r:id=\"rId{i}\"/>" for i, name in enumerate(sheet_names, 1)
    )
    pivot = "".join(f'<pivotCache cacheId="{k}" r:id="rId{100 + k}"/>' for k in range(1, caches + 1))
    archive.writestr(
        "xl/workbook.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f"<sheets>{sheets}</sheets><pivotCaches>{pivot}</pivotCaches></workbook>",
    )
    relations = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(sheet_names) + 1)]
    for k in range(1, caches + 1):
        relations.append((f"rId{100 + k}", "pivotCacheDefinition", f"pivotCache/pivotCacheDefinition{k}.xml"))
    archive.writestr("xl/_rels/workbook.xml.rels", _rels(*relations))
    archive.writestr("_rels/.rels", _rels(("rId1", "officeDocument", "xl/workbook.xml")))


def write_pivot_workbook(
    target: str | Path | IO[bytes],
    fields: list[str],
    records: Iterable[list[Cell]],
    shared: dict[str, list[str]],
    note: str = NOTE,
    calculated: dict[str, str] | None = None,
) -> None:
    """One cache behind an `Info` sheet. `shared` lists the items of text fields (records refer to
    them by index, as Excel does); other fields are written inline."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _content_types(1, 0, 1))
        _workbook(archive, ["Info"], 1)
        archive.writestr("xl/worksheets/sheet1.xml", _sheet(note))
        _write_cache(archive, 1, fields, records, shared, calculated)


def write_pivot_tabs(target: str | Path | IO[bytes], tabs: list[PivotTab], note: str = NOTE) -> None:
    """A sheet per tab, each with a pivot table over its own cache. The caches are numbered in the
    opposite order to the sheets, so that only the `_rels` chain tells which is whose."""
    count = len(tabs)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _content_types(count, count, count))
        _workbook(archive, [tab.name for tab in tabs], count)
        for i, tab in enumerate(tabs, 1):
            k = count - i + 1
            archive.writestr(f"xl/worksheets/sheet{i}.xml", _sheet(f"{note} {tab.name}"))
            table = ("rId1", "pivotTable", f"../pivotTables/pivotTable{i}.xml")
            archive.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels", _rels(table))
            archive.writestr(
                f"xl/pivotTables/pivotTable{i}.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><pivotTableDefinition xmlns="{MAIN}" '
                f'name="Pivottabell{i}" cacheId="{k}" dataCaption="Värden"><location ref="A3" firstHeaderRow="1" '
                'firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>',
            )
            archive.writestr(
                f"xl/pivotTables/_rels/pivotTable{i}.xml.rels",
                _rels(("rId1", "pivotCacheDefinition", f"../pivotCache/pivotCacheDefinition{k}.xml")),
            )
            _write_cache(archive, k, tab.fields, tab.records, tab.shared)


def pivot_workbook_bytes(fields, records, shared, note: str | None = None, calculated=None) -> bytes:
    buffer = io.BytesIO()
    kwargs = {"note": note} if note else {}
    write_pivot_workbook(buffer, fields, records, shared, calculated=calculated, **kwargs)
    return buffer.getvalue()


def pivot_tabs_bytes(tabs: list[PivotTab]) -> bytes:
    buffer = io.BytesIO()
    write_pivot_tabs(buffer, tabs)
    return buffer.getvalue()
