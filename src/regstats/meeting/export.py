"""Export a deck to PDF, PPTX, PNG and a self-contained HTML file.

One headless Chromium session opens the deck page once: it prints the PDF (tagged, with an
outline from the slide headings) and photographs each chart for the PPTX and each slide for
PNG, so every format shows what the screen shows. The page may load nothing but itself."""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regstats.errors import RegstatsError
from regstats.meeting.pptx_deck import write_pptx
from regstats.meeting.render import render_deck
from regstats.meeting.slides import BuiltDeck

FORMATS = ("pdf", "pptx", "png", "html")
BROWSER_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update"]


def chromium_path() -> str | None:
    """REGSTATS_CHROMIUM, else a Chromium or Chrome on PATH, else Playwright's own (None)."""
    if configured := os.environ.get("REGSTATS_CHROMIUM"):
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise RegstatsError(
            f"Okänt exportformat: {', '.join(unknown) or 'inget'}", hint=f"välj bland {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(formats))


def _offline(route) -> None:
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _shoot(deck: BuiltDeck, html_file: Path, want: set[str], out: Path) -> tuple[dict[int, bytes], list[Path]]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    images: dict[int, bytes] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=BROWSER_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 720}, device_scale_factor=2)
                page.route("**/*", _offline)
                page.goto(html_file.resolve().as_uri())
                page.evaluate("() => window.regstatsDeck.drawAll()")
                if "pptx" in want:
                    for slide in deck.slides:
                        if slide.figure:
                            images[slide.number] = page.locator(f"#plot-{slide.number}").screenshot(type="png")
                if "png" in want:
                    for slide in deck.slides:
                        path = out / f"{deck.name}-bild-{slide.number:02d}.png"
                        page.locator(f"#bild-{slide.number}").screenshot(path=str(path), type="png")
                        written.append(path)
                if "pdf" in want:
                    path = out / f"{deck.name}.pdf"
                    page.pdf(
                        path=str(path),
                        width="1280px",
                        height="720px",
                        print_background=True,
                        tagged=True,
                        outline=True,
                    )
                    written.append(path)
            finally:
                browser.close()
    except PlaywrightError as error:
        raise RegstatsError(
            f"Webbläsaren kunde inte rita bildspelet: {str(error).splitlines()[0]}",
            hint="installera chromium (apt-get install chromium) eller ange sökvägen i REGSTATS_CHROMIUM",
        ) from error
    return images, written


def _rewrite_outline(path: Path, deck: BuiltDeck) -> None:
    """Chromium's outline joins the lines of a wrapped heading without a space
    ("regionalnäringslivsdialog"); rewrite it from the slide titles, keeping the tags."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(path))
    writer._root_object.pop("/Outlines", None)  # pypdf has no public call to drop an outline
    top = writer.add_outline_item(title=deck.slides[0].title, page_number=0)
    for index, slide in enumerate(deck.slides[1:], start=1):
        writer.add_outline_item(title=f"{slide.number}. {slide.title}", page_number=index, parent=top)
    writer.add_metadata({"/Title": deck.slides[0].title, "/Subject": deck.slides[0].sentences[0].text})
    with path.open("wb") as handle:
        writer.write(handle)


def export_deck(deck: BuiltDeck, formats: list[str], out: Path) -> list[Path]:
    """Write the chosen formats into `out`; returns the files in the order written. Everything is
    made in a work folder and moved into `out` only when all of it succeeded, so a failed export
    leaves no half-written file and never replaces a good one. `out` may be relative (to the
    working directory) or absolute; Chromium is handed absolute file URLs either way."""
    out = out.expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".regstats-export-", dir=out) as tmp:
        work = Path(tmp)
        made = _make(deck, formats, work)
        return [path.replace(out / path.name) for path in made]


def _make(deck: BuiltDeck, formats: list[str], work: Path) -> list[Path]:
    written: list[Path] = []
    if "html" in formats:
        path = work / f"{deck.name}.html"
        public = os.environ.get("REGSTATS_PUBLIC_URL")  # where the dashboard is published, if anywhere
        path.write_text(render_deck(deck, inline=True, dashboard_url=public, exit_url=public or ""), encoding="utf-8")
        written.append(path)
    want = set(formats) & {"pdf", "pptx", "png"}
    if not want:
        return written
    page_file = work / "deck-page.html"
    page_file.write_text(render_deck(deck, inline=True, mode="all"), encoding="utf-8")
    # Playwright's sync API refuses to run inside an asyncio loop (a notebook, an async
    # server) or beside another sync session; its own thread is always safe.
    with ThreadPoolExecutor(max_workers=1) as worker:
        images, shot = worker.submit(_shoot, deck, page_file, want, work).result()
    page_file.unlink()
    written += shot
    for path in shot:
        if path.suffix == ".pdf":
            _rewrite_outline(path, deck)
    if "pptx" in want:
        path = work / f"{deck.name}.pptx"
        write_pptx(deck, images, path)
        written.append(path)
    return written
