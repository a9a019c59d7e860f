"""Möten: present or download a meeting's deck, and what is new since the latest meeting."""

from __future__ import annotations

from dash import html

from regstats.catalog import load_catalog
from regstats.formatting import day_sv, number_sv, period_label
from regstats.geography import REGIONS, RIKET
from regstats.meeting import changes
from regstats.meeting.snapshot import StoreData, list_meetings, load_meeting, readable_previous_meeting
from regstats.store import data_dir
from regstats.views.state import ViewState


def _links(stem: str, label: str) -> html.Li:
    return html.Li(
        [
            html.Span(label, className="meeting-name"),
            " ",
            html.A("Presentera", href=f"/presentera/{stem}" if stem != "utkast" else "/presentera"),
            " · ",
            html.A("PDF", href=f"/presentera/{stem}.pdf"),
            " · ",
            html.A("PPTX", href=f"/presentera/{stem}.pptx"),
        ]
    )


SHOWN_REVISIONS = 25  # the largest; a page of thousands of rows helps nobody in a meeting


def _revisions_table(change: changes.SeriesChange, series) -> html.Table:
    largest = change.revisions.assign(size=(change.revisions["new"] - change.revisions["old"]).abs())
    largest = largest.sort_values("size", ascending=False, na_position="first").head(SHOWN_REVISIONS)
    rows = largest.sort_values(["region_code", "period"])
    head = html.Tr([html.Th(c, scope="col") for c in ["Region", "Period", "Mått", "Förra mötet", "Nu"]])
    body = [
        html.Tr(
            [
                html.Td(REGIONS[r.region_code]),
                html.Td(period_label(r.period, series.frequency)),
                html.Td(series.measure(r.measure).title_sv + ("" if r.sex == "T" else f", {r.sex}")),
                html.Td(number_sv(r.old, 1, "–"), className="num"),
                html.Td(number_sv(r.new, 1, "–"), className="num"),
            ]
        )
        for r in rows.itertuples()
    ]
    return html.Table(
        [html.Caption(f"Reviderade värden: {series.title_sv}"), html.Thead(head), html.Tbody(body)], className="data"
    )


def data_sample_only(now: StoreData, series_ids) -> bool:
    """True when every series the meeting froze is still sample data now."""
    return all((stored := now.load(sid)) is None or stored.is_sample for sid in series_ids)


def meetings_page(state: ViewState) -> html.Div:
    root = data_dir()
    days = list_meetings(root)
    listing = [_links("utkast", "Utkast på aktuella data")]
    listing += [_links(d.isoformat(), f"Möte {day_sv(d)}") for d in reversed(days)]
    parts: list = [
        html.H2("Bildspel"),
        html.P(
            "Presentera i helskärm med piltangenterna, mellanslag eller en presentationsklickare. "
            "Ett möte fryses med regstats meeting create ÅÅÅÅ-MM-DD och kan sedan byggas om identiskt."
        ),
        html.Ul(listing, className="meetings"),
        html.H2("Nytt sedan förra mötet"),
    ]
    if not days:
        parts.append(
            html.P(
                "Inget möte är fryst ännu, så det finns inget att jämföra med. Skapa ett med "
                "regstats meeting create ÅÅÅÅ-MM-DD.",
                className="empty",
            )
        )
        return html.Div(parts)
    latest = readable_previous_meeting(root, None)
    if latest is None:
        parts.append(html.P("Mötesfilerna går inte att läsa; kör regstats meeting list.", className="empty"))
        return html.Div(parts)
    meeting = load_meeting(root, latest)
    before = StoreData(root, meeting.vintages)
    now = StoreData(root)
    regions = {state.county, RIKET}
    if meeting.sample and not data_sample_only(now, meeting.vintages):
        parts.append(
            html.P(
                f"Mötet {day_sv(latest)} bygger på exempeldata och lagret har nu riktiga data: de går inte att "
                "jämföra värde för värde. Frys ett nytt möte med regstats meeting create ÅÅÅÅ-MM-DD.",
                className="empty",
            )
        )
        return html.Div(parts)
    found = changes.between(sorted(load_catalog()), before, now, regions)
    parts.append(html.P(f"Aktuella data jämfört med mötet {day_sv(latest)}. {changes.threshold_text(state.county)}"))
    if not found:
        parts.append(html.P("Inga nya perioder och inga revideringar sedan mötet.", className="empty"))
    for series, change in found:
        section = [html.H3(series.title_sv), html.P(changes.describe(change, series))]
        if len(change.revisions) > SHOWN_REVISIONS:
            section.append(html.P(f"De {SHOWN_REVISIONS} största av {len(change.revisions)} reviderade värden visas."))
        if not change.revisions.empty:
            section.append(
                html.Div(
                    _revisions_table(change, series),
                    className="table-scroll",
                    tabIndex="0",
                    role="region",
                    **{"aria-label": f"Reviderade värden: {series.title_sv}"},
                )
            )
        parts.append(html.Section(section, className="change"))
    return html.Div(parts)
