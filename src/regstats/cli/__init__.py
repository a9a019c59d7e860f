"""regstats on the command line (`regstats --help`)."""

from regstats.cli import data, info, meeting, notes, site  # noqa: F401 - registers their commands on the app
from regstats.cli.app import app, main

__all__ = ["app", "main"]
