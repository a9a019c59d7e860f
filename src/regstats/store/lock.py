"""One refresh at a time: a file lock in the data folder."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from regstats.errors import StoreLockedError


@contextmanager
def refresh_lock(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / "refresh.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise StoreLockedError(
            f"En annan refresh pågår redan i {root}",
            hint="vänta tills den är klar, eller ta bort refresh.lock om ingen process kör",
        ) from None
    try:
        yield
    finally:
        lock.release()
