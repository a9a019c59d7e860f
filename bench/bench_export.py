"""Deck export benchmark: the default deck on the sample store to PDF and PPTX.

regstats renders the deck page once in one headless Chromium session (PDF printed, charts
photographed for the PPTX). The named alternative renders each chart with a separate kaleido
call (`plotly.io.to_image`, which starts a browser per call) and writes the same PPTX; kaleido's
batch call (one browser for all charts) is measured too. Chromium: REGSTATS_CHROMIUM or PATH.

    pip install -e ".[bench]" && python bench/bench_export.py [runs]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from regstats.meeting.build import deck_for
from regstats.meeting.export import chromium_path, export_deck
from regstats.meeting.pptx_deck import write_pptx

SAMPLE = Path(__file__).resolve().parents[1] / "data"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def regstats_export(out: Path) -> None:
    export_deck(deck_for(SAMPLE), ["pdf", "pptx"], out)


def kaleido_per_chart(out: Path) -> None:
    built = deck_for(SAMPLE)
    images = {s.number: pio.to_image(go.Figure(s.figure), format="png", scale=2) for s in built.slides if s.figure}
    write_pptx(built, images, out / "kaleido.pptx")


def kaleido_batch(out: Path) -> None:
    import kaleido

    built = deck_for(SAMPLE)
    charts = [s for s in built.slides if s.figure]
    specs = [{"fig": go.Figure(s.figure), "path": str(out / f"{s.number}.png"), "opts": {"scale": 2}} for s in charts]
    kaleido.write_fig_from_object_sync(specs)
    write_pptx(built, {s.number: (out / f"{s.number}.png").read_bytes() for s in charts}, out / "batch.pptx")


def main(runs: int) -> None:
    os.environ.setdefault("BROWSER_PATH", chromium_path() or "")  # kaleido finds the same Chromium
    slides = deck_for(SAMPLE).slides
    charts = sum(1 for s in slides if s.figure)
    print(f"Default deck: {len(slides)} slides, {charts} charts; median of {runs} runs\n")
    rows = []
    for name, action in [
        ("regstats: PDF + PPTX, one Chromium session", regstats_export),
        ("kaleido, one call per chart: PPTX only", kaleido_per_chart),
        ("kaleido batch, one browser: PPTX only", kaleido_batch),
    ]:
        times = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                times.append(timed(lambda a=action, t=tmp: a(Path(t))))
        rows.append((name, statistics.median(times), min(times)))
    width = max(len(r[0]) for r in rows)
    for name, median, best in rows:
        print(f"{name:<{width}}  median {median:6.2f} s   best {best:6.2f} s")
    ours, per_chart = rows[0][1], rows[1][1]
    print(f"\nPer-chart kaleido / regstats: {per_chart / ours:.2f}× (regstats also printed the PDF)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
