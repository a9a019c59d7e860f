"""A loopback HTTP server answering as SCB (PxWebApi 2.0 and v1), Konjunkturinstitutet and
Tillväxtanalys (PxWeb v1), Försäkringskassan, Arbetsförmedlingen and Kolada do, from their
recorded shapes, with switches for the faults a refresh must survive (faults.py)."""

from __future__ import annotations

import random
import threading
import time
from datetime import date
from http.server import ThreadingHTTPServer
from typing import Any

from regstats.fakes.af import FakeAf
from regstats.fakes.answers import XLSX, Answer, not_found_html
from regstats.fakes.faults import Fault, Faults, RateLimits
from regstats.fakes.fk import FakeFk
from regstats.fakes.handler import PREFIXES, FakeHandler, QuietServer
from regstats.fakes.kolada import FakeKolada, kpi_answer
from regstats.fakes.pxweb1 import (
    KI_FOLDER,
    MAX_VALUES,
    NEW_FIRMS_FOLDER,
    NEWEST,
    TVA_FOLDER,
    TVA_OTHER,
    FakePxWeb1,
    ki_table,
    new_firms_table,
    tva_table,
)
from regstats.fakes.scb import AKU_FOLDER, FakeScb, aku_table
from regstats.fakes.tables import FakeTable

ENV = {"scb1": "REGSTATS_SCB_V1_URL"}


class FakePublishers:
    """Start with `with FakePublishers() as fake:`; `fake.env()` gives the REGSTATS_*_URL variables."""

    def __init__(
        self,
        today: date | None = None,
        latency: tuple[float, float] | None = None,
        enforce_limits: bool = True,
        seed: int = 1,
        tva_generation: str = NEWEST,
        every_municipality: bool = False,
    ) -> None:
        """`every_municipality`: AF's files name all 290 municipalities (the bundled sample) rather
        than Jämtland's and three per other county (small files for the tests)."""
        today = today or date.today()
        self.today = today
        self.rate = RateLimits(enforce_limits)
        self.scb_v2 = FakeScb(today, self.rate.limits)
        self.aku: FakeTable = aku_table(today)
        self.ki: FakeTable = ki_table(today)
        self.tva: FakeTable = tva_table(today, tva_generation)
        self.new_firms: FakeTable = new_firms_table(today)
        self.af = FakeAf(today, every_municipality)
        self.fk = FakeFk(today)
        self.kolada = FakeKolada(today)
        self.fault_switches = Faults()
        self.latency = latency
        self.requests: list[tuple[str, str, str, int]] = []
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._server: ThreadingHTTPServer | None = None

    @property
    def scb(self) -> dict[str, FakeTable]:
        return self.scb_v2.tables

    @property
    def limits(self) -> dict[str, tuple[int, float]]:
        return self.rate.limits

    def use_tva_generation(self, generation: str) -> None:
        """Serve another of the monthly county table's published forms (file name, codes)."""
        self.tva = tva_table(self.today, generation)

    # ----- life cycle -------------------------------------------------------------------
    def start(self) -> FakePublishers:
        self.af.warm()
        handler = type("Handler", (FakeHandler,), {"fake": self})
        self._server = QuietServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakePublishers:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root(self) -> str:
        assert self._server, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def urls(self) -> dict[str, str]:
        return {publisher: f"{self.root}/{publisher}/{prefix}".rstrip("/") for publisher, prefix in PREFIXES.items()}

    def env(self) -> dict[str, str]:
        return {ENV.get(p, f"REGSTATS_{p.upper()}_URL"): url for p, url in self.urls().items()}

    # ----- switches ---------------------------------------------------------------------
    def add_fault(self, publisher: str, kind: str, **kwargs: Any) -> Fault:
        return self.fault_switches.add(Fault(publisher, kind, **kwargs))

    def clear_faults(self) -> None:
        self.fault_switches.active.clear()

    def count(self, publisher: str | None = None, path: str = "") -> int:
        import re

        return sum(1 for p, _, u, _ in self.requests if (publisher in (None, p)) and re.search(path, u))

    def rename_variable(self, table: FakeTable, old: str, new: str) -> None:
        table.variable(old).code = new

    def pause(self) -> None:
        if self.latency:
            with self._lock:
                delay = self._random.uniform(*self.latency)
            time.sleep(delay)

    # ----- dispatch ---------------------------------------------------------------------
    def answer(self, publisher: str, method: str, path: str, query: dict[str, str], body: Any) -> Any:
        if publisher == "scb":
            return self.scb_v2.answer(method, path, query, body, self.urls()["scb"])
        if publisher == "fk":
            return self._fk(path, query)
        if publisher == "af":
            return self._af(path)
        if publisher == "kolada":
            return self._kolada(path, query)
        trees = {
            "scb1": FakePxWeb1({AKU_FOLDER: [self.aku]}, max_values=MAX_VALUES["scb1"]),
            "ki": FakePxWeb1({KI_FOLDER: [self.ki]}, {"KonjBar": []}, MAX_VALUES["ki"]),
            "tva": FakePxWeb1(
                {TVA_FOLDER: [self.tva], NEW_FIRMS_FOLDER: [self.new_firms]},
                {TVA_FOLDER: [TVA_OTHER]},
                MAX_VALUES["tva"],
            ),
        }
        return trees[publisher].answer(method, path, body)

    def _fk(self, path: str, query: dict[str, str]) -> Any:
        parts = [p for p in path.split("/") if p]
        is_meta = parts[1:] in (["meta", "json"], ["meta.json"])
        if len(parts) in (2, 3) and is_meta and (meta := self.fk.meta(parts[0])):
            return meta
        if len(parts) == 2 and parts[1].endswith(".json"):
            return self.fk.rows(parts[0], parts[1].removesuffix(".json"), query)
        raise not_found_html()

    def _af(self, path: str) -> Any:
        if (page := self.af.page(path, root="/af")) is not None:
            return Answer(200, page, "text/html; charset=utf-8")
        if path.startswith("/download/") and (data := self.af.file(path.rsplit("/", 1)[-1])) is not None:
            return Answer(200, data, XLSX)
        raise not_found_html()

    def _kolada(self, path: str, query: dict[str, str]) -> Any:
        parts = [p for p in path.split("/") if p]
        if len(parts) == 2 and parts[0] == "kpi":
            return kpi_answer(parts[1].split(","))
        if len(parts) != 7 or parts[:2] != ["data", "kpi"] or parts[3] != "municipality" or parts[5] != "year":
            raise Answer(404, {"error": "Not found"})
        ids = parts[4].split(",")
        if len(ids) > 25:
            raise Answer(400, {"error": "At most 25 municipality ids"})
        years = [int(y) for y in parts[6].split(",")]
        return self.kolada.page(parts[2], ids, years, int(query.get("page", 1)), self.urls()["kolada"], path)
