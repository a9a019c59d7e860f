"""Write xlsx files with a real pivot-cache structure (definition + records), streamed, so the
fake Arbetsförmedlingen can serve them and the memory benchmark can build millions of records."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

Cell = str | float | int | None


def _content_types() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>'
        '<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"/>'
        "</Types>"
    )


def _item(value: Cell) -> str:
    if value is None:
        return "<m/>"
    if isinstance(value, (int, float)):
        return f'<n v="{value:g}"/>'
    return f"<s v={quoteattr(value)}/>"


def write_pivot_workbook(
    target: str | Path | IO[bytes],
    fields: list[str],
    records: Iterable[list[Cell]],
    shared: dict[str, list[str]],
    note: str = "Exempeldata från regstats fejkade Arbetsförmedlingen.",
) -> None:
    """`shared` lists the items of text fields (records refer to them by index, as Excel does);
    other fields are written inline. Records are streamed straight into the zip."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _content_types())
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            '<sheets><sheet name="Info" sheetId="1" r:id="rId1"/></sheets>'
            '<pivotCaches><pivotCache cacheId="1" r:id="rId2"/></pivotCaches></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{OFFICE}/pivotCacheDefinition" '
            'Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
            f'<row r="1"><c r="A1" t="inlineStr"><is><t>{note}</t></is></c></row></sheetData></worksheet>',
        )
        cache_fields = []
        for name in fields:
            if name in shared:
                items = "".join(_item(v) for v in shared[name])
                cache_fields.append(
                    f'<cacheField name={quoteattr(name)}><sharedItems count="{len(shared[name])}">'
                    f"{items}</sharedItems></cacheField>"
                )
            else:
                cache_fields.append(
                    f'<cacheField name={quoteattr(name)}><sharedItems containsNumber="1"/></cacheField>'
                )
        archive.writestr(
            "xl/pivotCache/pivotCacheDefinition1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{REL}" r:id="rId1">'
            f'<cacheSource type="worksheet"/><cacheFields count="{len(fields)}">{"".join(cache_fields)}</cacheFields>'
            "</pivotCacheDefinition>",
        )
        archive.writestr(
            "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{OFFICE}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/>'
            "</Relationships>",
        )
        index = {name: {v: i for i, v in enumerate(items)} for name, items in shared.items()}
        with archive.open("xl/pivotCache/pivotCacheRecords1.xml", "w", force_zip64=True) as out:
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


def pivot_workbook_bytes(fields, records, shared, note: str | None = None) -> bytes:
    buffer = io.BytesIO()
    kwargs = {"note": note} if note else {}
    write_pivot_workbook(buffer, fields, records, shared, **kwargs)
    return buffer.getvalue()
