"""Serve the regstats dashboard: `python app.py [--host 127.0.0.1] [--port 8050]`.

Binds to 127.0.0.1 with debug off by default; `--host 0.0.0.0` serves the local network.
`gunicorn app:server` serves it for many users.
"""

from __future__ import annotations

import argparse

from regstats.app.layout import build_app

app = build_app()
server = app.server


def main() -> None:
    parser = argparse.ArgumentParser(description="regstats – instrumentpanelen")
    parser.add_argument("--host", default="127.0.0.1", help="adress att lyssna på (standard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (standard 8050)")
    args = parser.parse_args()
    app.run(host=args.host, port=args.port, debug=False)


if __name__ == "__main__":
    main()
