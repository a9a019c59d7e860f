"""Reading a fake publisher's answer in a test as the product reads it."""

from __future__ import annotations

import json
from typing import Any


def answer_json(response) -> Any:
    """JSON of an HTTP answer, decoded as regstats decodes it (sources._http.Fetched.text): PxWeb v1
    bodies start with a UTF-8 byte-order mark, which requests' own .json() refuses since 2.34."""
    return json.loads(response.content.decode("utf-8-sig"))
