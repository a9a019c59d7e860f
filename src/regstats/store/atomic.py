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
        _fsync(tmp)  # the new bytes are on disk before the name points at them
        if check:
            check(tmp)
        os.replace(tmp, target)
        _fsync(target.parent)  # and the rename itself survives a power cut
    finally:
        tmp.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file's or a folder's contents to disk (a folder: its entries, i.e. a rename)."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # a platform without directory handles: the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def checksum_path(path: Path) -> Path:
    """Where a file's SHA-256 is kept: beside it, written when the file is (`x.parquet.sha256`)."""
    return path.with_name(path.name + ".sha256")


def write_checksum(path: Path, vintage: str, digest: str | None = None) -> str:
    """Record the file's SHA-256 and the vintage it belongs to. The vintage tells a checksum left
    behind by a crash between the file's rename and this write (another vintage) from damage to
    the file itself (the same vintage, other bytes)."""
    digest = digest or sha256_file(path)
    write_text_atomically(checksum_path(path), f"{digest}  {vintage}\n")
    return digest


def recorded_checksum(path: Path) -> tuple[str, str] | None:
    """(digest, vintage) written with the file, or None for a file from before checksums."""
    try:
        digest, _, vintage = checksum_path(path).read_text("utf-8").strip().partition("  ")
    except FileNotFoundError:
        return None
    return (digest, vintage.strip()) if digest else None


def write_text_atomically(target: Path, text: str) -> None:
    replace_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
