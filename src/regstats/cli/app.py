"""The command-line application and its entry point; commands live in data.py, info.py and
meeting.py and import what they need when they run, so `regstats --help` starts quickly.

Built on click directly: its exceptions, help and parameter types are a stable public API, and its
texts are translated through gettext (regstats.cli.i18n). Every failure ends as one line,
"Fel: … — Åtgärd: …", and exit 2; never a traceback."""

from __future__ import annotations

import os
import sys

import click
from rich.text import Text

from regstats.cli.i18n import use_swedish
from regstats.cli.output import errors, plain
from regstats.errors import RegstatsError

CONTEXT = {"help_option_names": ["--help", "-h"], "max_content_width": 100}


class Command(click.Command):
    """A command whose usage line is Swedish too (click's placeholders are not in its catalog)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    command_class = Command
    group_class = type  # subgroups are Groups too

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENT]...")
        super().__init__(*args, **kwargs)


@click.group(
    cls=Group,
    help="regstats: regional arbetsmarknadsstatistik – hämta, lagra, visa och presentera.",
    context_settings=CONTEXT,
    no_args_is_help=True,
)
def app() -> None:
    pass


def _usage_line(exc: click.UsageError) -> str:
    """A usage mistake as one line, with the help command that shows the right usage."""
    command = exc.ctx.command_path if exc.ctx else "regstats"
    return f"{exc.format_message()} — Åtgärd: se `{command} --help`"


def _fail(message: str, code: int = 2) -> None:
    errors.print(Text("Fel: ", style="bold red") + plain(message), soft_wrap=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    use_swedish()
    from regstats.cli import data, info, meeting  # noqa: F401 - registers their commands on the app

    try:
        code = app.main(argv, prog_name="regstats", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # `regstats`, `regstats meeting`: the help
        click.echo(exc.ctx.get_help() if exc.ctx else "")
        sys.exit(0)
    except click.UsageError as exc:
        _fail(_usage_line(exc))
    except RegstatsError as exc:
        _fail(str(exc))
    except click.ClickException as exc:  # a file option that cannot be opened, and the like
        _fail(exc.format_message())
    except OSError as exc:  # a full disk, a read-only folder: said, not a traceback
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        _fail(f"{where}{exc.strerror or exc}")
    except (click.Abort, KeyboardInterrupt):
        errors.print("Avbrutet.")
        sys.exit(130)
    except Exception as exc:  # a fault of regstats' own: one line and how to report it
        if os.environ.get("REGSTATS_DEBUG"):
            raise
        _fail(
            f"ett oväntat fel i regstats ({type(exc).__name__}: {exc}) — Åtgärd: kör igen med REGSTATS_DEBUG=1 "
            "för hela förloppet och rapportera det",
            1,
        )
    sys.exit(code if isinstance(code, int) else 0)
