"""How a fake publisher answers something other than 200 JSON: one exception the server turns
into an HTTP response, and the publishers' documented error bodies."""

from __future__ import annotations

from typing import Any

PROBLEM = "application/problem+json; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Answer(Exception):
    def __init__(self, status: int, body: Any, content_type: str = "application/json", headers=None):
        super().__init__(status)
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = headers or {}


def scb_problem(status: int, title: str, detail: str | None = None) -> Answer:
    """PxWebApi 2.0 errors (see tests/fixtures/scb/errors): RFC 7807 problem details."""
    body: dict[str, Any] = {"type": "Parameter error", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return Answer(status, body, PROBLEM)


def not_found_html() -> Answer:
    return Answer(404, "<html><body>Sidan finns inte</body></html>", "text/html; charset=utf-8")
