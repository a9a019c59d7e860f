"""Slow clients against the production recipe, beside gunicorn alone, in one run.

    python bench/bench_slowloris.py [clients]     # default 12; needs Debian's nginx (nginx-light)

Each setup gets `clients` slowloris connections (a request's first header line, then a header
line every half second) and seven /health probes meanwhile; it prints every probe's time and how
many got no answer within 10 s. The alternative named: gunicorn -c gunicorn.conf.py exposed
directly (2 workers × 8 threads), as the Dockerfile alone runs it."""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.proxy_harness import REPO, free_port, health_times, slow_clients, start_gunicorn, start_nginx


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "data"
        shutil.copytree(REPO / "data", data)
        app_port, proxy_port = free_port(), free_port()
        app = start_gunicorn(data, app_port)
        proxy = start_nginx(folder / "nginx", app_port, proxy_port)
        try:
            for name, port in [("gunicorn alone", app_port), ("nginx → gunicorn", proxy_port)]:
                clients = slow_clients(port, count)
                try:
                    times = health_times(port, 7, clients)
                finally:
                    for client in clients:
                        client.close()
                answered = [t for t in times if t is not None]
                shown = ", ".join("–" if t is None else f"{t:.2f}" for t in times).replace(".", ",")
                median = f"{statistics.median(answered):.3f}".replace(".", ",") if answered else "–"
                print(f"{name:18} {count} långsamma klienter: /health {shown} s; median {median} s; "
                      f"{len(times) - len(answered)} av {len(times)} utan svar inom 10 s")
        finally:
            proxy.terminate()
            app.terminate()
            proxy.wait(timeout=10)
            app.wait(timeout=30)


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
