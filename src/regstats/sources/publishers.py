"""Publishers as data: name, default base URL, the environment variable that overrides it, and
the documented limits. Per-publisher code exists only for real quirks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from regstats.catalog.model import PUBLISHER_NAMES


@dataclass(frozen=True)
class PublisherInfo:
    id: str
    name: str
    default_url: str
    env_var: str
    max_calls: int
    window_seconds: float
    max_values_per_call: int | None = None  # PxWeb v1; SCB v2 reads maxDataCells from /config

    @property
    def base_url(self) -> str:
        return os.environ.get(self.env_var, self.default_url).rstrip("/")


PUBLISHERS: dict[str, PublisherInfo] = {
    "scb": PublisherInfo(
        "scb", PUBLISHER_NAMES["scb"], "https://statistikdatabasen.scb.se/api/v2", "REGSTATS_SCB_URL", 30, 10.0
    ),
    # SCB's PxWeb v1 API (another host): only for tables without a PxWebApi 2.0 id (AKU by county).
    "scb_v1": PublisherInfo(
        "scb_v1",
        "SCB (PxWeb v1)",
        "https://api.scb.se/OV0104/v1/doris/sv/ssd",
        "REGSTATS_SCB_V1_URL",
        30,
        10.0,
        100_000,
    ),
    "ki": PublisherInfo(
        "ki",
        PUBLISHER_NAMES["ki"],
        "https://statistik.konj.se/PxWeb/api/v1/sv",
        "REGSTATS_KI_URL",
        10,
        10.0,
        1000,
    ),
    "tva": PublisherInfo(
        "tva",
        PUBLISHER_NAMES["tva"],
        "https://statistik.tillvaxtanalys.se/PxWeb/api/v1/sv",
        "REGSTATS_TVA_URL",
        10,
        10.0,
        1000,
    ),
    # FK documents no limit; stay as polite as with the PxWeb publishers.
    "fk": PublisherInfo(
        "fk",
        PUBLISHER_NAMES["fk"],
        "https://www.forsakringskassan.se/api/sprstatistikrapportera/public/v1",
        "REGSTATS_FK_URL",
        10,
        10.0,
    ),
    "af": PublisherInfo("af", PUBLISHER_NAMES["af"], "https://arbetsformedlingen.se", "REGSTATS_AF_URL", 10, 10.0),
    "kolada": PublisherInfo(
        "kolada", PUBLISHER_NAMES["kolada"], "https://api.kolada.se/v3", "REGSTATS_KOLADA_URL", 10, 10.0
    ),
}


@contextmanager
def pointed_at(urls: dict[str, str]) -> Iterator[None]:
    """Publishers' base URLs set (REGSTATS_*_URL) for the duration: fake publishers for the
    sample, a replayed archive for a rebuild. The previous values come back afterwards."""
    previous = {key: os.environ.get(key) for key in urls}
    os.environ.update(urls)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
