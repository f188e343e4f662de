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

# daye-plan uses no pydantic plugins; looking them up scans every installed package's metadata
# (~70 ms of each start). setdefault keeps a user's own choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from daye_plan.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]

# Command modules register themselves on `app` when imported.
from daye_plan.cli import draft as _draft  # noqa: E402,F401
from daye_plan.cli import lint as _lint  # noqa: E402,F401
from daye_plan.cli import plans as _plans  # noqa: E402,F401
from daye_plan.cli import progress as _progress  # noqa: E402,F401
from daye_plan.cli import report as _report  # noqa: E402,F401
from daye_plan.cli import sheets as _sheets  # noqa: E402,F401
