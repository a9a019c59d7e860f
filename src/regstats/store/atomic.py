"""Atomic file replacement: write beside the target, check, then rename over it."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def replace_atomically(
    target: Path, write: Callable[[Path], None], check: Callable[[Path], None] | None = None
) -> None:
    """`write` fills a temporary file in the same folder; `check` may raise to abort."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        if check:
            check(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str) -> None:
    replace_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
