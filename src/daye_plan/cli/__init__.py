"""The command line: parse arguments, call the library, print, and choose the exit code.

The one place where errors become `error: path:line:col: message` lines on stderr and exit
codes (0 ok, 1 the plan has problems, 2 bad input). Each command group lives in its own
module; this one holds the app, the global options and the error handling they share.
Heavy imports (pydantic models, rich) happen inside commands, so `--version` and `--help` stay fast,
and the command modules do without `from __future__ import annotations`: Typer would otherwise
evaluate every string annotation of every command at each start (~20 ms).
"""

from __future__ import annotations

import os

# daye-plan uses no pydantic plugins: with pydantic's own switch set before anything is imported (a
# user's setting is kept), it looks for none when a model is built.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer.main
from typer.core import TyperGroup

from daye_plan.cli import adapter, helptext
from daye_plan.cli.app import app
from daye_plan.i18n import _

adapter.speak_with(_)  # Typer's words (Options, Commands, default:) from our catalog


def main() -> None:
    """Run the command line (`launch` does, with the collector set for a command's work)."""
    run(command())


def run(built: TyperGroup) -> None:
    """Run the built command line on any console: a GBK or ASCII one gets what it can carry, and
    output that cannot be written (a full disk) is one line and exit 2."""
    from daye_plan import streams

    streams.adapt_all()
    try:
        built()
    finally:
        streams.finish()


def command() -> TyperGroup:
    """The command line built: every command's parser made (what `launch` does before the collector
    is set for the command's work)."""
    built = typer.main.get_command(app)
    assert isinstance(built, TyperGroup)  # the app's class (`cli.app`), with its one-line errors
    return built


__all__ = ["app", "command", "main", "run"]

# Command modules register themselves on `app` when imported.
from daye_plan.cli import assign as _assign  # noqa: E402,F401
from daye_plan.cli import draft as _draft  # noqa: E402,F401
from daye_plan.cli import init as _init  # noqa: E402,F401
from daye_plan.cli import lint as _lint  # noqa: E402,F401
from daye_plan.cli import overview as _overview  # noqa: E402,F401
from daye_plan.cli import plans as _plans  # noqa: E402,F401
from daye_plan.cli import progress as _progress  # noqa: E402,F401
from daye_plan.cli import report as _report  # noqa: E402,F401
from daye_plan.cli import sheets as _sheets  # noqa: E402,F401

helptext.install(app)  # every command is registered by now: help wrapped and cut by columns, in our words
