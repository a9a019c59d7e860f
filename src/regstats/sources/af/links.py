"""Find the newest download link per file-name prefix on an AF statistics page.

Links look like /download/18.<hex>/<epoch-ms>/<prefix>-YYYY-MM.xlsx; the id part is generated,
so we match the file name only and never build a URL ourselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit


@dataclass(frozen=True)
class Download:
    prefix: str
    month: str  # YYYY-MM
    url: str
    page: str = ""  # the path of the page that links it


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def newest_downloads(html: str, page_url: str, prefixes: list[str]) -> dict[str, Download]:
    """Prefix → newest file on the page. Links to other hosts are ignored."""
    parser = _Links()
    parser.feed(html)
    host = urlsplit(page_url).netloc
    found: dict[str, Download] = {}
    for href in parser.hrefs:
        url = urljoin(page_url, href)
        if urlsplit(url).netloc != host:
            continue
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        for prefix in prefixes:
            # A trailing * stands for a name part not verified yet (e.g. `web-varsel-*`).
            pattern = re.escape(prefix).replace(r"\*", "[a-z0-9-]*?")
            match = re.fullmatch(pattern + r"-(\d{4}-\d{2})\.xlsx", name)
            if match and (prefix not in found or match.group(1) > found[prefix].month):
                found[prefix] = Download(prefix, match.group(1), url, urlsplit(page_url).path)
    return found
