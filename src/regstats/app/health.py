"""`/health` for a load balancer or container: the app answers, and what state its store is in.

200 with `"status": "ok"` when every series is current; 200 `"degraded"` when some are stale,
failed or skipped (the app still serves what it has); 503 when the store cannot be read at all.
"""

from __future__ import annotations

from datetime import date

from flask import Flask, jsonify

from regstats.catalog import load_catalog
from regstats.errors import StoreError
from regstats.store import data_dir, sample_dir
from regstats.store.check import damaged_meetings, damaged_series
from regstats.store.reading import reading_manifest
from regstats.store.status import series_state


def register(server: Flask) -> None:
    @server.route("/health")
    def health():
        root = data_dir()
        try:
            entries = reading_manifest(root)
        except StoreError as exc:
            return jsonify({"status": "unavailable", "reason": exc.message}), 503
        states = {s.id: series_state(s, entries.get(s.id), date.today()).state for s in load_catalog().values()}
        states.update(dict.fromkeys(damaged_series(root), "damaged"))  # what `regstats check` would find
        meetings = damaged_meetings(root)
        status = "ok" if all(state == "ok" for state in states.values()) and not meetings else "degraded"
        sample = sorted(sid for sid, entry in entries.items() if entry.get("sample"))
        return jsonify(
            {
                "status": status,
                "sample": root == sample_dir() or bool(sample),
                "sample_series": sample,
                "series": states,
                "damaged_meetings": meetings,
            }
        )
