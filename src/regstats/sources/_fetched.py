"""One answer as received, with its origin, ready to archive and to read as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from regstats.errors import ContractError


@dataclass
class Fetched:
    """One response as received, with its origin, ready to archive."""

    method: str
    url: str
    status: int
    content: bytes
    headers: dict[str, str]
    request_body: bytes | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        # PxWeb v1 servers may prefix a UTF-8 byte-order mark.
        return self.content.decode("utf-8-sig", errors="replace")

    def json(self, publisher: str | None = None) -> Any:
        text = self.text()
        stripped = text.lstrip()
        if self.content_type == "text/html" or stripped[:1] == "<":
            raise ContractError(
                "Publiceraren svarade med en HTML-sida där JSON väntades",
                publisher=publisher,
                url=self.url,
                hint="tjänsten kan ha underhåll eller ha flyttat; försök senare eller kontrollera URL:en",
            )
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ContractError(
                f"Svaret är inte giltig JSON ({exc.msg} vid tecken {exc.pos} av {len(text)}); svaret kan ha avbrutits",
                publisher=publisher,
                url=self.url,
                hint="kör refresh igen; om felet består har publiceraren ändrat format",
            ) from None
