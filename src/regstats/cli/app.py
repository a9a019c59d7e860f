"""The command-line application and its entry point; commands live in data.py, info.py and
meeting.py and import what they need when they run, so `regstats --help` starts quickly."""

from __future__ import annotations

import sys

import typer
from rich.text import Text

from regstats.cli.meeting import export as export_meeting
from regstats.cli.meeting import meeting_app
from regstats.cli.output import errors, plain
from regstats.errors import RegstatsError

app = typer.Typer(
    help="regstats: regional arbetsmarknadsstatistik – hämta, lagra, visa och presentera.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(meeting_app, name="meeting")
app.command("export")(export_meeting)


def main() -> None:
    try:
        code = app(standalone_mode=False)  # click returns the exit code instead of exiting
    except RegstatsError as exc:
        errors.print(Text("Fel: ", style="bold red") + plain(str(exc)), soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:  # a full disk, a read-only folder: said, not a traceback
        errors.print(Text("Fel: ", style="bold red") + plain(f"{exc.filename or ''} {exc.strerror or exc}".strip()))
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        errors.print("Avbrutet.")
        sys.exit(130)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        from click import ClickException

        if isinstance(exc, ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)
