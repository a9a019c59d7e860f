"""Every response's bytes, archived as received with its origin (URL, time, checksum)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path

from regstats.sources._http import Fetched

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_lock = threading.Lock()


class RawArchive:
    """`root` None: keep nothing (a rebuild replays answers that are archived already)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root / "raw" if root is not None else None
        self.count = 0

    def save(self, publisher: str, fetched: Fetched) -> Path | None:
        if self.root is None:
            return None
        digest = hashlib.sha256(fetched.content).hexdigest()
        day = fetched.fetched_at.strftime("%Y-%m-%d")
        tail = _SAFE.sub("_", fetched.url.split("://", 1)[-1])[-80:].strip("_")
        folder = self.root / publisher / day
        folder.mkdir(parents=True, exist_ok=True)
        with _lock:
            self.count += 1
            stem = f"{fetched.fetched_at:%H%M%S}-{self.count:04d}-{tail}"
        body = folder / f"{stem}.body"
        body.write_bytes(fetched.content)
        origin = {
            "url": fetched.url,
            "method": fetched.method,
            "status": fetched.status,
            "fetched_at": fetched.fetched_at.isoformat(),
            "sha256": digest,
            "bytes": len(fetched.content),
            "content_type": fetched.headers.get("Content-Type"),
            "request_body": fetched.request_body.decode("utf-8") if fetched.request_body else None,
        }
        (folder / f"{stem}.meta.json").write_text(json.dumps(origin, indent=2, ensure_ascii=False), encoding="utf-8")
        return body
