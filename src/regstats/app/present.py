"""Presentation mode and the deck downloads, served beside the dashboard.

`/presentera` is the deck on the current data (a draft, compared with the latest meeting);
`/presentera/<ÅÅÅÅ-MM-DD>` a frozen meeting; `…/<name>.pdf|.pptx` its exports. The page is plain
HTML from regstats.meeting.render — the same page the exporter prints — with its assets served
from here, so it works without internet."""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
import time
from datetime import date
from functools import lru_cache
from pathlib import Path

import platformdirs
from flask import Flask, Response, abort, send_file

from regstats.errors import NotFoundError, RegstatsError
from regstats.formatting import public_text
from regstats.meeting.build import deck_for
from regstats.meeting.render import ASSETS, asset_text, render_deck
from regstats.meeting.snapshot import meeting_path, meetings_dir
from regstats.store import data_dir
from regstats.store.manifest import manifest_path

_NAME = re.compile(r"^(utkast|\d{4}-\d{2}-\d{2})(?:\.(pdf|pptx))?$")
_TYPES = {".css": "text/css", ".js": "text/javascript"}
_MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_export_lock = threading.Lock()  # one Chromium at a time; a second request waits for the cached file


def _page(title: str, message: str, status: int) -> Response:
    body = (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><main><h1>{title}</h1><p>{message}</p><p><a href="/nytt">Till mötena</a></p></main></body></html>'
    )
    return Response(body, status=status, mimetype="text/html")


def _fingerprint(day: date | None) -> str:
    """Changes whenever what the deck shows could change: the meeting file (or, for the draft,
    the manifest), and the other meetings, since the last slide compares with the previous one."""
    source = meeting_path(data_dir(), day) if day else manifest_path(data_dir())
    digest = hashlib.sha256(source.read_bytes() if source.exists() else b"")
    for other in sorted(meetings_dir(data_dir()).glob("*.yaml")):
        digest.update(f"{other.name}:{other.stat().st_mtime_ns}".encode())
    digest.update(b"regstats-deck-v1")
    return digest.hexdigest()[:16]


def _export(day: date | None, fmt: str) -> Path:
    from regstats.meeting.export import export_deck

    folder = EXPORT_CACHE / _fingerprint(day)
    with _export_lock:
        _forget_old_exports()
        # The exporter renames finished files into place, so a file here is whole; building the
        # deck (seconds) is needed only when there is none.
        if cached := next(folder.glob(f"*.{fmt}"), None):
            return cached
        (written,) = export_deck(deck_for(data_dir(), day), [fmt], folder)
    return written


# The server's deck exports, per user (not a predictable folder in the shared /tmp), kept a week.
EXPORT_CACHE = platformdirs.user_cache_path("regstats") / "exports"
EXPORT_DAYS = 7


def _forget_old_exports() -> None:
    cutoff = time.time() - EXPORT_DAYS * 86_400
    for folder in EXPORT_CACHE.glob("*") if EXPORT_CACHE.exists() else []:
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


@lru_cache(maxsize=16)
def _presentation(root: str, day: date | None, fingerprint: str) -> str:
    """The page for one version of a deck: built once (seconds), then served from memory until
    the fingerprint says the deck could have changed."""
    base = f"/presentera/{day.isoformat() if day else 'utkast'}"
    return render_deck(
        deck_for(Path(root), day),
        inline=False,
        exit_url="/nytt",
        dashboard_url="",
        downloads=(("Ladda ned PDF", f"{base}.pdf"), ("Ladda ned PPTX", f"{base}.pptx")),
    )


def register(server: Flask) -> None:
    @server.route("/presentera-filer/<name>")
    def deck_asset(name: str):
        if name not in ASSETS:
            abort(404)
        mimetype = _TYPES[Path(name).suffix]
        response = Response(asset_text(name), mimetype=mimetype)
        response.cache_control.max_age = 3600
        return response

    @server.route("/presentera")
    @server.route("/presentera/<name>")
    def present(name: str = "utkast"):
        match = _NAME.match(name)
        if not match:
            return _page("Mötet finns inte", "Adressen ska sluta med ett mötesdatum, ÅÅÅÅ-MM-DD.", 404)
        stem, fmt = match.groups()
        try:
            day = None if stem == "utkast" else date.fromisoformat(stem)
        except ValueError:
            return _page("Mötet finns inte", "Datumet finns inte i kalendern.", 404)
        try:
            if fmt:
                path = _export(day, fmt)
                return send_file(path, mimetype=_MIME[fmt], as_attachment=True, download_name=path.name)
            html = _presentation(str(data_dir()), day, _fingerprint(day))
        except NotFoundError as error:
            return _page("Mötet finns inte", error.message, 404)
        except RegstatsError as error:  # a broken meeting file: said on its own page, never a 500
            return _page("Bildspelet kunde inte byggas", public_text(str(error)), 503)
        return Response(html, mimetype="text/html")
