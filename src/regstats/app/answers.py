"""Answers to the page callbacks kept per (request, data version): the same view asked again —
a county changed back, a room of people opening the same link — is answered without running
Dash at all.

The main callback and the table behind a chart are pure functions of what the browser sends
(the URL, the controls) and of the data (data.stamp()), so an answer can be reused exactly as
it was. Downloads are not kept (large, and each asked for once)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from flask import Flask, Response, g, request

from regstats.app import data

CALLBACKS = "/_dash-update-component"
KEPT_OUTPUTS = ("main.children", '"type":"behind"')
MAX_ANSWERS = 512  # an answer is 5–60 kB of JSON: at most ~30 MB per worker
_answers: OrderedDict[tuple, bytes] = OrderedDict()
_lock = threading.Lock()


def _key() -> tuple | None:
    if request.method != "POST" or request.path != CALLBACKS:
        return None
    body = request.get_data(cache=True)  # Dash reads it again when the answer is not kept
    try:
        output = json.loads(body).get("output", "")
    except (ValueError, AttributeError):
        return None  # malformed: the app's own check answers 400
    if not isinstance(output, str) or not any(part in output for part in KEPT_OUTPUTS):
        return None
    return hashlib.sha256(body).hexdigest(), data.stamp()


def register(server: Flask) -> None:
    @server.before_request
    def reuse():
        key = _key()
        if key is None:
            return None
        with _lock:
            answer = _answers.get(key)
            if answer is not None:
                _answers.move_to_end(key)
        if answer is None:
            g.answer_key = key
            return None
        return Response(answer, mimetype="application/json")

    @server.after_request
    def keep(response: Response) -> Response:
        key = g.pop("answer_key", None)
        if key is not None and response.status_code == 200 and "Content-Encoding" not in response.headers:
            with _lock:
                _answers[key] = response.get_data()
                while len(_answers) > MAX_ANSWERS:
                    _answers.popitem(last=False)
        return response
