"""The dashboard as a stakeholder uses it, in real headless Chromium."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from regstats.views.compare import MEASURES
from regstats.views.pages import PAGES
from tests.e2e.conftest import AXE, serious_violations

CHARTS_PER_PAGE = {p.path: len(p.charts) for p in PAGES}


def open_page(page, server, path: str):
    page.goto(server + path)
    page.wait_for_selector("#first-paint", state="detached")  # the app, not the server's first paint
    page.wait_for_selector("main h1")
    expected = CHARTS_PER_PAGE.get(path.split("?")[0], 0)
    if expected and "vy=tabell" not in path:
        page.wait_for_function(f"document.querySelectorAll('main .js-plotly-plot .main-svg').length >= {expected}")
    return page


@pytest.mark.parametrize("path", [p.path for p in PAGES])
def test_every_page_renders_in_swedish_with_its_charts_and_no_errors(page, server, path):
    open_page(page, server, path)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Exempeldata" in page.locator("#sample-banner").inner_text()
    title = next(p.title for p in PAGES if p.path == path)
    assert page.locator("main h1").inner_text() == title
    assert page.title() == f"{title} – regstats"
    assert page.errors == []


def test_the_overview_tells_the_story_with_ranks_and_a_map(page, server):
    open_page(page, server, "/")
    story = page.locator(".story li").all_inner_texts()
    assert any(
        text.startswith("Arbetslösheten bland dem som står nära arbetsmarknaden i Jämtlands län var ") for text in story
    )
    assert any("per 10 000 invånare" in text for text in story)
    cards = page.locator("article.card")
    assert cards.count() == len(MEASURES) + 1  # one per comparable measure, and sentiment
    first = cards.first.inner_text()
    assert "Jämtlands län" in first and "Riket" in first and "på ett år" in first
    assert " av 21 län" in first  # the county's rank among the 21
    assert "per 10 000 invånare" in cards.nth(1).inner_text()  # counts compared per inhabitant
    assert page.locator("main .spark-img").count() == len(MEASURES) + 1  # images, not plotly graphs
    quarterly = cards.filter(has_text="Nystartade företag").inner_text()
    assert "kvartal 3 2026" in quarterly and "per 10 000 invånare" in quarterly  # four quarters per inhabitant
    assert "Till sidan Företag och byggande" in quarterly
    assert page.evaluate("typeof window.Plotly") == "undefined"  # Översikt needs no plotly.js at all
    cards.nth(4).get_by_role("link").click()
    page.wait_for_selector("main h1:text('Konkurser')")
    assert page.url.endswith("/konkurser")


def test_a_county_clicked_on_the_map_becomes_the_chosen_county(page, server):
    open_page(page, server, "/")
    image = page.locator("img.area-map")
    image.scroll_into_view_if_needed()
    area = page.locator("map[name=karta-lan] area[alt^='Västerbottens län']").first
    coords = [int(v) for v in area.get_attribute("coords").split(",")]
    xs, ys = coords[0::2], coords[1::2]
    box = image.bounding_box()  # a point well inside Västerbotten: the middle of its outline's extent
    page.mouse.click(box["x"] + (min(xs) + max(xs)) / 2, box["y"] + (min(ys) + max(ys)) / 2)
    page.wait_for_url("**/?lan=24")
    page.wait_for_function("document.querySelector('#story-heading').textContent.includes('Västerbottens län')")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no reload
    # From the keyboard: every county is a link on the map.
    page.locator("map[name=karta-lan] area[alt^='Norrbottens län']").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/?lan=25")
    page.wait_for_function("document.querySelector('#story-heading').textContent.includes('Norrbottens län')")
    # The table behind the map: every county ranked, the chosen one said in words.
    page.get_by_text("Visa kartans värden som tabell").click()
    rows = page.locator("#table-karta tbody tr")
    assert rows.count() == 22
    assert "Norrbottens län (valt)" in page.locator("#table-karta").inner_text()
    # Another measure on the map, kept in the link.
    page.get_by_role("radio", name="Konkurser", exact=True).check()
    page.wait_for_url("**/?lan=25&karta=konkurser")
    assert page.errors == []


def test_the_municipalities_of_the_chosen_county_on_a_map_and_in_a_table(page, server):
    open_page(page, server, "/kommuner")
    assert page.locator("#kommuner-heading").inner_text() == "Kommunerna i Jämtlands län"
    table = page.locator("#table-kommuner")
    text = table.inner_text()
    for name in ["Ragunda", "Bräcke", "Krokom", "Strömsund", "Åre", "Berg", "Härjedalen", "Östersund"]:
        assert name in text
    assert table.locator("tbody tr").count() == 10  # eight municipalities, the county and Riket
    assert page.locator("map[name=karta-kommuner] area").count() >= 8  # every municipality named
    # Arbetsförmedlingen's monthly figures first: the newest month against the same month a year before
    assert "Värde oktober 2026 (procent)" in text and "Förändring mot oktober 2025" in text
    page.get_by_label("Arbetslösa nära arbetsmarknaden, andel av arbetskraften (Arbetsförmedlingen)").check()
    page.wait_for_url("**/kommuner?karta=af-nara")
    # The new map's own title, not the row count (the table it replaces has ten rows too): the
    # next click must land on the re-rendered choices.
    page.wait_for_function(
        "document.querySelector('.map-title') && document.querySelector('.map-title').innerText"
        ".startsWith('Arbetslösa nära arbetsmarknaden')"
    )
    assert page.locator("#table-kommuner tbody tr").count() == 10
    page.get_by_label("Sjukpenningtal 16–64 år", exact=True).check()
    page.wait_for_url("**/kommuner?karta=sjukpenningtal")
    page.wait_for_function("document.querySelector('#table-kommuner').innerText.includes('dagar')")
    assert "bara för kommuner" in page.locator("main").inner_text()
    page.goto(server + "/kommuner?lan=01")  # any county: Stockholm's 26, monthly from Arbetsförmedlingen
    page.wait_for_function("document.querySelectorAll('#table-kommuner tbody tr').length === 28")
    assert "oktober 2026" in page.locator("#table-kommuner").inner_text()
    assert page.errors == []


def test_choosing_a_county_updates_the_charts_and_the_url_and_back_restores(page, server):
    open_page(page, server, "/lediga-jobb")
    page.locator("#wrap-county summary").click()
    page.get_by_label("Västerbottens län", exact=True).first.check()
    page.wait_for_url("**/lediga-jobb?lan=24")
    page.wait_for_function(
        "document.querySelector('main .legendtext') && "
        "document.querySelector('main .legendtext').textContent === 'Västerbottens län'"
    )
    page.go_back()
    page.wait_for_url("**/lediga-jobb")
    page.wait_for_function("document.querySelector('main .legendtext').textContent === 'Jämtlands län'")
    assert page.errors == []


def test_a_group_of_counties_is_compared_beside_riket_and_kept_in_the_url(page, server):
    open_page(page, server, "/lediga-jobb")
    page.locator("#wrap-compare summary").click()
    page.locator("#wrap-compare").get_by_label("Norrlandslänen som grupp", exact=True).check()
    page.wait_for_url("**/lediga-jobb?jmf=00,norrland")
    legend = "Array.from(document.querySelectorAll('main .legendtext')).map(e => e.textContent)"
    page.wait_for_function(f"{legend}.includes('Övriga Norrlandslän')")
    page.locator("#wrap-chosen summary").click()
    page.locator("#wrap-chosen").get_by_label("Stockholms län", exact=True).check()
    page.locator("#wrap-chosen").get_by_label("Skåne län", exact=True).check()
    page.wait_for_url("**/lediga-jobb?jmf=00,norrland,valda&valda=01,12")
    page.wait_for_function(f"{legend}.includes('Valda län')")
    notes = page.locator("main").inner_text()
    assert "Valda län: Stockholms och Skåne län" in notes and "summan av täljarna" in notes
    page.reload()
    page.wait_for_function(f"{legend}.includes('Valda län')")
    assert "Stockholms län, Skåne län" in page.locator("#sum-chosen").inner_text()
    assert page.errors == []


def test_a_group_chosen_on_arbetsloshet_is_drawn_named_and_kept_in_the_url(page, server):
    open_page(page, server, "/arbetsloshet")
    heading = page.locator("#heading-af-grupp")
    assert "18–24 år" in heading.inner_text()  # the default group
    page.get_by_label("födda utanför Sverige", exact=True).check()
    page.wait_for_url("**/arbetsloshet?grupp=utrikes_fodda")
    page.wait_for_function(
        "document.querySelector('#heading-af-grupp').textContent.includes('födda utanför Sverige')"
    )
    page.reload()
    page.wait_for_selector("#heading-af-grupp")
    assert "födda utanför Sverige" in page.locator("#heading-af-grupp").inner_text()
    assert page.get_by_label("födda utanför Sverige", exact=True).is_checked()
    assert page.errors == []


def test_a_shared_link_opens_the_same_view_in_a_new_browser(browser, sample_store, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/konkurser?lan=22&jmf=00,23&visa=per10000&fran=2025-01&vy=tabell")
    page.wait_for_selector("#first-paint", state="detached")  # the app has taken over from the first paint
    page.wait_for_selector("main table.data")
    text = page.locator("main").inner_text()
    assert "Västernorrlands län" in text and "Jämtlands län" in text and "per 10 000 invånare" in text
    assert "2024-12" not in text and "2025-01" in text
    assert page.get_by_label("Per 10 000 invånare", exact=True).is_checked()
    assert page.get_by_label("Tabell", exact=True).is_checked()
    context.close()


def test_keyboard_alone_changes_the_transformation(page, server):
    open_page(page, server, "/konkurser")
    page.get_by_label("Nivå", exact=True).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/konkurser?visa=forandring")
    page.wait_for_function(
        "document.querySelector('main .ytitle') && document.querySelector('main .ytitle').textContent === '%'"
    )


def test_the_displayed_rows_download_as_swedish_csv_that_says_what_it_holds(page, server):
    open_page(page, server, "/arbetsloshet?fran=2026-01&kon=K")
    with page.expect_download() as info:
        page.get_by_role("button", name="Visade rader, CSV").first.click()
    download = info.value
    assert download.suggested_filename == "nara-lan-23-standard-K-EXEMPELDATA.csv"  # chart, county, view, sex
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    about = dict(line[2:].split(": ", 1) for line in lines if line.startswith("# "))
    assert about["Visar"] == "Jämtlands län och Riket · kvinnor · procent"
    assert about["Exempeldata"].startswith("JA")
    assert about["Vy"] == "/arbetsloshet?fran=2026-01&kon=K"
    assert "Arbetsförmedlingen" in about["Källa"] and about["Licens"]
    rows = [line for line in lines if not line.startswith("#")]
    assert rows[0] == "Period;Region;Kön;Värde (procent);Status"
    assert all(line.split(";")[0] >= "2026-01" and ";Kvinnor;" in line for line in rows[1:])
    assert "," in rows[1].split(";")[3]  # decimal comma


def test_the_whole_series_downloads_as_xlsx_with_a_sheet_about_it(page, server):
    import openpyxl

    open_page(page, server, "/konkurser")
    with page.expect_download() as info:
        page.get_by_role("button", name="Hela serien, XLSX").first.click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))  # the file has no suffix
    assert book.sheetnames == ["data", "Om data"]
    facts = {row[0]: row[1] for row in book["Om data"].iter_rows(min_row=2, values_only=True)}
    assert facts["Serie"].endswith("(bankruptcies)") and facts["Exempeldata"].startswith("JA")
    assert facts["Innehåll"] == "hela serien, alla regioner och mått"


def test_the_table_view_sorts_filters_and_uses_swedish_numbers(page, server):
    open_page(page, server, "/befolkning?vy=tabell&fran=2026-01&jmf=00,01&visa=niva")
    table = page.locator("main table.data").first
    values = table.locator("tbody td.num")
    assert "\u00a0" in values.first.inner_text()  # thousands written with a non-breaking space
    header = table.locator("th", has_text="Värde")
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert table.locator("tbody tr").first.locator("td").nth(1).inner_text() == "Jämtlands län"
    header.get_by_role("button").click()
    assert table.locator("tbody tr").first.locator("td").nth(1).inner_text() == "Riket"
    page.get_by_label("Filtrera rader").first.fill("Stockholm")
    visible = table.locator("tbody tr:not([hidden])")
    assert visible.count() > 0 and all("Stockholms län" in t for t in visible.all_inner_texts())


def test_the_table_behind_a_chart_opens_from_the_keyboard_for_the_same_view(page, server):
    open_page(page, server, "/arbetsloshet?fran=2026-01&lan=01")
    section = page.locator("section.chart").first
    assert section.locator("table.data").count() == 0  # built only when asked for
    summary = section.get_by_text("Visa diagrammets värden som tabell")
    summary.focus()
    page.keyboard.press("Enter")
    rows = section.locator("table.data tbody tr")
    rows.first.wait_for()
    regions = {row.locator("td").nth(1).inner_text() for row in rows.all()}
    periods = {row.locator("td").nth(0).inner_text() for row in rows.all()}
    assert regions == {"Stockholms län", "Riket"} and min(periods) == "2026-01"
    assert "," in section.locator("tbody td.num").first.inner_text()  # decimal comma
    assert page.errors == []


def test_a_hostile_url_is_refused_politely_and_never_executed(page, server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/arbetsloshet?lan=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&visa=%22%3E%3Cscript%3E")
    page.wait_for_selector("#problems p")
    assert "Okänt värde för län" in page.locator("#problems").inner_text()
    assert page.locator("img[src='x']").count() == 0 and dialogs == []
    page.goto(server + "/finns-inte")
    assert page.locator("main h1").inner_text() == "Sidan finns inte"


def test_missing_and_failed_series_are_explained(browser, broken_store, server):
    page = browser.new_page()
    page.goto(server + "/lediga-jobb")
    page.wait_for_selector("#first-paint", state="detached")
    page.wait_for_selector("main .empty")
    assert "Data saknas för Nyanmälda lediga platser" in page.locator("main").inner_text()
    page.goto(server + "/varsel")
    page.wait_for_selector("#first-paint", state="detached")
    page.wait_for_selector("main .note-warning")
    assert "Senaste uppdateringen misslyckades" in page.locator("main").inner_text()
    page.close()


def test_security_headers_are_sent(page, server):
    response = page.goto(server + "/")
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


AXE_EXTRA = ["/konkurser?vy=tabell", "/lediga-jobb?visa=sasongrensad&vy=ar", "/kommuner?karta=af-18-24"]


@pytest.mark.parametrize("path", [p.path for p in PAGES] + AXE_EXTRA)
def test_axe_finds_no_serious_or_critical_accessibility_violation(axe_page, server, path):
    assert AXE.exists(), "axe-core saknas: kör `npm install` (görs av .ci/run)"
    page = open_page(axe_page, server, path)
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_chart_downloads_as_an_image(page, server, fmt):
    open_page(page, server, "/lediga-jobb")
    with page.expect_download() as info:
        page.get_by_role("button", name=f"Diagram, {fmt.upper()}").first.click()
    download = info.value
    assert download.suggested_filename == f"platser-lan-23-standard.{fmt}"  # chart, county and view
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in content[:200]
    if fmt == "svg":  # the image says what it shows and where it is from, whoever it is sent to
        text = content.decode("utf-8")
        assert "Nyanmälda lediga platser per månad" in text and "per 10 000 invånare" in text
        assert "Källa: Arbetsförmedlingen" in text and "EXEMPELDATA" in text
        # Swedish ticks in the image too (the exported plot has no locale of its own).
        assert not re.search(r">(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)
