"""`regstats bake`: the whole site from the bundled sample, once, then read as a visitor and a
script would — every page for Riket and the 21 counties, each link and image found, the pages
readable without a script, the data files what their metadata says, the feed and the calendar
well formed — and served by `python -m http.server` on loopback."""

from __future__ import annotations

import hashlib
import html
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pandas as pd
import pytest

from regstats.catalog import load_catalog
from regstats.geography import COUNTIES, MUNICIPALITIES, REGIONS
from regstats.store import sample_dir
from regstats.views.pages import PAGES

LIVE, SITE = "https://app.exempel.se", "https://statistik.exempel.se"
REGION_PAGES = [p for p in PAGES if p.path not in {"/nytt", "/om-data"}]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from regstats.site.bake import bake

    out = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
        report = bake(out, live_url=LIVE, site_url=SITE, pdf=False)  # PDFs: the command's test below
    assert report.pages == len(REGIONS) * len(REGION_PAGES) + 2 >= 200
    assert report.profiles == len(COUNTIES) + len(MUNICIPALITIES) == 311
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_exists_for_riket_and_every_county_and_says_sample(site):
    for code in REGIONS:
        for page in REGION_PAGES:
            name = "index" if page.path == "/" else page.path.strip("/")
            text = (site / "lan" / code / f"{name}.html").read_text("utf-8")
            assert f"<title>{page.title} – {REGIONS[code]} – regstats</title>" in text
            assert "Exempeldata" in text and "<script" not in text  # readable before (and without) any script
    municipal = (site / "lan" / "23" / "kommuner.html").read_text("utf-8")
    assert "Östersund" in municipal


def test_every_link_and_image_resolves_in_the_site_or_goes_to_the_live_app(site):
    broken = []
    for page in _pages(site):
        for link in re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            if link.startswith(("data:", "#", "mailto:")):
                continue
            if urlsplit(link).scheme:  # the live app, the site's own address, a publisher's page
                continue
            if link.startswith("/"):  # an app link not made a file: lost on any host but the app
                broken.append((page.relative_to(site), link))
                continue
            target = (page.parent / urlsplit(link).path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((page.relative_to(site), link))
    assert not broken[:20]


def test_charts_are_server_drawn_svg_with_their_table_and_data_links(site):
    page = (site / "lan" / "25" / "arbetsloshet.html").read_text("utf-8")
    charts = re.findall(r'<svg [^>]*role="img" aria-label="([^"]+)" class="chart-svg wide"', page)
    assert len(re.findall(r'class="chart-svg narrow"', page)) == len(charts)  # drawn for a phone too
    assert len(charts) >= 4 and all(label.endswith("Norrbottens län") for label in charts)
    assert len(re.findall(r'<table id="table-[^"]+" class="data"', page)) == len(charts)  # each chart's table
    assert 'href="../../data/unemployment_close.csv"' in page
    embed = (site / "embed" / "nara" / "25.html").read_text("utf-8")
    assert "<svg" in embed and 'href="../../lan/25/arbetsloshet.html"' in embed
    assert '<iframe src="https://statistik.exempel.se/embed/nara/25.html"' in html.unescape(page)
    image = f'<meta property="og:image" content="{SITE}/img/nara/25.svg">'
    assert image in page and (site / "img" / "nara" / "25.svg").is_file()
    ET.fromstring((site / "img" / "nara" / "25.svg").read_text("utf-8"))  # a well-formed image


def test_a_view_the_site_does_not_hold_opens_in_the_live_app(site):
    page = (site / "lan" / "23" / "index.html").read_text("utf-8")
    assert f'href="{LIVE}/?lan=23"' not in page  # the default view is a file, not a detour
    assert 'href="../../lan/22/index.html"' in page  # the map's counties are plain links
    assert f'<a href="{LIVE}/">Öppna samma vy i den interaktiva versionen</a>' in page


def test_each_data_file_is_what_its_metadata_says(site):
    catalog = load_catalog()
    for meta_file in sorted((site / "data").glob("*.metadata.json")):
        meta = json.loads(meta_file.read_text("utf-8"))
        series = catalog[meta["id"]]
        assert meta["licence"] == series.licence and meta["sample"] is True and meta["version"]
        for name, facts in meta["files"].items():
            body = (site / "data" / name).read_bytes()
            assert hashlib.sha256(body).hexdigest() == facts["sha256"] and len(body) == facts["bytes"]
        assert all((site / "data" / version).is_file() for version in meta["versions"])
        stored = pd.read_parquet(site / "data" / f"{series.id}.parquet")
        rows = pd.read_csv(site / "data" / f"{series.id}.csv", dtype={"region_code": str, "breakdown": str})
        assert len(rows) == len(stored) and set(rows["unit"]) <= {m.unit for m in series.measures}
        columns = json.loads((site / "data" / f"{series.id}.json").read_text("utf-8"))["columns"]
        assert columns == meta["columns"]


def test_the_feed_and_the_calendar_are_well_formed(site):
    feed = ET.fromstring((site / "feed.atom").read_text("utf-8"))
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == len(list((site / "data").glob("*.metadata.json")))
    assert all(
        e.find(f"{atom}updated").text.endswith("Z") and "exempeldata" in e.find(f"{atom}title").text for e in entries
    )
    raw = (site / "kalender.ics").read_bytes()
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and all(len(line.encode("utf-8")) <= 75 for line in lines)
    starts = [line for line in lines if line.startswith("DTSTART;VALUE=DATE:")]
    assert len(starts) == lines.count("BEGIN:VEVENT") >= 10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_python_http_server_serves_the_site(site):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(50):
            try:
                start = urllib.request.urlopen(base, timeout=2).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        target = re.search(r'url=([^"]+)"', start)[1]
        overview = urllib.request.urlopen(urljoin(base, target), timeout=5).read().decode("utf-8")
        assert "<h1>Översikt</h1>" in overview
        for link in ["lan/00/konkurser.html", "data/bankruptcies.csv", "feed.atom", "kalender.ics", "data/"]:
            with urllib.request.urlopen(base + link, timeout=5) as answer:
                assert answer.status == 200 and answer.read()
    finally:
        server.terminate()
        server.wait(timeout=5)


def test_every_county_and_municipality_has_a_profile_with_its_own_numbers(site):
    for code, name in {**COUNTIES, **MUNICIPALITIES}.items():
        kind = "lan" if code in COUNTIES else "kommun"
        text = (site / "profil" / f"{kind}-{code}.html").read_text("utf-8")
        assert f"<h1>{name} – arbetsmarknaden i korthet</h1>" in text and "Exempeldata" in text
    jamtland = (site / "profil" / "lan-23.html").read_text("utf-8")
    assert jamtland.count("<svg") == 2 and "lägre än rikssnittet" in jamtland
    ostersund = (site / "profil" / "kommun-2380.html").read_text("utf-8")
    assert "Jämtlands län" in ostersund and " av 8</td>" in ostersund  # its rank among the county's eight
    kommuner = (site / "lan" / "23" / "kommuner.html").read_text("utf-8")
    assert 'href="../../profil/kommun-2380.html"' in kommuner  # PDFs only when printed (the command's test)


def test_the_command_bakes_a_chosen_region_with_tagged_one_page_pdf_profiles(cli, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
    result = cli("bake", str(tmp_path / "ut"), "--lan", "09")
    assert result.code == 0, result.err
    assert "12 sidor" in result.out and (tmp_path / "ut" / "lan" / "09" / "varsel.html").is_file()
    assert "2 profiler" in result.out  # Gotland and its one municipality
    assert 'href="../../profil/kommun-0980.pdf"' in (tmp_path / "ut" / "lan" / "09" / "kommuner.html").read_text()
    for name in ["lan-09", "kommun-0980"]:
        pdf = PdfReader(tmp_path / "ut" / "profil" / f"{name}.pdf")
        catalog = pdf.trailer["/Root"]
        assert len(pdf.pages) == 1 and catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
        assert "arbetsmarknaden i korthet" in pdf.pages[0].extract_text()


def test_the_command_refuses_an_unknown_region(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
    refused = cli("bake", str(tmp_path / "ut2"), "--lan", "99")
    assert refused.code == 2 and "okänd region: 99" in refused.err and not (tmp_path / "ut2").exists()


def test_every_county_profile_prints_on_one_tagged_page(tmp_path, monkeypatch):
    from pypdf import PdfReader

    from regstats.site.printing import print_pdfs
    from regstats.site.profiles import county_profile

    monkeypatch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
    pages = []
    for code in COUNTIES:
        source = tmp_path / f"lan-{code}.html"
        source.write_text(county_profile(code).html, "utf-8")
        pages.append((source, tmp_path / f"lan-{code}.pdf"))
    print_pdfs(pages)
    longer = {p.name: len(PdfReader(p).pages) for _, p in pages if len(PdfReader(p).pages) != 1}
    assert longer == {}
