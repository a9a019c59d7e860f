"""`regstats record DIR`: one refresh on a connected machine becomes replayable fixtures.

Every response is saved byte for byte with its request (method, path below the publisher's
base URL, query, body) — the same raw archive a refresh keeps, laid out per publisher — with an
`index.json` that `regstats refresh --replay DIR` answers from (sources.replay) and a PROVENANCE.md. Nothing but
what the publishers sent is saved: regstats sends no credentials, and no request headers are kept.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from regstats.pipeline.refresh import RefreshReport, refresh
from regstats.sources.publishers import PUBLISHERS
from regstats.sources.replay import archived
from regstats.version import VERSION as __version__


def record(
    dest: Path, series_ids: Iterable[str] | None = None, publishers: Iterable[str] | None = None
) -> RefreshReport:
    work = Path(tempfile.mkdtemp(prefix="regstats-record-"))
    try:
        report = refresh(series_ids, publishers, root=work, force=True)
        index = bundle(work / "raw", dest)
        (dest / "PROVENANCE.md").write_text(_provenance(index, report), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def bundle(raw: Path, dest: Path, endpoints: Iterable[str] | None = None) -> dict:
    """Archived responses (pipeline.archive's layout) → a replayable bundle with `index.json`.
    Later responses to the same request win: the newest archive day is what a replay answers."""
    entries = []
    for answer in archived(raw, endpoints):
        target = dest / answer.body_file.relative_to(raw)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(answer.body_file, target)
        meta = answer.body_file.with_name(answer.body_file.name.replace(".body", ".meta.json"))
        shutil.copyfile(meta, target.with_name(meta.name))
        entries.append(
            {
                "publisher": answer.publisher,
                "method": answer.method,
                "path": answer.path,
                "query": [list(pair) for pair in answer.query],
                "request_body": answer.request_body,
                "status": answer.status,
                "content_type": answer.content_type,
                "file": str(target.relative_to(dest)),
            }
        )
    bases = {p: PUBLISHERS[p].base_url for p in sorted({e["publisher"] for e in entries})}
    index = {"recorded_at": datetime.now(UTC).isoformat(timespec="seconds"), "bases": bases, "responses": entries}
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=False), encoding="utf-8")
    return index


def _provenance(index: dict, report: RefreshReport) -> str:
    lines = [
        "# Recorded by `regstats record`",
        "",
        f"{len(index['responses'])} responses recorded {index['recorded_at']} by regstats {__version__}, byte for byte",
        "as the publishers sent them (each `.body` with its `.meta.json`: URL, method, status, time,",
        "SHA-256, request body). No request headers or credentials are kept. `index.json` maps each",
        "request to its file; `regstats refresh --replay DIR` answers from them instead of the network.",
        "",
        "| publisher | base URL |",
        "|---|---|",
        *[f"| {p} | {url} |" for p, url in index["bases"].items()],
        "",
        "Series in the refresh: " + ", ".join(f"{r.series_id} ({r.outcome})" for r in report.results),
        "",
    ]
    return "\n".join(lines)
