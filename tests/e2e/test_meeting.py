"""The meeting in real Chromium: exports checked as files, presentation mode driven by keys."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pptx import Presentation
from pypdf import PdfReader

from regstats.meeting.build import deck_for
from regstats.meeting.export import export_deck
from regstats.meeting.snapshot import create_meeting, edit_sentence
from tests.e2e.conftest import AXE
from tests.meeting_data import MEETING, copy_sample, publish_november

SAMPLE_MARK = "Exempeldata – inte officiell statistik"


def flat(text: str) -> str:
    """PDF text wraps where the slide wraps and uses ligatures (ﬃ); compare without either."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def meeting_store(data_root, monkeypatch):
    root = copy_sample(data_root)
    create_meeting(root, MEETING)
    edit_sentence(root, MEETING, "konkurser", "year_to_date", "Många konkurser i år: fler än de senaste åren.")
    publish_november(root)  # newer data after the meeting: the meeting must not change
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(root))
    return root


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("data"))
    create_meeting(root, MEETING)
    edit_sentence(root, MEETING, "konkurser", "year_to_date", "Många konkurser i år: fler än de senaste åren.")
    publish_november(root)
    built = deck_for(root, MEETING)
    out = tmp_path_factory.mktemp("export")
    files = export_deck(built, ["pdf", "pptx", "png", "html"], out)
    return built, {p.suffix: p for p in files}, files


def test_the_pdf_has_a_tagged_page_per_slide_with_the_same_text_and_an_outline(exported):
    built, by_type, _ = exported
    reader = PdfReader(by_type[".pdf"])
    assert len(reader.pages) == len(built.slides) == 9
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "sv"
    outline = [reader.outline[0].title] + [item.title for item in reader.outline[1]]
    assert outline == [built.slides[0].title] + [f"{s.number}. {s.title}" for s in built.slides[1:]]
    for slide, page in zip(built.slides, reader.pages, strict=True):
        text = flat(page.extract_text())
        assert flat(slide.title) in text
        assert flat(SAMPLE_MARK) in text
        assert "Möte5november2026" in text
        for sentence in slide.sentences:
            assert flat(sentence.text) in text
    assert "Mångakonkurseriår" in flat(reader.pages[6].extract_text())  # the analyst's edit
    assert "oktober2026" in flat(reader.pages[1].extract_text())  # frozen: not the newer November


def test_the_pptx_shows_the_same_slides_with_notes_and_the_sample_mark(exported):
    built, by_type, _ = exported
    deck = Presentation(str(by_type[".pptx"]))
    assert len(deck.slides) == len(built.slides)
    for slide, page in zip(built.slides, deck.slides, strict=True):
        assert page.shapes.title.text == slide.title
        text = "\n".join(shape.text_frame.text for shape in page.shapes if shape.has_text_frame)
        assert SAMPLE_MARK in text
        for sentence in slide.sentences:
            assert sentence.text in text
        pictures = [shape for shape in page.shapes if shape.shape_type == 13]
        assert len(pictures) == (1 if slide.figure else 0)
        if slide.figure:
            assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == slide.alt
            assert pictures[0].image.size[0] >= 1500  # rendered at twice the slide's pixels
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    level = built.slides[1].sentences[0]
    assert level.text in notes and "län: " in notes and "riket: " in notes
    assert "regeln skrev" in deck.slides[6].notes_slide.notes_text_frame.text


def test_png_is_one_image_per_slide(exported):
    built, _, files = exported
    pngs = [p for p in files if p.suffix == ".png"]
    assert len(pngs) == len(built.slides)
    assert pngs[0].read_bytes()[:4] == b"\x89PNG"


def test_the_exported_html_presents_from_a_file_with_the_network_cut(exported, browser):
    built, by_type, _ = exported
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(by_type[".html"].as_uri() + "#bild-2")
    page.wait_for_selector("#bild-2.current .plot .main-svg")
    page.keyboard.press("PageDown")
    assert page.locator("#counter").inner_text() == "3 / 9"
    assert visible_title(page) == built.slides[2].title
    assert failed == []
    context.close()


def visible_title(page) -> str:
    return page.locator("section.slide.current").locator("h1, h2").inner_text()


def test_presentation_mode_follows_the_clicker_keys_and_addresses_each_slide(page, server, meeting_store):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    built = deck_for(meeting_store, MEETING)
    titles = [s.title for s in built.slides]
    page.goto(f"{server}/presentera/{MEETING}")
    page.wait_for_selector("section.slide.current")
    assert page.locator("#counter").inner_text() == "1 / 9" and visible_title(page) == titles[0]
    for key, number in [
        ("ArrowRight", 2),
        ("PageDown", 3),
        ("Space", 4),
        ("Shift+Space", 3),
        ("PageUp", 2),
        ("ArrowLeft", 1),
        ("End", 9),
        ("Home", 1),
    ]:
        page.keyboard.press(key)
        assert page.locator("#counter").inner_text() == f"{number} / 9", key
        assert visible_title(page) == titles[number - 1]
        assert page.url.endswith(f"#bild-{number}")
    page.goto(f"{server}/presentera/{MEETING}#bild-2")
    page.reload()
    page.wait_for_selector("#bild-2.current .plot .main-svg")
    assert visible_title(page) == titles[1]
    current = page.locator("section.slide.current")
    assert "Möte 5 november 2026" in current.inner_text() and "Data hämtade" in current.inner_text()
    assert SAMPLE_MARK in current.inner_text()
    assert page.locator("section.slide:not(.current)").first.is_hidden()
    assert page.locator("#fullscreen").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(f"{server}/nytt")
    assert page.errors == []
    assert all(url.startswith(server) for url in requests)  # nothing from outside: works offline


def test_presentation_mode_has_no_serious_accessibility_violation(axe_page, server, meeting_store):
    axe_page.goto(f"{server}/presentera/{MEETING}#bild-2")
    axe_page.wait_for_selector("#bild-2.current .plot .main-svg")
    axe_page.add_script_tag(path=str(AXE))
    result = axe_page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["help"]) for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []


def test_the_meetings_page_lists_decks_and_what_is_new_and_downloads_the_pdf(page, server, meeting_store):
    page.goto(f"{server}/nytt")
    page.wait_for_selector("main h1")
    main = page.locator("main").inner_text()
    assert "Möte 5 november 2026" in main
    assert "Arbetslösa som står nära arbetsmarknaden: ny period: november 2026" in main
    assert "1 värde reviderat, störst Jämtlands län oktober 2026" in main
    revised = page.locator("main table.data tbody tr")
    assert revised.count() == 1 and "Jämtlands län" in revised.first.inner_text()
    with page.expect_download(timeout=120_000) as download:
        page.locator(f"a[href='/presentera/{MEETING}.pdf']").click()
    pdf = PdfReader(download.value.path())
    assert len(pdf.pages) == 9
    assert download.value.suggested_filename == f"regstats-{MEETING}-exempeldata.pdf"


def test_an_unknown_meeting_is_a_friendly_404(page, server, meeting_store):
    response = page.goto(f"{server}/presentera/2031-01-01")
    assert response.status == 404 and "Mötet 2031-01-01 finns inte" in page.inner_text("main")
    response = page.goto(f"{server}/presentera/%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert response.status == 404 and "onerror" not in page.content()
