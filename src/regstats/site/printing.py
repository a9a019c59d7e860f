"""The profiles printed to tagged PDF by one headless Chromium session (the meeting's export
uses the same browser and settings): each page loads nothing but itself."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regstats.errors import RegstatsError
from regstats.meeting.export import BROWSER_ARGS, _offline, chromium_path


def _print(pages: list[tuple[Path, Path]]) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=BROWSER_ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", _offline)
                for source, target in pages:
                    page.goto(source.resolve().as_uri())
                    page.pdf(
                        path=str(target), format="A4", print_background=True, tagged=True, prefer_css_page_size=True
                    )
            finally:
                browser.close()
    except PlaywrightError as error:
        raise RegstatsError(
            f"Webbläsaren kunde inte skriva profilerna som PDF: {str(error).splitlines()[0]}",
            hint="installera chromium (apt-get install chromium) eller ange sökvägen i REGSTATS_CHROMIUM",
        ) from error


def print_pdfs(pages: list[tuple[Path, Path]]) -> None:
    """(HTML file, PDF file) pairs. Playwright's sync API refuses to run inside an asyncio loop;
    its own thread is always safe."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(_print, pages).result()
