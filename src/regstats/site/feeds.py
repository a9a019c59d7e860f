"""What is new and what is coming, for feed readers and calendars: an Atom feed with an entry
per series version (its newest period and when it was fetched) and an iCalendar file of each
series' next expected release (the catalog's publication lag from the newest period, as
`regstats status` computes it). Pure: manifest entries and the catalog in, text out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html import escape

from regstats.catalog import PUBLISHER_NAMES, Series

Entries = dict[str, dict]  # series id → its manifest entry


def _stamp(text: str | None) -> str:
    """An RFC 3339 time for Atom; the epoch when unknown."""
    try:
        return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if text else ""
    except ValueError:
        return ""


def atom(catalog: dict[str, Series], entries: Entries, *, site: str, page_of: dict[str, str]) -> str:
    """`site`: the site's absolute address (ids and links); `page_of`: series id → its page."""
    items, newest = [], ""
    for series_id, series in catalog.items():
        entry = entries.get(series_id)
        if not entry or not entry.get("last_success"):
            continue
        updated = _stamp(entry["last_success"])
        newest = max(newest, updated)
        period = entry.get("latest_period", "")
        sample = " (exempeldata)" if entry.get("sample") else ""
        items.append(
            f"<entry><id>{escape(site)}/data/{series_id}#{escape(updated)}</id>"
            f"<title>{escape(series.title_sv)}: data till och med {escape(period)}{sample}</title>"
            f"<updated>{updated}</updated>"
            f'<link href="{escape(site)}/{page_of.get(series_id, "")}"/>'
            f'<link rel="related" href="{escape(site)}/data/{series_id}.csv"/>'
            f"<author><name>{escape(PUBLISHER_NAMES[series.publisher])}</name></author>"
            f"<summary>{escape(series.definition)}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">'
        f"<id>{escape(site)}/feed.atom</id><title>regstats: ny data</title>"
        f'<updated>{newest or "1970-01-01T00:00:00Z"}</updated><link rel="self" href="{escape(site)}/feed.atom"/>'
        + "".join(items)
        + "</feed>\n"
    )


def _ics_text(text: str) -> str:
    """RFC 5545 text: backslash, comma and semicolon escaped, lines folded at 75 octets."""
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 73:
            out.append(current)
            current = " " + char
        else:
            current += char
    return "\r\n".join([*out, current])


def calendar(catalog: dict[str, Series], entries: Entries, *, site: str, today: date) -> str:
    """One all-day event per series on the day its next release is expected."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//regstats//publiceringskalender//SV", "CALSCALE:GREGORIAN"]
    stamp = f"{today:%Y%m%d}T000000Z"
    for series_id, series in catalog.items():
        expected = (entries.get(series_id) or {}).get("next_expected_release")
        if not expected:
            continue
        day = date.fromisoformat(expected)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{series_id}-{day:%Y%m%d}@regstats",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"SUMMARY:{_ics_text(f'Väntad publicering: {series.title_sv} ({PUBLISHER_NAMES[series.publisher]})')}",
            f"DESCRIPTION:{_ics_text(f'Beräknat av regstats: senaste period plus {series.release_lag_days} dagar.')}",
            f"URL:{site}/data/{series_id}.metadata.json",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
